"""The deck's framing slides: cover, agenda (目录), section dividers and the closing slide.

Maps the planned cover, agenda, divider and closing slides → elements placed per deck-style.md: red cover with a
gold rule at two-thirds height, a grid of numeral tiles, a red panel with a giant numeral.
"""

from __future__ import annotations

from briefgen.plan import PlannedSlide
from briefgen.theme import Theme

from ._cards import fit_head
from ._deck import Box, Element, Rect, TextBlock, TextRole
from ._frame import SLIDE_H, SLIDE_W, body_box
from ._text import set_paragraph
from ._units import Inches, Length, Pt


def _text(
    text: str,
    box: Box,
    size: float,
    role: TextRole,
    *,
    color: str,
    font: str = "sans",
    bold: bool = False,
    align: str = "left",
    anchor: str = "top",
    spacing: float = 1.2,
) -> TextBlock:
    setting = set_paragraph(text, box.w, size, spacing, align=align, emphasis=False)  # type: ignore[arg-type]
    return TextBlock(
        box,
        (setting.paragraph,),
        size,
        role,
        color=color,
        font=font,  # type: ignore[arg-type]
        bold=bold,
        line_spacing=spacing,
        anchor=anchor,  # type: ignore[arg-type]
    )


def cover(slide: PlannedSlide, theme: Theme) -> tuple[Element, ...]:
    """Full red cover: kicker, fitted serif title (≤ 2 balanced lines), subtitle, gold rule, details."""
    kicker, subtitle = slide.role("kicker"), slide.role("subtitle")
    (title,) = slide.role("title")
    left = Inches(0.9)
    width = Length(SLIDE_W - 2 * left)
    rule_y = Inches(5.0)
    elements: list[Element] = [Rect(Box(left, rule_y, width, Pt(2.5)), "gold")]
    y = Inches(1.1)
    if kicker:
        elements.append(
            _text(
                kicker[0].text,
                Box(left, y, width, Inches(0.5)),
                24,
                "kicker",
                color="gold",
                bold=True,
            )
        )
    title_box_h = Inches(2.2)
    setting, size = fit_head(
        title.text,
        width,
        title_box_h,
        theme.sizes.cover_title,
        theme.sizes.min_cover_title,
        emphasis=bool(title.emphasis),
    )
    title_h = Length(min(setting.height, title_box_h))
    subtitle_y = Length(Inches(1.75) + title_box_h + Inches(0.2))
    title_y = Length(subtitle_y - Inches(0.2) - title_h)
    elements.append(
        TextBlock(
            Box(left, title_y, width, title_h),
            (setting.paragraph,),
            size,
            "title",
            color="white",
            font="serif",
            bold=True,
            line_spacing=1.2,
        )
    )
    if subtitle:
        sub, sub_size = fit_head(
            subtitle[0].text, width, Inches(0.9), 24, 18, emphasis=bool(subtitle[0].emphasis)
        )
        elements.append(
            TextBlock(
                Box(left, subtitle_y, width, sub.height),
                (sub.paragraph,),
                sub_size,
                "subtitle",
                color="cream",
                line_spacing=1.2,
            )
        )
    y = Length(rule_y + Inches(0.35))
    for line in slide.role("meta"):
        block = _text(line.text, Box(left, y, width, Inches(0.45)), 20, "meta", color="white")
        elements.append(block)
        y = Length(y + Inches(0.5))
    return tuple(elements)


