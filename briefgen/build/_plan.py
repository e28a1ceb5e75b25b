"""Planning a batch: which roster entries to build, and which decks are still up to date.

Maps (loaded outline, roster, `--only` names, previous manifest) → the `Job`s to build and
the results that need no building (unchanged decks, failed roster entries), every roster entry
identified by its index in the roster, so that no two entries can share a result.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen._record import record
from briefgen.districts import District, Roster, RosterFailure
from briefgen.errors import Diagnostic
from briefgen.outline import LoadedOutline
from briefgen.results import DistrictResult, OutputFile

from ._batch_formats import BatchFormats, current_entry
from ._manifest import (
    ManifestEntry,
    Stats,
    file_sha256,
    has_digest,
    inputs_hash,
    inputs_hasher,
    read_stats,
)
from ._outputs import output_targets

if TYPE_CHECKING:
    from briefgen.layout import LaidDeck  # imported where decks are built: a warm run needs none


@record
class Job:
    """One district to build: the district, its roster index, its files' stem and its inputs
    hash."""

    district: District
    entry: int
    stem: str
    """The file name without suffix (`鹿城区`); each output format adds its own."""
    inputs: str
    formats: BatchFormats
    """The formats it is rendered in, and whether it gets PDFs (`_batch_formats.py`)."""

    def files(self) -> tuple[str, ...]:
        """The names of the district's rendered files, the deck first (PDFs come later)."""
        return self.formats.files(self.stem)


def output_files(stem: str) -> tuple[str, ...]:
    """The output file names for a stem: `鹿城区` → (`鹿城区.pptx`,)."""
    return tuple(target.path.name for target in output_targets(Path(stem)))


def unwritten(files: tuple[str, ...]) -> tuple[OutputFile, ...]:
    """Output files named but not written (a failed district)."""
    return tuple(OutputFile(file) for file in files)


def entry_index(district: District) -> int:
    """A district's index in its roster (0-based)."""
    return int(district.path[-1]) if district.path else 0


def roster_order(roster: Roster) -> list[int]:
    """The roster indexes of every entry, built or failed, in file order."""
    return sorted([entry_index(d) for d in roster.districts] + [f.index for f in roster.failures])


_SEPARATORS = ",，、"
_QUOTES = {'"': '"', "'": "'", "“": "”", "「": "」", "‘": "’"}


def split_names(value: str) -> list[str]:
    """One `--only` value → names: split at `,` `，` `、` outside quotes; quotes removed."""
    names: list[str] = []
    current: list[str] = []
    closing: str | None = None
    for char in value:
        if closing is not None:
            if char == closing:
                closing = None
            else:
                current.append(char)
        elif char in _QUOTES:
            closing = _QUOTES[char]
        elif char in _SEPARATORS:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return [name.strip() for name in names if name.strip()]


def select_entries(roster: Roster, only: Sequence[str]) -> Roster:
    """The roster limited to the `--only` values; a value that is exactly a district's name
    (even one containing `、` or `,`) names that district, any other is split into names."""
    from briefgen.districts import normalise_name

    if not only:
        return roster
    known = set(roster.names())
    names: list[str] = []
    for value in only:
        if normalise_name(value) in known:
            names.append(value)
        else:
            names.extend(split_names(value))
    return roster.select(names)


def failed_entry(failure: RosterFailure) -> DistrictResult:
    """A roster entry that cannot be built, as a failed result."""
    from briefgen.districts import normalise_name, safe_file_stem

    files = output_files(safe_file_stem(normalise_name(failure.name))) if failure.name else ()
    return DistrictResult(
        failure.label, unwritten(files), "failed", errors=failure.diagnostics, entry=failure.index
    )


_IMAGE_HASHES: dict[tuple[str, int, int], str] = {}


