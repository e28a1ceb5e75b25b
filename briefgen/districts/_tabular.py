"""A roster table (CSV or spreadsheet) → the same plain entries as a YAML roster.

Maps a `Grid` (rows of cells, each with where it stands) → (entries, `SourceMap`, problems by
entry). The header is the first row with a `name` column (a title row above it is skipped);
every other header must be a roster field or a variable of the outline, or the whole roster
is refused naming the column, so no column is ever dropped unnoticed. Spreadsheet positions are
reported as the sheet and the cell (`sheet 名单, cell B7`), CSV positions as LINE:COL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from briefgen.errors import Diagnostic, RosterError, Severity
from briefgen.outline import DataPath, Position, SourceMap

from ._columns import OutlineNames, accepted_headers, closest_column, match_column

HEADER_SEARCH = 10
"""Rows searched for the header (title rows above it are common in office tables)."""

_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's text and where it stands: a line and column (CSV) or a sheet row and column."""

    text: str
    row: int
    column: int


@dataclass(slots=True)
class Grid:
    """A table read from a roster file: its rows of cells and where to point messages."""

    file: str
    rows: list[list[Cell]]
    sheet: str | None = None
    """The sheet's name for spreadsheets; None for CSV."""
    notes: list[Diagnostic] = field(default_factory=list)

    def at(
        self, row: int, column: int | None, message: str, *, warning: bool = False
    ) -> Diagnostic:
        """A diagnostic at a cell (`sheet S, cell B7`), or at a CSV line and column."""
        severity: Severity = "warning" if warning else "error"
        if self.sheet is None:
            return Diagnostic(message, file=self.file, line=row, column=column, severity=severity)
        where = cell_name(row, column) if column is not None else f"row {row}"
        return Diagnostic(
            message, file=self.file, path=f"sheet {self.sheet}, {where}", severity=severity
        )

    def source_map(self) -> SourceMap:
        """An empty map of the right kind for this grid's positions."""
        if self.sheet is None:
            return SourceMap(self.file)
        return SheetMap(self.file, sheet=self.sheet)


