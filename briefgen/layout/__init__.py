"""Stage 5: measure text, break lines by 避头尾, fit and paginate; no pptx or rich imports here."""

from __future__ import annotations

from ._coverage import text_coverage
from ._deck import (
    Box,
    DeckInfo,
    Element,
    LaidDeck,
    LaidSlide,
    Paragraph,
    Picture,
    Rect,
    SlideKind,
    Span,
    TableBlock,
    TableCell,
    TextBlock,
    TextRole,
)
from ._geometry import SLIDE_SIZES, Frame, Geometry, SlideSize, geometry_for, slide_role
from ._lay_out import layout_deck
from ._linebreak import NO_LINE_END, NO_LINE_START, balanced_lines, break_lines, lines_needed
from ._measure import AUTOSPACE, char_width, text_width
from ._measurer import FontSet, font_set
from ._table import TABLE_SPACING
from ._units import EMU_PER_PT, Emu, Inches, Length, Pt

__all__ = [
    "AUTOSPACE",
    "EMU_PER_PT",
    "NO_LINE_END",
    "NO_LINE_START",
    "SLIDE_SIZES",
    "TABLE_SPACING",
    "Box",
    "DeckInfo",
    "Element",
    "Emu",
    "FontSet",
    "Frame",
    "Geometry",
    "Inches",
    "LaidDeck",
    "LaidSlide",
    "Length",
    "Paragraph",
    "Picture",
    "Pt",
    "Rect",
    "SlideKind",
    "SlideSize",
    "Span",
    "TableBlock",
    "TableCell",
    "TextBlock",
    "TextRole",
    "balanced_lines",
    "break_lines",
    "char_width",
    "font_set",
    "geometry_for",
    "layout_deck",
    "lines_needed",
    "slide_role",
    "text_coverage",
    "text_width",
]
