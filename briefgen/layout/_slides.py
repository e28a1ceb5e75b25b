"""Content slides: one planned slide's body laid out onto one or more pages.

Maps a `PlannedSlide` (points, items, quote, terms, questions, table, image) + `Theme` →
`Page`s of positioned elements, with notices (shrunk, split, continued) returned as data.
Each block role gets its style here (size ratio, bullet, colour, spacing). Cached per
slide, so a batch lays out each shared slide once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from briefgen.plan import Block, PlannedSlide, SlideKind
from briefgen.theme import Theme

from ._cards import CardItem, CardPage, item_cards
from ._deck import Box, Element, Rect
from ._flow import Unit, flow
from ._geometry import Geometry
from ._measurer import FontSet
from ._table import image_elements, table_pages
from ._terms import CardTerm, term_pages
from ._text import size_steps
from ._units import Inches, Length

DataPath = tuple[str | int, ...]

CONTINUED = "（续）"


@dataclass(frozen=True, slots=True)
class Page:
    """A content page before numbering: kind, title, body elements, fill, notices."""

    kind: SlideKind
    title: str
    body: tuple[Element, ...]
    fill: float
    notes: str
    notices: tuple[tuple[DataPath, str], ...] = ()
    part: tuple[int, int] = (1, 1)


def _body_sizes(theme: Theme) -> list[float]:
    return size_steps(theme.sizes.body, theme.sizes.min_body)


def _grow_sizes(theme: Theme) -> list[float]:
    """Sizes a short slide's body text may grow to: above `body`, up to `max-body`."""
    return [s for s in size_steps(theme.sizes.max_body, theme.sizes.body) if s > theme.sizes.body]


def _points_units(slide: PlannedSlide, theme: Theme, fonts: FontSet) -> list[Unit]:
    sub_ratio = theme.sizes.sub / theme.sizes.body
    units: list[Unit] = []
    for b, block in enumerate(slide.blocks):
        if block.role == "point":
            has_sub = b + 1 < len(slide.blocks) and slide.blocks[b + 1].role == "sub"
            units.append(
                Unit(
                    block.text,
                    "body",
                    bullet=block.label,
                    indent_em=1.1,
                    gap_em=0.6,
                    keep_with_next=has_sub,
                    emphasis=bool(block.emphasis),
                    origin=block.origin,
                    measurer=fonts.sans,
                )
            )
        else:  # a sub-point stays with the next one: a point's subs go over a page together
            follows = b + 1 < len(slide.blocks) and slide.blocks[b + 1].role == "sub"
            units.append(
                Unit(
                    block.text,
                    "sub",
                    keep_with_next=follows,
                    ratio=sub_ratio,
                    min_size=theme.sizes.min_body,
                    color="grey",
                    bullet=block.label,
                    indent_em=1.0,
                    offset_em=1.1,
                    gap_em=0.25,
                    emphasis=bool(block.emphasis),
                    origin=block.origin,
                    measurer=fonts.sans,
                )
            )
    return units


def _question_units(slide: PlannedSlide, fonts: FontSet) -> list[Unit]:
    return [
        Unit(
            block.text,
            "question",
            bullet=block.label,
            bullet_color="primary",
            gap_em=0.9,
            emphasis=bool(block.emphasis),
            origin=block.origin,
            measurer=fonts.sans,
        )
        for block in slide.blocks
    ]


def _quote_units(slide: PlannedSlide, min_size: float, fonts: FontSet) -> list[Unit]:
    units = []
    for block in slide.blocks:
        if block.role == "quote":
            units.append(
                Unit(
                    block.text,
                    "quote",
                    font="quote",
                    spacing=1.55,
                    emphasis=bool(block.emphasis),
                    origin=block.origin,
                    measurer=fonts.quote,
                )
            )
        else:
            units.append(
                Unit(
                    block.text,
                    "attribution",
                    ratio=0.75,
                    min_size=min_size,
                    color="grey",
                    align="right",
                    gap_em=0.8,
                    emphasis=bool(block.emphasis),
                    origin=block.origin,
                    measurer=fonts.sans,
                )
            )
    return units


def _flow_pages(
    kind: SlideKind,
    slide: PlannedSlide,
    units: list[Unit],
    theme: Theme,
    sizes: list[float],
    geometry: Geometry,
    *,
    quote_rule: bool = False,
    grow: list[float] | None = None,
) -> list[Page]:
    area = geometry.body
    if quote_rule:
        area = replace(area, x=Length(area.x + Inches(0.5)), w=Length(area.w - Inches(0.5)))
    result = flow(units, area, sizes, grow or ())
    notices: list[tuple[DataPath, str]] = []
    if result.size < sizes[0]:
        notices.append(((), f"text shrunk from {sizes[0]:g} pt to {result.size:g} pt to fit"))
    for origin in result.splits:
        notices.append(
            (
                origin,
                "too long for one slide even at the minimum size: it continues between "
                "lines on the next slide; consider shortening it",
            )
        )
    pages = []
    for k, blocks in enumerate(result.pages):
        body: tuple[Element, ...] = blocks
        if quote_rule:
            top = blocks[0].box.y
            quote_blocks = [b for b in blocks if b.role == "quote"] or list(blocks)
            bottom = max(b.box.y + b.box.h for b in quote_blocks)
            rule = Rect(Box(geometry.body.x, top, Inches(0.07), Length(bottom - top)), "primary")
            body = (rule, *blocks)
        title = slide.title if k == 0 else slide.title + CONTINUED
        pages.append(
            Page(
                kind,
                title,
                body,
                result.fills[k],
                slide.notes,
                tuple(notices) if k == 0 else (),
                (k + 1, len(result.pages)),
            )
        )
    if len(pages) > 1:
        pages[0] = replace(
            pages[0],
            notices=(*pages[0].notices, ((), f"continued on {len(pages) - 1} more slide(s)")),
        )
    return pages


