"""What `briefgen template inspect` reports about a template, as data (text and JSON views).

Maps a `Template` + its `RoleMap` → `TemplateReport`: the application that saved it, slide
size and aspect, masters, layouts with their placeholders (type, idx, name, box in cm), the
role mapping and why, theme fonts, embedded fonts, sample slides, and warning signs (a
LibreOffice re-save, placeholders without idx, roles without a layout, empty East Asian
faces). `render/` draws it for the terminal; `to_json` is for tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._template import Template, cm
from ._template_roles import RoleMap


@dataclass(frozen=True, slots=True)
class TemplateReport:
    """A template inspected: itself, the layout each role would use, and warning signs."""

    template: Template
    roles: RoleMap
    signs: tuple[str, ...]
    written: Path | None = None
    """The theme file `--write-map` wrote, if any."""

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        t = self.template
        return {
            "file": t.file,
            "application": t.application,
            "format": "potx" if t.potx else "pptx",
            "slide_size": {"width_cm": cm(t.width), "height_cm": cm(t.height), "aspect": t.aspect},
            "masters": list(t.masters),
            "layouts": [
                {
                    "name": layout.name,
                    "type": layout.type,
                    "master": layout.master,
                    "placeholders": [
                        {
                            "type": ph.type,
                            "idx": ph.idx,
                            "name": ph.name,
                            "box_cm": None if ph.box is None else [cm(v) for v in ph.box],
                        }
                        for ph in layout.placeholders
                    ],
                }
                for layout in t.layouts
            ],
            "roles": {
                c.role: {"layout": c.layout.name if c.layout else None, "why": c.reason}
                for c in self.roles.choices
            },
            "fallback_layout": self.roles.fallback.name,
            "fonts": {
                "major": {"latin": t.fonts.major_latin, "ea": t.fonts.major_ea},
                "minor": {"latin": t.fonts.minor_latin, "ea": t.fonts.minor_ea},
            },
            "colors": dict(t.colors),
            "embedded_fonts": list(t.embedded_fonts),
            "sample_slides": list(t.sample_slides),
            "warnings": list(self.signs),
        }


def warning_signs(template: Template, roles: RoleMap) -> tuple[str, ...]:
    """What to look at before building on `template`, one sentence each."""
    signs: list[str] = []
    if "libreoffice" in template.application.lower():
        signs.append(
            f"saved by {template.application}: LibreOffice renames layouts and drops "
            "placeholder idx; briefgen matches placeholders by type, but check the role map"
        )
    no_idx = sorted(
        {
            layout.name
            for layout in template.layouts
            for ph in layout.placeholders
            if ph.idx is None and ph.type not in ("title", "ctrTitle")
        }
    )
    if no_idx:
        signs.append(f"placeholders without idx in: {', '.join(no_idx)}")
    for choice in roles.choices:
        if choice.layout is None:
            signs.append(
                f"no layout for {choice.role} slides: drawn on {roles.fallback.name!r}; name one "
                "under layouts: (--write-map)"
            )
    fonts = template.fonts
    for group, ea in (("major (headings)", fonts.major_ea), ("minor (body)", fonts.minor_ea)):
        if not ea:
            signs.append(
                f"the theme's {group} font names no East Asian face (empty a:ea): Chinese text "
                "keeps the briefgen theme's face"
            )
    if template.sample_slides:
        signs.append(
            f"{len(template.sample_slides)} sample slide(s): left out of every deck built on it"
        )
    return tuple(signs)


__all__ = ["TemplateReport", "warning_signs"]
