"""Short verbatim bullets and slide titles, cut from the text at its own punctuation.

Maps a paragraph's sentences → bullets: clauses of the text, word for word, cut at top-level
，；：, between `points.min_chars` and `points.max_chars` characters, the ones that carry a 提法
(a quoted “term”, a numeral term such as 五大新坐标, an opening such as 坚持/要) chosen first.
Maps sentences → title candidates: a 坚持/推进/加快 … clause or one with a quoted term, short
enough for a title, never a date, a bare verb phrase or a fragment ending in 的.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._meta import strip_lead
from ._rules import Rules, numeral_term_pattern
from ._segment import balanced, split_top, trim

POINT_DELIMS = "，,；;：:。！？!?"
"""Where a bullet may be cut: the text's own clause punctuation."""

_WHEN = re.compile(
    r"(^[于在]?(\d{2,4}|[〇零一二三四五六七八九]{2,4})年)|(^[于在]?(\d{1,2}|[一二三四五六七八九十]{1,3})月)"
    r"|(\d{1,2}|[一二三四五六七八九十]{1,3})日(至|到|上午|下午|晚|$)|举行$|召开$|在\S{1,6}举行"
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence (verbatim, trimmed) with its score as a bullet."""

    text: str
    score: int
    order: int


def clauses(sentence: str, rules: Rules) -> list[str]:
    """A sentence → its clauses, verbatim and trimmed, short ones joined with the next (with
    the punctuation between them) until they reach `points.min_chars`."""
    low = rules.points.min_chars
    spans = split_top(sentence, POINT_DELIMS)
    pieces = [sentence[s : min(e + 1, len(sentence))] for s, e in spans]
    raw: list[str] = []
    pending = ""
    for piece in pieces:
        pending += piece
        if len(trim(pending)) >= low:
            raw.append(pending)
            pending = ""
    if trim(pending):
        if raw and len(trim(raw[-1] + pending)) <= rules.points.max_chars:
            raw[-1] += pending
        else:
            raw.append(pending)
    return [t for t in (trim(r) for r in raw) if t]


def shorten(text: str, limit: int) -> str:
    """The longest start of `text` (verbatim) ending at its own ，；：、 within `limit`
    characters; the whole text when it is short enough, a hard cut when it has no such mark."""
    text = trim(text)
    if len(text) <= limit:
        return text
    best = ""
    for _, end in split_top(text, POINT_DELIMS + "、"):
        if end > limit:
            break
        candidate = trim(text[:end])
        if balanced(candidate):
            best = candidate
    if best:
        return best
    piece = text[:limit]
    if piece.count("“") > piece.count("”"):
        piece = piece[: piece.rfind("“")] or piece
    return trim(piece)


def _score(clause: str, first: bool, rules: Rules) -> int:
    score = 1 if first else 0
    if "“" in clause:
        score += 3
    if numeral_term_pattern(rules).search(clause):
        score += 2
    if clause.startswith(rules.points.openings):
        score += 2
    return score


def sentence_points(sentence: str, rules: Rules, order: int) -> list[Clause]:
    """The best clauses of one sentence (at most `points.per_sentence`), as bullets."""
    p = rules.points
    body = strip_lead(sentence.strip(), rules)
    found: list[Clause] = []
    for k, clause in enumerate(clauses(body, rules)):
        cut = len(clause) > p.max_chars
        text = shorten(clause, p.max_chars) if cut else clause
        if len(text) < min(p.min_chars, len(trim(body))) or not text:
            continue
        score = _score(text, k == 0, rules) - (3 if cut else 0)
        found.append(Clause(text, score, order * 1000 + k))
    found.sort(key=lambda c: (-c.score, c.order))
    return found[: p.per_sentence]


def choose_points(sentences: list[str], rules: Rules) -> list[str]:
    """Bullets for a slide: the best clauses of its sentences (each sentence heard from first,
    then the highest scores), at most `points.per_slide`, in the order of the text."""
    per_sentence = [sentence_points(s, rules, n) for n, s in enumerate(sentences)]
    chosen: list[Clause] = []
    leftovers: list[Clause] = []
    for found in per_sentence:
        if found and found[0].score >= 0:
            chosen.append(found[0])
            leftovers.extend(found[1:])
    chosen.sort(key=lambda c: (-c.score, c.order))
    chosen = chosen[: rules.points.per_slide]
    leftovers.sort(key=lambda c: (-c.score, c.order))
    room = rules.points.per_slide - len(chosen)
    chosen.extend(c for c in leftovers[: max(0, room)] if c.score >= 2)
    if not chosen:
        chosen = sorted((c for found in per_sentence for c in found), key=lambda c: -c.score)[:1]
    chosen.sort(key=lambda c: c.order)
    out: list[str] = []
    for clause in chosen:
        if clause.text not in out:
            out.append(clause.text)
    return out


def bad_title(text: str, rules: Rules) -> bool:
    """True for a title to avoid: a date or meeting clause, a fragment ending in 的, a bare
    verb phrase (总结今年工作), or one that is too short, too long or unbalanced."""
    return (
        not 2 <= len(text) <= rules.points.title_max_chars
        or not balanced(text)
        or len(split_top(text, POINT_DELIMS)) > 1
        or text.endswith(("的", "地", "了", "和", "与", "及", "在", "是", "为", "处在", "处于"))
        or text.startswith(rules.points.title_avoid_openings)
        or bool(_WHEN.search(text))
    )


def title_candidates(sentences: list[str], rules: Rules) -> list[str]:
    """Titles a slide could take from its text, best first: clauses opening with a 提法 word
    (坚持…, 加快…) that hold a quoted term, then other such clauses, then clauses holding a
    quoted term, then the quoted terms themselves."""
    openers: list[tuple[int, str]] = []
    quoted: list[str] = []
    terms: list[str] = []
    for sentence in sentences:
        body = strip_lead(sentence.strip(), rules)
        for start, end in split_top(body, POINT_DELIMS):
            clause = trim(body[start:end])
            if not clause or bad_title(clause, rules):
                terms.extend(re.findall(r"“[^“”]{2,12}”", clause))
                continue
            if clause.startswith(rules.points.title_openings):
                openers.append((0 if "“" in clause else 1, clause))
            elif "“" in clause:
                quoted.append(clause)
            terms.extend(re.findall(r"“[^“”]{2,12}”", clause))
    ranked = [c for _, c in sorted(openers, key=lambda o: o[0])] + quoted + terms
    return list(dict.fromkeys(ranked))


__all__ = [
    "POINT_DELIMS",
    "Clause",
    "bad_title",
    "choose_points",
    "clauses",
    "sentence_points",
    "shorten",
    "title_candidates",
]
