"""Themes: colours, faces, sizes and the footer, read from YAML (built-in or a file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from ._catalog import COLOR_ROLES, FONT_ROLES, ThemeEntry, theme_entries
from ._contrast import contrast_ratio, passes, readable_color, required_contrast
from ._theme import (
    DEFAULT_THEME,
    FOOTER_FIELDS,
    Face,
    HandoutFaces,
    TemplateRole,
    Theme,
    builtin_theme_dirs,
    builtin_themes,
    load_theme,
    resolve_theme_at,
    resolve_theme_path,
    theme_data,
)

__all__ = [
    "COLOR_ROLES",
    "DEFAULT_THEME",
    "FONT_ROLES",
    "FOOTER_FIELDS",
    "Face",
    "HandoutFaces",
    "TemplateRole",
    "Theme",
    "ThemeEntry",
    "builtin_theme_dirs",
    "builtin_themes",
    "contrast_ratio",
    "load_theme",
    "passes",
    "readable_color",
    "required_contrast",
    "resolve_theme_at",
    "resolve_theme_path",
    "theme_data",
    "theme_entries",
]

__getattr__ = lazy_exports(  # the catalog of built-in themes: for `briefgen themes` only
    __name__,
    {
        "COLOR_ROLES": "._catalog",
        "FONT_ROLES": "._catalog",
        "ThemeEntry": "._catalog",
        "theme_entries": "._catalog",
    },
)
