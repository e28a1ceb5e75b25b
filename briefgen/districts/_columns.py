"""Which roster column is which: field names, their Chinese aliases, and the outline's variables.

Maps a header cell as a trainer types it in Excel or WPS (`区县`, `主讲人`, ` 日期 `, `Name`) →
the roster key it fills (`name`, `presenter`, `date`, or a variable the outline uses), and an
outline → `OutlineNames`, what a roster is matched against and which variables its cover shows.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from briefgen.outline import VARIABLE, LoadedOutline, used_variables

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("名称", "区县", "单位", "地区", "区县名称", "district name"),
    "presenter": ("主讲", "主讲人", "宣讲人"),
    "organiser": ("主办", "主办单位", "organizer"),
    "date": ("日期", "时间"),
    "place": ("地点",),
    "audience": ("对象", "听众"),
    "extra": ("加页",),
}
"""Every roster field, with the headers that mean it (English field names match too, in any
letter case). `extra` names a YAML file of the district's extra slides."""

COVER_FIELDS = ("title", "subtitle", "kicker", "organiser", "presenter", "date", "place")
"""Outline fields the cover slide shows."""

_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
    """A header cell as compared: NFKC (full-width letters folded), no spaces, no trailing ':*'."""
    folded = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", folded).rstrip(":*").casefold()


_ALIASES: dict[str, str] = {
    header_key(alias): name for name, aliases in FIELD_ALIASES.items() for alias in (name, *aliases)
}


@dataclass(frozen=True, slots=True)
class OutlineNames:
    """What roster columns are matched against: the outline's variables and its cover's."""

    file: str
    variables: frozenset[str]
    """Every variable the outline defines under `variables:` or uses as `{{ name }}`."""
    cover: dict[str, str | None] = field(default_factory=dict)
    """Variables the cover shows → the outline's default for each (None: no default)."""


def outline_names(loaded: LoadedOutline) -> OutlineNames:
    """The variables of an outline, and those of its cover with their defaults."""
    outline = loaded.outline
    used = {_root(name) for name in used_variables(loaded)}
    cover: dict[str, str | None] = {}
    for cover_field in COVER_FIELDS:
        text = getattr(outline, cover_field) or ""
        for match in VARIABLE.finditer(text):
            root = _root(match.group(1))
            if root != "district":
                cover[root] = outline.variables.get(root)
    return OutlineNames(loaded.file, frozenset(used | set(outline.variables)), cover)


def _root(placeholder: str) -> str:
    """`district.name | upper` → `district`."""
    return placeholder.split("|")[0].split(".")[0].strip()


def match_column(header: str, names: OutlineNames | None) -> str | None:
    """The roster key a header fills: a variable of the outline, else a field; None if neither.

    Without an outline (`names` None) any header that can name a variable is one.
    """
    text = unicodedata.normalize("NFC", header).strip()
    if names is not None and text in names.variables:
        return text
    field_name = _ALIASES.get(header_key(text))
    if field_name is not None:
        return field_name
    if names is None and text.isidentifier():
        return text
    return None


def closest_column(header: str, names: OutlineNames | None) -> str:
    """`did you mean …` for a header that matches nothing: the closest field or variable."""
    candidates = {alias: name for alias, name in _ALIASES.items()}
    for variable in names.variables if names is not None else ():
        candidates[variable] = variable
    guess = difflib.get_close_matches(header_key(header), list(candidates), n=1, cutoff=0.3)
    if not guess:
        return ""
    alias = next(
        (
            a
            for fld, aliases in FIELD_ALIASES.items()
            for a in (fld, *aliases)
            if header_key(a) == guess[0]
        ),
        guess[0],
    )
    target = candidates[guess[0]]
    return f"{alias!r}" if alias == target else f"{alias!r} (the field {target!r})"


def accepted_headers(names: OutlineNames | None) -> str:
    """The headers a roster may use, for messages."""
    fields = "; ".join(
        f"{name} ({'/'.join(aliases)})" if aliases else name
        for name, aliases in FIELD_ALIASES.items()
    )
    variables = sorted(names.variables - set(FIELD_ALIASES) - {"district"}) if names else []
    if variables:
        return f"{fields}; or a variable of {names.file if names else 'the outline'}: " + ", ".join(
            variables
        )
    return fields


__all__ = [
    "COVER_FIELDS",
    "FIELD_ALIASES",
    "OutlineNames",
    "accepted_headers",
    "closest_column",
    "header_key",
    "match_column",
    "outline_names",
]
