"""The batch manifest: what each district's deck was built from and what came out.

Maps `DIR/manifest.json` ⇄ one `ManifestEntry` per district (output file, its SHA-256, slide
count, warnings, and the hash of the inputs it was built from: outline bytes, roster entry,
theme data, images, briefgen's version and code, SOURCE_DATE_EPOCH). A deck whose inputs hash
matches and whose file is still there with the recorded SHA-256 need not be built again.
The manifest holds no clock time, so the same inputs give the same manifest.
"""

from __future__ import annotations

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
MANIFEST_FORMAT = 1

Status = Literal["ok", "failed"]


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """One more output of a district besides its deck: format, file name and SHA-256."""

    format: str
    """`docx` (the handout), `pdf` (the deck's PDF) or `docx.pdf` (the handout's PDF)."""
    file: str
    sha256: str

    def to_json(self) -> dict[str, str]:
        """The record as JSON data."""
        return {"format": self.format, "file": self.file, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: Any) -> OutputRecord | None:
        """A record from JSON data, or None if it is not one."""
        if not isinstance(data, dict):
            return None
        format, file, sha256 = data.get("format"), data.get("file"), data.get("sha256")
        if isinstance(format, str) and isinstance(file, str) and isinstance(sha256, str):
            return cls(format, file, sha256)
        return None


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
    outputs: tuple[OutputRecord, ...] = ()
    """The district's other outputs (handout, PDFs), built from the same inputs."""

    def to_json(self) -> dict[str, Any]:
        """The entry as JSON data (keys in a fixed order)."""
        data: dict[str, Any] = {"name": self.name, "file": self.file, "status": self.status}
        if self.status == "ok":
            data |= {"sha256": self.sha256, "slides": self.slides, "inputs": self.inputs}
            data["warnings"] = list(self.warnings)
            if self.outputs:
                data["outputs"] = [o.to_json() for o in self.outputs]
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
            outputs=tuple(
                o for o in map(OutputRecord.from_json, data.get("outputs") or ()) if o is not None
            ),
        )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def read_manifest(folder: Path) -> tuple[dict[str, ManifestEntry], list[Diagnostic]]:
    """The manifest in `folder` by district name (empty if none), and a note if unreadable."""
    path = folder / MANIFEST_NAME
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        note = Diagnostic(
            f"the manifest cannot be read ({exc}); every deck is rebuilt",
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
        if entry is not None:
            entries[entry.name] = entry
    return entries, []


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
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "ManifestEntry",
    "OutputRecord",
    "Status",
    "code_fingerprint",
    "file_sha256",
    "inputs_hash",
    "read_manifest",
    "sha256_bytes",
    "write_manifest",
]
