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
from functools import lru_cache

MAX_STEM = 80
"""Longest stem in characters."""

MAX_STEM_BYTES = 200
"""Longest stem in UTF-8 bytes: file systems allow 255 bytes per name, and the deck's name
adds `.pptx` and its temp file while writing `.`, `.PID-XXXXXXXX.tmp` (a CJK character is 3
bytes, so 66 of them)."""

_FORBIDDEN = re.compile(r'[/\\<>:"|?*]')
_DOTS = re.compile(r"\.{2,}")
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def _is_invisible(ch: str) -> bool:
    """Control (Cc), format (Cf: zero-width, bidi overrides), surrogate, private or unassigned."""
    return unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"}


@lru_cache(maxsize=4096)
def safe_file_stem(name: str) -> str:
    """A district name → a file name stem with no separators, no `..`, never empty.

    Cached: a batch asks for each district's stem several times (collisions, plan, write)."""
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
    text = _cut_to_bytes(text[:MAX_STEM], MAX_STEM_BYTES).rstrip(". ")
    if text.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        text = f"_{text}"
    if not text:
        digest = hashlib.sha256(spaced.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        text = f"district-{digest}"
    return text


def _cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of `text` that is at most `limit` bytes in UTF-8."""
    while len(text.encode("utf-8", "surrogatepass")) > limit:
        text = text[:-1]
    return text


def collision_key(stem: str) -> str:
    """What makes two stems the same file on a case-insensitive disk, or a likely typo."""
    return "".join(stem.split()).casefold()


__all__ = ["MAX_STEM", "MAX_STEM_BYTES", "collision_key", "safe_file_stem"]
