"""The stress checks: each takes one built and rendered deck and returns its problems, one
line per outline, slide and word.

Maps a `StressDeck` → problems for: words inside their shapes and on the page, no overlap
between shapes, no re-wrap, 避头尾 at line breaks, every outline text in the deck, body text
≥ 18 pt, and a positioned warning for every compromise. `CHECKS` names them for the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from _deckfixtures import outline_strings, read_back
from _stress import BODY_ROLES, CONTINUED, SHORTENED, StressDeck, Word
from _stress_words import box_text, paired, rendered_lines

from briefgen.errors import Diagnostic
from briefgen.layout import NO_LINE_END, NO_LINE_START, LaidSlide, TableBlock, TextBlock
from briefgen.theme import Theme

BROKEN_WORD = re.compile(r"([A-Za-z])-?\v([A-Za-z])")
"""A Latin word broken at a line break (a:br, read back as a vertical tab): `read_back` drops
the hyphen the layout draws there (a run of its own), so the outline has the word whole (or
with its own hyphen, so both readings are tried). That the hyphen is drawn is checked by
tests/test_wordbreak.py and tests/test_text_pdf.py."""


def check_inside(deck: StressDeck) -> list[str]:
    """Every word lies on the page and inside its own shape's box (± 2 pt)."""
    problems = []
    for slide, page, assigned, shapes in paired(deck):
        for word in page.words:
            if (
                word.x0 < -0.5
                or word.y0 < -0.5
                or word.x1 > page.width + 0.5
                or (word.y1 > page.height + 0.5)
            ):
                problems.append(f"{deck.where(slide)}: {word.text!r} at {box_text(word)} is off the "
                                f"{page.width:.0f}×{page.height:.0f} pt page")  # fmt: skip
        for shape, words in assigned.by_region.items():
            for word in words:
                if not shape.holds(word):
                    problems.append(f"{deck.where(slide)}: {word.text!r} at {box_text(word)} is "
                                    f"outside its shape {shape.describe()}")  # fmt: skip
        for word in assigned.strays:
            near = min(shapes, key=lambda s: s.distance(word)) if shapes else None
            problems.append(f"{deck.where(slide)}: {word.text!r} at {box_text(word)} is in no "
                            f"shape's text (nearest: {near.describe() if near else 'none'})")  # fmt: skip
    return problems


def _overlap(a: Word, b: Word, inset: float = 1.0) -> bool:
    return (
        min(a.x1, b.x1) - max(a.x0, b.x0) > 2 * inset
        and min(a.y1, b.y1) - max(a.y0, b.y0) > 2 * inset
    )


def check_overlap(deck: StressDeck) -> list[str]:
    """No two shapes' words overlap (boxes from different shapes do not intersect)."""
    problems = []
    for slide, _page, assigned, _shapes in paired(deck):
        placed = [(s, w) for s, words in assigned.by_region.items() for w in words]
        for i, (shape, word) in enumerate(placed):
            for other, word2 in placed[i + 1 :]:
                if other is not shape and _overlap(word, word2):
                    problems.append(
                        f"{deck.where(slide)}: {word.text!r} of {shape.label} overlaps "
                        f"{word2.text!r} of {other.label} at {box_text(word)}"
                    )
    return problems


def check_lines(deck: StressDeck) -> list[str]:
    """LibreOffice draws no more lines in a shape than the layout broke its text into."""
    problems = []
    for slide, _page, assigned, _shapes in paired(deck):
        for shape, words in assigned.by_region.items():
            drawn = rendered_lines(shape, words)
            if len(drawn) > shape.lines:
                texts = [" ".join(w.text for w in line)[:30] for line in drawn]
                problems.append(f"{deck.where(slide)}: {shape.label} planned {shape.lines} "
                                f"line(s), LibreOffice drew {len(drawn)}: {texts}")  # fmt: skip
    return problems


