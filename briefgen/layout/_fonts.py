"""Font files: find an installed face with fontconfig and read its advance widths with fontTools.

Maps a family name (``Noto Sans CJK SC``, ``微软雅黑``) → the installed font files of that
family (file, TTC/OTC index, weight), by one ``fc-list`` call per family, or, without
fontconfig (Windows, macOS), one bounded scan of the usual font folders; and one font file →
`FontMetrics`: every mapped code point's advance in em, the advances the ``locl`` feature
changes for Chinese (``hani``/``ZHS``) and Western (``latn``, default language) runs as
LibreOffice shapes them, and the pair kerning (``kern``) between printable ASCII characters.

Reading a CJK font with fontTools takes 0.3–0.6 s (cmap, glyph order, hmtx, GSUB, GPOS of
65 535 glyphs), so the metrics are kept in a small file per font file (about 50 kB: a JSON
header line, then the code point ranges as binary arrays, read in about 1 ms) under
``$BRIEFGEN_FONT_CACHE``, else ``$XDG_CACHE_HOME/briefgen/fonts``, else ``~/.cache/briefgen/fonts``
(``BRIEFGEN_FONT_CACHE=off`` reads the font every time). A cache file is named by the font
file's path, index, size and modification time, so an updated font is read again. fontTools is
imported only when a font file must really be read, never at import time.

No font file is ever shipped or copied: only widths derived from an installed one are stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from briefgen._record import record

__all__ = [
    "FontFile",
    "FontMetrics",
    "cache_dir",
    "find_family",
    "fontconfig_stamp",
    "metrics_for",
    "read_metrics",
]

_CACHE_VERSION = 1
_ARRAY_LAYOUT = f"{sys.byteorder}-i{array('i').itemsize}-d{array('d').itemsize}"
"""How the cache file's binary arrays are laid out on this machine."""
_FC_TIMEOUT = 5.0
"""Seconds one ``fc-list`` call may take (it answers from fontconfig's cache in ~6 ms)."""

_REGULAR_WEIGHT = 80
"""fontconfig's weight of a Regular face (``FC_WEIGHT_REGULAR``)."""
_BOLD_WEIGHT = 200
"""fontconfig's weight of a Bold face (``FC_WEIGHT_BOLD``)."""


@record
class FontFile:
    """One installed face: its file, its index in a collection (TTC/OTC) and its weight."""

    path: str
    index: int
    weight: int
    """fontconfig weight: 80 regular, 200 bold."""


def _escape(family: str) -> str:
    """A family name as a fontconfig pattern element (``-``, ``:``, ``,``, ``\\`` escaped)."""
    return "".join("\\" + ch if ch in "\\-:," else ch for ch in family)


@lru_cache(maxsize=64)
def find_family(family: str) -> tuple[FontFile, ...]:
    """The installed files of a font family, by fontconfig, cached per process and on disk.

    Maps a family name → its faces (any weight) sorted by weight; empty when the family is
    not installed. fontconfig matches the family name exactly (case-insensitively), never a
    substitute: 微软雅黑 on Linux gives (). Without fontconfig (Windows, macOS without it) the
    usual font folders are scanned once instead (`_scan_font_folders`, bounded). The answer is
    kept in ``families.json`` beside the metrics and used again while the font and fontconfig
    folders (`fontconfig_stamp`) and the found files are unchanged, which saves the ``fc-list``
    process (~6 ms) per family and build.
    """
    if not family.strip():
        return ()
    stamp = fontconfig_stamp()
    known = _read_families()
    if known.get("stamp") == stamp:
        entry = known.get("families", {}).get(family)
        if isinstance(entry, list):
            files = _valid_files(entry)
            if files is not None:
                return files
    else:
        known = {"version": _CACHE_VERSION, "stamp": stamp, "families": {}}
    files = _fc_list(family)
    if files is None:
        files = _scanned(family, stamp)
    known.setdefault("families", {})[family] = [
        [f.path, f.index, f.weight, *_file_stamp(f.path)] for f in files
    ]
    folder = cache_dir()
    if folder is not None:
        _write_atomically(folder / "families.json", json.dumps(known).encode())
    return files


