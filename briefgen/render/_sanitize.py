"""The one sanitizer of terminal output: no text from a deck, outline or file name can send
the terminal an escape sequence.

Maps text → the same text without control characters (C0 but tab and newline, DEL, C1),
format characters (zero-width and bidi controls, U+FEFF …), lone surrogates and
noncharacters. `SafeConsole` applies it to every text segment Rich writes, after layout and
styling, so whatever path a string takes to the screen (slide text, notes, titles, a .pptx
someone sent, a file name in a message) it is cleaned exactly once, while Rich's own colour
and cursor sequences pass untouched. The stripped characters take no cells, so alignment is
kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

from ._safe_text import terminal_safe


class SafeConsole(Console):
    """A Rich console whose every text segment goes through `terminal_safe` before writing."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        cleaned = (
            segment if segment.control else Segment(terminal_safe(segment.text), segment.style)
            for segment in buffer
        )
        return super()._render_buffer(cleaned)


__all__ = ["SafeConsole", "terminal_safe"]
