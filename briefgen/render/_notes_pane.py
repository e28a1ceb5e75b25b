"""The pager's notes pane: the current slide's speaker notes in a band at the foot of the screen.

Maps (a laid-out slide, the pane's height in rows, a scroll offset) → a bordered Rich panel of
exactly that height, its lines broken by 避头尾 like the slide's, and how far it can scroll.
The pager splits the screen: the slide above, sized to what is left, and this pane below, so
the notes are on screen whatever the terminal's height, and stay there from slide to slide.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from briefgen.layout import LaidSlide

from ._cells import Kinsoku

MIN_PANE_ROWS = 4
"""Smallest pane: its two borders and two lines of notes."""

SLIDE_SHARE = 0.6
"""Share of the rows above the status line the slide keeps when the notes are long."""


def pane_rows(rows: int, wanted: int) -> int:
    """Rows for the pane on a screen of `rows` (status line included) for `wanted` note lines.

    The notes get what they need up to 40% of the screen, never fewer than `MIN_PANE_ROWS`
    (on a very low terminal the slide gives way, not the notes).
    """
    available = max(1, rows - 1)
    share = max(MIN_PANE_ROWS, available - round(available * SLIDE_SHARE))
    return max(1, min(available, wanted + 2, share))


@dataclass(frozen=True, slots=True)
class NotesPane:
    """The notes of one slide in a panel of `height` rows, scrolled down by `scroll` lines."""

    slide: LaidSlide
    total: int
    height: int
    scroll: int = 0

    def lines(self, console: Console, width: int) -> list[list[Segment]]:
        """The notes wrapped to the pane's inner width (one list of segments per line)."""
        notes = self.slide.notes.strip()
        text = Text(notes) if notes else Text("(this slide has no speaker notes)", style="dim")
        options = console.options.update(width=max(1, width - 4), height=None)
        return console.render_lines(Kinsoku(text), options, pad=True)

    def limit(self, console: Console, width: int) -> int:
        """How many lines the notes can scroll at this width."""
        return max(0, len(self.lines(console, width)) - max(0, self.height - 2))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = self.lines(console, width)
        inner = max(0, self.height - 2)
        scroll = max(0, min(self.scroll, max(0, len(lines) - inner)))
        shown = lines[scroll : scroll + inner]
        border = Style(color="blue")
        title = f" notes · slide {self.slide.number}/{self.total} "
        if len(lines) > inner:
            title += f"· j/k scroll {scroll + len(shown)}/{len(lines)} "
        title_cells = Text(title).cell_len
        if title_cells + 3 <= width:
            top = "╭─" + title + "─" * (width - 3 - title_cells) + "╮"
        else:
            top = "╭" + "─" * max(0, width - 2) + "╮"
        yield Segment(top, border)
        yield Segment.line()
        blank = [Segment(" " * max(0, width - 4))]
        for row in [*shown, *([blank] * (inner - len(shown)))]:
            yield Segment("│ ", border)
            yield from row
            yield Segment(" │", border)
            yield Segment.line()
        if self.height >= 2:
            yield Segment("╰" + "─" * max(0, width - 2) + "╯", border)
            yield Segment.line()


__all__ = ["MIN_PANE_ROWS", "NotesPane", "pane_rows"]
