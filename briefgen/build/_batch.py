"""`briefgen batch`: one deck per district of a roster, in parallel worker processes.

Maps (outline, roster, output folder) → one .pptx per district, written atomically, plus
`manifest.json`, returned as a `BatchResult` (the library prints nothing; progress goes to a
callback). Each worker process parses the outline and holds the theme once, then builds many
districts, so the layout's and the pptx writer's caches serve every district it handles.
A deck whose inputs did not change is not built again; a failing district does not stop the
others.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from briefgen.districts import District, Roster, RosterFailure, load_roster
from briefgen.errors import BriefgenError, BuildError, Diagnostic, OutlineError
from briefgen.outline import LoadedOutline, decode_outline, parse_yaml, validate_outline
from briefgen.theme import Theme

from ._atomic import atomic_write_bytes
from ._manifest import (
    MANIFEST_NAME,
    ManifestEntry,
    OutputRecord,
    code_fingerprint,
    file_sha256,
    inputs_hash,
    read_manifest,
    sha256_bytes,
    write_manifest,
)

Outcome = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class DistrictResult:
    """What happened to one district: built, unchanged (skipped) or failed, and why."""

    name: str
    file: str | None
    """The deck's file name inside the output folder (None if the entry has no name)."""
    status: Outcome
    slides: int | None = None
    warnings: tuple[Diagnostic, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    sha256: str | None = None
    inputs: str | None = None
    seconds: float = 0.0
    outputs: tuple[OutputRecord, ...] = ()
    """The district's handout and PDFs (`batch --format`), with their hashes."""


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
    """A whole batch run: one result per district in roster order, and the manifest."""

    out_dir: Path
    manifest: Path
    results: tuple[DistrictResult, ...]
    warnings: tuple[Diagnostic, ...] = ()
    stale: tuple[str, ...] = field(default=())
    """Deck files of an earlier run whose district is no longer in the roster (left alone)."""
    seconds: float = 0.0
    outputs_made: int = 0
    """Handouts and PDFs (`--format`) made in this run, besides the decks."""

    def count(self, status: Outcome) -> int:
        """How many districts ended with `status`."""
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> bool:
        """True if any district failed."""
        return any(r.status == "failed" for r in self.results)


ProgressCallback = Callable[[Progress], None]


def default_out_dir(outline: Path) -> Path:
    """`out/<outline-stem>/`, relative to the current folder."""
    return Path("out") / Path(outline).stem


@dataclass(frozen=True, slots=True)
class _Job:
    """One district to build: the district, its file name and its inputs hash."""

    district: District
    file: str
    inputs: str


@dataclass(slots=True)
class _Worker:
    """A worker process's state: the parsed outline, the theme and the output folder."""

    loaded: LoadedOutline
    theme: Theme
    out_dir: Path


_STATE: _Worker | None = None


def _parse_outline(raw: bytes, path: Path) -> LoadedOutline:
    file = str(path)
    data, source_map = parse_yaml(decode_outline(raw, file), file)
    return validate_outline(data, source_map, path)


def _init_worker(raw: bytes, path: str, theme: Theme, out_dir: str) -> None:
    """Process initializer: parse the outline once for every district this worker builds."""
    global _STATE
    _STATE = _Worker(_parse_outline(raw, Path(path)), theme, Path(out_dir))


def _build_chunk(jobs: list[_Job]) -> list[DistrictResult]:
    """Build a chunk of districts in this worker (caches carry over between them)."""
    assert _STATE is not None, "worker not initialised"
    return [_build_one(_STATE, job) for job in jobs]


def _build_one(state: _Worker, job: _Job) -> DistrictResult:
    """Lay out, render and write one district's deck; any failure is returned, not raised."""
    from briefgen.render.pptx import render_pptx

    from ._pipeline import lay_out

    started = time.perf_counter()
    name = job.district.name
    try:
        deck = lay_out(state.loaded, state.theme, district=job.district)
        data = render_pptx(deck, state.theme)
        digest = sha256_bytes(data)
        try:
            atomic_write_bytes(state.out_dir / job.file, data)
        except OSError as exc:
            raise BuildError(
                Diagnostic(
                    f"cannot write the deck: {exc.strerror or exc} (is it open in PowerPoint "
                    "or WPS? close it and run again)",
                    file=str(state.out_dir / job.file),
                )
            ) from None
        return DistrictResult(
            name,
            job.file,
            "built",
            slides=len(deck.slides),
            warnings=deck.warnings,
            sha256=digest,
            inputs=job.inputs,
            seconds=time.perf_counter() - started,
        )
    except BriefgenError as exc:
        errors = exc.diagnostics
    except Exception as exc:  # a bug must not take the other districts down
        errors = (
            Diagnostic(
                f"internal error: {type(exc).__name__}: {exc}; this is a bug in briefgen, not "
                f"in your files: run `briefgen --debug build … --district {name}` and report it"
            ),
        )
    return DistrictResult(
        name,
        job.file,
        "failed",
        errors=errors,
        inputs=job.inputs,
        seconds=time.perf_counter() - started,
    )


def run_batch(
    outline: Path | str,
    roster: Path | str,
    out_dir: Path | None = None,
    *,
    jobs: int | None = None,
    only: Sequence[str] = (),
    force: bool = False,
    theme: str | None = None,
    on_progress: ProgressCallback | None = None,
    formats: Sequence[str] = ("pptx",),
) -> BatchResult:
    """Build every district's deck (or those in `only`) into `out_dir`, in `jobs` processes.

    `formats` may add `docx` (each district's handout) and `pdf` (the PDF of each deck and
    handout), made after the decks (see `_batch_outputs`).

    Raises `BriefgenError` only for problems that stop the whole batch (unreadable outline,
    theme or roster, colliding file names); a district that fails is a failed result.
    """
    from briefgen.districts import unknown_district_names
    from briefgen.theme import theme_data

    from ._pipeline import theme_for

    started = time.perf_counter()
    outline = Path(outline)
    raw = _read_outline(outline)
    loaded = _parse_outline(raw, outline)
    chosen = theme_for(loaded, theme)
    full = load_roster(roster)
    selected = full.select(list(only)) if only else full
    folder = Path(out_dir) if out_dir is not None else default_out_dir(outline)
    _make_folder(folder)
    extras = tuple(f for f in formats if f != "pptx")
    made = 0
    if extras:
        from ._batch_outputs import check_tools

        check_tools(extras, folder)
    warnings = [*full.warnings, *unknown_district_names(loaded, full.names())]
    previous, notes = read_manifest(folder)
    warnings.extend(notes)
    common = {
        "outline": sha256_bytes(raw),
        "theme": theme_data(chosen),
        "briefgen": code_fingerprint(),
    }
    results: dict[str, DistrictResult] = {}
    todo: list[_Job] = []
    for district in selected.districts:
        job = _Job(district, f"{district.file_stem}.pptx", _inputs(loaded, district, common))
        kept = None if force else _unchanged(job, previous.get(district.name), folder)
        if kept is not None:
            results[district.name] = kept
        else:
            todo.append(job)
    for failure in selected.failures:
        results[failure.label] = _failed_entry(failure)
    order = _order(selected)
    total = len(order)
    done = 0

    def report(result: DistrictResult | None) -> None:
        nonlocal done
        if result is not None:
            results[result.name] = result
            done += 1
        if on_progress is not None:
            on_progress(Progress(done, total, result))

    ready = [results[name] for name in order if name in results]
    runner = _run_parallel if _workers(jobs, len(todo)) > 1 else _run_here
    try:
        for result in runner(loaded, raw, chosen, folder, todo, jobs):
            if result is None:  # the workers are ready: report what needed no building
                report(None)
                for early in ready:
                    report(early)
            else:
                report(result)
        if extras:
            from ._batch_outputs import add_outputs

            ok = [d for d in selected.districts if results.get(d.name) is not None]
            workers = _workers(jobs, len(ok))
            made = add_outputs(loaded, chosen, folder, ok, previous, results, formats, force, workers)
    finally:
        manifest = _write(folder, outline, full, chosen, previous, results)
    ordered = tuple(results[name] for name in order if name in results)
    stale = _stale(previous, full, folder)
    return BatchResult(
        folder, manifest, ordered, tuple(warnings), stale, time.perf_counter() - started, made
    )


def _read_outline(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise OutlineError(Diagnostic("no such file; check the path", file=str(path))) from None
    except IsADirectoryError:
        raise OutlineError(Diagnostic("this is a folder, not a file", file=str(path))) from None
    except OSError as exc:
        raise OutlineError(
            Diagnostic(f"cannot read the file: {exc.strerror}", file=str(path))
        ) from None


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(
            Diagnostic(f"cannot create the output folder: {exc.strerror or exc}", file=str(folder))
        ) from None


def _order(roster: Roster) -> list[str]:
    """District names (or `entry N` labels) in roster order."""
    labelled = [(int(d.path[-1]) if d.path else 0, d.name) for d in roster.districts]
    labelled += [(f.index, f.label) for f in roster.failures]
    return [name for _, name in sorted(labelled)]


def _failed_entry(failure: RosterFailure) -> DistrictResult:
    from briefgen.districts import normalise_name, safe_file_stem

    file = f"{safe_file_stem(normalise_name(failure.name))}.pptx" if failure.name else None
    return DistrictResult(failure.label, file, "failed", errors=failure.diagnostics)


_IMAGE_HASHES: dict[tuple[str, int, int], str] = {}


def _inputs(loaded: LoadedOutline, district: District, common: dict[str, Any]) -> str:
    """The hash of everything this district's deck is built from."""
    from briefgen.districts import expand_outline

    images: dict[str, str | None] = {}
    try:
        expanded = expand_outline(loaded, district)
    except BriefgenError:
        expanded = None
    if expanded is not None:
        for _, slide in expanded.slides():
            if slide.image is not None:
                path = loaded.path.parent / slide.image.path
                images[slide.image.path] = _image_hash(path)
    return inputs_hash({**common, "entry": district.entry, "images": images})


def _image_hash(path: Path) -> str | None:
    try:
        info = path.stat()
    except OSError:
        return None
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key not in _IMAGE_HASHES:
        _IMAGE_HASHES[key] = file_sha256(path) or ""
    return _IMAGE_HASHES[key]


def _unchanged(job: _Job, old: ManifestEntry | None, folder: Path) -> DistrictResult | None:
    """The previous result if inputs, file name and the file's bytes are all as recorded."""
    if old is None or old.status != "ok" or old.inputs != job.inputs or old.file != job.file:
        return None
    if old.sha256 is None or file_sha256(folder / job.file) != old.sha256:
        return None
    warnings = tuple(Diagnostic(w, severity="warning") for w in old.warnings)
    return DistrictResult(
        job.district.name,
        job.file,
        "unchanged",
        slides=old.slides,
        warnings=warnings,
        sha256=old.sha256,
        inputs=old.inputs,
    )


def _workers(jobs: int | None, count: int) -> int:
    wanted = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, count))


