"""Plan and lay out the whole deck (like pandoc's documentToPresentation, before any OOXML).

Maps an expanded `Outline` + `Theme` → `LaidDeck`: cover, agenda, a divider per section,
each content slide fitted or split onto continuation slides (titled "…（续）"), a closing
slide; then numbers, footers and warnings (returned as data, positioned in the outline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import Diagnostic
from briefgen.outline import Outline
from briefgen.theme import Theme

from ._covers import agenda, closing, cover, divider
from ._deck import DeckInfo, Element, LaidDeck, LaidSlide, SlideKind
from ._frame import footer, footer_text, title_bar
from ._geometry import Geometry, geometry_for
from ._slides import content_pages
from ._text import chinese_numeral

DataPath = tuple[str | int, ...]
Locate = Callable[[DataPath, str], Diagnostic]


@dataclass(frozen=True, slots=True)
class _Planned:
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


def _cover_notes(outline: Outline) -> str:
    facts = [
        ("会议", outline.meeting),
        ("来源", outline.source),
        ("对象", outline.audience),
        ("时长", f"{outline.duration:g} 分钟" if outline.duration else None),
        ("地点", outline.place),
    ]
    return "\n".join(f"{label}：{value}" for label, value in facts if value)


def layout_deck(
    outline: Outline,
    theme: Theme,
    *,
    locate: Locate | None = None,
    image_base: Path | None = None,
    district: str | None = None,
    geometry: Geometry | None = None,
) -> LaidDeck:
    """Lay out the whole deck: every slide measured, broken, fitted and numbered, on the
    slides of `geometry` (by default the theme's slide size)."""
    if geometry is None:
        geometry = geometry_for(theme)

    def where(path: DataPath, message: str) -> Diagnostic:
        if locate is not None:
            return locate(path, message)
        return Diagnostic(message, severity="warning")

    planned: list[_Planned] = [
        _Planned(
            "cover",
            outline.title,
            cover(outline, theme, geometry),
            background="primary",
            chrome=False,
            notes=_cover_notes(outline),
        )
    ]
    titles = [section.title for section in outline.sections]
    planned.append(_Planned("agenda", "目录", agenda(titles, theme, geometry)))
    deck_warnings: list[Diagnostic] = []
    for s, section in enumerate(outline.sections):
        number = s + 1
        label = f"{chinese_numeral(number)}、{section.title}"
        planned.append(
            _Planned(
                "divider",
                section.title,
                divider(number, section.title, section.lead, theme, geometry),
                background="cream",
                chrome=False,
                section=section.title,
                section_number=number,
                notes=section.lead or "",
            )
        )
        for k, slide in enumerate(section.slides):
            origin: DataPath = ("sections", s, "slides", k)
            pages = content_pages(
                slide, theme, outline.meeting, str(image_base or Path(".")), geometry
            )
            for p, page in enumerate(pages):  # p > 0: continuation or item detail
                warnings = tuple(where((*origin, *path), msg) for path, msg in page.notices)
                planned.append(
                    _Planned(
                        page.kind,
                        page.title,
                        page.body,
                        section=label,
                        section_number=number,
                        part=page.part,
                        notes=page.notes,
                        fill=page.fill,
                        minutes=slide.minutes if p == 0 else None,
                        warnings=warnings,
                        origin=origin,
                    )
                )
    planned.append(
        _Planned(
            "closing",
            outline.closing or "谢谢",
            closing(outline.closing or "谢谢", outline.organiser, theme, geometry),
            background="primary",
            chrome=False,
        )
    )
    budget = sum(slide.minutes or 0 for _, slide in outline.slides())
    if outline.duration and budget > outline.duration:
        deck_warnings.append(
            where(
                ("duration",),
                f"slides budget {budget:g} minutes, more than the session's {outline.duration:g}",
            )
        )
    total = len(planned)
    foot = footer_text(
        theme,
        {
            "organiser": outline.organiser,
            "date": outline.date,
            "presenter": outline.presenter,
            "place": outline.place,
            "title": outline.title,
        },
    )
    slides = []
    for n, plan in enumerate(planned, start=1):
        elements: tuple[Element, ...] = plan.body
        if plan.chrome:
            bar = (
                title_bar(plan.title, plan.section, theme, geometry)
                if plan.kind != "agenda"
                else title_bar("目录", None, theme, geometry)
            )
            elements = (*bar.elements, *plan.body, *footer(foot, n, total, theme, geometry))
        slides.append(
            LaidSlide(
                kind=plan.kind,
                title=plan.title,
                number=n,
                elements=elements,
                section=plan.section,
                section_number=plan.section_number,
                part=plan.part,
                notes=plan.notes,
                background=plan.background,
                fill_ratio=plan.fill,
                minutes=plan.minutes,
                warnings=plan.warnings,
                origin=plan.origin,
            )
        )
    info = DeckInfo(
        title=outline.title,
        subtitle=outline.subtitle,
        organiser=outline.organiser,
        date=outline.date,
        presenter=outline.presenter,
        district=district,
    )
    all_warnings = tuple(w for slide in slides for w in slide.warnings) + tuple(deck_warnings)
    return LaidDeck(info, tuple(slides), geometry.width, geometry.height, theme.name, all_warnings)


__all__ = ["layout_deck"]
