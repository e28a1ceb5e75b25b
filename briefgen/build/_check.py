"""`briefgen check`: validate outlines and collect every diagnostic as data.

Maps outline files (and optionally the communiqué's text) → one `CheckResult` per file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError, Diagnostic
from briefgen.outline import LoadedOutline, lint_outline, load_outline


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What `check` found in one outline file."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    slides: int | None

    @property
    def failed(self) -> bool:
        """True when any diagnostic is an error."""
        return any(d.severity == "error" for d in self.diagnostics)

    def summary(self) -> str:
        """One line: file, ok/failed, counts."""
        errors = sum(d.severity == "error" for d in self.diagnostics)
        warnings = len(self.diagnostics) - errors
        if self.failed:
            return f"{self.file}: {errors} error(s), {warnings} warning(s)"
        return f"{self.file}: ok, {self.slides} content slides, {warnings} warning(s)"

    def to_json(self) -> dict[str, object]:
        """The result as a JSON-ready mapping."""
        return {
            "file": self.file,
            "ok": not self.failed,
            "slides": self.slides,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


def check_file(path: Path, *, source: Path | None = None) -> CheckResult:
    """Load, validate and lint one outline; errors are returned, not raised."""
    try:
        loaded = load_outline(path)
    except BriefgenError as exc:
        return CheckResult(str(path), exc.diagnostics, None)
    diagnostics = list(lint_outline(loaded))
    diagnostics.extend(_theme_problems(loaded))
    if source is not None:
        diagnostics.extend(_verify(loaded, source))
    diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))  # in file order, as errors are
    return CheckResult(str(path), tuple(diagnostics), len(loaded.outline.slides()))


def _theme_problems(loaded: LoadedOutline) -> tuple[Diagnostic, ...]:
    """The theme the outline names (or the default) must exist and be valid, as for `build`."""
    from ._pipeline import theme_for

    try:
        theme_for(loaded)
    except BriefgenError as exc:
        return exc.diagnostics
    return ()


def _verify(loaded: LoadedOutline, source: Path) -> list[Diagnostic]:
    from briefgen.verify import verify_against_source

    return verify_against_source(loaded, source)


def check_files(paths: list[Path], *, source: Path | None = None) -> list[CheckResult]:
    """`check_file` for each path, in order."""
    return [check_file(path, source=source) for path in paths]


__all__ = ["CheckResult", "check_file", "check_files"]
