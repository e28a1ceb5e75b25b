"""Term cards: key terms (提法) and their explanations as cards, paginated and balanced.

Maps `terms` → pages of cards, two a row, each with a red left edge, the term in red bold
and its explanation under it. A card whose explanation makes it taller than `WIDE` of the
body takes the full width (its own row, so fewer lines); one still taller than the body is
cut between lines and continues on the next page under its term marked “（续）”. Rows go
onto as few pages as the sizes allow, then are spread evenly over them (`balanced`); a
short single page grows its text up to the theme's `max-body`; a single page filled less
than `FULL` opens up its row gaps (at most `SPREAD`) to use the body's height. Up to `COLUMN`
terms that fit one page go one a row, at full width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefgen._record import record

from ._balance import Run, balanced, greedy
from ._cards import CARD_GAP, EDGE, PAD, CardPage
from ._deck import Box, Element, Rect, TextBlock
from ._measurer import Measurer
from ._text import SetText, block_height, emphasis_spans, set_paragraph
from ._units import Inches, Length

WIDE = 0.5
"""A half-width card taller than this share of the body is set across the full width."""
SHORT, GROWN = 0.5, 0.75
"""A single page filled less than `SHORT` at the theme's size grows, up to `GROWN` full."""
CONTINUED = "（续）"
_HEAD_GAP = Inches(0.06)
PAD_Y = Inches(0.13)
"""Air above the term and below the explanation (the sides keep the item cards' `PAD`)."""
ROW_GAP = Inches(0.2)
SPREAD, FULL = Inches(0.5), 0.85
"""The most a single page's row gap opens up, so that its rows use the body's height, when
they fill less than `FULL` of it (a full page keeps `ROW_GAP`)."""
COLUMN = 3
"""Up to this many terms that fit one page go one a row (full width), not two a row."""
_TERM_SPACING, _EXPLAIN_SPACING = 1.2, 1.25


@record
class CardTerm:
    """A key term to put on a card: the term, its explanation, and emphasis of its 提法."""

    term: str
    explain: str | None
    emphasis: bool = True


@record
class _Card:
    """One card as set: its term's index, head, explanation (or a part of it), and width."""

    index: int
    head: SetText
    body: SetText | None
    wide: bool
    part: int = 0

    @property
    def height(self) -> Length:
        height = 2 * PAD_Y + self.head.height
        if self.body is not None:
            height += _HEAD_GAP + self.body.height
        return Length(height)


@record
class TermLayout:
    """Terms laid out: the pages, the explanation size used, and the terms whose explanation
    had to continue on a following page (their indices)."""

    pages: tuple[CardPage, ...]
    size: float
    split: tuple[int, ...]


_Row = tuple[tuple[_Card, ...], Length]


def _set(text: str, width: Length, size: float, measurer: Measurer, *, head: bool) -> SetText:
    spacing = _TERM_SPACING if head else _EXPLAIN_SPACING
    return set_paragraph(
        text, width, size, spacing, emphasis=not head, measurer=measurer, bold=head
    )


