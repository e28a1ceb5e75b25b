"""The stress harness's machinery: build every stress outline, convert all decks with one
LibreOffice call, read each PDF page's words back, and check them against the layout.

Maps `tests/stress/*.yaml` (plus the example brief) → `StressDeck`s (the .pptx, the
`LaidDeck` it was rendered from, the build's warnings, LibreOffice's words per page), and a
`StressDeck` → a list of problems per check, each naming the outline, slide and word. An
outline `X.yaml` with a `X-roster.yaml` beside it is batch-built with that roster (one deck
per district). The checks (see `CHECKS`) are plain functions, so the tests can also feed them
decks that were tampered with and words that were made up, to show that each check can fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import EXAMPLE, outline_strings, read_back, squash

from briefgen.build import plan_for, run_batch, theme_for
from briefgen.districts import District, expand, load_roster
from briefgen.errors import DataPath, Diagnostic
from briefgen.layout import (
    EMU_PER_PT,
    NO_LINE_END,
    NO_LINE_START,
    LaidDeck,
    LaidSlide,
    TableBlock,
    TextBlock,
    layout_deck,
)
from briefgen.outline import Outline, load_outline
from briefgen.theme import Theme

STRESS_DIR = Path(__file__).resolve().parent
TOLERANCE_PT = 2.0
"""How far (points) a word may stand outside its shape's box: anti-aliasing, not layout."""
PDF_TOOLS = ("soffice", "pdftotext")
CONVERT_TIMEOUT_S = 1200
"""One soffice process converts every deck of the session; this bounds it."""
XHTML = "{http://www.w3.org/1999/xhtml}"
CONTINUED = "（续）"
SHORTENED = "…"
BROKEN_WORD = re.compile(r"([A-Za-z])-\v([A-Za-z])")
"""A Latin word broken at a line break (a:br, read back as a vertical tab) with a drawn
hyphen: the outline has it whole (or with its own hyphen, so both readings are tried)."""

BODY_ROLES = frozenset(
    {"body", "sub", "head", "ordinal", "item-text", "quote", "attribution", "term",
     "explain", "question", "caption"}
)  # fmt: skip
"""Text roles of a content slide's body area (table cells too): never below 18 pt."""


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True, slots=True)
class Case:
    """One stress outline, with the roster it is batch-built with (if it has one)."""

    name: str
    outline: Path
    roster: Path | None = None


def cases(folder: Path = STRESS_DIR) -> list[Case]:
    """Every outline of `folder` (`X-roster.yaml` pairs with `X.yaml`), then the example."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if path.stem.endswith("-roster"):
            continue
        roster = path.with_name(f"{path.stem}-roster.yaml")
        found.append(Case(path.stem, path, roster if roster.is_file() else None))
    found.append(Case("example", EXAMPLE))
    return found


@dataclass(frozen=True, slots=True)
class Word:
    """A word LibreOffice drew, as `pdftotext -bbox-layout` reports it (points, top-left)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the word's box."""
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class Page:
    """One PDF page: its size in points and its words in reading order."""

    width: float
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class StressDeck:
    """One built deck of the corpus: where it came from, what was laid out and drawn."""

    label: str
    """The outline's name, with `/district` for a batch-built deck."""
    outline: Path
    pptx: Path
    deck: LaidDeck
    theme: Theme
    expanded: Outline
    """The outline after district expansion: every text the deck must show."""
    warnings: tuple[Diagnostic, ...]
    """What the build returned (the positioned warnings a trainer sees)."""
    slide_sites: tuple[Diagnostic, ...]
    """Per slide, where the build would position a warning about it (`locate`)."""
    pages: tuple[Page, ...] = field(default=())

    def where(self, slide: LaidSlide) -> str:
        """`outline slide N 《title》` for messages."""
        return f"{self.label} slide {slide.number} 《{slide.title[:24]}》"


def _sites(deck: LaidDeck, locate: Callable[[DataPath, str], Diagnostic]) -> tuple[Diagnostic, ...]:
    out = []
    for slide in deck.slides:
        origin: DataPath = slide.origin
        if not origin and slide.section_number is not None:
            origin = ("sections", slide.section_number - 1)
        out.append(locate(origin, "") if origin else Diagnostic("", severity="warning"))
    return tuple(out)


