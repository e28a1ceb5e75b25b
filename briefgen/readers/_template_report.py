"""What `briefgen template inspect` reports about a template, as data (text and JSON views).

Maps a `Template` + its `RoleMap` → `TemplateReport`: the application that saved it, slide
size and aspect, masters, layouts with their placeholders (type, idx, name, box in cm), the
role mapping and why, theme fonts, embedded fonts, sample slides, and warning signs (a
LibreOffice re-save, placeholders without idx, roles without a layout, dark or picture
backgrounds, empty East Asian faces). `render/` draws it for the terminal; `to_json` is for tools.
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
            "saved_by": saved_by(t.application),
            "format": "potx" if t.potx else "pptx",
            "slide_size": {"width_cm": cm(t.width), "height_cm": cm(t.height), "aspect": t.aspect},
            "masters": list(t.masters),
            "layouts": [
                {
                    "name": layout.name,
                    "type": layout.type,
                    "master": layout.master,
                    "background": layout.background,
                    "placeholders": [
                        {
                            "type": ph.type,
                            "idx": ph.idx,
                            "name": ph.name,
                            "box_cm": None if ph.box is None else [cm(v) for v in ph.box],
                            "color": ph.color,
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


def saved_by(application: str) -> str:
    """The saving application as a trainer names it: `LibreOffice 7.4.7.2` for LibreOffice's
    `LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/…`, else as the file says."""
    if application.startswith("LibreOffice/"):
        version = application.removeprefix("LibreOffice/").split("$", 1)[0]
        return f"LibreOffice {version}".strip()
    return application


ROLE_SLIDES = {
    "cover": "the cover",
    "agenda": "the agenda (目录)",
    "divider": "section dividers",
    "content": "points, cards, tables, terms, questions",
    "image": "image slides",
    "quote": "quotations",
    "closing": "the closing slide",
}
"""What each slide role holds, for the role table."""


def _luminance(rgb: str) -> float:
    channels = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def warning_signs(template: Template, roles: RoleMap) -> tuple[str, ...]:
    """What to look at before building on `template`, one sentence each."""
    signs: list[str] = []
    if "libreoffice" in template.application.lower():
        signs.append(
            f"saved by {saved_by(template.application)}, which renames layouts and drops the "
            "placeholders' idx numbers: briefgen finds placeholders by type, so the deck "
            "still builds, but check that each slide role took the right layout"
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
        signs.append(
            "placeholders without an idx number (briefgen fills them by type; tools that "
            "count on idx, such as pandoc or python-pptx, fail on them) in: "
            + ", ".join(repr(name) for name in no_idx)
        )
    missing = [c.role for c in roles.choices if c.layout is None and c.role != "image"]
    if missing:
        named = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
        signs.append(
            f"no layout for the {named} slides: briefgen draws them in its own style on the "
            f"{roles.fallback.name!r} layout. If the template has layouts for them, name them "
            "under layouts: in a theme file (write one with --write-map)"
        )
    used = {c.layout.name: c.layout for c in roles.choices if c.layout is not None}
    for name, layout in used.items():
        if layout.background is None:
            signs.append(
                f"the layout {name!r} has a picture or gradient background: briefgen's own "
                "text on it is coloured for a white one; look at the built deck"
            )
        elif _luminance(layout.background) < 0.18:
            signs.append(
                f"the layout {name!r} has a dark background (#{layout.background}): briefgen "
                "draws its own text on it in light colours"
            )
    fonts = template.fonts
    for group, ea in (("heading", fonts.major_ea), ("body", fonts.minor_ea)):
        if not ea:
            signs.append(
                f"the template's {group} font names no Chinese face (empty a:ea): briefgen "
                "names its theme's Chinese face in every run instead, so WPS and PowerPoint "
                "do not fall back to a face of their own"
            )
    return tuple(signs)


__all__ = ["ROLE_SLIDES", "TemplateReport", "saved_by", "warning_signs"]
