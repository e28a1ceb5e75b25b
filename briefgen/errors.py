"""Diagnostics and the `BriefgenError` family: what went wrong, where, and what to do.

A `Diagnostic` maps to one line of output, `FILE:LINE:COL: PATH: message`; `format_path`
writes its PATH (`sections[3].slides[1]`) from a `DataPath`. Errors carry a
tuple of diagnostics so that a file with five mistakes reports all five in one run.
"""

from __future__ import annotations

from typing import Literal

from briefgen._record import record

Severity = Literal["error", "warning"]

DataPath = tuple[str | int, ...]
"""Where a value sits in the parsed data: `('sections', 2, 'slides', 0)`."""


def format_path(path: DataPath) -> str:
    """`('sections', 2, 'slides', 0)` → `sections[3].slides[1]` (1-based, as trainers count)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


@record
class Diagnostic:
    """One finding, positioned in a file: maps to `FILE:LINE:COL: PATH: message`."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""
    severity: Severity = "error"

    def location(self) -> str:
        """`FILE:LINE:COL`, with whatever parts are known (`briefgen` when no file is)."""
        if self.file is None:
            return "briefgen"
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        prefix = f"{self.location()}: "
        if self.path:
            prefix += f"{self.path}: "
        if self.severity == "warning":
            prefix += "warning: "
        return prefix + self.message

    def to_json(self) -> dict[str, object]:
        """The diagnostic as a JSON-ready mapping (for `check --format json`)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "severity": self.severity,
            "message": self.message,
        }


class BriefgenError(Exception):
    """Base of every error a trainer can act on; the CLI turns it into exit code 1."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...] | Diagnostic | str) -> None:
        if isinstance(diagnostics, str):
            diagnostics = (Diagnostic(diagnostics),)
        elif isinstance(diagnostics, Diagnostic):
            diagnostics = (diagnostics,)
        self.diagnostics: tuple[Diagnostic, ...] = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class OutlineError(BriefgenError):
    """The outline (or a file it names) cannot be read or is invalid."""


class ThemeError(BriefgenError):
    """A theme file cannot be found or is invalid."""


class RosterError(BriefgenError):
    """A district roster cannot be read or is invalid."""


class BuildError(BriefgenError):
    """A deck could not be laid out or written."""


__all__ = [
    "BriefgenError",
    "BuildError",
    "DataPath",
    "Diagnostic",
    "OutlineError",
    "RosterError",
    "Severity",
    "ThemeError",
    "format_path",
]
