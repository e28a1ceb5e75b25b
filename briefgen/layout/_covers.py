"""The deck's framing slides: cover, agenda (目录), section dividers and the closing slide.

Maps the planned cover, agenda, divider and closing slides + `Geometry` → `Framed` pages of
elements placed per deck-style.md (red cover with a gold rule at two-thirds height, a grid of
numeral tiles, a red panel with a giant numeral), with notices for each compromise. Every
box is fitted: it shrinks within its limits, then takes more lines; when the design's
positions would then collide, the slide's texts are stacked top to bottom instead and the
cover's rule moves; an agenda too long for one slide reflows into other columns, then
continues on “目录（续）”. Rules per box: docs/layout.md. Heights are those of the 7.5-inch
design, scaled by `Geometry.down`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from briefgen.errors import DataPath
from briefgen.plan import Block, PlannedSlide
from briefgen.theme import Theme

from ._cards import fit_head
from ._deck import Align, Box, Element, Rect, TextBlock, TextRole
from ._geometry import Geometry
from ._linebreak import lines_needed
from ._measurer import FontSet
from ._text import SetText, block_height, em_width, set_paragraph
from ._units import Inches, Length, Pt

Notices = tuple[tuple[DataPath, str], ...]
CONTINUED = "（续）"


@dataclass(frozen=True, slots=True)
class Framed:
    """A framing slide laid out: its pages (more than one only for a long agenda), their
    titles, and what had to give (data path in the outline, message)."""

    pages: tuple[tuple[Element, ...], ...]
    titles: tuple[str, ...]
    notices: Notices = ()


@dataclass(frozen=True, slots=True)
class _Fitted:
    """A paragraph set for one box, its size, and whether that is the box's minimum."""

    setting: SetText
    size: float
    at_minimum: bool

    @property
    def height(self) -> Length:
        return self.setting.height


def _line(
    text: str,
    width: Length,
    start: float,
    stop: float,
    fonts: FontSet,
    *,
    font: str = "sans",
    bold: bool = False,
    align: Align = "left",
    spacing: float = 1.2,
) -> _Fitted:
    """A one-line text: the largest size from `start` down to `stop` at which it is one line,
    else every line at `stop` (the box grows)."""
    size = start
    while True:
        setting = set_paragraph(
            text,
            width,
            size,
            spacing,
            align=align,
            emphasis=False,
            measurer=fonts[font],
            bold=bold,
        )
        if len(setting.paragraph.lines) <= 1 or size <= stop:
            return _Fitted(setting, size, start > stop and size <= stop)
        size = max(size - 1, stop)


def _head(
    block: Block, width: Length, height: Length, start: float, stop: float, fonts: FontSet,
    *, font: str = "sans", bold: bool = False,
) -> _Fitted:  # fmt: skip
    """A heading fitted by `fit_head` (shrinking, balanced lines) in a box `height` high.

    It is at its minimum only when no larger size fits the box (`fit_head` may also choose
    the minimum for fewer lines, which is no compromise)."""
    measurer = fonts[font]
    setting, size = fit_head(
        block.text, width, height, start, stop, emphasis=bool(block.emphasis),
        measurer=measurer, bold=bold,
    )  # fmt: skip
    at_minimum = False
    if start > stop and size <= stop:
        above = min(start, stop + 1)
        room = max(em_width(width, above), 1.0)
        lines = lines_needed(block.text, room, measurer=measurer, bold=bold)
        at_minimum = block_height(lines, above, 1.2) > height
    return _Fitted(setting, size, at_minimum)


def _block(
    fitted: _Fitted,
    x: Length,
    y: Length,
    width: Length,
    role: TextRole,
    *,
    color: str,
    font: str = "sans",
    bold: bool = False,
    spacing: float = 1.2,
    height: Length | None = None,
    anchor: str = "top",
    group: int | None = None,
) -> TextBlock:
    """A fitted paragraph as a text block at (x, y), as tall as its lines (or `height`)."""
    return TextBlock(
        Box(x, y, width, height if height is not None else fitted.height),
        (fitted.setting.paragraph,),
        fitted.size,
        role,
        color=color,
        font=font,  # type: ignore[arg-type]
        bold=bold,
        line_spacing=spacing,
        anchor=anchor,  # type: ignore[arg-type]
        group=group,
    )


KICKER_SIZES = (24.0, 16.0)
SUBTITLE_SIZES = (24.0, 18.0)
META_SIZES = (20.0, 14.0)
"""Start and smallest sizes (pt) of the cover's kicker, subtitle and detail lines."""


