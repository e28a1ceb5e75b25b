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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.districts import District, Roster, RosterFailure, load_roster
from briefgen.errors import BriefgenError, BuildError, Diagnostic, OutlineError
from briefgen.layout import LaidDeck, Picture
from briefgen.outline import LoadedOutline, decode_outline, parse_yaml, validate_outline
from briefgen.results import BatchResult, DistrictResult, OutputFile, Progress
from briefgen.theme import Theme

from ._batch_formats import (
    BatchFormats,
    add_pdfs,
    batch_formats,
    current_entry,
    require_converters,
)
from ._manifest import (
    MANIFEST_NAME,
    ManifestEntry,
    code_fingerprint,
    file_sha256,
    inputs_hash,
    read_manifest,
    sha256_bytes,
    write_manifest,
)
from ._outputs import RenderInput, output_targets, write_outputs

ProgressCallback = Callable[[Progress], None]


def default_out_dir(outline: Path) -> Path:
    """`out/<outline-stem>/`, relative to the current folder."""
    return Path("out") / Path(outline).stem


@dataclass(frozen=True, slots=True)
class _Job:
    """One district to build: the district, its files' stem and its inputs hash."""

    district: District
    stem: str
    """The file name without suffix (`鹿城区`); each output format adds its own."""
    inputs: str
    formats: BatchFormats
    """The formats it is rendered in, and whether it gets PDFs."""

    def files(self) -> tuple[str, ...]:
        """The names of the district's rendered files, the deck first (PDFs come later)."""
        return self.formats.files(self.stem)


def _files(stem: str) -> tuple[str, ...]:
    """The output file names for a stem: `鹿城区` → (`鹿城区.pptx`,)."""
    return tuple(target.path.name for target in output_targets(Path(stem)))


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
    """Lay out, render and write one district's files; any failure is returned, not raised."""
    from ._pipeline import plan_and_lay_out

    started = time.perf_counter()
    name = job.district.name
    try:
        # The district's one expansion: the up-to-date check needs none.
        plan, deck = plan_and_lay_out(state.loaded, state.theme, district=job.district)
        images = _deck_images(deck, state.loaded.path.parent)  # hashed before they are read
        targets = output_targets(state.out_dir / job.stem, job.formats.rendered)
        outputs = write_outputs(RenderInput(deck, state.theme, plan, state.out_dir), targets)
        return DistrictResult(
            name,
            outputs,
            "built",
            slides=len(deck.slides),
            warnings=deck.warnings,
            inputs=job.inputs,
            images=images,
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
        _unwritten(job.files()),
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
    formats: str | Sequence[str] | None = None,
    on_progress: ProgressCallback | None = None,
) -> BatchResult:
    """Build every district's deck (or those in `only`) into `out_dir`, in `jobs` processes.

    `formats` (`pptx,docx,md,pdf`) adds each district's handouts and PDFs to its deck.

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
    chosen_formats = batch_formats(formats)
    require_converters(chosen_formats, folder)
    _make_folder(folder)
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
        job = _Job(district, district.file_stem, _inputs(district, common), chosen_formats)
        old = current_entry(previous.get(district.name), job.files())
        kept = None if force else _unchanged(job, old, folder, loaded.path.parent)
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
        pdfs, notes = add_pdfs(
            folder, chosen_formats, selected.districts, previous, results,
            theme=chosen, force=force, jobs=jobs, on_progress=on_progress,
        )  # fmt: skip
        warnings.extend(notes)
    finally:
        manifest = _write(folder, outline, full, chosen, previous, results)
    ordered = tuple(results[name] for name in order if name in results)
    stale = _stale(previous, full, folder)
    return BatchResult(
        folder, manifest, ordered, tuple(warnings), stale, time.perf_counter() - started, pdfs
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

    files = _files(safe_file_stem(normalise_name(failure.name))) if failure.name else ()
    return DistrictResult(failure.label, _unwritten(files), "failed", errors=failure.diagnostics)


def _unwritten(files: tuple[str, ...]) -> tuple[OutputFile, ...]:
    """Output files named but not written (a failed district)."""
    return tuple(OutputFile(file) for file in files)


_IMAGE_HASHES: dict[tuple[str, int, int], str] = {}


def _inputs(district: District, common: dict[str, Any]) -> str:
    """The hash of what this district's deck is built from, images aside.

    The outline, roster entry, theme and code decide which images a deck shows, so those are
    hashed here without expanding the outline; the images' own bytes are recorded per deck
    when it is built (`_deck_images`) and compared in `_unchanged`.
    """
    return inputs_hash({**common, "entry": district.entry})


def _deck_images(deck: LaidDeck, base: Path) -> tuple[tuple[str, str | None], ...]:
    """(path relative to the outline's folder, SHA-256) of every image the deck shows."""
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


def _unchanged(
    job: _Job, old: ManifestEntry | None, folder: Path, image_base: Path
) -> DistrictResult | None:
    """The previous result if inputs, images, file names and the files' bytes are as recorded."""
    if old is None or old.status != "ok" or old.inputs != job.inputs:
        return None
    if not _images_unchanged(old.images, image_base):
        return None
    if tuple(o.file for o in old.outputs) != job.files():
        return None
    for output in old.outputs:
        if output.sha256 is None or file_sha256(folder / output.file) != output.sha256:
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

    from briefgen.render import render_pptx  # noqa: F401  (imported before the fork)

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
    return DistrictResult(
        job.district.name, _unwritten(job.files()), "failed", errors=(Diagnostic(message),)
    )


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
                    result.outputs,
                    "failed",
                    errors=tuple(str(d) for d in result.errors),
                )
            )
        else:
            entries.append(
                ManifestEntry(
                    name,
                    result.outputs,
                    "ok",
                    slides=result.slides,
                    warnings=tuple(str(d) if d.file else d.message for d in result.warnings),
                    inputs=result.inputs,
                    images=result.images,
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
        output.file
        for name, entry in previous.items()
        if name not in names
        for output in entry.outputs
        if output.file and (folder / output.file).is_file()
    )


__all__ = [
    "MANIFEST_NAME",
    "ProgressCallback",
    "default_out_dir",
    "run_batch",
]
