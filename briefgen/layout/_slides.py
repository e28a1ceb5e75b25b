"""Content slides: one outline slide's body laid out onto one or more pages.

Maps a `Slide` (points, items, quote, terms, questions, table, image) + `Theme` → `Page`s of
positioned elements, with notices (shrunk, split, continued) returned as data. Cached per
slide, so a batch lays out each shared slide once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from briefgen.outline import Slide
from briefgen.theme import Theme

from ._cards import CardPage, item_cards, term_pages
from ._deck import Box, Element, Rect, SlideKind
from ._flow import Unit, flow
from ._geometry import Geometry
from ._table import image_elements, table_pages
from ._text import ordinal_label, size_steps
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


def _points_units(slide: Slide, theme: Theme) -> list[Unit]:
    sub_ratio = theme.sizes.sub / theme.sizes.body
    units: list[Unit] = []
    for p, point in enumerate(slide.points or ()):
        units.append(
            Unit(
                point.text,
                "body",
                bullet="•",
                indent_em=1.1,
                gap_em=0.6,
                keep_with_next=bool(point.sub),
                origin=("points", p),
            )
        )
        for s, sub in enumerate(point.sub):
            units.append(
                Unit(
                    sub,
                    "sub",
                    ratio=sub_ratio,
                    min_size=theme.sizes.min_body,
                    color="grey",
                    bullet="–",
                    indent_em=1.0,
                    offset_em=1.1,
                    gap_em=0.25,
                    origin=("points", p, "sub", s),
                )
            )
    return units


def _question_units(slide: Slide) -> list[Unit]:
    return [
        Unit(
            q,
            "question",
            bullet=f"{i + 1}. ",
            bullet_color="primary",
            gap_em=0.9,
            origin=("questions", i),
        )
        for i, q in enumerate(slide.questions or ())
    ]


def _quote_units(slide: Slide, attribution: str | None, min_size: float) -> list[Unit]:
    assert slide.quote is not None
    units = [Unit(slide.quote.text, "quote", font="quote", spacing=1.55, origin=("quote", "text"))]
    who = slide.quote.attribution or attribution
    if who:
        units.append(
            Unit(
                f"——{who}" if not who.startswith("—") else who,
                "attribution",
                ratio=0.75,
                min_size=min_size,
                color="grey",
                align="right",
                gap_em=0.8,
                origin=("quote", "attribution"),
            )
        )
    return units


def _flow_pages(
    kind: SlideKind,
    slide: Slide,
    units: list[Unit],
    theme: Theme,
    sizes: list[float],
    geometry: Geometry,
    *,
    quote_rule: bool = False,
) -> list[Page]:
    area = geometry.body
    if quote_rule:
        area = replace(area, x=Length(area.x + Inches(0.5)), w=Length(area.w - Inches(0.5)))
    result = flow(units, area, sizes)
    notices: list[tuple[DataPath, str]] = []
    if result.size < sizes[0]:
        notices.append(((), f"text shrunk from {sizes[0]:g} pt to {result.size:g} pt to fit"))
    for origin in result.splits:
        notices.append(
            (
                origin,
                "too long for one slide even at the minimum size: split at a "
                "sentence boundary; consider shortening it",
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
                slide.notes or "",
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


def _items_pages(slide: Slide, theme: Theme, geometry: Geometry) -> list[Page]:
    items = slide.items or ()
    labels = [ordinal_label(i + 1, slide.ordinal) for i in range(len(items))]
    area = geometry.body
    notes = slide.notes or ""
    pages: list[Page] = []
    if len(items) <= 10:
        head_sizes = size_steps(28, 20)
        text_sizes = _body_sizes(theme)
        has_text = any(it.text for it in items)
        page: CardPage | None = None
        if has_text:
            page = item_cards(
                items, labels, area, head_sizes=head_sizes, text_sizes=text_sizes, with_text=True
            )
        if page is not None:
            return [Page("items", slide.title, page.elements, page.fill, notes)]
        page = item_cards(
            items, labels, area, head_sizes=head_sizes, text_sizes=text_sizes, with_text=False
        )
        if page is not None:
            pages.append(Page("items", slide.title, page.elements, page.fill, notes))
            if not has_text:
                return pages
    if not pages:  # too many items for cards: a numbered list, paginated
        units = []
        for i, item in enumerate(items):
            units.append(
                Unit(
                    item.head,
                    "head",
                    bullet=labels[i],
                    bullet_color="primary",
                    bold=True,
                    gap_em=0.6,
                    keep_with_next=bool(item.text),
                    origin=("items", i, "head"),
                )
            )
            if item.text:
                units.append(
                    Unit(
                        item.text,
                        "item-text",
                        ratio=0.85,
                        min_size=theme.sizes.min_body,
                        color="grey",
                        gap_em=0.15,
                        origin=("items", i, "text"),
                    )
                )
        return _flow_pages("items", slide, units, theme, _body_sizes(theme), geometry)
    for i, item in enumerate(items):
        if not item.text:
            continue
        units = [
            Unit(
                item.head,
                "head",
                ratio=1.15,
                color="primary",
                bullet=labels[i],
                bullet_color="gold",
                bold=True,
                keep_with_next=True,
                origin=("items", i, "head"),
            ),
            Unit(item.text, "item-text", gap_em=0.7, origin=("items", i, "text")),
        ]
        detail = slide.model_copy(update={"title": f"{slide.title}·{labels[i]}"})
        pages.extend(_flow_pages("item", detail, units, theme, _body_sizes(theme), geometry))
    return pages


def _terms_pages(slide: Slide, theme: Theme, geometry: Geometry) -> list[Page]:
    sizes = _body_sizes(theme)
    term_sizes = [s + 2 for s in sizes]
    cards = term_pages(slide.terms or (), geometry.body, term_sizes=term_sizes, explain_sizes=sizes)
    return [
        Page(
            "terms",
            slide.title if k == 0 else slide.title + CONTINUED,
            page.elements,
            page.fill,
            slide.notes or "",
            part=(k + 1, len(cards)),
        )
        for k, page in enumerate(cards)
    ]


def _table_pages(slide: Slide, theme: Theme, geometry: Geometry) -> list[Page]:
    assert slide.table is not None
    blocks, _ = table_pages(slide.table, geometry.body, _body_sizes(theme))
    return [
        Page(
            "table",
            slide.title if k == 0 else slide.title + CONTINUED,
            (block,),
            block.box.h / geometry.body.h,
            slide.notes or "",
            part=(k + 1, len(blocks)),
        )
        for k, block in enumerate(blocks)
    ]


@lru_cache(maxsize=4096)
def content_pages(
    slide: Slide, theme: Theme, attribution: str | None, image_base: str, geometry: Geometry
) -> tuple[Page, ...]:
    """Lay out one outline slide's body into one or more pages (cached for batch builds)."""
    kind = slide.kind
    sizes = _body_sizes(theme)
    if kind == "points":
        pages = _flow_pages("points", slide, _points_units(slide, theme), theme, sizes, geometry)
    elif kind == "questions":
        pages = _flow_pages("questions", slide, _question_units(slide), theme, sizes, geometry)
    elif kind == "quote":
        pages = _flow_pages(
            "quote",
            slide,
            _quote_units(slide, attribution, theme.sizes.min_body),
            theme,
            size_steps(theme.sizes.quote, theme.sizes.min_body),
            geometry,
            quote_rule=True,
        )
    elif kind == "items":
        pages = _items_pages(slide, theme, geometry)
    elif kind == "terms":
        pages = _terms_pages(slide, theme, geometry)
    elif kind == "table":
        pages = _table_pages(slide, theme, geometry)
    elif kind == "image":
        assert slide.image is not None
        path = str(Path(image_base) / slide.image.path)
        body = image_elements(slide.image, path, geometry.body, theme.sizes.min_body)
        pages = [Page("image", slide.title, body, 1.0, slide.notes or "")]
    else:
        pages = [Page("empty", slide.title, (), 0.0, slide.notes or "")]
    return tuple(pages)


__all__ = ["CONTINUED", "Page", "content_pages"]
