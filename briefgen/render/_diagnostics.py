"""Diagnostics as Rich text: errors in red, warnings in yellow, one `FILE:LINE:COL: …` per line.

Maps `Diagnostic`s → a renderable and the stderr console the CLI's error edge prints it on,
or → plain sanitized lines for a stderr that is no terminal (no colour to draw, so Rich is
not imported: a build that warns into a log stays as quick as one that does not).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from briefgen.errors import Diagnostic

from ._safe_text import terminal_safe

if TYPE_CHECKING:
    from rich.console import Console, Group


def wants_colour(stream: TextIO) -> bool:
    """Whether messages to `stream` are drawn by Rich in colour: it is a terminal, or
    FORCE_COLOR is set; otherwise they are plain lines and Rich is not imported."""
    return stream.isatty() or bool(os.environ.get("FORCE_COLOR"))


def diagnostics_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One sanitized line per diagnostic, as `diagnostics_view` prints them without colour."""
    return "".join(terminal_safe(str(d)) + "\n" for d in diagnostics)


def diagnostics_view(diagnostics: Iterable[Diagnostic]) -> Group:
    """One line of text per diagnostic, styled by severity."""
    from rich.console import Group
    from rich.text import Text

    return Group(
        *(
            Text(str(d), style="bold red" if d.severity == "error" else "yellow")
            for d in diagnostics
        )
    )


def stderr_console() -> Console:
    """The console for messages: stderr, no highlighting, no markup, lines never cut."""
    from ._sanitize import SafeConsole

    return SafeConsole(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


__all__ = ["diagnostics_text", "diagnostics_view", "stderr_console", "wants_colour"]
