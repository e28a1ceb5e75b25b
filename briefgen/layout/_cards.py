"""Item cards: numbered frameworks (一是…五是) as cards.

Maps `items` → an overview of cards (on a 16:9 slide one row up to five, two rows up to ten;
as many columns as the body's width holds cards of `MIN_CARD_W`) with the text on the cards
when it fits, else heads on the cards (the item texts then go on detail slides, laid out by
`_slides`). Heads are balanced: no lone character. Term cards are `_terms`.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefgen._record import record

from ._deck import Box, Element, Rect, TextBlock
from ._linebreak import lines_needed
from ._measurer import TABLES, FontSet, Measurer
from ._text import SetText, block_height, em_width, fit_one, set_paragraph, size_steps
from ._units import Inches, Length, Pt

CARD_GAP = Inches(0.25)
PAD = Inches(0.18)
EDGE = Inches(0.08)
MIN_CARD_W = Inches(1.9)
"""The narrowest item card: a head of five characters a line at 20 pt."""
MAX_CARD_COLUMNS = 5


@record
class CardItem:
    """A framework item to put on a card: its head, its text, and whether 提法 are emphasised."""

    head: str
    text: str | None
    emphasis: bool = True


@record
class CardPage:
    """One page of cards: its elements and how full it is."""

    elements: tuple[Element, ...]
    fill: float
    size: float


def card_grid(n: int, width: int) -> tuple[int, int]:
    """(columns, rows) for `n` item cards in a body `width` wide: as few rows as the width
    allows (at most five cards a row), the cards spread evenly over the rows."""
    fits = max(1, (width + CARD_GAP) // (MIN_CARD_W + CARD_GAP))
    rows = -(-n // min(fits, MAX_CARD_COLUMNS))
    return -(-n // rows), rows


def item_cards(
    items: tuple[CardItem, ...],
    labels: list[str],
    area: Box,
    *,
    head_sizes: list[float],
    text_sizes: list[float],
    with_text: bool,
    fonts: FontSet,
) -> CardPage | None:
    """Items as a grid of cards; None when they do not fit at the smallest sizes.

    Where the body is too narrow for the rows a 16:9 slide would use (five cards a row),
    the items are laid out as rows of cards instead (`row_cards`).
    """
    cols, rows = card_grid(len(items), area.w)
    if rows > -(-len(items) // MAX_CARD_COLUMNS):
        from ._card_rows import row_cards  # it builds on this module's cards

        return row_cards(
            items,
            labels,
            area,
            head_sizes=head_sizes,
            text_sizes=text_sizes,
            with_text=with_text,
            fonts=fonts,
        )
    card_w = Length((area.w - (cols - 1) * CARD_GAP) // cols)
    card_h = Length((area.h - (rows - 1) * CARD_GAP) // rows)
    inner_w = Length(card_w - 2 * PAD)
    label_size = max(head_sizes[0], 20.0)
    label_h = block_height(1, label_size, 1.2)
    rule_gap = Inches(0.22)
    for head_size, heads in _head_settings(items, inner_w, head_sizes, fonts.sans):
        head_h = max(h.height for h in heads)
        if not with_text:  # heads only: cards as tall as their content, centred in the area
            content = Inches(0.08) + 2 * PAD + label_h + Inches(0.1) + head_h + Inches(0.5)
            if rows * content + (rows - 1) * CARD_GAP <= area.h:
                card_h = Length(content)
                top = Length(area.y + (area.h - rows * content - (rows - 1) * CARD_GAP) // 2)
                area = Box(area.x, top, area.w, Length(area.h - (top - area.y)))
        text_room = Length(
            card_h - Inches(0.08) - PAD - label_h - Inches(0.1) - head_h - 2 * rule_gap - PAD
        )
        if text_room < 0 and with_text:
            continue
        texts: list[SetText | None] = [None] * len(items)
        text_size = text_sizes[0]
        if with_text:
            fitted_all = False
            for text_size in [t for t in text_sizes if t <= head_size - 2] or text_sizes[-1:]:
                candidate = [
                    set_paragraph(
                        it.text,
                        inner_w,
                        text_size,
                        1.3,
                        align="left" if len(it.text) > 24 else "center",
                        balanced=len(it.text) <= 24,
                        emphasis=it.emphasis,
                        measurer=fonts.sans,
                    )
                    if it.text
                    else None
                    for it in items
                ]
                if all(c is None or c.height <= text_room for c in candidate):
                    texts = list(candidate)
                    fitted_all = True
                    break
            if not fitted_all:
                continue
        elif head_h > card_h - Inches(0.08) - 2 * PAD - label_h - Inches(0.1):
            continue
        if with_text:  # cards as tall as their fullest one, the row centred in the area
            tallest = max((t.height for t in texts if t is not None), default=0)
            content = Length(card_h - text_room + tallest + Inches(0.3))
            if content < card_h:
                top = Length(area.y + (area.h - rows * content - (rows - 1) * CARD_GAP) // 2)
                area = Box(area.x, top, area.w, Length(area.h - (top - area.y)))
                card_h = content
        return _draw_item_cards(
            items,
            labels,
            heads,
            texts,
            area,
            cols,
            card_w,
            card_h,
            label_size,
            head_size,
            text_size,
            rule_gap,
            fonts,
        )
    return None


def _head_settings(
    items: tuple[CardItem, ...], width: Length, sizes: list[float], measurer: Measurer
) -> Iterator[tuple[float, list[SetText]]]:
    """Head settings by preference: fewest lines first (a head on one line reads best), then
    the largest size; balanced lines so that no character is left alone. Lazy: lines are
    counted for every size, but only the sizes actually tried are set."""
    options = []
    for size in sizes:
        available = max(em_width(width, size), 1.0)
        needed = (lines_needed(it.head, available, measurer=measurer, bold=True) for it in items)
        options.append((max(needed), -size, size))
    for _, _, size in sorted(options):
        yield (
            size,
            [
                set_paragraph(
                    it.head,
                    width,
                    size,
                    1.25,
                    balanced=True,
                    align="center",
                    emphasis=it.emphasis,
                    measurer=measurer,
                    bold=True,
                )
                for it in items
            ],
        )


def _draw_item_cards(
    items: tuple[CardItem, ...],
    labels: list[str],
    heads: list[SetText],
    texts: list[SetText | None],
    area: Box,
    cols: int,
    card_w: Length,
    card_h: Length,
    label_size: float,
    head_size: float,
    text_size: float,
    rule_gap: Length,
    fonts: FontSet,
) -> CardPage:
    elements: list[Element] = []
    label_h = block_height(1, label_size, 1.2)
    head_h = max(h.height for h in heads)
    has_text = any(t is not None for t in texts)
    for i in range(len(items)):
        col, row = i % cols, i // cols
        x = Length(area.x + col * (card_w + CARD_GAP))
        y = Length(area.y + row * (card_h + CARD_GAP))
        inner_x = Length(x + PAD)
        inner_w = Length(card_w - 2 * PAD)
        elements.append(Rect(Box(x, y, card_w, card_h), "cream"))
        elements.append(Rect(Box(x, y, card_w, Inches(0.08)), "primary"))
        cy = Length(y + Inches(0.08) + PAD)
        if not has_text:  # heads only: centre the label and head in the card
            block = label_h + Inches(0.1) + head_h
            cy = Length(y + (card_h - block) // 2)
        label = set_paragraph(
            labels[i], inner_w, label_size, 1.2, align="center", measurer=fonts.serif, bold=True
        )
        elements.append(
            TextBlock(
                Box(inner_x, cy, inner_w, label_h),
                (label.paragraph,),
                label_size,
                "ordinal",
                color="primary",
                font="serif",
                bold=True,
                line_spacing=1.2,
                group=i,
            )
        )
        cy = Length(cy + label_h + Inches(0.1))
        elements.append(
            TextBlock(
                Box(inner_x, cy, inner_w, head_h),
                (heads[i].paragraph,),
                head_size,
                "head",
                color="ink",
                bold=True,
                line_spacing=1.25,
                anchor="top",
                group=i,
            )
        )
        cy = Length(cy + head_h)
        text = texts[i]
        if text is not None:
            rule_w = Inches(0.5)
            elements.append(
                Rect(
                    Box(
                        Length(x + (card_w - rule_w) // 2),
                        Length(cy + rule_gap - Pt(1)),
                        rule_w,
                        Pt(2.5),
                    ),
                    "gold",
                )
            )
            cy = Length(cy + 2 * rule_gap)
            elements.append(
                TextBlock(
                    Box(inner_x, cy, inner_w, text.height),
                    (text.paragraph,),
                    text_size,
                    "item-text",
                    color="grey",
                    line_spacing=1.3,
                    group=i,
                )
            )
    return CardPage(tuple(elements), 1.0, head_size)


def fit_head(
    text: str,
    width: Length,
    height: Length,
    start: float,
    stop: float,
    *,
    emphasis: bool = True,
    measurer: Measurer = TABLES,
    bold: bool = False,
) -> tuple[SetText, float]:
    """A heading fitted by shrinking and balancing; at worst the smallest size, all lines.

    Fewer lines win over a larger size: a lead or title that fits on one line at 21 pt reads
    better than the same words balanced over two lines at 22 pt.
    """
    sizes = size_steps(start, stop)

    def lines(size: float) -> int:
        return lines_needed(text, max(em_width(width, size), 1.0), measurer=measurer, bold=bold)

    fewest = lines(stop)
    preferred = [s for s in sizes if lines(s) <= fewest]
    for candidates in (preferred, sizes):
        fitted = fit_one(
            text,
            width,
            height,
            candidates,
            1.2,
            balanced=True,
            emphasis=emphasis,
            measurer=measurer,
            bold=bold,
        )
        if fitted is not None:
            return fitted
    setting = set_paragraph(
        text, width, stop, 1.2, balanced=True, emphasis=emphasis, measurer=measurer, bold=bold
    )
    return setting, stop


__all__ = [
    "MAX_CARD_COLUMNS",
    "MIN_CARD_W",
    "CardItem",
    "CardPage",
    "card_grid",
    "fit_head",
    "item_cards",
]
