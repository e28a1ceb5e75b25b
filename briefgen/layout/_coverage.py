"""How much of a slide's body its content really covers: the preview's fill meter.

Maps a `LaidSlide` (and its theme, for the body area) → a ratio 0..1: the area its text lines take (each paragraph's widest line
by its number of lines, as measured for breaking), plus tables and pictures, over the body
area. Boxes and cards do not count, so five item cards holding a few characters each read as
the mostly empty slide they are, not as a full one.
"""

from __future__ import annotations

from briefgen.theme import Theme

from ._deck import LaidSlide, Picture, TableBlock, TextBlock
from ._geometry import geometry_for
from ._measure import text_width
from ._units import EMU_PER_PT

CHROME_ROLES = frozenset({"title", "section", "footer", "page"})
"""Text on every content slide's frame (title bar, footer, page number), not its content."""

FRAMING_KINDS = frozenset({"cover", "agenda", "divider", "closing"})
"""Slides without a body area to fill."""


def text_coverage(slide: LaidSlide, theme: Theme) -> float:
    """The share of the body area the slide's text, tables and pictures cover (0 for framing).

    The body area is the one `theme`'s slide size gives (16:9 or 4:3).
    """
    if slide.kind in FRAMING_KINDS:
        return 0.0
    body = geometry_for(theme).body
    area = body.w * body.h
    covered = 0.0
    for element in slide.elements:
        if isinstance(element, TextBlock) and element.role not in CHROME_ROLES:
            covered += _text_area(element)
        elif isinstance(element, TableBlock | Picture):
            covered += element.box.w * element.box.h
    return min(1.0, covered / area) if area else 0.0


def _text_area(block: TextBlock) -> float:
    """Each paragraph's widest line times its lines' height, within the block's width."""
    em = block.size * EMU_PER_PT
    line_height = em * block.line_spacing
    total = 0.0
    for paragraph in block.paragraphs:
        if not paragraph.lines:
            continue
        widest = max(text_width(line) for line in paragraph.lines) * em
        if paragraph.bullet:
            widest += (text_width(paragraph.bullet) + 0.5) * em
        total += min(widest, block.box.w) * line_height * len(paragraph.lines)
    return total


__all__ = ["CHROME_ROLES", "FRAMING_KINDS", "text_coverage"]
