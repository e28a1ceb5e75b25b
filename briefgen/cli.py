"""The `briefgen` command line: a thin typer shell over the library's functions.

Each command parses its options, calls one library function, and prints what it returns.
Errors become messages and exit codes in `_edge.error_edge`, nowhere else. The app and its
shared options live in `_cli_app`; the commands in `_cli_make` (build, handout, batch),
`_cli_author` (check, preview, draft) and `_cli_reference` (schema, themes, template
inspect); help and completion in `_cli_help` and `_cli_complete`.
"""

# Importing the command modules registers their commands, in this order.
from . import _cli_make  # noqa: F401

# isort: split
from . import _cli_author  # noqa: F401

# isort: split
from . import _cli_reference  # noqa: F401
from ._cli_app import app
from ._edge import EXIT_INTERRUPTED, report_interrupt


def main() -> None:
    """Console-script entry point."""
    import atexit
    import gc

    # The process is about to end: skip the collector's full passes over every object
    # (about 0.1 s of a cold build) by freezing what is left at exit.
    atexit.register(gc.freeze)
    try:
        app()
    except SystemExit as leaving:
        if leaving.code == EXIT_INTERRUPTED:  # typer's own, silent, outside error_edge
            report_interrupt()
        raise


__all__ = ["app", "main"]