def _fc_list(family: str) -> tuple[FontFile, ...] | None:
    """The family's faces as ``fc-list`` lists them; None when fontconfig cannot be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    import subprocess

    try:
        proc = subprocess.run(
            [fc_list, "-f", "%{file}\t%{index}\t%{weight}\n", _escape(family)],
            capture_output=True,
            text=True,
            timeout=_FC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    found: set[FontFile] = set()
    for line in proc.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0]:
            continue
        try:
            # a variable font lists a range "[100 900]": take its lower end
            weight = int(float(parts[2].strip("[]").split()[0]))
            found.add(FontFile(parts[0], int(parts[1] or 0), weight))
        except (ValueError, IndexError):
            continue
    return tuple(sorted(found, key=lambda f: (f.weight, f.path, f.index)))


MAX_SCANNED_FILES = 2000
"""At most this many font files are opened when fonts are found without fontconfig."""
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


def _scanned(family: str, stamp: list[list[Any]]) -> tuple[FontFile, ...]:
    """A family's faces from the scan of the font folders (``scan.json``, made when stale)."""
    folder = cache_dir()
    index: dict[str, Any] = {}
    if folder is not None:
        try:
            index = json.loads((folder / "scan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            index = {}
    for fresh in (False, True):
        if fresh or not isinstance(index, dict) or index.get("stamp") != stamp:
            index = {"version": _CACHE_VERSION, "stamp": stamp, "faces": _scan_font_folders()}
            if folder is not None:
                _write_atomically(folder / "scan.json", json.dumps(index).encode())
        entry = index.get("faces", {}).get(family.casefold(), [])
        files = _valid_files(entry) if isinstance(entry, list) else None
        if files is not None:  # else a found file changed since the scan: scan again
            return tuple(sorted(files, key=lambda f: (f.weight, f.path, f.index)))
    return ()


def _scan_font_folders(limit: int | None = None) -> dict[str, list[list[Any]]]:
    """Every face in the usual font folders, by family name (case-folded): the slow path.

    Maps the folders of `_scan_folders` → {family: [[path, index, weight, size, mtime]]},
    reading each file's name table with fontTools; at most ``limit`` (`MAX_SCANNED_FILES`)
    files, in a stable order, so the cost is bounded.
    """
    from ._fontread import faces_of

    remaining = MAX_SCANNED_FILES if limit is None else limit
    faces: dict[str, list[list[Any]]] = {}
    for top in _scan_folders():
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for name in sorted(names):
                if not name.lower().endswith(_FONT_SUFFIXES):
                    continue
                if remaining <= 0:
                    return faces
                remaining -= 1
                path = os.path.join(root, name)
                for index, families, weight in faces_of(path):
                    for family in families:
                        entry = [path, index, weight, *_file_stamp(path)]
                        faces.setdefault(family.casefold(), []).append(entry)
    return faces


def _scan_folders() -> list[str]:
    """The usual font folders of Linux, macOS and Windows that exist here."""
    home = os.path.expanduser("~")
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    windows = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    local = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
    folders = [
        "/usr/share/fonts", "/usr/local/share/fonts", os.path.join(home, ".fonts"),
        os.path.join(data, "fonts"), "/System/Library/Fonts", "/Library/Fonts",
        os.path.join(home, "Library", "Fonts"), os.path.join(windows, "Fonts"),
        os.path.join(local, "Microsoft", "Windows", "Fonts"),
    ]  # fmt: skip
    return [folder for folder in folders if os.path.isdir(folder)]


def _file_stamp(path: str) -> list[int]:
    """[size, mtime_ns] of a file, or [-1, -1] when it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError:
        return [-1, -1]
    return [stat.st_size, stat.st_mtime_ns]


def _valid_files(entry: list[Any]) -> tuple[FontFile, ...] | None:
    """A cached family answer, or None when it is malformed or a file changed or is gone."""
    files: list[FontFile] = []
    for item in entry:
        if not (isinstance(item, list) and len(item) == 5):
            return None
        path, index, weight, size, mtime = item
        if _file_stamp(str(path)) != [size, mtime] or size < 0:
            return None
        files.append(FontFile(str(path), int(index), int(weight)))
    return tuple(files)


def _read_families() -> dict[str, Any]:
    """The cached family answers (``families.json``), or {} when there are none."""
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        data = json.loads((folder / "families.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == _CACHE_VERSION else {}


def _font_folders() -> list[str]:
    """Where fontconfig's configuration and caches and the usual font folders are."""
    home = os.path.expanduser("~")
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    return [
        "/etc/fonts", "/etc/fonts/conf.d", "/var/cache/fontconfig", "/usr/lib/fontconfig/cache",
        os.path.join(cache, "fontconfig"), os.path.join(home, ".fontconfig"),
        os.path.join(config, "fontconfig"), *_scan_folders(),
    ]  # fmt: skip


@lru_cache(maxsize=1)
def fontconfig_stamp() -> list[list[Any]]:
    """[folder, mtime_ns] of each existing fontconfig and font folder (`_font_folders`).

    Installing or removing fonts changes these (fontconfig writes a new cache file when it
    notices a changed font folder, and fc-cache runs after a package installs fonts), so a
    cached family answer with another stamp is asked again. About ten ``stat`` calls, once
    per process.
    """
    stamp: list[list[Any]] = []
    for folder in _font_folders():
        try:
            stamp.append([folder, os.stat(folder).st_mtime_ns])
        except OSError:
            continue
    return stamp


def pick(files: tuple[FontFile, ...], *, bold: bool) -> FontFile | None:
    """The face of a family LibreOffice draws regular (or bold) text with: the nearest weight.

    Maps the family's faces → the one whose weight is closest to 80 (regular) or 200 (bold),
    the lighter one on a tie; None for no faces.
    """
    if not files:
        return None
    target = _BOLD_WEIGHT if bold else _REGULAR_WEIGHT
    return min(files, key=lambda f: (abs(f.weight - target), f.weight))


@record
class FontMetrics:
    """Advance widths of one font file in em, as run-length ranges of code points.

    ``starts[i]..ends[i]`` (inclusive) all advance ``advances[i]`` em; a code point in no range
    is not in the font. ``asian`` and ``latin`` are the advances the ``locl`` feature changes
    in a Chinese and in a Western run; ``kern`` the pair adjustments (two-character keys) in em;
    ``ligatures`` what the standard ligatures of ASCII letters change.
    """

    starts: Sequence[int]
    ends: Sequence[int]
    advances: Sequence[float]
    asian: dict[int, float]
    latin: dict[int, float]
    kern: dict[str, float]
    ligatures: dict[str, float]
    """Standard ligatures of ASCII letters ("fi", "ffi") → their advance minus the letters'."""

    def __post_init__(self) -> None:
        """Keep the ranges as compact arrays (int32, float64), whatever sequences were given."""
        for name, code in (("starts", "i"), ("ends", "i"), ("advances", "d")):
            value = getattr(self, name)
            if not (isinstance(value, array) and value.typecode == code):
                object.__setattr__(self, name, array(code, value))
        if not len(self.starts) == len(self.ends) == len(self.advances):
            raise ValueError("ranges of different lengths")

    @property
    def ligature_starts(self) -> frozenset[str]:
        """The first letters of the ligatures: text without any of them has none."""
        return frozenset(piece[0] for piece in self.ligatures)

    def advance(self, cp: int) -> float | None:
        """A code point's default advance in em, or None when the font has no glyph for it."""
        i = bisect_right(self.starts, cp) - 1
        if i >= 0 and cp <= self.ends[i]:
            return self.advances[i]
        return None

    def to_bytes(self) -> bytes:
        """The metrics as a cache file: a JSON header line, then the ranges as binary arrays."""
        header = {
            "version": _CACHE_VERSION,
            "count": len(self.starts),
            "layout": _ARRAY_LAYOUT,
            "asian": {str(k): v for k, v in self.asian.items()},
            "latin": {str(k): v for k, v in self.latin.items()},
            "kern": self.kern,
            "ligatures": self.ligatures,
        }
        return b"".join(
            (
                json.dumps(header, separators=(",", ":")).encode() + b"\n",
                cast("array[int]", self.starts).tobytes(),
                cast("array[int]", self.ends).tobytes(),
                cast("array[float]", self.advances).tobytes(),
            )
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> FontMetrics:
        """Metrics back from `to_bytes`; ValueError when it is not such data (or damaged)."""
        line, _, rest = data.partition(b"\n")
        header = json.loads(line)
        if not isinstance(header, dict) or header.get("version") != _CACHE_VERSION:
            raise ValueError("not a font metrics cache of this version")
        if header.get("layout") != _ARRAY_LAYOUT:
            raise ValueError("written on a machine with other integer sizes or byte order")
        count = int(header["count"])
        starts, ends, advances = array("i"), array("i"), array("d")
        size = starts.itemsize * count
        if len(rest) != 2 * size + advances.itemsize * count:
            raise ValueError("truncated ranges")
        starts.frombytes(rest[:size])
        ends.frombytes(rest[size : 2 * size])
        advances.frombytes(rest[2 * size :])
        return cls(
            starts,
            ends,
            advances,
            {int(k): float(v) for k, v in header["asian"].items()},
            {int(k): float(v) for k, v in header["latin"].items()},
            {str(k): float(v) for k, v in header["kern"].items()},
            {str(k): float(v) for k, v in header["ligatures"].items()},
        )


def cache_dir() -> Path | None:
    """Where metrics cache files go: $BRIEFGEN_FONT_CACHE, else the XDG cache; None if "off"."""
    chosen = os.environ.get("BRIEFGEN_FONT_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "0", "off", "no", "false") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefgen" / "fonts"


def _cache_file(font: FontFile) -> Path | None:
    """The cache file of one font file, named by its path, index, size and mtime."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stat = os.stat(font.path)
    except OSError:
        return None
    key = f"{_CACHE_VERSION}|{font.path}|{font.index}|{stat.st_size}|{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return folder / f"{Path(font.path).stem}-{font.index}-{digest}.metrics"


@lru_cache(maxsize=32)
def metrics_for(font: FontFile) -> FontMetrics | None:
    """The metrics of an installed font file: from the cache file, else read and cached.

    Maps a `FontFile` → its `FontMetrics`, once per process; None when the file cannot be
    read as a font (gone, damaged, no Unicode cmap). A cache that cannot be written is skipped.
    """
    cached = _cache_file(font)
    if cached is not None:
        try:
            return FontMetrics.from_bytes(cached.read_bytes())
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, stale format or damaged: read the font again
    try:
        metrics = read_metrics(font.path, font.index)
    except Exception:  # fontTools raises many kinds of errors on a damaged file
        return None
    if cached is not None:
        _write_atomically(cached, metrics.to_bytes())
    return metrics


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all; errors (read-only home, full disk) are ignored."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def read_metrics(path: str, index: int = 0) -> FontMetrics:
    """Read one font file's metrics with fontTools (the slow path that the cache file avoids).

    Maps (file, index in a collection) → `FontMetrics`; see `_fontread.read_metrics`, which
    is imported, with fontTools, only here.
    """
    from ._fontread import read_metrics as read

    return read(path, index)
