"""The deck's framing slides: cover, agenda (目录), section dividers and the closing slide.

Maps the planned cover, agenda, divider and closing slides + `Geometry` → elements placed per
deck-style.md: red cover with a gold rule at two-thirds height, a grid of numeral tiles (as
many columns as the body's width holds), a red panel with a giant numeral. Horizontal
positions come from the geometry's boxes; heights are those of the 7.5-inch design, scaled
by `Geometry.down`.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.plan import PlannedSlide
from briefgen.theme import Theme

from ._cards import fit_head
from ._deck import Box, Element, Rect, TextBlock, TextRole
from ._geometry import Geometry
from ._measurer import FontSet
from ._text import set_paragraph
from ._units import Inches, Length, Pt


@dataclass(frozen=True, slots=True)
class Ground:
    """The colour roles of the cover, closing and divider for the theme's `cover:` look."""

    background: str
    """The cover's and closing's background."""
    divider: str
    """The divider's background."""
    title: str
    kicker: str
    subtitle: str
    meta: str
    rule: str
    numeral: str
    """The divider's giant numeral."""
    panel: bool
    """Whether the divider has its filled `primary` panel."""


FILLED = Ground("primary", "cream", "white", "gold", "cream", "white", "gold", "gold", True)
PLAIN = Ground("white", "white", "primary", "primary", "ink", "grey", "primary", "primary", False)


def ground(theme: Theme) -> Ground:
    """The framing slides' colours: filled in `primary`, or plain on white (`cover: plain`)."""
    return PLAIN if theme.cover == "plain" else FILLED


def _text(
    text: str,
    box: Box,
    size: float,
    role: TextRole,
    fonts: FontSet,
    *,
    color: str,
    font: str = "sans",
    bold: bool = False,
    align: str = "left",
    anchor: str = "top",
    spacing: float = 1.2,
    shrink_to: float | None = None,
    group: int | None = None,
) -> TextBlock:
    """One paragraph in `box`. With `shrink_to`, a text too long for one line at `size` shrinks
    (down to `shrink_to` pt) until it is one line, else keeps every line and the box grows."""
    setting = set_paragraph(
        text, box.w, size, spacing, align=align, emphasis=False, measurer=fonts[font], bold=bold  # type: ignore[arg-type]
    )
    while shrink_to is not None and len(setting.paragraph.lines) > 1 and size > shrink_to:
        size = max(size - 1, shrink_to)
        setting = set_paragraph(
        text, box.w, size, spacing, align=align, emphasis=False, measurer=fonts[font], bold=bold  # type: ignore[arg-type]
    )
    if setting.height > box.h:
        box = Box(box.x, box.y, box.w, setting.height)
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
        group=group,
    )


def cover(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Element, ...]:
    """Full red cover: kicker, fitted serif title (≤ 2 balanced lines), subtitle, gold rule, details."""
    kicker, subtitle = slide.role("kicker"), slide.role("subtitle")
    (title,) = slide.role("title")
    down = geometry.down
    left, width = geometry.cover.x, geometry.cover.w
    rule_y = Length(geometry.height * 2 // 3)
    look = ground(theme)
    elements: list[Element] = [Rect(Box(left, rule_y, width, Pt(2.5)), look.rule)]
    y = down(1.1)
    if kicker:
        elements.append(
            _text(
                kicker[0].text,
                Box(left, y, width, down(0.5)),
                24,
                "kicker",
                fonts,
                color=look.kicker,
                bold=True,
                shrink_to=16,
            )
        )
    title_box_h = down(2.2)
    setting, size = fit_head(
        title.text,
        width,
        title_box_h,
        theme.sizes.cover_title,
        theme.sizes.min_cover_title,
        emphasis=bool(title.emphasis),
        measurer=fonts.serif,
        bold=True,
    )
    title_h = Length(min(setting.height, title_box_h))
    subtitle_y = Length(down(1.75) + title_box_h + down(0.2))
    title_y = Length(subtitle_y - down(0.2) - title_h)
    elements.append(
        TextBlock(
            Box(left, title_y, width, title_h),
            (setting.paragraph,),
            size,
            "title",
            color=look.title,
            font="serif",
            bold=True,
            line_spacing=1.2,
        )
    )
    if subtitle:
        sub, sub_size = fit_head(
            subtitle[0].text,
            width,
            down(0.9),
            24,
            18,
            emphasis=bool(subtitle[0].emphasis),
            measurer=fonts.sans,
        )
        elements.append(
            TextBlock(
                Box(left, subtitle_y, width, sub.height),
                (sub.paragraph,),
                sub_size,
                "subtitle",
                color=look.subtitle,
                line_spacing=1.2,
            )
        )
    y = Length(rule_y + down(0.35))
    for line in slide.role("meta"):
        box = Box(left, y, width, down(0.45))
        block = _text(line.text, box, 20, "meta", fonts, color=look.meta, shrink_to=14)
        elements.append(block)
        y = Length(y + max(down(0.5), block.box.h + down(0.05)))
    return tuple(elements)


AGENDA_COLUMN = Inches(3.9)
"""The narrowest column of the agenda: a tile and a title of about seven characters at 26 pt."""


def agenda_columns(count: int, width: Length) -> int:
    """Columns of the agenda: two up to six sections, else three, as many as `width` holds."""
    wanted = 2 if count <= 6 else 3
    return max(1, min(wanted, width // AGENDA_COLUMN))


def agenda(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Element, ...]:
    """A grid of red numeral tiles with the section titles beside them."""
    entries = slide.role("agenda-entry")
    titles = [entry.text for entry in entries]
    area = geometry.body
    columns = agenda_columns(len(titles), area.w)
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
                fonts,
                color="white",
                font="serif",
                bold=True,
                align="center",
                anchor="middle",
                spacing=1.0,
                group=i,
            )
        )
        text_x = Length(x + tile + Inches(0.3))
        text_w = Length(col_w - tile - Inches(0.7))
        setting, size = fit_head(
            title,
            text_w,
            Length(row_h - Inches(0.1)),
            26,
            18,
            emphasis=bool(entries[i].emphasis),
            measurer=fonts.sans,
            bold=True,
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
                group=i,
            )
        )
    return tuple(elements)


