"""`briefgen check`: validate outlines and collect every diagnostic as data.

Maps outline files (and optionally the communiqué's text) → one `CheckResult` per file.
"""

from __future__ import annotations

import re
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
    diagnostics.extend(_fill_in(loaded))
    diagnostics.extend(_theme_problems(loaded))
    if source is not None:
        diagnostics.extend(_verify(loaded, source))
    diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))  # in file order, as errors are
    return CheckResult(str(path), tuple(diagnostics), len(loaded.outline.slides()))


_TAG = re.compile(r"\{[{%](.*?)[}%]\}", re.DOTALL)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NOT_NAMES = re.compile(r"\|\s*\w+|\bis\s+(?:not\s+)?\w+|\.\s*\w+")
_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")
_KEYWORDS = frozenset(
    [
        "if",
        "elif",
        "else",
        "endif",
        "and",
        "or",
        "not",
        "in",
        "is",
        "true",
        "false",
        "none",
        "True",
        "False",
        "None",
        "raw",
        "endraw",
    ]
)


def _names_in(value: object) -> set[str]:
    """Variable names that templates in the strings of `value` read."""
    if isinstance(value, str):
        found: set[str] = set()
        for tag in _TAG.finditer(value):
            code = _NOT_NAMES.sub(" ", _QUOTED.sub(" ", tag.group(1)))
            found.update(m.group(1) for m in _NAME.finditer(code))
        return found - _KEYWORDS
    if isinstance(value, dict):
        return set().union(*(_names_in(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(_names_in(v) for v in value)) if value else set()
    return set()


def _fill_in(loaded: LoadedOutline) -> tuple[Diagnostic, ...]:
    """What filling in the variables finds, as `build` would (a template that is refused, too
    large, or prints a method). A variable with no default is a warning of its own (a roster
    must supply it), so here it is filled in with a stand-in, as a roster would."""
    from briefgen.districts import expand_outline

    outline = loaded.outline
    data = outline.model_dump(by_alias=True, exclude={"variables"}, exclude_none=True)
    defined = dict(outline.variables)
    for name in sorted(_names_in(data) - set(defined)):
        defined[name] = name
    if defined != outline.variables:
        outline = outline.model_copy(update={"variables": defined})
        loaded = LoadedOutline(outline, loaded.path, loaded.source_map)
    try:
        expand_outline(loaded)
    except BriefgenError as exc:
        return exc.diagnostics
    return ()


def _theme_problems(loaded: LoadedOutline) -> tuple[Diagnostic, ...]:
    """The theme the outline names (or the default) must exist and be valid, as for `build`."""
    from ._pipeline import theme_for

    try:
        theme_for(loaded)
    except BriefgenError as exc:
        return exc.diagnostics
    return ()


def _verify(loaded: LoadedOutline, source: Path) -> list[Diagnostic]:
    """Quotations against the source; a source that cannot be read is one more error found
    (so `check --format json` still writes its JSON)."""
    from briefgen.verify import verify_against_source

    try:
        return verify_against_source(loaded, source)
    except BriefgenError as exc:
        return list(exc.diagnostics)


def check_files(paths: list[Path], *, source: Path | None = None) -> list[CheckResult]:
    """`check_file` for each path, in order."""
    return [check_file(path, source=source) for path in paths]


__all__ = ["CheckResult", "check_file", "check_files"]
