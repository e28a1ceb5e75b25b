"""Readers of decks made elsewhere (a .pptx given to `preview`), into the laid-out deck."""

from __future__ import annotations

from ._package import DeckReadError
from ._pptx import read_pptx

__all__ = [
    "DeckReadError",
    "read_pptx",
]
