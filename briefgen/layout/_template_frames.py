"""Slides placed on a template's layouts: text fitted into the placeholders' boxes.

Maps a planned slide + the `Frame` of its role (the boxes of the template layout's title,
body, subtitle, picture, date, footer and slide-number placeholders) → elements: the title
fitted into the title placeholder, the cover's kicker, subtitle and details into the subtitle
placeholder, a divider's lead into the body placeholder, an image slide's picture into the
picture placeholder and its caption into the caption placeholder, the date into the date
placeholder and the rest of the footer into the footer placeholders. Content that
needs its own shapes (points, cards, tables, terms, the agenda's tiles) is laid out by the
usual functions inside the body placeholder's box (`body_geometry`). Nothing is drawn behind:
the template's master and layout give the background, bands and logos.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from briefgen.plan import PlannedSlide
from briefgen.theme import Theme, passes

from ._cards import fit_head
from ._deck import (
    Align,
    Anchor,
    Box,
    Element,
    FontRole,
    Paragraph,
    Picture,
    TextBlock,
    TextRole,
)
from ._fitbox import Framed
from ._geometry import Frame, Geometry
from ._measurer import FontSet
from ._table import image_elements
from ._text import set_paragraph, size_steps
from ._units import Inches, Length, Pt

_GAP = Pt(6)


def _title_box(frame: Frame, geometry: Geometry) -> Box:
    if frame.title is not None:
        return frame.title
    inset = geometry.margin
    return Box(inset, geometry.down(0.3), Length(geometry.width - 2 * inset), geometry.down(1.2))


def template_colours(
    elements: tuple[Element, ...], frame: Frame, theme: Theme
) -> tuple[Element, ...]:
    """Text in a placeholder in the template's colour for it, where that colour meets WCAG AA
    at the text's size on the layout's background (a template's grey subtitle or footer
    colour, drawn for large text, can fail at the size briefgen fits the text to); otherwise
    the colour laid out (checked against the background like every text)."""
    behind = theme.color(frame.background)
    out = list(elements)
    for i, element in enumerate(elements):
        if not isinstance(element, TextBlock) or element.placeholder is None:
            continue
        colour = frame.color(element.placeholder)
        if colour is not None and passes(colour, behind, element.size, element.bold):
            out[i] = replace(element, color=colour)
    return tuple(out)


def body_geometry(frame: Frame, geometry: Geometry) -> Geometry:
    """`geometry` whose body is the frame's body placeholder (or, on a layout with only a
    title, the room under the title down to the footer placeholders)."""
    if frame.body is not None:
        return replace(geometry, body=frame.body)
    title = _title_box(frame, geometry)
    top = Length(title.y + title.h + Inches(0.2))
    bottoms = [b.y for b in (frame.footer, frame.page) if b is not None and b.y > top]
    bottom = (
        Length(min(bottoms) - Inches(0.1)) if bottoms else Length(geometry.height - Inches(0.5))
    )
    return replace(geometry, body=Box(title.x, top, title.w, Length(max(bottom - top, Inches(1)))))


@lru_cache(maxsize=1024)
def _fitted(
    text: str,
    box: Box,
    start: float,
    stop: float,
    role: TextRole,
    fonts: FontSet,
    *,
    placeholder: str,
    font: FontRole = "sans",
    emphasis: bool = False,
    align: Align = "left",
    anchor: Anchor = "middle",
) -> TextBlock:
    setting, size = fit_head(
        text,
        box.w,
        box.h,
        start,
        stop,
        emphasis=emphasis,
        measurer=fonts[font],
        bold=True,
    )
    height = Length(max(box.h, setting.height))
    return TextBlock(
        Box(box.x, box.y, box.w, height),
        (replace(setting.paragraph, align=align),),
        size,
        role,
        color="ink",
        font=font,
        bold=True,
        line_spacing=1.2,
        anchor=anchor,
        placeholder=placeholder,
    )


@lru_cache(maxsize=256)
def _stack(
    texts: tuple[str, ...],
    box: Box,
    start: float,
    stop: float,
    role: TextRole,
    fonts: FontSet,
    *,
    placeholder: str | None,
    align: Align = "left",
) -> TextBlock:
    """Several paragraphs in one box at one size, shrinking until they fit (at worst the
    smallest size, the box grown)."""
    paragraphs: tuple[Paragraph, ...] = ()
    size = stop
    height = Length(0)
    for size in size_steps(start, stop):
        settings = [
            set_paragraph(text, box.w, size, 1.2, emphasis=False, align=align, measurer=fonts.sans)
            for text in texts
        ]
        height = Length(sum(s.height for s in settings) + _GAP * (len(settings) - 1))
        paragraphs = tuple(
            replace(s.paragraph, space_before=_GAP if i else Length(0))
            for i, s in enumerate(settings)
        )
        if height <= box.h:
            break
    return TextBlock(
        Box(box.x, box.y, box.w, Length(max(box.h, height))),
        paragraphs,
        size,
        role,
        color="ink",
        line_spacing=1.2,
        placeholder=placeholder,
    )


def title_on(
    title: str, frame: Frame, geometry: Geometry, theme: Theme, fonts: FontSet
) -> TextBlock:
    """A content slide's title fitted into the title placeholder (shrinking, then balanced
    lines)."""
    box = _title_box(frame, geometry)
    return _fitted(
        title, box, theme.sizes.title, theme.sizes.min_title, "title", fonts, placeholder="title"
    )


def footer_on(
    text: str | None,
    number: int,
    total: int,
    frame: Frame,
    theme: Theme,
    fonts: FontSet,
    date: str | None = None,
) -> tuple[Element, ...]:
    """The footer text, the `date` and `n / total` in the layout's footer, date and
    slide-number placeholders (where the layout has none, the slide goes without)."""
    elements: list[Element] = []
    rows: tuple[tuple[str | None, Box | None, str, TextRole, Align], ...] = (
        (date, frame.date, "dt", "footer", "left"),
        (text, frame.footer, "ftr", "footer", "center"),
        (
            f"{number} / {total}" if theme.footer.numbers else None,
            frame.page,
            "sldNum",
            "page",
            "right",
        ),
    )
    for value, box, placeholder, role, align in rows:
        if not value or box is None:
            continue
        for size in size_steps(theme.sizes.footer, min(8.0, theme.sizes.footer)):
            setting = set_paragraph(
                value, box.w, size, 1.2, emphasis=False, align=align, measurer=fonts.sans
            )
            if len(setting.paragraph.lines) == 1:  # a footer is one line, shrunk to fit
                break
        elements.append(
            TextBlock(
                Box(box.x, box.y, box.w, Length(max(box.h, setting.height))),
                (setting.paragraph,),
                size,
                role,
                color="grey",
                anchor="middle",
                placeholder=placeholder,
            )
        )
    return tuple(elements)


def image_on(
    slide: PlannedSlide, frame: Frame, geometry: Geometry, theme: Theme, fonts: FontSet
) -> tuple[Element, ...]:
    """An image slide on a layout with a picture placeholder: the picture fills it (the
    writer fits it inside, aspect kept); the caption goes in the layout's caption (body)
    placeholder when it fits there, else under the picture inside the placeholder's box."""
    assert slide.image is not None and frame.picture is not None
    caption = slide.role("caption")
    text = caption[0].text if caption else None
    size = theme.sizes.min_body
    if text and frame.body is not None:
        block = _stack((text,), frame.body, size, size, "caption", fonts, placeholder="body")
        if block.box.h <= frame.body.h:
            image = slide.image
            picture = Picture(frame.picture, image.path, image.description, placeholder="pic")
            return (picture, replace(block, color="grey"))
    drawn = image_elements(slide.image, text, frame.picture, size, fonts.sans)
    return tuple(replace(e, placeholder="pic") if isinstance(e, Picture) else e for e in drawn)


