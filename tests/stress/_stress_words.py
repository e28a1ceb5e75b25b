"""Words and shapes: which laid-out shape each word LibreOffice drew belongs to.

Maps a `LaidSlide` → `Region`s (each text box and each table cell, in points, with the text
and line count the layout planned), and a page's `Word`s → the region each belongs to
(`assign`), grouped into the lines LibreOffice drew (`rendered_lines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from _deckfixtures import squash
from _stress import TOLERANCE_PT, Page, StressDeck, Word

from briefgen.layout import EMU_PER_PT, LaidSlide, TableBlock, TextBlock


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


def paired(deck: StressDeck) -> list[tuple[LaidSlide, Page, Assigned, list[Region]]]:
    """Each slide with its PDF page, the page's words given to their shapes, and the shapes."""
    assert len(deck.pages) == len(deck.deck.slides), (
        f"{deck.label}: {len(deck.pages)} PDF pages for {len(deck.deck.slides)} slides"
    )
    out = []
    for slide, page in zip(deck.deck.slides, deck.pages, strict=True):
        shapes = regions(slide)
        out.append((slide, page, assign(page.words, shapes), shapes))
    return out


def box_text(word: Word) -> str:
    """`(x0, y0)–(x1, y1) pt` for messages."""
    return f"({word.x0:.0f}, {word.y0:.0f})–({word.x1:.0f}, {word.y1:.0f}) pt"


__all__ = [
    "Assigned",
    "Region",
    "assign",
    "box_text",
    "drawn",
    "paired",
    "regions",
    "rendered_lines",
]
