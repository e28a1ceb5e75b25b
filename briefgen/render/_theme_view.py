"""The themes in the terminal: the list of themes, and one theme's swatches, faces and sample.

Maps `ThemeEntry`s → a Rich table (`theme_table`), and a `Theme` with its faces' installation
and a laid-out sample slide → `ThemeView`: each colour role as a swatch with its hex and what
it paints, each font role's latin and East Asian faces in both font sets (installed or not),
then the sample slide drawn by `SlideView`, as `preview` draws slides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from briefgen.layout import LaidSlide
from briefgen.theme import COLOR_ROLES, FONT_ROLES, Theme, ThemeEntry

from ._slide_view import SlideView

_MARKS = {True: ("✓", "green"), False: ("✗", "red"), None: ("?", "yellow")}
"""How a face's installation is shown: installed, missing, or unknown (no fontconfig)."""

_LEGEND = "✓ installed · ✗ not installed (another face shows) · ? unknown (no fontconfig)"


def theme_table(entries: Sequence[ThemeEntry]) -> Group:
    """The themes as tables, the built-in ones and then the folder's files: name, label,
    file and the theme each extends."""
    parts: list[RenderableType] = []
    for builtin, heading in ((True, "Built-in themes"), (False, "Theme files in this folder")):
        rows = [e for e in entries if e.builtin is builtin]
        if not rows:
            continue
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for column in ("name", "label", "file", "extends"):
            table.add_column(column, overflow="fold")
        for entry in rows:
            where = entry.file.name if entry.builtin else str(entry.file)
            table.add_row(entry.name, entry.label or "", where, entry.extends or "")
        parts += [*([Text("")] if parts else []), Text(heading, style="bold"), table]
    return Group(*parts)


class ThemeView:
    """One theme: heading, colour swatches, font roles with installation, a sample slide."""

    def __init__(
        self,
        theme: Theme,
        source: str,
        installed: Mapping[str, bool | None],
        slide: LaidSlide,
        total: int,
        *,
        width: int | None = None,
    ) -> None:
        self.theme = theme
        self.source = source
        self.installed = installed
        self.slide = slide
        self.total = total
        self.width = width

    def heading(self) -> Text:
        """`name · label · file`, then the look: title bar, cover, slide size, font set."""
        theme = self.theme
        parts = [theme.name, *([theme.label] if theme.label else []), self.source]
        text = Text(" · ".join(parts), style="bold")
        text.append(
            f"\ntitle bar {theme.title_bar} · cover {theme.cover} · slides "
            f"{theme.slide_size} · font set {theme.font_set}"
        )
        return text

    def swatches(self) -> Table:
        """Each colour role: a swatch, its name, its hex and what it paints."""
        table = Table(box=None, pad_edge=False, show_header=False, padding=(0, 1, 0, 0))
        for _ in range(4):
            table.add_column(overflow="fold")
        for role, value in self.theme.colors.model_dump().items():
            swatch = Text("████", style=value)
            table.add_row(swatch, role, value, COLOR_ROLES.get(role, ""))
        return table

    def faces(self) -> Group:
        """Each font set's roles: latin and East Asian face, each marked installed or not."""
        parts: list[RenderableType] = []
        for name in ("portable", "office"):
            fonts = getattr(self.theme.fonts, name)
            in_use = " (in use)" if name == self.theme.font_set else ""
            table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0))
            for column in ("role", "latin", "ea"):
                table.add_column(column, overflow="fold")
            for role in FONT_ROLES:
                face = getattr(fonts, role)
                table.add_row(role, self._face(face.latin), self._face(face.ea))
            parts += [Text(f"Fonts: {name}{in_use}", style="bold"), table, Text("")]
        roles = " · ".join(f"{role}: {use}" for role, use in FONT_ROLES.items())
        parts += [Text(roles), Text(_LEGEND)]
        return Group(*parts)

    def _face(self, name: str) -> Text:
        mark, style = _MARKS[self.installed.get(name)]
        text = Text(f"{name} ")
        text.append(mark, style=style)
        return text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.heading()
        yield Text("")
        yield Text("Colours", style="bold")
        yield self.swatches()
        yield Text("")
        yield self.faces()
        yield Text("")
        yield Text("Sample slide", style="bold")
        yield SlideView(self.slide, self.total, self.theme, width=self.width)


__all__ = ["ThemeView", "theme_table"]
