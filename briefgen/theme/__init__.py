"""Themes: colours, faces, sizes and the footer, read from YAML (built-in or a file)."""

from __future__ import annotations

from ._theme import (
    DEFAULT_THEME,
    FOOTER_FIELDS,
    Face,
    HandoutFaces,
    TemplateRole,
    Theme,
    builtin_themes,
    load_theme,
    resolve_theme_at,
    resolve_theme_path,
    theme_data,
)

__all__ = [
    "DEFAULT_THEME",
    "FOOTER_FIELDS",
    "Face",
    "HandoutFaces",
    "TemplateRole",
    "Theme",
    "builtin_themes",
    "load_theme",
    "resolve_theme_at",
    "resolve_theme_path",
    "theme_data",
]