def cover_on(
    slide: PlannedSlide, frame: Frame, geometry: Geometry, theme: Theme, fonts: FontSet
) -> tuple[Element, ...]:
    """The cover: its title in the centred-title placeholder; kicker, subtitle and details
    (organiser, date…) together in the subtitle placeholder."""
    (title,) = slide.role("title")
    box = _title_box(frame, geometry)
    elements: list[Element] = [
        _fitted(
            title.text,
            box,
            theme.sizes.cover_title,
            theme.sizes.min_cover_title,
            "title",
            fonts,
            placeholder="ctrTitle",
            font="serif",
            emphasis=bool(title.emphasis),
            align="center",
        )
    ]
    texts = tuple(
        b.text for b in (*slide.role("kicker"), *slide.role("subtitle"), *slide.role("meta"))
    )
    if texts:
        sub = frame.subtitle or Box(
            box.x,
            Length(box.y + box.h + Inches(0.2)),
            box.w,
            Length(geometry.height - box.y - box.h - Inches(0.6)),
        )
        elements.append(
            _stack(
                texts,
                sub,
                24,
                14,
                "subtitle",
                fonts,
                placeholder="subTitle" if frame.subtitle else None,
                align="center",
            )
        )
    return tuple(elements)


def closing_on(
    slide: PlannedSlide, frame: Frame, geometry: Geometry, theme: Theme, fonts: FontSet
) -> tuple[Element, ...]:
    """The closing line in the title placeholder, the organiser in the subtitle placeholder."""
    (line,) = slide.role("closing")
    box = _title_box(frame, geometry)
    elements: list[Element] = [
        _fitted(
            line.text,
            box,
            54,
            28,
            "closing",
            fonts,
            placeholder="ctrTitle",
            font="serif",
            align="center",
        )
    ]
    organisers = tuple(b.text for b in slide.role("meta"))
    if organisers:
        sub = frame.subtitle or Box(
            box.x, Length(box.y + box.h + Inches(0.2)), box.w, geometry.down(0.8)
        )
        elements.append(
            _stack(
                organisers,
                sub,
                22,
                14,
                "meta",
                fonts,
                placeholder="subTitle" if frame.subtitle else None,
                align="center",
            )
        )
    return tuple(elements)


