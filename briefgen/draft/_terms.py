"""Collect the quoted key terms (“八八战略”, “重要窗口”) into a glossary ranked by frequency.

Maps the body paragraphs (and the lists found in them) → `DraftTerm`s: the term with its quote
marks, how often it occurs, an explanation drafted from a defining sentence or from the list
it names, or a TODO with the sentence where it first occurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lists import Enumeration
from ._segment import CLAUSE_DELIMS, split_top, trim

_QUOTED = re.compile(r"“([^“”\n]{1,16})”")
_DEFINES = ("就是", "是指", "即", "指", "是")
MAX_TERM = 12


@dataclass(frozen=True, slots=True)
class DraftTerm:
    """A glossary entry: `term` (with its “ ”), occurrences, explanation or a TODO note."""

    term: str
    count: int
    explain: str | None
    note: str


def find_terms(texts: list[str], lists: list[Enumeration]) -> list[DraftTerm]:
    """Quoted terms of `texts`, most frequent first (ties: first occurrence first)."""
    first_seen: dict[str, tuple[int, int]] = {}
    for t, text in enumerate(texts):
        for match in _QUOTED.finditer(text):
            inner = match.group(1).strip()
            if _is_term(inner) and inner not in first_seen:
                first_seen[inner] = (t, match.start())
    whole = "\n".join(texts)
    named = {e.title: e for e in lists if e.title}
    terms = []
    for inner, (t, at) in first_seen.items():
        count = whole.count(inner)
        explain, note = _explain(inner, texts, named)
        if explain is None:
            note = "TODO: explain it; the notes show where the text first uses it"
        terms.append((-count, t, at, DraftTerm(f"“{inner}”", count, explain, note)))
    terms.sort(key=lambda x: x[:3])
    return [term for *_, term in terms]


def _is_term(inner: str) -> bool:
    if not inner or len(inner) > MAX_TERM:
        return False
    if any(ch in inner for ch in "。！？!?，,；;："):
        return False
    return not (inner[0] in "、·—" or inner[-1] in "、·—")


def _explain(inner: str, texts: list[str], named: dict[str, Enumeration]) -> tuple[str | None, str]:
    """An explanation from the list the term names, or from a sentence “X”是…; else None."""
    listed = named.get(inner)
    if listed is not None:
        heads = "、".join(item.head for item in listed.items)
        return heads, "REVIEW: explanation drafted from the list it names"
    quoted = f"“{inner}”"
    for text in texts:
        at = text.find(quoted)
        while at >= 0:
            after = text[at + len(quoted) :]
            for cue in _DEFINES:
                if after.startswith(cue):
                    clause = after[len(cue) :]
                    spans = split_top(clause, CLAUSE_DELIMS)
                    explain = trim(clause[: spans[0][1]])
                    if len(explain) >= 4:
                        return explain, "REVIEW: explanation drafted from the defining sentence"
            at = text.find(quoted, at + 1)
    return None, ""


def first_use(term: str, texts: list[str]) -> str:
    """The clause (between top-level ，；：。) where the text first uses `term`, word for word."""
    for text in texts:
        at = text.find(term)
        if at < 0:
            continue
        for start, end in split_top(text, CLAUSE_DELIMS):
            if start <= at and at + len(term) <= end:
                return text[start:end].strip()
        return term
    return term


__all__ = ["DraftTerm", "find_terms", "first_use"]