def _run_here(
    loaded: LoadedOutline,
    raw: bytes,
    theme: Theme,
    folder: Path,
    todo: list[_Job],
    jobs: int | None,
) -> Iterator[DistrictResult | None]:
    """Build in this process, one district after another (`-j 1`, or a single district).

    Yields None first, then one result per district.
    """
    state = _Worker(loaded, theme, folder)
    yield None
    for job in todo:
        yield _build_one(state, job)


CHUNK = 4
"""Most districts sent to a worker at once. Results come back per chunk, so small chunks keep
the progress bar steady and lose little on Ctrl-C; a round trip costs well under 1 ms, against
tens of ms per deck. The worker's caches live as long as the process, not the chunk."""


def _chunks(todo: list[_Job], workers: int) -> list[list[_Job]]:
    """Chunks of up to `CHUNK` districts, at least four per worker for an even load."""
    size = max(1, min(CHUNK, math.ceil(len(todo) / (workers * 4))))
    return [todo[i : i + size] for i in range(0, len(todo), size)]


WAVE = 250
"""Districts one worker process builds before a fresh process takes over. The layout's and the
writer's caches are bounded but fill with one-district entries; replacing the processes every
few hundred districts keeps memory flat however long the roster (at ~0.1 s per new process)."""


def _run_parallel(
    loaded: LoadedOutline,
    raw: bytes,
    theme: Theme,
    folder: Path,
    todo: list[_Job],
    jobs: int | None,
) -> Iterator[DistrictResult | None]:
    """Build in worker processes; each parses the outline once and keeps its caches.

    Works in waves of `WAVE` districts per worker, each wave with fresh processes. Yields None
    once the first workers are started, then one result per district as chunks finish.
    On Linux the workers are forked (fast, and they inherit the imported modules), so the
    caller must not run other threads: the CLI's progress bar refreshes without one.
    """
    import multiprocessing

    from briefgen.render import pptx as _pptx  # noqa: F401

    from . import _pipeline as _pipeline

    workers = _workers(jobs, len(todo))
    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    size = workers * WAVE
    for first in range(0, len(todo), size):
        wave = todo[first : first + size]
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(raw, str(loaded.path), theme, str(folder)),
        ) as pool:
            futures: dict[Future[list[DistrictResult]], list[_Job]] = {
                pool.submit(_build_chunk, chunk): chunk for chunk in _chunks(wave, workers)
            }
            if first == 0:
                yield None
            try:
                for future in as_completed(futures):
                    try:
                        chunk_results = future.result()
                    except BrokenProcessPool as exc:
                        chunk_results = [_crashed(job, exc) for job in futures[future]]
                    yield from chunk_results
            except BaseException:
                for future in futures:
                    future.cancel()
                raise


