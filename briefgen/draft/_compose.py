"""Compose the draft: paragraphs → sections → slides, in source order.

Maps cleaned text → `DraftOutline`. Each paragraph goes to a section by its lead phrase; its
plain sentences become a `points` slide, each list found in it an `items` slide, and every such
slide's notes hold the paragraph word for word. Quoted terms become a glossary at the end. Text
without a communiqué's structure gets one slide per paragraph and nothing invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._emit import DraftOutline, DraftPoint, DraftSection, DraftSlide
from ._enumerate import Enumeration, Unit, paragraph_chains, paragraph_units, usable_title
from ._meta import Meta, find_meta
from ._read import cjk_share
from ._rules import Rules
from ._segment import (
    CLAUSE_DELIMS,
    Paragraph,
    balanced,
    sentence_spans,
    split_paragraphs,
    split_top,
    trim,
)
from ._terms import DraftTerm, find_terms, first_use

CN_NUMBERS = "一二三四五六七八九十"
_WHEN = re.compile(
    r"^((\d{2,4}|[〇零一二三四五六七八九]{2,4})年)?((\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"((\d{1,2}|[一二三四五六七八九十]{1,3})日)?(上午|下午|晚上?|晚间)?$"
)
SHORT_PARAGRAPH = 120
LONG_POINT = 60


@dataclass(slots=True)
class _Block:
    paragraphs: list[Paragraph]
    chain: Enumeration | None = None


@dataclass(slots=True)
class Composition:
    """The composed outline, what the drafter found, and notes for the trainer."""

    outline: DraftOutline
    notes: list[str] = field(default_factory=list)
    lists: int = 0
    terms: int = 0
    structured: bool = True


def lead_of(text: str, rules: Rules) -> str | None:
    """The lead phrase (全会指出 …) that opens `text`, or None."""
    return next((lead for lead in rules.leads() if text.startswith(lead)), None)


def strip_lead(text: str, rules: Rules) -> str:
    """`text` without an opening lead phrase and the ， or ： after it."""
    lead = lead_of(text, rules)
    if lead and text[len(lead) : len(lead) + 1] in ("，", "：", ","):
        return text[len(lead) + 1 :]
    return text


def cn_number(n: int) -> str:
    """1 → 一 … 10 → 十; larger numbers in digits."""
    return CN_NUMBERS[n - 1] if 1 <= n <= 10 else str(n)


def _classify(p: Paragraph, current: int | None, rules: Rules) -> int | None:
    """The index of the section `p` belongs to (None: stay where we are)."""
    lead = lead_of(p.text, rules)
    first = p.text[: sentence_spans(p.text)[0][1]] if sentence_spans(p.text) else p.text
    keyed = [i for i, s in enumerate(rules.sections) if any(k in first for k in s.keywords)]
    if lead is None:
        if current is None and keyed:
            return keyed[0]
        return current if current is not None else 0
    candidates = [i for i, s in enumerate(rules.sections) if lead in s.leads]
    ahead = [i for i in candidates if current is None or i >= current]
    for pool in ([i for i in ahead if i in keyed], ahead, candidates):
        if pool:
            return pool[0]
    return current


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


def _clause_title(sentence: str, rules: Rules, dateline: str | None) -> str | None:
    text = sentence.strip()
    if dateline and text.startswith(dateline):
        text = text[len(dateline) :].lstrip(" \u3000")
    text = strip_lead(text, rules)
    for start, end in split_top(text, CLAUSE_DELIMS)[:3]:
        clause = trim(text[start:end])
        if 4 <= len(clause) <= 20 and balanced(clause) and not _WHEN.match(clause):
            return clause
    return None


def _lines(block: list[Paragraph]) -> str:
    first, last = block[0].line, block[-1].line
    return f"source: line {first}" if first == last else f"source: lines {first}-{last}"


class _Composer:
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

    def merge_short(self, section: DraftSection, block: _Block, slides: list[DraftSlide]) -> bool:
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
                previous.comments[0] = _lines(sources)
                return True
        if short:
            self.short[id(slides[0])] = [p]
        return False

    def dateline(self, p: Paragraph) -> str | None:
        return self.meta.dateline if p.index == self.lead_paragraph else None

    def items_slide(self, enum: Enumeration, block: list[Paragraph], fallback: str) -> DraftSlide:
        self.lists.append(enum)
        comments = [_lines(block)]
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
        comments.append(_describe(enum))
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
        title = _clause_title(sentences[0], self.rules, dateline)
        comments = [_lines(block)]
        if title is None:
            title = fallback
            comments.append("REVIEW: give this slide a title")
        else:
            comments.append("REVIEW: title drafted from the first clause")
        return DraftSlide(
            title, points=points, notes="\n".join(p.text for p in block), comments=comments
        )

    def block(self, block: _Block, section: DraftSection) -> list[DraftSlide]:
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
            if unit.enum is None or not _sound(unit):
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
                    comments=[_lines(paragraphs)],
                )
            )
        return slides


def _sound(unit: Unit) -> bool:
    return unit.enum is not None and all(item.head.strip() for item in unit.enum.items)


def _describe(enum: Enumeration) -> str:
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


def _blocks(body: list[Paragraph], rules: Rules) -> list[_Block]:
    stops = {p.index for p in body if lead_of(p.text, rules)}
    chains = paragraph_chains(body, rules, stops=stops)
    starts = {members[0]: (members, enum) for members, enum in chains}
    blocks: list[_Block] = []
    k = 0
    while k < len(body):
        if k in starts:
            members, enum = starts[k]
            group = [body[m] for m in members]
            previous = blocks[-1].paragraphs if blocks else []
            if (
                len(previous) == 1
                and blocks[-1].chain is None
                and previous[0].text.rstrip().endswith(("：", ":"))
                and len(sentence_spans(previous[0].text)) == 1
            ):
                blocks.pop()
                group = previous + group
            blocks.append(_Block(group, enum))
            k = members[-1] + 1
        else:
            blocks.append(_Block([body[k]]))
            k += 1
    return blocks


def compose(text: str, rules: Rules, *, name: str, source_name: str | None = None) -> Composition:
    """Cleaned text → the draft outline and notes on what was found."""
    paragraphs, notes = split_paragraphs(text)
    meta = find_meta(paragraphs, rules, name=name)
    used = set(meta.title_paragraphs) | set(meta.header_paragraphs) | meta.meta_paragraphs
    body = [p for p in paragraphs if p.index not in used]
    if not body:
        body = [p for p in paragraphs if p.index in meta.meta_paragraphs]
        meta.meta_paragraphs.clear()
        meta.source_lines.clear()
    share = cjk_share(text)
    composer = _Composer(rules, meta)
    composer.lead_paragraph = body[0].index if body else None
    blocks = _blocks(body, rules) if share >= 0.3 else []
    leads = any(lead_of(p.text, rules) for p in body)
    has_lists = any(b.chain for b in blocks) or any(
        _sound(u) for b in blocks for u in paragraph_units(b.paragraphs[0].text, rules)
    )
    structured = share >= 0.3 and (leads or has_lists)
    if structured and len(body) == 1 and _inner_leads(body[0].text, rules) >= 2:
        notes.append(
            "the text is one unbroken paragraph with several lead phrases (全会指出…, 全会强调…): "
            "put each on its own line and draft again to get a section for each"
        )
    if structured:
        current: int | None = None
        for block in blocks:
            index = _classify(block.paragraphs[0], current, rules) if leads else None
            current = index
            title = rules.sections[index].title if index is not None else rules.fallback_section
            section = composer.section(title)
            slides = composer.block(block, section)
            if composer.merge_short(section, block, slides):
                continue
            for slide in slides:
                composer.add(section, slide)
    else:
        notes.append(_fallback_note(share, body))
        _plain(composer, body, share)
    found_terms = 0
    if structured:
        texts = [p.text for p in body]
        terms = find_terms(texts, [e for e in composer.lists if e.title])
        found_terms = len(terms)
        _glossary(composer, terms, texts)
    outline = DraftOutline(
        header=_header(source_name or name),
        fields=_fields(meta),
        trailer=_trailer(meta),
        sections=composer.sections,
    )
    return Composition(outline, notes, len(composer.lists), found_terms, structured)


def _inner_leads(text: str, rules: Rules) -> int:
    """How many sentences of `text` open with a lead phrase."""
    return sum(lead_of(text[s:e], rules) is not None for s, e in sentence_spans(text))


def _plain(composer: _Composer, body: list[Paragraph], share: float) -> None:
    rules = composer.rules
    chinese = share >= 0.3
    section = composer.section(rules.fallback_section if chinese else rules.fallback_section_other)
    for n, p in enumerate(body, start=1):
        sentences = [p.text[s:e] for s, e in sentence_spans(p.text)] or [p.text]
        points = [DraftPoint(t) for s in sentences if (t := trim(s))] or [DraftPoint(p.text)]
        title = (
            _clause_title(sentences[0], rules, None) if chinese else _english_title(sentences[0])
        )
        title = title or (f"第{n}段" if chinese else f"Paragraph {n}")
        composer.add(
            section, DraftSlide(title, points=points, notes=p.text, comments=[_lines([p])])
        )


def _english_title(sentence: str) -> str | None:
    text = trim(sentence)
    if 2 <= len(text) <= 60 and balanced(text):
        return text
    clause = trim(text[: split_top(text, ",;:")[0][1]])
    return clause if 2 <= len(clause) <= 60 and balanced(clause) else None


def _fallback_note(share: float, body: list[Paragraph]) -> str:
    if share < 0.3:
        return (
            f"the text is not Chinese ({share:.0%} Han characters): briefgen draft reads Chinese "
            "communiqués, so it drafted one slide per paragraph and no structure"
        )
    if len(body) < 2:
        return (
            "the text is one unbroken paragraph: put each paragraph of the communiqué on its own "
            "line (全会指出… / 全会强调… each start one) and draft again; drafted one slide"
        )
    return (
        "no communiqué structure found (no paragraph opens with a lead phrase such as 全会指出 or "
        "会议强调, and no list such as 一是…二是…): drafted one slide per paragraph; restructure "
        "it by hand, or add the text's lead phrases to a rules file (see docs/draft.md)"
    )


def _glossary(composer: _Composer, terms: list[DraftTerm], texts: list[str]) -> None:
    if not terms:
        return
    rules = composer.rules
    section = composer.section(rules.terms_section)
    section.comments.append("REVIEW: quoted terms, most frequent first; keep the ones worth a card")
    size = rules.terms_per_slide
    chunks = [terms[i : i + size] for i in range(0, len(terms), size)]
    for n, chunk in enumerate(chunks, start=1):
        title = (
            rules.terms_section if len(chunks) == 1 else f"{rules.terms_section}（{cn_number(n)}）"
        )
        lines = []
        for term in chunk:
            lines.append(f"{term.term}：{first_use(term.term, texts)}")
        slide = DraftSlide(title, terms=list(chunk), notes="\n".join(lines))
        slide.comments.append("counts: " + "，".join(f"{t.term}×{t.count}" for t in chunk))
        composer.add(section, slide)


def _header(name: str) -> list[str]:
    return [
        f"Drafted by `briefgen draft` from {name}. Review it before you build:",
        "lines marked REVIEW are the drafter's guesses; TODO marks what the text does not say.",
        "Each slide's notes hold its source paragraph word for word (half-width , ; : ( ) next to",
        "Chinese made full-width). Check every quotation against the text with:",
        f"  briefgen check OUTLINE.yaml --source {name}",
    ]


def _fields(meta: Meta) -> list[tuple[str, str, str | None]]:
    fields: list[tuple[str, str, str | None]] = [("briefgen", "1", None)]
    if meta.title_paragraphs:
        note = "REVIEW: the report's headline; a deck title often reads 学习贯彻…精神"
    else:
        note = "REVIEW: the text has no headline; this is the file's name"
    fields.append(("title", meta.title or "Draft", note))
    if meta.subtitle:
        fields.append(("subtitle", meta.subtitle, None))
    if meta.meeting:
        fields.append(("meeting", meta.meeting, "REVIEW: the headline without 举行/召开"))
    if meta.source_lines:
        fields.append(("source", "；".join(meta.source_lines), "REVIEW: the text's source lines"))
    return fields


def _trailer(meta: Meta) -> list[str]:
    when = f"the text is dated {meta.date}" if meta.date else "the text gives no date"
    return [
        f"TODO: date: the date of your session, as the cover should show it ({when})",
        "TODO: organiser:, presenter:, place:, audience: (see docs/outline-format.md)",
    ]


__all__ = ["Composition", "cn_number", "compose", "lead_of", "strip_lead"]
