"""Numbered frameworks (一是…五是): item cards, or a numbered list, then detail slides.

Maps an items slide + `Theme` → `Page`s: the items as cards with their texts when they fit;
else the heads as cards and the texts flowed onto balanced detail slides; past ten items a
numbered list. A warning where the cards' texts had to shrink to the minimum.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen._record import record
from briefgen.plan import Block, PlannedSlide
from briefgen.theme import Theme

from ._cards import CardItem, CardPage, item_cards
from ._deck import TextBlock
from ._flow import Unit, flow
from ._geometry import Geometry
from ._measurer import FontSet
from ._page import DataPath, Page, body_sizes, flow_pages, grow_sizes
from ._text import size_steps


@record
class _Item:
    """A framework item gathered from its head and text blocks."""

    head: Block
    text: Block | None


def _framework(slide: PlannedSlide) -> list[_Item]:
    items: list[_Item] = []
    for block in slide.blocks:
        if block.role == "item-head":
            items.append(_Item(block, None))
        elif items:
            items[-1] = replace(items[-1], text=block)
    return items


def items_pages(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> list[Page]:
    framework = _framework(slide)
    cards = tuple(
        CardItem(
            it.head.text,
            it.text.text if it.text else None,
            bool(it.head.emphasis or (it.text and it.text.emphasis)),
        )
        for it in framework
    )
    labels = [it.head.label or "" for it in framework]
    area = geometry.body
    notes = slide.notes
    pages: list[Page] = []
    if len(cards) <= 10:
        head_sizes = size_steps(28, 20)
        text_sizes = body_sizes(theme)
        has_text = any(it.text for it in cards)
        page: CardPage | None = None
        if has_text:
            page = item_cards(
                cards,
                labels,
                area,
                head_sizes=head_sizes,
                text_sizes=text_sizes,
                with_text=True,
                fonts=fonts,
            )
        if page is not None:
            notices = _card_text_notices(page, theme)
            return [Page("items", slide.title, page.elements, page.fill, notes, notices)]
        page = item_cards(
            cards,
            labels,
            area,
            head_sizes=head_sizes,
            text_sizes=text_sizes,
            with_text=False,
            fonts=fonts,
        )
        if page is not None:
            pages.append(Page("items", slide.title, page.elements, page.fill, notes))
            if not has_text:
                return pages
    if not pages:  # too many items for cards: a numbered list, paginated
        units = []
        for i, item in enumerate(framework):
            units.append(
                Unit(
                    item.head.text,
                    "head",
                    bullet=labels[i],
                    bullet_color="primary",
                    bold=True,
                    gap_em=0.6,
                    keep_with_next=item.text is not None,
                    emphasis=bool(item.head.emphasis),
                    origin=item.head.origin,
                    measurer=fonts.sans,
                )
            )
            if item.text:
                units.append(
                    Unit(
                        item.text.text,
                        "item-text",
                        ratio=0.85,
                        min_size=theme.sizes.min_body,
                        color="grey",
                        gap_em=0.15,
                        emphasis=bool(item.text.emphasis),
                        origin=item.text.origin,
                        measurer=fonts.sans,
                    )
                )
        return flow_pages("items", slide, units, theme, body_sizes(theme), geometry)
    return [*pages, *_detail_pages(slide, framework, labels, theme, geometry, fonts)]


def _card_text_notices(page: CardPage, theme: Theme) -> tuple[tuple[DataPath, str], ...]:
    """A warning when the cards' texts had to shrink to the theme's minimum to fit: set 2 pt
    under their heads is the card's hierarchy, anything smaller is a compromise."""
    sizes = {e.role: e.size for e in page.elements if isinstance(e, TextBlock)}
    text, head = sizes.get("item-text"), sizes.get("head")
    low = theme.sizes.min_body
    if text is None or head is None or text > low + 0.01 or text >= head - 2 - 0.01:
        return ()
    return (
        ((), f"the item texts are shrunk to the minimum {text:g} pt to fit their cards "
         f"(their heads are {head:g} pt); to set them larger, shorten the longest text or "
         "split the items over two slides"),
    )  # fmt: skip


def _detail_pages(
    slide: PlannedSlide,
    framework: list[_Item],
    labels: list[str],
    theme: Theme,
    geometry: Geometry,
    fonts: FontSet,
) -> list[Page]:
    """The texts of items whose cards hold only their heads: every item with its head and
    full text, flowed together over as few slides as they need, balanced (not one slide per
    item with a few characters on it), each slide titled with the items it holds."""
    units: list[Unit] = []
    shown: list[int] = []
    for i, item in enumerate(framework):
        if not item.text:
            continue
        shown.append(i)
        units.append(
            Unit(
                item.head.text,
                "head",
                ratio=1.15,
                color="primary",
                bullet=labels[i],
                bullet_color="gold",
                bold=True,
                gap_em=1.1,
                keep_with_next=True,
                emphasis=bool(item.head.emphasis),
                origin=item.head.origin,
                measurer=fonts.sans,
            )
        )
        units.append(
            Unit(
                item.text.text,
                "item-text",
                gap_em=0.35,
                emphasis=bool(item.text.emphasis),
                origin=item.text.origin,
                measurer=fonts.sans,
            )
        )
    if not units:
        return []
    sizes = body_sizes(theme)
    result = flow(units, geometry.body, sizes, grow_sizes(theme))
    notices: list[tuple[DataPath, str]] = [
        (
            (),
            f"the item texts do not fit on the cards: the heads stay on the cards and the "
            f"texts follow on {len(result.pages)} detail slide(s)",
        )
    ]
    if result.size < sizes[0]:
        notices.append(((), f"text shrunk from {sizes[0]:g} pt to {result.size:g} pt to fit"))
    for origin in result.splits:
        notices.append((origin, "too long for one slide even at the minimum size: split"))
    pages: list[Page] = []
    current = -1
    for k, blocks in enumerate(result.pages):
        held = [shown[current]] if blocks and blocks[0].role != "head" else []
        for block in blocks:
            if block.role == "head":
                current += 1
                held.append(shown[current])
        label = labels[held[0]] + (f"至{labels[held[-1]]}" if len(held) > 1 else "")
        pages.append(
            Page(
                "item",
                f"{slide.title}·{label}",
                blocks,
                result.fills[k],
                slide.notes,
                tuple(notices) if k == 0 else (),
                (k + 1, len(result.pages)),
            )
        )
    return pages


__all__ = ["items_pages"]