def check_punctuation(deck: StressDeck) -> list[str]:
    """No drawn line starts with closing punctuation or ends with opening punctuation where
    a line break put it (a paragraph's own first and last characters are the writer's)."""
    problems = []
    for slide, _page, assigned, _shapes in paired(deck):
        for shape, words in assigned.by_region.items():
            for line in rendered_lines(shape, words):
                text = "".join(w.text for w in line)
                for bullet in sorted(shape.bullets, key=len, reverse=True):
                    if text.startswith(bullet) and len(text) > len(bullet):
                        text = text[len(bullet) :]
                        break
                starts = any(p.startswith(text) for p in shape.paragraphs)
                ends = any(p.endswith(text) for p in shape.paragraphs)
                if text[0] in NO_LINE_START and not starts:
                    problems.append(f"{deck.where(slide)}: a line of {shape.label} starts "
                                    f"with {text[0]!r}: {text[:20]!r}")  # fmt: skip
                if text[-1] in NO_LINE_END and not ends:
                    problems.append(f"{deck.where(slide)}: a line of {shape.label} ends with "
                                    f"{text[-1]!r}: {text[-20:]!r}")  # fmt: skip
    return problems


def _longest_prefix_in(text: str, haystack: str) -> int:
    """How many leading characters of `text` occur together in `haystack` (binary search:
    a prefix that occurs has every shorter prefix occurring too)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if text[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    return low


def spans_slides(wanted: str, pages: Sequence[str]) -> bool:
    """`wanted` is on one page, or continued over consecutive pages: each page holds the
    longest piece it can of what is left, and the next page carries on (anything else on a
    page, such as a term repeated as a “（续）” heading, may stand between the pieces)."""
    for start, page in enumerate(pages):
        if wanted in page:
            return True
        rest, at = wanted, start
        while at < len(pages):
            taken = _longest_prefix_in(rest, pages[at])
            if taken == 0:
                break
            rest, at = rest[taken:].lstrip(), at + 1
            if not rest:
                return True
    return False


def spaced(text: str) -> str:
    """Text compared as words: whitespace (a line break too) counts only between two Latin
    letters or digits, as one space ("Weekly Review" ≠ "WeeklyReview"; 突破， 锚定 = 突破，锚定)."""
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" (?![A-Za-z0-9])|(?<![A-Za-z0-9]) ", "", text)


def check_strings(deck: StressDeck) -> list[str]:
    """Every text of the (expanded) outline is in the slides or the notes, read back: on
    one slide, or continued over consecutive slides. Words stay words: a Latin word broken
    across lines reads back whole (its drawn hyphen is checked by tests/test_wordbreak.py)."""
    slides = read_back(deck.pptx)
    pages = [spaced(s.text) for s in slides]
    joined = [spaced(BROKEN_WORD.sub(r"\1\2", s.text)) for s in slides]  # "Counter-⏎revo…"
    notes = [spaced(s.notes) for s in slides]
    problems = []
    for where, text in outline_strings(deck.expanded):
        wanted = spaced(text)
        if wanted and not any(spans_slides(wanted, texts) for texts in (pages, joined, notes)):
            problems.append(f"{deck.label}: {where} is not in the deck: {text[:40]!r}")
    return problems


def check_sizes(deck: StressDeck, minimum: float = 18.0) -> list[str]:
    """Body text (a content slide's body roles and table cells) is never below 18 pt."""
    from pptx import Presentation

    problems = []
    for number, slide in enumerate(Presentation(str(deck.pptx)).slides, start=1):
        for shape in slide.shapes:
            role = shape.name.rsplit(" ", 1)[0]
            if shape.has_table:
                frames = [c.text_frame for row in shape.table.rows for c in row.cells]
            elif role in BODY_ROLES and shape.has_text_frame:
                frames = [shape.text_frame]
            else:
                continue
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        if run.font.size is not None and run.font.size.pt < minimum - 0.01:
                            problems.append(
                                f"{deck.label} slide {number}: {role} run {run.text[:16]!r} is "
                                f"{run.font.size.pt:g} pt (< {minimum:g})"
                            )
    return problems


SHRINKS_TO_MIN_BODY = (BODY_ROLES - {"caption"}) | {"divider-lead", "agenda-title", "subtitle"}
"""Roles that start above the theme's `min-body` and shrink towards it (a caption is set at
`min-body` from the start, so being there is no compromise)."""


def _minimum(role: str, theme: Theme, kind: str) -> float | None:
    """The theme minimum a text of this role may shrink to, if the theme states one."""
    sizes = theme.sizes
    if role in SHRINKS_TO_MIN_BODY:
        return sizes.min_body
    if role == "title" and kind == "cover":
        return sizes.min_cover_title
    if role == "title":
        return sizes.min_title
    return None


def _by_design(block: TextBlock, heads: list[float]) -> bool:
    """A text at its minimum by the design's rule, not to fit: a divider lead kept on one line
    (deck-style.md: "a one-line lead"), or a card's text set 2 pt under its head (the card's
    hierarchy) when that is already the minimum."""
    if block.role == "divider-lead":
        return sum(len(p.lines) for p in block.paragraphs) == 1
    if block.role == "item-text" and heads:
        return block.size >= min(heads) - 2 - 0.01
    return False


Scope = Literal["slide", "section", "deck"]
"""Where a compromise's warning must point: the slide (its outline slide, or the deck's own
texts for the cover, agenda and closing), its section (a shortened section label), or any
deck-level text (a shortened footer, made of organiser, date, …)."""


CHROME_SCOPE: dict[str, Scope] = {"title": "slide", "page": "slide", "section": "section",
                                  "footer": "deck"}  # fmt: skip
"""The frame every content slide repeats, which may be shortened with “…” (with a warning
where the scope says)."""


def compromises(deck: StressDeck, slide: LaidSlide) -> list[tuple[Scope, str]]:
    """What the layout gave up on this slide: text at its role's minimum size, a
    continuation page, chrome shortened with “…” (read from the laid deck, not the warnings)."""
    found: list[tuple[Scope, str]] = []
    haystack = "\n".join(text for _, text in outline_strings(deck.expanded))
    if slide.part[1] > 1 or CONTINUED in slide.title:
        found.append(("slide", f"continuation (part {slide.part[0]} of {slide.part[1]})"))
    heads = [e.size for e in slide.elements if isinstance(e, TextBlock) and e.role == "head"]
    for element in slide.elements:
        if isinstance(element, TextBlock):
            low = _minimum(element.role, deck.theme, slide.kind)
            if low is not None and element.size <= low + 0.01 and not _by_design(element, heads):
                found.append(("slide", f"{element.role} at the minimum {element.size:g} pt"))
            shortened = SHORTENED in element.text and SHORTENED not in haystack
            if element.role in CHROME_SCOPE and shortened:
                what = f"{element.role} shortened: {element.text[:20]!r}"
                found.append((CHROME_SCOPE[element.role], what))
        elif isinstance(element, TableBlock) and element.size <= deck.theme.sizes.min_body + 0.01:
            found.append(("slide", f"table at the minimum {element.size:g} pt"))
    return found


def _positioned(warning: Diagnostic) -> bool:
    return warning.file is not None and warning.line is not None and warning.column is not None


def _under(warning: Diagnostic, path: str) -> bool:
    return warning.path == path or warning.path.startswith((path + ".", path + "["))


def _covers(warning: Diagnostic, scope: Scope, site: Diagnostic, slide: LaidSlide) -> bool:
    """The warning is positioned where this compromise must be reported."""
    deck_level = not warning.path.startswith("sections[") or warning.path.endswith(".title")
    if scope == "deck" or not site.path:  # the footer; the cover, agenda, closing
        return deck_level
    if scope == "section":
        return slide.section_number is not None and _under(
            warning, f"sections[{slide.section_number}]"
        )
    return warning.file == site.file and _under(warning, site.path)


def check_warnings(deck: StressDeck) -> list[str]:
    """Every compromise on a slide has a warning with FILE:LINE:COL where it must point."""
    problems = []
    positioned = [w for w in deck.warnings if w.severity == "warning" and _positioned(w)]
    for slide, site in zip(deck.deck.slides, deck.slide_sites, strict=True):
        for scope, what in dict.fromkeys(compromises(deck, slide)):
            if not any(_covers(w, scope, site, slide) for w in positioned):
                at = {"deck": "a deck-level text", "section": f"section {slide.section_number}"}
                where = at.get(scope) if scope != "slide" else site.path or at["deck"]
                problems.append(f"{deck.where(slide)}: {what}, but no positioned warning for "
                                f"{where}")  # fmt: skip
    return problems


CHECKS: dict[str, Callable[[StressDeck], list[str]]] = {
    "inside": check_inside,
    "overlap": check_overlap,
    "lines": check_lines,
    "punctuation": check_punctuation,
    "strings": check_strings,
    "sizes": check_sizes,
    "warnings": check_warnings,
}
"""Check name → check: each returns its problems, one line per outline/slide/word."""


__all__ = [
    "CHECKS",
    "Scope",
    "check_inside",
    "check_lines",
    "check_overlap",
    "check_punctuation",
    "check_sizes",
    "check_strings",
    "check_warnings",
    "compromises",
    "spaced",
    "spans_slides",
]
