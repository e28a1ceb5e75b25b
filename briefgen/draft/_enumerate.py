"""Find enumerations: marked ones (一是…五是, 一要…十要, 第一…, （一）…, 首先/其次) and strong
unmarked ones (parallel …才能… runs, 坚持…/要… runs, ；-lists after a colon, 、-lists of
phrases with a shared ending, 、-lists counted by a following numeral term).

Maps a paragraph's text → `Unit`s in source order (plain sentences and enumerations), and a run
of paragraphs opening with markers → one multi-paragraph `Enumeration`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ._rules import EnumRule, Rules, numeral_terms, parse_numeral
from ._segment import (
    Paragraph,
    balanced,
    first_clause,
    first_sentence,
    sentence_spans,
    split_top,
    trim,
)

_SKIP_AFTER_MARKER = "，,：:、 　.．"
_CLAUSE_START = "。！？!?；;：:，,\n "


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a drafted list: the head (clause before the first comma) and the rest."""

    head: str
    text: str | None = None


@dataclass(slots=True)
class Enumeration:
    """A list found in the text, ready to become an `items` slide."""

    kind: str  # marked | parallel | prefix | colon | suffix | count
    rule: str
    items: list[Item]
    ordinal: str = "是"
    intro: str = ""
    context: str = ""
    title: str | None = None
    confident: bool = True
    paragraphs: list[int] = field(default_factory=list)

    def pair_title(self, rules: Rules) -> None:
        """Title the list with a numeral term of the same count (五大新坐标), nearest first."""
        if self.title is not None:
            return
        matches = [t for t in numeral_terms(self.context, rules) if t[0] == len(self.items)]
        if matches:
            self.title = matches[-1][1]


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a paragraph in source order: a plain sentence, or a list (`enum`)."""

    text: str
    enum: Enumeration | None = None
    inline: bool = False


@cache
def _marker_regex(marker: str, numeral_chars: str) -> re.Pattern[str]:
    head, _, tail = marker.replace("{1}", "{一}").partition("{一}")
    digits = "{1}" in marker
    number = r"\d{1,2}" if digits else f"[{re.escape(numeral_chars)}]{{1,3}}"
    return re.compile(f"{re.escape(head)}(?P<n>{number}){re.escape(tail)}")


def _markers(text: str, rule: EnumRule, rules: Rules) -> list[tuple[int, int, int]]:
    """(number, start, end) of each marker of `rule` that opens a clause in `text`."""
    found: list[tuple[int, int, int]] = []
    if rule.words is not None:
        for n, word in enumerate(rule.words, start=1):
            for m in re.finditer(re.escape(word), text):
                found.append((n, m.start(), m.end()))
    else:
        assert rule.marker is not None
        for m in _marker_regex(rule.marker, rules.numeral_chars()).finditer(text):
            number = parse_numeral(m.group("n"), rules)
            if number is not None:
                found.append((number, m.start(), m.end()))
    out = []
    for n, start, end in sorted(found, key=lambda f: f[1]):
        if start > 0 and (rule.where == "paragraph" or text[start - 1] not in _CLAUSE_START):
            continue
        if rule.then and (end >= len(text) or text[end] not in rule.then):
            continue
        out.append((n, start, end))
    return out


def _chains(markers: list[tuple[int, int, int]], words: bool) -> list[list[tuple[int, int, int]]]:
    """Runs of markers numbered 1, 2, 3 … in order (word lists may skip later words)."""
    chains = []
    i = 0
    while i < len(markers):
        if markers[i][0] != 1:
            i += 1
            continue
        chain = [markers[i]]
        j = i + 1
        while j < len(markers):
            n = markers[j][0]
            if n == chain[-1][0] + 1 or (words and n > chain[-1][0] and n != 1):
                chain.append(markers[j])
            elif n == 1:
                break
            j += 1
        if len(chain) >= 2:
            chains.append(chain)
        i = j if len(chain) >= 2 else i + 1
    return chains


def _item(body: str) -> Item:
    """Item text after its marker → head (first clause) and the rest of the first sentence."""
    body = body.lstrip(_SKIP_AFTER_MARKER)
    head, delim, rest = first_clause(first_sentence(body))
    if delim in "。！？!?":
        return Item(trim(head) or trim(body) or body.strip())
    return Item(trim(head) or body.strip(), trim(rest) or None)


def marked_in_paragraph(text: str, rules: Rules) -> list[tuple[int, int, Enumeration]]:
    """Marked enumerations inside one paragraph, as (start, end, enumeration), not overlapping.

    `start` is the start of the sentence that holds the first marker (its lead-in included)."""
    candidates = []
    for rule in rules.enumerations:
        for chain in _chains(_markers(text, rule, rules), rule.words is not None):
            candidates.append((rule, chain))
    candidates.sort(key=lambda c: (-len(c[1]), c[1][0][1]))
    chosen: list[tuple[EnumRule, list[tuple[int, int, int]]]] = []
    for rule, chain in candidates:
        lo, hi = chain[0][1], chain[-1][2]
        if all(hi <= c[0][1] or lo >= c[-1][2] for _, c in chosen):
            chosen.append((rule, chain))
    chosen.sort(key=lambda c: c[1][0][1])
    spans = sentence_spans(text)
    out: list[tuple[int, int, Enumeration]] = []
    for k, (rule, chain) in enumerate(chosen):
        first = chain[0][1]
        start = next((s for s, e in spans if s <= first < e), first)
        end = len(text)
        if k + 1 < len(chosen):
            nxt = chosen[k + 1][1][0][1]
            end = next((s for s, e in spans if s <= nxt < e), nxt)
        items = []
        for i, (_, _, marker_end) in enumerate(chain):
            stop = chain[i + 1][1] if i + 1 < len(chain) else end
            items.append(_item(text[marker_end:stop]))
        previous = [text[s:e] for s, e in spans if e <= start][-1:]
        enum = Enumeration(
            "marked",
            rule.name,
            items,
            ordinal=rule.ordinal,
            intro=text[start:first],
            context="".join(previous) + text[start:first],
        )
        out.append((max(start, out[-1][1] if out else 0), end, enum))
    return out


def _strip_item_intro(first: str, others: list[str], rules: Rules) -> str | None:
    """The first list item without its lead-in (温州正处在新旧… → 新旧…), or None if unclear."""
    longest = max(len(o) for o in others)
    if len(first) <= longest + 1:
        return first
    cut = -1
    for word in rules.parallel.item_intros:
        at = first.rfind(word)
        if at >= 0:
            cut = max(cut, at + len(word))
    if cut < 0 or len(first) - cut < 2:
        return None
    stripped = first[cut:]
    return stripped if len(stripped) <= longest + 4 else None


def _suffix_list(sentence: str, rules: Rules) -> tuple[str, list[Item]] | None:
    """A sentence ending in an 、-list of phrases sharing their last character(s)."""
    body = trim(sentence)
    clauses = split_top(body, "，,：:")
    last_start, last_end = clauses[-1]
    last = body[last_start:last_end]
    parts = [last[s:e].strip() for s, e in split_top(last, "、")]
    if len(parts) < rules.parallel.min_items or any(not p for p in parts):
        return None
    first = _strip_item_intro(parts[0], parts[1:], rules)
    if first is None:
        return None
    phrases = [first, *parts[1:]]
    if any(len(p) < 3 or len(p) > 30 for p in phrases):
        return None
    if sum(len(p) for p in phrases) / len(phrases) < rules.parallel.suffix_list_min_length:
        return None
    if len({p[-1] for p in phrases}) != 1:
        return None
    intro = body[: last_start + len(parts[0]) - len(first)]
    return intro, [Item(p) for p in phrases]


def _count_lists(sentence: str, rules: Rules) -> list[Enumeration]:
    """、-lists closed by 等 and a numeral term of the same count (防疫、…、党建等10张高分报表)."""
    found = []
    for count, term, at in numeral_terms(sentence, rules):
        if at == 0 or sentence[at - 1] != "等":
            continue
        clause_start = max(sentence.rfind(d, 0, at - 1) for d in "，,；;：:。") + 1
        listed = sentence[clause_start : at - 1]
        parts = [listed[s:e] for s, e in split_top(listed, "、")]
        if len(parts) != count or any(not p.strip() for p in parts):
            continue
        first = _strip_item_intro(parts[0].strip(), [p.strip() for p in parts[1:]], rules)
        if first is None:
            continue
        items = [Item(first), *(Item(p.strip()) for p in parts[1:])]
        found.append(Enumeration("count", f"等{term}", items, ordinal="、", title=term))
    return found


def _semicolon_list(sentence: str, rules: Rules) -> Enumeration | None:
    """A sentence of ；-parts that run parallel: shared infix (…才能…), shared opening word,
    or a lead-in ending with ：."""
    minimum = rules.parallel.min_items
    parts = [(s, e) for s, e in split_top(sentence, "；;") if sentence[s:e].strip()]
    if len(parts) < minimum:
        return None
    texts = [sentence[s:e] for s, e in parts]
    first_clauses = split_top(texts[0], "，,：:")
    for word in rules.parallel.infixes:
        k = next((i for i, (s, e) in enumerate(first_clauses) if word in texts[0][s:e]), None)
        if k is None or not all(word in first_clause(t)[0] for t in texts[1:]):
            continue
        intro_end = first_clauses[k][0]
        items = [_item(texts[0][intro_end:]), *(_item(t) for t in texts[1:])]
        return Enumeration("parallel", word, items, intro=texts[0][:intro_end])
    colon = split_top(texts[0], "：:")
    if len(colon) > 1:
        intro = texts[0][: colon[0][1]]
        items = [_item(texts[0][colon[0][1] + 1 :]), *(_item(t) for t in texts[1:])]
        sure = trim(intro).endswith(rules.parallel.colon_intros)
        return Enumeration("colon", "：", items, ordinal="、", intro=intro, confident=sure)
    for word in rules.parallel.prefixes:
        if all(t.strip().startswith(word) for t in texts):
            items = [_item(t) for t in texts]
            return Enumeration("prefix", word, items, ordinal="、", confident=False)
    return None


def _sentence_runs(sentences: list[str], rules: Rules) -> list[tuple[int, int, Enumeration]]:
    """Runs of whole sentences opening alike (…才能… or 坚持…), as (first, last + 1, list)."""
    runs = []
    i = 0
    while i < len(sentences):
        best: tuple[int, str, str] | None = None
        for kind, words in (
            ("parallel", rules.parallel.infixes),
            ("prefix", rules.parallel.prefixes),
        ):
            for word in words:
                j = i
                while j < len(sentences) and _opens_with(sentences[j], word, kind):
                    j += 1
                if j - i >= rules.parallel.min_items and (best is None or j > best[0]):
                    best = (j, kind, word)
        if best is None:
            i += 1
            continue
        j, kind, word = best
        items = [_item(s) for s in sentences[i:j]]
        enum = Enumeration(kind, word, items, ordinal="、", confident=kind == "parallel")
        runs.append((i, j, enum))
        i = j
    return runs


def _opens_with(sentence: str, word: str, kind: str) -> bool:
    head = first_clause(sentence)[0]
    return word in head if kind == "parallel" else head.startswith(word)


def paragraph_units(text: str, rules: Rules, *, lead: str = "") -> list[Unit]:
    """A paragraph → its sentences and lists, in source order.

    `lead` is a lead phrase (全会认为) to ignore at the start of sentences when looking for
    parallel openings."""
    units: list[Unit] = []
    position = 0
    for start, end, enum in marked_in_paragraph(text, rules):
        units.extend(_unmarked(text[position:start], rules, lead))
        enum.pair_title(rules)
        units.append(Unit(text[start:end], enum))
        position = end
    units.extend(_unmarked(text[position:], rules, lead))
    return units


def _unmarked(text: str, rules: Rules, lead: str) -> list[Unit]:
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    bare = [_strip_lead(s, lead) for s in sentences]
    runs = {i: (j, enum) for i, j, enum in _sentence_runs(bare, rules)}
    units: list[Unit] = []
    i = 0
    while i < len(sentences):
        if i in runs:
            j, run = runs[i]
            run.context = sentences[i - 1] if i else ""
            run.pair_title(rules)
            units.append(Unit("".join(sentences[i:j]), run))
            i = j
            continue
        sentence = sentences[i]
        enum = _semicolon_list(bare[i], rules)
        if enum is None:
            suffix = _suffix_list(bare[i], rules)
            if suffix is not None:
                enum = Enumeration("suffix", suffix[1][0].head[-1], suffix[1], ordinal="、")
                enum.intro = suffix[0]
        if enum is not None:
            enum.context = enum.intro
            enum.pair_title(rules)
            units.append(Unit(sentence, enum))
        else:
            units.append(Unit(sentence))
            for counted in _count_lists(sentence, rules):
                units.append(Unit(sentence, counted, inline=True))
        i += 1
    return units


def _strip_lead(sentence: str, lead: str) -> str:
    if (
        lead
        and sentence.startswith(lead)
        and sentence[len(lead) : len(lead) + 1] in ("，", "：", ",")
    ):
        return sentence[len(lead) + 1 :]
    return sentence


def paragraph_chains(
    paragraphs: list[Paragraph], rules: Rules, *, stops: set[int]
) -> list[tuple[list[int], Enumeration]]:
    """Runs of paragraphs that each open with the next marker (第一，… 第二，…), as
    (paragraph indexes including continuations, enumeration). `stops` are paragraphs that end
    a run (they open with a lead phrase, or are metadata)."""
    opening: dict[int, list[tuple[EnumRule, int, int]]] = {}
    for k, p in enumerate(paragraphs):
        for rule in rules.enumerations:
            for n, start, end in _markers(p.text, rule, rules):
                if start == 0:
                    opening.setdefault(k, []).append((rule, n, end))
    out = []
    k = 0
    while k < len(paragraphs):
        starts = [(rule, end) for rule, n, end in opening.get(k, []) if n == 1]
        chain = (
            _paragraph_chain(paragraphs, opening, k, starts[0][0], stops, rules) if starts else None
        )
        if chain is None:
            k += 1
            continue
        out.append(chain)
        k = chain[0][-1] + 1
    return out


def _paragraph_chain(
    paragraphs: list[Paragraph],
    opening: dict[int, list[tuple[EnumRule, int, int]]],
    k: int,
    rule: EnumRule,
    stops: set[int],
    rules: Rules,
) -> tuple[list[int], Enumeration] | None:
    heads: list[tuple[int, int]] = [(k, next(e for r, n, e in opening[k] if r is rule and n == 1))]
    members = [k]
    j = k + 1
    while j < len(paragraphs) and paragraphs[j].index not in stops:
        marks = [(n, e) for r, n, e in opening.get(j, []) if r is rule]
        want = len(heads) + 1
        if any(n == want for n, _ in marks):
            heads.append((j, next(e for n, e in marks if n == want)))
        elif marks or opening.get(j):
            break
        members.append(j)
        j += 1
    if len(heads) < 2:
        return None
    heading_style = all(_is_heading(paragraphs[h].text) for h, _ in heads)
    last = heads[-1][0]
    if not heading_style:
        members = [m for m in members if m <= last]
    items = []
    for h, end in heads:
        item = _item(paragraphs[h].text[end:])
        if heading_style and h + 1 in members and all(h + 1 != x for x, _ in heads):
            item = Item(item.head, trim(first_sentence(paragraphs[h + 1].text)) or None)
        items.append(item)
    before = paragraphs[k - 1].text if k > 0 else ""
    spans = sentence_spans(before)
    intro = before[spans[-1][0] : spans[-1][1]] if spans else ""
    enum = Enumeration("marked", rule.name, items, ordinal=rule.ordinal, context=before)
    if intro.rstrip().endswith(("：", ":")):
        enum.intro = intro
    enum.paragraphs = [paragraphs[m].index for m in members]
    enum.pair_title(rules)
    return members, enum


def _is_heading(text: str) -> bool:
    return len(text) <= 30 and not any(ch in text for ch in "。！？")


def usable_title(text: str, rules: Rules) -> str | None:
    """A list's lead-in as a slide title (实践启示我们 → 实践启示), or None if unfit."""
    title = trim(text)
    for suffix in rules.title_strip_suffixes:
        if title.endswith(suffix) and len(title) > len(suffix) + 1:
            title = title[: -len(suffix)]
    title = trim(title)
    if 2 <= len(title) <= 24 and balanced(title):
        return title
    return None


__all__ = [
    "Enumeration",
    "Item",
    "Unit",
    "marked_in_paragraph",
    "paragraph_chains",
    "paragraph_units",
    "usable_title",
]