def _crashed(job: _Job, exc: BaseException) -> DistrictResult:
    message = (
        f"the worker process building this district stopped ({exc or type(exc).__name__}); "
        "most likely it ran out of memory: run again with fewer workers (-j 1)"
    )
    return DistrictResult(job.district.name, job.file, "failed", errors=(Diagnostic(message),))


def _write(
    folder: Path,
    outline: Path,
    roster: Roster,
    theme: Theme,
    previous: dict[str, ManifestEntry],
    results: dict[str, DistrictResult],
) -> Path:
    """The manifest: this run's results, plus earlier entries of districts not built this time."""
    entries: list[ManifestEntry] = []
    for name in _order(roster):
        result = results.get(name)
        if result is None:
            if name in previous:
                entries.append(previous[name])
            continue
        if result.status == "failed":
            entries.append(
                ManifestEntry(
                    name,
                    result.file or "",
                    "failed",
                    errors=tuple(str(d) for d in result.errors),
                )
            )
        else:
            entries.append(
                ManifestEntry(
                    name,
                    result.file or "",
                    "ok",
                    sha256=result.sha256,
                    slides=result.slides,
                    warnings=tuple(str(d) if d.file else d.message for d in result.warnings),
                    inputs=result.inputs,
                    outputs=result.outputs,
                )
            )
    header = {
        "briefgen": code_fingerprint(),
        "outline": outline.as_posix(),
        "roster": Path(roster.file).as_posix(),
        "theme": theme.name,
    }
    return write_manifest(folder, entries, header)


def _stale(previous: dict[str, ManifestEntry], roster: Roster, folder: Path) -> tuple[str, ...]:
    names = set(roster.names())
    return tuple(
        entry.file
        for name, entry in previous.items()
        if name not in names and entry.file and (folder / entry.file).is_file()
    )


__all__ = [
    "MANIFEST_NAME",
    "BatchResult",
    "DistrictResult",
    "Outcome",
    "Progress",
    "ProgressCallback",
    "default_out_dir",
    "run_batch",
]
