"""Load an outline file into the validated, frozen `Outline`, and lint it.

Maps `FILE.yaml` → `LoadedOutline` (the model plus where each value came from). Every
problem in the file is reported at once, each as `FILE:LINE:COL: PATH: message`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ._source import DataPath, SourceMap, format_path, read_yaml
from .errors import Diagnostic, OutlineError
from .model import Outline, content_conflict

VARIABLE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
"""A `{{ name }}` placeholder in outline text."""


@dataclass(frozen=True, slots=True)
class LoadedOutline:
    """A validated outline with its file and source map (for positioned messages later on)."""

    outline: Outline
    path: Path
    source_map: SourceMap

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
                f"but it is {_kind(data)}",
            )
        )
    try:
        outline = Outline.model_validate(data)
    except ValidationError as exc:
        errors = _drop_missing_beside_typo(exc.errors())
        problems = [_diagnostic(err, data, source_map) for err in errors]
        problems += _content_conflicts(data, source_map)
        raise OutlineError(tuple(_dedupe(problems))) from None
    loaded = LoadedOutline(outline, path, source_map)
    errors = [d for d in lint_outline(loaded) if d.severity == "error"]
    if errors:
        raise OutlineError(tuple(errors))
    return loaded


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


def _drop_missing_beside_typo(errors: list[Any]) -> list[Any]:
    """Drop "missing 'head'" when the same mapping has an unknown key close to 'head'."""
    extras: dict[DataPath, list[str]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden":
            extras.setdefault(tuple(err["loc"][:-1]), []).append(str(err["loc"][-1]))
    kept = []
    for err in errors:
        if err["type"] == "missing":
            typos = extras.get(tuple(err["loc"][:-1]), [])
            if difflib.get_close_matches(str(err["loc"][-1]), typos, n=1, cutoff=0.5):
                continue
        kept.append(err)
    return kept


def _dedupe(items: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[str] = set()
    out = []
    for item in items:
        if str(item) not in seen:
            seen.add(str(item))
            out.append(item)
    return sorted(out, key=lambda d: (d.line or 0, d.column or 0))


_TYPE_WORDS = {
    "string_type": "text",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number (minutes)",
    "float_type": "a number (minutes)",
    "tuple_type": "a list (lines starting with '- ')",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (lines of 'key: value')",
    "model_type": "a mapping (lines of 'key: value')",
    "model_attributes_type": "a mapping (lines of 'key: value')",
    "bool_parsing": "true or false",
}


def _diagnostic(err: Any, data: Any, source_map: SourceMap) -> Diagnostic:
    loc: DataPath = tuple(p for p in err["loc"] if isinstance(p, int | str))
    kind = err["type"]
    value = _lookup(data, loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        if not guess and allowed:
            hint = f"; allowed here: {', '.join(sorted(allowed))}"
        message = f"unknown key {key!r}{hint}"
        pos = source_map.position(loc, key=True)
        return Diagnostic(
            message,
            file=source_map.file,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
            path=format_path(loc[:-1]),
        )
    if kind == "missing":
        parent = loc[:-1]
        return _at(source_map, parent, f"missing required key {str(loc[-1])!r}")
    if kind in _TYPE_WORDS:
        message = f"expected {_TYPE_WORDS[kind]}, found {_kind(value)}"
        if isinstance(value, str) and "：" in value and kind.startswith(("dict", "model")):
            message += "; did you type a full-width colon '：'? keys need an ASCII ':' and a space"
        return _at(source_map, loc, message)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return _at(source_map, loc, f"{value!r} is not allowed here; use one of {expected}")
    if kind == "string_too_short":
        return _at(source_map, loc, "text is empty; write something or remove the key")
    if kind in {"greater_than", "greater_than_equal"}:
        return _at(source_map, loc, f"must be a positive number, found {value!r}")
    message = str(err.get("msg", "invalid value"))
    message = message.removeprefix("Value error, ")
    return _at(source_map, loc, message)


def _at(source_map: SourceMap, loc: DataPath, message: str) -> Diagnostic:
    return source_map.diagnostic(loc, message)


def _lookup(data: Any, loc: DataPath) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"text {text[:30] + '…' if len(text) > 30 else text!r}"


def _model_class(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `tuple[Slide, ...] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_class(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(annotation):
            found = _model_class(arg)
            if found is not None:
                return found
    return None


def _allowed_keys(loc: DataPath) -> list[str]:
    """The keys the model accepts at the mapping found at `loc`."""
    model: type[BaseModel] | None = Outline
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        model = _model_class(info.annotation) if info else None
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def lint_outline(loaded: LoadedOutline) -> list[Diagnostic]:
    """Problems beyond the schema: empty sections, duplicate titles, variables, missing images."""
    outline = loaded.outline
    found: list[Diagnostic] = []
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
