"""Flowing text into the body area: shrink within limits, then paginate; never clip, never drop.

Maps a list of `Unit`s (points, sub-points, questions, quote text …) and a box → pages of
positioned `TextBlock`s at one common size. The theme's size is tried first, then smaller
sizes down to the minimum; if the content still does not fit it is split onto as few
continuation pages as possible, at the largest size that achieves that page count.
A single unit too tall for a page is split at sentence boundaries, with a warning.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen._record import record

from ._deck import Align, Box, FontRole, TextBlock, TextRole
from ._measurer import TABLES, Measurer
from ._text import SetText, block_height, set_paragraph, split_sentences
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


def _explode(unit: Unit, area: Box, size: float) -> list[Unit]:
    """A unit too tall for one page → one unit per sentence (the first keeps the bullet);
    a single sentence too tall for a page → chunks of whole lines that each fit a page."""
    sentences = split_sentences(unit.text)
    if len(sentences) == 1:
        sentences = _line_chunks(unit, area, size)
        if len(sentences) == 1:
            return [unit]
    parts = [replace(unit, text=sentences[0], keep_with_next=False)]
    for sentence in sentences[1:]:
        parts.append(replace(unit, text=sentence, bullet=None, gap_em=0.15, keep_with_next=False))
    return parts


def _line_chunks(unit: Unit, area: Box, size: float) -> list[str]:
    """The unit's text cut between lines into pieces that each fit one page."""
    placed = _place(unit, area, size)
    lines = placed.setting.paragraph.lines
    per_page = len(lines)
    while per_page > 1 and block_height(per_page, placed.size, unit.spacing) > area.h:
        per_page -= 1
    return ["".join(lines[i : i + per_page]) for i in range(0, len(lines), per_page)]


def _paginate(
    units: list[Unit], area: Box, size: float
) -> tuple[list[list[Placed]], list[DataPath]]:
    """Greedy pagination at one size; oversize units are split by sentence."""
    gap_unit = size * EMU_PER_PT
    pages: list[list[Placed]] = [[]]
    used = 0
    splits: list[DataPath] = []
    queue = list(units)
    index = 0
    while index < len(queue):
        placed = _place(queue[index], area, size)
        if placed.setting.height > area.h:
            parts = _explode(queue[index], area, size)
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


SPARSE = 0.55
"""A page filled less than this gets more room between its paragraphs (up to 0.8 em more)."""


def _airy_gap(placed: list[Placed], area: Box, size: float, height: int) -> int:
    """Extra space between paragraphs of a sparse page, so a short list does not huddle."""
    if len(placed) < 2 or height >= SPARSE * area.h:
        return 0
    wanted = (SPARSE * area.h - height) / (len(placed) - 1)
    return round(min(wanted, 0.8 * size * EMU_PER_PT))


def flow(units: list[Unit], area: Box, sizes: list[float]) -> Flow:
    """Fit `units` into `area`: one page at the largest size that fits, else fewest pages."""
    for size in sizes:
        placed = [_place(unit, area, size) for unit in units]
        height = _height(placed, size)
        if height <= area.h:
            extra = _airy_gap(placed, area, size, height)
            height += extra * (len(placed) - 1)
            return Flow((_blocks(placed, area, size, extra),), size, (), (height / area.h,))
    smallest = sizes[-1]
    pages, splits = _paginate(units, area, smallest)
    target = len(pages)
    chosen_size = smallest
    for size in sizes:
        candidate, candidate_splits = _paginate(units, area, size)
        if len(candidate) <= target and all(
            _height(page, size) <= area.h or len(page) == 1 for page in candidate
        ):
            pages, splits, chosen_size = candidate, candidate_splits, size
            break
    return Flow(
        tuple(_blocks(page, area, chosen_size) for page in pages),
        chosen_size,
        tuple(splits),
        tuple(min(1.0, _height(page, chosen_size) / area.h) for page in pages),
    )


__all__ = ["Flow", "Unit", "flow"]
