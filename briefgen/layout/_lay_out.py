"""Lay out the whole deck: a `DeckPlan` → `LaidDeck`, before any OOXML.

Maps each planned slide → one or more laid-out slides: the framing slides placed per
deck-style.md, each content slide fitted or split onto continuation slides (titled "…（续）")
and item detail slides; then numbers, title bars, footers and warnings (returned as data,
positioned in the outline by the caller's `locate`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from briefgen._record import record
from briefgen.errors import DataPath, Diagnostic
from briefgen.plan import DeckPlan, PlannedSlide, SlideKind
from briefgen.theme import Theme

from ._agenda import agenda
from ._covers import closing, cover, divider, ground
from ._deck import Element, LaidDeck, LaidSlide, TextBlock
from ._fitbox import Framed
from ._frame import Chrome, fit_footer, footer, footer_parts, title_bar
from ._geometry import Geometry, geometry_for
from ._legible import legible_elements
from ._measurer import FontSet, font_set
from ._slides import Page, content_pages
from ._template_frames import (
    body_geometry,
    footer_on,
    image_on,
    on_template,
    template_colours,
    title_on,
)
from ._text import chinese_numeral

Locate = Callable[[DataPath, str], Diagnostic]


@record
class _Placed:
    kind: SlideKind
    title: str
    body: tuple[Element, ...]
    background: str = "white"
    chrome: bool = True
    section: str | None = None
    section_number: int | None = None
    part: tuple[int, int] = (1, 1)
    notes: str = ""
    fill: float = 0.0
    minutes: float | None = None
    warnings: tuple[Diagnostic, ...] = ()
    origin: DataPath = ()
    bar: Chrome | None = None
    """The title bar, for content slides (laid before the body, whose top it sets)."""


_FRAMING = {"cover": cover, "agenda": agenda, "divider": divider, "closing": closing}


def _background(kind: SlideKind, theme: Theme) -> str:
    """The background of a framing slide: the cover's and closing's, the divider's, or white."""
    look = ground(theme)
    return {"cover": look.background, "closing": look.background, "divider": look.divider}.get(
        kind, "white"
    )


def _framing(
    slide: PlannedSlide, framed: Framed, warnings: tuple[Diagnostic, ...], background: str
) -> list[_Placed]:
    section = slide.section
    return [
        _Placed(
            slide.kind,
            title,
            page,
            background=background,
            chrome=slide.kind == "agenda",
            section=section.title if section else None,
            section_number=section.number if section else None,
            part=(p + 1, len(framed.pages)),
            notes=slide.notes,
            warnings=warnings if p == 0 else (),
            origin=slide.origin,
        )
        for p, (page, title) in enumerate(zip(framed.pages, framed.titles, strict=True))
    ]


def _squash(text: str) -> str:
    return "".join(text.split())


def _shown(framed: dict[int, Framed], kinds: set[str], plan: DeckPlan) -> str:
    """Every text the framing slides of `kinds` show, without whitespace, for `in` tests."""
    texts = []
    for index, result in framed.items():
        if plan.slides[index].kind in kinds:
            for page in result.pages:
                texts += [e.text for e in page if isinstance(e, TextBlock)]
    return _squash("\n".join(texts))