def _laid(
    loaded_path: Path, theme: Theme, district: District | None
) -> tuple[LaidDeck, Outline, tuple[Diagnostic, ...]]:
    loaded = load_outline(loaded_path)
    plan, locate = plan_for(loaded, theme, district=district)
    deck = layout_deck(plan, theme, locate=locate)
    return deck, expand(loaded, district).outline, _sites(deck, locate)


def build_case(case: Case, folder: Path) -> list[StressDeck]:
    """Build one outline's deck (or its roster's decks) into `folder`, and lay each out again
    for the data the checks compare against (the layout is deterministic)."""
    from briefgen.build import build_file

    loaded = load_outline(case.outline)
    theme = theme_for(loaded)
    if case.roster is None:
        pptx = folder / f"{case.name}.pptx"
        result = build_file(case.outline, pptx)
        deck, expanded, sites = _laid(case.outline, theme, None)
        return [StressDeck(case.name, case.outline, pptx, deck, theme, expanded,
                           result.warnings, sites)]  # fmt: skip
    out = folder / case.name
    batch = run_batch(case.outline, case.roster, out, jobs=1, formats="pptx")
    roster = load_roster(case.roster, outline=loaded)
    decks = []
    for district_result in batch.results:
        if district_result.status == "failed" or district_result.file is None:
            pytest.fail(f"{case.name}: district {district_result.name} failed: "
                        f"{'; '.join(map(str, district_result.errors))}")  # fmt: skip
        district = roster.district(district_result.name)
        deck, expanded, sites = _laid(case.outline, theme, district)
        warnings = (*batch.warnings, *district_result.warnings)
        decks.append(StressDeck(f"{case.name}/{district.name}", case.outline,
                                out / district_result.file, deck, theme, expanded, warnings,
                                sites))  # fmt: skip
    return decks


def require_tools() -> None:
    """Skip without soffice/poppler on a developer machine; with CI set they must exist."""
    missing = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {', '.join(missing)} are not installed")
        pytest.skip(f"{', '.join(missing)} not installed; CI runs the LibreOffice tests")


def convert_all(decks: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Every .pptx → PDF with ONE soffice call (a private profile, bounded time).

    The decks are staged under numbered names first: two batch outlines may both have a
    district called 鹿城区, and soffice names each PDF after its deck.
    """
    require_tools()
    stage, pdfs = folder / "staged", folder / "pdf"
    stage.mkdir(exist_ok=True)
    pdfs.mkdir(exist_ok=True)
    staged = {deck: stage / f"{n:03d}.pptx" for n, deck in enumerate(decks)}
    for deck, copy in staged.items():
        shutil.copyfile(deck, copy)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, staged.values())],
        check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S,
    )  # fmt: skip
    out = {deck: pdfs / f"{copy.stem}.pdf" for deck, copy in staged.items()}
    missing = [str(deck) for deck, pdf in out.items() if not pdf.is_file()]
    if missing:
        pytest.fail(f"LibreOffice wrote no PDF for {', '.join(missing)}")
    return out


def read_pages(pdf: Path) -> tuple[Page, ...]:
    """A PDF → its pages' sizes and words from `pdftotext -bbox-layout`."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    pages = []
    for page in ET.fromstring(xml).iter(XHTML + "page"):
        words = tuple(
            Word(w.text or "", *(float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(XHTML + "word")
        )
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), words))
    return tuple(pages)


def with_pages(deck: StressDeck, pdf: Path) -> StressDeck:
    """The deck with LibreOffice's words of each page."""
    return replace(deck, pages=read_pages(pdf))


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every stress outline's decks (with their PDFs' words), or why it did not build."""

    decks: dict[str, list[StressDeck]]
    failures: dict[str, str]
    tampered: StressDeck
    """A small deck whose points body was moved down in the .pptx after the build."""
    tampered_slide: int
    """The number of the slide whose body was moved."""


# ---------------------------------------------------------------- regions and words


@dataclass(frozen=True, slots=True, eq=False)
class Region:
    """A text shape (or one table cell) as the layout planned it: box in points, text."""

    label: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    """Squashed text, bullets included: a word of this shape is a substring of it."""
    lines: int
    """Lines the layout broke the text into (non-empty ones)."""
    size: float
    role: str
    bullets: frozenset[str] = frozenset()
    paragraphs: tuple[str, ...] = ()
    """Each paragraph's squashed text without its bullet: where a line may start or end with
    punctuation because the writer put it there (the attribution's ——), not a line break."""

    def holds(self, word: Word, tolerance: float = TOLERANCE_PT) -> bool:
        """The word's box lies inside this box (± tolerance)."""
        t = tolerance
        return (
            word.x0 >= self.x0 - t
            and word.y0 >= self.y0 - t
            and word.x1 <= self.x1 + t
            and word.y1 <= self.y1 + t
        )

    def distance(self, word: Word) -> float:
        """How far the word's centre is from this box (0 inside)."""
        x, y = word.centre
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.y0 - y, 0.0, y - self.y1)
        return float((dx * dx + dy * dy) ** 0.5)

    def describe(self) -> str:
        """`role 'text…' (x0, y0)–(x1, y1)` for messages."""
        return f"{self.label} ({self.x0:.0f}, {self.y0:.0f})–({self.x1:.0f}, {self.y1:.0f}) pt"


