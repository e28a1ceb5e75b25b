"""Compose the draft: paragraphs → sections → slides, in source order.

Maps cleaned text → `DraftOutline`. Each paragraph goes to a section by its lead phrase; its
plain sentences become a `points` slide, each list found in it an `items` slide, and every such
slide's notes hold the paragraph word for word. Quoted terms become a glossary at the end. Text
without a communiqué's structure gets one slide per paragraph and nothing invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._emit import DraftOutline, DraftPoint, DraftSlide
from ._enumerate import paragraph_units
from ._leads import classify, cn_number, lead_of
from ._marked import paragraph_chains
from ._meta import Meta, find_meta
from ._read import cjk_share
from ._rules import Rules
from ._segment import Paragraph, balanced, sentence_spans, split_paragraphs, split_top, trim
from ._slides import Block, SlideMaker, clause_title, lines_comment, sound
from ._terms import DraftTerm, find_terms, first_use


@dataclass(slots=True)
class Composition:
    """The composed outline, what the drafter found, and notes for the trainer."""

    outline: DraftOutline
    notes: list[str] = field(default_factory=list)
    lists: int = 0
    terms: int = 0
    structured: bool = True


def _blocks(body: list[Paragraph], rules: Rules) -> list[Block]:
    stops = {p.index for p in body if lead_of(p.text, rules)}
    chains = paragraph_chains(body, rules, stops=stops)
    starts = {members[0]: (members, enum) for members, enum in chains}
    blocks: list[Block] = []
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
            blocks.append(Block(group, enum))
            k = members[-1] + 1
        else:
            blocks.append(Block([body[k]]))
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
    composer = SlideMaker(rules, meta)
    composer.lead_paragraph = body[0].index if body else None
    blocks = _blocks(body, rules) if share >= 0.3 else []
    leads = any(lead_of(p.text, rules) for p in body)
    has_lists = any(b.chain for b in blocks) or any(
        sound(u) for b in blocks for u in paragraph_units(b.paragraphs[0].text, rules)
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
            index = classify(block.paragraphs[0], current, rules) if leads else None
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


def _plain(composer: SlideMaker, body: list[Paragraph], share: float) -> None:
    rules = composer.rules
    chinese = share >= 0.3
    section = composer.section(rules.fallback_section if chinese else rules.fallback_section_other)
    for n, p in enumerate(body, start=1):
        sentences = [p.text[s:e] for s, e in sentence_spans(p.text)] or [p.text]
        points = [DraftPoint(t) for s in sentences if (t := trim(s))] or [DraftPoint(p.text)]
        title = clause_title(sentences[0], rules, None) if chinese else _english_title(sentences[0])
        title = title or (f"第{n}段" if chinese else f"Paragraph {n}")
        composer.add(
            section, DraftSlide(title, points=points, notes=p.text, comments=[lines_comment([p])])
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


def _glossary(composer: SlideMaker, terms: list[DraftTerm], texts: list[str]) -> None:
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


__all__ = ["Composition", "compose"]
