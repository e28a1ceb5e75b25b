"""`batch --format pptx,docx,md,pdf`: which files each district gets, and its PDFs.

Maps the formats named on the command line → a `BatchFormats`: the formats rendered with each
deck (entries of `OUTPUTS`, written by the batch's workers through `write_outputs`), and
whether the deck and the handout also get a PDF. The PDFs are made after every deck, by a small
pool of LibreOffice processes, each with its own profile and converting its share of the files
in one run (one cold start per process, not one per file). Every PDF is written atomically and
recorded in the manifest with its SHA-256 next to the file it was converted from; it is made
again only when that file's bytes changed, or the PDF is missing or not the one recorded.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen._record import record
from briefgen.errors import BriefgenError, BuildError, Diagnostic
from briefgen.results import DistrictResult, OutputFile, Progress

from . import _outputs
from ._manifest import ManifestEntry, file_sha256, sha256_bytes
from ._outputs import OUTPUTS, output_targets, write_file

if TYPE_CHECKING:
    from briefgen.districts import District
    from briefgen.theme import Theme

    from ._pdf import Kind

PDF = "pdf"
CONVERTED: dict[str, Kind] = {"pptx": "pptx", "docx": "docx"}
"""Formats whose file gets a PDF when `pdf` is chosen (the Markdown handout gets none)."""

MAX_LIBREOFFICE = 4
"""Most LibreOffice processes at once (each takes some 200 MB and a core while it converts)."""


@lru_cache(maxsize=4096)
def _files(stem: str, rendered: tuple[str, ...]) -> tuple[str, ...]:
    """`BatchFormats.files`, cached: a warm batch asks twice for each of its districts."""
    return tuple(t.path.name for t in output_targets(Path(stem), rendered))


def known_formats() -> tuple[str, ...]:
    """Every format `batch --format` accepts: the registered outputs, then `pdf`."""
    return (*OUTPUTS, PDF)


@record
class PdfTarget:
    """One PDF to make: its file name and the file (in the same folder) it is converted from."""

    file: str
    source: str
    kind: Kind


@record
class BatchFormats:
    """The formats of a batch run: those rendered with each deck (the deck first), and `pdf`."""

    rendered: tuple[str, ...] = ("pptx",)
    pdf: bool = False

    def files(self, stem: str) -> tuple[str, ...]:
        """The rendered files of a district (what decides whether its deck is up to date)."""
        return _files(stem, self.rendered)

    def pdf_targets(self, stem: str) -> tuple[PdfTarget, ...]:
        """The district's PDFs: `鹿城区.pdf` from the deck, `鹿城区-handout.pdf` from the
        handout (when docx is chosen)."""
        if not self.pdf:
            return ()
        targets = []
        for target in output_targets(Path(stem), self.rendered):
            kind = CONVERTED.get(target.output.format)
            if kind is not None:
                pdf = target.path.name.removesuffix(f".{kind}") + ".pdf"
                targets.append(PdfTarget(pdf, target.path.name, kind))
        return tuple(targets)


def parse_formats(formats: str | Sequence[str] | None) -> BatchFormats:
    """`pptx,docx,pdf` (or a list of names) → the batch's formats, in the registry's order.

    The deck (pptx) is always written: the manifest, the summary and the up-to-date check
    name each district by its deck. None gives the default formats (`FORMATS`). A name that is not a format raises `ValueError` naming
    the known ones.
    """
    if formats is None:
        return BatchFormats(tuple(_outputs.FORMATS))
    parts = formats.replace("，", ",").split(",") if isinstance(formats, str) else formats
    chosen = {part.strip().lower() for part in parts if part.strip()}
    unknown = sorted(chosen - set(known_formats()))
    if unknown:
        raise ValueError(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(known_formats())}"
        )
    rendered = tuple(name for name in OUTPUTS if name in chosen or name == "pptx")
    return BatchFormats(rendered, PDF in chosen)


def batch_formats(formats: str | Sequence[str] | None) -> BatchFormats:
    """`parse_formats` for the library: an unknown format is a `BuildError`."""
    try:
        return parse_formats(formats)
    except ValueError as exc:
        raise BuildError(Diagnostic(str(exc))) from None


def require_converters(formats: BatchFormats, folder: Path) -> None:
    """Stop before any deck is built when a PDF is asked for and LibreOffice is missing."""
    from ._pdf import require_libreoffice

    if formats.pdf:
        for name in formats.rendered:
            if name in CONVERTED:
                require_libreoffice(CONVERTED[name], folder)


def current_entry(old: ManifestEntry | None, files: tuple[str, ...]) -> ManifestEntry | None:
    """The manifest entry as far as the deck check goes: only the district's rendered `files`.

    PDFs are checked on their own (`add_pdfs`), so a deleted PDF does not rebuild its deck.
    """
    if old is None:
        return None
    kept = tuple(o for o in old.outputs if o.file in files)
    return old if len(kept) == len(old.outputs) else replace(old, outputs=kept)


@record
class _Conversion:
    district: int
    """The district's index in the roster."""
    target: PdfTarget


