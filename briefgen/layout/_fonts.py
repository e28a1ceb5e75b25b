"""Font files: find an installed face with fontconfig and read its advance widths with fontTools.

Maps a family name (``Noto Sans CJK SC``, ``微软雅黑``) → the installed font files of that
family (file, TTC/OTC index, weight), by one ``fc-list`` call per family; and one font file →
`FontMetrics`: every mapped code point's advance in em, the advances the ``locl`` feature
changes for Chinese (``hani``/``ZHS``) and Western (``latn``, default language) runs as
LibreOffice shapes them, and the pair kerning (``kern``) between printable ASCII characters.

Reading a CJK font with fontTools takes about 0.2 s (cmap, glyph order, hmtx, GSUB, GPOS of
65 535 glyphs), so the metrics are kept in a small JSON file per font file (about 40 kB) under
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
import subprocess
import tempfile
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "FontFile",
    "FontMetrics",
    "cache_dir",
    "find_family",
    "metrics_for",
    "read_metrics",
]

_CACHE_VERSION = 1
_FC_TIMEOUT = 5.0
"""Seconds one ``fc-list`` call may take (it answers from fontconfig's cache in ~6 ms)."""

_REGULAR_WEIGHT = 80
"""fontconfig's weight of a Regular face (``FC_WEIGHT_REGULAR``)."""
_BOLD_WEIGHT = 200
"""fontconfig's weight of a Bold face (``FC_WEIGHT_BOLD``)."""

KERN_CHARS = "".join(chr(c) for c in range(0x20, 0x7F))
"""Characters whose pair kerning is read: printable ASCII (Latin words, digits, punctuation)."""


@dataclass(frozen=True, slots=True)
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
    """The installed files of a font family, by fontconfig (``fc-list``), cached per process.

    Maps a family name → its faces (any weight) sorted by weight; empty when the family is
    not installed, when ``fc-list`` is missing (no fontconfig) or fails. fontconfig matches the
    family name exactly (case-insensitively), never a substitute: 微软雅黑 on Linux gives ().
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None or not family.strip():
        return ()
    try:
        out = subprocess.run(
            [fc_list, "-f", "%{file}\t%{index}\t%{weight}\n", _escape(family)],
            capture_output=True,
            text=True,
            timeout=_FC_TIMEOUT,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found: set[FontFile] = set()
    for line in out.splitlines():
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


def pick(files: tuple[FontFile, ...], *, bold: bool) -> FontFile | None:
    """The face of a family LibreOffice draws regular (or bold) text with: the nearest weight.

    Maps the family's faces → the one whose weight is closest to 80 (regular) or 200 (bold),
    the lighter one on a tie; None for no faces.
    """
    if not files:
        return None
    target = _BOLD_WEIGHT if bold else _REGULAR_WEIGHT
    return min(files, key=lambda f: (abs(f.weight - target), f.weight))


@dataclass(frozen=True, slots=True)
class FontMetrics:
    """Advance widths of one font file in em, as run-length ranges of code points.

    ``starts[i]..ends[i]`` (inclusive) all advance ``advances[i]`` em; a code point in no range
    is not in the font. ``asian`` and ``latin`` are the advances the ``locl`` feature changes
    in a Chinese and in a Western run; ``kern`` the pair adjustments (two-character keys) in em;
    ``ligatures`` what the standard ligatures of ASCII letters change.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    advances: tuple[float, ...]
    asian: dict[int, float]
    latin: dict[int, float]
    kern: dict[str, float]
    ligatures: dict[str, float]
    """Standard ligatures of ASCII letters ("fi", "ffi") → their advance minus the letters'."""

    def advance(self, cp: int) -> float | None:
        """A code point's default advance in em, or None when the font has no glyph for it."""
        i = bisect_right(self.starts, cp) - 1
        if i >= 0 and cp <= self.ends[i]:
            return self.advances[i]
        return None

    def to_json(self) -> dict[str, Any]:
        """The metrics as JSON-ready data (the cache file's content)."""
        return {
            "version": _CACHE_VERSION,
            "starts": self.starts,
            "ends": self.ends,
            "advances": self.advances,
            "asian": {str(k): v for k, v in self.asian.items()},
            "latin": {str(k): v for k, v in self.latin.items()},
            "kern": self.kern,
            "ligatures": self.ligatures,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FontMetrics:
        """Metrics back from `to_json` data; ValueError when it is not such data."""
        if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
            raise ValueError("not a font metrics cache of this version")
        starts, ends, advances = data["starts"], data["ends"], data["advances"]
        if not len(starts) == len(ends) == len(advances):
            raise ValueError("ranges of different lengths")
        return cls(
            tuple(map(int, starts)),
            tuple(map(int, ends)),
            tuple(map(float, advances)),
            {int(k): float(v) for k, v in data["asian"].items()},
            {int(k): float(v) for k, v in data["latin"].items()},
            {str(k): float(v) for k, v in data["kern"].items()},
            {str(k): float(v) for k, v in data["ligatures"].items()},
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
    return folder / f"{Path(font.path).stem}-{font.index}-{digest}.json"


@lru_cache(maxsize=32)
def metrics_for(font: FontFile) -> FontMetrics | None:
    """The metrics of an installed font file: from the cache file, else read and cached.

    Maps a `FontFile` → its `FontMetrics`, once per process; None when the file cannot be
    read as a font (gone, damaged, no Unicode cmap). A cache that cannot be written is skipped.
    """
    cached = _cache_file(font)
    if cached is not None:
        try:
            return FontMetrics.from_json(json.loads(cached.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, stale format or damaged: read the font again
    try:
        metrics = read_metrics(font.path, font.index)
    except Exception:  # fontTools raises many kinds of errors on a damaged file
        return None
    if cached is not None:
        _write_atomically(cached, json.dumps(metrics.to_json(), separators=(",", ":")))
    return metrics


def _write_atomically(path: Path, text: str) -> None:
    """Write a cache file whole or not at all; errors (read-only home, full disk) are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def read_metrics(path: str, index: int = 0) -> FontMetrics:
    """Read one font file's advances, ``locl`` changes and ASCII kerning with fontTools.

    Maps (file, index in a collection) → `FontMetrics` in em (advance / unitsPerEm). This is
    the slow path (~0.2 s for a CJK font) that the cache file avoids; fontTools is imported here.
    """
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        upm = float(font["head"].unitsPerEm)
        cmap: dict[int, str] = font.getBestCmap() or {}
        if not cmap:
            raise ValueError(f"{path}: no Unicode cmap")
        hmtx: dict[str, tuple[int, int]] = font["hmtx"].metrics
        starts: list[int] = []
        ends: list[int] = []
        advances: list[float] = []
        for cp in sorted(cmap):
            advance = hmtx[cmap[cp]][0] / upm
            if starts and ends[-1] == cp - 1 and advances[-1] == advance:
                ends[-1] = cp
            else:
                starts.append(cp)
                ends.append(cp)
                advances.append(advance)
        gsub = font["GSUB"].table if "GSUB" in font else None
        gpos = font["GPOS"].table if "GPOS" in font else None
        asian = _locl_changes(gsub, cmap, hmtx, upm, "hani", "ZHS ")
        latin = _locl_changes(gsub, cmap, hmtx, upm, "latn", None)
        kern = _ascii_kerning(gpos, cmap, upm)
        ligatures = _ascii_ligatures(gsub, cmap, hmtx, upm)
    return FontMetrics(tuple(starts), tuple(ends), tuple(advances), asian, latin, kern, ligatures)


def _feature_lookups(table: Any, script: str, language: str | None, feature: str) -> list[Any]:
    """The lookups of one feature for a script and language (OpenType language system).

    Maps (GSUB/GPOS table, script tag, language tag or None for the default) → its lookups
    in lookup-list order, falling back to the default language and then the DFLT script.
    """
    if table is None or table.ScriptList is None or table.FeatureList is None:
        return []
    scripts = {rec.ScriptTag: rec.Script for rec in table.ScriptList.ScriptRecord}
    chosen = scripts.get(script) or scripts.get("DFLT")
    if chosen is None:
        return []
    langsys = chosen.DefaultLangSys
    for rec in chosen.LangSysRecord or ():
        if language is not None and rec.LangSysTag == language:
            langsys = rec.LangSys
    if langsys is None:
        return []
    records = table.FeatureList.FeatureRecord
    indices = sorted(
        {
            lookup
            for i in langsys.FeatureIndex
            if records[i].FeatureTag == feature
            for lookup in records[i].Feature.LookupListIndex
        }
    )
    return [table.LookupList.Lookup[i] for i in indices]


def _subtables(lookup: Any) -> list[Any]:
    """A lookup's subtables, unwrapped from Extension subtables (GSUB 7, GPOS 9)."""
    return [getattr(st, "ExtSubTable", st) for st in lookup.SubTable]


def _locl_changes(
    gsub: Any,
    cmap: dict[int, str],
    hmtx: dict[str, tuple[int, int]],
    upm: float,
    script: str,
    language: str | None,
) -> dict[int, float]:
    """Code points whose advance the ``locl`` single substitutions change, → the new advance."""
    mapping: dict[str, str] = {}
    for lookup in _feature_lookups(gsub, script, language, "locl"):
        for sub in _subtables(lookup):
            for old, new in (getattr(sub, "mapping", None) or {}).items():
                mapping.setdefault(old, new)
    changes: dict[int, float] = {}
    if not mapping:
        return changes
    for cp, glyph in cmap.items():
        new = mapping.get(glyph)
        if new is not None and new in hmtx and hmtx[new][0] != hmtx[glyph][0]:
            changes[cp] = hmtx[new][0] / upm
    return changes


def _ascii_kerning(gpos: Any, cmap: dict[int, str], upm: float) -> dict[str, float]:
    """Pair kerning (``kern``, Western runs) between printable ASCII characters, in em.

    Maps the GPOS table → {"AV": -0.05, ...} for every non-zero pair; the first subtable of a
    lookup that holds a pair applies (as in HarfBuzz), and the lookups' adjustments add up.
    """
    glyphs = {ch: cmap[ord(ch)] for ch in KERN_CHARS if ord(ch) in cmap}
    kern: dict[str, float] = {}
    for lookup in _feature_lookups(gpos, "latn", None, "kern"):
        if lookup.LookupType not in (2, 9):
            continue
        pairs = [_PairTable(st) for st in _subtables(lookup) if getattr(st, "Format", 0) in (1, 2)]
        for a, ga in glyphs.items():
            for b, gb in glyphs.items():
                value = next((v for t in pairs if (v := t.value(ga, gb)) is not None), 0)
                if value:
                    kern[a + b] = kern.get(a + b, 0.0) + value / upm
    return {pair: value for pair, value in kern.items() if value}


def _ascii_ligatures(
    gsub: Any, cmap: dict[int, str], hmtx: dict[str, tuple[int, int]], upm: float
) -> dict[str, float]:
    """Standard ligatures (``liga``, Western runs) of ASCII letters → advance change in em.

    Maps the GSUB table → {"ffi": -0.08, ...}: the ligature glyph's advance minus the sum of
    the letters' advances, for ligatures whose letters are all ASCII letters.
    """
    letters = {cmap[ord(ch)]: ch for ch in KERN_CHARS if ch.isalpha() and ord(ch) in cmap}
    found: dict[str, float] = {}
    for lookup in _feature_lookups(gsub, "latn", None, "liga"):
        for sub in _subtables(lookup):
            for first, ligatures in (getattr(sub, "ligatures", None) or {}).items():
                for lig in ligatures:
                    names = [first, *lig.Component]
                    if not all(name in letters for name in names) or lig.LigGlyph not in hmtx:
                        continue
                    text = "".join(letters[name] for name in names)
                    parts = sum(hmtx[name][0] for name in names)
                    if text not in found and hmtx[lig.LigGlyph][0] != parts:
                        found[text] = (hmtx[lig.LigGlyph][0] - parts) / upm
    return found


def _x_advance(value: Any) -> int:
    """The XAdvance of a ValueRecord (0 when it has none)."""
    return int(getattr(value, "XAdvance", 0) or 0) if value is not None else 0


class _PairTable:
    """One PairPos subtable (format 1: glyph pairs, format 2: class pairs) ready for look-ups."""

    def __init__(self, sub: Any) -> None:
        self.format: int = sub.Format
        self.coverage: dict[str, int] = {g: i for i, g in enumerate(sub.Coverage.glyphs)}
        self.sub = sub
        self.pairs: dict[str, dict[str, int]] = {}

    def value(self, first: str, second: str) -> int | None:
        """The pair's x-advance adjustment, or None when this subtable does not apply to it."""
        index = self.coverage.get(first)
        if index is None:
            return None
        if self.format == 1:
            if first not in self.pairs:
                records = self.sub.PairSet[index].PairValueRecord
                self.pairs[first] = {r.SecondGlyph: _x_advance(r.Value1) for r in records}
            return self.pairs[first].get(second)
        class1 = self.sub.ClassDef1.classDefs.get(first, 0)
        class2 = self.sub.ClassDef2.classDefs.get(second, 0)
        return _x_advance(self.sub.Class1Record[class1].Class2Record[class2].Value1)
