"""What a batch run reports: per-district outcomes, progress events and the whole run.

Data only (like `errors.py`), so that both the build stage, which produces these, and the
renderers, which show them, can import them without importing each other. Maps one batch run
→ a `BatchResult` of one `DistrictResult` per district; `Progress` events report them as they
finish.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from briefgen._record import record
from briefgen.errors import Diagnostic

Outcome = Literal["built", "unchanged", "failed"]


@record
class OutputFile:
    """One output file of a deck: its name in the output folder and the SHA-256 of its bytes
    (None when it was not written)."""

    file: str
    sha256: str | None = None


@record
class DistrictResult:
    """What happened to one district: built, unchanged (skipped) or failed, and why."""

    name: str
    outputs: tuple[OutputFile, ...]
    """Its files, the deck first (empty if the roster entry has no usable name)."""
    status: Outcome
    slides: int | None = None
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    inputs: str | None = None
    images: tuple[tuple[str, str | None], ...] = ()
    """(path relative to the outline's folder, SHA-256) of each image the deck shows."""
    seconds: float = 0.0
    entry: int = -1
    """The entry's index in the roster (0-based): what identifies it, as a name may repeat a
    label such as `entry 3`."""

    @property
    def file(self) -> str | None:
        """The deck's file name inside the output folder (None if the entry has no name)."""
        return self.outputs[0].file if self.outputs else None


@record
class Progress:
    """A progress event: `done` of `total` districts finished; `result` is the latest one.

    The first event of a run has `done == 0` and `result is None` (the workers are ready),
    and says in `building` how many districts will be built (the others are up to date).
    """

    done: int
    total: int
    result: DistrictResult | None = None
    building: int | None = None


@record
class BatchResult:
    """A whole batch run: one result per selected roster entry in roster order, and the
    manifest (with `problems` if it could not be written)."""

    out_dir: Path
    manifest: Path
    results: tuple[DistrictResult, ...]
    warnings: tuple[Diagnostic, ...] = ()
    stale: tuple[str, ...] = ()
    """Deck files of an earlier run whose district is no longer in the roster (left alone)."""
    seconds: float = 0.0
    problems: tuple[Diagnostic, ...] = ()
    """Errors of the run as a whole, after the decks: the manifest could not be written."""
    pdfs: int = 0
    """PDFs converted in this run (`batch --format …,pdf`); kept ones are not counted."""

    def count(self, status: Outcome) -> int:
        """How many districts ended with `status`."""
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> bool:
        """True if any district failed, or the manifest could not be written."""
        return bool(self.problems) or any(r.status == "failed" for r in self.results)


__all__ = ["BatchResult", "DistrictResult", "Outcome", "OutputFile", "Progress"]
