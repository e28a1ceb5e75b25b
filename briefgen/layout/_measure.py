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

It also resolves each character's script the way LibreOffice splits a paragraph into Western
and Asian runs (`resolved_scripts`), which the font measurer in `_measurer` builds on.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate

__all__ = [
    "AUTOSPACE",
    "char_width",
    "line_starts",
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
