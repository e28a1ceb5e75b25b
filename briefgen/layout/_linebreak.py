"""Line breaking for Chinese text under 避头尾 (kinsoku) rules, measured in em.

The text is analysed once (cached per string): per-character widths as prefix sums and
a table of legal break positions.  Breaking at a given width is then greedy, one bisect
per line, so the fitting engine can try many font sizes cheaply.

Legal breaks: between CJK characters, between CJK and Latin, and after a run of spaces
(the spaces stay at the end of the earlier line).  Runs of narrow characters ("66wz.com",
"COVID-19", "10.5%") are unbreakable words.  No break before a NO_LINE_START character
or after a NO_LINE_END one, which keeps "。”" with the character before it and "“" with
the one after it.  A run of ×× (a name to fill in, ××区) does not break either.
``\\n`` is a mandatory break and stays at the end of its line.

When a line holds no legal break at all (a word or a punctuation cluster wider than the
line), it is broken by characters, still avoiding 避头尾 positions when it can.

Widths come from the width tables of `_measure`, or from a `Measurer` (``measurer=`` and
``bold=`` on `break_lines`, `lines_needed` and `balanced_lines`): the break positions are
the same, only where the lines end depends on the widths.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from itertools import accumulate, pairwise
from math import isfinite
from typing import TYPE_CHECKING, NamedTuple

from ._measure import _is_fullwidth, _prefix_widths, char_width, line_starts
from ._wordbreak import word_break

if TYPE_CHECKING:
    from ._measurer import Measurer, Strong

__all__ = [
    "NO_LINE_END",
    "NO_LINE_START",
    "balanced_lines",
    "break_lines",
    "lines_needed",
    "widest_unit",
]

NO_LINE_START: frozenset[str] = frozenset(
    "，。、；：？！”’）》】」』〕〉〗〙〛］｝〞〟…—·・％‰°′″℃ー々〃｡､,.;:?!)]}%"
)
"""Characters that may not begin a line (closing punctuation and the like)."""

NO_LINE_END: frozenset[str] = frozenset("“‘（《【「『〔〈〖〘〚［｛〝([{")
"""Characters that may not end a line (opening punctuation)."""

_EPS = 1e-6
_BALANCE_TOL = 1e-4

# Character classes for the break table (low nibble) and the "narrow" flag.
_AL, _ID, _OP, _CL, _SP, _NL, _CM, _GL, _ZW = range(9)
_NARROW = 0x10
_CLASS = 0x0F
_BREAK_SPACES = frozenset(" \t\u3000")
_GLUE = frozenset("\u00a0\u202f\u2060\ufeff\u200d")  # no break on either side
_NO_SPLIT_BEFORE = frozenset({_SP, _CM, _ZW, _GL})
_NO_BREAK_BEFORE = frozenset({_CL, _NL, _SP, _CM, _GL, _ZW})
"""Classes no line may start with (a break before them is never legal)."""
_NO_BREAK_AFTER = frozenset({_OP, _GL, _NL})
"""Classes of the last base character after which no break is legal."""
_NO_BREAK_AFTER_SPACES = frozenset({_OP, _GL})
"""After a run of spaces, no break when the spaces follow one of these."""
TERM_WHOLE = 5
"""A quoted term of at most this many characters between its marks is not broken inside."""
_PLACEHOLDER = "×"
"""The mark a run of which stands for a name still to be filled in; no break inside the run."""


@lru_cache(maxsize=65536)
def _char_code(ch: str) -> int:
    """Break class of one character, ORed with ``_NARROW`` for narrow word characters."""
    if ch == "\n":
        return _NL
    if ch in _BREAK_SPACES:
        return _SP
    if ch in _GLUE:
        return _GL
    if ch == "\u200b":
        return _ZW
    category = unicodedata.category(ch)
    if category[0] == "M" or category in ("Cc", "Cf"):
        return _CM
    narrow = 0 if _is_fullwidth(ch) or category[0] == "Z" else _NARROW
    if ch in NO_LINE_START:
        return _CL | narrow
    if ch in NO_LINE_END:
        return _OP | narrow
    return (_AL | narrow) if narrow else _ID


@lru_cache(maxsize=65536)
def _is_cjk(ch: str) -> bool:
    """Whether a character is a full-width letter or digit (ideograph, kana, hangul)."""
    return unicodedata.east_asian_width(ch) in ("W", "F") and unicodedata.category(ch)[0] in "LN"


class _Analysis(NamedTuple):
    """Width-independent facts about one text, shared by every width tried."""

    text: str
    cls: bytes  # break class per character (low nibble of _char_code)
    prefix: list[float]  # prefix[i] = width of text[:i]
    starts: list[float]  # starts[i] = prefix[i] + the autospace a line break at i removes
    prev_legal: list[int]  # largest legal break position <= i (0 if none)
    loose: list[int]  # the same, counting breaks inside short quoted terms as legal
    segments: list[tuple[int, int]]  # [start, end) of each hard-break paragraph
    hyphen: Callable[[str], float]  # width of a hyphen drawn after a character (kerned)


@lru_cache(maxsize=512)
def _analyse(
    text: str, measurer: Measurer | None = None, bold: bool = False, strong: Strong = ()
) -> _Analysis:
    """Classify characters and find legal break positions; O(n), cached per text.

    Widths come from ``measurer`` (in its regular or bold face, the ``strong`` spans bold)
    when one is given, else from the width tables of `_measure`.
    """
    n = len(text)
    codes = list(map(_char_code, text))
    legal = bytearray(n + 1)
    legal[n] = 1
    base = -1  # last character that is not a combining mark
    last_ns = -1  # last non-space, non-mark character of the current paragraph
    segments: list[tuple[int, int]] = []
    seg_start = 0
    placeholders = _PLACEHOLDER in text
    previous = _NL  # the class before the first character: no break is looked for there
    for i, code in enumerate(codes):
        k = code & _CLASS
        # The break rule, inline (a cold build runs it for ~5,000 characters): a break after
        # a newline; none before a closer, space, mark, glue or newline; after spaces unless
        # they follow an opener; none after an opener or glue, nor inside a narrow word.
        if i == 0:
            pass
        elif previous == _NL:
            legal[i] = 1
        elif k in _NO_BREAK_BEFORE or base < 0:
            pass
        else:
            a = codes[base]
            ka = a & _CLASS
            if ka == _SP:
                legal[i] = last_ns >= 0 and codes[last_ns] & _CLASS not in _NO_BREAK_AFTER_SPACES
            elif ka not in _NO_BREAK_AFTER and not a & code & _NARROW:
                legal[i] = 1
        if placeholders and i and text[i] == _PLACEHOLDER == text[i - 1]:
            legal[i] = 0  # ×× or ××× stands for one name (××区, 主讲：×××)
        previous = k
        if k == _NL:
            segments.append((seg_start, i + 1))
            seg_start, last_ns = i + 1, -1
        elif k not in (_CM, _SP):
            last_ns = i
        if k != _CM:
            base = i
    if seg_start < n or not segments:
        segments.append((seg_start, n))
    loose = list(accumulate((i if flag else 0 for i, flag in enumerate(legal)), max))
    prev_legal = loose if not _keep_terms_whole(text, legal) else _last_legal(legal)
    if measurer is None:
        prefix, starts = _prefix_widths(text), line_starts(text)
        hyphen = _table_hyphen
    else:
        prefix, starts = measurer.prefix_and_starts(text, bold=bold, strong=strong)
        hyphen = partial(_hyphen_after, measurer)
    classes = bytes(c & _CLASS for c in codes)
    return _Analysis(text, classes, prefix, starts, prev_legal, loose, segments, hyphen)


def _last_legal(legal: bytearray) -> list[int]:
    return list(accumulate((i if flag else 0 for i, flag in enumerate(legal)), max))


def _keep_terms_whole(text: str, legal: bytearray) -> bool:
    """No break inside a short quoted term (“两个健康”, “十四五”: letters and digits only, not a
    quoted sentence), which split over two lines reads as two words; whether there was one. A line too narrow for the term still breaks
    inside it, where it could before (`_Analysis.loose`)."""
    found = False
    start = text.find("“")
    while start >= 0:
        end = text.find("”", start + 1, start + 2 + TERM_WHOLE)
        if end > 0 and all(_is_cjk(ch) or ch.isalnum() for ch in text[start + 1 : end]):
            legal[start + 1 : end] = bytes(end - start - 1)
            found = True
        start = text.find("“", start + 1)
    return found


def _table_hyphen(ch: str) -> float:
    """The width tables' hyphen, whatever it follows."""
    return char_width("-")


