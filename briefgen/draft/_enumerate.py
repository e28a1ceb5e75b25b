"""Split a paragraph into its sentences and lists, in source order.

Maps a paragraph's text → `Unit`s: plain sentences, marked lists (see `_marked`) and strong
unmarked lists (see `_parallel`), each list titled by a numeral term of the same count nearby.
"""

from __future__ import annotations

from ._lists import Enumeration, Unit
from ._marked import marked_in_paragraph
from ._parallel import clause_series, count_lists, semicolon_list, sentence_runs, suffix_list
from ._rules import Rules
from ._segment import sentence_spans


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


__all__ = ["paragraph_units"]