def _pt(value: float) -> float:
    return value / EMU_PER_PT


def drawn(lines: Sequence[str], owner: object) -> str:
    """A paragraph's (or cell's) lines as drawn: with the visible hyphen a layout that breaks
    long Latin words draws after a broken line (`hyphens`, one flag per line, where the
    layout has them)."""
    hyphens = getattr(owner, "hyphens", None) or (False,) * len(lines)
    return "".join(line + ("-" if hyphen else "") for line, hyphen in zip(lines, hyphens,
                                                                        strict=False))  # fmt: skip


def regions(slide: LaidSlide) -> list[Region]:
    """The slide's text boxes, and every cell of its tables, as the layout placed them."""
    out: list[Region] = []
    for element in slide.elements:
        if isinstance(element, TextBlock):
            text = "".join((p.bullet or "") + drawn(p.lines, p) for p in element.paragraphs)
            if not squash(text):
                continue
            b = element.box
            lines = sum(1 for p in element.paragraphs for line in p.lines if line.strip())
            bullets = frozenset(p.bullet for p in element.paragraphs if p.bullet)
            out.append(Region(
                f"{element.role} {squash(element.text)[:12]!r}",
                _pt(b.x), _pt(b.y), _pt(b.x + b.w), _pt(b.y + b.h),
                squash(text), lines, element.size, element.role, bullets,
                tuple(squash(drawn(p.lines, p)) for p in element.paragraphs),
            ))  # fmt: skip
        elif isinstance(element, TableBlock):
            out.extend(_cells(element))
    return out


def _cells(table: TableBlock) -> list[Region]:
    out = []
    y = _pt(table.box.y)
    for r, (row, height) in enumerate(zip((table.header, *table.rows), table.row_heights,
                                          strict=False)):  # fmt: skip
        x = _pt(table.box.x)
        for c, (cell, width) in enumerate(zip(row, table.column_widths, strict=False)):
            if squash(cell.text):
                text = squash(drawn(cell.lines, cell))
                lines = sum(1 for line in cell.lines if line.strip())
                out.append(Region(
                    f"table cell ({r}, {c + 1}) {squash(cell.text)[:12]!r}",
                    x, y, x + _pt(width), y + _pt(height),
                    text, lines, table.size, "table", paragraphs=(text,),
                ))  # fmt: skip
            x += _pt(width)
        y += _pt(height)
    return out


def _weight(ch: str) -> float:
    return 0.55 if ord(ch) < 0x2E80 and ch not in "“”‘’…—" else 1.0


def _split(word: Word, at: int) -> tuple[Word, Word]:
    """A word cut after `at` characters, its box shared out by estimated advance widths."""
    weights = [_weight(ch) for ch in word.text]
    cut = word.x0 + (word.x1 - word.x0) * sum(weights[:at]) / sum(weights)
    return (Word(word.text[:at], word.x0, word.y0, cut, word.y1),
            Word(word.text[at:], cut, word.y0, word.x1, word.y1))  # fmt: skip


def _best(word: Word, shapes: Sequence[Region]) -> Region | None:
    found = [s for s in shapes if squash(word.text) in s.text]
    if not found:
        return None
    inside = [s for s in found if s.holds(word)]
    return min(inside or found, key=lambda s: s.distance(word))


@dataclass(frozen=True, slots=True)
class Assigned:
    """The words of one page, each given to the shape whose text contains it."""

    by_region: dict[Region, list[Word]]
    strays: list[Word]
    """Words that are in no shape's text at all."""