@lru_cache(maxsize=4096)
def _hyphen_after(measurer: Measurer, ch: str) -> float:
    """How much a hyphen drawn after `ch` adds to a line, kerning included, in the wider of
    the two weights (a word broken inside may be emphasis, drawn bold)."""
    return max(measurer.em(ch + "-", bold=b) - measurer.em(ch, bold=b) for b in (False, True))


def _trim_end(cls: bytes, start: int, end: int) -> int:
    """End of ``[start, end)`` with trailing spaces and newline removed."""
    while end > start and cls[end - 1] in (_SP, _NL):
        end -= 1
    return end


def _line_width(an: _Analysis, start: int, end: int) -> float:
    """Width of ``text[start:end]`` as used for fitting (trailing spaces ignored)."""
    return an.prefix[_trim_end(an.cls, start, end)] - an.starts[start]


def _forced_break(cls: bytes, start: int, hi: int, content_end: int) -> int:
    """Break position in ``(start, hi]`` for a line with no legal break.

    Prefers the latest position that respects 避头尾, then the latest that only puts a
    closing character at the next line start (or an opener at this line's end).
    """
    if hi >= content_end:
        return content_end
    fallback = 0
    for p in range(hi, start, -1):
        k = cls[p]
        if k in _NO_SPLIT_BEFORE:
            continue
        if k != _CL and cls[p - 1] not in (_OP, _GL):
            return p
        fallback = fallback or p
    return fallback or hi


