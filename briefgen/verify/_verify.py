"""`briefgen check OUTLINE --source TEXT`: prove the outline quotes the communiqué word for word.

Maps (loaded outline, text file) → diagnostics. Errors: a `quote` block or a “…” quotation
that is not in the source after punctuation normalisation (reported at the outline's
FILE:LINE:COL with the closest source passage and a character diff), and an `items` slide whose
title's number (五大新坐标) differs from its count of items. Warnings: a point, item, term or
table cell one or two characters away from a source passage (a likely misquote).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from briefgen.draft import builtin_rules, key_only, match_key, numeral_terms, read_source_text
from briefgen.errors import Diagnostic
from briefgen.outline._loader import VARIABLE, LoadedOutline
from briefgen.outline._source import DataPath, format_path

QUOTED = re.compile(r"“([^“”]+)”")
"""A quotation inside outline text."""

_ELLIPSIS = re.compile(r"……|…|\.\.\.|⋯⋯|⋯")
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


def _edits(ours: str, theirs: str) -> int:
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes()
        if tag != "equal"
    )


NOTES_LINE = 20
"""Notes lines this long (without a 【…】 prompt) are where trainers paste the communiqué word
for word: one that is a character or two away from a source passage is flagged as a likely
misquote, like a point or an item would be."""


@dataclass(frozen=True, slots=True)
class _Text:
    """One text of the outline: where it is, the text, and how strictly it is checked."""

    path: DataPath
    text: str
    strict: bool  # quote block: must be verbatim; else spans in “…” must be, rest may warn
    near: bool  # warn about near misses of the whole text
    spans: bool = True  # check the “…” spans in it (off for notes lines, checked with the notes)
    label: str = ""  # where in the value, e.g. "line 3 of the notes: "


def _texts(loaded: LoadedOutline) -> list[_Text]:
    """Every text of the outline that is checked, with its data path."""
    o = loaded.outline
    out = [
        _Text((key,), value, False, False)
        for key in ("title", "subtitle", "kicker", "meeting", "closing")
        if (value := getattr(o, key))
    ]
    for s, section in enumerate(o.sections):
        sp: DataPath = ("sections", s)
        out.append(_Text((*sp, "title"), section.title, False, False))
        if section.lead:
            out.append(_Text((*sp, "lead"), section.lead, False, False))
        for k, slide in enumerate(section.slides):
            p: DataPath = (*sp, "slides", k)
            out.append(_Text((*p, "title"), slide.title, False, False))
            if slide.notes:
                out.append(_Text((*p, "notes"), slide.notes, False, False))
                out.extend(
                    _Text(
                        (*p, "notes"),
                        line.strip(),
                        False,
                        True,
                        spans=False,
                        label=f"line {n} of the notes: ",
                    )
                    for n, line in enumerate(slide.notes.splitlines(), start=1)
                    if len(line.strip()) >= NOTES_LINE and "【" not in line
                )
            for j, point in enumerate(slide.points or ()):
                out.append(_Text((*p, "points", j, "text"), point.text, False, True))
                out.extend(
                    _Text((*p, "points", j, "sub", m), sub, False, True)
                    for m, sub in enumerate(point.sub)
                )
            for j, item in enumerate(slide.items or ()):
                out.append(_Text((*p, "items", j, "head"), item.head, False, True))
                if item.text:
                    out.append(_Text((*p, "items", j, "text"), item.text, False, True))
            if slide.quote is not None:
                out.append(_Text((*p, "quote", "text"), slide.quote.text, True, False))
            for j, term in enumerate(slide.terms or ()):
                out.append(_Text((*p, "terms", j, "term"), term.term, False, True))
                if term.explain:
                    out.append(_Text((*p, "terms", j, "explain"), term.explain, False, False))
            out.extend(
                _Text((*p, "questions", j), q, False, False)
                for j, q in enumerate(slide.questions or ())
            )
            if slide.table is not None:
                out.extend(
                    _Text((*p, "table", "header", c), h, False, False)
                    for c, h in enumerate(slide.table.header)
                )
                for r, row in enumerate(slide.table.rows):
                    out.extend(
                        _Text((*p, "table", "rows", r, c), cell, False, True)
                        for c, cell in enumerate(row)
                    )
            if slide.image is not None and slide.image.caption:
                out.append(_Text((*p, "image", "caption"), slide.image.caption, False, False))
    return out


class _Checker:
    def __init__(self, loaded: LoadedOutline, index: SourceIndex) -> None:
        self.loaded = loaded
        self.index = index
        self.found: list[Diagnostic] = []
        self.cache: dict[str, tuple[int, int] | None] = {}
        try:
            self.file_text = loaded.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            self.file_text = ""
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(self.file_text) if ch == "\n"]

    def where(
        self, path: DataPath, raw: str | None, message: str, severity: str = "error"
    ) -> Diagnostic:
        """A diagnostic at the exact place of `raw` inside the value at `path`, if found."""
        base = self.loaded.diagnostic(path, message, severity=severity)
        if raw is None or base.line is None or not self.file_text:
            return base
        offset = self.line_starts[base.line - 1] + (base.column or 1) - 1
        at = self.file_text.find(raw, offset, offset + 4 * len(raw) + 20_000)
        if at < 0:
            return base
        line = bisect.bisect_right(self.line_starts, at)
        column = at - self.line_starts[line - 1] + 1
        return Diagnostic(message, base.file, line, column, format_path(path), base.severity)

    def locate(self, fragment: str) -> tuple[int, int] | None:
        """Where the folded `fragment` is in the source, exactly; None if it is not."""
        if fragment not in self.cache:
            at = self.index.key.find(fragment)
            self.cache[fragment] = (at, at + len(fragment)) if at >= 0 else None
        return self.cache[fragment]

    def explain_miss(
        self, fragment: str, part: str, *, max_edits: int | None = None
    ) -> tuple[str, int]:
        """'closest passage …; diff …' for a folded fragment not in the source, and its edits
        (with `max_edits`, a passage further off than that may be reported as none)."""
        span = self.index.closest(fragment, max_edits=max_edits)
        if span is None:
            return "nothing in the source comes close", len(fragment)
        start, end = span
        theirs = self.index.key[start:end]
        passage = self.index.passage(start, end)
        if end - start > 60:
            first = next(
                (
                    j1
                    for tag, _, _, j1, _ in SequenceMatcher(
                        None, fragment, theirs, autojunk=False
                    ).get_opcodes()
                    if tag != "equal"
                ),
                0,
            )
            lo, hi = max(start, start + first - 20), min(end, start + first + 40)
            passage = (
                ("…" if lo > start else "") + self.index.passage(lo, hi) + ("…" if hi < end else "")
            )
        where = f"{self.index.file}:{self.index.line_of(start)}"
        _, origin = match_key(part)
        shown = (
            shown_as(part, fragment, origin),
            shown_as(self.index.text, theirs, self.index.origin[start:end]),
        )
        diff = char_diff(fragment, theirs, shown=shown)
        return (
            f"closest in the source ({where}): “{passage}”; diff (outline→source): {diff}",
            _edits(fragment, theirs),
        )

    def quotation(self, item: _Text, body: str, raw: str, what: str) -> None:
        """Check one quotation (with …… omissions allowed) and report a miss as an error."""
        if VARIABLE.search(body):
            self.found.append(
                self.where(
                    item.path,
                    raw,
                    f"{what} holds a {{{{ variable }}}} and cannot be checked against the source",
                    "warning",
                )
            )
            return
        position = 0
        for part in _ELLIPSIS.split(body):
            fragment = key_only(part)
            if not fragment:
                continue
            span = self.locate(fragment)
            if span is None:
                detail, _ = self.explain_miss(fragment, part)
                hint = (
                    " (if it is not a quotation of the communiqué, mark it with 「」 instead of “”)"
                    if what.startswith("“")
                    else ""
                )
                self.found.append(
                    self.where(
                        item.path, raw, f"{what} is not word for word in the source{hint}; {detail}"
                    )
                )
                return
            if span[0] < position:
                later = self.index.key.find(fragment, position)
                if later < 0:
                    self.found.append(
                        self.where(
                            item.path,
                            raw,
                            f"{what}: the parts around …… come in another order in the source",
                        )
                    )
                    return
                span = (later, later + len(fragment))
            position = span[1]
        if what.startswith("“") and not _ELLIPSIS.search(body):
            self.cut_short_quotation(item, body, raw, what)

    def cut_short_quotation(self, item: _Text, body: str, raw: str, what: str) -> None:
        """A “…” that only matches inside a longer quotation of the source cuts it short."""
        fragment = key_only(body)
        enclosing = self.index.cut_short(fragment) if fragment else None
        if enclosing is None:
            return
        start, end = enclosing
        theirs = self.index.key[start:end]
        _, origin = match_key(body)
        shown = (
            shown_as(body, fragment, origin),
            shown_as(self.index.text, theirs, self.index.origin[start:end]),
        )
        where = f"{self.index.file}:{self.index.line_of(start)}"
        self.found.append(
            self.where(
                item.path,
                raw,
                f"{what} cuts short the source's quotation “{self.index.passage(start, end)}” "
                f"({where}); diff (outline→source): {char_diff(fragment, theirs, shown=shown)}",
            )
        )

    def near_miss(self, item: _Text) -> None:
        """Warn when a whole text is one or two characters away from a source passage."""
        if VARIABLE.search(item.text):
            return
        fragment = key_only(item.text) if not _ELLIPSIS.search(item.text) else ""
        if len(fragment) < 4 or self.locate(fragment) is not None:
            return
        allowed = max(1, len(fragment) // 10)
        detail, edits = self.explain_miss(fragment, item.text, max_edits=allowed)
        if 0 < edits <= allowed:
            self.found.append(
                self.where(
                    item.path,
                    None,
                    f"{item.label}differs from the source by {edits} character(s): "
                    f"a misquote? {detail}",
                    "warning",
                )
            )

    def counts(self) -> None:
        """An `items` slide's title number (五大新坐标, 10张…) must match its count of items."""
        rules = builtin_rules()
        for s, section in enumerate(self.loaded.outline.sections):
            for k, slide in enumerate(section.slides):
                if slide.items is None:
                    continue
                terms = numeral_terms(slide.title, rules)
                if terms and all(count != len(slide.items) for count, _, _ in terms):
                    said = "、".join(f"{term} ({count})" for count, term, _ in terms)
                    self.found.append(
                        self.loaded.diagnostic(
                            ("sections", s, "slides", k, "title"),
                            f"the title says {said} but the slide has {len(slide.items)} items; "
                            "add or remove items, or correct the title",
                        )
                    )


def verify_against_source(loaded: LoadedOutline, source: Path) -> list[Diagnostic]:
    """Every quotation of `loaded` checked against the text file `source` (see module doc)."""
    index, notes = load_index(source)
    found = [Diagnostic(note, file=str(source), severity="warning") for note in notes]
    checker = _Checker(loaded, index)
    for item in _texts(loaded):
        if item.strict:
            body = _unwrap(item.text)
            checker.quotation(item, body, body.strip()[:12] or body, "the quote")
            continue
        before = len(checker.found)
        for match in QUOTED.finditer(item.text if item.spans else ""):
            checker.quotation(item, match.group(1), match.group(0), f"“{_clip(match.group(1))}”")
        if item.near and len(checker.found) == before:
            checker.near_miss(item)
    checker.counts()
    return found + checker.found


def _unwrap(text: str) -> str:
    text = text.strip()
    if text.startswith("“") and text.endswith("”") and QUOTED.fullmatch(text):
        return text[1:-1]
    return text


def _clip(text: str) -> str:
    return text if len(text) <= 24 else text[:22] + "…"


__all__ = ["QUOTED", "SourceIndex", "char_diff", "load_index", "verify_against_source"]
