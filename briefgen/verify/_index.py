"""The communiqué's text indexed for matching, and character diffs of a misquote.

Maps a source text file → `SourceIndex` (the text folded by `key_only`, with where each key
character came from, and an n-gram index built on first need), and two strings →
`char_diff`, the compact diff a message shows: 科[创→技]高地.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from briefgen.draft import key_only, match_key, read_source_text

QUOTED = re.compile(r"“([^“”]+)”")
"""A quotation inside outline text (and inside the source)."""

_MAX_POSITIONS = 400
_CONTEXT = 6


@dataclass(slots=True)
class SourceIndex:
    """The source text folded for matching, with an n-gram index built on first need."""

    file: str
    text: str
    key: str
    origin: list[int]
    line_starts: list[int]
    quoted: list[tuple[int, int]] = field(default_factory=list)
    grams: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, file: str) -> SourceIndex:
        """Index `text` (read from `file`, for messages)."""
        key, origin = match_key(text)
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        quoted = [
            (bisect.bisect_left(origin, m.start(1)), bisect.bisect_left(origin, m.end(1)))
            for m in QUOTED.finditer(text)
        ]
        return cls(file, text, key, origin, starts, [q for q in quoted if q[0] < q[1]])

    def cut_short(self, fragment: str) -> tuple[int, int] | None:
        """The source quotation (“重要窗口”) that `fragment` (重要窗) only ever occurs inside of,
        as a shorter part; None when it also occurs outside such a quotation, or whole."""
        enclosing = None
        starts = [q[0] for q in self.quoted]
        at = self.key.find(fragment)
        while at >= 0:
            end = at + len(fragment)
            k = bisect.bisect_right(starts, at) - 1
            quote = self.quoted[k] if k >= 0 else None
            if quote is None or not (end <= quote[1] and end - at < quote[1] - quote[0]):
                return None
            enclosing = enclosing or quote
            at = self.key.find(fragment, at + 1)
        return enclosing

    def _index(self, k: int) -> dict[str, list[int]]:
        found = self.grams.get(k)
        if found is None:
            found = {}
            key = self.key
            for i in range(len(key) - k + 1):
                found.setdefault(key[i : i + k], []).append(i)
            self.grams[k] = found
        return found

    def closest(self, query: str, *, max_edits: int | None = None) -> tuple[int, int] | None:
        """The span of the source key most like `query` (a folded text), or None.

        With `max_edits`, give up early (None) when no passage can be that close: each edit
        spoils at most k of the query's k-grams, so fewer shared k-grams rule it out."""
        n = len(query)
        if not n or not self.key:
            return None
        for k in sorted({min(3, n), min(2, n), 1}, reverse=True):
            votes: Counter[int] = Counter()
            index = self._index(k)
            skipped = 0
            for i in range(n - k + 1):
                positions = index.get(query[i : i + k])
                if positions and len(positions) > _MAX_POSITIONS:
                    skipped += 1
                elif positions:
                    for p in positions:
                        votes[p - i] += 1
            if max_edits is not None:
                needed = (n - k + 1) - k * max_edits - skipped
                return self._align(query, votes, needed) if votes else None
            if votes:
                return self._align(query, votes)
        return None

    def _align(self, query: str, votes: Counter[int], needed: int = 0) -> tuple[int, int] | None:
        n = len(query)
        top = [d for d, _ in votes.most_common(30)]
        score = {d: sum(votes.get(d + o, 0) for o in range(-3, 4)) for d in top}
        ranked = sorted(score, key=lambda d: (-score[d], d))
        if score[ranked[0]] < needed:
            return None
        diagonals: list[int] = []
        for d in ranked:
            if all(abs(d - other) > n for other in diagonals):
                diagonals.append(d)
            if len(diagonals) == 3:
                break
        best: tuple[float, int, int] | None = None
        for d in diagonals:
            lo = max(0, d - 8)
            window = self.key[lo : d + n + 8]
            blocks = SequenceMatcher(None, query, window, autojunk=False).get_matching_blocks()[:-1]
            if not blocks:
                continue
            first, last = blocks[0], blocks[-1]
            start = max(0, first.b - first.a)
            end = min(len(window), last.b + last.size + (n - last.a - last.size))
            same = sum(b.size for b in blocks)
            ratio = 2 * same / (n + end - start)
            if best is None or ratio > best[0]:
                best = (ratio, lo + start, lo + end)
        return (best[1], best[2]) if best else None

    def line_of(self, key_index: int) -> int:
        """The 1-based line of the source where key position `key_index` comes from."""
        at = self.origin[min(key_index, len(self.origin) - 1)] if self.origin else 0
        return bisect.bisect_right(self.line_starts, at)

    def passage(self, start: int, end: int) -> str:
        """The source text behind key span [start, end), as written in the file."""
        if not self.origin or start >= end:
            return ""
        return self.text[self.origin[start] : self.origin[end - 1] + 1]


@lru_cache(maxsize=8)
def _cached_index(
    resolved: str, mtime: int, size: int, display: str
) -> tuple[SourceIndex, tuple[str, ...]]:
    text, notes = read_source_text(Path(resolved))
    return SourceIndex.of(text, display), tuple(notes)


def load_index(source: Path) -> tuple[SourceIndex, tuple[str, ...]]:
    """The source file indexed for matching (read once per file version), with reading notes."""
    try:
        stat = source.stat()
        key = (str(source.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(source), 0, 0)
    return _cached_index(*key, str(source))


def char_diff(ours: str, theirs: str, *, shown: tuple[str, str] | None = None) -> str:
    """A compact character diff: 科[创→技]高地, 温州创[+新]史 (source has 新), [-x] (extra x).

    `ours` and `theirs` are compared; `shown` (same lengths) are the characters printed."""
    a, b = shown if shown is not None else (ours, theirs)
    out = []
    opcodes = SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = a[i1:i2]
            first, last = n == 0, n == len(opcodes) - 1
            if first and len(same) > _CONTEXT:
                same = "…" + same[-_CONTEXT:]
            elif last and len(same) > _CONTEXT:
                same = same[:_CONTEXT] + "…"
            elif not first and not last and len(same) > 2 * _CONTEXT:
                same = same[:_CONTEXT] + "…" + same[-_CONTEXT:]
            out.append(same)
        elif tag == "replace":
            out.append(f"[{a[i1:i2]}→{b[j1:j2]}]")
        elif tag == "delete":
            out.append(f"[-{a[i1:i2]}]")
        else:
            out.append(f"[+{b[j1:j2]}]")
    return "".join(out)


def shown_as(text: str, key: str, origin: list[int]) -> str:
    """The characters of `text` behind each key character (the key's own where they differ
    in number), so a diff prints ” and ， as the outline and the source write them."""
    return "".join(
        text[at] if len(key_only(text[at])) == 1 else k for k, at in zip(key, origin, strict=True)
    )


def edit_count(ours: str, theirs: str) -> int:
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
        if tag != "equal"
    )


__all__ = ["QUOTED", "SourceIndex", "char_diff", "edit_count", "load_index", "shown_as"]
