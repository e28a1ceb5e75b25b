"""The values templates work with: the problem they raise, `{{ district }}`, size limits.

Maps nothing: shared by the jinja-free front (`_template`) and the engine (`_jinja`), so
neither imports the other at load time.
"""

from __future__ import annotations

from collections.abc import Mapping

MARKERS = ("{{", "{%", "{#")
"""A text holding none of these is not a template and is used as it is."""

MAX_TEXT = 100_000
"""Longest text a template may produce (or build on the way)."""


class TemplateProblem(Exception):
    """Why a text could not be filled in: a message, and what to look for to position it."""

    def __init__(
        self,
        message: str,
        needle: str | None = None,
        lineno: int | None = None,
        *,
        missing: str | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.needle = needle
        """A regex that finds the offending placeholder in the file, if known."""
        self.lineno = lineno
        """The line within the text (1-based), when the engine says."""
        self.missing = missing
        """The undefined variable or attribute, for "is not defined" problems."""
        self.hint = hint
        """A suggestion such as "did you mean {{ presenter }}?", or ''."""


class DistrictValue:
    """`{{ district }}` in templates: prints as the name; `.name` and the district's fields."""

    __slots__ = ("_fields", "name")

    def __init__(self, name: str, fields: Mapping[str, str]) -> None:
        self.name = name
        self._fields = {**fields, "name": name}

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"DistrictValue({self.name!r})"

    def __getitem__(self, key: str) -> str:
        return self._fields[key]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DistrictValue):
            return self.name == other.name
        return isinstance(other, str) and self.name == other

    def __hash__(self) -> int:
        return hash(self.name)

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and item in self.name

    def __len__(self) -> int:
        return len(self.name)


__all__ = ["MARKERS", "MAX_TEXT", "DistrictValue", "TemplateProblem"]
