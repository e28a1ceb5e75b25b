"""WCAG 2.x contrast: which theme colours may be drawn as text on which background.

Maps two colours (#RRGGBB or theme names) → their contrast ratio (1…21), and a text's size
and weight → the ratio WCAG AA asks of it: 4.5:1, or 3:1 for large text (24 pt and up, or
bold from 18.7 pt, i.e. 14 pt bold in CSS pixels). Layout chooses the colours of text and
emphasis with `readable_color`, so every theme (built-in or a trainer's own) gets text that
passes on every background it draws on, without exceptions per theme or per slide kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ._theme import Theme

AA_NORMAL = 4.5
"""The contrast WCAG AA asks of normal text."""
AA_LARGE = 3.0
"""The contrast WCAG AA asks of large text."""
LARGE_PT = 24.0
"""Text this size (pt) and up is large."""
LARGE_BOLD_PT = 18.7
"""Bold text this size (pt) and up is large (WCAG's 14 pt bold in CSS points is 18.66 pt)."""

_EPSILON = 1e-9


def _channel(value: int) -> float:
    """An sRGB channel (0…255) → its linear light (WCAG 2.x relative luminance formula)."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    """The relative luminance (0 black … 1 white) of `RRGGBB` or `#RRGGBB`."""
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


@lru_cache(maxsize=1024)
def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours (`RRGGBB` or `#RRGGBB`), 1…21."""
    a, b = luminance(foreground), luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def is_large(size: float, bold: bool) -> bool:
    """Whether text of `size` pt (bold or not) counts as large text for WCAG."""
    return size >= LARGE_PT - _EPSILON or (bold and size >= LARGE_BOLD_PT - _EPSILON)


def required_contrast(size: float, bold: bool) -> float:
    """The contrast AA asks of text of `size` pt: 3:1 when large, else 4.5:1."""
    return AA_LARGE if is_large(size, bold) else AA_NORMAL


def passes(foreground: str, background: str, size: float, bold: bool) -> bool:
    """Whether `foreground` text of `size` pt on `background` meets WCAG AA."""
    return contrast_ratio(foreground, background) >= required_contrast(size, bold) - _EPSILON


_COLOR_NAMES = ("primary", "accent", "gold", "cream", "ink", "grey", "white")


@lru_cache(maxsize=4096)
def _readable(
    theme: Theme, preferred: tuple[str, ...], background: str, size: float, bold: bool
) -> str:
    behind = theme.color(background)
    for name in preferred:
        if passes(theme.color(name), behind, size, bold):
            return name
    return max(_COLOR_NAMES, key=lambda name: contrast_ratio(theme.color(name), behind))


def readable_color(
    theme: Theme, preferred: Sequence[str], background: str, size: float, bold: bool
) -> str:
    """The first of `preferred` (theme colour names) that meets AA as text of `size` pt on
    the theme colour `background`; failing all, the theme colour of highest contrast there.

    Emphasis on a light background keeps the accent red; on the red cover the same request
    (`accent`, then `gold`, then the text's own colour) gives the gold for a large title and
    the text's colour (weight alone) for small text, where the gold would fail.
    """
    return _readable(theme, tuple(preferred), background, size, bold)


__all__ = [
    "AA_LARGE",
    "AA_NORMAL",
    "LARGE_BOLD_PT",
    "LARGE_PT",
    "contrast_ratio",
    "is_large",
    "luminance",
    "passes",
    "readable_color",
    "required_contrast",
]
