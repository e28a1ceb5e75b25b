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
        prepare_process()
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        from ._edge import report_interrupt

        report_interrupt()
        _leave_interrupted()
    except SystemExit as leaving:
        if leaving.code == EXIT_INTERRUPTED:
            _leave_interrupted()
        _leave(leaving.code)
    _leave(0)


def prepare_process() -> None:
    """Set up the interpreter for one command: the collector's thresholds, and pydantic
    without plugin discovery (`_pydantic_plugins`). `bench/build.py` times its stages after
    the same call."""
    import gc

    from ._pydantic_plugins import skip_plugin_discovery

    # A build allocates far more than it frees: collecting the young generation every 700
    # allocations (the default) costs about 4% of a cold build and frees nothing; every
    # 20,000, still 3%.
    gc.set_threshold(100_000, 50, 100)
    skip_plugin_discovery()
    _pad_the_heap()


_M_TOP_PAD = -2
"""glibc's `mallopt` parameter for the free memory kept at the top of the heap."""


def _pad_the_heap() -> None:
    """Keep 1 MiB of freed memory at the top of the heap instead of giving it back at once.

    zlib allocates about 256 KiB for each member of the .pptx it deflates and frees it after;
    glibc gives memory freed at the heap's top back to the system (its trim threshold is
    128 KiB), so every member paid for fresh pages: 61 µs each, 13 ms of a cold build's
    213 members and 2.4 ms of each district of a batch, more than the deflating itself.
    With 1 MiB of padding (`M_TOP_PAD`) it is 1 µs. Linux with glibc only (the workers of a
    batch are forked, so they keep it); elsewhere, or if `mallopt` is missing, nothing.
    """
    if sys.platform != "linux":
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(_M_TOP_PAD, 1 << 20)
    except (OSError, AttributeError):
        pass


def _leave(code: object) -> None:
    """End the process now that the command is done: its files are written and closed, its
    workers joined; flush what it printed and skip the interpreter's teardown of every
    module and object (a third of a cold build's CPU time, for nothing)."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)


def _leave_interrupted() -> None:
    """Exit 130 now. CPython remembers a Ctrl-C that interrupted a string `exec` (as
    dataclasses and typing run while modules load) even after it was handled, and would end
    the process by SIGINT instead of with our exit code; the workers die with this process."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(EXIT_INTERRUPTED)


__all__ = ["main", "prepare_process"]
