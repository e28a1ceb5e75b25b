"""Plan the deck: an expanded outline → every slide and text as data (`DeckPlan`).

Maps `Outline` + `Theme` → `DeckPlan`: the cover (kicker, title, subtitle, presenter,
organiser, date and place), the agenda, a divider per section where the divider rule keeps
one, each content slide with its blocks (points and sub-points, framework items with their
labels, quote and attribution, terms, questions, table, image), and the closing slide.
Quoted 提法 get emphasis spans when the theme's `emphasis.quoted-terms` is on. The session
budget is checked here and returned as a notice, not printed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Literal

from briefgen.numerals import chinese_numeral, ordinal_label
from briefgen.outline import Outline, Section, Slide
from briefgen.theme import Theme

from ._deckplan import (
    Block,
    BlockRole,
    DeckInfo,
    DeckPlan,
    PlannedImage,
    PlannedSlide,
    PlannedTable,
    PlanNotice,
    SectionRef,
    Span,
)

DividerRule = Literal["auto", "always", "never"]

AUTO_SECTION_SLIDES = 3
"""`dividers: auto` keeps a section's divider when the section has this many slides…"""
AUTO_DECK_SLIDES = 20
"""… or when the deck has this many slides without its dividers."""

_QUOTED = re.compile(r"“[^“”\n]{1,40}”")


def emphasis_spans(text: str) -> tuple[Span, ...]:
    """Spans of quoted terms “…” (the marks included): the 提法 a theme may emphasise."""
    return tuple(Span(m.start(), m.end()) for m in _QUOTED.finditer(text))


class _Planner:
    """Builds blocks with emphasis applied by the theme's rule."""

    def __init__(self, outline: Outline, theme: Theme, image_base: Path) -> None:
        self.outline = outline
        self.emphasis = theme.emphasis.quoted_terms
        self.image_base = image_base

    def block(
        self,
        role: BlockRole,
        text: str,
        origin: tuple[str | int, ...] = (),
        label: str | None = None,
    ) -> Block:
        spans = emphasis_spans(text) if self.emphasis else ()
        return Block(role, text, label=label, emphasis=spans, origin=origin)

    def cover(self) -> PlannedSlide:
        o = self.outline
        blocks = [
            Block("kicker", o.kicker) if o.kicker else None,
            self.block("title", o.title),
            self.block("subtitle", o.subtitle) if o.subtitle else None,
            Block("meta", f"主讲：{o.presenter}", origin=("presenter",)) if o.presenter else None,
            Block("meta", o.organiser, origin=("organiser",)) if o.organiser else None,
            Block("meta", "　".join(p for p in (o.date, o.place) if p))
            if o.date or o.place
            else None,
        ]
        return PlannedSlide(
            "cover", o.title, tuple(b for b in blocks if b is not None), notes=_cover_notes(o)
        )

    def agenda(self) -> PlannedSlide:
        entries = tuple(
            self.block("agenda-entry", section.title, label=chinese_numeral(s + 1))
            for s, section in enumerate(self.outline.sections)
        )
        return PlannedSlide("agenda", "目录", entries)

    def divider(self, ref: SectionRef, section: Section) -> PlannedSlide:
        blocks = [self.block("title", section.title, label=chinese_numeral(ref.number))]
        if section.lead:
            blocks.append(self.block("lead", section.lead, ("lead",)))
        return PlannedSlide(
            "divider",
            section.title,
            tuple(blocks),
            section=ref,
            origin=("sections", ref.number - 1),
            notes=section.lead or "",
        )

    def content(self, ref: SectionRef, slide: Slide, origin: tuple[str | int, ...]) -> PlannedSlide:
        kind = slide.kind
        blocks: list[Block] = []
        table = image = None
        if slide.points is not None:
            for p, point in enumerate(slide.points):
                blocks.append(self.block("point", point.text, ("points", p), label="•"))
                blocks += [
                    self.block("sub", sub, ("points", p, "sub", s), label="–")
                    for s, sub in enumerate(point.sub)
                ]
        elif slide.items is not None:
            for i, item in enumerate(slide.items):
                label = ordinal_label(i + 1, slide.ordinal)
                blocks.append(self.block("item-head", item.head, ("items", i, "head"), label))
                if item.text:
                    blocks.append(self.block("item-text", item.text, ("items", i, "text")))
        elif slide.quote is not None:
            blocks.append(self.block("quote", slide.quote.text, ("quote", "text")))
            who = slide.quote.attribution or self.outline.meeting
            if who:
                line = who if who.startswith("—") else f"——{who}"
                blocks.append(self.block("attribution", line, ("quote", "attribution")))
        elif slide.terms is not None:
            for t, term in enumerate(slide.terms):
                blocks.append(self.block("term", term.term, ("terms", t, "term")))
                if term.explain:
                    blocks.append(self.block("explanation", term.explain, ("terms", t, "explain")))
        elif slide.questions is not None:
            blocks = [
                self.block("question", q, ("questions", i), label=f"{i + 1}. ")
                for i, q in enumerate(slide.questions)
            ]
        elif slide.table is not None:
            table = PlannedTable(slide.table.header, slide.table.rows)
        elif slide.image is not None:
            path = str(self.image_base / slide.image.path)
            image = PlannedImage(path, slide.image.caption or slide.image.path)
            if slide.image.caption:
                blocks.append(self.block("caption", slide.image.caption, ("image", "caption")))
        return PlannedSlide(
            kind,  # type: ignore[arg-type]  # Slide.kind is one of the content kinds
            slide.title,
            tuple(blocks),
            section=ref,
            origin=origin,
            notes=slide.notes or "",
            minutes=slide.minutes,
            table=table,
            image=image,
        )

    def closing(self) -> PlannedSlide:
        line = self.outline.closing or "谢谢"
        blocks = [self.block("closing", line, ("closing",))]
        if self.outline.organiser:
            blocks.append(Block("meta", self.outline.organiser, origin=("organiser",)))
        return PlannedSlide("closing", line, tuple(blocks))


