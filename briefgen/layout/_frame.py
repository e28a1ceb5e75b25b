"""Slide chrome: the title bar, the footer and page numbers, placed by the slide's geometry.

Maps a slide's title, section and number + `Geometry` → the bar, rule, title text and footer
elements that frame every content slide (deck-style.md: Geometry).
"""

from __future__ import annotations

import re

from briefgen._record import record
from briefgen.theme import Theme

from ._deck import Box, Element, Rect, TextBlock
from ._geometry import Geometry
from ._measurer import FontSet
from ._text import fit_one, set_paragraph, size_steps
from ._units import Inches, Length, Pt

TITLE_SPACING = 1.15


@record
class Chrome:
    """What the frame of a content slide holds, as elements, and whether the title shrank."""

    elements: tuple[Element, ...]
    title_size: float


def title_bar(
    title: str, section_label: str | None, theme: Theme, geometry: Geometry, fonts: FontSet
) -> Chrome:
    """The red bar with the slide title (fitted: 1 line, shrinking, then 2 balanced lines)
    and the section label, as wide as it needs up to `geometry.section`, flush right."""
    bar, room = geometry.bar, geometry.section
    elements: list[Element] = [Rect(bar, "primary"), Rect(geometry.rule, "gold")]
    section_w = Length(0)
    if section_label:
        size = 14.0
        section_w = Length(min(room.w, Pt(fonts.sans.em(section_label) * size / 0.97 + 4)))
        label = set_paragraph(
            section_label, section_w, size, 1.1, emphasis=False, align="right", measurer=fonts.sans
        )
        elements.append(
            TextBlock(
                Box(Length(room.x + room.w - section_w), room.y, section_w, room.h),
                (label.paragraph,),
                size,
                "section",
                color="gold",
                anchor="middle",
            )
        )
    box = geometry.title
    title_w = Length(box.w - section_w)
    sizes = size_steps(theme.sizes.title, theme.sizes.min_title, 2)
    inner = Length(box.h - Inches(0.12))  # 0.06 in of air above and below
    fitted = None
    for max_lines in (1, 2):  # one line, shrinking; then two balanced lines
        fitted = fitted or fit_one(
            title,
            title_w,
            inner,
            sizes,
            TITLE_SPACING,
            max_lines=max_lines,
            emphasis=False,
            measurer=fonts.sans,
            bold=True,
        )
    if fitted is None:  # a very long title: smallest size, as many balanced lines as it takes
        size = theme.sizes.min_title
        setting = set_paragraph(
            title,
            title_w,
            size,
            TITLE_SPACING,
            balanced=True,
            emphasis=False,
            measurer=fonts.sans,
            bold=True,
        )
        fitted = (setting, size)
    setting, size = fitted
    elements.append(
        TextBlock(
            Box(box.x, box.y, title_w, box.h),
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


def footer(
    text: str | None, number: int, total: int, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Element, ...]:
    """The hairline rule, `organiser · date` on the left and `n / total` on the right."""
    color = "grey"
    size = theme.sizes.footer
    elements: list[Element] = [Rect(geometry.footer_rule, "cream")]
    if text:
        box = geometry.footer
        left = set_paragraph(text, box.w, size, 1.2, emphasis=False, measurer=fonts.sans)
        elements.append(
            TextBlock(
                box,
                (left.paragraph,),
                size,
                "footer",
                color=color,
            )
        )
    if theme.footer.numbers:
        box = geometry.page
        page = set_paragraph(
            f"{number} / {total}", box.w, size, 1.2, align="right", measurer=fonts.sans
        )
        elements.append(
            TextBlock(
                box,
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


__all__ = ["Chrome", "footer", "footer_text", "title_bar"]
