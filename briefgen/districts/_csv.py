"""Read a CSV roster as saved by Excel or WPS into a `Grid` of cells with LINE:COL positions.

Maps `FILE.csv` → `Grid` (`_tabular` turns it into entries: the header row names the columns,
each further row is one district). Encodings: UTF-8 with or without BOM,
UTF-16 with BOM (Excel's "Unicode text"), and GB18030/GBK (Excel's default "CSV" on Chinese
Windows), which is detected and read with a warning. Delimiter: comma, tab or semicolon.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from briefgen.errors import Diagnostic, RosterError
from briefgen.outline import (
    Undecodable,
    control_characters,
    decode_text,
    read_bytes,
)

from ._tabular import Cell, Grid

MAX_CSV_BYTES = 8 * 1024 * 1024
"""Largest roster read: a province's roster is a few kilobytes."""


def decode_csv(raw: bytes, file: str) -> tuple[str, list[Diagnostic]]:
    """CSV bytes → text and notes; RosterError if the encoding cannot be recognised."""
    try:
        decoded = decode_text(raw)
    except Undecodable as bad:
        raise RosterError(
            Diagnostic(
                f"the file is neither UTF-8 nor GB18030 (byte 0x{bad.byte:02X} at offset "
                f"{bad.offset}); in Excel or WPS save it as 'CSV UTF-8'",
                file=file,
            )
        ) from None
    if decoded.encoding != "gb18030":
        return decoded.text, []
    note = Diagnostic(
        "read as GB18030 (the Chinese encoding Excel uses for plain 'CSV'); to silence this, "
        "save the sheet as 'CSV UTF-8' instead",
        file=file,
        severity="warning",
    )
    return decoded.text, [note]


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", ";", "，")}
    best = max(counts, key=lambda d: counts[d])
    if best == "，" and counts[best]:
        return best
    return best if counts[best] else ","


def _field_columns(line: str, delimiter: str) -> list[int]:
    """1-based columns where each field of one physical CSV line starts."""
    starts = [1]
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            starts.append(index + 2)
    return starts


def read_csv_grid(path: Path, file: str) -> Grid:
    """A CSV file → its cells with LINE:COL positions; RosterError if it cannot be read."""
    raw = read_bytes(path, file, limit=MAX_CSV_BYTES, what="a roster", error=RosterError)
    text, notes = decode_csv(raw, file)
    problems = control_characters(text.replace("\t", " "), file)
    if problems:
        raise RosterError(tuple(problems))
    delimiter = _delimiter(text)
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    previous_end = 0
    try:
        for row in reader:
            start_line = previous_end + 1
            previous_end = reader.line_num
            columns = (
                _field_columns(lines[start_line - 1], delimiter) if start_line <= len(lines) else []
            )
            rows.append(
                [
                    Cell(value, start_line, columns[k] if k < len(columns) else 1)
                    for k, value in enumerate(row)
                ]
            )
    except csv.Error as exc:
        raise RosterError(
            Diagnostic(f"CSV syntax: {exc}", file=file, line=reader.line_num or None)
        ) from None
    return Grid(file, rows, notes=notes)


__all__ = ["MAX_CSV_BYTES", "decode_csv", "read_csv_grid"]
