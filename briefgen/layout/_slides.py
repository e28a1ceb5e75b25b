"""Content slides: one planned slide's body laid out onto one or more pages.

Maps a `PlannedSlide` (points, items, quote, terms, questions, table, image) + `Theme` →
`Page`s of positioned elements, with notices (shrunk, split, continued) returned as data.
Each block role gets its style here (size ratio, bullet, colour, spacing). Cached per
slide, so a batch lays out each shared slide once.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from briefgen.plan import PlannedSlide
from briefgen.theme import Theme

from ._flow import Unit
from ._geometry import Geometry
from ._items import items_pages
from ._measurer import FontSet
from ._page import CONTINUED, DataPath, Page, body_sizes, flow_pages, grow_sizes
from ._table import image_elements, table_pages
from ._terms import CardTerm, term_pages
from ._text import size_steps


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


def _terms_pages(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> list[Page]:
    sizes = body_sizes(theme)
    term_sizes = [s + 2 for s in sizes]
    terms: list[CardTerm] = []
    terms_origin: list[DataPath] = []
    for block in slide.blocks:
        if block.role == "term":
            terms.append(CardTerm(block.text, None, bool(block.emphasis)))
            terms_origin.append(block.origin)
        else:
            terms[-1] = replace(terms[-1], explain=block.text, emphasis=bool(block.emphasis))
    grow = [(s + 2, s) for s in grow_sizes(theme)]
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
    laid = table_pages(slide.table, geometry.body, body_sizes(theme), fonts.sans)
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


@lru_cache(maxsize=512)  # every district's shared slides and a dozen districts' own: flat memory
def content_pages(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Page, ...]:
    """Lay out one planned slide's body into one or more pages on the slides of `geometry`
    (cached for batch builds)."""
    kind = slide.kind
    sizes = body_sizes(theme)
    if kind == "points":
        units = _points_units(slide, theme, fonts)
        pages = flow_pages("points", slide, units, theme, sizes, geometry, grow=grow_sizes(theme))
    elif kind == "questions":
        units = _question_units(slide, fonts)
        pages = flow_pages(
            "questions", slide, units, theme, sizes, geometry, grow=grow_sizes(theme)
        )
    elif kind == "quote":
        pages = flow_pages(
            "quote",
            slide,
            _quote_units(slide, theme.sizes.min_body, fonts),
            theme,
            size_steps(theme.sizes.quote, theme.sizes.min_body),
            geometry,
            quote_rule=True,
        )
    elif kind == "items":
        pages = items_pages(slide, theme, geometry, fonts)
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
