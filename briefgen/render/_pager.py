"""The interactive preview: a pager over the laid-out deck, with live reload (`--watch`).

Maps key presses → `PagerState` (a pure state machine, unit-testable without a terminal),
and a deck source file (outline or .pptx) → `DeckSource`, which reloads the deck when the
outline, theme or roster file changes and keeps the last good deck when an edit is invalid.
`run_pager` is the terminal loop: cbreak-mode key reading, polling and drawing.
"""

from __future__ import annotations

import codecs
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefgen.errors import BriefgenError, Diagnostic

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from briefgen.layout import LaidDeck
    from briefgen.theme import Theme

View = Literal["slide", "toc", "help"]
Entry = Literal["", "jump", "search"]

NEXT_KEYS = frozenset({"right", "l", " ", "space", "n", "pagedown"})
PREV_KEYS = frozenset({"left", "h", "p", "pageup"})


@dataclass(frozen=True, slots=True)
class PagerState:
    """Where the pager is: slide, overlay, what is being typed, search, notes, scroll.

    `texts` holds each slide's searchable text (case-folded), so that `handle` stays pure.
    """

    total: int
    index: int = 0
    view: View = "slide"
    notes: bool = False
    entry: Entry = ""
    buffer: str = ""
    query: str = ""
    texts: tuple[str, ...] = ()
    toc_index: int = 0
    scroll: int = 0
    message: str = ""
    quit: bool = False

    @classmethod
    def for_texts(cls, texts: Sequence[str], *, index: int = 0, notes: bool = False) -> PagerState:
        """A fresh state over slides with these texts, on slide `index` (0-based)."""
        folded = tuple(t.casefold() for t in texts)
        return cls(total=len(folded), texts=folded, notes=notes).go(index)

    @property
    def number(self) -> int:
        """The current slide's 1-based number (0 for an empty deck)."""
        return self.index + 1 if self.total else 0

    def go(self, index: int, message: str = "") -> PagerState:
        """On slide `index`, clamped to the deck, scrolled to the top."""
        index = max(0, min(index, self.total - 1)) if self.total else 0
        return replace(self, index=index, toc_index=index, scroll=0, view="slide", message=message)

    def with_texts(self, texts: Sequence[str]) -> PagerState:
        """After a reload: the new slides' texts, staying on the same slide number."""
        folded = tuple(t.casefold() for t in texts)
        moved = replace(self, total=len(folded), texts=folded)
        index = max(0, min(self.index, moved.total - 1)) if moved.total else 0
        return replace(moved, index=index, toc_index=min(self.toc_index, max(0, moved.total - 1)))

    def scrolled(self, limit: int) -> PagerState:
        """The scroll offset clamped to `limit` rows (what the drawn screen allows)."""
        return replace(self, scroll=max(0, min(self.scroll, limit)))

    def handle(self, key: str) -> PagerState:
        """The state after one key (`right`, `enter`, `escape`, `backspace`, or a character)."""
        state = replace(self, message="")
        if key == "ctrl-c":
            return replace(state, quit=True)
        if state.entry:
            return state._typing(key)
        if state.view == "help":
            return replace(state, view="slide")
        if state.view == "toc":
            return state._toc(key)
        return state._slide(key)

    # -- modes ----------------------------------------------------------------------------

    def _slide(self, key: str) -> PagerState:
        if key in NEXT_KEYS:
            if self.index + 1 >= self.total:
                return replace(self, message="last slide")
            return self.go(self.index + 1)
        if key in PREV_KEYS:
            if self.index == 0:
                return replace(self, message="first slide")
            return self.go(self.index - 1)
        if key in ("g", "home"):
            return self.go(0)
        if key in ("G", "end"):
            return self.go(self.total - 1)
        if key in ("down", "j"):
            return replace(self, scroll=self.scroll + 1)
        if key in ("up", "k"):
            return replace(self, scroll=max(0, self.scroll - 1))
        if key == "o":
            return replace(self, notes=not self.notes)
        if key == "t":
            return replace(self, view="toc", toc_index=self.index)
        if key == "?":
            return replace(self, view="help")
        if key == "q":
            return replace(self, quit=True)
        if key == "/":
            return replace(self, entry="search", buffer="")
        if key.isdigit() and key.isascii():
            return replace(self, entry="jump", buffer=key)
        if key == "enter" and self.query:
            return self.search(self.query, start=self.index + 1)
        return self

    def _toc(self, key: str) -> PagerState:
        if key in ("down", "j", "right", "l", " ", "space"):
            return replace(self, toc_index=min(self.toc_index + 1, max(0, self.total - 1)))
        if key in ("up", "k", "left", "h"):
            return replace(self, toc_index=max(0, self.toc_index - 1))
        if key in ("g", "home"):
            return replace(self, toc_index=0)
        if key in ("G", "end"):
            return replace(self, toc_index=max(0, self.total - 1))
        if key == "enter":
            return self.go(self.toc_index)
        if key in ("t", "q", "escape"):
            return replace(self, view="slide")
        if key == "?":
            return replace(self, view="help")
        if key.isdigit() and key.isascii():
            return replace(self, entry="jump", buffer=key)
        return self

    def _typing(self, key: str) -> PagerState:
        if key == "escape":
            return replace(self, entry="", buffer="")
        if key == "backspace":
            if not self.buffer:
                return replace(self, entry="")
            return replace(self, buffer=self.buffer[:-1])
        if key == "enter":
            done = replace(self, entry="", buffer="")
            if self.entry == "search":
                if not self.buffer:
                    return done
                return done.search(self.buffer, start=self.index)
            if not self.buffer:
                return done
            number = int(self.buffer)
            if not 1 <= number <= self.total:
                return replace(done, message=f"no slide {number}: the deck has {self.total}")
            return done.go(number - 1)
        if self.entry == "jump":
            if key.isdigit() and key.isascii():
                return replace(self, buffer=self.buffer + key)
            # Anything else ends the number and acts as itself.
            return replace(self, entry="", buffer="").handle(key)
        if key == "space":
            key = " "
        if len(key) == 1 and key.isprintable():
            return replace(self, buffer=self.buffer + key)
        return self

    def search(self, query: str, *, start: int) -> PagerState:
        """Go to the first slide from `start` on (wrapping) whose text contains `query`."""
        needle = query.casefold()
        hits = [i for i, text in enumerate(self.texts) if needle in text]
        found = replace(self, query=query)
        if not hits:
            return replace(found, message=f"no slide contains “{query}”")
        after = [i for i in hits if i >= start]
        target = after[0] if after else hits[0]
        wrapped = "" if after else " (from the top)"
        return found.go(target, f"match {hits.index(target) + 1} of {len(hits)}{wrapped}")


