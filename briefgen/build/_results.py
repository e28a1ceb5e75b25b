"""What a batch run reports: one result per roster entry, progress events and the whole run.

Maps a batch run → `DistrictResult`s (built, unchanged or failed, and why), `Progress` events
for the view, and the `BatchResult` the CLI summarises. Plain data: nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from briefgen.errors import Diagnostic

Outcome = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class DistrictResult:
    """What happened to one roster entry: built, unchanged (skipped) or failed, and why."""

    name: str
    """The district's name, or `entry N` for an entry without one."""
    file: str | None
    """The deck's file name inside the output folder (None if the entry has no name)."""
    status: Outcome
    slides: int | None = None
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    sha256: str | None = None
    inputs: str | None = None
    seconds: float = 0.0
    entry: int = -1
    """The entry's index in the roster (0-based): what identifies it, as names may repeat a
    label such as `entry 3`."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A progress event: `done` of `total` districts finished; `result` is the latest one.

    The first event of a run has `done == 0` and `result is None` (the workers are ready).
    """

    done: int
    total: int
    result: DistrictResult | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """A whole batch run: one result per selected roster entry in roster order, and the
    manifest (with `problems` if it could not be written)."""

    out_dir: Path
    manifest: Path
    results: tuple[DistrictResult, ...]
    warnings: tuple[Diagnostic, ...] = ()
    stale: tuple[str, ...] = field(default=())
    """Deck files of an earlier run whose district is no longer in the roster (left alone)."""
    seconds: float = 0.0
    problems: tuple[Diagnostic, ...] = ()
    """Errors of the run as a whole, after the decks: the manifest could not be written."""

    def count(self, status: Outcome) -> int:
        """How many districts ended with `status`."""
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> bool:
        """True if any district failed, or the manifest could not be written."""
        return bool(self.problems) or any(r.status == "failed" for r in self.results)


ProgressCallback = Callable[[Progress], None]


def default_out_dir(outline: Path) -> Path:
    """`out/<outline-stem>/`, relative to the current folder."""
    return Path("out") / Path(outline).stem


__all__ = [
    "BatchResult",
    "DistrictResult",
    "Outcome",
    "Progress",
    "ProgressCallback",
    "default_out_dir",
]
