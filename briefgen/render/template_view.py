"""The terminal view of `briefgen template inspect`: a template's report as Rich renderables.

Maps a `TemplateReport` → a Rich group: a heading (file, application, size and aspect), a
table of layouts with their placeholders (type, idx, name, box in cm), the role mapping with
its reasons, the theme fonts, embedded fonts and sample slides, and the warning signs.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from briefgen.readers import TemplateReport, cm


def _box(box: tuple[int, int, int, int] | None) -> str:
    if box is None:
        return "—"
    x, y, w, h = (cm(v) for v in box)
    return f"{x:g},{y:g} {w:g}×{h:g}"


def template_view(report: TemplateReport) -> RenderableType:
    """The whole report, for the terminal."""
    t = report.template
    parts: list[RenderableType] = []
    head = Text()
    head.append(t.file, style="bold")
    head.append(f"  ({'PowerPoint template .potx' if t.potx else '.pptx'})\n")
    head.append(
        f"saved by {t.application}; slides {cm(t.width):g} × {cm(t.height):g} cm ({t.aspect})"
    )
    parts.append(head)
    layouts = Table(title="Layouts", title_justify="left", show_lines=False)
    for column in ("layout", "type", "placeholders: type idx name, box x,y w×h cm"):
        layouts.add_column(column)
    for layout in t.layouts:
        phs = "\n".join(
            f"{ph.type} {'-' if ph.idx is None else ph.idx} {ph.name}, {_box(ph.box)}"
            for ph in layout.placeholders
        )
        layouts.add_row(layout.name, layout.type, phs or "(none)")
    parts.append(layouts)
    roles = Table(title="Slide roles", title_justify="left")
    for column in ("role", "layout", "why"):
        roles.add_column(column)
    for choice in report.roles.choices:
        name = choice.layout.name if choice.layout else f"(drawn on {report.roles.fallback.name})"
        roles.add_row(choice.role, name, choice.reason)
    parts.append(roles)
    fonts = t.fonts
    info = Text()
    info.append("Theme fonts: ", style="bold")
    info.append(
        f"headings {fonts.major_latin or '—'} / {fonts.major_ea or '(empty ea)'}; "
        f"body {fonts.minor_latin or '—'} / {fonts.minor_ea or '(empty ea)'}\n"
    )
    info.append("Embedded fonts: ", style="bold")
    info.append((", ".join(t.embedded_fonts) or "none") + "\n")
    info.append("Sample slides: ", style="bold")
    info.append(str(len(t.sample_slides)) + " (left out of built decks)")
    parts.append(info)
    if report.signs:
        signs = Text()
        signs.append("Warning signs\n", style="bold yellow")
        for sign in report.signs:
            signs.append(f"• {sign}\n")
        parts.append(signs)
    return Group(*parts)


__all__ = ["template_view"]