def divider(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Element, ...]:
    """Red panel with a giant gold numeral; the section title in red serif on cream."""
    (heading,) = slide.role("title")
    leads = slide.role("lead")
    title, lead = heading.text, leads[0].text if leads else None
    down, panel = geometry.down, geometry.panel
    numeral = heading.label or ""
    numeral_size = 150 if len(numeral) == 1 else 110
    look = ground(theme)
    elements: list[Element] = [
        Rect(panel, "primary") if look.panel else Rect(_panel_edge(panel), "primary"),
        _text(
            numeral,
            Box(panel.x, down(1.5), panel.w, down(4.5)),
            numeral_size,
            "divider-number",
            fonts,
            color=look.numeral,
            font="serif",
            bold=True,
            align="center",
            anchor="middle",
            spacing=1.0,
        ),
    ]
    left = Length(panel.x + panel.w + Inches(0.9))
    width = Length(geometry.width - left - Inches(0.8))
    setting, size = fit_head(
        title,
        width,
        down(2.0),
        theme.sizes.divider_title,
        32,
        emphasis=bool(heading.emphasis),
        measurer=fonts.serif,
        bold=True,
    )
    title_y = Length(down(3.3) - setting.height)
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
    elements.append(Rect(Box(left, down(3.55), Inches(1.2), Pt(4)), look.rule))
    if lead:
        lead_set, lead_size = fit_head(
            lead, width, down(1.6), 22, 18, emphasis=bool(leads[0].emphasis), measurer=fonts.sans
        )
        elements.append(
            TextBlock(
                Box(left, down(3.9), width, lead_set.height),
                (lead_set.paragraph,),
                lead_size,
                "divider-lead",
                color="grey",
                line_spacing=1.2,
            )
        )
    return tuple(elements)


def closing(
    slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Element, ...]:
    """The cover's red with one large line and the organiser."""
    (closing_block,) = slide.role("closing")
    line = closing_block.text
    organisers = slide.role("meta")
    organiser = organisers[0].text if organisers else None
    down = geometry.down
    left, width = geometry.cover.x, geometry.cover.w
    setting, size = fit_head(
        line,
        width,
        down(2.0),
        54,
        32,
        emphasis=bool(closing_block.emphasis),
        measurer=fonts.serif,
        bold=True,
    )
    y = Length(down(3.3) - setting.height)
    from dataclasses import replace

    paragraph = replace(setting.paragraph, align="center")
    look = ground(theme)
    elements: list[Element] = [
        TextBlock(
            Box(left, y, width, setting.height),
            (paragraph,),
            size,
            "closing",
            color=look.title,
            font="serif",
            bold=True,
            line_spacing=1.2,
        ),
        Rect(
            Box(Length((geometry.width - Inches(1.6)) // 2), down(3.65), Inches(1.6), Pt(3)),
            look.rule,
        ),
    ]
    if organiser:
        elements.append(
            _text(
                organiser,
                Box(left, down(4.0), width, down(0.6)),
                22,
                "meta",
                fonts,
                color=look.subtitle,
                align="center",
                shrink_to=16,
            )
        )
    return tuple(elements)


def _panel_edge(panel: Box) -> Box:
    """The divider panel's right edge as a thin rule (the plain look has no filled panel)."""
    top = Length(panel.y + panel.h // 5)
    return Box(Length(panel.x + panel.w - Pt(2)), top, Pt(2), Length(panel.h * 3 // 5))


__all__ = [
    "AGENDA_COLUMN",
    "Ground",
    "agenda",
    "agenda_columns",
    "closing",
    "cover",
    "divider",
    "ground",
]
