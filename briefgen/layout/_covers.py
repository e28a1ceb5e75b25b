"""The deck's framing slides: cover, section dividers and the closing slide.

Maps the planned cover, divider and closing slides + `Geometry` → `Framed` elements placed per
deck-style.md (red cover with a gold rule at two-thirds height, a red panel with a giant
numeral), with notices for each compromise. Every box is fitted (`_fitbox`): it shrinks
within its limits, then takes more lines; when the design's positions would then collide,
the slide's texts are stacked top to bottom instead and the cover's rule moves; only if even
the smallest sizes do not fit are they scaled down together, with a warning. Rules per box:
docs/layout.md. Heights are those of the 7.5-inch design, scaled by `Geometry.down`.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen._record import record
from briefgen.errors import DataPath
from briefgen.plan import Block, PlannedSlide
from briefgen.theme import Theme

from ._deck import Box, Element, Rect
from ._fitbox import Framed, fit_heading, fit_line, minimum_message, text_block
from ._geometry import Geometry
from ._measurer import FontSet
from ._units import Inches, Length, Pt

KICKER_SIZES = (24.0, 16.0)
SUBTITLE_SIZES = (24.0, 18.0)
META_SIZES = (20.0, 14.0)
"""Start and smallest sizes (pt) of the cover's kicker, subtitle and detail lines."""


@record
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