@lru_cache(maxsize=256)  # a batch's districts share their agenda, dividers and closing
def _framed(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """A framing slide laid out on the theme's design, or on its template layout (that
    layout's placeholders and background) when the template has one for its role."""
    frame = geometry.frame(slide.kind)
    if frame is not None:
        return on_template(slide, frame, geometry, theme, fonts)
    return _FRAMING[slide.kind](slide, theme, geometry, fonts)


def _content(
    slide: PlannedSlide,
    label: str,
    label_elsewhere: bool,
    theme: Theme,
    geometry: Geometry,
    fonts: FontSet,
) -> tuple[tuple[Page, ...], list[Chrome]]:
    """A content slide's pages and their title bars: the body starts below the tallest bar
    the slide's titles need (a title of three lines or more moves it down)."""
    frame = geometry
    pages = content_pages(slide, theme, frame, fonts)
    for _ in range(3):
        bars = [
            title_bar(p.title, label, theme, geometry, fonts, label_shown_elsewhere=label_elsewhere)
            for p in pages
        ]
        tallest = max(bar.bar_height for bar in bars)
        if tallest <= frame.bar_height:
            break
        frame = geometry.with_bar(tallest)
        pages = content_pages(slide, theme, frame, fonts)
    if frame is not geometry:
        bars = [
            title_bar(
                p.title, label, theme, geometry, fonts,
                label_shown_elsewhere=label_elsewhere, bar_height=frame.bar_height,
            )
            for p in pages
        ]  # fmt: skip
    return pages, bars


def layout_deck(
    plan: DeckPlan,
    theme: Theme,
    *,
    locate: Locate | None = None,
    geometry: Geometry | None = None,
    fonts: FontSet | None = None,
) -> LaidDeck:
    """Lay out the whole deck: every slide measured, broken, fitted and numbered, on the
    slides of `geometry` (by default the theme's slide size), each text measured in its face
    by `fonts` (by default the theme's faces: their real widths when installed)."""
    if geometry is None:
        geometry = geometry_for(theme)
    if fonts is None:
        fonts = font_set(theme)

    def where(path: DataPath, message: str) -> Diagnostic:
        if locate is not None:
            return locate(path, message)
        return Diagnostic(message, severity="warning")

    framed = {
        i: _framed(slide, theme, geometry, fonts)
        for i, slide in enumerate(plan.slides)
        if slide.kind in _FRAMING
    }
    elsewhere = _shown(framed, {"agenda", "divider"}, plan)
    on_cover = _shown(framed, {"cover", "closing"}, plan)
    planned: list[_Placed] = []
    warned: set[tuple[DataPath, str]] = set()

    def once(path: DataPath, message: str) -> tuple[Diagnostic, ...]:
        if (path, message) in warned:
            return ()
        warned.add((path, message))
        return (where(path, message),)

    for i, slide in enumerate(plan.slides):
        if i in framed:
            result = framed[i]
            warnings = tuple(d for path, msg in result.notices for d in once(path, msg))
            # on a template's layout, its own background shows
            on = geometry.frame(slide.kind)
            ground = on.background if on is not None else _background(slide.kind, theme)
            planned += _framing(slide, result, warnings, ground)
            continue
        assert slide.section is not None
        label = f"{chinese_numeral(slide.section.number)}、{slide.section.title}"
        label_elsewhere = _squash(slide.section.title) in elsewhere
        frame = geometry.frame(slide.kind)
        bars: list[Chrome | None]
        if frame is None:
            pages, chromes = _content(slide, label, label_elsewhere, theme, geometry, fonts)
            bars = list(chromes)
        elif slide.kind == "image" and frame.picture is not None:  # the picture placeholder
            body = image_on(slide, frame, geometry, theme, fonts)
            pages = (Page("image", slide.title, body, 1.0, slide.notes),)
            bars = [None]
        else:  # on a template's layout: the body placeholder is the body area
            pages = content_pages(slide, theme, body_geometry(frame, geometry), fonts)
            bars = [None] * len(pages)
        section_path: DataPath = ("sections", slide.section.number - 1, "title")
        # one warning for the title, the one that says most: a continuation's title, with
        # （续）, may take a line more than the first page's
        title_notes = [msg for bar in bars if bar is not None for msg in bar.title_notices]
        title_note = [((*slide.origin, "title"), max(title_notes, key=len))] if title_notes else []
        for p, (page, bar) in enumerate(zip(pages, bars, strict=True)):  # p > 0: continuation
            notes = [(((*slide.origin, *path), msg)) for path, msg in page.notices]
            if bar is not None:
                notes += title_note if p == 0 else []
                notes += [(section_path, msg) for msg in bar.section_notices]
            warnings = tuple(d for path, msg in notes for d in once(path, msg))
            planned.append(
                _Placed(
                    page.kind,
                    page.title,
                    page.body,
                    section=label,
                    section_number=slide.section.number,
                    part=page.part,
                    notes=page.notes,
                    fill=page.fill,
                    minutes=slide.minutes if p == 0 else None,
                    warnings=warnings,
                    origin=slide.origin,
                    bar=bar,
                    background=frame.background if frame is not None else "white",
                )
            )
    deck_warnings = [where(notice.path, notice.message) for notice in plan.notices]

    total = len(planned)
    info = plan.info
    parts = footer_parts(
        theme,
        {
            "organiser": info.organiser,
            "date": info.date,
            "presenter": info.presenter,
            "place": info.place,
            "title": info.title,
        },
    )
    foot = fit_footer(parts, lambda text: _squash(text) in on_cover, theme, geometry, fonts)
    # a template layout with a date placeholder shows the date there, the rest in its footer
    shortened = dict(foot.shortened)
    dated = next((part for part in parts if part.field == "date"), None)
    undated = " · ".join(shortened.get(p, p.text) for p in parts if p is not dated) or None
    for part, short in foot.shortened:
        shown = _squash(part.text) in on_cover
        deck_warnings.append(
            where(
                (part.field,) if part.field else (),
                f"the footer is too long for one line: '{part.text}' is shortened to '{short}'"
                + (" (the cover shows it in full)" if shown else " (the theme's footer text)")
                + "; to show it whole, shorten it",
            )
        )
    slides = []
    for n, placed in enumerate(planned, start=1):
        elements: tuple[Element, ...] = placed.body
        frame = geometry.frame(placed.kind)
        if frame is not None and placed.kind not in ("cover", "divider", "closing"):
            date = dated.text if dated is not None and frame.date is not None else None
            text = undated if date is not None else foot.text
            elements = (
                title_on(placed.title, frame, geometry, theme, fonts),
                *placed.body,
                *footer_on(text, n, total, frame, theme, fonts, date),
            )
        if frame is not None:
            elements = template_colours(elements, frame, theme)
        elif placed.chrome:
            bar = placed.bar or title_bar(placed.title, None, theme, geometry, fonts)
            elements = (
                *bar.elements,
                *placed.body,
                *footer(foot.text, n, total, theme, geometry, fonts),
            )
        slides.append(
            LaidSlide(
                kind=placed.kind,
                title=placed.title,
                number=n,
                elements=legible_elements(elements, placed.background, theme),
                section=placed.section,
                section_number=placed.section_number,
                part=placed.part,
                notes=placed.notes,
                background=placed.background,
                fill_ratio=placed.fill,
                minutes=placed.minutes,
                warnings=placed.warnings,
                origin=placed.origin,
            )
        )
    all_warnings = tuple(w for slide in slides for w in slide.warnings) + tuple(deck_warnings)
    width, height = geometry.width, geometry.height
    return LaidDeck(plan.info, tuple(slides), width, height, theme.name, all_warnings)


__all__ = ["layout_deck"]
