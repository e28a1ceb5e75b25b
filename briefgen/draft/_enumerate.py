"""Find a paragraph's lists and split it into sentences and lists, in source order.

Maps a paragraph's text → `Unit`s: plain sentences, marked lists (see `_marked`), and the strong
unmarked lists found here: …才能… runs, 坚持…/要… runs, ；-lists after a colon (这就是：…),
、-lists of phrases with a shared ending, 、-lists counted by a following numeral term, and
series of clauses opening with 坚持/以. Each list is titled by a numeral term of the same count
in its lead-in, and the unmarked ones are marked for review.
"""

from __future__ import annotations

from ._lists import Enumeration, Item, Unit, item_of
from ._marked import marked_in_paragraph
from ._rules import Rules, numeral_terms
from ._segment import first_clause, sentence_spans, split_top, trim


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


def suffix_list(sentence: str, rules: Rules) -> tuple[str, list[Item]] | None:
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


def count_lists(sentence: str, rules: Rules) -> list[Enumeration]:
    """、-lists closed by 等 and a numeral term of the same count (防疫、…、党建等10张高分报表);
    each list's `context` is its clause, word for word."""
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
        clause = sentence[clause_start : at + len(term)]
        found.append(
            Enumeration("count", f"等{term}", items, ordinal="、", context=clause, title=term)
        )
    return found


def semicolon_list(sentence: str, rules: Rules) -> Enumeration | None:
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
        items = [item_of(texts[0][intro_end:]), *(item_of(t) for t in texts[1:])]
        return Enumeration("parallel", word, items, ordinal="、", intro=texts[0][:intro_end])
    colon = split_top(texts[0], "：:")
    if len(colon) > 1:
        intro = texts[0][: colon[0][1]]
        items = [item_of(texts[0][colon[0][1] + 1 :]), *(item_of(t) for t in texts[1:])]
        sure = trim(intro).endswith(rules.parallel.colon_intros)
        return Enumeration("colon", "：", items, ordinal="、", intro=intro, confident=sure)
    for word in rules.parallel.prefixes:
        if all(t.strip().startswith(word) for t in texts):
            items = [item_of(t) for t in texts]
            return Enumeration("prefix", word, items, ordinal="、", confident=False)
    return None


def sentence_runs(sentences: list[str], rules: Rules) -> list[tuple[int, int, Enumeration]]:
    """Runs of whole sentences opening alike (…才能… or 坚持…), as (first, last + 1, list)."""
    runs = []
    heads = [first_clause(s)[0] for s in sentences]
    i = 0
    while i < len(sentences):
        best: tuple[int, str, str] | None = None
        for kind, words in (
            ("parallel", rules.parallel.infixes),
            ("prefix", rules.parallel.prefixes),
        ):
            for word in words:
                j = i
                while j < len(sentences) and _opens_with(heads[j], word, kind):
                    j += 1
                if j - i >= rules.parallel.min_items and (best is None or j > best[0]):
                    best = (j, kind, word)
        if best is None:
            i += 1
            continue
        j, kind, word = best
        items = [item_of(s) for s in sentences[i:j]]
        enum = Enumeration(kind, word, items, ordinal="、", confident=kind == "parallel")
        runs.append((i, j, enum))
        i = j
    return runs


def _opens_with(head: str, word: str, kind: str) -> bool:
    return word in head if kind == "parallel" else head.startswith(word)


def clause_series(sentence: str, rules: Rules) -> Enumeration | None:
    """The longest run of ，/；/：-separated clauses in a sentence that all open with the same
    word of `parallel.series_prefixes` (坚持…，坚持…，坚持…，坚持…), at least
    `parallel.series_min_items` long; each clause is an item's head."""
    spans = [(s, e) for s, e in split_top(sentence, "，,；;：:") if sentence[s:e].strip()]
    best: tuple[int, int, str] | None = None
    for word in rules.parallel.series_prefixes:
        i = 0
        while i < len(spans):
            j = i
            while j < len(spans) and sentence[spans[j][0] : spans[j][1]].strip().startswith(word):
                j += 1
            if j - i >= rules.parallel.series_min_items and (
                best is None or j - i > best[1] - best[0]
            ):
                best = (i, j, word)
            i = max(j, i + 1)
    if best is None:
        return None
    i, j, word = best
    items = [Item(trim(sentence[s:e])) for s, e in spans[i:j]]
    if any(not item.head for item in items):
        return None
    return Enumeration(
        "series", word, items, ordinal="、", intro=sentence[: spans[i][0]], confident=False
    )


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
    runs = {i: (j, enum) for i, j, enum in sentence_runs(bare, rules)}
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
        enum = semicolon_list(bare[i], rules)
        if enum is None:
            suffix = suffix_list(bare[i], rules)
            if suffix is not None:
                enum = Enumeration("suffix", suffix[1][0].head[-1], suffix[1], ordinal="、")
                enum.intro = suffix[0]
        if enum is None:
            enum = clause_series(bare[i], rules)
        if enum is not None:
            enum.context = enum.intro
            enum.before = sentences[i - 1] if i else ""
            enum.pair_title(rules)
            units.append(Unit(sentence, enum))
        else:
            units.append(Unit(sentence))
            for counted in count_lists(sentence, rules):
                units.append(Unit(counted.context or sentence, counted, inline=True))
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


__all__ = [
    "clause_series",
    "count_lists",
    "paragraph_units",
    "semicolon_list",
    "sentence_runs",
    "suffix_list",
]
