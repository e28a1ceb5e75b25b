"""`batch --format pptx,docx,pdf`: each district's handout and PDFs, after its deck.

Maps the batch's deck results → each district's other outputs: the handout (.docx, from the
same deck plan as `briefgen handout`), the deck's PDF and the handout's PDF, recorded in the
manifest with their hashes. The incremental rule of decks holds: an output is made again
only when its district's inputs changed, or the file is missing or not the one recorded.
PDFs are converted by a pool of LibreOffice processes, each with its own profile, each
converting its share of the files in one run (one cold start per process, not per file).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.districts import District
from briefgen.errors import BriefgenError, Diagnostic
from briefgen.outline import LoadedOutline
from briefgen.theme import Theme

from ._handout import write_output
from ._manifest import ManifestEntry, OutputRecord, file_sha256, sha256_bytes
from ._pdf import TIMEOUT_SECONDS, require_libreoffice

if TYPE_CHECKING:
    from ._batch import DistrictResult

FORMATS = ("pptx", "docx", "pdf")


def parse_formats(text: str) -> tuple[str, ...]:
    """`pptx,docx,pdf` → the formats in that order; the deck (pptx) is always built."""
    chosen = {part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()}
    unknown = sorted(chosen - set(FORMATS))
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}: choose from {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in chosen or f == "pptx")


@dataclass(frozen=True, slots=True)
class _Target:
    """One output to make: district, format, file name (and for a PDF, its source file)."""

    district: str
    format: str
    file: str
    source: str | None = None


def check_tools(formats: Iterable[str], folder: Path) -> None:
    """Stop before building when a PDF is asked for and LibreOffice is missing."""
    formats = tuple(formats)
    if "pdf" in formats:
        require_libreoffice("pptx", folder)
        if "docx" in formats:
            require_libreoffice("docx", folder)


def _targets(stem: str, name: str, formats: tuple[str, ...]) -> list[_Target]:
    targets = []
    if "docx" in formats:
        targets.append(_Target(name, "docx", f"{stem}-handout.docx"))
    if "pdf" in formats:
        targets.append(_Target(name, "pdf", f"{stem}.pdf", source=f"{stem}.pptx"))
        if "docx" in formats:
            targets.append(_Target(name, "docx.pdf", f"{stem}-handout.pdf", f"{stem}-handout.docx"))
    return targets


def _kept(target: _Target, old: ManifestEntry | None, inputs: str | None, folder: Path) -> OutputRecord | None:
    if old is None or old.status != "ok" or inputs is None or old.inputs != inputs:
        return None
    for record in old.outputs:
        if record.format == target.format and record.file == target.file:
            return record if file_sha256(folder / target.file) == record.sha256 else None
    return None


def make_outputs(
    loaded: LoadedOutline,
    theme: Theme,
    folder: Path,
    districts: Mapping[str, District],
    inputs: Mapping[str, str | None],
    previous: Mapping[str, ManifestEntry],
    formats: tuple[str, ...],
    *,
    force: bool = False,
    workers: int = 2,
) -> dict[str, tuple[tuple[OutputRecord, ...], tuple[Diagnostic, ...]]]:
    """Each built district's other outputs → (records, errors) by district name."""
    from briefgen.render import render_docx

    from ._pipeline import plan_for

    done: dict[str, list[OutputRecord]] = {name: [] for name in districts}
    errors: dict[str, list[Diagnostic]] = {name: [] for name in districts}
    conversions: list[_Target] = []
    for name, district in districts.items():
        old = None if force else previous.get(name)
        rebuilt = False  # a remade handout makes its PDF stale as well
        for target in _targets(district.file_stem, name, formats):
            kept = _kept(target, old, inputs.get(name), folder)
            if kept is not None and not (rebuilt and target.format == "docx.pdf"):
                done[name].append(kept)
                continue
            if target.source is not None:
                conversions.append(target)
                continue
            try:
                plan, _ = plan_for(loaded, theme, district=district)
                data = render_docx(plan, theme)
                write_output(folder / target.file, data, "handout")
                done[name].append(OutputRecord(target.format, target.file, sha256_bytes(data)))
                rebuilt = True
            except BriefgenError as exc:
                errors[name] += exc.diagnostics
    for target, result in convert_pool(conversions, folder, workers):
        if isinstance(result, str):
            done[target.district].append(OutputRecord(target.format, target.file, result))
        else:
            errors[target.district].append(result)
    return {name: (tuple(done[name]), tuple(errors[name])) for name in districts}


