"""The batch's worker pool: districts built in parallel processes, or one by one in this one.

Maps a list of `Job`s → their `DistrictResult`s as they finish. Each worker process parses the
outline and holds the theme once, then builds many districts, so the layout's and the pptx
writer's caches serve every district it handles. A worker never outlives the batch: it dies
with its parent (even a SIGKILLed one) and leaves Ctrl-C to the parent.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Diagnostic
from briefgen.outline import LoadedOutline, decode_outline, parse_yaml, validate_outline
from briefgen.results import DistrictResult
from briefgen.theme import Theme

from ._manifest import Journal
from ._outputs import RenderInput, output_targets, write_outputs
from ._plan import Job, deck_images, not_built, unwritten
from ._record import manifest_entry

if TYPE_CHECKING:  # the pool is imported when one is started: a run with nothing to do has none
    from concurrent.futures import Future, ProcessPoolExecutor


@dataclass(slots=True)
class _Worker:
    """A worker process's state: the parsed outline, the theme, the output folder and the
    journal it records each written deck in."""

    loaded: LoadedOutline
    theme: Theme
    out_dir: Path
    journal: Journal


_STATE: _Worker | None = None


def parse_outline(raw: bytes, path: Path) -> LoadedOutline:
    """The outline's bytes → `LoadedOutline` (each worker parses them once)."""
    file = str(path)
    data, source_map = parse_yaml(decode_outline(raw, file), file)
    return validate_outline(data, source_map, path)


def _die_with_parent(parent: int) -> None:
    """End this process when the batch's process `parent` dies, however it dies.

    On Linux the kernel sends SIGKILL (PR_SET_PDEATHSIG); elsewhere a thread watches the
    parent's pid. Either way no worker keeps building for a batch nobody waits for.
    """
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="briefgen-parent-watch", daemon=True).start()


def _init_worker(raw: bytes, path: str, theme: Theme, out_dir: str, parent: int) -> None:
    """Process initializer: tie the worker to its parent, leave Ctrl-C to the parent, and parse
    the outline once for every district this worker builds."""
    global _STATE
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    folder = Path(out_dir)
    _STATE = _Worker(parse_outline(raw, Path(path)), theme, folder, Journal(folder))


def _build_chunk(jobs: list[Job]) -> list[DistrictResult]:
    """Build a chunk of districts in this worker (caches carry over between them)."""
    assert _STATE is not None, "worker not initialised"
    return [_build_one(_STATE, job) for job in jobs]


def _build_one(state: _Worker, job: Job) -> DistrictResult:
    """Lay out, render and write one district's files, and journal them; any failure is
    returned, not raised."""
    from ._pipeline import plan_and_lay_out

    started = time.perf_counter()
    name = job.district.name
    try:
        # The district's one expansion: the up-to-date check needs none.
        plan, deck = plan_and_lay_out(state.loaded, state.theme, district=job.district)
        images = deck_images(deck, state.loaded.path.parent)  # hashed before they are read
        targets = output_targets(state.out_dir / job.stem, job.formats.rendered)
        outputs = write_outputs(RenderInput(deck, state.theme, plan, state.out_dir), targets)
        built = DistrictResult(
            name,
            outputs,
            "built",
            slides=len(deck.slides),
            warnings=deck.warnings,
            inputs=job.inputs,
            images=images,
            seconds=time.perf_counter() - started,
            entry=job.entry,
        )
        state.journal.append(manifest_entry(built))
        return built
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
        unwritten(job.files()),
        "failed",
        errors=errors,
        inputs=job.inputs,
        seconds=time.perf_counter() - started,
        entry=job.entry,
    )


def worker_count(jobs: int | None, count: int) -> int:
    """Worker processes for `count` districts: `jobs`, else one per CPU, at most one each."""
    wanted = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, count))


def run_jobs(
    loaded: LoadedOutline,
    raw: bytes,
    theme: Theme,
    folder: Path,
    todo: list[Job],
    jobs: int | None,
) -> Iterator[DistrictResult | None]:
    """Build `todo`: yields None once the workers are ready, then one result per district.

    In worker processes when more than one is wanted, else here, one district after another.
    """
    if worker_count(jobs, len(todo)) > 1:
        yield from _run_parallel(loaded, raw, theme, folder, todo, jobs)
        return
    state = _Worker(loaded, theme, folder, Journal(folder))
    try:
        yield None
        for job in todo:
            yield _build_one(state, job)
    finally:
        state.journal.close()


CHUNK = 4
"""Most districts sent to a worker at once. Results come back per chunk, so small chunks keep
the progress bar steady and lose little on Ctrl-C; a round trip costs well under 1 ms, against
tens of ms per deck. The worker's caches live as long as the process, not the chunk."""


def _chunks(todo: list[Job], workers: int) -> list[list[Job]]:
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
    todo: list[Job],
    jobs: int | None,
) -> Iterator[DistrictResult | None]:
    """Build in worker processes; each parses the outline once and keeps its caches.

    Works in waves of `WAVE` districts per worker, each wave with fresh processes. Yields None
    once the first workers are started, then one result per district as chunks finish; a
    district whose worker stopped is a failed result, never a missing one.
    On Linux the workers are forked (fast, and they inherit the imported modules), so the
    caller must not run other threads: the CLI's progress bar refreshes without one.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from briefgen.render import render_pptx as _render_pptx  # noqa: F401

    from . import _pipeline as _pipeline

    workers = worker_count(jobs, len(todo))
    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    size = workers * WAVE
    for first in range(0, len(todo), size):
        wave = todo[first : first + size]
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(raw, str(loaded.path), theme, str(folder), os.getpid()),
        )
        try:
            with _interrupts_held():  # a Ctrl-C now reaches this process once all are forked
                futures: dict[Future[list[DistrictResult]], list[Job]] = {
                    pool.submit(_build_chunk, chunk): chunk for chunk in _chunks(wave, workers)
                }
            if first == 0:
                yield None
            for future in as_completed(futures):
                yield from _chunk_results(future, futures[future])
        except BaseException:
            _abandon(pool)
            raise
        pool.shutdown(wait=True)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT back while worker processes are forked (POSIX).

    A Ctrl-C that lands in a child between fork and its initializer would print that child's
    traceback; held back, it reaches the parent when the block ends, as a KeyboardInterrupt
    the parent handles. The children keep SIGINT blocked (their initializer ignores it too).
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _chunk_results(future: Future[list[DistrictResult]], chunk: list[Job]) -> list[DistrictResult]:
    """A finished chunk's results; every district of a chunk whose worker died fails."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as exc:
        reason = str(exc) or type(exc).__name__
        why = (
            f"the worker process building this district stopped ({reason}); most likely it "
            "ran out of memory: run again with fewer workers (-j 1)"
        )
        return [not_built(job, why) for job in chunk]


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once (Ctrl-C, or the caller stopped reading): queued chunks are dropped
    and the workers are ended. A pool interrupted while it was starting may refuse to shut
    down ("cannot join thread before it is started"); that must not hide the interrupt."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # gone after shutdown
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
            process.join(timeout=5)


__all__ = ["CHUNK", "WAVE", "parse_outline", "run_jobs", "worker_count"]