# -- keys --------------------------------------------------------------------------------

_SEQUENCES = {
    "\x1b[A": "up",
    "\x1b[B": "down",
    "\x1b[C": "right",
    "\x1b[D": "left",
    "\x1b[H": "home",
    "\x1b[F": "end",
    "\x1bOA": "up",
    "\x1bOB": "down",
    "\x1bOC": "right",
    "\x1bOD": "left",
    "\x1bOH": "home",
    "\x1bOF": "end",
    "\x1b[1~": "home",
    "\x1b[4~": "end",
    "\x1b[5~": "pageup",
    "\x1b[6~": "pagedown",
}
_SINGLE = {"\r": "enter", "\n": "enter", "\x7f": "backspace", "\x08": "backspace", "\x03": "ctrl-c"}


def parse_keys(data: str) -> list[str]:
    """Terminal input → key names: escape sequences, Enter, Backspace, or the characters."""
    keys: list[str] = []
    i = 0
    while i < len(data):
        char = data[i]
        if char == "\x1b":
            for seq, name in _SEQUENCES.items():
                if data.startswith(seq, i):
                    keys.append(name)
                    i += len(seq)
                    break
            else:
                if data.startswith("\x1b[", i):
                    # An unknown CSI sequence: skip it up to its final byte.
                    j = i + 2
                    while j < len(data) and not ("@" <= data[j] <= "~"):
                        j += 1
                    i = j + 1
                else:
                    keys.append("escape")
                    i += 1
            continue
        if char == "\r" and data.startswith("\r\n", i):
            i += 1
        keys.append(_SINGLE.get(char, char))
        i += 1
    return keys


# -- the deck source and reloading -------------------------------------------------------

Signature = tuple[int, int, int] | None


