"""Tables and images in the body area.

Maps a `Table` → pages of `TableBlock`s (columns sized to their content, cells broken to
width, rows paginated with the header repeated) and an `Image` → a `Picture` box with its
caption underneath.
"""

from __future__ import annotations

from briefgen.plan import PlannedImage, PlannedTable

from ._deck import Box, Element, Picture, TableBlock, TableCell, TextBlock
from ._linebreak import break_lines
from ._measurer import Measurer
from ._text import SAFETY, em_width, pitch, set_paragraph
from ._units import EMU_PER_PT, Inches, Length

CELL_PAD_X = Inches(0.08)
CELL_PAD_Y = Inches(0.04)
ROW_AIR = Inches(0.16)
TABLE_SPACING = 1.25


def _column_widths(
    table: PlannedTable, total: Length, size: float, measurer: Measurer
) -> list[Length]:
    """Column widths for `size` pt: every column that fits on one line within a fair share of
    the width gets exactly what it needs; the rest share what is left by their length. So a
    short column (方面, 第10项) is never squeezed into wrapping by a long one."""
    columns = len(table.header)
    pad = 2 * CELL_PAD_X + Inches(0.04)
    need: list[float] = []
    for c in range(columns):
        header = measurer.em(table.header[c], bold=True)
        em = max(2.0, header, *(measurer.em(row[c]) for row in table.rows))
        need.append(em * size * EMU_PER_PT / SAFETY + pad)
    widths: list[float] = [0.0] * columns
    if sum(need) <= total:
        spare = total - sum(need)
        widths = [n + spare * n / sum(need) for n in need]
    else:
        remaining, open_ = float(total), list(range(columns))
        while open_:
            share = remaining / len(open_)
            fixed = [c for c in open_ if need[c] <= share]
            if not fixed:
                break
            for c in fixed:
                widths[c] = need[c]
                remaining -= need[c]
                open_.remove(c)
        weight = sum(need[c] for c in open_)
        for c in open_:
            widths[c] = remaining * need[c] / weight
    result = [Length(round(w)) for w in widths]
    result[-1] = Length(total - sum(result[:-1]))
    return result


def _cells(
    row: tuple[str, ...], widths: list[Length], size: float, measurer: Measurer, *, bold: bool
) -> tuple[TableCell, ...]:
    return tuple(
        TableCell(
            tuple(
                break_lines(
                    text, em_width(Length(w - 2 * CELL_PAD_X), size), measurer=measurer, bold=bold
                )
            )
        )
        for text, w in zip(row, widths, strict=True)
    )


def _row_height(cells: tuple[TableCell, ...], size: float) -> Length:
    lines = max(len(cell.lines) for cell in cells)
    return Length(lines * pitch(size, TABLE_SPACING) + 2 * CELL_PAD_Y + ROW_AIR)


def table_pages(
    table: PlannedTable, area: Box, sizes: list[float], measurer: Measurer
) -> tuple[list[TableBlock], float]:
    """The table on as few pages as possible at the largest size; the header repeats."""
    best: list[TableBlock] | None = None
    best_size = sizes[-1]
    for size in sizes:
        widths = _column_widths(table, area.w, size, measurer)
        header = _cells(table.header, widths, size, measurer, bold=True)
        rows = [_cells(row, widths, size, measurer, bold=False) for row in table.rows]
        header_h = _row_height(header, size)
        pages: list[list[tuple[tuple[TableCell, ...], Length]]] = [[]]
        used: int = header_h
        for cells in rows:
            h = _row_height(cells, size)
            if pages[-1] and used + h > area.h:
                pages.append([])
                used = header_h
            pages[-1].append((cells, h))
            used += h
        blocks = [
            TableBlock(
                Box(area.x, area.y, area.w, Length(header_h + sum(h for _, h in page))),
                header,
                tuple(cells for cells, _ in page),
                tuple(widths),
                (header_h, *(h for _, h in page)),
                size,
            )
            for page in pages
        ]
        if best is None or len(blocks) < len(best):
            best, best_size = blocks, size
            if len(blocks) == 1:
                break
    assert best is not None
    return best, best_size


def image_elements(
    image: PlannedImage,
    caption_text: str | None,
    area: Box,
    caption_size: float,
    measurer: Measurer,
) -> tuple[Element, ...]:
    """The picture fitted above its caption (the pptx writer keeps the aspect ratio)."""
    elements: list[Element] = []
    picture_h = area.h
    if caption_text:
        caption = set_paragraph(
            caption_text, area.w, caption_size, 1.3, align="center", measurer=measurer
        )
        picture_h = Length(area.h - caption.height - Inches(0.15))
        elements.append(
            TextBlock(
                Box(area.x, Length(area.y + picture_h + Inches(0.15)), area.w, caption.height),
                (caption.paragraph,),
                caption_size,
                "caption",
                color="grey",
                line_spacing=1.3,
            )
        )
    elements.insert(
        0, Picture(Box(area.x, area.y, area.w, picture_h), image.path, image.description)
    )
    return tuple(elements)


__all__ = ["image_elements", "table_pages"]
