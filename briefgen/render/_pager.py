"""The interactive preview: the pager's terminal loop and its key input, with live reload.

Maps terminal input (cbreak mode, escape sequences) → key names (`parse_keys`), and runs the
loop (`run_pager`): read keys, step the `PagerState` machine (`_pager_state`), poll the source
for saves with `--watch`, and draw the screen (`_pager_screen`). The deck source comes in
through the `PagerSource` protocol, so nothing here reads outlines or knows the build stage.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ._pager_screen import PagerSource, notes_limit, screen, status_line, terminal_size
from ._pager_state import PagerState, slide_texts

if TYPE_CHECKING:
    from rich.console import Console

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
    source: PagerSource,
    console: Console,
    *,
    watch: bool = False,
    start: int = 1,
    notes: bool = False,
    width: int | None = None,
    read_keys: Callable[[float], list[str]] | None = None,
) -> PagerState:
    """Show the deck in the terminal until `q`; reload on saves when `watch`.

    Keys come from the terminal (stdin in cbreak mode) unless `read_keys` supplies them.
    """
    import termios
    import tty

    from rich.console import Group

    from ._cells import Lines

    state = PagerState.for_texts(slide_texts(source.deck), index=start - 1, notes=notes)
    fd, saved = -1, None
    if read_keys is None:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
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
                    notes_scroll = notes_limit(source, state, cols=cols, rows=rows)
                    if state.notes and state.view == "slide":
                        state = state.scrolled(notes_scroll)  # j/k scroll the notes pane
                    body = screen(source, state, cols=cols, rows=rows, width=width)
                    lines = console.render_lines(body, console.options.update_width(cols))
                    if state.notes and state.view == "slide":
                        limit, visible = notes_scroll, lines[: rows - 1]
                    else:
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


__all__ = ["parse_keys", "run_pager"]
