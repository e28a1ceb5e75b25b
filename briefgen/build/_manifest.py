"""The batch manifest: what each district's deck was built from and what came out.

Maps `DIR/manifest.json` ⇄ one `ManifestEntry` per district (each output file with its
SHA-256, slide count, warnings, the hash of the inputs it was built from: outline bytes, roster
entry, theme data, briefgen's version and code, SOURCE_DATE_EPOCH; and the SHA-256 of each image
it shows). A deck whose inputs hash matches, whose images are unchanged and whose files are
still there with the recorded SHA-256 need not be built again. The manifest holds no clock
time, so the same inputs give the same manifest.

While a batch runs, each written deck is also appended to `DIR/.manifest.journal` (one JSON
entry a line), which the final manifest replaces; a batch that is killed leaves the journal,
and the next run reads it over the manifest, so it rebuilds only what is missing.

Format 2 lists each entry's files under `outputs`; a format-1 manifest (one `file` and
`sha256` per entry) is still read, its entries marked as built from unknown inputs, so those
decks are rebuilt when next selected and the others keep their lines.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from briefgen._record import record
from briefgen.errors import Diagnostic
from briefgen.results import OutputFile

MANIFEST_NAME = "manifest.json"
JOURNAL_NAME = ".manifest.journal"
MANIFEST_FORMAT = 2
READABLE_FORMATS = frozenset({1, MANIFEST_FORMAT})

Status = Literal["ok", "failed"]


@record
class ManifestEntry:
    """One district's line in the manifest."""

    name: str
    outputs: tuple[OutputFile, ...]
    """Its files inside the output folder, the deck first, each with its SHA-256 when built."""
    status: Status
    slides: int | None = None
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    inputs: str | None = None
    """SHA-256 over everything the deck was built from but its images (see `inputs_hash`)."""
    images: tuple[tuple[str, str | None], ...] = ()
    """(path relative to the outline's folder, SHA-256) of each image the deck shows."""

    @property
    def file(self) -> str | None:
        """The deck's file name (None if the entry names no file)."""
        return self.outputs[0].file if self.outputs else None

    def to_json(self) -> dict[str, Any]:
        """The entry as JSON data (keys in a fixed order)."""
        data: dict[str, Any] = {"name": self.name, "status": self.status}
        if self.status == "ok":
            data["outputs"] = [{"file": o.file, "sha256": o.sha256} for o in self.outputs]
            data |= {"slides": self.slides, "inputs": self.inputs, "images": dict(self.images)}
            data["warnings"] = list(self.warnings)
        else:
            data["outputs"] = [{"file": o.file} for o in self.outputs]
            data["errors"] = list(self.errors)
        return data

    @classmethod
    def from_json(cls, data: Any, version: int = MANIFEST_FORMAT) -> ManifestEntry | None:
        """An entry from JSON data of manifest format `version`, or None if it is not one."""
        if not isinstance(data, dict):
            return None
        name, status = data.get("name"), data.get("status")
        if not (isinstance(name, str) and status in {"ok", "failed"}):
            return None
        outputs = _outputs_v1(data) if version == 1 else _outputs(data.get("outputs"))
        if outputs is None:
            return None
        slides = data.get("slides")
        images = _images(data.get("images"))
        # Format 1 hashed other inputs, and without a readable `images` the deck's images
        # cannot be checked: either way the deck is rebuilt when next selected.
        known = version != 1 and images is not None
        return cls(
            name=name,
            outputs=outputs,
            status="ok" if status == "ok" else "failed",
            slides=slides if isinstance(slides, int) else None,
            warnings=tuple(str(w) for w in data.get("warnings") or () if isinstance(w, str)),
            errors=tuple(str(e) for e in data.get("errors") or () if isinstance(e, str)),
            inputs=_str_or_none(data.get("inputs")) if known else None,
            images=images or (),
        )


def _images(data: Any) -> tuple[tuple[str, str | None], ...] | None:
    """The `images` mapping as sorted pairs, or None if it is missing or malformed."""
    if not isinstance(data, dict):
        return None
    return tuple(sorted((str(k), _str_or_none(v)) for k, v in data.items()))


def _outputs(data: Any) -> tuple[OutputFile, ...] | None:
    """Format 2's `outputs` list, or None if it is malformed."""
    if not isinstance(data, list):
        return None
    outputs = []
    for item in data:
        if not (isinstance(item, dict) and isinstance(item.get("file"), str)):
            return None
        outputs.append(OutputFile(item["file"], _str_or_none(item.get("sha256"))))
    return tuple(outputs)


