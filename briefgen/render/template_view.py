"""The terminal view of `briefgen template inspect`: a template's report as Rich renderables.

Maps a `TemplateReport` → a Rich group: a heading (file, application, size and aspect), a
table of layouts with their placeholders (type, idx, name, box in cm), the role mapping with
its reasons, the theme fonts, embedded fonts and sample slides, and the warning signs.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from briefgen.readers import ROLE_SLIDES, Placeholder, TemplateReport, cm, saved_by


def _box(box: tuple[int, int, int, int] | None) -> str:
    if box is None:
        return "no box"
    x, y, w, h = (cm(v) for v in box)
    return f"{w:g}×{h:g} at {x:g}, {y:g}"


def _idx(ph: Placeholder) -> str:
    """`, idx 10`; a title's missing idx is its usual 0 (nothing shown), another's is flagged."""
    if ph.idx is not None:
        return f", idx {ph.idx},"
    return "," if ph.type in ("title", "ctrTitle") else ", no idx,"


def template_view(report: TemplateReport) -> RenderableType:
    """The whole report, for the terminal."""
    t = report.template
    parts: list[RenderableType] = []
    head = Text()
    head.append(t.file, style="bold")
    head.append(f"  ({'PowerPoint template .potx' if t.potx else 'PowerPoint .pptx'})\n")
    head.append(
        f"saved by {saved_by(t.application)}; slides {cm(t.width):g} × {cm(t.height):g} cm "
        f"({t.aspect})"
    )
    parts.append(head)
    layouts = Table(title="Layouts", title_justify="left", show_lines=False)
    for column in ("layout", "type", "placeholders: type, idx, name: w×h at left, top (cm)"):
        layouts.add_column(column)
    for layout in t.layouts:
        phs = "\n".join(
            f"{ph.type}{_idx(ph)} {ph.name}: {_box(ph.box)}" for ph in layout.placeholders
        )
        layouts.add_row(layout.name, layout.type, phs or "(none)")
    parts.append(layouts)
    roles = Table(title="Slide roles: the layout each kind of slide goes on", title_justify="left")
    for column in ("role", "slides", "layout", "why"):
        roles.add_column(column)
    for choice in report.roles.choices:
        name = (
            choice.layout.name
            if choice.layout
            else f"(none: drawn by briefgen on {report.roles.fallback.name})"
        )
        roles.add_row(choice.role, ROLE_SLIDES.get(choice.role, ""), name, choice.reason)
    parts.append(roles)
    fonts = t.fonts
    info = Text()
    info.append("Theme fonts: ", style="bold")
    info.append(
        f"headings {fonts.major_latin or '—'} / {fonts.major_ea or '(no Chinese face)'}; "
        f"body {fonts.minor_latin or '—'} / {fonts.minor_ea or '(no Chinese face)'}\n"
    )
    info.append("Embedded fonts: ", style="bold")
    info.append((", ".join(t.embedded_fonts) or "none") + "\n")
    info.append("Sample slides: ", style="bold")
    count = len(t.sample_slides)
    info.append(f"{count} (left out of every deck built on it)" if count else "none")
    parts.append(info)
    signs = Text()
    signs.append("Warning signs", style="bold yellow" if report.signs else "bold")
    signs.append("\n" if report.signs else ": none\n")
    for sign in report.signs:
        signs.append(f"• {sign}\n")
    parts.append(signs)
    return Group(*parts)


__all__ = ["template_view"]
