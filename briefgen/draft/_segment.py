"""Split cleaned text into paragraphs, sentences and clauses, keeping offsets.

Maps the cleaned text → `Paragraph`s (one per line, or per blank-line block when the text is
hard-wrapped), a paragraph → sentence spans, a sentence → clause spans. Clause splitting never
cuts inside “…”, 《…》 or （…）.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._read import is_cjk

SENTENCE_ENDS = "。！？!?"
CLOSERS = "”’）)」』》】"
CLAUSE_DELIMS = "，,；;：:。！？!?"
OPENERS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】"}
TRAILING_PUNCT = "。，,；;：:、！？!?.… "


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the source: its text, its 0-based index and the line it starts on."""

    index: int
    line: int
    text: str


def split_paragraphs(text: str) -> tuple[list[Paragraph], list[str]]:
    """Text → paragraphs (each non-blank line), joining hard-wrapped lines within blank-line
    blocks when most lines break mid-sentence. Returns notes on what was done."""
    lines = text.split("\n")
    numbered = [(i + 1, line.strip(" \u3000")) for i, line in enumerate(lines)]
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in numbered:
        if line:
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    inner = [line for block in blocks for _, line in block[:-1]]
    wrapped = (
        len(blocks) > 1
        and len(inner) >= 3
        and sum(not line.endswith(tuple(SENTENCE_ENDS + CLOSERS + "：:")) for line in inner)
        > len(inner) / 2
    )
    notes: list[str] = []
    paragraphs: list[Paragraph] = []
    if wrapped:
        notes.append(
            "the lines are hard-wrapped inside paragraphs: each blank-line-separated block is "
            "read as one paragraph"
        )
        for block in blocks:
            joined = block[0][1]
            for _, line in block[1:]:
                sep = "" if is_cjk(joined[-1]) or is_cjk(line[0]) else " "
                joined += sep + line
            paragraphs.append(Paragraph(len(paragraphs), block[0][0], joined))
    else:
        for block in blocks:
            for number, line in block:
                paragraphs.append(Paragraph(len(paragraphs), number, line))
    return paragraphs, notes


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph: ends at 。！？ (with closing quotes) or at '. '."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        end = -1
        english_stop = (
            ch == "." and (i + 1 == n or text[i + 1] == " ") and text[i - 1 : i].isalpha()
        )
        if ch in SENTENCE_ENDS or english_stop:
            end = i + 1
        if end > 0:
            while end < n and text[end] in CLOSERS + SENTENCE_ENDS:
                end += 1
            _append(spans, text, start, end)
            start = i = end
            continue
        i += 1
    _append(spans, text, start, n)
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start] == " ":
        start += 1
    if text[start:end].strip():
        spans.append((start, end))


def split_top(text: str, delims: str) -> list[tuple[int, int]]:
    """Spans between top-level delimiters (not inside “…”, 《…》, （…））; delimiters excluded.

    An opener that is never closed is ignored, so unbalanced text still splits."""
    closing_at = _matching_closers(text)
    spans = []
    start = 0
    i = 0
    while i < len(text):
        if i in closing_at:
            i = closing_at[i] + 1
            continue
        if text[i] in delims:
            spans.append((start, i))
            start = i + 1
        i += 1
    spans.append((start, len(text)))
    return spans


def _matching_closers(text: str) -> dict[int, int]:
    """Opener index → index of its closer, for balanced pairs only."""
    pairs: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if stack and ch == OPENERS[stack[-1][0]]:
            _, at = stack.pop()
            if not stack:
                pairs[at] = i
        elif ch in OPENERS:
            stack.append((ch, i))
    return pairs


def first_clause(text: str) -> tuple[str, str, str]:
    """(head, delimiter, rest): the clause before the first top-level comma-like delimiter."""
    spans = split_top(text, CLAUSE_DELIMS)
    if len(spans) == 1:
        return text.strip(), "", ""
    end = spans[0][1]
    return text[:end].strip(), text[end], text[end + 1 :].strip()


def first_sentence(text: str) -> str:
    """The first sentence of `text` (whole text when it has no sentence end)."""
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


def balanced(text: str) -> bool:
    """True when every “ 《 （ in `text` is closed, and no closer comes without its opener."""
    stack: list[str] = []
    closers = {v: k for k, v in OPENERS.items()}
    for ch in text:
        if ch in OPENERS and not (stack and OPENERS[stack[-1]] == ch):
            stack.append(ch)
        elif ch in closers:
            if not stack or OPENERS[stack[-1]] != ch:
                return False
            stack.pop()
    return not stack


def trim(text: str) -> str:
    """Strip spaces and trailing punctuation (a bullet or head needs no final 。)."""
    text = text.strip(" \u3000")
    while text and text[-1] in TRAILING_PUNCT:
        text = text[:-1].rstrip(" \u3000")
    return text


__all__ = [
    "CLAUSE_DELIMS",
    "CLOSERS",
    "SENTENCE_ENDS",
    "Paragraph",
    "balanced",
    "first_clause",
    "first_sentence",
    "sentence_spans",
    "split_paragraphs",
    "split_top",
    "trim",
]
