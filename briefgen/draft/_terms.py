"""Collect the quoted key terms (“八八战略”, “重要窗口”) into a glossary ranked by frequency.

Maps the body paragraphs → `DraftTerm`s: the term with its quote marks, how often it occurs,
and its explanation: the clause of the text that defines it (“X”是…, “X”即…) or else the one
that first uses it, word for word and cut to a length a card can show. One pass over the text
per step, so a text with thousands of terms drafts in time linear in its size.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ._segment import CLAUSE_DELIMS, split_top, trim

_QUOTED = re.compile(r"“([^“”\n]{1,16})”")
_DEFINES = ("就是", "是指", "即", "指", "是")
_CUT_AT = "、，,；;：:"
MAX_TERM = 12


@dataclass(frozen=True, slots=True)
class DraftTerm:
    """A glossary entry: `term` (with its “ ”), occurrences, explanation (verbatim), a comment,
    and `clause`: the whole clause the explanation was cut from (for the slide's notes)."""

    term: str
    count: int
    explain: str | None
    note: str
    clause: str = ""


@dataclass(frozen=True, slots=True)
class _Place:
    text: int
    start: int
    end: int


def find_terms(texts: list[str], *, limit: int, explain_chars: int) -> tuple[list[DraftTerm], int]:
    """The `limit` most frequent quoted terms of `texts` (ties: first occurrence first), and how
    many more were found and left out."""
    first_seen: dict[str, _Place] = {}
    defined: dict[str, _Place] = {}
    for t, text in enumerate(texts):
        for match in _QUOTED.finditer(text):
            inner = match.group(1).strip()
            if not _is_term(inner):
                continue
            place = _Place(t, match.start(), match.end())
            first_seen.setdefault(inner, place)
            if inner not in defined and text.startswith(_DEFINES, match.end()):
                defined[inner] = place
    counts = _count(texts, set(first_seen))
    ranked = sorted(first_seen, key=lambda k: (-counts[k], first_seen[k].text, first_seen[k].start))
    clauses = _ClauseIndex(texts)
    terms = []
    for inner in ranked[:limit]:
        place = defined.get(inner) or first_seen[inner]
        clause_start, clause_end = clauses.around(place)
        explain = cut_around(texts[place.text], clause_start, clause_end, place, explain_chars)
        how = "defines it" if inner in defined else "first uses it"
        note = f"REVIEW: explanation: the clause that {how}, word for word; shorten or rewrite"
        clause = trim(texts[place.text][clause_start:clause_end])
        terms.append(DraftTerm(f"“{inner}”", counts[inner], explain or None, note, clause))
    return terms, max(0, len(ranked) - limit)


def _is_term(inner: str) -> bool:
    if not inner or len(inner) > MAX_TERM:
        return False
    if any(ch in inner for ch in "。！？!?，,；;："):
        return False
    return not (inner[0] in "、·—" or inner[-1] in "、·—")


def _count(texts: list[str], terms: set[str]) -> dict[str, int]:
    """Occurrences of each term (quoted or not) in `texts`, in one pass over the characters."""
    counts = dict.fromkeys(terms, 0)
    lengths = sorted({len(t) for t in terms})
    firsts = {t[0] for t in terms}
    for text in texts:
        for i, ch in enumerate(text):
            if ch not in firsts:
                continue
            for n in lengths:
                piece = text[i : i + n]
                if piece in counts:
                    counts[piece] += 1
    return counts


class _ClauseIndex:
    """Clause spans (between top-level ，；：。) of each text, computed once per text."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.spans: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

    def around(self, place: _Place) -> tuple[int, int]:
        """The clause holding the span at `place` (the span itself when it crosses clauses)."""
        if place.text not in self.spans:
            found = split_top(self.texts[place.text], CLAUSE_DELIMS)
            self.spans[place.text] = (found, [s for s, _ in found])
        spans, starts = self.spans[place.text]
        k = bisect_right(starts, place.start) - 1
        if k >= 0 and spans[k][1] >= place.end:
            return spans[k]
        return place.start, place.end


def cut_around(text: str, start: int, end: int, place: _Place, limit: int) -> str:
    """The clause text[start:end] trimmed, cut at its own 、，；： to at most `limit` characters,
    keeping the term at `place`; a hard cut only when the clause has no such punctuation."""
    clause = text[start:end]
    if len(trim(clause)) <= limit:
        return trim(clause)
    offset = place.start - start
    begin = 0 if place.end - start <= limit else offset
    window = clause[begin : begin + limit + 1]
    cuts = [i for i, ch in enumerate(window) if ch in _CUT_AT and i <= limit]
    keep = max((i for i in cuts if begin + i >= place.end - start), default=None)
    piece = window[:keep] if keep is not None else window[:limit]
    if piece.count("“") > piece.count("”"):
        piece = piece[: piece.rfind("“")]
    return trim(piece)


__all__ = ["DraftTerm", "cut_around", "find_terms"]
