"""Readers of decks made elsewhere (a .pptx given to `preview`), into the laid-out deck."""

from __future__ import annotations

from ._pptx import DeckReadError, read_pptx

__all__ = [
    "DeckReadError",
    "read_pptx",
]