def _meta_path(block: Block, outline_has_date: bool) -> DataPath:
    """Where a cover detail line was written (the date-and-place line has no single origin)."""
    if block.origin:
        return block.origin
    return ("date",) if outline_has_date else ("place",)


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

    k = _line(kicker[0].text, width, *KICKER_SIZES, fonts, bold=True) if kicker else None
    s = _head(subtitle[0], width, down(0.9), *SUBTITLE_SIZES, fonts) if subtitle else None
    metas_fitted = [_line(m.text, width, *META_SIZES, fonts) for m in metas]
    title_box_h = down(2.2)
    sizes = (theme.sizes.cover_title, theme.sizes.min_cover_title)
    t = _head(title, width, title_box_h, *sizes, fonts, font="serif", bold=True)

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
        or (k is not None and k_y + k.height + down(0.1) > t_y)
        or (s is not None and s_y + s.height + down(0.1) > rule_y)
        or meta_end > height - down(0.25)
    )
    squeezed = 1.0
    if collides:
        # stacked: kicker, title, subtitle from the top; the details from the bottom up. If
        # even their smallest sizes do not fit, every size is scaled down together (a warning)
        top, gap, bottom = down(0.5), down(0.15), Length(height - down(0.3))
        while True:
            f = squeezed

            def scaled(pair: tuple[float, float], f: float = f) -> tuple[float, float]:
                return (round(pair[0] * f, 1), round(pair[1] * f, 1))

            if f < 1:
                k = (
                    _line(kicker[0].text, width, *scaled(KICKER_SIZES), fonts, bold=True)
                    if kicker
                    else None
                )
                s = (
                    _head(subtitle[0], width, down(0.9), *scaled(SUBTITLE_SIZES), fonts)
                    if subtitle
                    else None
                )
                metas_fitted = [_line(m.text, width, *scaled(META_SIZES), fonts) for m in metas]
            meta_h = sum(m.height for m in metas_fitted) + down(0.08) * max(len(metas) - 1, 0)
            low_rule = Length(bottom - meta_h - down(0.3))
            k_h = k.height if k else Length(0)
            above = k_h + (gap if k else 0) + (s.height + down(0.2) if s else 0) + down(0.25)
            room = Length(min(low_rule, max(rule_y, low_rule)) - top - above)
            t = _head(title, width, room, *scaled(sizes), fonts, font="serif", bold=True)
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
    elements: list[Element] = [Rect(Box(left, rule_y, width, Pt(2.5)), "gold")]
    if k is not None:
        elements.append(_block(k, left, k_y, width, "kicker", color="gold", bold=True, height=k_h))
        if k.at_minimum:
            notices.append((("kicker",), _minimum_message("the kicker", k.size)))
    elements.append(
        _block(t, left, t_y, width, "title", color="white", font="serif", bold=True, height=title_h)
    )
    if t.at_minimum:
        notices.append(
            (("title",), f"the cover title is shrunk to {t.size:g} pt (min-cover-title "
             f"{theme.sizes.min_cover_title:g} pt) to fit the cover; consider a shorter title")
        )  # fmt: skip
    if s is not None:
        elements.append(_block(s, left, s_y, width, "subtitle", color="cream"))
        if s.at_minimum:
            notices.append((("subtitle",), _minimum_message("the subtitle", s.size)))
    y = Length(rule_y + (down(0.35) if not collides else down(0.3)))
    has_date = any(not m.origin for m in metas)
    for m, fitted, pitch in zip(metas, metas_fitted, meta_pitch, strict=True):
        box_h = fitted.height if collides else Length(max(down(0.45), fitted.height))
        elements.append(_block(fitted, left, y, width, "meta", color="white", height=box_h))
        if fitted.at_minimum:
            notices.append(
                (_meta_path(m, has_date), _minimum_message("this cover line", fitted.size))
            )
        y = Length(y + pitch)
    return Framed((tuple(elements),), (slide.title,), tuple(notices))


def _minimum_message(what: str, size: float) -> str:
    return f"{what} is shrunk to its minimum size, {size:g} pt, to fit; consider shortening it"


AGENDA_COLUMN = Inches(3.9)
"""The narrowest column of the agenda: a tile and a title of about seven characters at 26 pt."""
AGENDA_SIZES = (26.0, 18.0)
ROW_MAX = Inches(1.25)
"""The tallest row of the agenda's grid."""
ROW_MIN = Inches(0.6)
"""The shortest row: a tile of 0.4 in, whose numeral stays legible; fewer rows paginate."""
"""Start and smallest size (pt) of an agenda title."""