def agenda(slide: PlannedSlide, theme: Theme) -> tuple[Element, ...]:
    """A grid of red numeral tiles with the section titles beside them."""
    entries = slide.role("agenda-entry")
    titles = [entry.text for entry in entries]
    area = body_box()
    columns = 2 if len(titles) <= 6 else 3
    rows = (len(titles) + columns - 1) // columns
    col_w = Length(area.w // columns)
    row_h = Length(min(Inches(1.25), area.h // max(rows, 1)))
    tile = Length(min(Inches(0.85), row_h - Inches(0.2)))
    top = Length(area.y + (area.h - rows * row_h) // 2)
    elements: list[Element] = []
    for i, title in enumerate(titles):
        col, row = i // rows, i % rows
        x = Length(area.x + Inches(0.2) + col * col_w)
        y = Length(top + row * row_h + (row_h - tile) // 2)
        elements.append(Rect(Box(x, y, tile, tile), "primary" if i % 2 == 0 else "accent"))
        number_size = tile / 12700 * 0.55
        elements.append(
            _text(
                entries[i].label or "",
                Box(x, y, tile, tile),
                round(number_size),
                "agenda-number",
                color="white",
                font="serif",
                bold=True,
                align="center",
                anchor="middle",
                spacing=1.0,
            )
        )
        text_x = Length(x + tile + Inches(0.3))
        text_w = Length(col_w - tile - Inches(0.7))
        setting, size = fit_head(
            title, text_w, Length(row_h - Inches(0.1)), 26, 18, emphasis=bool(entries[i].emphasis)
        )
        elements.append(
            TextBlock(
                Box(text_x, Length(y + (tile - setting.height) // 2), text_w, setting.height),
                (setting.paragraph,),
                size,
                "agenda-title",
                color="ink",
                bold=True,
                line_spacing=1.2,
            )
        )
    return tuple(elements)


def divider(slide: PlannedSlide, theme: Theme) -> tuple[Element, ...]:
    """Red panel with a giant gold numeral; the section title in red serif on cream."""
    (heading,) = slide.role("title")
    leads = slide.role("lead")
    title, lead = heading.text, leads[0].text if leads else None
    panel_w = Inches(4.4)
    numeral = heading.label or ""
    numeral_size = 150 if len(numeral) == 1 else 110
    elements: list[Element] = [
        Rect(Box(Length(0), Length(0), panel_w, SLIDE_H), "primary"),
        _text(
            numeral,
            Box(Length(0), Inches(1.5), panel_w, Inches(4.5)),
            numeral_size,
            "divider-number",
            color="gold",
            font="serif",
            bold=True,
            align="center",
            anchor="middle",
            spacing=1.0,
        ),
    ]
    left = Length(panel_w + Inches(0.9))
    width = Length(SLIDE_W - left - Inches(0.8))
    setting, size = fit_head(
        title, width, Inches(2.0), theme.sizes.divider_title, 32, emphasis=bool(heading.emphasis)
    )
    title_y = Length(Inches(3.3) - setting.height)
    elements.append(
        TextBlock(
            Box(left, title_y, width, setting.height),
            (setting.paragraph,),
            size,
            "divider-title",
            color="primary",
            font="serif",
            bold=True,
            line_spacing=1.2,
        )
    )
    elements.append(Rect(Box(left, Inches(3.55), Inches(1.2), Pt(4)), "gold"))
    if lead:
        lead_set, lead_size = fit_head(
            lead, width, Inches(1.6), 22, 18, emphasis=bool(leads[0].emphasis)
        )
        elements.append(
            TextBlock(
                Box(left, Inches(3.9), width, lead_set.height),
                (lead_set.paragraph,),
                lead_size,
                "divider-lead",
                color="grey",
                line_spacing=1.2,
            )
        )
    return tuple(elements)


def closing(slide: PlannedSlide, theme: Theme) -> tuple[Element, ...]:
    """The cover's red with one large line and the organiser."""
    (closing_block,) = slide.role("closing")
    line = closing_block.text
    organisers = slide.role("meta")
    organiser = organisers[0].text if organisers else None
    left = Inches(0.9)
    width = Length(SLIDE_W - 2 * left)
    setting, size = fit_head(
        line, width, Inches(2.0), 54, 32, emphasis=bool(closing_block.emphasis)
    )
    y = Length(Inches(3.3) - setting.height)
    from dataclasses import replace

    paragraph = replace(setting.paragraph, align="center")
    elements: list[Element] = [
        TextBlock(
            Box(left, y, width, setting.height),
            (paragraph,),
            size,
            "closing",
            color="white",
            font="serif",
            bold=True,
            line_spacing=1.2,
        ),
        Rect(Box(Length((SLIDE_W - Inches(1.6)) // 2), Inches(3.65), Inches(1.6), Pt(3)), "gold"),
    ]
    if organiser:
        elements.append(
            _text(
                organiser,
                Box(left, Inches(4.0), width, Inches(0.6)),
                22,
                "meta",
                color="cream",
                align="center",
            )
        )
    return tuple(elements)


__all__ = ["agenda", "closing", "cover", "divider"]
