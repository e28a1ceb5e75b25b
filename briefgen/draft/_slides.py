"""Make the slides of one block of paragraphs: `points` for plain sentences, `items` for lists.

Maps a block (one paragraph, or a run of paragraphs forming one list) → `DraftSlide`s: short
verbatim bullets (see `_points`), items with their heads and short texts, a title chosen from
the framework's numeral term, the text's key 提法 or the section, and notes that hold the
sentences each slide came from, word for word. Every drafted title is marked REVIEW.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._emit import DraftPoint, DraftSection, DraftSlide
from ._enumerate import paragraph_units
from ._lists import Enumeration, Item, Unit, usable_title
from ._meta import Meta, cn_number, lead_of, strip_lead
from ._points import POINT_DELIMS, bad_title, choose_points, shorten, title_candidates
from ._rules import Rules, numeral_terms
from ._segment import Paragraph, sentence_spans, split_top, trim

SHORT_PARAGRAPH = 120


@dataclass(slots=True)
class Block:
    """Paragraphs that make slides together: one paragraph, or the members of one list that
    runs over several paragraphs (`chain`)."""

    paragraphs: list[Paragraph]
    chain: Enumeration | None = None


def lines_comment(block: list[Paragraph]) -> str:
    """`source: line N` (or lines N-M) for a slide's comment."""
    first, last = block[0].line, block[-1].line
    return f"source: line {first}" if first == last else f"source: lines {first}-{last}"


def sound(unit: Unit) -> bool:
    """True when the unit is a list whose every item has a head."""
    return unit.enum is not None and all(item.head.strip() for item in unit.enum.items)


def describe(enum: Enumeration) -> str:
    """The review comment saying what kind of list was found."""
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
    if enum.kind == "lead":
        return f"REVIEW: implicit list: {n} paragraphs in a row opening with {enum.rule}"
    if enum.kind == "series":
        return f"REVIEW: implicit list: {n} clauses in a row opening with {enum.rule}"
    return f"REVIEW: unmarked list: {n} parts opening with {enum.rule}; check that it is a list"


def count_check(enum: Enumeration, rules: Rules) -> str | None:
    """A REVIEW note when the text near a list counts a different number of items (十二个方面
    before eleven items), never a silent fix."""
    if enum.title is not None:
        return None
    near = numeral_terms(enum.context + enum.intro, rules)
    if not near or any(count == len(enum.items) for count, _, _ in near):
        return None
    count, term, _ = near[-1]
    return (
        f"REVIEW: the text says {term} ({count}) but {len(enum.items)} items were found; "
        "check the list against the text"
    )