def _break_segment(an: _Analysis, seg: tuple[int, int], width: float, out: list[int]) -> None:
    """Greedy breaks for one paragraph; appends line end positions to ``out``."""
    cls, prefix, starts, prev_legal = an.cls, an.prefix, an.starts, an.prev_legal
    start, end = seg
    content_end = end - 1 if end > start and cls[end - 1] == _NL else end
    limit = width + _EPS
    closer_start = False  # the previous break was forced in front of a closing character
    s = start
    while True:
        nxt = -1
        if closer_start:  # keep the stranded closing run on a line of its own
            q = s
            while q < content_end and cls[q] in (_CL, _CM):
                q += 1
            if prefix[q] - starts[s] <= limit:
                while q < content_end and cls[q] == _SP:
                    q += 1
                nxt = q
        if nxt < 0:
            e = bisect_right(prefix, starts[s] + limit, s, content_end + 1) - 1
            while e < content_end and cls[e] == _SP:
                e += 1
            if e >= content_end:
                nxt = content_end
            elif prev_legal[e] > s and not _term_costs_a_line(an, s, prev_legal[e], e, limit):
                nxt = prev_legal[e]
            elif an.loose[e] > s:  # a line narrower than a short quoted term: break inside it
                nxt = an.loose[e]
            else:
                inside = word_break(an.text, s, e, prefix, starts[s], limit, an.hyphen)
                nxt = inside or _forced_break(cls, s, max(e, s + 1), content_end)
        if nxt >= content_end:
            out.append(end)
            return
        out.append(nxt)
        closer_start = cls[nxt] == _CL  # only a forced break lands before a closer
        s = nxt


def _term_costs_a_line(an: _Analysis, s: int, at: int, e: int, limit: float) -> bool:
    """Whether the break at `at` keeps a short quoted term whole at too high a price: the
    line from `s` would hold one character (成一件 / 的 / “滚雪球效应”), or no line can
    hold the term (a card of 6 em and “五城五高地”). Breaking inside it then reads better."""
    if an.loose[e] <= at:
        return False
    if _one_character(an, s, at):
        return True
    q = at + 1
    while q < len(an.text) and an.prev_legal[q] != q:
        q += 1
    return an.prefix[q] - an.starts[at] > limit


def _one_character(an: _Analysis, start: int, end: int) -> bool:
    """Whether the line `[start, end)` holds one CJK character (and its punctuation)."""
    return _single_unit_core(an, start, end) == 1 and _is_cjk(an.text[start])


def _single_unit_core(an: _Analysis, start: int, end: int) -> int:
    """Characters on a line after dropping trailing spaces, newline and closing punctuation."""
    stop = _trim_end(an.cls, start, end)
    while stop > start and an.cls[stop - 1] == _CL:
        stop -= 1
    return stop - start