def add_pdfs(
    folder: Path,
    formats: BatchFormats,
    districts: Mapping[int, District],
    previous: Mapping[str, ManifestEntry],
    results: dict[int, DistrictResult],
    *,
    theme: Theme,
    force: bool = False,
    jobs: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> tuple[int, list[Diagnostic]]:
    """Give every district whose files were built or kept its PDFs, in `results`.

    `districts` and `results` are keyed by the entry's index in the roster.

    A PDF is kept when the file it comes from has the bytes it had when the PDF was made and
    the PDF is the one recorded; the others are converted. A PDF that cannot be made fails its
    district (so the next run tries again), reported again through `on_progress` so its
    errors are shown like any failure. Returns how many PDFs were made, and warnings for
    faces the PDFs would show in another face.
    """
    if not formats.pdf:
        return 0, []
    made: dict[int, dict[str, OutputFile]] = {}
    todo: list[_Conversion] = []
    for index, district in districts.items():
        result = results.get(index)
        if result is None or result.status == "failed":
            continue
        made[index] = {}
        old = previous.get(district.name)
        recorded = {o.file: o.sha256 for o in old.outputs} if old and old.status == "ok" else {}
        current = {o.file: o.sha256 for o in result.outputs}
        for target in formats.pdf_targets(district.file_stem):
            digest = recorded.get(target.file)
            source = current.get(target.source)
            if (
                not force
                and digest is not None
                and source is not None
                and recorded.get(target.source) == source
                and file_sha256(folder / target.file) == digest
            ):
                made[index][target.file] = OutputFile(target.file, digest)
            else:
                todo.append(_Conversion(index, target))
    errors: dict[int, list[Diagnostic]] = {index: [] for index in made}
    for conversion, outcome in convert_pool(folder, todo, _pool_size(jobs, len(todo))):
        if isinstance(outcome, Diagnostic):
            errors[conversion.district].append(outcome)
        else:
            made[conversion.district][conversion.target.file] = outcome
    for index, pdfs in made.items():
        result = results[index]
        stem = districts[index].file_stem
        listed = [pdfs.get(t.file, OutputFile(t.file)) for t in formats.pdf_targets(stem)]
        result = replace(result, outputs=(*result.outputs, *listed))
        results[index] = result
        if errors[index]:
            result = replace(result, status="failed", errors=(*result.errors, *errors[index]))
            results[index] = result
            if on_progress is not None:
                on_progress(Progress(len(results), len(results), result))
    return len(todo) - sum(map(len, errors.values())), _face_warnings(formats, theme, todo, folder)


def _pool_size(jobs: int | None, count: int) -> int:
    from ._workers import worker_count

    return min(worker_count(jobs, count), MAX_LIBREOFFICE)


def _face_warnings(
    formats: BatchFormats, theme: Theme, todo: Sequence[_Conversion], folder: Path
) -> list[Diagnostic]:
    """A warning per face a converted PDF would show in another face (once per run)."""
    from ._handout import handout_faces
    from ._pdf import deck_faces, face_warnings

    kinds = {c.target.kind for c in todo}
    faces = []
    if "pptx" in kinds:
        faces += deck_faces(theme)
    if "docx" in kinds:
        faces += handout_faces(theme)
    return face_warnings(faces, str(folder)) if faces else []


def convert_pool(
    folder: Path, todo: Sequence[_Conversion], processes: int
) -> list[tuple[_Conversion, OutputFile | Diagnostic]]:
    """Convert every PDF's source with `processes` LibreOffice processes at once.

    Each process has its own profile and converts its share of the files in one run. Each PDF
    is written atomically to `folder`; each conversion gets its `OutputFile` or a diagnostic.
    """
    if not todo:
        return []
    from ._pdf import TIMEOUT_SECONDS, conversion_command, require_libreoffice

    outcomes: list[tuple[_Conversion, OutputFile | Diagnostic]] = []
    with tempfile.TemporaryDirectory(prefix="briefgen-pdf-") as tmp:
        work = Path(tmp)
        shares = [list(todo[n::processes]) for n in range(processes)]
        running: list[tuple[subprocess.Popen[bytes] | None, Path, list[_Conversion]]] = []
        try:
            for n, share in enumerate(shares):
                inbox, outbox = work / f"in{n}", work / f"out{n}"
                inbox.mkdir()
                sources = []
                for k, conversion in enumerate(share):
                    copy = inbox / f"{k}.{conversion.target.kind}"
                    copy.write_bytes((folder / conversion.target.source).read_bytes())
                    sources.append(copy)
                soffice = require_libreoffice(share[0].target.kind, folder)
                command = conversion_command(soffice, work / f"profile{n}", outbox, sources)
                try:
                    process: subprocess.Popen[bytes] | None = subprocess.Popen(
                        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                    )
                except OSError:
                    process = None
                running.append((process, outbox, share))
            for process, outbox, share in running:
                timed_out = _wait(process, TIMEOUT_SECONDS * len(share))
                for k, conversion in enumerate(share):
                    pdf = outbox / f"{k}.pdf"
                    outcomes.append((conversion, _write_pdf(folder, conversion, pdf, timed_out)))
        except OSError as exc:  # the temporary folder, or a source that went away
            done = {id(c) for c, _ in outcomes}
            problem = Diagnostic(
                f"cannot prepare the PDF conversion: {exc.strerror or exc}; run the batch again",
                file=str(folder),
            )
            outcomes += [(c, problem) for c in todo if id(c) not in done]
        finally:
            for process, _, _ in running:
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()
    return outcomes


def _wait(process: subprocess.Popen[bytes] | None, timeout: float) -> bool:
    """Wait for one LibreOffice process; True if it had to be stopped (or never ran)."""
    if process is None:
        return True
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return True
    return False


def _write_pdf(
    folder: Path, conversion: _Conversion, pdf: Path, timed_out: bool
) -> OutputFile | Diagnostic:
    target = conversion.target
    where = str(folder / target.file)
    if not pdf.is_file():
        why = "did not finish in time" if timed_out else "made no PDF"
        return Diagnostic(
            f"LibreOffice {why} from {target.source}; open it in LibreOffice to see why, or "
            "close other LibreOffice windows and run the batch again",
            file=where,
        )
    data = pdf.read_bytes()
    try:
        write_file(folder / target.file, data, noun="PDF", opened_in="a PDF reader")
    except BriefgenError as exc:
        return exc.diagnostics[0]
    return OutputFile(target.file, sha256_bytes(data))


__all__ = [
    "BatchFormats",
    "PdfTarget",
    "add_pdfs",
    "batch_formats",
    "convert_pool",
    "current_entry",
    "known_formats",
    "parse_formats",
    "require_converters",
]
