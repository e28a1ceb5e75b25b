"""Load an outline file into the validated, frozen `Outline`, and lint it.

Maps `FILE.yaml` → `LoadedOutline` (the model plus where each value came from). Every
problem in the file is reported at once, each as `FILE:LINE:COL: PATH: message`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen._record import record
from briefgen.errors import DataPath, Diagnostic, OutlineError
from briefgen.images import image_problem

from ._model import Outline, content_conflict
from ._source import SourceMap, read_yaml
from ._validation import describe, in_file_order, model_diagnostics

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
"""A `{{ name }}` placeholder in outline text."""


@record
class LoadedOutline:
    """A validated outline with its file and source map (for positioned messages later on)."""

    outline: Outline
    path: Path
    source_map: SourceMap
    warnings: tuple[Diagnostic, ...] = ()
    """The lint warnings found while loading (`lint_outline` runs once, at load time)."""

    @property
    def file(self) -> str:
        """The file name as given by the user, for messages."""
        return self.source_map.file

    def diagnostic(self, path: DataPath, message: str, *, severity: str = "error") -> Diagnostic:
        """A diagnostic positioned at `path` in this outline."""
        return self.source_map.diagnostic(path, message, severity=severity)


def load_outline(path: Path | str) -> LoadedOutline:
    """Read, parse and validate an outline file; raise `OutlineError` listing every problem."""
    path = Path(path)
    data, source_map = read_yaml(path)
    return validate_outline(data, source_map, path)


def validate_outline(data: Any, source_map: SourceMap, path: Path) -> LoadedOutline:
    """Plain data → `LoadedOutline`, with pydantic's errors rewritten for trainers."""
    if not isinstance(data, dict):
        raise OutlineError(
            source_map.diagnostic(
                (),
                f"the top level must be a mapping of keys (briefgen:, title:, sections: …), "
                f"but it is {describe(data)}",
            )
        )
    try:
        outline = Outline.model_validate(data)
    except ValidationError as exc:
        problems = model_diagnostics(exc.errors(), data, source_map, Outline)
        problems += _content_conflicts(data, source_map)
        raise OutlineError(tuple(in_file_order(problems))) from None
    loaded = LoadedOutline(outline, path, source_map)
    findings = lint_outline(loaded)
    errors = [d for d in findings if d.severity == "error"]
    if errors:
        raise OutlineError(tuple(errors))
    warnings = tuple(d for d in findings if d.severity == "warning")
    return LoadedOutline(outline, path, source_map, warnings)


def _content_conflicts(data: dict[str, Any], source_map: SourceMap) -> list[Diagnostic]:
    """The one-kind-of-content rule, checked on raw data so it is reported beside other errors."""
    found = []
    sections = data.get("sections")
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        slides = section.get("slides") if isinstance(section, dict) else None
        for k, slide in enumerate(slides if isinstance(slides, list) else []):
            problem = content_conflict(slide) if isinstance(slide, dict) else None
            if problem:
                found.append(source_map.diagnostic(("sections", s, "slides", k), problem))
    return found


def lint_outline(loaded: LoadedOutline) -> list[Diagnostic]:
    """Problems beyond the schema: empty sections, duplicate titles, variables, missing images."""
    outline = loaded.outline
    found: list[Diagnostic] = list(loaded.source_map.warnings)
    if not outline.sections:
        found.append(loaded.diagnostic(("sections",), "the outline has no sections; add one"))
    for s, section in enumerate(outline.sections):
        where: DataPath = ("sections", s)
        if not section.slides:
            found.append(loaded.diagnostic(where, "section has no slides", severity="warning"))
        titles = Counter(slide.title for slide in section.slides)
        for k, slide in enumerate(section.slides):
            at: DataPath = (*where, "slides", k)
            if slide.kind == "empty":
                found.append(
                    loaded.diagnostic(at, "slide has a title but no content", severity="warning")
                )
            if slide.points == ():
                found.append(
                    loaded.diagnostic(
                        (*at, "points"),
                        "'points' is an empty list, so the slide shows only its title; add "
                        "points or remove the key",
                        severity="warning",
                    )
                )
            if titles[slide.title] > 1:
                found.append(
                    loaded.diagnostic(
                        (*at, "title"),
                        f"title {slide.title!r} is used by {titles[slide.title]} slides "
                        "in this section",
                        severity="warning",
                    )
                )
            if slide.image is not None:
                image = loaded.path.parent / slide.image.path
                if not image.is_file():
                    found.append(
                        loaded.diagnostic(
                            (*at, "image", "path"),
                            f"image file not found: {image}; the path is relative to the outline",
                        )
                    )
                elif (problem := image_problem(image)) is not None:
                    found.append(loaded.diagnostic((*at, "image", "path"), problem))
    found.extend(_variable_findings(loaded))
    return found


def _strings(value: Any, path: DataPath) -> list[tuple[DataPath, str]]:
    """Every string in the raw data with its path."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _strings(v, (*path, k))]
    if isinstance(value, list | tuple):
        return [item for i, v in enumerate(value) for item in _strings(v, (*path, i))]
    return []


def used_variables(loaded: LoadedOutline) -> dict[str, list[DataPath]]:
    """Each `{{ name }}` used in the outline's text, with where it is used."""
    data = loaded.outline.model_dump(by_alias=True, exclude={"variables"}, exclude_none=True)
    used: dict[str, list[DataPath]] = {}
    for path, text in _strings(data, ()):
        for match in VARIABLE.finditer(text):
            used.setdefault(match.group(1), []).append(path)
    return used


def _variable_findings(loaded: LoadedOutline) -> list[Diagnostic]:
    defined = loaded.outline.variables
    used = used_variables(loaded)
    found = []
    for name, paths in used.items():
        root = name.split(".")[0].split("|")[0].strip()
        if root not in defined and root != "district":
            found.append(
                loaded.diagnostic(
                    paths[0],
                    f"variable {{{{ {name} }}}} has no default under 'variables:'; a roster "
                    "must supply it",
                    severity="warning",
                )
            )
    roots = {n.split(".")[0].split("|")[0].strip() for n in used}
    for name in defined:
        if name not in roots:
            found.append(
                loaded.diagnostic(
                    ("variables", name), f"variable {name!r} is never used", severity="warning"
                )
            )
    return found


__all__ = ["VARIABLE", "LoadedOutline", "lint_outline", "load_outline", "used_variables"]