@dataclass(slots=True)
class SheetMap(SourceMap):
    """A source map whose positions are spreadsheet cells: row and column numbers of one sheet."""

    sheet: str = ""

    def diagnostic(
        self, path: DataPath, message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        """A diagnostic at the cell of `path`: `FILE: sheet S, cell B7: message`."""
        pos = self.position(path, key=key)
        where = cell_name(pos.line, pos.column) if pos else "the sheet"
        return Diagnostic(
            message,
            file=self.file,
            path=f"sheet {self.sheet}, {where}",
            severity="warning" if severity == "warning" else "error",
        )


def cell_name(row: int, column: int) -> str:
    """(7, 2) → `cell B7`."""
    letters = ""
    n = column
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"cell {letters}{row}"


def chinese_date(text: str) -> str:
    """`2020/12/28`, `2020-12-28` or `2020.12.28` → `2020年12月28日`; other text unchanged."""
    match = _DATE_TEXT.fullmatch(text.strip())
    if match is None:
        return text
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return text
    return f"{year}年{month}月{day}日"


@dataclass(frozen=True, slots=True)
class _Column:
    """One header cell and the roster key it fills (None for an empty header)."""

    index: int
    header: Cell
    key: str | None


def grid_entries(
    grid: Grid, names: OutlineNames | None
) -> tuple[list[Any], SourceMap, dict[int, list[Diagnostic]]]:
    """Rows → (entries, positions, problems by entry); RosterError for a problem of a column."""
    rows = [row for row in grid.rows if any(cell.text.strip() for cell in row)]
    if not rows:
        raise RosterError(
            Diagnostic("the file is empty; the first row names the columns", file=grid.file)
        )
    header_at = _header_row(rows, grid, names)
    columns = _columns(rows[header_at], rows[header_at + 1 :], grid, names)
    source_map = grid.source_map()
    first = rows[header_at][0]
    source_map.values[()] = Position(first.row, first.column)
    source_map.values[("districts",)] = Position(first.row + 1, 1)
    entries: list[Any] = []
    problems: dict[int, list[Diagnostic]] = {}
    for row in rows[header_at + 1 :]:
        index = len(entries)
        source_map.values[("districts", index)] = Position(row[0].row, row[0].column)
        entry: dict[str, Any] = {}
        for k, cell in enumerate(row):
            column = columns[k] if k < len(columns) else None
            value = cell.text.strip()
            if column is None:
                if value:  # only CSV rows can reach past the header: a sheet's columns cannot
                    problems.setdefault(index, []).append(
                        grid.at(
                            cell.row,
                            cell.column,
                            f"this row has {len(row)} cells but the header has {len(columns)} "
                            "columns; put a cell that contains the delimiter in double quotes",
                        )
                    )
                    break
                continue
            if column.key is None:
                continue
            if column.key == "date":
                value = chinese_date(value)
            at: DataPath = ("districts", index, column.key)
            source_map.values[at] = Position(cell.row, cell.column)
            source_map.keys[at] = Position(cell.row, cell.column)
            entry[column.key] = value or None
        entries.append(entry)
    return entries, source_map, problems


def _header_row(rows: list[list[Cell]], grid: Grid, names: OutlineNames | None) -> int:
    """Index of the header: the first row (of the first few) with a `name` column."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if any(match_column(cell.text, names) == "name" for cell in row if cell.text.strip()):
            return index
    first = rows[0][0]
    raise RosterError(
        grid.at(
            first.row,
            first.column,
            "the header row has no 'name' column; the first row names the columns, e.g. "
            "name,presenter,place,date (or 区县,主讲人,地点,日期); a district's name goes in a "
            "column headed name, 名称, 区县, 单位 or 地区",
        )
    )


def _columns(
    header: list[Cell], data: list[list[Cell]], grid: Grid, names: OutlineNames | None
) -> list[_Column]:
    """Each header cell's key; RosterError naming every column that matches nothing."""
    problems: list[Diagnostic] = []
    columns: list[_Column] = []
    seen: dict[str, Cell] = {}
    for k, cell in enumerate(header):
        text = cell.text.strip()
        has_data = any(k < len(row) and row[k].text.strip() for row in data)
        if not text:
            if has_data:
                problems.append(
                    grid.at(
                        cell.row,
                        cell.column,
                        f"column {k + 1} has cells but no header; write the field's name in "
                        f"the header row ({accepted_headers(names)}), or delete the column",
                    )
                )
            columns.append(_Column(k, cell, None))
            continue
        key = match_column(text, names)
        if key == "district":
            problems.append(
                grid.at(
                    cell.row,
                    cell.column,
                    "head the district names' column 'name' (or 区县); {{ district }} is "
                    "filled in from it",
                )
            )
        elif key is None:
            guess = closest_column(text, names)
            hint = f"did you mean {guess}? " if guess else ""
            problems.append(
                grid.at(
                    cell.row,
                    cell.column,
                    f"column {text!r} is neither a roster field nor a variable of the outline, "
                    f"so its cells would be lost; {hint}rename the header to one of: "
                    f"{accepted_headers(names)}; or delete the column",
                )
            )
        elif key in seen:
            first = seen[key]
            problems.append(
                grid.at(
                    cell.row,
                    cell.column,
                    f"column {text!r} and column {first.text.strip()!r} both fill {key!r}; "
                    "keep one of them",
                )
            )
        else:
            seen[key] = cell
        columns.append(_Column(k, cell, key))
    if problems:
        raise RosterError(tuple(problems))
    return columns


__all__ = [
    "Cell",
    "Grid",
    "SheetMap",
    "cell_name",
    "chinese_date",
    "grid_entries",
]
