"""Text measurement: advance widths in em, estimated for Noto Sans CJK SC without a font file.

The estimates assume Noto Sans CJK SC as the East Asian face (``a:ea``); no font file
is read:

* East Asian Width ``W``/``F`` characters (ideographs, kana, hangul, full-width forms,
  CJK punctuation) are 1 em;
* curly quotes, ``…``, ``—`` (plus ``―``, ``‰``, ``※``) are drawn by the CJK face and are
  1 em too, as are ambiguous-width symbols (``①``, ``●``, ``→``, ``℃``...), which that
  face draws full width; ``⸺``/``⸻`` are 2 and 3 em;
* everything else comes from a small per-character / per-category table tuned for the
  proportional Latin glyphs of Noto Sans CJK SC, rounded slightly up so that estimates err
  on the wide side (a line that we think fits must really fit);
* combining marks, control and format characters (``\\n``, ZWSP, ZWJ...) are 0.

All functions are pure; per-character results are cached.

Beside these tables, a `Measurer` keyed by font face (`measurer_for(face)`,
`measurer_for_theme(theme, role)`) measures with the real advance widths of the face's
installed font files (read by `_fonts` with fontTools, cached on disk) the way LibreOffice
sets the text: Western and Asian script runs, the autospace where they meet, pair kerning,
``locl`` glyphs and ligatures; it falls back to the tables (`TABLES`) when the face is not
installed. ``measurer.width(text, size_pt, bold=...)`` is points; ``em``, ``prefix_widths`` and
``line_starts`` are the em measures the line breaker uses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, groupby, repeat
from operator import add
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from briefgen.theme import Face, Theme

    from ._fonts import FontMetrics

__all__ = [
    "AUTOSPACE",
    "TABLES",
    "TABLE_FONTS",
    "FontMeasurer",
    "FontSet",
    "Measurer",
    "TableMeasurer",
    "char_width",
    "font_set",
    "measurer_for",
    "measurer_for_theme",
    "resolved_scripts",
    "script_type",
    "text_width",
]

FULL_WIDTH = 1.0
"""Width of a character drawn by the CJK face, in em."""

# Punctuation that Noto Sans CJK SC (zh-Hans) draws full width, although its East Asian
# Width is ambiguous: curly quotes, ellipsis, em dash and friends.
_CJK_FACE = frozenset("“”‘’…—―‰※")

# Multi-em dashes used in Chinese typesetting.
_MULTI_EM = {"\u2e3a": 2.0, "\u2e3b": 3.0}

_UPPER_DEFAULT = 0.65
_LOWER_DEFAULT = 0.55
_DIGIT = 0.56

# Printable ASCII that differs from the per-class defaults above.
_ASCII: dict[str, float] = {
    " ": 0.25,
    # narrow letters
    "i": 0.3,
    "j": 0.3,
    "l": 0.3,
    "f": 0.38,
    "r": 0.38,
    "t": 0.38,
    "s": 0.5,
    "z": 0.5,
    "m": 0.85,
    "w": 0.78,
    "I": 0.3,
    "J": 0.5,
    "E": 0.6,
    "F": 0.58,
    "L": 0.56,
    "M": 0.85,
    "W": 0.85,
    # punctuation and symbols
    "!": 0.3,
    '"': 0.45,
    "#": 0.56,
    "$": 0.56,
    "%": 0.9,
    "&": 0.7,
    "'": 0.25,
    "(": 0.35,
    ")": 0.35,
    "*": 0.48,
    "+": 0.56,
    ",": 0.3,
    "-": 0.38,
    ".": 0.3,
    "/": 0.4,
    ":": 0.3,
    ";": 0.3,
    "<": 0.56,
    "=": 0.56,
    ">": 0.56,
    "?": 0.48,
    "@": 0.95,
    "[": 0.35,
    "\\": 0.4,
    "]": 0.35,
    "^": 0.56,
    "_": 0.5,
    "`": 0.56,
    "{": 0.35,
    "|": 0.3,
    "}": 0.35,
    "~": 0.56,
}

# Spaces other than U+0020 (U+3000 is 'F' and never gets here).
_SPACES: dict[str, float] = {
    "\u00a0": 0.25,  # no-break space
    "\u2000": 0.5,  # en quad
    "\u2001": 1.0,  # em quad
    "\u2002": 0.5,  # en space
    "\u2003": 1.0,  # em space
    "\u2004": 0.34,  # three-per-em space
    "\u2005": 0.25,  # four-per-em space
    "\u2006": 0.17,  # six-per-em space
    "\u2007": _DIGIT,  # figure space
    "\u2008": 0.3,  # punctuation space
    "\u2009": 0.2,  # thin space
    "\u200a": 0.1,  # hair space
    "\u202f": 0.2,  # narrow no-break space
    "\u205f": 0.25,  # medium mathematical space
}

# Fallbacks for narrow / neutral / ambiguous characters by general category.
_CATEGORY: dict[str, float] = {
    "Lu": _UPPER_DEFAULT,
    "Lt": _UPPER_DEFAULT,
    "Ll": _LOWER_DEFAULT,
    "Lm": 0.4,
    "Lo": 0.6,
    "Nd": _DIGIT,
    "Nl": 0.6,
    "No": 0.6,
    "Pc": 0.5,
    "Pd": 0.4,
    "Ps": 0.35,
    "Pe": 0.35,
    "Pi": 0.35,
    "Pf": 0.35,
    "Po": 0.35,
    "Sm": 0.56,
    "Sc": 0.56,
    "Sk": 0.56,
    "So": 0.6,
    "Zs": 0.25,
}
_OTHER = 0.6
_HALFWIDTH = 0.5

# Ambiguous-width symbol categories drawn full width by the CJK face.
_WIDE_AMBIGUOUS_CATEGORIES = frozenset({"So", "Sm", "No"})


@lru_cache(maxsize=65536)
def _is_fullwidth(ch: str) -> bool:
    """Whether one character is drawn by the CJK face at 1 em (or more).

    Maps ``W``/``F`` East Asian Width, the quote/ellipsis/dash set and ambiguous-width
    symbols to True; every narrow, neutral or zero-width character to False.
    """
    if ch in _CJK_FACE or ch in _MULTI_EM:
        return True
    eaw = unicodedata.east_asian_width(ch)
    if eaw in ("W", "F"):
        return True
    return eaw == "A" and unicodedata.category(ch) in _WIDE_AMBIGUOUS_CATEGORIES


@lru_cache(maxsize=65536)
def _cached_width(ch: str) -> float:
    """Width of one character in em, unchecked and cached.

    Maps a single code point to the table described in the module docstring.
    """
    if ch in _ASCII:
        return _ASCII[ch]
    if "0" <= ch <= "9":
        return _DIGIT
    if "a" <= ch <= "z":
        return _LOWER_DEFAULT
    if "A" <= ch <= "Z":
        return _UPPER_DEFAULT
    if ch in _MULTI_EM:
        return _MULTI_EM[ch]
    category = unicodedata.category(ch)
    if category[0] == "M" or category in ("Cc", "Cf", "Zl", "Zp"):
        return 0.0
    if _is_fullwidth(ch):
        return FULL_WIDTH
    if ch in _SPACES:
        return _SPACES[ch]
    if unicodedata.east_asian_width(ch) == "H":
        return _HALFWIDTH
    return _CATEGORY.get(category, _OTHER)


def char_width(ch: str) -> float:
    """Advance width of one character in em (1 em = font size).

    Maps a single code point to 1.0 for CJK-face glyphs, to a tuned Latin estimate for
    narrow ones and to 0.0 for combining marks and control/format characters.
    Raises ``ValueError`` unless ``ch`` is exactly one character.
    """
    if len(ch) != 1:
        raise ValueError(f"char_width() expects one character, got {len(ch)}: {ch!r}")
    return _cached_width(ch)


AUTOSPACE = 0.25
"""Extra em between an ideograph and an ASCII letter or digit (in either order).