def _panel_edge(panel: Box) -> Box:
    """The divider panel's right edge as a thin rule (the plain look has no filled panel)."""
    top = Length(panel.y + panel.h // 5)
    return Box(Length(panel.x + panel.w - Pt(2)), top, Pt(2), Length(panel.h * 3 // 5))


def _meta_path(block: Block, outline_has_date: bool) -> DataPath:
    """Where a cover detail line was written (the date-and-place line has no single origin)."""
    if block.origin:
        return block.origin
    return ("date",) if outline_has_date else ("place",)


def _meta_name(block: Block) -> str:
    """How a warning names a cover detail line."""
    return (
        f"the cover's {block.origin[0]} line" if block.origin else "the cover's date and place line"
    )


KICKER_GAP = 0.25
"""The least space (in, of the 7.5-inch design) between the kicker's last line and the title:
less and a two-line kicker reads as part of the title."""


def cover(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """Full red cover: kicker, fitted serif title (≤ 2 balanced lines when it can), subtitle,
    gold rule, details. Where the design's positions would collide (long lines), the texts are
    stacked from the top instead, and the rule sits between the two stacks."""
    kicker, subtitle = slide.role("kicker"), slide.role("subtitle")
    (title,) = slide.role("title")
    metas = slide.role("meta")
    down = geometry.down
    left, width, height = geometry.cover.x, geometry.cover.w, geometry.height
    notices: list[tuple[DataPath, str]] = []

    k = fit_line(kicker[0].text, width, *KICKER_SIZES, fonts, bold=True) if kicker else None
    s = fit_heading(subtitle[0], width, down(0.9), *SUBTITLE_SIZES, fonts) if subtitle else None
    metas_fitted = [fit_line(m.text, width, *META_SIZES, fonts) for m in metas]
    title_box_h = down(2.2)
    sizes = (theme.sizes.cover_title, theme.sizes.min_cover_title)
    t = fit_heading(title, width, title_box_h, *sizes, fonts, font="serif", bold=True)

    # the design's positions
    rule_y = Length(height * 2 // 3)
    k_y, k_h = down(1.1), Length(max(down(0.5), k.height)) if k else Length(0)
    title_h = Length(min(t.height, title_box_h))
    s_y = Length(down(1.75) + title_box_h + down(0.2))
    t_y = Length(s_y - down(0.2) - title_h)
    meta_pitch = [
        Length(max(down(0.5), max(down(0.45), m.height) + down(0.05))) for m in metas_fitted
    ]
    meta_end = (
        rule_y
        + down(0.35)
        + sum(meta_pitch[:-1])
        + (max(down(0.45), metas_fitted[-1].height) if metas_fitted else 0)
    )
    collides = (
        t.height > title_box_h
        or (k is not None and k_y + k.height + down(KICKER_GAP) > t_y)
        or (s is not None and s_y + s.height + down(0.1) > rule_y)
        or meta_end > height - down(0.25)
    )
    squeezed = 1.0
    if collides:
        # stacked: kicker, title, subtitle from the top; the details from the bottom up. If
        # even their smallest sizes do not fit, every size is scaled down together (a warning)
        top, gap, bottom = down(0.5), down(KICKER_GAP), Length(height - down(0.3))
        while True:
            f = squeezed

            def scaled(pair: tuple[float, float], f: float = f) -> tuple[float, float]:
                return (round(pair[0] * f, 1), round(pair[1] * f, 1))

            if f < 1:
                k = (
                    fit_line(kicker[0].text, width, *scaled(KICKER_SIZES), fonts, bold=True)
                    if kicker
                    else None
                )
                s = (
                    fit_heading(subtitle[0], width, down(0.9), *scaled(SUBTITLE_SIZES), fonts)
                    if subtitle
                    else None
                )
                metas_fitted = [fit_line(m.text, width, *scaled(META_SIZES), fonts) for m in metas]
            meta_h = sum(m.height for m in metas_fitted) + down(0.08) * max(len(metas) - 1, 0)
            low_rule = Length(bottom - meta_h - down(0.3))
            k_h = k.height if k else Length(0)
            above = k_h + (gap if k else 0) + (s.height + down(0.2) if s else 0) + down(0.25)
            room = Length(low_rule - top - above)
            t = fit_heading(title, width, room, *scaled(sizes), fonts, font="serif", bold=True)
            if t.height <= room or f < 0.35:
                break
            squeezed = f * 0.9
        k_y, title_h = top, t.height
        t_y = Length(top + k_h + (gap if k else 0))
        s_y = Length(t_y + title_h + down(0.2))
        top_end = (s_y + s.height) if s else (t_y + title_h)
        rule_y = Length(max(top_end + down(0.25), min(rule_y, low_rule)))
        meta_pitch = [Length(m.height + down(0.08)) for m in metas_fitted]
    if squeezed < 1:
        notices.append(
            (("title",), f"the cover's texts are too long for the cover even at their smallest "
             f"sizes: every size is scaled to {squeezed:.0%}; shorten the title, kicker, "
             "subtitle or details")
        )  # fmt: skip
    look = ground(theme)
    elements: list[Element] = [Rect(Box(left, rule_y, width, Pt(2.5)), look.rule)]
    if k is not None:
        elements.append(
            text_block(k, left, k_y, width, "kicker", color=look.kicker, bold=True, height=k_h)
        )
        if k.at_minimum:
            notices.append((("kicker",), minimum_message("the kicker", k.size)))
    elements.append(
        text_block(
            t, left, t_y, width, "title", color=look.title, font="serif", bold=True, height=title_h
        )
    )
    if t.at_minimum:
        notices.append(
            (("title",), f"the cover title is shrunk to {t.size:g} pt (min-cover-title "
             f"{theme.sizes.min_cover_title:g} pt) to fit the cover; consider a shorter title")
        )  # fmt: skip
    if s is not None:
        elements.append(text_block(s, left, s_y, width, "subtitle", color=look.subtitle))
        if s.at_minimum:
            notices.append((("subtitle",), minimum_message("the subtitle", s.size)))
    y = Length(rule_y + (down(0.35) if not collides else down(0.3)))
    has_date = any(not m.origin for m in metas)
    for m, fitted, pitch in zip(metas, metas_fitted, meta_pitch, strict=True):
        box_h = fitted.height if collides else Length(max(down(0.45), fitted.height))
        elements.append(text_block(fitted, left, y, width, "meta", color=look.meta, height=box_h))
        if fitted.at_minimum:
            notices.append((_meta_path(m, has_date), minimum_message(_meta_name(m), fitted.size)))
        y = Length(y + pitch)
    return Framed((tuple(elements),), (slide.title,), tuple(notices))


LEAD_SIZES = (22.0, 18.0)
DIVIDER_TITLE_MIN = 32.0


def divider(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """Red panel with a giant gold numeral; the section title in red serif on cream, a short
    gold rule and the lead. A long lead takes more lines and the room below; then the title
    and rule move up to give it more."""
    (heading,) = slide.role("title")
    leads = slide.role("lead")
    down, panel = geometry.down, geometry.panel
    numeral = heading.label or ""
    numeral_size = 150 if len(numeral) == 1 else 110
    number = fit_line(
        numeral, panel.w, numeral_size, numeral_size, fonts, font="serif", bold=True,
        align="center", spacing=1.0,
    )  # fmt: skip
    look = ground(theme)
    elements: list[Element] = [
        Rect(panel, "primary") if look.panel else Rect(_panel_edge(panel), "primary"),
        text_block(
            number, panel.x, down(1.5), panel.w, "divider-number", color=look.numeral, font="serif",
            bold=True, spacing=1.0, height=Length(max(down(4.5), number.height)), anchor="middle",
        ),
    ]  # fmt: skip
    left = Length(panel.x + panel.w + Inches(0.9))
    width = Length(geometry.width - left - Inches(0.8))
    top, bottom = down(0.6), Length(geometry.height - down(0.6))
    sizes = (theme.sizes.divider_title, DIVIDER_TITLE_MIN)
    t = fit_heading(heading, width, down(2.0), *sizes, fonts, font="serif", bold=True)
    if t.height > down(2.0):  # more room above: up to the top margin
        t = fit_heading(
            heading, width, Length(down(3.3) - top), *sizes, fonts, font="serif", bold=True
        )
    title_y = Length(max(top, down(3.3) - t.height))
    lead = None
    if leads:
        lead = fit_heading(leads[0], width, down(1.6), *LEAD_SIZES, fonts)
        lead_y = Length(title_y + t.height + down(0.6))
        if lead.height > down(1.6):
            lead = fit_heading(leads[0], width, Length(bottom - lead_y), *LEAD_SIZES, fonts)
        if lead_y + lead.height > bottom:  # the title and rule move up for it
            title_y = Length(max(top, bottom - lead.height - down(0.6) - t.height))
    squeezed = 1.0
    while (
        title_y + t.height + (down(0.6) + lead.height if lead else 0) > bottom and squeezed > 0.35
    ):
        # not even at their smallest sizes: both scaled down together (a warning)
        squeezed *= 0.9
        f = squeezed
        title_room = Length((bottom - top) * (0.45 if lead else 1.0))
        small = (round(sizes[0] * f, 1), round(sizes[1] * f, 1))
        t = fit_heading(heading, width, title_room, *small, fonts, font="serif", bold=True)
        title_y = top
        if leads:
            room = Length(bottom - top - t.height - down(0.6))
            lead_small = (round(LEAD_SIZES[0] * f, 1), round(LEAD_SIZES[1] * f, 1))
            lead = fit_heading(leads[0], width, room, *lead_small, fonts)
    rule_y = Length(title_y + t.height + down(0.25))
    elements.append(
        text_block(
            t, left, title_y, width, "divider-title", color="primary", font="serif", bold=True
        )
    )
    elements.append(Rect(Box(left, rule_y, Inches(1.2), Pt(4)), look.rule))
    notices: list[tuple[DataPath, str]] = []
    if squeezed < 1:
        notices.append(
            ((*slide.origin, "title"), f"the section title and lead are too long for the "
             f"divider even at their smallest sizes: scaled to {squeezed:.0%}; shorten them")
        )  # fmt: skip
    if t.at_minimum:
        notices.append(((*slide.origin, "title"), minimum_message("the divider title", t.size)))
    if lead is not None:
        elements.append(
            text_block(lead, left, Length(rule_y + down(0.35)), width, "divider-lead", color="grey")
        )
        if lead.at_minimum:
            notices.append(((*slide.origin, "lead"), minimum_message("the lead", lead.size)))
    return Framed((tuple(elements),), (slide.title,), tuple(notices))


def closing(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """The cover's red with one large line and the organiser."""
    (closing_block,) = slide.role("closing")
    organisers = slide.role("meta")
    down = geometry.down
    left, width = geometry.cover.x, geometry.cover.w
    c = fit_heading(closing_block, width, down(2.0), 54, 32, fonts, font="serif", bold=True)
    if c.height > down(2.0):
        c = fit_heading(
            closing_block,
            width,
            Length(down(3.3) - down(0.5)),
            54,
            32,
            fonts,
            font="serif",
            bold=True,
        )
    y = Length(max(down(0.5), down(3.3) - c.height))
    setting = replace(c.setting, paragraph=replace(c.setting.paragraph, align="center"))
    rule_y = Length(y + c.height + down(0.35))
    look = ground(theme)
    elements: list[Element] = [
        text_block(replace(c, setting=setting), left, y, width, "closing", color=look.title,
               font="serif", bold=True),
        Rect(Box(Length((geometry.width - Inches(1.6)) // 2), rule_y, Inches(1.6), Pt(3)), look.rule),
    ]  # fmt: skip
    notices: list[tuple[DataPath, str]] = []
    if c.at_minimum:
        notices.append((("closing",), minimum_message("the closing line", c.size)))
    if organisers:
        o = fit_line(organisers[0].text, width, 22, 16, fonts, align="center")
        o_h = Length(max(down(0.6), o.height))
        elements.append(
            text_block(
                o, left, Length(rule_y + down(0.35)), width, "meta", color=look.subtitle, height=o_h
            )
        )
    return Framed((tuple(elements),), (slide.title,), tuple(notices))


__all__ = ["FILLED", "PLAIN", "Ground", "closing", "cover", "divider", "ground"]
