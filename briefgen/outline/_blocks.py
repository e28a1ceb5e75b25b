"""Block scalars (`|` and `>`) as slide text: YAML's line breaks, Chinese-aware folding.

Maps a block scalar node, the value YAML gave it and the file's text → the value the outline
holds. Two rules on top of YAML's:

- **Folding (`>`) between Chinese characters adds no space.** YAML joins the lines of a
  folded block with a space, which is right between Latin words and wrong in Chinese
  (`突破，⎵锚定`). A fold is dropped where both neighbours are wide (CJK ideographs, kana,
  full-width forms and the quotation marks, dashes and ellipsis Chinese sets full width),
  and where it follows Chinese closing punctuation (`，。；：？！）》”…`) or precedes Chinese
  opening punctuation (`（《“`), which carry their own space. Elsewhere (Latin words, a
  Chinese character next to a Latin word or a digit) the space stays. This follows CSS Text
  3's segment-break rule, extended to the punctuation Chinese text sets full width.
- **A final line break ends the text.** `|` and `>` keep the block's last line break
  (`|+` all of them); on a slide it would only draw an empty line, so it is dropped.

Every other line break of a `|` block is kept: it is one line break on the slide.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import yaml

_WIDE_PUNCTUATION = frozenset("“”‘’…—·")
"""Ambiguous-width marks that Chinese text sets full width (by the CJK face)."""

_CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…")
"""Chinese punctuation after which a fold adds no space (it has its own)."""

_OPENING = frozenset("（《「『【〔〈“‘")
"""Chinese punctuation before which a fold adds no space."""


def _wide(ch: str) -> bool:
    """Whether `ch` is set full width in Chinese text (Hangul excepted, as in CSS)."""
    if ch in _WIDE_PUNCTUATION:
        return True
    if unicodedata.east_asian_width(ch) not in ("W", "F", "H"):
        return False
    return not unicodedata.name(ch, "").startswith("HANGUL")


def fold_space(before: str, after: str) -> str:
    """What a `>` fold between `before` and `after` becomes: a space, or nothing."""
    if before in _CLOSING or after in _OPENING or (_wide(before) and _wide(after)):
        return ""
    return " "


@lru_cache(maxsize=2)
def _line_offsets(text: str) -> tuple[int, ...]:
    """The offset of the start of each line of `text` (lines end at LF)."""
    offsets = [0]
    offsets.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return tuple(offsets)


def _offset(text: str, mark: yaml.Mark) -> int | None:
    """The character offset of a YAML mark (its line and column) in `text`."""
    offsets = _line_offsets(text)
    if mark.line >= len(offsets):
        return None
    offset = offsets[mark.line] + mark.column
    return offset if offset <= len(text) else None


def _literal(node: yaml.ScalarNode, text: str) -> str | None:
    """A folded block's lines as YAML reads them with `|`: its line breaks all kept."""
    start, end = _offset(text, node.start_mark), _offset(text, node.end_mark)
    if start is None or end is None or not text.startswith(">", start):
        return None
    source = "|" + text[start + 1 : end]
    try:
        value = yaml.safe_load(source)
    except yaml.YAMLError:
        return None
    return value if isinstance(value, str) else None


def _refold(folded: str, literal: str) -> str | None:
    """`folded` with each fold YAML made decided by `fold_space`; None if they do not align.

    A fold is where the literal reading has one line break and the folded reading a space;
    runs of line breaks (empty lines, more-indented lines) are copied from `folded`."""
    out: list[str] = []
    i = j = 0
    while i < len(literal) and j < len(folded):
        if literal[i] != "\n":
            if literal[i] != folded[j]:
                return None
            out.append(folded[j])
            i, j = i + 1, j + 1
            continue
        n = len(literal) - i - len(literal[i:].lstrip("\n"))
        m = len(folded) - j - len(folded[j:].lstrip("\n"))
        if n == 1 and m == 0 and folded[j] == " ":
            before = literal[i - 1] if i else ""
            after = literal[i + 1] if i + 1 < len(literal) else ""
            out.append(fold_space(before, after) if before and after else " ")
            i, j = i + 1, j + 1
        elif m in (n, n - 1) and m > 0:
            out.append("\n" * m)
            i, j = i + n, j + m
        else:
            return None
    if i < len(literal) or j < len(folded):
        return None
    return "".join(out)


def block_text(node: yaml.ScalarNode, value: str, text: str) -> str:
    """The text a `|` or `>` block holds on a slide: folds decided, final line breaks dropped."""
    if node.style == ">":
        literal = _literal(node, text)
        if literal is not None:
            refolded = _refold(value, literal)
            if refolded is not None:
                value = refolded
    return value.rstrip("\n")


__all__ = ["block_text", "fold_space"]
