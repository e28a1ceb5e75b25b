"""Readable colours: every text block's colours checked against what lies behind it.

Maps a laid slide's elements + its background → the same elements, each `TextBlock`'s text,
emphasis and inline-ordinal colours chosen by `briefgen.theme.readable_color` (WCAG AA:
4.5:1, or 3:1 for large text) against the fill it is drawn on: the last `Rect` under the
block's centre in z-order, else the slide's background. So quoted-term emphasis stays the
accent red on white and cream, and turns gold (large text) or the text's own colour (weight
alone, small text) on the red cover, subtitle, closing slide and title bar, in every theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from briefgen.theme import Theme, readable_color

from ._deck import Element, Rect, TextBlock

_Fill = tuple[int, int, int, int, str]
"""A filled rectangle as plain ints: left, top, right, bottom (EMU), and its theme colour."""


def _fill(rect: Rect) -> _Fill:
    box = rect.box
    x, y = int(box.x), int(box.y)  # plain ints: fast sums
    return x, y, x + int(box.w), y + int(box.h), rect.fill


def _behind(fills: list[_Fill], element: Element, background: str) -> str:
    """The colour under `element`'s centre: the topmost of `fills` holding it, else
    `background`."""
    box = element.box
    x, y, w, h = int(box.x), int(box.y), int(box.w), int(box.h)
    cx, cy = x + w // 2, y + h // 2
    for left, top, right, bottom, colour in reversed(fills):
        if left <= cx <= right and top <= cy <= bottom:
            return colour
    return background


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def legible(block: TextBlock, behind: str, theme: Theme) -> TextBlock:
    """`block` with colours that meet AA on `behind`: its own colour if it passes (else cream,
    white or ink, e.g. a small gold kicker on the red turns cream); emphasis (drawn bold) in
    its chosen colour, else the accent, the gold, or the text's colour (weight alone)."""
    emphasised = any(p.emphasis for p in block.paragraphs)
    inline = any(p.bullet and len(p.bullet) > 1 for p in block.paragraphs)  # 一是, 1.
    chosen = _colours(
        theme, block.color, block.emphasis_color, block.bullet_color, behind, block.size,
        block.bold, emphasised, inline,
    )  # fmt: skip
    if chosen == (block.color, block.emphasis_color, block.bullet_color):
        return block
    color, emphasis, bullet = chosen
    return replace(block, color=color, emphasis_color=emphasis, bullet_color=bullet)


@lru_cache(maxsize=4096)
def _colours(
    theme: Theme,
    color: str,
    emphasis: str,
    bullet: str,
    behind: str,
    size: float,
    bold: bool,
    emphasised: bool,
    inline: bool,
) -> tuple[str, str, str]:
    """The (text, emphasis, inline ordinal) colours of a block, each passing AA on `behind`."""
    color = readable_color(theme, (color, "cream", "white", "ink"), behind, size, bold)
    if emphasised:
        emphasis = readable_color(
            theme, _unique((emphasis, "accent", "gold", color)), behind, size, True
        )
    if inline:
        bullet = readable_color(theme, _unique((bullet, color)), behind, size, True)
    return color, emphasis, bullet


def legible_elements(
    elements: tuple[Element, ...], background: str, theme: Theme
) -> tuple[Element, ...]:
    """Every text block of a slide with colours readable on what lies behind it."""
    out = list(elements)
    fills: list[_Fill] = []  # the filled rectangles drawn so far, in z-order
    for i, element in enumerate(elements):
        if isinstance(element, TextBlock):
            out[i] = legible(element, _behind(fills, element, background), theme)
        elif isinstance(element, Rect) and element.shape == "rect":
            fills.append(_fill(element))
    return tuple(out)


__all__ = ["legible", "legible_elements"]
