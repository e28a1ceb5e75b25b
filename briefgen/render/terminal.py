"""The terminal preview: the laid-out deck as Rich renderables, in the theme's colours.

Maps `LaidDeck` (the very slides `build` writes; nothing is paginated again) → `DeckView`
(every slide in turn, or one, then the deck's own warnings), built from `SlideView` (one slide,
`_slide_view`), with `TocView` and `HelpView` (`_overlays`) for the pager. The library returns
renderables; only the CLI and the pager print them. `make_console` is the console they print to.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from briefgen.layout import LaidDeck
from briefgen.theme import Theme

from ._cells import Hanging, Kinsoku, Lines, Palette, warning_line
from ._overlays import HELP_KEYS, HelpView, TocView, deck_only_warnings, fill_bar
from ._sanitize import SafeConsole
from ._slide_view import SlideView, panel_height


def make_console(*, no_color: bool = False, width: int | None = None) -> Console:
    """The console the CLI prints to: colour unless `no_color` or NO_COLOR, no auto-highlight."""
    return SafeConsole(
        no_color=True if no_color else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
    )


class DeckView:
    """Every slide of a deck one after another (or only slide `only`), for non-interactive use."""

    def __init__(
        self,
        deck: LaidDeck,
        theme: Theme,
        *,
        width: int | None = None,
        notes: bool = False,
        only: int | None = None,
    ) -> None:
        self.deck = deck
        self.theme = theme
        self.width = width
        self.notes = notes
        self.only = only

    def views(self) -> Iterator[SlideView]:
        """The slide views in deck order (one if `only` is set)."""
        total = len(self.deck)
        for slide in self.deck.slides:
            if self.only is None or slide.number == self.only:
                yield SlideView(slide, total, self.theme, width=self.width, notes=self.notes)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for index, view in enumerate(self.views()):
            if index:
                yield Text("")
            yield view
        rest = deck_only_warnings(self.deck)
        if self.only is None and rest:
            yield Text("")
            for warning in rest:
                yield warning_line(warning, "bold yellow")


__all__ = [
    "HELP_KEYS",
    "DeckView",
    "Hanging",
    "HelpView",
    "Kinsoku",
    "Lines",
    "Palette",
    "SlideView",
    "TocView",
    "fill_bar",
    "make_console",
    "panel_height",
]