@dataclass(frozen=True, slots=True)
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


def _items_pages(
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
        text_sizes = _body_sizes(theme)
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
            return [Page("items", slide.title, page.elements, page.fill, notes)]
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
        return _flow_pages("items", slide, units, theme, _body_sizes(theme), geometry)
    return [*pages, *_detail_pages(slide, framework, labels, theme, geometry, fonts)]


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
    sizes = _body_sizes(theme)
    result = flow(units, geometry.body, sizes, _grow_sizes(theme))
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


def _terms_pages(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> list[Page]:
    sizes = _body_sizes(theme)
    term_sizes = [s + 2 for s in sizes]
    terms: list[CardTerm] = []
    terms_origin: list[DataPath] = []
    for block in slide.blocks:
        if block.role == "term":
            terms.append(CardTerm(block.text, None, bool(block.emphasis)))
            terms_origin.append(block.origin)
        else:
            terms[-1] = replace(terms[-1], explain=block.text, emphasis=bool(block.emphasis))
    grow = [(s + 2, s) for s in _grow_sizes(theme)]
    laid = term_pages(
        terms,
        geometry.body,
        term_sizes=term_sizes,
        explain_sizes=sizes,
        measurer=fonts.sans,
        grow=grow,
    )
    notices: list[tuple[DataPath, str]] = []
    if laid.size <= sizes[-1] < sizes[0]:  # cards shrink a little as a rule: warn at the floor
        notices.append(((), f"text shrunk from {sizes[0]:g} pt to the minimum {laid.size:g} pt"))
    for index in laid.split:
        notices.append(
            (
                terms_origin[index],
                "explanation too long for one slide even at the minimum size: continued on "
                "the next slide; consider shortening it",
            )
        )
    if len(laid.pages) > 1:
        notices.append(((), f"continued on {len(laid.pages) - 1} more slide(s)"))
    return [
        Page(
            "terms",
            slide.title if k == 0 else slide.title + CONTINUED,
            page.elements,
            page.fill,
            slide.notes,
            tuple(notices) if k == 0 else (),
            part=(k + 1, len(laid.pages)),
        )
        for k, page in enumerate(laid.pages)
    ]


def _table_pages(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> list[Page]:
    assert slide.table is not None
    laid = table_pages(slide.table, geometry.body, _body_sizes(theme), fonts.sans)
    blocks = laid.blocks
    return [
        Page(
            "table",
            slide.title if k == 0 else slide.title + CONTINUED,
            (block,),
            min(1.0, block.box.h / geometry.body.h),
            slide.notes,
            laid.notices if k == 0 else (),
            part=(k + 1, len(blocks)),
        )
        for k, block in enumerate(blocks)
    ]


@lru_cache(maxsize=4096)
def content_pages(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Page, ...]:
    """Lay out one planned slide's body into one or more pages on the slides of `geometry`
    (cached for batch builds)."""
    kind = slide.kind
    body_sizes = _body_sizes(theme)
    if kind == "points":
        units = _points_units(slide, theme, fonts)
        pages = _flow_pages(
            "points", slide, units, theme, body_sizes, geometry, grow=_grow_sizes(theme)
        )
    elif kind == "questions":
        units = _question_units(slide, fonts)
        pages = _flow_pages(
            "questions", slide, units, theme, body_sizes, geometry, grow=_grow_sizes(theme)
        )
    elif kind == "quote":
        pages = _flow_pages(
            "quote",
            slide,
            _quote_units(slide, theme.sizes.min_body, fonts),
            theme,
            size_steps(theme.sizes.quote, theme.sizes.min_body),
            geometry,
            quote_rule=True,
        )
    elif kind == "items":
        pages = _items_pages(slide, theme, geometry, fonts)
    elif kind == "terms":
        pages = _terms_pages(slide, theme, geometry, fonts)
    elif kind == "table":
        pages = _table_pages(slide, theme, geometry, fonts)
    elif kind == "image":
        assert slide.image is not None
        caption = slide.role("caption")
        body = image_elements(
            slide.image,
            caption[0].text if caption else None,
            geometry.body,
            theme.sizes.min_body,
            fonts.sans,
        )
        pages = [Page("image", slide.title, body, 1.0, slide.notes)]
    else:
        pages = [Page("empty", slide.title, (), 0.0, slide.notes)]
    return tuple(pages)


__all__ = ["CONTINUED", "Page", "content_pages"]
