"""Slide chrome: the 16:9 geometry, the title bar, the footer and page numbers.

Maps a slide's title, section and number → the bar, rule, title text and footer elements
that frame every content slide (deck-style.md: Geometry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.theme import Theme

from ._deck import Box, Element, Rect, TextBlock
from ._measure import text_width
from ._text import fit_one, set_paragraph, size_steps
from ._units import Inches, Length, Pt

SLIDE_W = Inches(13.333)
SLIDE_H = Inches(7.5)
MARGIN = Inches(0.7)
BAR_H = Inches(1.05)
RULE_H = Inches(0.06)
BODY_TOP = Inches(1.45)
BODY_BOTTOM = Inches(6.8)
FOOTER_RULE_Y = Inches(6.95)
TITLE_SPACING = 1.15


def body_box() -> Box:
    """The body area of a content slide."""
    return Box(MARGIN, BODY_TOP, Length(SLIDE_W - 2 * MARGIN), Length(BODY_BOTTOM - BODY_TOP))


@dataclass(frozen=True, slots=True)
class Chrome:
    """What the frame of a content slide holds, as elements, and whether the title shrank."""

    elements: tuple[Element, ...]
    title_size: float


def title_bar(title: str, section_label: str | None, theme: Theme) -> Chrome:
    """The red bar with the slide title (fitted: 1 line, shrinking, then 2 balanced lines)."""
    elements: list[Element] = [
        Rect(Box(Length(0), Length(0), SLIDE_W, BAR_H), "primary"),
        Rect(Box(Length(0), BAR_H, SLIDE_W, RULE_H), "gold"),
    ]
    section_w = Length(0)
    if section_label:
        size = 14.0
        section_w = Length(min(Inches(3.6), Pt(text_width(section_label) * size / 0.97 + 4)))
        label = set_paragraph(section_label, section_w, size, 1.1, emphasis=False, align="right")
        elements.append(
            TextBlock(
                Box(Length(SLIDE_W - Inches(0.5) - section_w), Length(0), section_w, BAR_H),
                (label.paragraph,),
                size,
                "section",
                color="gold",
                anchor="middle",
            )
        )
    title_w = Length(SLIDE_W - Inches(0.6) - Inches(0.8) - section_w)
    sizes = size_steps(theme.sizes.title, theme.sizes.min_title, 2)
    inner = Length(BAR_H - Inches(0.12))
    fitted = fit_one(title, title_w, inner, sizes, TITLE_SPACING, max_lines=1, emphasis=False)
    if fitted is None:
        fitted = fit_one(title, title_w, inner, sizes, TITLE_SPACING, max_lines=2, emphasis=False)
    if fitted is None:  # a very long title: smallest size, as many balanced lines as it takes
        size = theme.sizes.min_title
        setting = set_paragraph(title, title_w, size, TITLE_SPACING, balanced=True, emphasis=False)
        fitted = (setting, size)
    setting, size = fitted
    elements.append(
        TextBlock(
            Box(Inches(0.6), Length(0), title_w, BAR_H),
            (setting.paragraph,),
            size,
            "title",
            color="white",
            bold=True,
            line_spacing=TITLE_SPACING,
            anchor="middle",
        )
    )
    return Chrome(tuple(elements), size)


def footer(text: str | None, number: int, total: int, theme: Theme) -> tuple[Element, ...]:
    """The hairline rule, `organiser · date` on the left and `n / total` on the right."""
    color = "grey"
    size = theme.sizes.footer
    elements: list[Element] = [
        Rect(Box(Inches(0.6), FOOTER_RULE_Y, Length(SLIDE_W - Inches(1.2)), Pt(0.75)), "cream")
    ]
    y = Length(FOOTER_RULE_Y + Inches(0.06))
    h = Inches(0.4)
    if text:
        left = set_paragraph(text, Inches(9.0), size, 1.2, emphasis=False)
        elements.append(
            TextBlock(
                Box(Inches(0.6), y, Inches(9.0), h),
                (left.paragraph,),
                size,
                "footer",
                color=color,
            )
        )
    if theme.footer.numbers:
        page = set_paragraph(f"{number} / {total}", Inches(2.0), size, 1.2, align="right")
        elements.append(
            TextBlock(
                Box(Length(SLIDE_W - Inches(2.6)), y, Inches(2.0), h),
                (page.paragraph,),
                size,
                "page",
                color=color,
            )
        )
    return tuple(elements)


def footer_text(theme: Theme, values: dict[str, str | None]) -> str | None:
    """The theme's footer format filled from deck metadata; parts that are missing drop out."""
    template = theme.footer.text
    if not template:
        return None
    parts = [p.strip() for p in template.split("·")]
    filled = []
    for part in parts:
        value = _fill_fields(part, values)
        if value.strip():
            filled.append(value.strip())
    return " · ".join(filled) or None


_FIELD = re.compile(r"\{([^{}]*)\}")


def _fill_fields(part: str, values: dict[str, str | None]) -> str:
    """`{name}` fields replaced by their values; a part with any other field stays as written.

    Only plain names are filled in, never `str.format` specs, attributes or indexes, so a
    footer cannot ask for a three-billion-character padding or reach into Python objects.
    """
    names = _FIELD.findall(part)
    if any(name not in values for name in names):
        return part
    return _FIELD.sub(lambda m: values[m.group(1)] or "", part)


__all__ = [
    "BAR_H",
    "BODY_BOTTOM",
    "BODY_TOP",
    "MARGIN",
    "SLIDE_H",
    "SLIDE_W",
    "Chrome",
    "body_box",
    "footer",
    "footer_text",
    "title_bar",
]
