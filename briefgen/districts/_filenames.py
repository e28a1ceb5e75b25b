"""Safe output file names from district names.

Maps a district name (any text a trainer or a spreadsheet may hold) → a file name stem that is
safe on Linux, macOS and Windows: Chinese kept; path separators, `..`, control and format
characters, leading dots, the characters <>:"|?* and Windows-reserved names (CON, NUL, …)
removed; whitespace normalised; never empty.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_STEM = 80
"""Longest stem in characters (CJK is 3 bytes in UTF-8; file systems allow 255 bytes)."""

_FORBIDDEN = re.compile(r'[/\\<>:"|?*]')
_DOTS = re.compile(r"\.{2,}")
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def _is_invisible(ch: str) -> bool:
    """Control (Cc), format (Cf: zero-width, bidi overrides), surrogate, private or unassigned."""
    return unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"}


def safe_file_stem(name: str) -> str:
    """A district name → a file name stem with no separators, no `..`, never empty."""
    spaced = " ".join(unicodedata.normalize("NFC", name).split())
    text = spaced
    text = "".join(ch for ch in text if not _is_invisible(ch))
    text = _FORBIDDEN.sub(" ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _DOTS.sub("", text)
        text = " ".join(text.split()).strip(". ")
    text = text[:MAX_STEM].rstrip(". ")
    if text.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        text = f"_{text}"
    if not text:
        digest = hashlib.sha256(spaced.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        text = f"district-{digest}"
    return text


def collision_key(stem: str) -> str:
    """What makes two stems the same file on a case-insensitive disk, or a likely typo."""
    return "".join(stem.split()).casefold()


__all__ = ["MAX_STEM", "collision_key", "safe_file_stem"]
