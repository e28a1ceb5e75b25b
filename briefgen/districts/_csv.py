"""Read a CSV roster as saved by Excel or WPS into the same plain data as a YAML roster.

Maps `FILE.csv` → (entries, `SourceMap`, notes). The first row names the columns (`name`,
`presenter`, …); each further row is one district. Encodings: UTF-8 with or without BOM,
UTF-16 with BOM (Excel's "Unicode text"), and GB18030/GBK (Excel's default "CSV" on Chinese
Windows), which is detected and read with a warning. Delimiter: comma, tab or semicolon.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from briefgen.errors import Diagnostic, RosterError
from briefgen.outline import (
    Position,
    SourceMap,
    Undecodable,
    control_characters,
    decode_text,
    read_bytes,
)

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


def read_csv_roster(
    path: Path, file: str
) -> tuple[list[Any], SourceMap, list[Diagnostic], dict[int, list[Diagnostic]]]:
    """A CSV file → (entries, positions, notes, problems by entry); RosterError if unreadable.

    A row with more cells than the header has columns is a problem of that entry only (most
    often an unquoted comma inside a cell).
    """
    raw = read_bytes(path, file, limit=MAX_CSV_BYTES, what="a roster", error=RosterError)
    text, notes = decode_csv(raw, file)
    problems = control_characters(text.replace("\t", " "), file)
    if problems:
        raise RosterError(tuple(problems))
    delimiter = _delimiter(text)
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    source_map = SourceMap(file)
    source_map.values[()] = Position(1, 1)
    header: list[str] | None = None
    entries: list[Any] = []
    entry_problems: dict[int, list[Diagnostic]] = {}
    previous_end = 0
    try:
        for row in reader:
            start_line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _header(row, start_line, file, notes)
                source_map.values[("districts",)] = Position(start_line + 1, 1)
                continue
            index = len(entries)
            columns = (
                _field_columns(lines[start_line - 1], delimiter) if start_line <= len(lines) else []
            )
            source_map.values[("districts", index)] = Position(start_line, 1)
            entry: dict[str, Any] = {}
            for k, cell in enumerate(row):
                key = header[k] if k < len(header) else ""
                column = columns[k] if k < len(columns) else 1
                value = cell.strip()
                if k >= len(header) and value:
                    entry_problems.setdefault(index, []).append(
                        Diagnostic(
                            f"this row has {len(row)} cells but the header has {len(header)} "
                            "columns; put a cell that contains the delimiter in double quotes",
                            file=file,
                            line=start_line,
                            column=column,
                        )
                    )
                    break
                if not key:
                    continue
                source_map.values[("districts", index, key)] = Position(start_line, column)
                source_map.keys[("districts", index, key)] = Position(start_line, column)
                entry[key] = value or None
            entries.append(entry)
    except csv.Error as exc:
        raise RosterError(
            Diagnostic(f"CSV syntax: {exc}", file=file, line=reader.line_num or None)
        ) from None
    if header is None:
        raise RosterError(
            Diagnostic("the file is empty; the first row names the columns", file=file)
        )
    return entries, source_map, notes, entry_problems


def _header(row: list[str], line: int, file: str, notes: list[Diagnostic]) -> list[str]:
    header = [cell.strip() for cell in row]
    seen: set[str] = set()
    for k, key in enumerate(header):
        if key and key in seen:
            raise RosterError(
                Diagnostic(f"column {key!r} appears twice in the header row", file=file, line=line)
            )
        seen.add(key)
        if not key and k < len(header) - 1:
            notes.append(
                Diagnostic(
                    f"column {k + 1} has no name in the header row; its cells are not variables",
                    file=file,
                    line=line,
                    severity="warning",
                )
            )
    if "name" not in seen:
        hint = ""
        for alias in ("名称", "地区", "单位", "区县", "district", "Name", "NAME"):
            if alias in seen:
                hint = f"; rename the column {alias!r} to 'name'"
                break
        raise RosterError(
            Diagnostic(
                f"the header row has no 'name' column{hint}; the first row names the columns, "
                "e.g. name,presenter,place,date",
                file=file,
                line=line,
                column=1,
            )
        )
    return header


__all__ = ["MAX_CSV_BYTES", "decode_csv", "read_csv_roster"]
