"""Reading a font file with fontTools: advances, ``locl`` changes, ASCII kerning and ligatures.

Maps (font file, index in a TTC/OTC collection) → `FontMetrics` in em, and a font file → its
faces' family names and weights (`faces_of`, for finding fonts without fontconfig). This is
the slow path (0.3–0.6 s for a CJK font, plus ~35 ms to import fontTools) that `_fonts` runs
only when no cache file holds the answer; nothing imports this module otherwise.
"""

from __future__ import annotations

from array import array
from itertools import pairwise
from typing import Any

from fontTools.ttLib import TTFont

from ._fonts import FontMetrics

__all__ = ["KERN_CHARS", "faces_of", "read_metrics"]

KERN_CHARS = "".join(chr(c) for c in range(0x20, 0x7F))
"""Characters whose pair kerning is read: printable ASCII (Latin words, digits, punctuation)."""


def read_metrics(path: str, index: int = 0) -> FontMetrics:
    """Read one font file's advances, ``locl`` changes, ASCII kerning and ligatures.

    Maps (file, index in a collection) → `FontMetrics` in em (advance / unitsPerEm).
    """
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
    return FontMetrics(
        array("i", starts), array("i", ends), array("d", advances), asian, latin, kern, ligatures
    )


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


_FC_WEIGHTS = ((100, 0), (200, 40), (300, 50), (350, 55), (380, 75), (400, 80), (500, 100),
               (600, 180), (700, 200), (800, 205), (900, 210), (1000, 215))  # fmt: skip
"""OpenType usWeightClass → fontconfig weight (as fontconfig's FcWeightFromOpenType)."""


def fontconfig_weight(weight_class: int) -> int:
    """An OpenType weight class (400 regular, 700 bold) → fontconfig's weight (80, 200)."""
    points = _FC_WEIGHTS
    if weight_class <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in pairwise(points):
        if weight_class <= x1:
            return round(y0 + (y1 - y0) * (weight_class - x0) / (x1 - x0))
    return points[-1][1]


def faces_of(path: str) -> list[tuple[int, list[str], int]]:
    """Each face of a font file: (index in the file, family names, fontconfig weight).

    Maps a .ttf/.otf/.ttc/.otc file → its faces' family names (name IDs 1 and 16, in every
    language: "微软雅黑" and "Microsoft YaHei") and weights; [] when it cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
        count = int.from_bytes(head[8:12], "big") if head[:4] == b"ttcf" else 1
        faces: list[tuple[int, list[str], int]] = []
        for index in range(min(count, 256)):
            with TTFont(path, fontNumber=index, lazy=True) as font:
                names: set[str] = set()
                for record in font["name"].names:
                    if record.nameID in (1, 16):
                        try:
                            names.add(record.toUnicode().strip())
                        except UnicodeError:
                            continue
                weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
                faces.append((index, sorted(n for n in names if n), fontconfig_weight(weight)))
        return faces
    except Exception:  # a damaged or unsupported file is not a font we can use
        return []
