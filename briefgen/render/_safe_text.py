"""Text made safe for a terminal, without Rich: the sanitizer `SafeConsole` applies, for
messages printed plain (stderr not a terminal, so no colour and no Rich import).

Maps text → the same text without control characters (C0 but tab and newline, DEL, C1),
format characters (zero-width and bidi controls, U+FEFF …), lone surrogates and
noncharacters. The stripped characters take no cells, so alignment is kept.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_KEPT = frozenset("\n\t")
_STRIPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})


@lru_cache(maxsize=4096)
def _unsafe(ch: str) -> bool:
    return ch not in _KEPT and unicodedata.category(ch) in _STRIPPED_CATEGORIES


def terminal_safe(text: str) -> str:
    """`text` with every character that could steer a terminal (or hide text) removed."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if not _unsafe(ch))


__all__ = ["terminal_safe"]
