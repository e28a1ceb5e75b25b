"""Readers of files made elsewhere: a .pptx given to `preview` (into the laid-out deck), and a
department's .pptx/.potx template (its layouts, placeholders, fonts and colours, as data).
Exported lazily: a build without a template imports none of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
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

__getattr__ = lazy_exports(
    __name__,
    {
        "DeckReadError": "._package",
        "read_pptx": "._pptx",
        "CT_PRESENTATION_MAIN": "._template",
        "Layout": "._template",
        "Placeholder": "._template",
        "Template": "._template",
        "TemplateError": "._template",
        "ThemeFonts": "._template",
        "cm": "._template",
        "read_template": "._template",
        "ROLE_SLIDES": "._template_report",
        "TemplateReport": "._template_report",
        "saved_by": "._template_report",
        "warning_signs": "._template_report",
        "ROLES": "._template_roles",
        "RoleChoice": "._template_roles",
        "RoleMap": "._template_roles",
        "available": "._template_roles",
        "map_roles": "._template_roles",
    },
)
