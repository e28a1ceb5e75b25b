"""The batch manifest: what each district's deck was built from and what came out.

Maps `DIR/manifest.json` ⇄ one `ManifestEntry` per district (output file, its SHA-256, slide
count, warnings, and the hash of the inputs it was built from: outline bytes, roster entry,
theme data, images, briefgen's version and code, SOURCE_DATE_EPOCH). A deck whose inputs hash
matches and whose file is still there with the recorded SHA-256 need not be built again.
The manifest holds no clock time, so the same inputs give the same manifest.

While a batch runs, each finished district is also appended to `DIR/.manifest.journal` (one
JSON entry a line), which the final manifest replaces; a batch that is killed leaves the
journal, and the next run reads it over the manifest, so it rebuilds only what is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from briefgen.errors import Diagnostic

from ._atomic import atomic_write_bytes

MANIFEST_NAME = "manifest.json"
JOURNAL_NAME = ".manifest.journal"
MANIFEST_FORMAT = 1

Status = Literal["ok", "failed"]


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One district's line in the manifest."""

    name: str
    file: str
    """The deck's file name inside the output folder."""
    status: Status
    sha256: str | None = None
    slides: int | None = None
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    inputs: str | None = None
    """SHA-256 over everything the deck was built from (see `inputs_hash`)."""

    def to_json(self) -> dict[str, Any]:
        """The entry as JSON data (keys in a fixed order)."""
        data: dict[str, Any] = {"name": self.name, "file": self.file, "status": self.status}
        if self.status == "ok":
            data |= {"sha256": self.sha256, "slides": self.slides, "inputs": self.inputs}
            data["warnings"] = list(self.warnings)
        else:
            data["errors"] = list(self.errors)
        return data

    @classmethod
    def from_json(cls, data: Any) -> ManifestEntry | None:
        """An entry from JSON data, or None if it is not one."""
        if not isinstance(data, dict):
            return None
        name, file, status = data.get("name"), data.get("file"), data.get("status")
        if not (isinstance(name, str) and isinstance(file, str) and status in {"ok", "failed"}):
            return None
        slides = data.get("slides")
        return cls(
            name=name,
            file=file,
            status="ok" if status == "ok" else "failed",
            sha256=_str_or_none(data.get("sha256")),
            slides=slides if isinstance(slides, int) else None,
            warnings=tuple(str(w) for w in data.get("warnings") or () if isinstance(w, str)),
            errors=tuple(str(e) for e in data.get("errors") or () if isinstance(e, str)),
            inputs=_str_or_none(data.get("inputs")),
        )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def read_manifest(folder: Path) -> tuple[dict[str, ManifestEntry], list[Diagnostic]]:
    """The manifest in `folder` by district name (empty if none), and a note if unreadable.

    Entries without a file (roster entries that had no name) are left out: they are labelled
    `entry N`, which a district may also be called, and nothing of them can be reused.
    """
    path = folder / MANIFEST_NAME
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        note = Diagnostic(
            f"the manifest cannot be read ({why}); every deck is rebuilt",
            file=str(path),
            severity="warning",
        )
        return {}, [note]
    if not isinstance(data, dict) or data.get("briefgen-manifest") != MANIFEST_FORMAT:
        note = Diagnostic(
            "the manifest is not one this briefgen writes; every deck is rebuilt",
            file=str(path),
            severity="warning",
        )
        return {}, [note]
    entries: dict[str, ManifestEntry] = {}
    for item in data.get("districts") or ():
        entry = ManifestEntry.from_json(item)
        if entry is not None and entry.file:
            entries[entry.name] = entry
    return entries, []


def read_previous(folder: Path) -> tuple[dict[str, ManifestEntry], list[Diagnostic]]:
    """What earlier runs recorded: the manifest, with the journal of a run that was stopped
    before it wrote its manifest read on top of it."""
    entries, notes = read_manifest(folder)
    return {**entries, **read_journal(folder)}, notes


def read_journal(folder: Path) -> dict[str, ManifestEntry]:
    """The entries of `folder/.manifest.journal` by name (a cut-off last line is ignored)."""
    try:
        raw = (folder / JOURNAL_NAME).read_bytes()
    except OSError:
        return {}
    entries: dict[str, ManifestEntry] = {}
    for line in raw.splitlines():
        try:
            entry = ManifestEntry.from_json(json.loads(line.decode("utf-8")))
        except ValueError:
            continue
        if entry is not None and entry.file:
            entries[entry.name] = entry
    return entries


class Journal:
    """`folder/.manifest.journal`, appended to as decks are written: one unbuffered write per
    line in append mode, so the worker processes can share it and a killed batch loses at most
    the deck it was recording."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL_NAME
        self._stream: Any = None
        self.problem: OSError | None = None

    def append(self, entry: ManifestEntry) -> None:
        """Record one entry; a journal that cannot be written is given up (the final manifest
        still records everything), and the error is kept in `problem`."""
        if self.problem is not None:
            return
        try:
            if self._stream is None:
                self._stream = self.path.open("ab", buffering=0)
            line = json.dumps(entry.to_json(), ensure_ascii=False, separators=(",", ":"))
            self._stream.write(line.encode("utf-8") + b"\n")
        except OSError as exc:
            self.problem = exc
            self.close()

    def close(self) -> None:
        """Close the file (it stays until `remove`)."""
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._stream = None

    def remove(self) -> None:
        """Close and delete the journal: the manifest now holds all it held."""
        self.close()
        with contextlib.suppress(OSError):
            self.path.unlink()


def write_manifest(
    folder: Path, entries: Iterable[ManifestEntry], header: Mapping[str, Any]
) -> Path:
    """Write `folder/manifest.json` atomically; returns its path."""
    path = folder / MANIFEST_NAME
    document = {"briefgen-manifest": MANIFEST_FORMAT, **header}
    document["districts"] = [entry.to_json() for entry in entries]
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def sha256_bytes(data: bytes) -> str:
    """The hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The hex SHA-256 of a file, or None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """briefgen's version and a hash of its own source files and built-in themes.

    A deck built by different code is rebuilt, even when the version number did not change.
    """
    from briefgen import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    files = sorted(package.rglob("*.py")) + sorted(package.parent.glob("themes/*.yaml"))
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(package.parent)).encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def inputs_hash(parts: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of a deck's inputs (plus SOURCE_DATE_EPOCH)."""
    data = {**parts, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256_bytes(text.encode("utf-8"))


__all__ = [
    "JOURNAL_NAME",
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "Journal",
    "ManifestEntry",
    "Status",
    "code_fingerprint",
    "file_sha256",
    "inputs_hash",
    "read_journal",
    "read_manifest",
    "read_previous",
    "sha256_bytes",
    "write_manifest",
]
