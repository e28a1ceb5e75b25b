"""Make the slides of one block of paragraphs: `points` for plain sentences, `items` for lists.

Maps a block (one paragraph, or a run of paragraphs forming one list) → `DraftSlide`s with
their titles, notes (the source word for word) and review comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._emit import DraftPoint, DraftSection, DraftSlide
from ._enumerate import paragraph_units
from ._leads import cn_number, lead_of, strip_lead
from ._lists import Enumeration, Unit, usable_title
from ._meta import Meta
from ._rules import Rules
from ._segment import CLAUSE_DELIMS, Paragraph, balanced, split_top, trim

_WHEN = re.compile(
    r"^((\d{2,4}|[〇零一二三四五六七八九]{2,4})年)?((\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"((\d{1,2}|[一二三四五六七八九十]{1,3})日)?(上午|下午|晚上?|晚间)?$"
)
SHORT_PARAGRAPH = 120
LONG_POINT = 60


@dataclass(slots=True)
class Block:
    paragraphs: list[Paragraph]
    chain: Enumeration | None = None


def _point(sentence: str, rules: Rules, dateline: str | None) -> DraftPoint | None:
    text = sentence.strip()
    if dateline and text.startswith(dateline):
        text = text[len(dateline) :].lstrip(" \u3000")
    text = strip_lead(text, rules)
    parts = [trim(text[s:e]) for s, e in split_top(text, "；;")]
    parts = [p for p in parts if p]
    if len(text) > LONG_POINT and len(parts) >= 2:
        return DraftPoint(parts[0], parts[1:])
    body = trim(text)
    return DraftPoint(body) if body else None


def clause_title(sentence: str, rules: Rules, dateline: str | None) -> str | None:
    text = sentence.strip()
    if dateline and text.startswith(dateline):
        text = text[len(dateline) :].lstrip(" \u3000")
    text = strip_lead(text, rules)
    for start, end in split_top(text, CLAUSE_DELIMS)[:3]:
        clause = trim(text[start:end])
        if 4 <= len(clause) <= 20 and balanced(clause) and not _WHEN.match(clause):
            return clause
    return None


def lines_comment(block: list[Paragraph]) -> str:
    first, last = block[0].line, block[-1].line
    return f"source: line {first}" if first == last else f"source: lines {first}-{last}"


class SlideMaker:
    def __init__(self, rules: Rules, meta: Meta) -> None:
        self.rules = rules
        self.meta = meta
        self.sections: list[DraftSection] = []
        self.lists: list[Enumeration] = []
        self.lead_paragraph: int | None = None
        self.short: dict[int, list[Paragraph]] = {}

    def section(self, title: str) -> DraftSection:
        if not self.sections or self.sections[-1].title != title:
            self.sections.append(DraftSection(title))
        return self.sections[-1]

    def add(self, section: DraftSection, slide: DraftSlide) -> None:
        titles = {s.title for s in section.slides}
        base, n = slide.title, 2
        while slide.title in titles:
            slide.title = f"{base}（{cn_number(n)}）"
            n += 1
        section.slides.append(slide)

    def merge_short(self, section: DraftSection, block: Block, slides: list[DraftSlide]) -> bool:
        """Fold a short paragraph without a lead phrase into the slide before it when that
        one came from such a paragraph too (the 会议概况 lines); True if folded."""
        p = block.paragraphs[0]
        short = (
            block.chain is None
            and len(block.paragraphs) == 1
            and len(p.text) <= SHORT_PARAGRAPH
            and lead_of(p.text, self.rules) is None
            and len(slides) == 1
            and slides[0].points is not None
        )
        previous = section.slides[-1] if section.slides else None
        if short and previous is not None and id(previous) in self.short:
            sources = self.short[id(previous)]
            if len(sources) < 3 and previous.points is not None and slides[0].points is not None:
                previous.points.extend(slides[0].points)
                previous.notes = f"{previous.notes}\n{p.text}"
                sources.append(p)
                previous.comments[0] = lines_comment(sources)
                return True
        if short:
            self.short[id(slides[0])] = [p]
        return False

    def dateline(self, p: Paragraph) -> str | None:
        return self.meta.dateline if p.index == self.lead_paragraph else None

    def items_slide(self, enum: Enumeration, block: list[Paragraph], fallback: str) -> DraftSlide:
        self.lists.append(enum)
        comments = [lines_comment(block)]
        title = enum.title
        if title is None:
            intro = enum.intro.strip()
            title = usable_title(strip_lead(intro, self.rules), self.rules)
            lead = lead_of(intro, self.rules)
            if title is None and lead and not trim(strip_lead(intro, self.rules)):
                title = lead
            if title is None:
                title = fallback
            comments.append(
                f"REVIEW: title drafted from the text; the list has {len(enum.items)} items"
            )
        comments.append(describe(enum))
        if any(len(item.head) > 20 for item in enum.items):
            comments.append("REVIEW: some heads are long; shorten them to the key phrase")
        return DraftSlide(
            title,
            items=enum.items,
            ordinal=enum.ordinal if enum.ordinal != "是" else None,
            notes="\n".join(p.text for p in block),
            comments=comments,
        )

    def points_slide(
        self, sentences: list[str], block: list[Paragraph], fallback: str
    ) -> DraftSlide | None:
        dateline = self.dateline(block[0])
        points = [pt for s in sentences if (pt := _point(s, self.rules, dateline)) is not None]
        if not points:
            return None
        title = clause_title(sentences[0], self.rules, dateline)
        comments = [lines_comment(block)]
        if title is None:
            title = fallback
            comments.append("REVIEW: give this slide a title")
        else:
            comments.append("REVIEW: title drafted from the first clause")
        return DraftSlide(
            title, points=points, notes="\n".join(p.text for p in block), comments=comments
        )

    def block(self, block: Block, section: DraftSection) -> list[DraftSlide]:
        paragraphs = block.paragraphs
        if block.chain is not None:
            return [self.items_slide(block.chain, paragraphs, section.title)]
        p = paragraphs[0]
        units = paragraph_units(p.text, self.rules, lead=lead_of(p.text, self.rules) or "")
        slides: list[DraftSlide] = []
        pending: list[str] = []
        inline: list[Enumeration] = []

        def flush() -> None:
            if pending:
                slide = self.points_slide(pending, paragraphs, section.title)
                if slide is not None:
                    slides.append(slide)
                pending.clear()
            for enum in inline:
                slides.append(self.items_slide(enum, paragraphs, section.title))
            inline.clear()

        for unit in units:
            if unit.enum is None or not sound(unit):
                pending.append(unit.text)
            elif unit.inline:
                inline.append(unit.enum)
            else:
                flush()
                slides.append(self.items_slide(unit.enum, paragraphs, section.title))
        flush()
        if not slides:
            slides.append(
                DraftSlide(
                    section.title,
                    points=[DraftPoint(p.text)],
                    notes=p.text,
                    comments=[lines_comment(paragraphs)],
                )
            )
        return slides


def sound(unit: Unit) -> bool:
    return unit.enum is not None and all(item.head.strip() for item in unit.enum.items)


def describe(enum: Enumeration) -> str:
    n = len(enum.items)
    if enum.kind == "marked":
        return f"found: {n} items marked {enum.rule}"
    if enum.kind == "count":
        return f"found: {n} items counted by {enum.rule}"
    if enum.kind == "parallel":
        return f"REVIEW: unmarked list: {n} parallel parts with …{enum.rule}…"
    if enum.kind == "suffix":
        return f"REVIEW: unmarked list: {n} phrases ending in {enum.rule}"
    if enum.kind == "colon":
        sure = "" if enum.confident else "; check that it is a list"
        return f"REVIEW: unmarked list: {n} ；-separated parts after a colon{sure}"
    return f"REVIEW: unmarked list: {n} parts opening with {enum.rule}; check that it is a list"


__all__ = ["Block", "SlideMaker", "clause_title", "describe", "lines_comment", "sound"]
