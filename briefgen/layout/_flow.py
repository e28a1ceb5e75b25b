"""Flowing text into the body area: shrink within limits, then paginate; never clip, never drop.

Maps a list of `Unit`s (points, sub-points, questions, quote text …) and a box → pages of
positioned `TextBlock`s at one common size. The theme's size is tried first, then smaller
sizes down to the minimum; if the content still does not fit it is split onto as few
continuation pages as possible, at the largest size that achieves that page count.
A single unit too tall for a page is cut between its lines and continues on the next page
(one paragraph, broken where it was), with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from briefgen._record import record

from ._balance import Run, balanced, greedy
from ._deck import Align, Box, FontRole, TextBlock, TextRole
from ._measurer import TABLES, Measurer
from ._text import SetText, block_height, set_paragraph
from ._units import EMU_PER_PT, Length

DataPath = tuple[str | int, ...]


@record
class Unit:
    """One paragraph to flow, with its style relative to the body size."""

    text: str
    role: TextRole
    ratio: float = 1.0
    color: str = "ink"
    bullet: str | None = None
    bullet_color: str = "gold"
    indent_em: float = 0.0
    """Left edge of the text (after the bullet), in em of the unit's size."""
    offset_em: float = 0.0
    """Extra left offset of the whole unit (sub-points), in em of the body size."""
    gap_em: float = 0.55
    """Space above the unit, in em of the body size (ignored at the top of a page)."""
    bold: bool = False
    font: FontRole = "sans"
    align: Align = "left"
    spacing: float = 1.3
    emphasis: bool = True
    keep_with_next: bool = False
    origin: DataPath = ()
    min_size: float = 0.0
    """The unit never shrinks below this (the theme's minimum body size, in pt)."""
    measurer: Measurer = TABLES
    """Widths of the face the unit is drawn in (its `font` role in the theme)."""


@record
class Placed:
    """A unit set at a size, before it is given a page position."""

    unit: Unit
    setting: SetText
    size: float


@record
class Flow:
    """The result of flowing: pages of blocks, the size used, split notices, fill per page."""

    pages: tuple[tuple[TextBlock, ...], ...]
    size: float
    splits: tuple[DataPath, ...]
    fills: tuple[float, ...]


def _place(unit: Unit, area: Box, size: float) -> Placed:
    unit_size = max(round(size * unit.ratio, 1), unit.min_size)
    offset = Length(round(unit.offset_em * size * EMU_PER_PT))
    indent = Length(round(unit.indent_em * unit_size * EMU_PER_PT))
    setting = set_paragraph(
        unit.text,
        Length(area.w - offset),
        unit_size,
        unit.spacing,
        bullet=unit.bullet,
        indent=indent,
        level=1 if unit.offset_em else 0,
        emphasis=unit.emphasis,
        align=unit.align,
        measurer=unit.measurer,
        bold=unit.bold,
    )
    return Placed(unit, setting, unit_size)


MIN_LINES = 2
"""Fewest lines of a split paragraph left at the foot of a page (else it starts a new page)."""


def _explode(unit: Unit, area: Box, size: float, room: int) -> list[Unit]:
    """A unit too tall for one page → pieces cut between its lines, keeping its paragraph.

    The first piece fills `room` (what is left of the current page) when that holds
    `MIN_LINES` lines, else a whole page; each further piece fills a page. The pieces are
    the paragraph's own lines, in order: only the first keeps the bullet, and the others
    start their pages (a continuation, not a new paragraph of the outline)."""
    chunks = _line_chunks(unit, area, size, room)
    if len(chunks) == 1:
        return [unit]
    parts = [replace(unit, text=chunks[0], keep_with_next=False)]
    for chunk in chunks[1:]:
        parts.append(replace(unit, text=chunk, bullet=None, keep_with_next=False))
    return parts


