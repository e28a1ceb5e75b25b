"""Read a roster kept in Excel or WPS (.xlsx, .xls) or LibreOffice (.ods) into a `Grid`.

Maps `FILE.xlsx` (one sheet: the first visible one, or the one named) → `Grid` of cell texts
with their sheet rows and columns. python-calamine reads all three formats (openpyxl reads only
.xlsx, and .xls/.ods are what many offices still save); it is imported only when a spreadsheet
is read. Dates stored as numbers become `2020年12月28日`, whole numbers lose their `.0`, and a
value merged over several rows (a date shared by four districts) fills each of them.
"""

from __future__ import annotations

import datetime
import difflib
from pathlib import Path
from typing import Any

from briefgen.errors import Diagnostic, RosterError
from briefgen.outline import control_characters

from ._tabular import Cell, Grid

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
"""Spreadsheet files read directly."""

MAX_SHEET_BYTES = 16 * 1024 * 1024
"""Largest spreadsheet read: a province's roster is a few dozen kilobytes."""

MAX_CELLS = 200_000
"""Most cells of one sheet read (rows × columns)."""


def read_sheet_grid(path: Path, file: str, sheet: str | None = None) -> Grid:
    """One sheet of a spreadsheet → `Grid`; RosterError naming the file (and sheet) if unreadable."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise RosterError(Diagnostic("no such file; check the path", file=file)) from None
    except OSError as exc:
        raise RosterError(Diagnostic(f"cannot read the file: {exc.strerror}", file=file)) from None
    if size > MAX_SHEET_BYTES:
        raise RosterError(
            Diagnostic(
                f"the file is {size // 1024} KiB, over the {MAX_SHEET_BYTES // 1024} KiB limit "
                "for a roster; is this the right file?",
                file=file,
            )
        )
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        name = _choose_sheet(workbook, sheet, file)
        table = workbook.get_sheet_by_name(name)
        values = table.to_python(skip_empty_area=False)
        merged = table.merged_cell_ranges or []
    except RosterError:
        raise
    except (CalamineError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RosterError(
            Diagnostic(
                f"cannot read the spreadsheet ({reason}); open it in Excel, WPS or LibreOffice "
                "and save it again as .xlsx, without a password",
                file=file,
            )
        ) from None
    if sum(len(row) for row in values) > MAX_CELLS:
        raise RosterError(
            Diagnostic(
                f"sheet {name} has more than {MAX_CELLS:,} cells; a roster has one row per "
                "district: choose the right sheet with --sheet, or delete the unused area",
                file=file,
            )
        )
    texts = [[cell_text(value) for value in row] for row in values]
    _fill_merged(texts, merged)
    grid = Grid(
        file,
        [[Cell(text, r + 1, c + 1) for c, text in enumerate(row)] for r, row in enumerate(texts)],
        sheet=name,
    )
    problems = [
        grid.at(cell.row, cell.column, problem.message)
        for row in grid.rows
        for cell in row
        for problem in control_characters(cell.text.replace("\t", " ").replace("\n", " "), file)
    ]
    if problems:
        raise RosterError(tuple(problems))
    return grid


def _choose_sheet(workbook: Any, sheet: str | None, file: str) -> str:
    names: list[str] = list(workbook.sheet_names)
    if sheet is not None:
        if sheet in names:
            return sheet
        guess = difflib.get_close_matches(sheet, names, n=1, cutoff=0.3)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        raise RosterError(
            Diagnostic(
                f"the workbook has no sheet {sheet!r}{hint}; its sheets are: {'、'.join(names)}",
                file=file,
            )
        )
    visible = [
        meta.name
        for meta in workbook.sheets_metadata
        if str(meta.visible).endswith("Visible") and "WorkSheet" in str(meta.typ)
    ]
    if not visible and not names:
        raise RosterError(Diagnostic("the workbook has no sheets", file=file))
    return (visible or names)[0]


def cell_text(value: Any) -> str:
    """A cell's value as the text a deck shows: dates in Chinese, `3.0` as `3`."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        day = f"{value.year}年{value.month}月{value.day}日"
        return day if value.time() == datetime.time() else f"{day} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value).strip()


def _fill_merged(texts: list[list[str]], merged: list[Any]) -> None:
    """A value merged down several rows fills each row's cell (in the range's first column)."""
    for (top, left), (bottom, _right) in merged:
        if top >= len(texts) or left >= len(texts[top]):
            continue
        value = texts[top][left]
        for r in range(top + 1, min(bottom, len(texts) - 1) + 1):
            if left < len(texts[r]) and not texts[r][left]:
                texts[r][left] = value


__all__ = ["MAX_CELLS", "MAX_SHEET_BYTES", "SPREADSHEET_SUFFIXES", "cell_text", "read_sheet_grid"]