def deck_inputs(district: District, common: dict[str, Any]) -> str:
    """The hash of what this district's deck is built from, images aside.

    The outline, roster entry, theme and code decide which images a deck shows, so those are
    hashed here without expanding the outline; the images' own bytes are recorded per deck
    when it is built (`deck_images`) and compared in `unchanged`.
    """
    return inputs_hash({**common, "entry": district.entry})


def deck_images(deck: LaidDeck, base: Path) -> tuple[tuple[str, str | None], ...]:
    """(path relative to the outline's folder, SHA-256) of every image the deck shows."""
    from briefgen.layout import Picture

    paths = {e.path for s in deck.slides for e in s.elements if isinstance(e, Picture)}
    return tuple(sorted((_image_key(Path(p), base), _image_hash(Path(p))) for p in paths))


def _image_key(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive (Windows)
        return path.as_posix()


def _images_unchanged(images: tuple[tuple[str, str | None], ...], base: Path) -> bool:
    """Whether every recorded image still has the recorded bytes."""
    return all(digest is not None and _image_hash(base / key) == digest for key, digest in images)


def _image_hash(path: Path) -> str | None:
    try:
        info = path.stat()
    except OSError:
        return None
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key not in _IMAGE_HASHES:
        _IMAGE_HASHES[key] = file_sha256(path) or ""
    return _IMAGE_HASHES[key]


def unchanged(
    job: Job,
    old: ManifestEntry | None,
    folder: Path,
    image_base: Path,
    stats: Stats | None = None,
) -> DistrictResult | None:
    """The previous result if inputs, images, file names and the files' bytes are as recorded
    (a file whose size and time are as `stats` recorded with its digest is not read again)."""
    if old is None or old.status != "ok" or old.inputs != job.inputs:
        return None
    if not _images_unchanged(old.images, image_base):
        return None
    if tuple(o.file for o in old.outputs) != job.files():
        return None
    for output in old.outputs:
        if not has_digest(folder / output.file, output.sha256, stats or {}):
            return None
    warnings = tuple(Diagnostic(w, severity="warning") for w in old.warnings)
    return DistrictResult(
        job.district.name,
        old.outputs,
        "unchanged",
        slides=old.slides,
        warnings=warnings,
        inputs=old.inputs,
        images=old.images,
        entry=job.entry,
    )


@dataclass(slots=True)
class Plan:
    """A batch's work: the jobs to build and the results already known, by roster index."""

    jobs: list[Job]
    known: dict[int, DistrictResult]
    order: list[int]


def plan_batch(
    loaded: LoadedOutline,
    selected: Roster,
    previous: dict[str, ManifestEntry],
    folder: Path,
    common: dict[str, Any],
    *,
    force: bool,
    formats: BatchFormats,
) -> Plan:
    """Every selected entry either becomes a job or already has its result."""
    jobs: list[Job] = []
    known: dict[int, DistrictResult] = {}
    stats = {} if force else read_stats(folder)
    inputs = inputs_hasher(common, "entry")  # deck_inputs for each district, faster
    for district in selected.districts:
        index = entry_index(district)
        job = Job(district, index, district.file_stem, inputs(district.entry), formats)
        old = current_entry(previous.get(district.name), job.files())
        kept = None if force else unchanged(job, old, folder, loaded.path.parent, stats)
        if kept is not None:
            known[index] = kept
        else:
            jobs.append(job)
    for failure in selected.failures:
        known[failure.index] = failed_entry(failure)
    return Plan(jobs, known, roster_order(selected))


def not_built(job: Job, why: str) -> DistrictResult:
    """A job that ended without a result (its worker stopped): a failure that says so."""
    return DistrictResult(
        job.district.name,
        unwritten(job.files()),
        "failed",
        errors=(job.district.diagnostic(job.district.path, why),),
        inputs=job.inputs,
        entry=job.entry,
    )


__all__ = [
    "Job",
    "Plan",
    "deck_images",
    "entry_index",
    "failed_entry",
    "not_built",
    "output_files",
    "plan_batch",
    "roster_order",
    "select_entries",
    "split_names",
    "unchanged",
    "unwritten",
]
