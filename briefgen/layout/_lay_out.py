"""Lay out the whole deck: a `DeckPlan` → `LaidDeck`, before any OOXML.

Maps each planned slide → one or more laid-out slides: the framing slides placed per
deck-style.md, each content slide fitted or split onto continuation slides (titled "…（续）")
and item detail slides; then numbers, title bars, footers and warnings (returned as data,
positioned in the outline by the caller's `locate`).
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen._record import record
from briefgen.errors import DataPath, Diagnostic
from briefgen.plan import DeckPlan, PlannedSlide, SlideKind
from briefgen.theme import Theme

from ._covers import agenda, closing, cover, divider
from ._deck import Element, LaidDeck, LaidSlide
from ._frame import footer, footer_text, title_bar
from ._geometry import Geometry, geometry_for
from ._measurer import FontSet, font_set
from ._slides import content_pages
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


_FRAMING = {"cover": cover, "agenda": agenda, "divider": divider, "closing": closing}
_BACKGROUND = {"cover": "primary", "closing": "primary", "divider": "cream"}


def _framing(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> _Placed:
    section = slide.section
    return _Placed(
        slide.kind,
        slide.title,
        _FRAMING[slide.kind](slide, theme, geometry, fonts),
        background=_BACKGROUND.get(slide.kind, "white"),
        chrome=slide.kind == "agenda",
        section=section.title if section else None,
        section_number=section.number if section else None,
        notes=slide.notes,
    )


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

    planned: list[_Placed] = []
    for slide in plan.slides:
        if slide.kind in _FRAMING:
            planned.append(_framing(slide, theme, geometry, fonts))
            continue
        assert slide.section is not None
        label = f"{chinese_numeral(slide.section.number)}、{slide.section.title}"
        pages = content_pages(slide, theme, geometry, fonts)
        for p, page in enumerate(pages):  # p > 0: continuation or detail
            warnings = tuple(where((*slide.origin, *path), msg) for path, msg in page.notices)
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
                )
            )
    deck_warnings = [where(notice.path, notice.message) for notice in plan.notices]

    total = len(planned)
    info = plan.info
    foot = footer_text(
        theme,
        {
            "organiser": info.organiser,
            "date": info.date,
            "presenter": info.presenter,
            "place": info.place,
            "title": info.title,
        },
    )
    slides = []
    for n, placed in enumerate(planned, start=1):
        elements: tuple[Element, ...] = placed.body
        if placed.chrome:
            bar = (
                title_bar(placed.title, placed.section, theme, geometry, fonts)
                if placed.kind != "agenda"
                else title_bar("目录", None, theme, geometry, fonts)
            )
            elements = (*bar.elements, *placed.body, *footer(foot, n, total, theme, geometry, fonts))
        slides.append(
            LaidSlide(
                kind=placed.kind,
                title=placed.title,
                number=n,
                elements=elements,
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