def _cover_notes(outline: Outline) -> str:
    facts = [
        ("会议", outline.meeting),
        ("来源", outline.source),
        ("对象", outline.audience),
        ("时长", f"{outline.duration:g} 分钟" if outline.duration else None),
        ("地点", outline.place),
    ]
    return "\n".join(f"{label}：{value}" for label, value in facts if value)


def keeps_divider(rule: DividerRule, section: Section, outline: Outline) -> bool:
    """Whether a section opens with a divider slide under the `dividers` rule.

    A section without slides keeps its divider under every rule but `never`: it would
    otherwise show nothing but its line on the agenda.
    """
    if rule == "auto" and not section.slides:
        return True
    if rule != "auto":
        return rule == "always"
    without_dividers = 3 + sum(len(s.slides) for s in outline.sections)  # cover, agenda, closing
    return len(section.slides) >= AUTO_SECTION_SLIDES or without_dividers >= AUTO_DECK_SLIDES


def plan_deck(
    outline: Outline,
    theme: Theme,
    *,
    image_base: Path | None = None,
    district: str | None = None,
) -> DeckPlan:
    """Plan every slide of the deck from an expanded outline (no geometry, no sizes)."""
    planner = _Planner(outline, theme, image_base or Path("."))
    rule: DividerRule = outline.dividers or theme.dividers
    slides = [planner.cover(), planner.agenda()]
    for s, section in enumerate(outline.sections):
        ref = SectionRef(s + 1, section.title, section.lead)
        content = [
            planner.content(ref, slide, ("sections", s, "slides", k))
            for k, slide in enumerate(section.slides)
        ]
        if keeps_divider(rule, section, outline):
            slides.append(planner.divider(ref, section))
        elif section.lead and content:  # the lead is not lost: it opens the first slide's notes
            first = content[0]
            notes = f"{section.lead}\n\n{first.notes}" if first.notes else section.lead
            content[0] = replace(first, notes=notes)
        slides += content
    slides.append(planner.closing())
    notices = []
    budget = sum(slide.minutes or 0 for _, slide in outline.slides())
    if outline.duration and budget > outline.duration:
        notices.append(
            PlanNotice(
                ("duration",),
                f"slides budget {budget:g} minutes, more than the session's {outline.duration:g}",
            )
        )
    info = DeckInfo(
        title=outline.title,
        subtitle=outline.subtitle,
        kicker=outline.kicker,
        organiser=outline.organiser,
        date=outline.date,
        presenter=outline.presenter,
        place=outline.place,
        meeting=outline.meeting,
        district=district,
    )
    return DeckPlan(info, tuple(slides), tuple(notices))


__all__ = ["AUTO_DECK_SLIDES", "AUTO_SECTION_SLIDES", "DividerRule", "keeps_divider", "plan_deck"]