class SlideMaker:
    """Makes the slides of each block, keeping every slide title of the deck distinct."""

    def __init__(self, rules: Rules, meta: Meta) -> None:
        self.rules = rules
        self.meta = meta
        self.lists: list[Enumeration] = []
        self.lead_paragraph: int | None = None
        self.short: dict[int, list[Paragraph]] = {}
        self.titles: set[str] = set()
        self.numbered: dict[str, int] = {}
        self.found: dict[int, list[Unit]] = {}
        self.overview = rules.sections[0].title if rules.sections else ""
        self.per_slide = rules.points.per_slide

    def unique(self, title: str) -> str:
        """`title`, or 标题（二）… when the deck already has a slide of that title."""
        base = title
        n = self.numbered.get(base, 2)
        while title in self.titles:
            title = f"{base}（{cn_number(n)}）"
            n += 1
        self.numbered[base] = n
        self.titles.add(title)
        return title

    def pick_title(
        self, candidates: list[str], fallback: str, count: int | None = None
    ) -> tuple[str, bool]:
        """The first candidate no slide has yet (True), else the fallback made unique. With
        `count` (an items slide), a candidate naming another count (五项原则 for 4) is skipped:
        `check` would refuse it."""
        for candidate in candidates:
            counts = {n for n, _, _ in numeral_terms(candidate, self.rules)}
            if count is not None and counts and count not in counts:
                continue
            if candidate not in self.titles and not bad_title(candidate, self.rules):
                self.titles.add(candidate)
                return candidate, True
        return self.unique(fallback), False

    def units(self, p: Paragraph) -> list[Unit]:
        """The paragraph's sentences and lists (found once per paragraph)."""
        if p.index not in self.found:
            lead = lead_of(p.text, self.rules) or ""
            self.found[p.index] = paragraph_units(p.text, self.rules, lead=lead)
        return self.found[p.index]

    def dateline(self, p: Paragraph) -> str | None:
        return self.meta.dateline if p.index == self.lead_paragraph else None

    def items_slide(
        self, enum: Enumeration, block: list[Paragraph], notes: str, section: str
    ) -> DraftSlide:
        """A list → an `items` slide: titled by its numeral term, its lead-in or the section;
        item texts cut like bullets (none for a long list); `notes` are its sentences."""
        self.lists.append(enum)
        comments = [lines_comment(block)]
        if enum.title is not None and enum.title not in self.titles:
            title = self.unique(enum.title)
            comments.append(
                f"REVIEW: title: the list's numeral term ({len(enum.items)} items as it says)"
            )
        else:
            intro = strip_lead(enum.intro.strip(), self.rules)
            before = enum.before.strip()
            spans = [(a, b) for a, b in split_top(before, POINT_DELIMS) if before[a:b].strip()]
            last_clause = before[spans[-1][0] : spans[-1][1]] if spans else ""
            candidates = [
                t for t in (usable_title(x, self.rules) for x in (intro, last_clause)) if t
            ]
            title, found = self.pick_title(candidates, section, len(enum.items))
            comments.append(
                f"REVIEW: title drafted from the list's lead-in; it has {len(enum.items)} items"
                if found
                else f"REVIEW: title is the section's; the list has {len(enum.items)} items"
            )
        comments.append(describe(enum))
        mismatch = count_check(enum, self.rules)
        if mismatch:
            comments.append(mismatch)
        if any(len(item.head) > 20 for item in enum.items):
            comments.append("REVIEW: some heads are long; shorten them to the key phrase")
        limit = self.rules.points.max_chars
        with_text = len(enum.items) <= self.rules.points.item_text_max_items
        items = [
            Item(item.head, shorten(item.text, limit) or None if item.text and with_text else None)
            for item in enum.items
        ]
        if not with_text and any(item.text for item in enum.items):
            comments.append(
                f"REVIEW: {len(items)} items: heads only, so they fit on one slide; "
                "the notes hold each item's text"
            )
        return DraftSlide(
            title,
            items=items,
            ordinal=enum.ordinal if enum.ordinal != "是" else None,
            notes=notes,
            comments=comments,
        )

    def points_slide(
        self, sentences: list[str], block: list[Paragraph], section: str
    ) -> DraftSlide | None:
        """Plain sentences → a `points` slide of their best clauses, titled by their key 提法
        or the section; the notes hold the sentences (None when nothing is left to show)."""
        dateline = self.dateline(block[0])
        bodies = list(sentences)
        if dateline and bodies and bodies[0].startswith(dateline):
            bodies[0] = bodies[0][len(dateline) :].lstrip(" \u3000")
        bodies = [b for b in bodies if trim(b)]
        if not bodies:
            return None
        points = choose_points(bodies, self.rules)
        if not points:
            first = trim(strip_lead(bodies[0].strip(), self.rules)) or trim(bodies[0])
            points = [shorten(first, self.rules.points.max_chars) or bodies[0].strip()]
        title, found = self.pick_title(title_candidates(bodies, self.rules), section)
        comments = [
            lines_comment(block),
            "REVIEW: title drafted from the text's key phrase"
            if found
            else "REVIEW: title is the section's; give the slide its own",
            "REVIEW: bullets are clauses of the text; the notes hold the whole sentences",
        ]
        return DraftSlide(
            title,
            points=[DraftPoint(p) for p in points],
            notes="".join(sentences).strip(),
            comments=comments,
        )

    def merge_short(self, section: DraftSection, block: Block, slides: list[DraftSlide]) -> bool:
        """Fold a short paragraph (without a lead phrase, or in the first section) into the
        slide before it when that one came from such a paragraph too and the bullets fit (the
        会议概况 lines: dateline, who chaired, 全会听取…); True if folded."""
        p = block.paragraphs[0]
        short = (
            block.chain is None
            and len(block.paragraphs) == 1
            and len(p.text) <= SHORT_PARAGRAPH
            and (lead_of(p.text, self.rules) is None or section.title == self.overview)
            and len(slides) == 1
            and slides[0].points is not None
        )
        previous = section.slides[-1] if section.slides else None
        if short and previous is not None and id(previous) in self.short:
            sources = self.short[id(previous)]
            fits = len(previous.points or ()) + len(slides[0].points or ()) <= self.per_slide
            if fits and previous.points is not None and slides[0].points is not None:
                previous.points.extend(slides[0].points)
                previous.notes = f"{previous.notes}\n{slides[0].notes}"
                self.titles.discard(slides[0].title)
                sources.append(p)
                previous.comments[0] = lines_comment(sources)
                return True
        if short:
            self.short[id(slides[0])] = [p]
        return False

    def block(self, block: Block, section: str) -> list[DraftSlide]:
        """The slides of one block, in the order of the text."""
        paragraphs = block.paragraphs
        if block.chain is not None:
            notes = "\n".join(p.text for p in paragraphs)
            return [self.items_slide(block.chain, paragraphs, notes, section)]
        p = paragraphs[0]
        units = self.units(p)
        slides: list[DraftSlide] = []
        pending: list[str] = []
        inline: list[tuple[Enumeration, str]] = []

        def flush() -> None:
            if pending:
                slide = self.points_slide(pending, paragraphs, section)
                if slide is not None:
                    slides.append(slide)
                pending.clear()
            for enum, text in inline:
                slides.append(self.items_slide(enum, paragraphs, text.strip(), section))
            inline.clear()

        for unit in units:
            if unit.enum is None or not sound(unit):
                pending.append(unit.text)
            elif unit.inline:
                inline.append((unit.enum, unit.text))
            else:
                lead_in = pending.pop() if len(pending) == 1 and len(pending[0]) <= 40 else ""
                flush()
                notes = (lead_in + unit.text).strip()
                slides.append(self.items_slide(unit.enum, paragraphs, notes, section))
        flush()
        if not slides:
            slides.append(
                DraftSlide(
                    self.unique(section),
                    points=[
                        DraftPoint(shorten(p.text, self.rules.points.max_chars) or p.text.strip())
                    ],
                    notes=p.text,
                    comments=[lines_comment(paragraphs), "REVIEW: title is the section's"],
                )
            )
        return slides


def sentences_of(text: str) -> list[str]:
    """The sentences of a paragraph, verbatim (the whole text when it has no sentence end)."""
    return [text[s:e] for s, e in sentence_spans(text)] or [text]


__all__ = [
    "Block",
    "SlideMaker",
    "count_check",
    "describe",
    "lines_comment",
    "sentences_of",
    "sound",
]