def _outputs_v1(data: dict[str, Any]) -> tuple[OutputFile, ...] | None:
    """Format 1's single `file` and `sha256` as an outputs tuple."""
    file = data.get("file")
    if not isinstance(file, str):
        return None
    return (OutputFile(file, _str_or_none(data.get("sha256"))),) if file else ()


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
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        note = Diagnostic(
            f"the manifest cannot be read ({why}); every deck is rebuilt",
            file=str(path),
            severity="warning",
        )
        return {}, [note]
    version = data.get("briefgen-manifest") if isinstance(data, dict) else None
    if not isinstance(data, dict) or version not in READABLE_FORMATS:
        note = Diagnostic(
            "the manifest is not one this briefgen writes; every deck is rebuilt",
            file=str(path),
            severity="warning",
        )
        return {}, [note]
    entries: dict[str, ManifestEntry] = {}
    for item in data.get("districts") or ():
        entry = ManifestEntry.from_json(item, version)
        if entry is not None and entry.file:  # an unnamed entry's 'entry N' may be a name
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
    """Write `folder/manifest.json` atomically; returns its path (`BuildError` if it cannot)."""
    from ._outputs import write_file

    path = folder / MANIFEST_NAME
    document = {"briefgen-manifest": MANIFEST_FORMAT, **header}
    document["districts"] = [entry.to_json() for entry in entries]
    if _says(path, document):  # a run with nothing to do leaves the file (and skips fsync)
        return path
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_file(path, data, noun="manifest")
    return path


def _says(path: Path, document: dict[str, Any]) -> bool:
    """Whether the manifest at `path` already says `document`. Compared as parsed JSON: the
    indented text of 1,000 districts takes json's pure-Python encoder 14 ms to write, its
    parsing 4 ms (C); a file that says the same in other spacing is left as it is."""
    try:
        return bool(json.loads(path.read_bytes().decode("utf-8")) == document)
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at `path` already holds exactly `data`."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


Stats = dict[str, tuple[int, int, str]]
"""File name → (size, st_mtime_ns, SHA-256) as last recorded in `stat_file(folder)`."""


def stat_file(folder: Path) -> Path:
    """Where the sizes and times of an output folder's files are recorded: a machine-local
    cache (`$XDG_CACHE_HOME/briefgen/batch/`, else `~/.cache/briefgen/batch/`) named by the
    folder's absolute path. Not in the folder, which holds the outputs and the manifest
    only, and not in the manifest, which holds no clock time."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    key = hashlib.sha256(os.fsencode(os.path.abspath(folder))).hexdigest()[:32]
    return Path(base, "briefgen", "batch", key + ".json")


def read_stats(folder: Path) -> Stats:
    """The recorded sizes and times of `folder`'s files ({} when none or unreadable)."""
    try:
        data = json.loads(stat_file(folder).read_bytes())
        return {
            str(name): (int(size), int(mtime), str(digest))
            for name, (size, mtime, digest) in data["files"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_stats(folder: Path, entries: Iterable[ManifestEntry]) -> None:
    """Record the size and time of every file the manifest lists with a SHA-256 (best effort:
    without the record, the next run reads and hashes the files instead)."""
    files: dict[str, list[object]] = {}
    for entry in entries:
        for output in entry.outputs if entry.status == "ok" else ():
            if output.sha256 is None:
                continue
            try:
                info = (folder / output.file).stat()
            except OSError:
                continue
            files[output.file] = [info.st_size, info.st_mtime_ns, output.sha256]
    text = json.dumps({"files": files}, ensure_ascii=False, separators=(",", ":"))
    path = stat_file(folder)
    if _holds(path, text.encode("utf-8")):
        return
    with contextlib.suppress(OSError):
        from ._atomic import atomic_write_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, text.encode("utf-8"))


def has_digest(path: Path, sha256: str | None, stats: Stats) -> bool:
    """Whether the file at `path` holds the bytes whose SHA-256 is `sha256`.

    A file whose size and modification time are those recorded with that digest is taken as
    unchanged without reading it (as make and rsync do); any other is read and hashed.
    """
    if sha256 is None:
        return False
    known = stats.get(path.name)
    if known is not None and known[2] == sha256:
        try:
            info = path.stat()
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) == known[:2]:
            return True
    return file_sha256(path) == sha256


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


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def inputs_hash(parts: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of a deck's inputs (plus SOURCE_DATE_EPOCH)."""
    data = {**parts, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}
    return sha256_bytes(_canonical(data).encode("utf-8"))


def inputs_hasher(common: Mapping[str, Any], key: str) -> Callable[[Any], str]:
    """`value → inputs_hash({**common, key: value})`, with `common` encoded once.

    A batch hashes the same outline, theme and code with each district's roster entry; the
    canonical JSON of a mapping is its sorted members joined, so the shared members are
    encoded once and only `value` per district (the same text, so the same hashes).
    """
    data = {**common, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")}
    data.pop(key, None)
    members = {name: f"{_canonical(name)}:{_canonical(value)}" for name, value in data.items()}
    before = [members[name] for name in sorted(members) if name < key]
    after = [members[name] for name in sorted(members) if name > key]
    head = "{" + "".join(m + "," for m in before) + _canonical(key) + ":"
    tail = "".join("," + m for m in after) + "}"
    digest = hashlib.sha256(head.encode("utf-8"))

    def hashed(value: Any) -> str:
        one = digest.copy()
        one.update((_canonical(value) + tail).encode("utf-8"))
        return one.hexdigest()

    return hashed


__all__ = [
    "JOURNAL_NAME",
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "READABLE_FORMATS",
    "Journal",
    "ManifestEntry",
    "Stats",
    "Status",
    "code_fingerprint",
    "file_sha256",
    "has_digest",
    "inputs_hash",
    "inputs_hasher",
    "read_journal",
    "read_manifest",
    "read_previous",
    "read_stats",
    "sha256_bytes",
    "stat_file",
    "write_manifest",
    "write_stats",
]