def _lines_in(height: int, size: float, spacing: float, most: int) -> int:
    """How many lines (at most `most`) of `size` pt text fit `height`."""
    n = most
    while n > 0 and block_height(n, size, spacing) > height:
        n -= 1
    return n


def _line_chunks(unit: Unit, area: Box, size: float, room: int) -> list[str]:
    """The unit's text cut between lines: a first piece for `room`, then pieces of a page."""
    placed = _place(unit, area, size)
    lines = placed.setting.paragraph.lines
    per_page = max(1, _lines_in(area.h, placed.size, unit.spacing, len(lines)))
    first = _lines_in(room, placed.size, unit.spacing, len(lines))
    if first < min(MIN_LINES, per_page):
        first = per_page
    cuts = [0, first]
    while cuts[-1] < len(lines):
        cuts.append(min(len(lines), cuts[-1] + per_page))
    return ["".join(lines[a:b]) for a, b in pairwise(cuts) if b > a]


def _paginate(
    units: list[Unit], area: Box, size: float
) -> tuple[list[list[Placed]], list[DataPath]]:
    """Greedy pagination at one size; a unit taller than a page is cut between its lines."""
    gap_unit = size * EMU_PER_PT
    pages: list[list[Placed]] = [[]]
    used = 0
    splits: list[DataPath] = []
    queue = list(units)
    index = 0
    while index < len(queue):
        placed = _place(queue[index], area, size)
        if placed.setting.height > area.h:
            gap = 0 if not pages[-1] else round(placed.unit.gap_em * gap_unit)
            parts = _explode(queue[index], area, size, area.h - used - gap)
            if len(parts) > 1:
                queue[index : index + 1] = parts
                splits.append(queue[index].origin)
                continue
        gap = 0 if not pages[-1] else round(placed.unit.gap_em * gap_unit)
        need = gap + placed.setting.height
        if placed.unit.keep_with_next and index + 1 < len(queue):
            need += round(queue[index + 1].gap_em * gap_unit)
            need += _place(queue[index + 1], area, size).setting.height
        if pages[-1] and used + need > area.h:
            pages.append([])
            used = 0
            gap = 0
        pages[-1].append(placed)
        used += gap + placed.setting.height
        index += 1
    return pages, splits


def _height(placed: list[Placed], size: float) -> int:
    gap_unit = size * EMU_PER_PT
    total = 0
    for i, item in enumerate(placed):
        total += item.setting.height + (round(item.unit.gap_em * gap_unit) if i else 0)
    return total


def _blocks(page: list[Placed], area: Box, size: float, extra: int = 0) -> tuple[TextBlock, ...]:
    gap_unit = size * EMU_PER_PT
    y = area.y
    blocks = []
    for i, item in enumerate(page):
        if i:
            y = Length(y + round(item.unit.gap_em * gap_unit) + extra)
        offset = Length(round(item.unit.offset_em * size * EMU_PER_PT))
        unit = item.unit
        blocks.append(
            TextBlock(
                Box(Length(area.x + offset), y, Length(area.w - offset), item.setting.height),
                (item.setting.paragraph,),
                item.size,
                unit.role,
                color=unit.color,
                font=unit.font,
                bold=unit.bold,
                line_spacing=unit.spacing,
                bullet_color=unit.bullet_color,
            )
        )
        y = Length(y + item.setting.height)
    return tuple(blocks)


SPARSE = 0.7
"""A page filled less than this gets more room between its paragraphs (up to `AIR_EM` more)."""
AIR_EM = 1.5
"""The most extra space between two paragraphs of a sparse page, in em of the body size."""
SHORT = 0.5
"""A one-page slide whose text fills less than this share of the body at the theme's size is
short: its text grows (up to the theme's `max-body`)."""
GROWN = 0.75
"""The most of the body a short slide's grown text may fill: the rest stays air."""