def assign(words: Iterable[Word], shapes: Sequence[Region]) -> Assigned:
    """Give each word to its shape: of the shapes whose text contains it, the one that holds
    it, else the nearest. A repeated word (“的”, a numeral) thus goes to the shape it is drawn
    in. A word pdftotext glued together from two neighbouring shapes (an ordinal and its head)
    is cut where the first shape's text ends."""
    by_region: dict[Region, list[Word]] = {s: [] for s in shapes}
    strays: list[Word] = []
    for word in words:
        if not squash(word.text):
            continue
        word = replace(word, text=squash(word.text))
        shape = _best(word, shapes)
        if shape is not None:
            by_region[shape].append(word)
            continue
        for at in range(len(word.text) - 1, 0, -1):
            head, tail = _split(word, at)
            first, second = _best(head, shapes), _best(tail, shapes)
            if first is not None and second is not None:
                by_region[first].append(head)
                by_region[second].append(tail)
                break
        else:
            strays.append(word)
    return Assigned(by_region, strays)


def rendered_lines(region: Region, words: Sequence[Word]) -> list[list[Word]]:
    """The region's words grouped into the lines LibreOffice drew (by baseline), top down,
    each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y1, w.x0)):
        if lines and abs(lines[-1][-1].y1 - word.y1) < region.size * 0.4:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _paired(deck: StressDeck) -> list[tuple[LaidSlide, Page, Assigned, list[Region]]]:
    assert len(deck.pages) == len(deck.deck.slides), (
        f"{deck.label}: {len(deck.pages)} PDF pages for {len(deck.deck.slides)} slides"
    )
    out = []
    for slide, page in zip(deck.deck.slides, deck.pages, strict=True):
        shapes = regions(slide)
        out.append((slide, page, assign(page.words, shapes), shapes))
    return out


def _box(word: Word) -> str:
    return f"({word.x0:.0f}, {word.y0:.0f})–({word.x1:.0f}, {word.y1:.0f}) pt"


# ---------------------------------------------------------------- the checks


def check_inside(deck: StressDeck) -> list[str]:
    """Every word lies on the page and inside its own shape's box (± 2 pt)."""
    problems = []
    for slide, page, assigned, shapes in _paired(deck):
        for word in page.words:
            if (
                word.x0 < -0.5
                or word.y0 < -0.5
                or word.x1 > page.width + 0.5
                or (word.y1 > page.height + 0.5)
            ):
                problems.append(f"{deck.where(slide)}: {word.text!r} at {_box(word)} is off the "
                                f"{page.width:.0f}×{page.height:.0f} pt page")  # fmt: skip
        for shape, words in assigned.by_region.items():
            for word in words:
                if not shape.holds(word):
                    problems.append(f"{deck.where(slide)}: {word.text!r} at {_box(word)} is "
                                    f"outside its shape {shape.describe()}")  # fmt: skip
        for word in assigned.strays:
            near = min(shapes, key=lambda s: s.distance(word)) if shapes else None
            problems.append(f"{deck.where(slide)}: {word.text!r} at {_box(word)} is in no "
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
    for slide, _page, assigned, _shapes in _paired(deck):
        placed = [(s, w) for s, words in assigned.by_region.items() for w in words]
        for i, (shape, word) in enumerate(placed):
            for other, word2 in placed[i + 1 :]:
                if other is not shape and _overlap(word, word2):
                    problems.append(
                        f"{deck.where(slide)}: {word.text!r} of {shape.label} overlaps "
                        f"{word2.text!r} of {other.label} at {_box(word)}"
                    )
    return problems


def check_lines(deck: StressDeck) -> list[str]:
    """LibreOffice draws no more lines in a shape than the layout broke its text into."""
    problems = []
    for slide, _page, assigned, _shapes in _paired(deck):
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
    for slide, _page, assigned, _shapes in _paired(deck):
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
    one slide, or continued over consecutive slides. Words stay words: a line break inside
    a Latin word needs a drawn hyphen, and a hyphen is drawn only inside a word."""
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
    for element in slide.elements:
        if isinstance(element, TextBlock):
            low = _minimum(element.role, deck.theme, slide.kind)
            if low is not None and element.size <= low + 0.01:
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
    "STRESS_DIR",
    "TOLERANCE_PT",
    "Case",
    "Corpus",
    "Page",
    "Region",
    "StressDeck",
    "Word",
    "assign",
    "build_case",
    "cases",
    "compromises",
    "convert_all",
    "read_pages",
    "regions",
    "rendered_lines",
    "spaced",
    "spans_slides",
    "with_pages",
]
