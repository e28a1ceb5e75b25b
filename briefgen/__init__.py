"""briefgen: YAML outlines of Chinese communiqués into PowerPoint study decks (课件)."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
