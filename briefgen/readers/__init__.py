"""Readers of files made elsewhere: a .pptx given to `preview` (into the laid-out deck), and a
department's .pptx/.potx template (its layouts, placeholders, fonts and colours, as data)."""

from __future__ import annotations

from ._package import DeckReadError
from ._pptx import read_pptx
from ._template import (
    CT_PRESENTATION_MAIN,
    Layout,
    Placeholder,
    Template,
    TemplateError,
    ThemeFonts,
    cm,
    read_template,
)
from ._template_report import ROLE_SLIDES, TemplateReport, saved_by, warning_signs
from ._template_roles import ROLES, RoleChoice, RoleMap, available, map_roles

__all__ = [
    "CT_PRESENTATION_MAIN",
    "ROLES",
    "ROLE_SLIDES",
    "DeckReadError",
    "Layout",
    "Placeholder",
    "RoleChoice",
    "RoleMap",
    "Template",
    "TemplateError",
    "TemplateReport",
    "ThemeFonts",
    "available",
    "cm",
    "map_roles",
    "read_pptx",
    "read_template",
    "saved_by",
    "warning_signs",
]
