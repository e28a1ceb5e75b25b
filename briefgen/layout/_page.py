"""A content slide's pages before numbering, and text flowed onto them.

Maps `Unit`s of text (already styled per role) + the body area → `Page`s: shrunk within the
theme's sizes, grown on short slides, then paginated onto “…（续）” pages, with the notices
(shrunk, split, continued) as data. Shared by every flowing slide kind.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen._record import record
from briefgen.plan import PlannedSlide, SlideKind
from briefgen.theme import Theme

from ._deck import Box, Element, Rect
from ._flow import Unit, flow
from ._geometry import Geometry
from ._text import size_steps
from ._units import Inches, Length

DataPath = tuple[str | int, ...]

CONTINUED = "（续）"


@record
class Page:
    """A content page before numbering: kind, title, body elements, fill, notices."""

    kind: SlideKind
    title: str
    body: tuple[Element, ...]
    fill: float
    notes: str
    notices: tuple[tuple[DataPath, str], ...] = ()
    part: tuple[int, int] = (1, 1)


def body_sizes(theme: Theme) -> list[float]:
    return size_steps(theme.sizes.body, theme.sizes.min_body)


def grow_sizes(theme: Theme) -> list[float]:
    """Sizes a short slide's body text may grow to: above `body`, up to `max-body`."""
    return [s for s in size_steps(theme.sizes.max_body, theme.sizes.body) if s > theme.sizes.body]


def flow_pages(
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


__all__ = ["CONTINUED", "DataPath", "Page", "body_sizes", "flow_pages", "grow_sizes"]