LibreOffice (and WPS) add this space automatically between Asian and Western text
("2020 年"); PowerPoint does not. Counting it keeps "10项重点任务" on the line we measured in
every client: a little slack in PowerPoint, never a rewrap in LibreOffice.
"""


@lru_cache(maxsize=8192)
def _kind(ch: str) -> int:
    """1 for an ideograph, kana or hangul letter, 2 for an ASCII letter or digit, else 0."""
    if ch.isascii():
        return 2 if ch.isalnum() else 0
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    return 1 if wide and unicodedata.category(ch) == "Lo" else 0


def _widths(text: str) -> list[float]:
    """Each character's advance, plus the autospace it opens after its neighbour."""
    widths = list(map(_cached_width, text))
    previous = 0
    for i, ch in enumerate(text):
        kind = _kind(ch)
        if kind and previous and kind != previous:
            widths[i] += AUTOSPACE
        previous = kind
    return widths


def line_starts(text: str) -> list[float]:
    """Where each character's glyph begins when a line starts at it: the prefix width plus the
    autospace in front of it, which a line break removes (n + 1 entries, the last = total)."""
    widths = _widths(text)
    prefix = [0.0, *accumulate(widths)]
    plain = list(map(_cached_width, text))
    return [p + (w - c) for p, w, c in zip(prefix, [*widths, 0.0], [*plain, 0.0], strict=True)]


def text_width(text: str) -> float:
    """Sum of char widths in em, with the autospace between ideographs and Latin/digits.

    Maps a string to the total advance of its characters; newlines and other control
    characters count 0, so the result is the width of the text set on one line.
    """
    return sum(_widths(text))


