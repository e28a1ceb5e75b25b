"""Item cards as rows: a framework on a body too narrow for its cards side by side (4:3).

Maps `items` → horizontal cards stacked down the body, the ordinal and head on the left and
the item's text beside them (one column, up to five items), or heads only in two columns
(six to ten). Used where a 16:9 slide shows the items as one or two rows of upright cards
but a narrower body would need more rows of cards too thin for their heads.
"""

from __future__ import annotations

from ._cards import CARD_GAP, EDGE, MAX_CARD_COLUMNS, PAD, CardItem, CardPage
from ._deck import Box, Element, Rect, TextBlock
from ._measurer import FontSet, Measurer
from ._text import SAFETY, SetText, set_paragraph
from ._units import Inches, Length, Pt

ROW_GAP = Inches(0.12)
PAD_Y = Inches(0.1)
"""Air above and below a row card's content (rows are short: less than an upright card's)."""
HEAD_SHARE = 0.4
"""Of a one-column card's room for head and text, the most the head may take."""
_SPACING_HEAD, _SPACING_TEXT = 1.25, 1.3


def row_cards(
    items: tuple[CardItem, ...],
    labels: list[str],
    area: Box,
    *,
    head_sizes: list[float],
    text_sizes: list[float],
    with_text: bool,
    fonts: FontSet,
) -> CardPage | None:
    """Items as rows of cards; None when they do not fit at the smallest sizes."""
    columns = 1 if len(items) <= MAX_CARD_COLUMNS else 2
    if with_text and columns > 1:
        return None
    rows = -(-len(items) // columns)
    card_w = Length((area.w - (columns - 1) * CARD_GAP) // columns)
    room_h = Length((area.h - (rows - 1) * ROW_GAP) // rows - 2 * PAD_Y)
    for head_size in head_sizes:
        label_w = Pt(max(fonts.serif.em(x, bold=True) for x in labels) * head_size / SAFETY + 4)
        inner_x = EDGE + PAD + label_w + Inches(0.1)
        inner_w = Length(card_w - inner_x - PAD)
        widest = Pt(max(fonts.sans.em(it.head, bold=True) for it in items) * head_size / SAFETY + 4)
        head_w = Length(min(widest, inner_w * HEAD_SHARE)) if with_text else inner_w
        text_w = Length(inner_w - head_w - Inches(0.25))
        heads = [
            set_paragraph(
                it.head,
                head_w,
                head_size,
                _SPACING_HEAD,
                balanced=True,
                emphasis=it.emphasis,
                measurer=fonts.sans,
                bold=True,
            )
            for it in items
        ]
        if max(h.height for h in heads) > room_h:
            continue
        texts: list[SetText | None] = [None] * len(items)
        text_size = head_size
        if with_text:
            for text_size in [t for t in text_sizes if t <= head_size - 2] or text_sizes[-1:]:
                texts = [
                    set_paragraph(
                        it.text,
                        text_w,
                        text_size,
                        _SPACING_TEXT,
                        balanced=len(it.text) <= 24,
                        emphasis=it.emphasis,
                        measurer=fonts.sans,
                    )
                    if it.text
                    else None
                    for it in items
                ]
                if all(t is None or t.height <= room_h for t in texts):
                    break
            else:
                continue
        sizes = (head_size, text_size)
        tallest = max(s.height for s in (*heads, *texts) if s is not None)
        card_h = Length(tallest + 2 * PAD_Y)
        used = rows * card_h + (rows - 1) * ROW_GAP
        top = Length(area.y + (area.h - used) // 2)
        elements: list[Element] = []
        for i, (label, head, text) in enumerate(zip(labels, heads, texts, strict=True)):
            col, row = i // rows, i % rows
            x = Length(area.x + col * (card_w + CARD_GAP))
            y = Length(top + row * (card_h + ROW_GAP))
            card = Box(x, y, card_w, card_h)
            elements += _row_card(
                card,
                label,
                label_w,
                (head, head_w),
                (text, text_w),
                sizes,
                group=i,
                label_face=fonts.serif,
            )
        return CardPage(tuple(elements), used / area.h, head_size)
    return None


def _row_card(
    card: Box,
    label: str,
    label_w: Length,
    head_column: tuple[SetText, Length],
    text_column: tuple[SetText | None, Length],
    sizes: tuple[float, float],
    *,
    group: int,
    label_face: Measurer,
) -> list[Element]:
    """One card: cream ground, red edge, then side by side the ordinal, the head and the
    text, each centred in the card's height within `PAD_Y` of its edges."""
    (head, head_w), (text, text_w), (size, text_size) = head_column, text_column, sizes
    top, height = Length(card.y + PAD_Y), Length(card.h - 2 * PAD_Y)
    label_x = Length(card.x + EDGE + PAD)
    head_x = Length(label_x + label_w + Inches(0.1))
    out: list[Element] = [
        Rect(card, "cream"),
        Rect(Box(card.x, card.y, EDGE, card.h), "primary"),
        TextBlock(
            Box(label_x, top, label_w, height),
            (
                set_paragraph(
                    label, label_w, size, 1.2, emphasis=False, measurer=label_face, bold=True
                ).paragraph,
            ),
            size,
            "ordinal",
            color="primary",
            font="serif",
            bold=True,
            line_spacing=1.2,
            anchor="middle",
            group=group,
        ),
        TextBlock(
            Box(head_x, top, head_w, height),
            (head.paragraph,),
            size,
            "head",
            color="ink",
            bold=True,
            line_spacing=_SPACING_HEAD,
            anchor="middle",
            group=group,
        ),
    ]
    if text is not None:
        out.append(
            TextBlock(
                Box(Length(head_x + head_w + Inches(0.25)), top, text_w, height),
                (text.paragraph,),
                text_size,
                "item-text",
                color="grey",
                line_spacing=_SPACING_TEXT,
                anchor="middle",
                group=group,
            )
        )
    return out


__all__ = ["ROW_GAP", "row_cards"]
