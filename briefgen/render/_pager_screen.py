"""What the pager draws: the screen above the status line, and the status line itself.

Maps (`PagerSource`, `PagerState`, terminal size) → Rich renderables: the errors of a failed
reload over the last good deck, then the slide, the contents or the help; and the bottom line
with the position, what is being typed, scrolling and the watch state. `PagerSource` is what
the pager needs of a deck source; the build stage's `DeckSource` provides it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from briefgen.errors import Diagnostic
    from briefgen.layout import LaidDeck
    from briefgen.theme import Theme

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
        slide_width = width or cols
        if width is None:
            while slide_width > 40 and panel_height(slide_width) > rows - 1:
                slide_width -= 1
        slide_width = min(slide_width, cols)
        view = SlideView(
            slide, len(deck), theme, width=slide_width, notes=state.notes, highlight=state.query
        )
        parts.append(Padding(view, (0, 0, 0, max(0, (cols - slide_width) // 2))))
    return Group(*parts)


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
        # The slide is taller than the screen: say so, and how far down we are.
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


__all__ = ["PagerSource", "screen", "status_line", "terminal_size"]
