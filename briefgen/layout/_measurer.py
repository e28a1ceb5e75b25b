"""Measurers: a text's advance widths in the face it is drawn in, the way LibreOffice sets it.

Maps a font face → a `Measurer` (`measurer_for(face)`, `measurer_for_theme(theme, role)`),
and a theme → a `FontSet` (`font_set(theme)`), the measurer of each font role that
`layout_deck` measures every text box with. A `FontMeasurer` reads the real advance widths
of the face's installed font files (by `_fonts`, with fontTools, cached on disk) and sets
the text as LibreOffice does: Western and Asian script runs, the autospace where they meet,
pair kerning, ``locl`` glyphs and ligatures; it falls back to the width tables of `_measure`
(`TABLES`) when the face is not installed. ``measurer.width(text, size_pt, bold=...)`` is
points; ``em``, ``prefix_widths`` and ``line_starts`` are the em measures the line breaker
uses.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, groupby, repeat
from operator import add
from typing import TYPE_CHECKING, cast

from ._measure import (
    _ASIAN,
    _LATIN,
    _RUNS,
    AUTOSPACE,
    _cached_width,
    _resolved_codes,
    _widths,
    resolved_scripts,
)

if TYPE_CHECKING:
    from briefgen.theme import Face, Theme

    from ._fonts import FontMetrics

Strong = tuple[tuple[int, int], ...]
"""Spans [start, end) of a text drawn bold inside a regular paragraph (emphasis)."""


class Measurer:
    """Advance widths of text in one face: ``width(text, size_pt, bold=)`` → points.

    Maps text → per-character advances in em plus the extra space at each character's
    junction with the one before it (LibreOffice's Asian–Western autospace, pair kerning).
    Subclasses provide `_measure`; every other method is derived from it, so a caller can
    measure whole texts (`width`, `em`), slices (`prefix_widths`) and lines (`line_starts`).
    """

    @property
    def source(self) -> str:
        """Where the widths come from: "tables" (estimates) or "font files"."""
        return "tables"

    def _measure(self, text: str, bold: bool) -> tuple[list[float], list[float]]:
        """(advance, junction) in em per character; junction = extra space before it."""
        raise NotImplementedError

    def _mixed(self, text: str, bold: bool, strong: Strong) -> tuple[list[float], list[float]]:
        """(advance, junction) per character, the `strong` spans in the bold face.

        Emphasis (a quoted term) is drawn bold inside a regular paragraph: its characters take
        the bold face's advances and junctions (kerning, autospace); the rest the regular's."""
        if bold or not strong:
            return self._measure(text, bold)
        advances, junctions = (list(part) for part in self._measure(text, False))
        heavy_advances, heavy_junctions = self._measure(text, True)
        for start, end in strong:
            advances[start:end] = heavy_advances[start:end]
            junctions[start:end] = heavy_junctions[start:end]
        return advances, junctions

    def width(self, text: str, size_pt: float, *, bold: bool = False, strong: Strong = ()) -> float:
        """Width of ``text`` set on one line at ``size_pt`` points, in points."""
        return self.em(text, bold=bold, strong=strong) * size_pt

    def em(self, text: str, *, bold: bool = False, strong: Strong = ()) -> float:
        """Width of ``text`` on one line in em (1 em = the font size); newlines count 0.

        ``strong`` spans ([start, end) pairs) are measured bold (emphasis drawn bold)."""
        advances, junctions = self._mixed(text, bold, strong)
        return sum(advances) + sum(junctions)

    def prefix_widths(self, text: str, *, bold: bool = False, strong: Strong = ()) -> list[float]:
        """Cumulative widths in em: element ``i`` is the width of ``text[:i]`` (n + 1 entries)."""
        advances, junctions = self._mixed(text, bold, strong)
        return [0.0, *accumulate(a + j for a, j in zip(advances, junctions, strict=True))]

    def prefix_and_starts(
        self, text: str, *, bold: bool = False, strong: Strong = ()
    ) -> tuple[list[float], list[float]]:
        """`prefix_widths` and `line_starts` of one text, measured and summed once."""
        advances, junctions = self._mixed(text, bold, strong)
        prefix = [0.0, *accumulate(a + j for a, j in zip(advances, junctions, strict=True))]
        return prefix, [p + j for p, j in zip(prefix, [*junctions, 0.0], strict=True)]

    def line_starts(self, text: str, *, bold: bool = False, strong: Strong = ()) -> list[float]:
        """Where each character's glyph begins when a line starts at it, in em.

        The prefix width plus the junction space in front of it, which a line break removes
        (n + 1 entries, the last = the total width); same contract as `line_starts()`.
        """
        return self.prefix_and_starts(text, bold=bold, strong=strong)[1]


class TableMeasurer(Measurer):
    """Today's estimates: the width tables of this module, the same for every face and weight.

    Maps text → the widths of `text_width` / `_prefix_widths` / `line_starts` (bold is
    ignored): the fallback when a face's font file is not installed (微软雅黑 on Linux).
    """

    def _measure(self, text: str, bold: bool) -> tuple[list[float], list[float]]:
        """Table advances, and AUTOSPACE between an ideograph and an ASCII letter or digit."""
        plain = list(map(_cached_width, text))
        widths = _widths(text)
        return plain, [w - p for w, p in zip(widths, plain, strict=True)]


class FontMeasurer(Measurer):
    """Real advances from a face's installed font files, as LibreOffice lays the text out.

    Maps text → the Western font's advances for Latin runs and the East Asian font's for
    Asian runs (by `resolved_scripts`), with the ``locl`` glyphs of Chinese and Western runs,
    pair kerning inside Latin runs and AUTOSPACE where an Asian run meets a Latin one. A
    character a font lacks, and every character when neither font file is installed, falls
    back to the width tables. Font files are found and read on the first measurement.
    """

    def __init__(self, latin: str, ea: str) -> None:
        self.latin = latin
        self.ea = ea
        self._fonts: dict[bool, tuple[FontMetrics | None, FontMetrics | None]] = {}
        self._cache: dict[tuple[str, bool], tuple[list[float], list[float]]] = {}
        self._advances: dict[tuple[int, bool, bool], dict[str, float]] = {}
        """Advances by (script, locl applies, bold) and character."""

    @property
    def source(self) -> str:
        """ "font files" when a font file of the face is installed, else "tables"."""
        return "font files" if any(self._metrics(False)) else "tables"

    def _metrics(self, bold: bool) -> tuple[FontMetrics | None, FontMetrics | None]:
        """(Western, East Asian) metrics of the regular or bold face, found once."""
        if bold not in self._fonts:
            from ._fonts import find_family, metrics_for, pick

            def load(family: str) -> FontMetrics | None:
                font = pick(find_family(family), bold=bold)
                return metrics_for(font) if font is not None else None

            latin = load(self.latin)
            self._fonts[bold] = (latin, latin if self.ea == self.latin else load(self.ea))
        return self._fonts[bold]

    def _measure(self, text: str, bold: bool) -> tuple[list[float], list[float]]:
        """(advance, junction) per character, cached per (text, weight) (4096 texts at most)."""
        key = (text, bold)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 4096:
                self._cache.clear()
            found = self._cache[key] = self._compute(text, bold)
        return found

    def _compute(self, text: str, bold: bool) -> tuple[list[float], list[float]]:
        """(advance, junction) per character from the font files, as in the class docstring."""
        latin, ea = self._metrics(bold)
        if latin is None and ea is None:
            return TableMeasurer._measure(TABLES, text, bold)
        advances: list[float] = []
        junctions = [0.0] * len(text)
        for run in _RUNS.finditer(_resolved_codes(text)):
            start, end = run.span()
            script = _LATIN if run[0][0] == "l" else _ASIAN
            piece = text[start:end]
            # a run of digits and punctuation only is shaped without locl
            local = any(map(str.isalpha, piece))
            known = self._advances.setdefault((script, local, bold), {})
            found = list(map(known.get, piece))
            if None in found:
                font = ea if script == _ASIAN else latin
                for ch in set(piece) - known.keys():
                    known[ch] = _font_advance(font, ch, script, local=local)
                found = list(map(known.get, piece))
            advances.extend(cast("list[float]", found))
            if start and text[start - 1] != "\n":
                junctions[start] = AUTOSPACE
            if script == _LATIN and latin is not None and latin.kern and end - start > 1:
                pairs = map(add, piece[:-1], piece[1:])
                junctions[start + 1 : end] = map(latin.kern.get, pairs, repeat(0.0))
        if latin is not None and latin.ligatures and not latin.ligature_starts.isdisjoint(text):
            scripts = resolved_scripts(text)
            _apply_ligatures(
                text, scripts, _lettered_runs(text, scripts), latin.ligatures, junctions
            )
        return advances, junctions


def _apply_ligatures(
    text: str,
    scripts: list[int],
    lettered: list[bool],
    ligatures: dict[str, float],
    junctions: list[float],
) -> None:
    """Add each standard ligature's advance change ("ffi") to its last letter's junction.

    Longest ligature first, left to right, inside Latin runs that hold letters (as shaped).
    """
    longest = max(map(len, ligatures))
    firsts = {piece[0] for piece in ligatures}
    i = 0
    while i < len(text):
        if text[i] in firsts and scripts[i] == _LATIN and lettered[i]:
            for k in range(longest, 1, -1):
                piece = text[i : i + k]  # shorter than k at the end of the text
                if (
                    len(piece) == k
                    and piece in ligatures
                    and all(s == _LATIN for s in scripts[i : i + k])
                ):
                    for j in range(i + 1, i + k):
                        junctions[j] = 0.0  # no kerning inside a ligature
                    junctions[i + k - 1] = ligatures[piece]
                    i += k - 1
                    break
        i += 1


TABLES = TableMeasurer()
"""The table measurer (today's estimates), shared."""


def _lettered_runs(text: str, scripts: list[int]) -> list[bool]:
    """Per character, whether its run (characters of the same script) holds a letter.

    LibreOffice shapes each run with the script of its letters (``hani``, ``latn``); a run of
    digits and punctuation only ("2020", "，") is shaped as ``DFLT``, without ``locl``.
    """
    out: list[bool] = []
    start = 0
    for _, run in groupby(scripts):
        end = start + sum(1 for _ in run)
        out += [any(map(str.isalpha, text[start:end]))] * (end - start)
        start = end
    return out


def _font_advance(font: FontMetrics | None, ch: str, script: int, *, local: bool) -> float:
    """One character's advance in em in a run of ``script``: the font's, else the table's.

    Control and format characters are 0 (as in the tables); with ``local`` (a run with
    letters) the run's ``locl`` glyph wins over the default one; a character the font lacks
    gets the table width (LibreOffice draws it with a fallback font we can only estimate).
    """
    if font is None:
        return _cached_width(ch)
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
        return 0.0
    cp = ord(ch)
    changed = font.asian if script == _ASIAN else font.latin
    if local and cp in changed:
        return changed[cp]
    advance = font.advance(cp)
    return _cached_width(ch) if advance is None else advance


@lru_cache(maxsize=64)
def _measurer(latin: str, ea: str) -> FontMeasurer:
    """The one measurer of a (Western, East Asian) family pair in this process."""
    return FontMeasurer(latin, ea)


def measurer_for(face: Face) -> Measurer:
    """The measurer of a theme face (``a:latin`` + ``a:ea`` families), one per face, cached.

    Maps a `Face` → a `FontMeasurer` that reads the installed font files on first use and
    measures with the tables when they are not installed; the same object for equal faces.
    """
    return _measurer(face.latin, face.ea)


def measurer_for_theme(theme: Theme, role: str) -> Measurer:
    """The measurer of a theme's font role (``sans``, ``serif``, ``quote``): see `measurer_for`."""
    return measurer_for(theme.face(role))


@dataclass(frozen=True, eq=False)
class FontSet:
    """The measurers of a theme's font roles: what layout measures each text box with.

    Maps a role (`sans`, `serif`, `quote`, as a `TextBlock`'s `font`) → the `Measurer` of the
    face the theme names for it. One object per set of faces, so it keys layout caches.
    """

    sans: Measurer
    serif: Measurer
    quote: Measurer

    def __getitem__(self, role: str) -> Measurer:
        measurer: Measurer = getattr(self, role)
        return measurer


@lru_cache(maxsize=16)
def _font_set(sans: Face, serif: Face, quote: Face) -> FontSet:
    return FontSet(measurer_for(sans), measurer_for(serif), measurer_for(quote))


def font_set(theme: Theme) -> FontSet:
    """The measurers of `theme`'s faces (in its chosen font set), one `FontSet` per faces."""
    return _font_set(theme.face("sans"), theme.face("serif"), theme.face("quote"))


TABLE_FONTS = FontSet(TABLES, TABLES, TABLES)
"""Every role measured with the width tables (no font files read)."""


__all__ = [
    "TABLES",
    "TABLE_FONTS",
    "FontMeasurer",
    "FontSet",
    "Measurer",
    "Strong",
    "TableMeasurer",
    "font_set",
    "measurer_for",
    "measurer_for_theme",
]
