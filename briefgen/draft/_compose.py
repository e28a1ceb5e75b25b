"""Compose the draft: paragraphs → sections → slides, in source order.

Maps cleaned text → `DraftOutline`. Each paragraph belongs to a theme by its lead phrase, and
a theme's paragraphs make one section, in first-seen order (or the text's own headings make
the sections); runs of paragraphs opening alike become one list. Each block of paragraphs makes
its slides (see `_slides`), and quoted terms become a glossary at the end. Text without a
communiqué's structure gets one slide per paragraph and nothing invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._emit import DraftOutline, DraftPoint, DraftSection, DraftSlide
from ._lists import Enumeration, item_of
from ._marked import marked_in_paragraph, markers, paragraph_chains
from ._meta import Meta, classify, cn_number, find_meta, lead_of, strip_lead
from ._points import choose_points, shorten, title_candidates
from ._read import cjk_share
from ._rules import Rules, numeral_terms
from ._segment import Paragraph, balanced, sentence_spans, split_paragraphs, split_top, trim
from ._slides import Block, SlideMaker, lines_comment, sentences_of, sound
from ._terms import find_terms


@dataclass(slots=True)
class Composition:
    """The composed outline, what the drafter found, and notes for the trainer."""

    outline: DraftOutline
    notes: list[str] = field(default_factory=list)
    lists: int = 0
    terms: int = 0
    structured: bool = True


def _categories(body: list[Paragraph], rules: Rules, leads: bool) -> list[int | None]:
    """The section category (index into `rules.sections`) of each body paragraph, in order."""
    out: list[int | None] = []
    current: int | None = None
    for p in body:
        current = classify(p, current, rules) if leads else None
        out.append(current)
    return out


def _headings(body: list[Paragraph], rules: Rules) -> dict[int, str]:
    """The text's own section headings (一、… 二、… on short lines of their own), by position in
    `body`, as titles without their numbers; empty unless two or more run 1, 2, 3 …"""
    for rule in rules.enumerations:
        found: dict[int, str] = {}
        for k, p in enumerate(body):
            if len(p.text) > 30 or any(ch in p.text for ch in "。！？；"):
                continue
            opening = [(n, end) for n, start, end in markers(p.text, rule, rules) if start == 0]
            if opening and opening[0][0] == len(found) + 1:
                title = trim(p.text[opening[0][1] :].lstrip("，,：:、 \u3000.．"))
                if title:
                    found[k] = title
        if len(found) >= 2:
            return found
    return {}


def _lead_run(
    group: list[Paragraph], lead: str, before: Paragraph | None, rules: Rules
) -> Enumeration:
    """Paragraphs in a row opening with the same lead phrase → one implicit list."""
    items = [item_of(strip_lead(p.text, rules)) for p in group]
    context = before.text[sentence_spans(before.text)[-1][0] :] if before and before.text else ""
    enum = Enumeration("lead", lead, items, ordinal="、", context=context)
    enum.paragraphs = [p.index for p in group]
    enum.pair_title(rules)
    return enum


def _blocks(body: list[Paragraph], rules: Rules, categories: list[int | None]) -> list[Block]:
    """Body paragraphs → blocks in order: a numbered list over several paragraphs, a run of
    paragraphs opening with the same lead phrase (each with a one-sentence lead-in before it),
    or one paragraph."""
    stops = {p.index for p in body if lead_of(p.text, rules)}
    chains = paragraph_chains(body, rules, stops=stops)
    starts = {members[0]: (members, enum) for members, enum in chains}
    blocks: list[Block] = []
    k = 0
    while k < len(body):
        if k in starts:
            members, enum = starts[k]
            group = [body[m] for m in members]
            if _announces(blocks[-1] if blocks else None, rules):
                group = blocks.pop().paragraphs + group
            blocks.append(Block(group, enum))
            k = members[-1] + 1
            continue
        run = _run_length(body, k, rules, categories, set(starts))
        if run >= rules.parallel.lead_run_min:
            group = body[k : k + run]
            lead = lead_of(body[k].text, rules) or ""
            before = body[k - 1] if k else None
            enum = _lead_run(group, lead, before, rules)
            if _announces(blocks[-1] if blocks else None, rules):
                group = blocks.pop().paragraphs + group  # its lead-in goes to the list's notes
            blocks.append(Block(group, enum))
            k += run
            continue
        blocks.append(Block([body[k]]))
        k += 1
    return blocks


def _announces(block: Block | None, rules: Rules) -> bool:
    """True when `block` is a one-sentence paragraph that announces the list after it: it ends
    with ： or names a count (要牢牢把握十二个方面的重点任务。)."""
    if block is None or block.chain is not None or len(block.paragraphs) != 1:
        return False
    text = block.paragraphs[0].text.rstrip()
    if len(sentence_spans(text)) != 1:
        return False
    return text.endswith(("：", ":")) or (len(text) <= 60 and bool(numeral_terms(text, rules)))


def _run_length(
    body: list[Paragraph], k: int, rules: Rules, categories: list[int | None], chained: set[int]
) -> int:
    """How many paragraphs from `k` open with the same lead phrase, in the same section, with
    no numbered list inside (those become slides of their own)."""
    lead = lead_of(body[k].text, rules)
    if lead is None:
        return 0
    j = k
    while (
        j < len(body)
        and j not in chained
        and lead_of(body[j].text, rules) == lead
        and categories[j] == categories[k]
        and not marked_in_paragraph(body[j].text, rules)
        and len(item_of(strip_lead(body[j].text, rules)).head) <= 40
    ):
        j += 1
    return j - k


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
    maker = SlideMaker(rules, meta)
    maker.lead_paragraph = body[0].index if body else None
    headings = _headings(body, rules) if share >= 0.3 else {}
    heading_of: dict[int, str] = {}
    current_heading: str | None = None
    for k, p in enumerate(body):
        current_heading = headings.get(k, current_heading)
        if current_heading is not None:
            heading_of[p.index] = current_heading
    content = [p for k, p in enumerate(body) if k not in headings]
    leads = any(lead_of(p.text, rules) for p in content)
    categories = _categories(content, rules, leads)
    category_of = {p.index: c for p, c in zip(content, categories, strict=True)}
    blocks = _blocks(content, rules, categories) if share >= 0.3 else []
    has_lists = any(b.chain for b in blocks) or any(
        sound(u) for b in blocks for u in maker.units(b.paragraphs[0])
    )
    structured = share >= 0.3 and (leads or has_lists or bool(headings))
    if structured and len(body) == 1 and _inner_leads(body[0].text, rules) >= 2:
        notes.append(
            "the text is one unbroken paragraph with several lead phrases (全会指出…, 全会强调…): "
            "put each on its own line and draft again to get a section for each"
        )
    sections: dict[str, DraftSection] = {}
    if structured:
        for block in blocks:
            first = block.paragraphs[0].index
            index = category_of.get(first)
            title = heading_of.get(first) or (
                rules.sections[index].title if index is not None else rules.fallback_section
            )
            section = sections.setdefault(title, DraftSection(title))
            slides = maker.block(block, title)
            if maker.merge_short(section, block, slides):
                continue
            section.slides.extend(slides)
    else:
        notes.append(_fallback_note(share, body))
        title = rules.fallback_section if share >= 0.3 else rules.fallback_section_other
        sections[title] = DraftSection(title)
        _plain(maker, sections[title], body, share)
    found_terms = 0
    if structured:
        found_terms = _glossary(maker, sections, [p.text for p in body])
    outline = DraftOutline(
        header=_header(source_name or name),
        fields=_fields(meta),
        trailer=_trailer(meta),
        sections=[s for s in sections.values() if s.slides],
    )
    return Composition(outline, notes, len(maker.lists), found_terms, structured)


def _inner_leads(text: str, rules: Rules) -> int:
    """How many sentences of `text` open with a lead phrase."""
    return sum(lead_of(text[s:e], rules) is not None for s, e in sentence_spans(text))


def _plain(maker: SlideMaker, section: DraftSection, body: list[Paragraph], share: float) -> None:
    """One slide per paragraph: short bullets (Chinese) or its sentences (other text)."""
    rules = maker.rules
    chinese = share >= 0.3
    for n, p in enumerate(body, start=1):
        sentences = sentences_of(p.text)
        if chinese:
            texts = choose_points(sentences, rules) or [
                shorten(p.text, rules.points.max_chars) or p.text.strip()
            ]
            candidates = title_candidates(sentences, rules)
        else:
            texts = [t for s in sentences if (t := trim(s))] or [p.text]
            candidates = [t for t in [_english_title(sentences[0])] if t]
        if chinese:
            title, _ = maker.pick_title(candidates, f"第{n}段")
        else:  # the Chinese title rules (20 characters, 提法 words) do not apply
            title = maker.unique(candidates[0] if candidates else f"Paragraph {n}")
        section.slides.append(
            DraftSlide(
                title,
                points=[DraftPoint(t) for t in texts],
                notes=p.text,
                comments=[lines_comment([p]), "REVIEW: title drafted from the text"],
            )
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


def _glossary(maker: SlideMaker, sections: dict[str, DraftSection], texts: list[str]) -> int:
    """The glossary section of quoted terms; returns how many terms it holds."""
    rules = maker.rules
    terms, left_out = find_terms(
        texts, limit=rules.terms_max, explain_chars=rules.explain_max_chars
    )
    if not terms:
        return 0
    section = sections.setdefault(rules.terms_section, DraftSection(rules.terms_section))
    section.comments.append("REVIEW: quoted terms, most frequent first; keep the ones worth a card")
    if left_out:
        section.comments.append(
            f"REVIEW: {left_out} less frequent quoted term(s) left out (at most {rules.terms_max})"
        )
    slides = -(-len(terms) // rules.terms_per_slide)
    per, extra = divmod(len(terms), slides)  # spread evenly: 19 terms → 5, 5, 5, 4
    bounds = [k * per + min(k, extra) for k in range(slides + 1)]
    chunks = [terms[bounds[k] : bounds[k + 1]] for k in range(slides)]
    for n, chunk in enumerate(chunks, start=1):
        name = rules.terms_section
        title = maker.unique(name if len(chunks) == 1 else f"{name}（{cn_number(n)}）")
        notes = "\n".join(f"{term.term}：{term.clause}" for term in chunk)
        slide = DraftSlide(title, terms=list(chunk), notes=notes)
        slide.comments.append("counts: " + "，".join(f"{t.term}×{t.count}" for t in chunk))
        section.slides.append(slide)
    return len(terms)


def _header(name: str) -> list[str]:
    return [
        f"Drafted by `briefgen draft` from {name}. Review it before you build:",
        "lines marked REVIEW are the drafter's guesses; TODO marks what the text does not say.",
        "Bullets are clauses of the text; each slide's notes hold the sentences it came from, word",
        "for word (half-width , ; : ( ) next to Chinese made full-width). Check every quotation",
        "against the text with:",
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
