"""Diagnostics as Rich text: errors in red, warnings in yellow, one `FILE:LINE:COL: …` per line.

Maps `Diagnostic`s → a renderable and the stderr console the CLI's error edge prints it on.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group
from rich.text import Text

from briefgen.errors import Diagnostic

from ._sanitize import SafeConsole


def diagnostics_view(diagnostics: Iterable[Diagnostic]) -> Group:
    """One line of text per diagnostic, styled by severity."""
    return Group(
        *(
            Text(str(d), style="bold red" if d.severity == "error" else "yellow")
            for d in diagnostics
        )
    )


def stderr_console() -> Console:
    """The console for messages: stderr, no highlighting, no markup, lines never cut."""
    return SafeConsole(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


__all__ = ["diagnostics_view", "stderr_console"]
