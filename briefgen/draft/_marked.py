"""Find marked enumerations: 一是…五是, 一要…十要, 第一…, （一）…, 一、…, 首先/其次.

Maps a paragraph's text → the marked lists inside it (a marker counts only where it opens a
clause, and the numbers must run 1, 2, 3 …), and a run of paragraphs that each open with the
next marker (第一，… 第二，…) → one multi-paragraph `Enumeration`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from ._lists import CLAUSE_START, Enumeration, Item, item_of
from ._rules import EnumRule, Rules, parse_numeral
from ._segment import Paragraph, first_sentence, sentence_spans, trim


@cache
def _marker_regex(marker: str, numeral_chars: str) -> re.Pattern[str]:
    head, _, tail = marker.replace("{1}", "{一}").partition("{一}")
    digits = "{1}" in marker
    number = r"\d{1,2}" if digits else f"[{re.escape(numeral_chars)}]{{1,3}}"
    return re.compile(f"{re.escape(head)}(?P<n>{number}){re.escape(tail)}")


def markers(text: str, rule: EnumRule, rules: Rules) -> list[tuple[int, int, int]]:
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
        if start > 0 and (rule.where == "paragraph" or text[start - 1] not in CLAUSE_START):
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


def marked_in_paragraph(text: str, rules: Rules) -> list[tuple[int, int, Enumeration]]:
    """Marked enumerations inside one paragraph, as (start, end, enumeration), not overlapping.

    `start` is the start of the sentence that holds the first marker (its lead-in included)."""
    candidates = []
    for rule in rules.enumerations:
        for chain in _chains(markers(text, rule, rules), rule.words is not None):
            candidates.append((rule, chain))
    candidates.sort(key=lambda c: (-len(c[1]), c[1][0][1]))
    chosen: list[tuple[EnumRule, list[tuple[int, int, int]]]] = []
    taken_starts: list[int] = []  # the chosen chains' spans, sorted, never overlapping
    taken_ends: list[int] = []
    for rule, chain in candidates:
        lo, hi = chain[0][1], chain[-1][2]
        k = bisect_left(taken_starts, lo)
        if (k > 0 and taken_ends[k - 1] > lo) or (k < len(taken_starts) and taken_starts[k] < hi):
            continue
        taken_starts.insert(k, lo)
        taken_ends.insert(k, hi)
        chosen.append((rule, chain))
    chosen.sort(key=lambda c: c[1][0][1])
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]

    def sentence_start(at: int) -> int:
        k = bisect_right(starts, at) - 1
        return spans[k][0] if k >= 0 and at < spans[k][1] else at

    out: list[tuple[int, int, Enumeration]] = []
    for k, (rule, chain) in enumerate(chosen):
        first = chain[0][1]
        start = sentence_start(first)
        end = sentence_start(chosen[k + 1][1][0][1]) if k + 1 < len(chosen) else len(text)
        items = []
        for i, (_, _, marker_end) in enumerate(chain):
            stop = chain[i + 1][1] if i + 1 < len(chain) else end
            items.append(item_of(text[marker_end:stop]))
        before = bisect_right(ends, start) - 1
        previous = [text[spans[before][0] : spans[before][1]]] if before >= 0 else []
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


def paragraph_chains(
    paragraphs: list[Paragraph], rules: Rules, *, stops: set[int]
) -> list[tuple[list[int], Enumeration]]:
    """Runs of paragraphs that each open with the next marker (第一，… 第二，…), as
    (paragraph indexes including continuations, enumeration). `stops` are paragraphs that end
    a run (they open with a lead phrase, or are metadata)."""
    opening: dict[int, list[tuple[EnumRule, int, int]]] = {}
    for k, p in enumerate(paragraphs):
        for rule in rules.enumerations:
            for n, start, end in markers(p.text, rule, rules):
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
        item = item_of(paragraphs[h].text[end:])
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


__all__ = ["marked_in_paragraph", "markers", "paragraph_chains"]
