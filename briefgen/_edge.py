"""The one place where errors become messages and exit codes (like pypa/build's edge handler).

Exit codes: 0 success, 1 bad input or a failed build, 2 misuse of the command line (typer/click).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from .errors import BriefgenError, Diagnostic

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C (SIGINT), as shells report a process ended by it: 128 + 2."""

_interrupt_reported = False


def report_interrupt() -> None:
    """Say once on stderr that the run was interrupted."""
    global _interrupt_reported
    if not _interrupt_reported:
        _interrupt_reported = True
        print("briefgen: interrupted", file=sys.stderr, flush=True)


class Exit(SystemExit):
    """Leave the CLI with a code, after the messages have been printed."""


def print_diagnostics(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    """Diagnostics to stderr, one per line, errors in red and warnings in yellow on a TTY."""
    if not diagnostics:
        return  # and rich is not imported at all
    from briefgen.render import wants_colour

    if not wants_colour(sys.stderr):  # no colour: plain lines
        from briefgen.render import diagnostics_text

        sys.stderr.write(diagnostics_text(diagnostics))
        sys.stderr.flush()
        return
    from briefgen.render import diagnostics_view, stderr_console

    stderr_console().print(diagnostics_view(diagnostics))


@contextmanager
def error_edge(*, debug: bool = False) -> Iterator[None]:
    """Turn `BriefgenError` into positioned messages and exit 1; no traceback unless `debug`."""
    try:
        yield
    except Exit:
        raise
    except BriefgenError as exc:
        if debug:
            traceback.print_exc()
        print_diagnostics(exc.diagnostics)
        raise Exit(EXIT_FAILED) from None
    except BrokenPipeError:
        # The reader went away (`briefgen preview … | head`): stop quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise Exit(EXIT_FAILED) from None
    except KeyboardInterrupt:
        report_interrupt()
        raise Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if _caused_by_interrupt(exc):
            report_interrupt()
            raise Exit(EXIT_INTERRUPTED) from None
        if debug:
            traceback.print_exc()
        print(
            f"briefgen: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in briefgen, not in your file. Run again with --debug and send the "
            "output to the maintainers.",
            file=sys.stderr,
        )
        raise Exit(EXIT_FAILED) from None


def _caused_by_interrupt(exc: BaseException) -> bool:
    """True if Ctrl-C is behind `exc`: some libraries wrap a KeyboardInterrupt raised inside
    them (pydantic-core's SchemaError, while it builds a model) into an error of their own."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return type(exc).__name__ == "SchemaError" and "KeyboardInterrupt" in str(exc)


def fail(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> NoReturn:
    """Print diagnostics and leave with exit 1."""
    print_diagnostics(diagnostics)
    raise Exit(EXIT_FAILED)


__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Exit",
    "error_edge",
    "fail",
    "print_diagnostics",
    "report_interrupt",
]
