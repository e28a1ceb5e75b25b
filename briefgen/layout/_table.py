"""Tables and images in the body area.

Maps a `Table` → pages of `TableBlock`s (columns sized to their content, cells broken to
width, rows paginated with the header repeated) and an `Image` → a `Picture` box with its
caption underneath.
"""

from __future__ import annotations

from ..model import Image, Table
from ._deck import Box, Element, Picture, TableBlock, TableCell, TextBlock
from ._linebreak import break_lines
from ._measure import text_width
from ._text import em_width, pitch, set_paragraph
from ._units import Inches, Length

CELL_PAD_X = Inches(0.08)
CELL_PAD_Y = Inches(0.04)
ROW_AIR = Inches(0.16)
TABLE_SPACING = 1.25


def _column_widths(table: Table, total: Length) -> list[Length]:
    columns = len(table.header)
    natural = []
    for c in range(columns):
        cells = [table.header[c], *(row[c] for row in table.rows)]
        natural.append(max(4.0, min(30.0, max(text_width(cell) for cell in cells))))
    scale = total / sum(natural)
    widths = [Length(round(n * scale)) for n in natural]
    widths[-1] = Length(total - sum(widths[:-1]))
    return widths


def _cells(row: tuple[str, ...], widths: list[Length], size: float) -> tuple[TableCell, ...]:
    return tuple(
        TableCell(tuple(break_lines(text, em_width(Length(w - 2 * CELL_PAD_X), size))))
        for text, w in zip(row, widths, strict=True)
    )


def _row_height(cells: tuple[TableCell, ...], size: float) -> Length:
    lines = max(len(cell.lines) for cell in cells)
    return Length(lines * pitch(size, TABLE_SPACING) + 2 * CELL_PAD_Y + ROW_AIR)


def table_pages(table: Table, area: Box, sizes: list[float]) -> tuple[list[TableBlock], float]:
    """The table on as few pages as possible at the largest size; the header repeats."""
    widths = _column_widths(table, area.w)
    best: list[TableBlock] | None = None
    best_size = sizes[-1]
    for size in sizes:
        header = _cells(table.header, widths, size)
        rows = [_cells(row, widths, size) for row in table.rows]
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


def image_elements(image: Image, path: str, area: Box, caption_size: float) -> tuple[Element, ...]:
    """The picture fitted above its caption (the pptx writer keeps the aspect ratio)."""
    elements: list[Element] = []
    picture_h = area.h
    if image.caption:
        caption = set_paragraph(image.caption, area.w, caption_size, 1.3, align="center")
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
        0, Picture(Box(area.x, area.y, area.w, picture_h), path, image.caption or image.path)
    )
    return tuple(elements)


__all__ = ["image_elements", "table_pages"]