def _prefix_widths(text: str) -> list[float]:
    """Cumulative widths: element ``i`` is ``text_width(text[:i])``.

    Maps a string of length n to n + 1 non-decreasing floats, so the width of any slice
    ``text[a:b]`` is ``p[b] - p[a]`` in O(1).
    """
    return [0.0, *accumulate(_widths(text))]


# ------------------------------------------------------------------ measurers keyed by face

_WEAK, _LATIN, _ASIAN = 0, 1, 2
"""LibreOffice's script types of a character (i18n ScriptType WEAK, LATIN, ASIAN)."""

_LATIN_RANGES = (
    (0x0000, 0x02FF),  # Basic Latin … Spacing Modifier Letters (ASCII punctuation, ·, é)
    (0x0370, 0x058F),  # Greek, Cyrillic, Armenian
    (0x10A0, 0x10FF),  # Georgian
    (0x13A0, 0x16FF),  # Cherokee … Runic
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
)
_ASIAN_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0xD7AF),  # CJK Radicals … Hangul Syllables: 、。「」, kana, ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms: ，（）１Ａ
    (0x20000, 0x3FFFF),  # ideographs of the supplementary planes
)


@lru_cache(maxsize=65536)
def script_type(ch: str) -> int:
    """LibreOffice's script type of one character: 2 Asian, 1 Latin, 0 weak.

    Maps a code point by its Unicode block, as LibreOffice's break iterator does: CJK blocks
    (ideographs, kana, 、。, full-width forms) are Asian; Latin, Greek and Cyrillic blocks,
    ASCII punctuation and digits included, are Latin; the ideographic space U+3000 is Asian;
    the other spaces, control and format characters, combining marks and everything else
    (“”‘’…—, ①, ●, →) are weak: a weak character takes the script of the text before it.
    """
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Zl", "Zp") or category[0] == "M" or ch in " \u00a0":
        return _WEAK
    cp = ord(ch)
    if any(lo <= cp <= hi for lo, hi in _ASIAN_RANGES):
        return _ASIAN
    if category != "Zs" and any(lo <= cp <= hi for lo, hi in _LATIN_RANGES):
        return _LATIN
    return _WEAK


class _ScriptCodes(dict[int, str]):
    """str.translate table: code point → "a" Asian, "l" Latin (and ``\n``), "w" weak; filled lazily."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        code = "l" if ch == "\n" else "wla"[script_type(ch)]
        self[cp] = code
        return code


_SCRIPT_CODES = _ScriptCodes()
_WEAK_AFTER = re.compile(r"([la])w+")
_LEADING_WEAK = re.compile(r"^w+")
_RUNS = re.compile(r"l+|a+")


def _resolved_codes(text: str) -> str:
    """One script code per character ("l" or "a") after weak characters are resolved."""
    codes = text.translate(_SCRIPT_CODES)
    if "w" in codes:
        codes = _LEADING_WEAK.sub(lambda m: "l" * len(m[0]), codes)
        codes = _WEAK_AFTER.sub(lambda m: m[1] * len(m[0]), codes)
    return codes


def resolved_scripts(text: str) -> list[int]:
    """Each character's script after weak ones take the script before them (Latin at a start).

    Maps text → 1 (Latin) or 2 (Asian) per character, as LibreOffice splits a paragraph into
    runs of the Western and the Asian font: weak characters at the start of a paragraph (after
    ``\\n`` too) count as Latin, so a leading “ is set by the Western font.
    """
    return [_LATIN if code == "l" else _ASIAN for code in _resolved_codes(text)]


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

    def width(self, text: str, size_pt: float, *, bold: bool = False) -> float:
        """Width of ``text`` set on one line at ``size_pt`` points, in points."""
        return self.em(text, bold=bold) * size_pt

    def em(self, text: str, *, bold: bool = False) -> float:
        """Width of ``text`` on one line in em (1 em = the font size); newlines count 0."""
        advances, junctions = self._measure(text, bold)
        return sum(advances) + sum(junctions)

    def prefix_widths(self, text: str, *, bold: bool = False) -> list[float]:
        """Cumulative widths in em: element ``i`` is the width of ``text[:i]`` (n + 1 entries)."""
        advances, junctions = self._measure(text, bold)
        return [0.0, *accumulate(a + j for a, j in zip(advances, junctions, strict=True))]

    def line_starts(self, text: str, *, bold: bool = False) -> list[float]:
        """Where each character's glyph begins when a line starts at it, in em.

        The prefix width plus the junction space in front of it, which a line break removes
        (n + 1 entries, the last = the total width); same contract as `line_starts()`.
        """
        advances, junctions = self._measure(text, bold)
        prefix = [0.0, *accumulate(a + j for a, j in zip(advances, junctions, strict=True))]
        return [p + j for p, j in zip(prefix, [*junctions, 0.0], strict=True)]


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
