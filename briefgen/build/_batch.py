"""`briefgen batch`: one deck per district of a roster, in parallel worker processes.

Maps (outline, roster, output folder) → one .pptx per district, written atomically, plus
`manifest.json`, returned as a `BatchResult` (the library prints nothing; progress goes to a
callback). Every selected roster entry ends as built, unchanged or failed: a deck whose inputs
did not change is not built again (see _plan.py), the districts are built by the worker pool
(_workers.py), and each result is recorded as it arrives (_record.py), so neither a failing
district nor a killed batch loses the others' work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from briefgen.districts import load_roster
from briefgen.errors import BuildError, Diagnostic, OutlineError
from briefgen.results import BatchResult, DistrictResult, Progress

from ._batch_formats import add_pdfs, batch_formats, require_converters
from ._manifest import MANIFEST_NAME, code_fingerprint, file_sha256, read_previous, sha256_bytes
from ._output_names import check_folder_name
from ._pipeline import default_out_dir
from ._plan import entry_index, not_built, plan_batch, select_entries
from ._record import Recorder, stale_files
from ._workers import parse_outline, run_jobs

ProgressCallback = Callable[[Progress], None]


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
    sheet: str | None = None,
    template: Path | str | None = None,
) -> BatchResult:
    """Build every district's deck (or those `only` names) into `out_dir`, in `jobs` processes.

    `only` holds names as typed after `--only`: a district's exact name, or several names
    separated by `,` or `、` (quote a name that contains one). Raises `BriefgenError` only for
    problems that stop the whole batch before anything is built (unreadable outline, theme or
    roster, colliding file names, PDFs without LibreOffice); a district that fails is a failed result, and a manifest
    that cannot be written is in `BatchResult.problems`.
    """
    from briefgen.districts import unknown_district_names
    from briefgen.theme import theme_data

    from ._pipeline import theme_for

    started = time.perf_counter()
    outline = Path(outline)
    raw = _read_outline(outline)
    loaded = parse_outline(raw, outline)
    # Parsed once per batch, here, and handed to every worker (pickled with its initargs, see
    # _workers.run_jobs): the theme, with the department template it names (read here, once).
    # Images are decoded once per worker process (`images.py`, `render.pptx`).
    chosen = theme_for(loaded, theme, template)
    full = load_roster(roster, outline=loaded, sheet=sheet)
    selected = select_entries(full, only)
    folder = Path(out_dir) if out_dir is not None else default_out_dir(outline)
    check_folder_name(folder, "batch")
    chosen_formats = batch_formats(formats)  # `pptx,docx,md,pdf`: see _batch_formats.py
    require_converters(chosen_formats, folder)
    _make_folder(folder)
    warnings = [*loaded.warnings, *full.warnings, *unknown_district_names(loaded, full.names())]
    previous, notes = read_previous(folder)
    warnings.extend(notes)
    common: dict[str, Any] = {
        "outline": sha256_bytes(raw),
        "theme": theme_data(chosen),
        "briefgen": code_fingerprint(),
    }
    if chosen.template:  # the template's bytes, not only its path, decide what is up to date
        common["template"] = file_sha256(Path(chosen.template))
    plan = plan_batch(
        loaded, selected, previous, folder, common, force=force, formats=chosen_formats
    )
    recorder = Recorder(folder, previous)
    total = len(plan.order)

    def report(result: DistrictResult | None) -> None:
        if result is not None:
            recorder.add(result)
        if on_progress is not None:
            building = len(plan.jobs) if result is None else None
            on_progress(Progress(len(recorder.results), total, result, building))

    try:
        for result in run_jobs(loaded, raw, chosen, folder, plan.jobs, jobs):
            if result is None:  # the workers are ready: report what needed no building
                report(None)
                for index in plan.order:
                    if index in plan.known:
                        report(plan.known[index])
            else:
                report(result)
        for job in plan.jobs:  # a job that never came back is a failure, never a gap
            if job.entry not in recorder.results:
                report(not_built(job, "this district was not built (its worker stopped)"))
        pdfs, notes = add_pdfs(
            folder, chosen_formats, {entry_index(d): d for d in selected.districts},
            previous, recorder.results,
            theme=chosen, force=force, jobs=jobs, on_progress=on_progress,
        )  # fmt: skip
        warnings.extend(notes)
    finally:
        problems = recorder.write(outline, full, chosen)
    ordered = tuple(recorder.results[index] for index in plan.order)
    return BatchResult(
        folder,
        folder / MANIFEST_NAME,
        ordered,
        tuple(warnings),
        stale_files(previous, full, folder),
        time.perf_counter() - started,
        problems,
        pdfs,
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


__all__ = [
    "MANIFEST_NAME",
    "ProgressCallback",
    "default_out_dir",
    "run_batch",
]
