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
from difflib import SequenceMatcher
from pathlib import Path

from briefgen.draft import builtin_rules, key_only, match_key, numeral_terms
from briefgen.errors import Diagnostic
from briefgen.outline import VARIABLE, DataPath, LoadedOutline, format_path

from ._index import QUOTED, SourceIndex, char_diff, edit_count, load_index, shown_as
from ._texts import OutlineText, outline_texts

_ELLIPSIS = re.compile(r"……|…|\.\.\.|⋯⋯|⋯")


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
            edit_count(fragment, theirs),
        )

    def quotation(self, item: OutlineText, body: str, raw: str, what: str) -> None:
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

    def cut_short_quotation(self, item: OutlineText, body: str, raw: str, what: str) -> None:
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

    def near_miss(self, item: OutlineText) -> None:
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
    for item in outline_texts(loaded):
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


__all__ = ["verify_against_source"]