def divider_on(
    slide: PlannedSlide, frame: Frame, geometry: Geometry, theme: Theme, fonts: FontSet
) -> tuple[Element, ...]:
    """A section divider: numeral and section title in the title placeholder, the lead in the
    body placeholder."""
    (heading,) = slide.role("title")
    numeral = heading.label or ""
    text = f"{numeral}、{heading.text}" if numeral else heading.text
    box = _title_box(frame, geometry)
    elements: list[Element] = [
        _fitted(
            text,
            box,
            theme.sizes.divider_title,
            28,
            "divider-title",
            fonts,
            placeholder="title",
            font="serif",
            emphasis=bool(heading.emphasis),
        )
    ]
    leads = slide.role("lead")
    if leads:
        body = body_geometry(frame, geometry).body
        elements.append(
            _stack(
                (leads[0].text,),
                body,
                22,
                16,
                "divider-lead",
                fonts,
                placeholder="body" if frame.body else None,
            )
        )
    return tuple(elements)


def on_template(
    slide: PlannedSlide, frame: Frame, geometry: Geometry, theme: Theme, fonts: FontSet
) -> Framed:
    """A framing slide (cover, agenda, divider, closing) on its template layout; the agenda's
    tiles go in the body placeholder (its title is added with the other titles)."""
    if slide.kind == "agenda":
        from ._agenda import agenda

        return agenda(slide, theme, body_geometry(frame, geometry), fonts)
    drawn = {"cover": cover_on, "closing": closing_on, "divider": divider_on}[slide.kind]
    return Framed((drawn(slide, frame, geometry, theme, fonts),), (slide.title,))


__all__ = [
    "body_geometry",
    "closing_on",
    "cover_on",
    "divider_on",
    "footer_on",
    "image_on",
    "on_template",
    "template_colours",
    "title_on",
]