def agenda_columns(count: int, width: Length) -> int:
    """Columns of the agenda: two up to six sections, else three, as many as `width` holds."""
    wanted = 2 if count <= 6 else 3
    return max(1, min(wanted, width // AGENDA_COLUMN))


def _agenda_grid(
    entries: tuple[Block, ...],
    first: int,
    columns: int,
    area: Box,
    fonts: FontSet,
    *,
    tallest: Length = ROW_MAX,
) -> tuple[list[Element], list[int]] | None:
    """One agenda page of `entries` (numbered from `first`) in `columns`, or None when a
    title does not fit its cell even at the smallest size. Also which entries shrank to it."""
    rows = (len(entries) + columns - 1) // columns
    col_w = Length(area.w // columns)
    row_h = Length(min(tallest, area.h // max(rows, 1)))
    tile = Length(min(Inches(0.85), row_h - Inches(0.2)))
    text_w = Length(col_w - tile - Inches(0.7))
    if row_h < ROW_MIN or text_w <= 0:
        return None
    top = Length(area.y + (area.h - rows * row_h) // 2)
    elements: list[Element] = []
    smallest: list[int] = []
    for j, entry in enumerate(entries):
        i = first + j
        col, row = j // rows, j % rows
        x = Length(area.x + Inches(0.2) + col * col_w)
        y = Length(top + row * row_h + (row_h - tile) // 2)
        fitted = _head(entry, text_w, Length(row_h - Inches(0.1)), *AGENDA_SIZES, fonts, bold=True)
        if fitted.height > row_h - Inches(0.1) and tallest < area.h:
            return None
        if fitted.at_minimum:
            smallest.append(i)
        numeral = entry.label or ""
        tile_pt = tile / 12700
        # the numeral on one line inside its tile: 一 at 55% of the tile, 二十 smaller
        em = max(fonts.serif.em(numeral, bold=True), 1.0)
        number_size = round(min(tile_pt * 0.55, tile_pt * 0.8 / em))
        number = _line(
            numeral, tile, number_size, number_size, fonts, font="serif", bold=True,
            align="center", spacing=1.0,
        )  # fmt: skip
        elements.append(Rect(Box(x, y, tile, tile), "primary" if i % 2 == 0 else "accent"))
        elements.append(
            _block(
                number, x, y, tile, "agenda-number", color="white", font="serif", bold=True,
                spacing=1.0, height=Length(max(tile, number.height)), anchor="middle", group=i,
            )
        )  # fmt: skip
        text_x = Length(x + tile + Inches(0.3))
        text_y = Length(y + (tile - fitted.height) // 2)
        elements.append(
            _block(fitted, text_x, text_y, text_w, "agenda-title", color="ink", bold=True, group=i)
        )
    return elements, smallest


def agenda(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """A grid of red numeral tiles with the section titles beside them: the design's columns;
    else other column counts; else the entries continue on “目录（续）” pages."""
    entries = slide.role("agenda-entry")
    area = geometry.body
    count = len(entries)
    wanted = agenda_columns(count, area.w)
    most = max(1, area.w // Inches(2.5))
    column_choices = [wanted, *range(wanted - 1, 0, -1), *range(wanted + 1, most + 1)]
    for pages_n in range(1, max(count, 1) + 1):
        per_page = -(-count // pages_n) if count else 0
        chunks = [entries[p : p + per_page] for p in range(0, count, per_page or 1)] or [()]
        laid: list[tuple[Element, ...]] = []
        smallest: list[int] = []
        for c, chunk in enumerate(chunks):
            first = c * per_page
            for columns in column_choices:
                grid = _agenda_grid(chunk, first, columns, area, fonts) if chunk else ([], [])
                if grid is not None:
                    laid.append(tuple(grid[0]))
                    smallest += grid[1]
                    break
            else:
                break
        if len(laid) == len(chunks):
            break
    else:  # a title longer than a row can be: one entry per page, the row as tall as the body
        laid, smallest = [], []
        for i, entry in enumerate(entries):
            page, small = _agenda_grid((entry,), i, 1, area, fonts, tallest=area.h) or ([], [])
            laid.append(tuple(page))
            smallest += small
    titles = tuple(slide.title if p == 0 else slide.title + CONTINUED for p in range(len(laid)))
    notices: list[tuple[DataPath, str]] = [
        (
            ("sections", i, "title"),
            _minimum_message("this section title, on the agenda", AGENDA_SIZES[1]),
        )
        for i in smallest
    ]
    if len(laid) > 1:
        notices.append(
            (("sections",), f"the agenda continues on {len(laid) - 1} more slide(s) (目录（续）)")
        )
    return Framed(tuple(laid), titles, tuple(notices))


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
    number = _line(
        numeral, panel.w, numeral_size, numeral_size, fonts, font="serif", bold=True,
        align="center", spacing=1.0,
    )  # fmt: skip
    elements: list[Element] = [
        Rect(panel, "primary"),
        _block(
            number, panel.x, down(1.5), panel.w, "divider-number", color="gold", font="serif",
            bold=True, spacing=1.0, height=Length(max(down(4.5), number.height)), anchor="middle",
        ),
    ]  # fmt: skip
    left = Length(panel.x + panel.w + Inches(0.9))
    width = Length(geometry.width - left - Inches(0.8))
    top, bottom = down(0.6), Length(geometry.height - down(0.6))
    sizes = (theme.sizes.divider_title, DIVIDER_TITLE_MIN)
    t = _head(heading, width, down(2.0), *sizes, fonts, font="serif", bold=True)
    if t.height > down(2.0):  # more room above: up to the top margin
        t = _head(heading, width, Length(down(3.3) - top), *sizes, fonts, font="serif", bold=True)
    title_y = Length(max(top, down(3.3) - t.height))
    lead = None
    if leads:
        lead = _head(leads[0], width, down(1.6), *LEAD_SIZES, fonts)
        lead_y = Length(title_y + t.height + down(0.6))
        if lead.height > down(1.6):
            lead = _head(leads[0], width, Length(bottom - lead_y), *LEAD_SIZES, fonts)
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
        t = _head(heading, width, title_room, *small, fonts, font="serif", bold=True)
        title_y = top
        if leads:
            room = Length(bottom - top - t.height - down(0.6))
            lead_small = (round(LEAD_SIZES[0] * f, 1), round(LEAD_SIZES[1] * f, 1))
            lead = _head(leads[0], width, room, *lead_small, fonts)
    rule_y = Length(title_y + t.height + down(0.25))
    elements.append(
        _block(t, left, title_y, width, "divider-title", color="primary", font="serif", bold=True)
    )
    elements.append(Rect(Box(left, rule_y, Inches(1.2), Pt(4)), "gold"))
    notices: list[tuple[DataPath, str]] = []
    if squeezed < 1:
        notices.append(
            ((*slide.origin, "title"), f"the section title and lead are too long for the "
             f"divider even at their smallest sizes: scaled to {squeezed:.0%}; shorten them")
        )  # fmt: skip
    if t.at_minimum:
        notices.append(((*slide.origin, "title"), _minimum_message("the divider title", t.size)))
    if lead is not None:
        elements.append(
            _block(lead, left, Length(rule_y + down(0.35)), width, "divider-lead", color="grey")
        )
        if lead.at_minimum:
            notices.append(((*slide.origin, "lead"), _minimum_message("the lead", lead.size)))
    return Framed((tuple(elements),), (slide.title,), tuple(notices))


def closing(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """The cover's red with one large line and the organiser."""
    (closing_block,) = slide.role("closing")
    organisers = slide.role("meta")
    down = geometry.down
    left, width = geometry.cover.x, geometry.cover.w
    c = _head(closing_block, width, down(2.0), 54, 32, fonts, font="serif", bold=True)
    if c.height > down(2.0):
        c = _head(
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
    elements: list[Element] = [
        _block(replace(c, setting=setting), left, y, width, "closing", color="white",
               font="serif", bold=True),
        Rect(Box(Length((geometry.width - Inches(1.6)) // 2), rule_y, Inches(1.6), Pt(3)), "gold"),
    ]  # fmt: skip
    notices: list[tuple[DataPath, str]] = []
    if c.at_minimum:
        notices.append((("closing",), _minimum_message("the closing line", c.size)))
    if organisers:
        o = _line(organisers[0].text, width, 22, 16, fonts, align="center")
        o_h = Length(max(down(0.6), o.height))
        elements.append(
            _block(o, left, Length(rule_y + down(0.35)), width, "meta", color="cream", height=o_h)
        )
    return Framed((tuple(elements),), (slide.title,), tuple(notices))


__all__ = [
    "AGENDA_COLUMN", "Framed", "agenda", "agenda_columns", "closing", "cover", "divider",
]  # fmt: skip
