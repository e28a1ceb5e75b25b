"""The pager's overlays, also printed on their own: the table of contents and the keys.

Maps a `LaidDeck` → `TocView` (each slide's number, title, kind, section, how full it is and
its warnings, windowed around the selection in the pager) and the pager's key bindings →
`HelpView`. `deck_only_warnings` are the deck's warnings that no slide footer shows.
"""

from __future__ import annotations

from typing import Literal

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from briefgen.errors import Diagnostic
from briefgen.layout import LaidDeck, text_coverage
from briefgen.theme import Theme

from ._cells import warning_line


def deck_only_warnings(deck: LaidDeck) -> list[Diagnostic]:
    """The deck's warnings that no slide footer shows (time budget of the whole session, …)."""
    on_slides = {w for s in deck.slides for w in s.warnings}
    return [w for w in deck.warnings if w not in on_slides]


def fill_bar(ratio: float, cells: int = 10) -> Text:
    """How full a slide's body is: a bar of `cells` cells (none for 0) and a percentage."""
    ratio = max(0.0, ratio)
    filled = min(cells, round(min(ratio, 1.0) * cells))
    style = "red" if ratio > 1.0 else ("yellow" if ratio > 0.9 else "green")
    percent = Text(f"{ratio:4.0%}", style="" if cells else style)
    if not cells:
        return percent
    return Text.assemble(("█" * filled, style), ("░" * (cells - filled), "dim"), " ", percent)


class TocView:
    """Table of contents: every slide's number, title, kind, section, fill and warnings.

    With `rows` (the pager's screen height) only a window of slides around `current` is
    listed, one line each, so the selected slide is always on screen.
    """

    def __init__(
        self,
        deck: LaidDeck,
        *,
        current: int = 0,
        theme: Theme | None = None,
        rows: int | None = None,
    ) -> None:
        self.deck = deck
        self.current = current
        self.theme = theme
        self.rows = rows

    def window(self) -> range:
        """Indexes of the slides listed."""
        total = len(self.deck.slides)
        if self.rows is None:
            return range(total)
        visible = max(1, self.rows - 6)
        start = max(0, min(self.current - visible // 2, total - visible))
        return range(start, min(total, start + visible))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        accent = f"#{self.theme.color('primary')}" if self.theme else "red"
        shown = self.window()
        total = len(self.deck.slides)
        caption = (
            f"slides {shown.start + 1}–{shown.stop} of {total}" if len(shown) < total else None
        )
        table = Table(
            title="Contents",
            caption=caption,
            box=box.SIMPLE_HEAD,
            header_style=f"bold {accent}",
            expand=True,
            pad_edge=False,
        )
        one_line = self.rows is not None
        overflow: Literal["fold", "ellipsis"] = "ellipsis" if one_line else "fold"
        width = options.max_width
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("title", ratio=3, overflow=overflow, no_wrap=one_line)
        if width >= 40:
            table.add_column("kind", no_wrap=True)
        if width >= 70:
            table.add_column("section", ratio=1, overflow=overflow, no_wrap=one_line)
        table.add_column("fill", no_wrap=True)
        if width >= 40:
            table.add_column("⚠", justify="right", no_wrap=True)
        for index in shown:
            slide = self.deck.slides[index]
            kind = slide.kind + (f" {slide.part[0]}/{slide.part[1]}" if slide.part[1] > 1 else "")
            cells: list[RenderableType] = [str(slide.number), slide.title]
            if width >= 40:
                cells.append(kind)
            if width >= 70:
                cells.append(slide.section or "")
            fill = text_coverage(slide, self.theme) if self.theme else slide.fill_ratio
            cells.append(fill_bar(fill, 10 if width >= 70 else 0))
            if width >= 40:
                cells.append(str(len(slide.warnings)) if slide.warnings else "")
            table.add_row(*cells, style="reverse" if index == self.current else None)
        yield table
        for warning in deck_only_warnings(self.deck):
            yield warning_line(warning, "bold yellow")


HELP_KEYS: tuple[tuple[str, str], ...] = (
    ("→  l  space  n  PgDn", "next slide"),
    ("←  h  p  PgUp", "previous slide"),
    ("g  Home  /  G  End", "first / last slide"),
    ("12 Enter", "go to slide 12"),
    ("/ text Enter", "search the slides' text"),
    ("Enter", "the next match of the last search"),
    ("Backspace  Esc", "while typing a number or a search: correct it / cancel it"),
    ("o", "speaker notes in a pane below the slide; they stay open from slide to slide"),
    ("↑ ↓  j k", "scroll the notes (with o), or a slide taller than the terminal"),
    ("t", "contents: ↑ ↓ j k choose, Enter opens, g G first / last"),
    ("Esc  t", "close the contents"),
    ("?", "this help (any key closes it)"),
    ("q  Ctrl-C", "quit (q closes the contents or help first)"),
)


class HelpView:
    """The pager's keys."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(title="Keys", box=box.SIMPLE, show_header=False, pad_edge=False)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, meaning in HELP_KEYS:
            table.add_row(keys, meaning)
        yield table
        yield Text("Press any key to go back.", style="dim")


__all__ = ["HELP_KEYS", "HelpView", "TocView", "deck_only_warnings", "fill_bar"]
