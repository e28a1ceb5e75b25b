"""pydantic's validation errors rewritten for trainers, positioned in the file.

Maps (errors of one `model_validate`, the raw data, its `SourceMap`) → `Diagnostic`s such as
`unknown key 'haed' (did you mean 'head'?)` or `expected text, found a list`, at the key or
value's FILE:LINE:COL. Outlines, roster slides and theme files all report through here.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from briefgen.errors import DataPath, Diagnostic, format_path

from ._source import SourceMap


def model_diagnostics(
    errors: list[Any],
    data: Any,
    source_map: SourceMap,
    model: type[BaseModel],
    *,
    base: DataPath = (),
) -> list[Diagnostic]:
    """One diagnostic per error of `model.model_validate(data)`; `data` stands at `base`."""
    kept = [e for e in _drop_missing_beside_typo(errors) if not _emptied_by_errors(e, data)]
    return [_diagnostic(err, data, source_map, model, base) for err in kept]


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


def _emptied_by_errors(err: Any, data: Any) -> bool:
    """True for "the list is empty" about a list that is not empty in the file: pydantic counts
    only the entries that validated, so a list whose every entry is wrong looks empty to it."""
    if err["type"] != "too_short":
        return False
    value = _lookup(data, tuple(p for p in err["loc"] if isinstance(p, int | str)))
    return isinstance(value, list) and bool(value)


def in_file_order(items: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics without repeats, sorted by line and column."""
    seen: set[str] = set()
    out = []
    for item in items:
        if str(item) not in seen:
            seen.add(str(item))
            out.append(item)
    return sorted(out, key=lambda d: (d.line or 0, d.column or 0))


_MINUTES = {"minutes", "duration"}
"""Outline keys whose numbers are minutes."""

_TYPE_WORDS = {
    "string_type": "text",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "tuple_type": "a list (lines starting with '- ')",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (lines of 'key: value')",
    "model_type": "a mapping (lines of 'key: value')",
    "model_attributes_type": "a mapping (lines of 'key: value')",
    "bool_parsing": "true or false",
}


def _diagnostic(
    err: Any, data: Any, source_map: SourceMap, model: type[BaseModel], base: DataPath
) -> Diagnostic:
    rel: DataPath = tuple(p for p in err["loc"] if isinstance(p, int | str))
    loc: DataPath = (*base, *rel)
    kind = err["type"]
    value = _lookup(data, rel)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, rel[:-1])
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        if not guess and allowed:
            hint = f"; allowed here: {', '.join(sorted(allowed))}"
        message = f"unknown key {key!r}{hint}"
        found = source_map.diagnostic(loc, message, key=True)
        return replace(found, path=format_path(loc[:-1]))
    if kind == "missing":
        parent = loc[:-1]
        return _at(source_map, parent, f"missing required key {str(loc[-1])!r}")
    if kind in _TYPE_WORDS:
        expected = _TYPE_WORDS[kind]
        if kind.startswith("float") and loc and loc[-1] in _MINUTES:
            expected += " (minutes)"
        message = f"expected {expected}, found {describe(value)}"
        if isinstance(value, str) and "：" in value and kind.startswith(("dict", "model")):
            message += "; did you type a full-width colon '：'? keys need an ASCII ':' and a space"
        return _at(source_map, loc, message)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return _at(source_map, loc, f"{value!r} is not allowed here; use one of {expected}")
    if kind == "too_short" and loc and loc[-1] == "header":
        return _at(source_map, loc, "a table needs at least one column: write its header row")
    if kind == "too_short":
        return _at(
            source_map,
            loc,
            "the list is empty; add at least one entry, or remove the key for a slide with "
            "only a title",
        )
    if kind == "too_long" and loc and loc[-1] == "header":
        most = err.get("ctx", {}).get("max_length")
        return _at(
            source_map,
            loc,
            f"the table has {_length(value)} columns, but at most {most} can be read on a "
            "slide; split it into two tables (two slides)",
        )
    if kind == "string_too_short":
        return _at(source_map, loc, "text is empty; write something or remove the key")
    if kind == "greater_than" and err.get("ctx", {}).get("gt") == 0:
        return _at(source_map, loc, f"must be a positive number, found {_shown(value)}")
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        bound = err.get("ctx", {}).get(key)
        return _at(source_map, loc, f"must be {words} {bound:g}, found {_shown(value)}")
    if kind == "finite_number":
        return _at(
            source_map,
            loc,
            f"must be an ordinary number (not infinity, nan or too large to store), found {_shown(value)}",
        )
    message = str(err.get("msg", "invalid value"))
    message = message.removeprefix("Value error, ")
    return _at(source_map, loc, message)


_BOUNDS = {
    "greater_than": ("more than", "gt"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("at most", "le"),
}
"""pydantic's range errors: the words for the bound, and its key in the error's context."""


def _length(value: Any) -> str:
    return str(len(value)) if isinstance(value, list | tuple) else "too many"


def _shown(value: Any) -> str:
    """A number as the trainer wrote it (YAML scalars stay text until pydantic reads them)."""
    return str(value) if isinstance(value, str | int | float) else describe(value)


def _at(source_map: SourceMap, loc: DataPath, message: str) -> Diagnostic:
    return source_map.diagnostic(loc, message)


def _lookup(data: Any, loc: DataPath) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def describe(value: Any) -> str:
    """What a YAML value is, in a trainer's words: text '…', a list, a mapping, nothing."""
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


def _allowed_keys(root: type[BaseModel], loc: DataPath) -> list[str]:
    """The keys the model accepts at the mapping found at `loc` below `root`."""
    model: type[BaseModel] | None = root
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


__all__ = ["describe", "in_file_order", "model_diagnostics"]