def _cards(
    terms: Sequence[CardTerm],
    area: Box,
    sizes: tuple[float, float],
    measurer: Measurer,
    *,
    column: bool = False,
) -> list[_Card]:
    """Every term as a card: half width when it is short enough, else full width (and so is
    a half card that would stand alone before a full one: no half row left empty), cut
    between lines into parts each a page high when even the full width is too tall. In a
    `column`, every card is full width."""
    term_size, explain_size = sizes
    half = Length((area.w - CARD_GAP) // 2 - EDGE - 2 * PAD)
    full = Length(area.w - EDGE - 2 * PAD)

    def card(i: int, width: Length) -> _Card:
        term = terms[i]
        head = _set(term.term, width, term_size, measurer, head=True)
        body = None
        if term.explain:
            body = set_paragraph(
                term.explain,
                width,
                explain_size,
                _EXPLAIN_SPACING,
                emphasis=term.emphasis,
                measurer=measurer,
            )
        return _Card(i, head, body, width == full)

    shorts = [card(i, half) for i in range(len(terms))]
    wide = [column or c.height > WIDE * area.h for c in shorts]
    run = 0
    for i, is_wide in enumerate(wide):
        if is_wide and run % 2:
            wide[i - 1] = True
        run = 0 if is_wide else run + 1
    cards: list[_Card] = []
    for i, term in enumerate(terms):
        if not wide[i]:
            cards.append(shorts[i])
            continue
        whole = card(i, full)
        if whole.height <= area.h or whole.body is None:
            cards.append(whole)
            continue
        cards.extend(_parts(whole, term, full, term_size, explain_size, area.h, measurer))
    return cards


def _parts(
    card: _Card,
    term: CardTerm,
    width: Length,
    term_size: float,
    explain_size: float,
    height: int,
    measurer: Measurer,
) -> list[_Card]:
    """A card too tall for a page cut between the lines of its explanation; every part
    after the first repeats the term, marked “（续）”."""
    assert card.body is not None
    lines = card.body.paragraph.lines
    marked = _set(term.term + CONTINUED, width, term_size, measurer, head=True)
    head_h = max(card.head.height, marked.height)
    room = height - 2 * PAD_Y - head_h - _HEAD_GAP
    per_page = len(lines)
    while per_page > 1 and block_height(per_page, explain_size, _EXPLAIN_SPACING) > room:
        per_page -= 1
    chunks = [lines[k : k + per_page] for k in range(0, len(lines), per_page)]
    if len(chunks) > 1 and len(chunks[-1]) * 3 < per_page:  # no sliver: even parts
        per_page = -(-len(lines) // len(chunks))
        chunks = [lines[k : k + per_page] for k in range(0, len(lines), per_page)]
    parts = []
    for k, chunk in enumerate(chunks):
        paragraph = replace(
            card.body.paragraph,
            lines=tuple(chunk),
            emphasis=emphasis_spans("".join(chunk), term.emphasis),
        )
        body = SetText(paragraph, block_height(len(chunk), explain_size, _EXPLAIN_SPACING))
        parts.append(_Card(card.index, card.head if k == 0 else marked, body, True, k))
    return parts


def _rows(cards: list[_Card]) -> list[_Row]:
    """Half-width cards two a row, in order; a full-width card on a row of its own."""
    rows: list[_Row] = []
    pending: list[_Card] = []

    def close() -> None:
        if pending:
            rows.append((tuple(pending), Length(max(c.height for c in pending))))
            pending.clear()

    for card in cards:
        if card.wide:
            close()
            rows.append(((card,), card.height))
            continue
        pending.append(card)
        if len(pending) == 2:
            close()
    close()
    return rows


def _paginate(rows: list[_Row], height: int) -> list[list[_Row]]:
    run = Run([h for _, h in rows], [0] + [ROW_GAP] * (len(rows) - 1), [False] * len(rows))
    count = len(greedy(run, height))
    return [rows[a : b + 1] for a, b in balanced(run, height, count)]


def _used(rows: list[_Row]) -> int:
    return sum(h for _, h in rows) + ROW_GAP * (len(rows) - 1)


def term_pages(
    terms: Sequence[CardTerm],
    area: Box,
    *,
    term_sizes: list[float],
    explain_sizes: list[float],
    measurer: Measurer,
    grow: Sequence[tuple[float, float]] = (),
) -> TermLayout:
    """Terms as cards on as few pages as possible at the largest sizes, balanced; one short
    page grows to the largest of the `grow` (term, explanation) sizes that fills at most
    `GROWN` of the body."""
    best: tuple[list[list[_Row]], tuple[float, float]] | None = None
    for sizes in zip(term_sizes, explain_sizes, strict=False):
        pages = _paginate(_rows(_cards(terms, area, sizes, measurer)), area.h)
        if best is None or len(pages) < len(best[0]):
            best = (pages, sizes)
            if len(pages) == 1:
                break
    assert best is not None
    pages, sizes = best
    # short as two a row (the design's cards): the text may grow
    short = len(pages) == 1 and sizes[1] == explain_sizes[0] and _used(pages[0]) < SHORT * area.h
    column = False
    if len(pages) == 1 and len(terms) <= COLUMN:  # a few terms: one a row, not a lone half row
        rows = _rows(_cards(terms, area, sizes, measurer, column=True))
        if _used(rows) <= area.h:
            pages, column = [rows], True
    if short:
        for bigger in sorted(grow, key=lambda s: -s[1]):
            rows = _rows(_cards(terms, area, bigger, measurer, column=column))
            if _used(rows) <= GROWN * area.h:
                pages, sizes = [rows], bigger
                break
    split = sorted({c.index for page in pages for row, _ in page for c in row if c.part})
    drawn = tuple(
        _draw(page, area, sizes, _gap(page, area) if len(pages) == 1 else ROW_GAP) for page in pages
    )
    return TermLayout(drawn, sizes[1], tuple(split))


def _gap(rows: list[_Row], area: Box) -> Length:
    """The row gap of a slide's only page: `ROW_GAP` opened up by at most `SPREAD`, so that
        its rows use the body's height, when they fill less than `FULL` of it (a continued slide's
    pages are balanced instead)."""
    if len(rows) < 2 or _used(rows) >= FULL * area.h:
        return ROW_GAP
    spare = (area.h - _used(rows)) // len(rows)  # a share below the last row too
    return Length(ROW_GAP + min(SPREAD, spare))


def _draw(rows: list[_Row], area: Box, sizes: tuple[float, float], gap: Length) -> CardPage:
    term_size, explain_size = sizes
    elements: list[Element] = []
    half = Length((area.w - CARD_GAP) // 2)
    y = area.y
    for cards, row_h in rows:
        for col, card in enumerate(cards):
            card_w = area.w if card.wide else half
            x = Length(area.x + col * (half + CARD_GAP))
            elements.append(Rect(Box(x, y, card_w, row_h), "cream"))
            elements.append(Rect(Box(x, y, EDGE, row_h), "primary"))
            inner_x = Length(x + EDGE + PAD)
            inner_w = Length(card_w - EDGE - 2 * PAD)
            cy = Length(y + PAD_Y)
            elements.append(
                TextBlock(
                    Box(inner_x, cy, inner_w, card.head.height),
                    (card.head.paragraph,),
                    term_size,
                    "term",
                    color="accent",
                    bold=True,
                    line_spacing=_TERM_SPACING,
                )
            )
            if card.body is not None:
                cy = Length(cy + card.head.height + _HEAD_GAP)
                elements.append(
                    TextBlock(
                        Box(inner_x, cy, inner_w, card.body.height),
                        (card.body.paragraph,),
                        explain_size,
                        "explain",
                        color="ink",
                        line_spacing=_EXPLAIN_SPACING,
                    )
                )
        y = Length(y + row_h + gap)
    used = y - gap - area.y
    return CardPage(tuple(elements), min(1.0, used / area.h), explain_size)


__all__ = [
    "COLUMN",
    "CONTINUED",
    "FULL",
    "GROWN",
    "SHORT",
    "WIDE",
    "CardTerm",
    "TermLayout",
    "term_pages",
]