def convert_pool(
    targets: list[_Target], folder: Path, workers: int
) -> list[tuple[_Target, str | Diagnostic]]:
    """Convert every target's source to PDF with `workers` LibreOffice processes at once.

    Each process has its own profile and converts its share of the files in one run. The
    PDFs are written atomically; each target gets its SHA-256, or a diagnostic.
    """
    if not targets:
        return []
    results: list[tuple[_Target, str | Diagnostic]] = []
    with tempfile.TemporaryDirectory(prefix="briefgen-pdf-") as tmp:
        work = Path(tmp)
        count = max(1, min(workers, len(targets)))
        shares = [targets[i::count] for i in range(count)]
        running: list[tuple[subprocess.Popen[bytes], Path, list[tuple[_Target, Path]]]] = []
        for n, share in enumerate(shares):
            soffice = require_libreoffice("docx" if share[0].format == "docx.pdf" else "pptx", folder)
            inbox, outbox = work / f"in{n}", work / f"out{n}"
            inbox.mkdir()
            files: list[tuple[_Target, Path]] = []
            for k, target in enumerate(share):
                source = folder / (target.source or "")
                copy = inbox / f"{k}{source.suffix}"
                copy.symlink_to(source.absolute())
                files.append((target, outbox / f"{k}.pdf"))
            command = [
                str(soffice), f"-env:UserInstallation={(work / f'profile{n}').as_uri()}",
                "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(outbox),
                *(str(inbox / f"{k}{(folder / (t.source or '')).suffix}") for k, t in enumerate(share)),
            ]  # fmt: skip
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            running.append((process, outbox, files))
        for process, _, files in running:
            try:
                process.wait(timeout=TIMEOUT_SECONDS * len(files))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for target, pdf in files:
                if not pdf.is_file():
                    message = (
                        f"LibreOffice made no PDF from {target.source}; open it in LibreOffice "
                        "to see why, or run the batch again"
                    )
                    results.append((target, Diagnostic(message, file=str(folder / target.file))))
                    continue
                data = pdf.read_bytes()
                try:
                    write_output(folder / target.file, data, "PDF")
                except BriefgenError as exc:
                    results.append((target, exc.diagnostics[0]))
                    continue
                results.append((target, sha256_bytes(data)))
    return results


def add_outputs(
    loaded: LoadedOutline,
    theme: Theme,
    folder: Path,
    districts: Sequence[District],
    previous: Mapping[str, ManifestEntry],
    results: dict[str, DistrictResult],
    formats: Sequence[str],
    force: bool,
    workers: int,
) -> int:
    """Give each district whose deck was built or kept its other outputs, in `results`;
    an output that fails fails its district (so the next run tries it again). Returns how
    many files were made (not kept)."""
    ok = {d.name: d for d in districts if results[d.name].status != "failed"}
    made = make_outputs(
        loaded,
        theme,
        folder,
        ok,
        {name: results[name].inputs for name in ok},
        previous,
        tuple(formats),
        force=force,
        workers=workers,
    )
    count = 0
    for name, (outputs, errors) in made.items():
        old = previous.get(name)
        kept = set(old.outputs) if old is not None and not force else set()
        count += sum(record not in kept for record in outputs)
        result = replace(results[name], outputs=outputs)
        if errors:
            result = replace(result, status="failed", errors=(*result.errors, *errors))
        results[name] = result
    return count


__all__ = [
    "FORMATS",
    "add_outputs",
    "check_tools",
    "convert_pool",
    "make_outputs",
    "parse_formats",
]
