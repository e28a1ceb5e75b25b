"""Lead phrases (全会指出, 会议强调 …) and the section category each paragraph belongs to.

Maps a paragraph's opening → its lead phrase, and a paragraph (with the section drafted so far)
→ the index of its section in the rule table.
"""

from __future__ import annotations

from ._rules import Rules
from ._segment import Paragraph, sentence_spans

CN_NUMBERS = "一二三四五六七八九十"


_LEADS: dict[int, tuple[Rules, tuple[str, ...]]] = {}


def _leads(rules: Rules) -> tuple[str, ...]:
    """`rules.leads()`, computed once per rule table."""
    cached = _LEADS.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = (rules, rules.leads())
        _LEADS[id(rules)] = cached
    return cached[1]


def lead_of(text: str, rules: Rules) -> str | None:
    """The lead phrase (全会指出 …) that opens `text`, or None."""
    return next((lead for lead in _leads(rules) if text.startswith(lead)), None)


def strip_lead(text: str, rules: Rules) -> str:
    """`text` without an opening lead phrase and the ， or ： after it."""
    lead = lead_of(text, rules)
    if lead and text[len(lead) : len(lead) + 1] in ("，", "：", ","):
        return text[len(lead) + 1 :]
    return text


def cn_number(n: int) -> str:
    """1 → 一 … 10 → 十; larger numbers in digits."""
    return CN_NUMBERS[n - 1] if 1 <= n <= 10 else str(n)


def classify(p: Paragraph, current: int | None, rules: Rules) -> int | None:
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


__all__ = ["CN_NUMBERS", "classify", "cn_number", "lead_of", "strip_lead"]