def _airy_gap(placed: list[Placed], area: Box, size: float, height: int) -> int:
    """Extra space between paragraphs of a sparse page, so a short list does not huddle."""
    if len(placed) < 2 or height >= SPARSE * area.h:
        return 0
    wanted = (SPARSE * area.h - height) / (len(placed) - 1)
    return round(min(wanted, AIR_EM * size * EMU_PER_PT))


def _grown(
    units: list[Unit], area: Box, grow: Sequence[float], before: list[Placed]
) -> tuple[list[Placed], float] | None:
    """A short slide's text at the largest of the `grow` sizes that fills at most `GROWN` of
    the body and leaves no stub: a paragraph that takes more lines than it did (`before`)
    must fill a third of its new last line. None when no size does."""
    for size in sorted(grow, reverse=True):
        placed = [_place(unit, area, size) for unit in units]
        if _height(placed, size) <= GROWN * area.h and not any(
            _stub(now, then, area) for now, then in zip(placed, before, strict=True)
        ):
            return placed, size
    return None


def _stub(now: Placed, then: Placed, area: Box) -> bool:
    """Whether growing left a short tail: more lines than before, the last one under a third
    of the width (a point's last two characters alone read worse than the smaller size)."""
    lines = now.setting.paragraph.lines
    if len(lines) <= len(then.setting.paragraph.lines):
        return False
    unit = now.unit
    em = now.size * EMU_PER_PT
    width = area.w - (unit.offset_em + unit.indent_em) * em
    return unit.measurer.em(lines[-1], bold=unit.bold) * em < width / 3


def _run(placed: list[Placed], size: float) -> Run:
    """The placed units as a run of blocks to cut into pages."""
    gap_unit = size * EMU_PER_PT
    return Run(
        [item.setting.height for item in placed],
        [round(item.unit.gap_em * gap_unit) for item in placed],
        [item.unit.keep_with_next for item in placed],
    )


def _cut(
    units: list[Unit], area: Box, size: float
) -> tuple[list[Placed], Run, int, list[DataPath]]:
    """The units placed at `size` (too tall ones split), as a run, with the fewest pages it
    takes keeping groups together, and the origins of the split units."""
    pages, splits = _paginate(units, area, size)
    placed = [item for page in pages for item in page]
    run = _run(placed, size)
    return placed, run, len(greedy(run, area.h)), splits


def flow(units: list[Unit], area: Box, sizes: list[float], grow: Sequence[float] = ()) -> Flow:
    """Fit `units` into `area`: one page at the largest size that fits, else fewest pages,
    balanced. A one page of text filling less than `SHORT` of the area at `sizes[0]` grows
    to the largest of the `grow` sizes (larger than `sizes[0]`) that keeps it under `GROWN`."""
    for size in sizes:
        placed = [_place(unit, area, size) for unit in units]
        height = _height(placed, size)
        if height <= area.h:
            if size == sizes[0] and height < SHORT * area.h and grow:
                grown = _grown(units, area, [g for g in grow if g > size], placed)
                if grown is not None:
                    placed, size = grown
                    height = _height(placed, size)
            extra = _airy_gap(placed, area, size, height)
            height += extra * (len(placed) - 1)
            return Flow((_blocks(placed, area, size, extra),), size, (), (height / area.h,))
    placed, run, count, splits = _cut(units, area, sizes[-1])
    chosen_size = sizes[-1]
    for size in sizes[:-1]:  # the largest size that needs no more pages than the smallest
        candidate = _cut(units, area, size)
        if candidate[2] <= count:
            (placed, run, count, splits), chosen_size = candidate, size
            break
    pages = [placed[a : b + 1] for a, b in balanced(run, area.h, count)]
    return Flow(
        tuple(_blocks(page, area, chosen_size) for page in pages),
        chosen_size,
        tuple(splits),
        tuple(min(1.0, _height(page, chosen_size) / area.h) for page in pages),
    )


__all__ = ["AIR_EM", "GROWN", "SHORT", "Flow", "Unit", "flow"]
