"""The template language of outline text: `{{ variables }}`, filters and `{% if %}`.

Maps a text with placeholders + the variables of one district → the filled-in text, or a
`TemplateProblem` saying what is wrong in trainer's words. A text whose placeholders are all
plain names (`{{ presenter }}`, `{{ district.name }}`) is filled in here directly, exactly as
the engine would, without importing Jinja2 (a cold build of a typical outline never needs
it); anything else goes to the sandboxed Jinja2 engine in `_jinja`.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping
from typing import Any

from ._template_values import MARKERS, MAX_TEXT, DistrictValue, TemplateProblem


def is_template(text: str) -> bool:
    """Whether the text holds a placeholder, tag or comment."""
    return any(marker in text for marker in MARKERS)


_PLAIN = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)(\.name)?\s*\}\}")

Part = tuple[str, str, bool]
"""(literal text before, variable name, whether `.name` follows); name '' ends the text."""


@functools.lru_cache(maxsize=8192)
def plain_parts(source: str) -> tuple[Part, ...] | None:
    """The text cut around plain `{{ name }}` placeholders, or None if it needs the engine."""
    if "{%" in source or "{#" in source:
        return None
    parts: list[Part] = []
    start = 0
    for match in _PLAIN.finditer(source):
        parts.append((source[start : match.start()], match.group(1), bool(match.group(2))))
        start = match.end()
    tail = source[start:]
    parts.append((tail, "", False))
    if any("{" in text or "}" in text for text, _, _ in parts):
        return None  # braces beside or between placeholders: let the engine parse them
    return tuple(parts)


def _plain_value(variables: Mapping[str, Any], name: str, attribute: bool) -> str | None:
    value = variables.get(name)
    if attribute:
        return value.name if isinstance(value, DistrictValue) else None
    if isinstance(value, str | DistrictValue):
        return str(value)
    return None


def render(source: str, variables: Mapping[str, Any]) -> str:
    """Fill in one text; `TemplateProblem` if it cannot be filled in."""
    parts = plain_parts(source)
    if parts is not None:
        out: list[str] = []
        for text, name, attribute in parts:
            out.append(text)
            if not name:
                continue
            value = _plain_value(variables, name, attribute)
            if value is None:
                break  # undefined or unusual: let the engine fill in or explain
            out.append(value)
        else:
            result = "".join(out)
            if len(result) <= MAX_TEXT:
                return result
    from ._jinja import render_full

    return render_full(source, variables)


def clear_cache() -> None:
    """Forget parsed and compiled templates (tests and benchmarks)."""
    plain_parts.cache_clear()
    engine = sys.modules.get(__package__ + "._jinja")
    if engine is not None:
        engine.compile_template.cache_clear()


__all__ = [
    "MARKERS",
    "MAX_TEXT",
    "DistrictValue",
    "TemplateProblem",
    "clear_cache",
    "is_template",
    "plain_parts",
    "render",
]
