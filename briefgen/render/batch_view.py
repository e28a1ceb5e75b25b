"""What `briefgen batch` shows: progress while it runs, then a summary table.

Maps `Progress` events → a Rich progress bar on a terminal (done/total, the latest district,
elapsed time and ETA) or one plain line per deck otherwise (logs, CI), and a `BatchResult`
→ a summary table (district, file, slides, warnings, status) and a closing line. Problems of
failed districts are printed as they arrive, each `FILE:LINE:COL: message`.

Rich is imported only for what needs it (the bar, the table, colour on a terminal): a run with
nothing to build, or one whose output is a log, prints plain lines without it (Rich's import
is about a tenth of a warm 1,000-district run).
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

from ._diagnostics import wants_colour
from ._safe_text import terminal_safe

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from briefgen.results import BatchResult, DistrictResult, Progress

    from ._sanitize import SafeConsole

MAX_ROWS = 100
"""Districts listed one by one in the summary; beyond, only those failed or with warnings."""

MAX_WARNINGS = 20
"""Distinct warnings printed at the end (the rest are in manifest.json)."""

_STATUS_STYLE = {"built": "green", "unchanged": "dim", "failed": "bold red"}
_DISTRICT_TAG = re.compile(r" \[district [^\]]*\]$")


class BatchView:
    """Progress display for one batch run; call it with each `Progress`, then `close()`."""

    def __init__(self, *, tty: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._console: SafeConsole | None = None
        self._quiet = False
        self._progress: Any = None
        self._task: Any = None
        self._skipped = 0

    @property
    def console(self) -> SafeConsole:
        """The Rich console the bar and coloured errors are drawn on (made when first used)."""
        if self._console is None:
            self._console = _console(self.stream, soft_wrap=True)
        return self._console

    def __call__(self, event: Progress) -> None:
        """Show one event (the first one, with no result, starts the bar on a terminal when
        there is a deck to build)."""
        if event.building is not None:
            self._quiet = event.building == 0  # every deck is up to date: no bar to draw
        if self.tty and self._progress is None and not self._quiet:
            self._start(event.total)
        if event.result is None:
            return
        result = event.result
        if self._progress is not None:
            self._progress.update(self._task, completed=event.done, district=result.name)
            self._progress.refresh()
        elif result.status == "unchanged":
            self._skipped += 1
        else:
            self._announce_skipped()
            width = len(str(event.total))
            line = f"[{event.done:>{width}}/{event.total}] {result.status:<9} {result.name}"
            if result.file and result.status != "failed":
                line += f" → {result.file} ({result.slides} slides"
                line += f", {len(result.warnings)} warning(s))" if result.warnings else ")"
            print(line, file=self.stream, flush=True)
        for diagnostic in result.errors:
            if self.tty:
                from rich.text import Text

                self.console.print(Text(f"  {diagnostic}", style="red"))
            else:
                print(terminal_safe(f"  {diagnostic}"), file=self.stream, flush=True)

    def _start(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[district]}"),
            console=self.console,
            transient=False,
            auto_refresh=False,  # no refresh thread: batch forks worker processes meanwhile
        )
        self._task = self._progress.add_task("batch", total=total, district="")
        self._progress.start()
        self._progress.refresh()

    def _announce_skipped(self) -> None:
        if self._skipped:
            print(f"{self._skipped} deck(s) up to date, not rebuilt", file=self.stream, flush=True)
            self._skipped = 0

    def close(self) -> None:
        """Stop the bar (safe to call twice, or when it never started)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        self._skipped = 0


def _console(stream: TextIO, *, soft_wrap: bool) -> SafeConsole:
    from ._sanitize import SafeConsole

    return SafeConsole(file=stream, highlight=False, markup=False, emoji=False, soft_wrap=soft_wrap)


