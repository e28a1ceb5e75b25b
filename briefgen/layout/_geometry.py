"""Slide geometry: the slide size and the boxes every slide is framed by, as one value.

Maps a slide size (a theme's `slide-size: 16:9 | 4:3`, later a template's own layouts) →
`Geometry`: the slide's width and height, the body margin, the title bar and its gold rule,
the boxes of the title, the section label, the body, the footer rule, the footer text and the
page number, and the panels the framing slides draw on (the cover's text column, the
divider's red panel). Layout takes it as a parameter; no layout module keeps slide constants.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Literal, get_args

from briefgen._record import record

from ._deck import Box
from ._units import Inches, Length, Pt

if TYPE_CHECKING:
    from briefgen.theme import Theme

SlideSize = Literal["16:9", "4:3"]
"""The slide sizes a theme may ask for."""

SLIDE_SIZES: dict[SlideSize, tuple[float, float]] = {"16:9": (13.333, 7.5), "4:3": (10.0, 7.5)}
"""Width and height in inches of each slide size (PowerPoint's widescreen and standard)."""

REFERENCE_HEIGHT = Inches(7.5)
"""The slide height the framing slides were designed at; `Geometry.down` scales from it."""

_GRID = Inches(0.05)


def _on_grid(value: float) -> Length:
    """A length rounded to the 0.05-inch design grid (so proportional boxes stay round)."""
    return Length(round(value / _GRID) * _GRID)


@record
class Frame:
    """A template layout's placeholder boxes for one slide role (None: the layout has none).

    Maps the title (or centred title), body (or object), subtitle, picture, date, footer and
    slide-number placeholders of the layout a role is placed on → the boxes its text (or an
    image slide's picture) is fitted in.
    """

    title: Box | None = None
    body: Box | None = None
    subtitle: Box | None = None
    footer: Box | None = None
    page: Box | None = None
    picture: Box | None = None
    date: Box | None = None
    background: str = "white"
    """What the layout's slides show behind the text (`#RRGGBB` of its solid background, or
    `white`): the colour briefgen's own texts on it are made readable against."""
    colors: tuple[tuple[str, str], ...] = ()
    """The template's text colour (`#RRGGBB`) of each placeholder type the layout has."""

    def color(self, placeholder: str) -> str | None:
        """The template's text colour for a placeholder type (a centred title's falling back
        on the title's and a subtitle's on the body's, as the writer fills them)."""
        colours = dict(self.colors)
        fallback = {"ctrTitle": "title", "title": "ctrTitle", "subTitle": "body"}
        return colours.get(placeholder) or colours.get(fallback.get(placeholder, ""))


ROLE_OF_KIND = {
    "cover": "cover",
    "agenda": "agenda",
    "divider": "divider",
    "image": "image",
    "quote": "quote",
    "closing": "closing",
}
"""The template role of a slide kind; every other kind is a `content` slide."""


def slide_role(kind: str) -> str:
    """The template role a slide of `kind` is placed as (cover, agenda, divider, image, quote,
    closing, else content)."""
    return ROLE_OF_KIND.get(kind, "content")


@record
class Geometry:
    """Where things go on a slide: its size, margins and the boxes of the slide frame.

    Every box is in EMU from the slide's top-left corner. `title` is the title's room when a
    slide has no section label; a label takes at most `section`'s width from its right end.
    """

    width: Length
    height: Length
    margin: Length
    """Left and right margin of the body."""
    bar_height: Length
    """Height of the title bar across the top of a content slide."""
    rule_height: Length
    """Height of the gold rule under the title bar."""
    title: Box
    section: Box
    """The widest the section label may be, flush with the bar's right end."""
    body: Box
    footer_rule: Box
    footer: Box
    """The footer text (organiser · date) on the left."""
    page: Box
    """The page number (n / total) on the right."""
    cover: Box
    """The text column of the cover and the closing slide."""
    panel: Box
    """The red panel on the left of a section divider."""
    frames: tuple[tuple[str, Frame], ...] = ()
    """A template's placeholder boxes by slide role; a role not here is drawn (bar, panels)."""

    def frame(self, kind: str) -> Frame | None:
        """The template frame a slide of `kind` is placed in, or None when it is drawn."""
        role = slide_role(kind)
        return next((frame for name, frame in self.frames if name == role), None)

    @classmethod
    def on_template(
        cls, width: Length, height: Length, frames: tuple[tuple[str, Frame], ...]
    ) -> Geometry:
        """The geometry of a template's slides: its size (no stretching), the drawn frame
        for roles it has no layout for, and each found role's placeholder boxes."""
        return replace(cls.for_dimensions(width, height), frames=frames)

    @property
    def bar(self) -> Box:
        """The title bar."""
        return Box(Length(0), Length(0), self.width, self.bar_height)

    @property
    def rule(self) -> Box:
        """The gold rule under the title bar."""
        return Box(Length(0), self.bar_height, self.width, self.rule_height)

    def with_bar(self, height: Length) -> Geometry:
        """This frame with a title bar `height` high (a title of three lines or more): the
        title and section boxes grow with it, and the body starts as far below it as before
        and ends where it did."""
        grow = Length(height - self.bar_height)
        body = Box(self.body.x, Length(self.body.y + grow), self.body.w, Length(self.body.h - grow))
        return replace(
            self,
            bar_height=height,
            title=replace(self.title, h=height),
            section=replace(self.section, h=height),
            body=body,
        )

    def down(self, inches: float) -> Length:
        """A height of the 7.5-inch reference design, scaled to this slide's height."""
        return Length(round(Inches(inches) * self.height / REFERENCE_HEIGHT))

    @classmethod
    def for_size(cls, size: SlideSize | str) -> Geometry:
        """The geometry of a slide size: `16:9` (13.333 × 7.5 in) or `4:3` (10 × 7.5 in)."""
        if size not in SLIDE_SIZES:
            known = ", ".join(get_args(SlideSize))
            raise ValueError(f"unknown slide size {size!r}; one of {known}")
        w, h = SLIDE_SIZES[size]
        return cls.for_dimensions(Inches(w), Inches(h))

    @classmethod
    def for_dimensions(cls, width: Length, height: Length) -> Geometry:
        """The frame laid out on a slide of any size: fixed insets, proportional panels."""
        bar_h, rule_h = Inches(1.05), Inches(0.06)
        margin, inset = Inches(0.7), Inches(0.6)
        footer_y = Length(height - Inches(0.55))
        label_w = _on_grid(width * 0.27)
        page = Box(
            Length(width - Inches(2.6)), Length(footer_y + Inches(0.06)), Inches(2.0), Inches(0.4)
        )
        footer_w = Length(min(Inches(9.0), page.x - Inches(0.3) - inset))
        cover_x = Inches(0.9)
        return cls(
            width=width,
            height=height,
            margin=margin,
            bar_height=bar_h,
            rule_height=rule_h,
            title=Box(inset, Length(0), Length(width - inset - Inches(0.8)), bar_h),
            section=Box(Length(width - Inches(0.5) - label_w), Length(0), label_w, bar_h),
            body=Box(
                margin,
                Inches(1.45),
                Length(width - 2 * margin),
                Length(footer_y - Inches(0.15) - Inches(1.45)),
            ),
            footer_rule=Box(inset, footer_y, Length(width - 2 * inset), Pt(0.75)),
            footer=Box(inset, page.y, footer_w, page.h),
            page=page,
            cover=Box(cover_x, Length(0), Length(width - 2 * cover_x), height),
            panel=Box(Length(0), Length(0), _on_grid(width * 0.33), height),
        )


def geometry_for(theme: Theme) -> Geometry:
    """The geometry a theme asks for (its `slide-size`)."""
    return Geometry.for_size(theme.slide_size)


__all__ = [
    "REFERENCE_HEIGHT",
    "SLIDE_SIZES",
    "Frame",
    "Geometry",
    "SlideSize",
    "geometry_for",
    "slide_role",
]