def _signature(path: Path) -> Signature:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class DeckSource:
    """A deck from an outline (through the pipeline) or a .pptx (read back), reloadable.

    `deck`/`theme` are the last good load; `error` holds the diagnostics of a failed reload
    (the pager shows them over the last good deck). `poll()` reloads when a watched file's
    mtime, size or inode changed: the outline, its theme file and the roster.
    """

    def __init__(
        self,
        path: Path,
        *,
        theme: str | None = None,
        roster: Path | None = None,
        district: str | None = None,
    ) -> None:
        self.path = path
        self.theme_option = theme
        self.roster = roster
        self.district = district
        self.deck: LaidDeck | None = None
        self.theme: Theme | None = None
        self.error: tuple[Diagnostic, ...] = ()
        self.loaded_at = 0.0
        self.generation = 0
        self.watched: tuple[Path, ...] = (path,)
        self._signatures: dict[Path, Signature] = {}

    @property
    def is_pptx(self) -> bool:
        """Whether the source is an existing .pptx rather than an outline."""
        return self.path.suffix.lower() == ".pptx"

    def _load(self) -> tuple[LaidDeck, Theme, tuple[Path, ...]]:
        from briefgen.theme import load_theme, resolve_theme_path

        if self.is_pptx:
            from briefgen.readers import read_pptx

            theme = load_theme(self.theme_option)
            deck = read_pptx(self.path)
            paths = [self.path]
            if self.theme_option:
                paths.append(resolve_theme_path(self.theme_option))
            return deck, theme, tuple(paths)
        from briefgen.build import find_district, lay_out, theme_file
        from briefgen.outline import load_outline

        loaded = load_outline(self.path)  # once per reload: it gives the deck and the theme file
        theme_path = theme_file(loaded, self.theme_option)
        theme = load_theme(str(theme_path))
        deck = lay_out(loaded, theme, district=find_district(self.roster, self.district))
        paths = [self.path, theme_path]
        if self.roster is not None:
            paths.append(self.roster)
        return deck, theme, tuple(paths)

    def load(self) -> tuple[LaidDeck, Theme]:
        """Load (or reload) the deck; raise `BriefgenError` if the files are invalid."""
        before = {p: _signature(p) for p in self.watched}
        deck, theme, paths = self._load()
        self.deck, self.theme, self.error = deck, theme, ()
        self.watched = paths
        # Signatures from before the load: a save during the load triggers another reload.
        self._signatures = {p: before.get(p, _signature(p)) for p in paths}
        self.loaded_at = time.time()
        self.generation += 1
        return deck, theme

    def reload(self) -> bool:
        """Reload now; on invalid input keep the last good deck and record the error."""
        before = {p: _signature(p) for p in self.watched}
        try:
            self.load()
        except BriefgenError as exc:
            self.error = exc.diagnostics
            self._signatures = before
            self.loaded_at = time.time()
            self.generation += 1
            return False
        return True

    def changed(self) -> bool:
        """Whether a watched file changed since the last load attempt."""
        return any(_signature(p) != self._signatures.get(p) for p in self.watched)

    def poll(self) -> bool:
        """Reload if a watched file changed; whether anything new is to be drawn."""
        if not self.changed():
            return False
        self.reload()
        return True


def slide_texts(deck: LaidDeck | None) -> list[str]:
    """Each slide's searchable text: title and everything drawn on it."""
    if deck is None:
        return []
    return [f"{s.title}\n{s.text}" for s in deck.slides]


# -- drawing -------------------------------------------------------------------------------


def screen(
    source: DeckSource, state: PagerState, *, cols: int, rows: int, width: int | None
) -> RenderableType:
    """What the screen shows for `state` above the status line: errors, then slide or overlay."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    from .terminal import HelpView, SlideView, TocView, panel_height

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
    source: DeckSource, state: PagerState, *, cols: int, watch: bool, scroll_limit: int = 0
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


class _KeyReader:
    """Reads keys from a terminal in cbreak mode (no echo, no line buffering)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def read(self, timeout: float) -> list[str]:
        import select

        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return []
        data = os.read(self.fd, 1024)
        if not data:
            return ["ctrl-c"]
        text = self.decoder.decode(data)
        # A lone ESC might be the start of a sequence split across reads: wait a moment.
        if text.endswith("\x1b") and select.select([self.fd], [], [], 0.03)[0]:
            text += self.decoder.decode(os.read(self.fd, 1024))
        return parse_keys(text)


def run_pager(
    source: DeckSource,
    console: Console,
    *,
    watch: bool = False,
    start: int = 1,
    notes: bool = False,
    width: int | None = None,
    read_keys: Callable[[float], list[str]] | None = None,
) -> PagerState:
    """Show the deck in the terminal until `q`; reload on saves when `watch`."""
    import termios
    import tty

    from rich.console import Group

    from .terminal import Lines

    state = PagerState.for_texts(slide_texts(source.deck), index=start - 1, notes=notes)
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd) if read_keys is None else None
    reader = read_keys or _KeyReader(fd).read
    last: tuple[object, ...] = ()
    try:
        if saved is not None:
            tty.setcbreak(fd)
        with console.screen(hide_cursor=True) as scr:
            while not state.quit:
                cols, rows = terminal_size(console)
                console.size = (cols, rows)
                drawn = (state, source.generation, cols, rows)
                if drawn != last:
                    body = screen(source, state, cols=cols, rows=rows, width=width)
                    lines = console.render_lines(body, console.options.update_width(cols))
                    limit = max(0, len(lines) - (rows - 1))
                    state = state.scrolled(limit)
                    visible = lines[state.scroll : state.scroll + rows - 1]
                    status = status_line(source, state, cols=cols, watch=watch, scroll_limit=limit)
                    scr.update(Group(Lines(visible), status))
                    last = (state, source.generation, cols, rows)
                for key in reader(0.05 if watch else 0.25):
                    state = state.handle(key)
                if watch and source.poll():
                    state = state.with_texts(slide_texts(source.deck))
    except KeyboardInterrupt:
        pass
    finally:
        if saved is not None:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    return state


__all__ = [
    "DeckSource",
    "PagerState",
    "parse_keys",
    "run_pager",
    "screen",
    "slide_texts",
    "status_line",
]
