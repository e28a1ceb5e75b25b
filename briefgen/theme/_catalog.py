"""The themes a trainer can name: the built-in ones and the theme files in a folder.

Maps the built-in theme folders and a folder's `*.yaml` files that say `briefgen-theme:` →
`ThemeEntry`s (name, label, file, the theme it extends), for `briefgen themes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.outline import read_yaml

from ._theme import builtin_themes, resolve_theme_path

COLOR_ROLES = {
    "primary": "title bar or rule, tiles, cover",
    "accent": "emphasis of quoted terms, alternate tiles",
    "gold": "rules, numerals, bullets",
    "cream": "card and divider background",
    "ink": "body text",
    "grey": "footer, attributions, secondary text",
    "white": "text on primary",
}
"""What each theme colour paints (docs/themes.md)."""

FONT_ROLES = {
    "sans": "titles, body, cards",
    "serif": "cover, dividers, numerals",
    "quote": "quotations",
}
"""What each font role sets (docs/themes.md, Font roles)."""

MAX_FOLDER_FILES = 200
"""At most this many `*.yaml` files of a folder are read to find its theme files."""


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """One theme in the list: its name, label, file and the theme it `extends:`."""

    name: str
    label: str | None
    file: Path
    extends: str | None
    builtin: bool


def _entry(path: Path, *, builtin: bool) -> ThemeEntry | None:
    """A theme file's entry from its own keys (not merged with its base), or None if the
    file is no theme (no `briefgen-theme:` key) or cannot be read."""
    try:
        data, _ = read_yaml(path)
    except BriefgenError:
        return None
    if not isinstance(data, dict) or (not builtin and "briefgen-theme" not in data):
        return None

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value.strip() else None

    return ThemeEntry(text("name") or path.stem, text("label"), path, text("extends"), builtin)


def theme_entries(folder: Path | None = None) -> list[ThemeEntry]:
    """The built-in themes by name, then the theme files in `folder` by file name."""
    entries: list[ThemeEntry] = []
    for name in builtin_themes():
        entry = _entry(resolve_theme_path(name), builtin=True)
        if entry is not None:
            entries.append(entry)
    if folder is not None and folder.is_dir():
        files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])[:MAX_FOLDER_FILES]
        entries.extend(e for p in files if p.is_file() and (e := _entry(p, builtin=False)))
    return entries


__all__ = ["COLOR_ROLES", "FONT_ROLES", "MAX_FOLDER_FILES", "ThemeEntry", "theme_entries"]