def _pull_down_last(an: _Analysis, breaks: list[int], width: float, *, cjk_only: bool) -> None:
    """Move the break before each paragraph's one-character last line one legal break earlier.

    With ``cjk_only`` (the orphan rule of ``break_lines``) the lone character must be CJK
    and the previous line must hold at least 3 characters.  The moved break must be legal
    and the new last line must still fit ``width``.
    """
    starts = [0, *breaks[:-1]]
    for k in range(1, len(breaks)):
        b, end, a = starts[k], breaks[k], starts[k - 1]
        if an.cls[b - 1] == _NL or not (k == len(breaks) - 1 or an.cls[end - 1] == _NL):
            continue  # not the last line of a paragraph with two lines or more
        if _single_unit_core(an, b, end) != 1:
            continue
        if cjk_only and (not _is_cjk(an.text[b]) or _trim_end(an.cls, a, b) - a < 3):
            continue
        p = an.prev_legal[b - 1]
        if p <= a or _one_character(an, a, p):
            # the line is one short quoted term (“五城五高 / 地”), or keeping the term whole
            # would leave one character above it (成一件 / 的 / “滚雪球效应”): break inside it
            p = an.loose[b - 1]
        if p > a and _line_width(an, p, end) <= width + _EPS:
            breaks[k - 1] = p
            starts[k] = p


def _compute_breaks(an: _Analysis, width: float, avoid_orphan: bool) -> list[int]:
    """Line end positions (the last one is ``len(text)``) for greedy breaking at ``width``."""
    breaks: list[int] = []
    for seg in an.segments:
        _break_segment(an, seg, width, breaks)
    if avoid_orphan and len(breaks) > 1:
        _pull_down_last(an, breaks, width, cjk_only=True)
    return breaks


@lru_cache(maxsize=4096)
def _breaks(
    text: str,
    width: float,
    avoid_orphan: bool,
    measurer: Measurer | None = None,
    bold: bool = False,
    strong: Strong = (),
) -> tuple[int, ...]:
    """Cached ``_compute_breaks`` keyed on the text itself (and the measurer and weights)."""
    return tuple(_compute_breaks(_analyse(text, measurer, bold, strong), width, avoid_orphan))


def _check_width(width_em: float) -> None:
    """Reject widths no line could be laid out in."""
    if not (isfinite(width_em) and width_em > 0):
        raise ValueError(f"width_em must be a positive finite number, got {width_em!r}")


def _split(text: str, breaks: list[int] | tuple[int, ...]) -> list[str]:
    """Cut ``text`` at the given line end positions."""
    return [text[a:b] for a, b in pairwise([0, *breaks])]


def _max_width(an: _Analysis, breaks: list[int] | tuple[int, ...]) -> float:
    """Widest line of a breaking, in em (trailing spaces ignored)."""
    return max(_line_width(an, a, b) for a, b in pairwise([0, *breaks]))


def _max_unit_width(an: _Analysis, *, loose: bool = False) -> float:
    """Widest unbreakable run between consecutive legal break positions (with `loose`,
    counting breaks inside short quoted terms, which a line narrower than the term uses)."""
    n = len(an.text)
    legal = an.loose if loose else an.prev_legal
    positions = [0, *(i for i in range(1, n + 1) if legal[i] == i)]
    return max((_line_width(an, a, b) for a, b in pairwise(positions)), default=0.0)


def widest_unit(text: str, *, measurer: Measurer | None = None, bold: bool = False) -> float:
    """Width in em of the widest run of ``text`` no legal break divides ("COVID-19", "。”").

    Maps a text to the narrowest line width at which `break_lines` needs no forced break.
    """
    return _max_unit_width(_analyse(text, measurer, bold), loose=True)


def break_lines(
    text: str,
    width_em: float,
    *,
    avoid_orphan: bool = True,
    measurer: Measurer | None = None,
    bold: bool = False,
    strong: Strong = (),
) -> list[str]:
    """Greedy line breaking by 避头尾 rules.

    Maps ``text`` and a line width in em to its lines; ``"".join(lines) == text``, each
    line fits ``width_em`` (trailing spaces and newline not counted) unless a single
    character is wider.  With ``avoid_orphan`` a lone CJK character on a paragraph's last
    line pulls one more unit down from the line above.  Empty text gives ``[""]``.
    Widths are ``measurer``'s (``bold`` picks its bold face; ``strong`` spans are set bold),
    else the width tables'.
    """
    _check_width(width_em)
    return _split(text, _breaks(text, width_em, avoid_orphan, measurer, bold, strong))


