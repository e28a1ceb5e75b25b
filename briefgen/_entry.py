"""The `briefgen` command's entry point: Ctrl-C at any moment is exit 130 and one line.

Maps the process start → `cli.main`, importing the command line (typer, ~0.2 s) inside the
guard, so an interrupt while it loads is no traceback either.
"""

from __future__ import annotations

import contextlib
import os
import sys

EXIT_INTERRUPTED = 130
"""As `_edge.EXIT_INTERRUPTED`; not imported from there, so nothing runs before the guard."""


def main() -> None:
    """Run the command line; a Ctrl-C before it can handle one itself ends it quietly."""
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        from ._edge import report_interrupt

        report_interrupt()
        _leave_interrupted()
    except SystemExit as leaving:
        if leaving.code == EXIT_INTERRUPTED:
            _leave_interrupted()
        raise


def _leave_interrupted() -> None:
    """Exit 130 now. CPython remembers a Ctrl-C that interrupted a string `exec` (as
    dataclasses and typing run while modules load) even after it was handled, and would end
    the process by SIGINT instead of with our exit code; the workers die with this process."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(EXIT_INTERRUPTED)


__all__ = ["main"]
