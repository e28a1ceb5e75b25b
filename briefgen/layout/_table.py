"""Tables and images in the body area.

Maps a `Table` → pages of `TableBlock`s and notices: shrink (one size for the whole table,
down to the theme's minimum), then reflow (columns sized to their content by `_columns`,
cells broken by 避头尾 in the face and weight they are drawn in), then paginate (by rows, the
header repeated on every “…（续）” slide; a row taller than a slide split between its lines,
its continuation marked; columns that cannot all reach their least width shown in groups that
repeat the first column). And an `Image` → a `Picture` box with its caption underneath.
docs/layout.md (Tables) states the rule.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen._record import record
from briefgen.plan import PlannedImage, PlannedTable

from ._columns import (
    CELL_PAD_X,
    MARK,
    ColumnNeeds,
    column_groups,
    column_needs,
    fitted_widths,
    to_emu,
)
from ._deck import Box, Element, Picture, TableBlock, TableCell, TextBlock
from ._linebreak import break_lines
from ._measurer import Measurer
from ._text import em_width, pitch, set_paragraph
from ._units import Inches, Length

DataPath = tuple[str | int, ...]
Row = tuple[TableCell, ...]

CELL_PAD_Y = Inches(0.04)
ROW_AIR = Inches(0.16)
TABLE_SPACING = 1.25

STRETCH = 0.6
"""A table that fits one slide with room to spare gives each body row up to this many line
pitches more height (tables use the height they have, without looking sparse)."""


@record
class TableLayout:
    """A table laid out: its pages (one `TableBlock` each), the size used and the notices
    (path inside the slide, message) for every shrink, continuation, split and column group."""

    blocks: tuple[TableBlock, ...]
    size: float
    notices: tuple[tuple[DataPath, str], ...]


@record
class _Piece:
    """A body row, or the part of one that fits a page, with its height."""

    row: int
    cells: Row
    height: Length


@record
class _Paged:
    """Rows paginated at one size and widths: the header, the pages, the rows split."""

    header: Row
    header_h: Length
    pages: tuple[tuple[_Piece, ...], ...]
    split: tuple[int, ...]


def _cells(
    texts: tuple[str, ...], widths: list[Length], size: float, measurer: Measurer, *, bold: bool
) -> Row:
    """One row's texts broken by 避头尾 to their columns' widths (less the cell insets)."""
    return tuple(
        TableCell(
            tuple(
                break_lines(
                    text, em_width(Length(w - 2 * CELL_PAD_X), size), measurer=measurer, bold=bold
                )
            )
        )
        for text, w in zip(texts, widths, strict=True)
    )


def _row_height(cells: Row, size: float) -> Length:
    lines = max((len(cell.drawn) for cell in cells), default=1)
    return Length(lines * pitch(size, TABLE_SPACING) + 2 * CELL_PAD_Y + ROW_AIR)


def _lines_room(room: int, size: float) -> int:
    """How many lines of a row fit in `room` EMU of page height."""
    return int((room - 2 * CELL_PAD_Y - ROW_AIR) // pitch(size, TABLE_SPACING))


def _split_row(cells: Row, lines: int) -> tuple[Row, Row]:
    """A row cut after its first `lines` drawn lines: the part that fits, and the rest with the
    continuation mark on its first cell."""
    head: list[TableCell] = []
    rest: list[TableCell] = []
    for c, cell in enumerate(cells):
        keep = max(0, lines - (1 if cell.mark else 0))
        head.append(replace(cell, lines=cell.lines[:keep]))
        rest.append(TableCell(cell.lines[keep:], MARK if c == 0 else ""))
    return tuple(head), tuple(rest)


def _paginate(header: Row, rows: list[Row], size: float, limit: int) -> _Paged:
    """Rows onto pages of height `limit` under the repeated header; a row taller than a page
    starts where at least two of its lines fit and continues on the next page."""
    header_h = _row_height(header, size)
    pages: list[list[_Piece]] = [[]]
    used = header_h
    split: list[int] = []
    queue = list(enumerate(rows))
    while queue:
        r, cells = queue.pop(0)
        h = _row_height(cells, size)
        if used + h > limit and pages[-1] and header_h + h <= limit:
            pages.append([])
            used = header_h
        if used + h <= limit:
            pages[-1].append(_Piece(r, cells, h))
            used += h
            continue
        lines = _lines_room(limit - used, size)
        if lines < 2 and pages[-1]:
            pages.append([])
            used = header_h
            lines = _lines_room(limit - used, size)
        head, rest = _split_row(cells, max(lines, 2))
        pages[-1].append(_Piece(r, head, _row_height(head, size)))
        pages.append([])
        used = header_h
        queue.insert(0, (r, rest))
        if not split or split[-1] != r:
            split.append(r)
    return _Paged(header, header_h, tuple(tuple(p) for p in pages if p), tuple(split))


def _balanced(header: Row, rows: list[Row], size: float, limit: int) -> _Paged:
    """The greedy pagination's page count, with the rows spread over the pages so that the
    least full page is as full as it can be (no sliver of a last page); rows split across
    pages keep the greedy pagination."""
    paged = _paginate(header, rows, size, limit)
    count = len(paged.pages)
    if count < 2 or paged.split:
        return paged
    pieces = [p for page in paged.pages for p in page]
    room = limit - paged.header_h
    heights = [int(p.height) for p in pieces]
    # best[k][i]: the fullest least-full page over the first i rows on k pages, and where
    # the last of those pages starts (a linear partition, each page within `room`)
    worst = -1
    best = [[(worst, 0)] * (len(pieces) + 1) for _ in range(count + 1)]
    best[0][0] = (room + 1, 0)
    for k in range(1, count + 1):
        for i in range(1, len(pieces) + 1):
            used, j = 0, i
            while j > 0 and used + heights[j - 1] <= room:
                used += heights[j - 1]
                j -= 1
                before = best[k - 1][j][0]
                if before > worst and min(before, used) > best[k][i][0]:
                    best[k][i] = (min(before, used), j)
    if best[count][len(pieces)][0] <= worst:
        return paged
    cuts: list[tuple[_Piece, ...]] = []
    i = len(pieces)
    for k in range(count, 0, -1):
        j = best[k][i][1]
        cuts.insert(0, tuple(pieces[j:i]))
        i = j
    return replace(paged, pages=tuple(cuts))


def _blocks(paged: _Paged, widths: list[Length], area: Box, size: float) -> list[TableBlock]:
    """One `TableBlock` per page; a table alone on one page with room to spare stretches its
    body rows by up to `STRETCH` line pitches each."""
    extra = 0
    if len(paged.pages) == 1 and paged.pages[0]:
        used = paged.header_h + sum(p.height for p in paged.pages[0])
        spare = (area.h - used) // len(paged.pages[0])
        extra = max(0, min(spare, round(STRETCH * pitch(size, TABLE_SPACING))))
    blocks = []
    for page in paged.pages:
        heights = (paged.header_h, *(Length(p.height + extra) for p in page))
        blocks.append(
            TableBlock(
                Box(area.x, area.y, area.w, Length(sum(heights))),
                paged.header,
                tuple(p.cells for p in page),
                tuple(widths),
                heights,
                size,
            )
        )
    return blocks


@record
class _Trial:
    """The table at one size: its widths and pagination."""

    size: float
    widths: list[Length]
    paged: _Paged


def _trial(
    table: PlannedTable, widths: list[Length], area: Box, size: float, measurer: Measurer
) -> _Trial:
    header = _cells(table.header, widths, size, measurer, bold=True)
    rows = [_cells(row, widths, size, measurer, bold=False) for row in table.rows]
    return _Trial(size, widths, _balanced(header, rows, size, area.h))


def _fitted(
    table: PlannedTable, needs: ColumnNeeds, area: Box, sizes: list[float], measurer: Measurer
) -> _Trial | None:
    """The largest size with the fewest pages and no split row (a split is allowed only at
    the smallest size); None when the columns do not fit side by side even at the smallest."""
    trials: list[_Trial] = []
    for size in sizes:
        widths = fitted_widths(table.header, table.rows, needs, area.w, size, measurer)
        if widths is None:
            continue
        trial = _trial(table, widths, area, size, measurer)
        trials.append(trial)
        if len(trial.paged.pages) == 1 and not trial.paged.split:
            return trial
    if not trials or trials[-1].size != sizes[-1]:
        return None
    fewest = min(len(t.paged.pages) for t in trials)
    for trial in trials:
        if len(trial.paged.pages) == fewest and not trial.paged.split:
            return trial
    return trials[-1]


def _group_table(table: PlannedTable, columns: tuple[int, ...]) -> PlannedTable:
    return PlannedTable(
        tuple(table.header[c] for c in columns),
        tuple(tuple(row[c] for c in columns) for row in table.rows),
    )


def _squeezed(needs: ColumnNeeds, total: Length, size: float) -> list[Length]:
    """Widths in proportion to the least widths (for a group that cannot fit even so)."""
    least = [to_emu(m, size) for m in needs.least]
    widths = [Length(round(total * m / sum(least))) for m in least]
    widths[-1] = Length(total - sum(widths[:-1]))
    return widths


def _grouped(
    table: PlannedTable, needs: ColumnNeeds, area: Box, size: float, measurer: Measurer
) -> tuple[list[tuple[int, ...]], list[_Trial]]:
    """The columns in groups at `size`, each group laid out as a table of its own."""
    groups = column_groups(needs, area.w, size)
    trials = []
    for columns in groups:
        part = _group_table(table, columns)
        part_needs = column_needs(part.header, part.rows, measurer)
        widths = fitted_widths(part.header, part.rows, part_needs, area.w, size, measurer)
        if widths is None:
            widths = _squeezed(part_needs, area.w, size)
        trials.append(_trial(part, widths, area, size, measurer))
    return groups, trials


def table_pages(
    table: PlannedTable, area: Box, sizes: list[float], measurer: Measurer
) -> TableLayout:
    """The table fitted into `area`: shrink (one size for all its cells, down to `sizes[-1]`),
    reflow (columns by content, cells broken to them), then paginate (rows onto as few pages
    as possible under a repeated header; rows taller than a page split; column groups)."""
    needs = column_needs(table.header, table.rows, measurer)
    notices: list[tuple[DataPath, str]] = []
    fitted = _fitted(table, needs, area, sizes, measurer)
    size = sizes[-1] if fitted is None else fitted.size
    if fitted is not None:
        trials = [fitted]
    else:
        groups, trials = _grouped(table, needs, area, size, measurer)
        spans = "; ".join(", ".join(str(c + 1) for c in columns) for columns in groups)
        notices.append(
            (
                ("table", "header"),
                f"the table's {len(table.header)} columns do not fit side by side even at "
                f"{size:g} pt: shown in {len(groups)} column groups (columns {spans}), each "
                "repeating the first column; consider fewer columns or shorter cells",
            )
        )
    blocks: list[TableBlock] = []
    split: dict[int, int] = {}
    for trial in trials:
        blocks += _blocks(trial.paged, trial.widths, area, size)
        for r in trial.paged.split:
            pieces = sum(1 for page in trial.paged.pages for p in page if p.row == r)
            split[r] = max(split.get(r, 0), pieces)
    if size < sizes[0]:
        least = " (the theme's minimum)" if size <= sizes[-1] else ""
        notices.insert(
            0, (("table",), f"table text shrunk from {sizes[0]:g} pt to {size:g} pt{least} to fit")
        )
    for r, pieces in sorted(split.items()):
        notices.append(
            (
                ("table", "rows", r),
                f"row {r + 1} is taller than a slide even at {size:g} pt: split across "
                f"{pieces} slides, its continuation marked {MARK}; consider shortening its cells",
            )
        )
    if len(blocks) > 1:
        notices.append(
            (("table",), f"table continued on {len(blocks) - 1} more slide(s), the header repeated")
        )
    return TableLayout(tuple(blocks), size, tuple(notices))


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


__all__ = ["TABLE_SPACING", "TableLayout", "image_elements", "table_pages"]
