"""Recording a batch's results: the journal as districts finish, the manifest at the end.

Maps `DistrictResult`s → `ManifestEntry`s: a built deck is appended to the journal by the
worker that wrote it, the moment it is written (so a killed batch loses nothing it finished),
and at the end all results are written as `manifest.json` with the earlier entries of
districts not built this time, and the journal is removed. A manifest that cannot be written is a
`Diagnostic` for the summary, not an exception that would hide the decks' results.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefgen.districts import Roster
from briefgen.errors import BuildError, Diagnostic
from briefgen.results import DistrictResult
from briefgen.theme import Theme

from ._manifest import (
    MANIFEST_NAME,
    Journal,
    ManifestEntry,
    code_fingerprint,
    write_manifest,
    write_stats,
)
from ._outputs import cannot_write
from ._plan import entry_index


def manifest_entry(result: DistrictResult) -> ManifestEntry:
    """One result as its manifest line."""
    if result.status == "failed":
        return ManifestEntry(
            result.name,
            result.outputs,
            "failed",
            errors=tuple(str(d) for d in result.errors),
        )
    return ManifestEntry(
        result.name,
        result.outputs,
        "ok",
        slides=result.slides,
        warnings=tuple(str(d) if d.file else d.message for d in result.warnings),
        inputs=result.inputs,
        images=result.images,
    )


class Recorder:
    """The manifest of one batch run in `folder`, kept as results arrive."""

    def __init__(self, folder: Path, previous: dict[str, ManifestEntry]) -> None:
        self.folder = folder
        self.previous = previous
        self.results: dict[int, DistrictResult] = {}
        self.journal = Journal(folder)
        """Only removed here: the workers append to it (see `_workers.py`)."""

    def add(self, result: DistrictResult) -> None:
        """A district finished (the worker that built it has journaled it already)."""
        self.results[result.entry] = result

    def write(self, outline: Path, roster: Roster, theme: Theme) -> tuple[Diagnostic, ...]:
        """Write `manifest.json`: this run's results in roster order, plus earlier entries of
        districts not built this time. Returns the problem if it cannot be written (the
        journal is then kept, so the next run still knows what was built)."""
        entries: list[ManifestEntry] = []
        indexes = sorted(
            {entry_index(d) for d in roster.districts}
            | {f.index for f in roster.failures}
            | set(self.results)
        )
        names = {entry_index(d): d.name for d in roster.districts}
        names.update({f.index: f.name for f in roster.failures if f.name})
        for index in indexes:
            result = self.results.get(index)
            if result is not None:
                entries.append(manifest_entry(result))
            elif names.get(index) in self.previous:
                entries.append(self.previous[names[index]])
        header = {
            "briefgen": code_fingerprint(),
            "outline": outline.as_posix(),
            "roster": Path(roster.file).as_posix(),
            "theme": theme.name,
        }
        path = self.folder / MANIFEST_NAME
        try:
            write_manifest(self.folder, entries, header)
        except BuildError as exc:  # write_manifest words it (see _outputs.cannot_write)
            self.journal.close()
            note = "; the decks themselves were written"
            return tuple(replace(d, message=d.message + note) for d in exc.diagnostics)
        except OSError as exc:
            self.journal.close()
            return cannot_write(exc, path, "manifest").diagnostics
        self.journal.remove()
        write_stats(self.folder, entries)
        return ()


def stale_files(
    previous: dict[str, ManifestEntry], roster: Roster, folder: Path
) -> tuple[str, ...]:
    """Deck files of districts an earlier run built that are no longer in the roster."""
    names = set(roster.names())
    return tuple(
        output.file
        for name, entry in previous.items()
        if name not in names
        for output in entry.outputs
        if output.file and (folder / output.file).is_file()
    )


__all__ = ["Recorder", "manifest_entry", "stale_files"]