def lines_needed(
    text: str,
    width_em: float,
    *,
    measurer: Measurer | None = None,
    bold: bool = False,
    strong: Strong = (),
) -> int:
    """Number of lines ``break_lines(text, width_em)`` produces (same ``measurer``, ``bold``).

    Maps text and width to a line count without building the line strings (the orphan
    rule never changes the count, so it is skipped).
    """
    _check_width(width_em)
    return len(_breaks(text, width_em, False, measurer, bold, strong))


def balanced_lines(
    text: str,
    width_em: float,
    *,
    measurer: Measurer | None = None,
    bold: bool = False,
    strong: Strong = (),
) -> list[str]:
    """Same line count as break_lines at width_em, but lines as even as possible.

    Maps text and a maximum width to lines broken at the smallest width that keeps the
    line count of ``break_lines(text, width_em)`` (bisection over widths, never below the
    widest unbreakable unit), then avoids a one-character last line where a legal break
    allows it.  The widest line is never wider than with ``break_lines``.  One line gives
    ``[text]``.  Widths are ``measurer``'s (``bold`` picks its bold face), else the tables'.
    """
    _check_width(width_em)
    an = _analyse(text, measurer, bold, strong)
    greedy = _breaks(text, width_em, True, measurer, bold, strong)
    count = len(greedy)
    if count <= 1:
        return [text]
    greedy_max = _max_width(an, greedy)
    whole = not _splits_a_term(an, greedy)  # greedy keeps every short quoted term whole
    hi = _max_width(an, _breaks(text, width_em, False, measurer, bold, strong))
    lo = min(_max_unit_width(an), hi)
    while hi - lo > _BALANCE_TOL:
        mid = (lo + hi) / 2
        trial = _compute_breaks(an, mid, False)
        if len(trial) == count and not (whole and _splits_a_term(an, trial)):
            hi = _max_width(an, trial)  # an achieved width: breaking at it gives `trial`
        else:
            lo = mid
    breaks = _compute_breaks(an, hi, True)
    if (
        len(breaks) != count
        or _max_width(an, breaks) > greedy_max + _EPS
        or (whole and _splits_a_term(an, breaks))
    ):
        breaks = list(greedy)
    _pull_down_last(an, breaks, _max_width(an, breaks), cjk_only=False)
    _pull_down_last(an, breaks, greedy_max, cjk_only=False)
    if len(breaks) == 2 and len(an.segments) == 1:  # one paragraph on two lines
        breaks = _at_punctuation(an, breaks, greedy_max)
    return _split(text, breaks)


def _splits_a_term(an: _Analysis, breaks: Sequence[int]) -> bool:
    """Whether a line break falls inside a short quoted term (legal only when counting such
    breaks: evening the lines out must not split a term the greedy lines keep whole)."""
    return any(an.prev_legal[p] != p for p in breaks[:-1])


def _at_punctuation(an: _Analysis, breaks: list[int], widest: float) -> list[int]:
    """Two balanced lines broken where the text pauses (before an opening bracket or quote,
    after punctuation or a space) when that costs the wider line at most a sixth more
    (at least 1 em) and both lines keep two characters: 市委十二届十一次全体 / （扩大）会议精神,
    not 市委十二届十一次全 / 体（扩大）会议精神."""
    end = breaks[1]
    best, best_width = breaks, _max_width(an, breaks)
    if an.cls[breaks[0]] == _OP or an.cls[breaks[0] - 1] in (_CL, _SP):
        return breaks  # already at a pause
    limit = min(widest, best_width + max(1.0, best_width / 6)) + _EPS
    found: list[int] | None = None
    found_width = limit
    for p in range(2, end - 1):
        if an.prev_legal[p] != p or not (an.cls[p] == _OP or an.cls[p - 1] in (_CL, _SP)):
            continue
        if _single_unit_core(an, 0, p) < 2 or _single_unit_core(an, p, end) < 2:
            continue
        width = _max_width(an, (p, end))
        if width <= found_width:
            found, found_width = [p, end], width
    return found if found is not None else best