def _row(result: DistrictResult) -> list[Text]:
    from rich.text import Text

    warnings = str(len(result.warnings)) if result.status != "failed" else "–"
    return [
        Text(result.name),
        Text(result.file or "–"),
        Text("–" if result.slides is None else str(result.slides), justify="right"),
        Text(warnings, justify="right"),
        Text(result.status, style=_STATUS_STYLE[result.status]),
    ]


def summary_table(result: BatchResult) -> Table:
    """The summary: one row per district (or per noteworthy district past `MAX_ROWS`)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header, justify in (
        ("district", "left"),
        ("file", "left"),
        ("slides", "right"),
        ("warnings", "right"),
        ("status", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    rows = list(result.results)
    hidden = 0
    if len(rows) > MAX_ROWS:
        shown = [r for r in rows if r.status == "failed" or r.warnings]
        hidden = len(rows) - len(shown)
        rows = shown
    for item in rows:
        table.add_row(*_row(item))
    if hidden:
        table.add_row(Text(f"… {hidden} more without problems, see manifest.json", style="dim"))
    return table


def closing_line(result: BatchResult) -> str:
    """One line: counts, time, folder; or that nothing needed building."""
    total = len(result.results)
    built, unchanged, failed = (result.count(s) for s in ("built", "unchanged", "failed"))
    if built == 0 and failed == 0 and result.pdfs == 0:
        return (
            f"nothing to do: all {total} decks in {result.out_dir}/ are up to date "
            "(--force rebuilds them)"
        )
    line = (
        f"{total} districts: {built} built, {unchanged} unchanged, {failed} failed"
        f"{f', {result.pdfs} PDF(s) made' if result.pdfs else ''} in {result.seconds:.1f} s "
        f"→ {result.out_dir}/ (manifest: {result.manifest.name})"
    )
    return line


def _print_notes(notes: list[tuple[str, str]]) -> None:
    """Warnings and notes to stderr: styled by Rich on a terminal, plain lines otherwise."""
    if not notes:
        return
    if wants_colour(sys.stderr):
        from rich.text import Text

        errors = _console(sys.stderr, soft_wrap=True)
        for text, style in notes:
            errors.print(Text(text, style=style))
        return
    for text, _ in notes:
        print(terminal_safe(text), file=sys.stderr)
    sys.stderr.flush()


def failed_line(result: BatchResult, *, most: int = 10) -> str:
    """The failed districts by name (the first `most`), or "" if none failed."""
    names = [r.name for r in result.results if r.status == "failed"]
    if not names:
        return ""
    shown = "、".join(names[:most]) + (
        f" and {len(names) - most} more" if len(names) > most else ""
    )
    return f"failed: {shown} (their errors are above; fix them and run again)"


def print_summary(result: BatchResult, *, stream: TextIO | None = None) -> None:
    """Warnings (each distinct one once), the summary table and the closing line."""
    out = stream or sys.stdout
    seen: dict[str, int] = {}
    for diagnostic in result.warnings:
        seen.setdefault(str(diagnostic), 0)
    for item in result.results:
        if item.status == "built":
            for diagnostic in item.warnings:
                key = _DISTRICT_TAG.sub("", str(diagnostic))
                seen[key] = seen.get(key, 0) + 1
    notes: list[tuple[str, str]] = []
    for index, (text, count) in enumerate(seen.items()):
        if index == MAX_WARNINGS:
            notes.append((f"… {len(seen) - MAX_WARNINGS} more warnings in manifest.json", ""))
            break
        suffix = f" ({count} districts)" if count > 1 else ""
        notes.append((text + suffix, "yellow"))
    for name in result.stale:
        where = result.out_dir / name
        notes.append((f"note: {where} is from an earlier roster; delete it if unwanted", ""))
    _print_notes(notes)
    if result.count("built") or result.count("failed"):
        _console(out, soft_wrap=False).print(summary_table(result))
    print(closing_line(result), file=out, flush=True)
    failed = failed_line(result)
    if failed:
        print(failed, file=out, flush=True)


__all__ = [
    "MAX_ROWS",
    "BatchView",
    "closing_line",
    "failed_line",
    "print_summary",
    "summary_table",
]
