"""`briefgen check`: validate outlines and collect every diagnostic as data.

Maps outline files (and optionally the communiqué's text, or a roster) → one `CheckResult` per
file. `check` runs `build`'s own stages short of rendering, so it refuses what `build`
refuses, at the same FILE:LINE:COL, and its warnings are exactly those `build` prints for the
same outline: the lint warnings found once while loading, and the layout's (text shrunk or
continued, the minutes over `duration`). With a roster, each district as `batch` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Diagnostic
from briefgen.outline import LoadedOutline, load_outline

if TYPE_CHECKING:
    from briefgen.districts import District


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


def check_file(
    path: Path,
    *,
    source: Path | None = None,
    roster: Path | None = None,
    sheet: str | None = None,
) -> CheckResult:
    """Load, validate and lint one outline, then run `build`'s own stages on it (theme,
    filling in the variables, planning and laying out): whatever `build` would refuse is an
    error here, at the position `build` gives it. With `roster`, every district of it is
    checked as `batch` builds it. Errors are returned, not raised."""
    try:
        loaded = load_outline(path)
    except BriefgenError as exc:
        return CheckResult(str(path), exc.diagnostics, None)
    diagnostics = [*loaded.warnings, *_build_problems(loaded, roster, sheet)]
    if source is not None:
        diagnostics.extend(_verify(loaded, source))
    diagnostics = list(dict.fromkeys(diagnostics))  # districts repeat the outline's findings
    diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))  # in file order, as errors are
    return CheckResult(str(path), tuple(diagnostics), len(loaded.outline.slides()))


def _build_problems(
    loaded: LoadedOutline, roster: Path | None, sheet: str | None
) -> list[Diagnostic]:
    """What `build` (or, with a roster, `batch`) finds after loading: the theme's errors, the
    variables' (a `{{ name }}` with no default and no roster is refused, as `build` refuses
    it), then the layout's warnings, each as `build` positions it."""
    from briefgen.districts import expand, load_roster

    from ._pipeline import lay_out, theme_for

    found: list[Diagnostic] = []
    try:
        theme = theme_for(loaded)
    except BriefgenError as exc:
        found.extend(exc.diagnostics)
        theme = None
    districts: list[District | None] = [None]
    if roster is not None:
        try:
            loaded_roster = load_roster(roster, outline=loaded, sheet=sheet)
        except BriefgenError as exc:
            return [*found, *exc.diagnostics]
        found.extend(loaded_roster.warnings)
        for failure in loaded_roster.failures:  # an entry batch cannot build
            found.extend(failure.diagnostics)
        districts = list(loaded_roster.districts)
    for district in districts:
        try:
            expand(loaded, district)
        except BriefgenError as exc:
            found.extend(exc.diagnostics)
            continue
        if theme is None:
            continue
        try:
            deck = lay_out(loaded, theme, district=district)
        except BriefgenError as exc:
            found.extend(exc.diagnostics)
            continue
        found.extend(deck.warnings)
    return found


def _verify(loaded: LoadedOutline, source: Path) -> list[Diagnostic]:
    """Quotations against the source; a source that cannot be read is one more error found
    (so `check --format json` still writes its JSON)."""
    from briefgen.verify import verify_against_source

    try:
        return verify_against_source(loaded, source)
    except BriefgenError as exc:
        return list(exc.diagnostics)


def check_files(
    paths: list[Path],
    *,
    source: Path | None = None,
    roster: Path | None = None,
    sheet: str | None = None,
) -> list[CheckResult]:
    """`check_file` for each path, in order."""
    return [check_file(path, source=source, roster=roster, sheet=sheet) for path in paths]


__all__ = ["CheckResult", "check_file", "check_files"]
