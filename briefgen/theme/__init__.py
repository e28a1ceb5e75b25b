"""Themes: colours, faces, sizes and the footer, read from YAML (built-in or a file)."""

from __future__ import annotations

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
