"""What the pager draws: the screen above the status line, and the status line itself.

Maps (`PagerSource`, `PagerState`, terminal size) → Rich renderables: the errors of a failed
reload over the last good deck, then the slide (above the notes pane when `o` opened it), the
contents or the help; and the bottom line
with the position, what is being typed, scrolling and the watch state. `PagerSource` is what
the pager needs of a deck source; the build stage's `DeckSource` provides it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from briefgen.errors import Diagnostic
    from briefgen.layout import LaidDeck
    from briefgen.theme import Theme

    from ._notes_pane import NotesPane
    from ._pager_state import PagerState


class PagerSource(Protocol):
    """The deck the pager shows and reloads (the build stage's `DeckSource` in the CLI)."""

    @property
    def deck(self) -> LaidDeck | None:
        """The last good deck (None before the first good load)."""
        ...

    @property
    def theme(self) -> Theme | None:
        """The last good deck's theme."""
        ...

    @property
    def error(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of the last failed load (empty after a good one)."""
        ...

    @property
    def generation(self) -> int:
        """A count of load attempts: the screen is redrawn when it changes."""
        ...

    @property
    def loaded_at(self) -> float:
        """When the last load was attempted (seconds since the epoch)."""
        ...

    def poll(self) -> bool:
        """Reload if a watched file changed; whether anything new is to be drawn."""
        ...


def screen(
    source: PagerSource, state: PagerState, *, cols: int, rows: int, width: int | None
) -> RenderableType:
    """What the screen shows for `state` above the status line: errors, then slide or overlay."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from ._overlays import HelpView, TocView
    from ._slide_view import SlideView, panel_height

    parts: list[RenderableType] = []
    if source.error:
        lines = Text("\n").join(Text(str(d)) for d in source.error)
        title = "the files have errors: showing the last good deck" if source.deck else "errors"
        parts.append(Panel(lines, title=title, border_style="bold red", title_align="left"))
    deck, theme = source.deck, source.theme
    if deck is None or theme is None or not deck.slides:
        parts.append(Text("No slides to show.", style="bold"))
    elif state.view == "toc":
        parts.append(TocView(deck, current=state.toc_index, theme=theme, rows=rows - 1))
    elif state.view == "help":
        parts.append(HelpView())
    else:
        slide = deck.slides[state.index]
        pane = notes_pane(deck, state, cols=cols, rows=rows) if state.notes else None
        room = rows - 1 - (pane.height if pane is not None else 0)
        slide_width = width or cols
        if width is None:
            while slide_width > 40 and panel_height(slide_width) > room:
                slide_width -= 1
        slide_width = min(slide_width, cols)
        view = SlideView(slide, len(deck), theme, width=slide_width, highlight=state.query)
        padded = Padding(view, (0, 0, 0, max(0, (cols - slide_width) // 2)))
        if pane is None:
            parts.append(padded)
        else:  # the slide gives way to the notes: they are on screen at any height
            parts.extend((Cropped(padded, max(0, room)), pane))
    return Group(*parts)


def notes_pane(deck: LaidDeck, state: PagerState, *, cols: int, rows: int) -> NotesPane:
    """The notes pane for the current slide, as tall as `pane_rows` allows on this screen."""
    from rich.console import Console

    from ._notes_pane import NotesPane, pane_rows

    slide = deck.slides[state.index]
    probe = NotesPane(slide, len(deck), height=rows)
    wanted = len(probe.lines(Console(width=cols, color_system=None), cols))
    return NotesPane(slide, len(deck), height=pane_rows(rows, wanted), scroll=state.scroll)


def notes_limit(source: PagerSource, state: PagerState, *, cols: int, rows: int) -> int:
    """How far `j` scrolls the open notes pane (0 when the notes are closed or fit)."""
    from rich.console import Console

    deck = source.deck
    if not state.notes or state.view != "slide" or deck is None or not deck.slides:
        return 0
    pane = notes_pane(deck, state, cols=cols, rows=rows)
    return pane.limit(Console(width=cols, color_system=None), cols)


class Cropped:
    """A renderable cut to its first `rows` lines (the slide above the notes pane)."""

    def __init__(self, inner: RenderableType, rows: int) -> None:
        self.inner = inner
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        lines = console.render_lines(self.inner, options.update(height=None), pad=False)
        for line in lines[: self.rows]:
            yield from line
            yield Segment.line()


def status_line(
    source: PagerSource, state: PagerState, *, cols: int, watch: bool, scroll_limit: int = 0
) -> Text:
    """The bottom line: position, what is being typed or a message, scrolling, watch state."""
    from rich.text import Text

    left = Text(f" {state.number}/{state.total} ", style="bold reverse")
    if state.entry == "jump":
        middle = Text(f" go to slide: {state.buffer}▏", style="bold")
    elif state.entry == "search":
        middle = Text(f" search: {state.buffer}▏", style="bold")
    elif state.message:
        middle = Text(f" {state.message}", style="yellow")
    elif source.error:
        middle = Text(" errors: fix and save to reload", style="bold red")
    else:
        middle = Text(" ←/→ move · / search · o notes · t contents · ? help · q quit", style="dim")
    right = Text()
    if scroll_limit:
        # The slide (or the open notes) is taller than the screen: say how far down we are.
        more = "↓ j more" if state.scroll < scroll_limit else "↑ k back"
        right.append(f" {more} ({state.scroll}/{scroll_limit}) ", style="bold")
    if watch:
        stamp = time.strftime("%H:%M:%S", time.localtime(source.loaded_at))
        right.append(f" watching · loaded {stamp} ", style="dim")
    room = cols - left.cell_len - right.cell_len
    if room < 12:  # a narrow terminal: what is typed or said matters more than the watch state
        right, room = Text(), cols - left.cell_len
    middle.truncate(max(1, room), overflow="ellipsis", pad=True)
    line = Text.assemble(left, middle, right)
    line.truncate(cols, overflow="ellipsis")
    return line


def terminal_size(console: Console) -> tuple[int, int]:
    """The terminal's real size now (a stale exported COLUMNS/LINES must not win in the pager)."""
    for stream in (console.file, sys.stdout, sys.stdin):
        try:
            size = os.get_terminal_size(stream.fileno())
        except (AttributeError, OSError, ValueError):
            continue
        return max(1, size.columns), max(2, size.lines)
    width, height = console.size
    return width, height


__all__ = [
    "Cropped",
    "PagerSource",
    "notes_limit",
    "notes_pane",
    "screen",
    "status_line",
    "terminal_size",
]
