"""Write the drafted outline as commented, reviewable YAML, and prove it reads back the same.

Maps a `DraftOutline` (plain dataclasses) → YAML text in source order, with `# REVIEW:` and
`# TODO:` comments where a trainer should look. Scalars are written plain where YAML reads them
back unchanged, as a `|-` block for multi-line notes, and double-quoted otherwise.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ._lists import Item
from ._terms import DraftTerm

DRAFT_MARK = "# briefgen draft "
"""First line of a drafted file: the mark, then a hash of the rest (to spot unedited drafts)."""

_NULLS = {"", "~", "null", "Null", "NULL"}
_PLAIN_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_NOT_PRINTABLE = re.compile(
    r"[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(slots=True)
class DraftPoint:
    """A bullet: text and optional sub-points."""

    text: str
    sub: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DraftSlide:
    """A drafted content slide: points, items or terms, with its notes and review comments."""

    title: str
    points: list[DraftPoint] | None = None
    items: list[Item] | None = None
    ordinal: str | None = None
    terms: list[DraftTerm] | None = None
    notes: str | None = None
    comments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DraftSection:
    """A drafted section."""

    title: str
    slides: list[DraftSlide] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DraftOutline:
    """The whole draft: header comments, top-level fields (key, value, comment) and sections."""

    header: list[str]
    fields: list[tuple[str, str, str | None]]
    trailer: list[str]
    sections: list[DraftSection]


def to_data(outline: DraftOutline) -> dict[str, Any]:
    """The plain data the YAML must read back as (every scalar a string, as the loader keeps)."""
    data: dict[str, Any] = {key: value for key, value, _ in outline.fields}
    sections = []
    for section in outline.sections:
        slides = []
        for slide in section.slides:
            raw: dict[str, Any] = {"title": slide.title}
            if slide.ordinal is not None:
                raw["ordinal"] = slide.ordinal
            if slide.points is not None:
                raw["points"] = [
                    {"text": p.text, "sub": list(p.sub)} if p.sub else p.text for p in slide.points
                ]
            if slide.items is not None:
                raw["items"] = [
                    {"head": i.head, "text": i.text} if i.text else {"head": i.head}
                    for i in slide.items
                ]
            if slide.terms is not None:
                raw["terms"] = [
                    {"term": t.term, "explain": t.explain} if t.explain else {"term": t.term}
                    for t in slide.terms
                ]
            if slide.notes is not None:
                raw["notes"] = slide.notes
            slides.append(raw)
        sections.append({"title": section.title, "slides": slides})
    data["sections"] = sections
    return data


def _plain_ok(value: str) -> bool:
    if value in _NULLS or value != value.strip(" \t\u3000") or "\n" in value or "\t" in value:
        return False
    if value[0] in _PLAIN_FIRST_BAD or value.startswith("..."):
        return False
    if ": " in value or " #" in value or value.endswith(":") or ":\u3000" in value:
        return False
    return not _NOT_PRINTABLE.search(value)


def _quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _NOT_PRINTABLE.fullmatch(ch) or code in (0x85, 0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _block_ok(value: str) -> bool:
    if "\n" not in value or value.startswith("\n") or value.endswith("\n"):
        return False
    if "\t" in value or "\r" in value:
        return False
    lines = value.split("\n")
    if any(line[:1] in (" ", "\u3000") or line != line.rstrip(" ") for line in lines):
        return False
    return not any(_NOT_PRINTABLE.search(line) for line in lines)


def _comment(text: str, indent: str) -> str:
    clean = " ".join(_NOT_PRINTABLE.sub(" ", text).split())
    return f"{indent}# {clean}" if clean else f"{indent}#"


class _Writer:
    def __init__(self, *, plain: bool) -> None:
        self.lines: list[str] = []
        self.plain = plain

    def scalar(self, value: str) -> str:
        return value if self.plain and _plain_ok(value) else _quoted(value)

    def key(self, indent: str, key: str, value: str) -> None:
        self.lines.append(f"{indent}{key}: {self.scalar(value)}")

    def text_block(self, indent: str, key: str, value: str) -> None:
        if self.plain and _block_ok(value):
            self.lines.append(f"{indent}{key}: |-")
            self.lines.extend(f"{indent}  {line}" if line else "" for line in value.split("\n"))
        else:
            self.key(indent, key, value)

    def comments(self, indent: str, comments: list[str]) -> None:
        self.lines.extend(_comment(c, indent) for c in comments)

    def slide(self, slide: DraftSlide, indent: str) -> None:
        self.comments(indent, slide.comments)
        self.lines.append(f"{indent}- title: {self.scalar(slide.title)}")
        inner = indent + "  "
        if slide.ordinal is not None:
            self.key(inner, "ordinal", slide.ordinal)
        if slide.points is not None:
            self.lines.append(f"{inner}points:")
            for point in slide.points:
                if point.sub:
                    self.lines.append(f"{inner}  - text: {self.scalar(point.text)}")
                    self.lines.append(f"{inner}    sub:")
                    self.lines.extend(f"{inner}      - {self.scalar(s)}" for s in point.sub)
                else:
                    self.lines.append(f"{inner}  - {self.scalar(point.text)}")
        if slide.items is not None:
            self.lines.append(f"{inner}items:")
            for item in slide.items:
                self.lines.append(f"{inner}  - head: {self.scalar(item.head)}")
                if item.text:
                    self.key(inner + "    ", "text", item.text)
        if slide.terms is not None:
            self.lines.append(f"{inner}terms:")
            for term in slide.terms:
                self.comments(inner + "  ", [term.note] if term.note else [])
                self.lines.append(f"{inner}  - term: {self.scalar(term.term)}")
                if term.explain:
                    self.key(inner + "    ", "explain", term.explain)
        if slide.notes is not None:
            self.text_block(inner, "notes", slide.notes)


def emit(outline: DraftOutline, *, plain: bool = True) -> str:
    """The outline as YAML text, its first line the draft mark with a hash of the rest."""
    writer = _Writer(plain=plain)
    writer.comments("", outline.header)
    writer.lines.append("")
    for key, value, comment in outline.fields:
        if comment:
            writer.comments("", [comment])
        writer.key("", key, value)
    writer.comments("", outline.trailer)
    writer.lines.append("")
    writer.lines.append("sections:")
    for s, section in enumerate(outline.sections):
        if s:
            writer.lines.append("")
        writer.comments("  ", section.comments)
        writer.lines.append(f"  - title: {writer.scalar(section.title)}")
        writer.lines.append("    slides:")
        for k, slide in enumerate(section.slides):
            if k:
                writer.lines.append("")
            writer.slide(slide, "      ")
    body = "\n".join(writer.lines) + "\n"
    return f"{DRAFT_MARK}{body_hash(body)}\n{body}"


def body_hash(body: str) -> str:
    """The hash that marks a draft as unedited: 16 hex digits of the body's SHA-256."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def is_unedited_draft(text: str) -> bool:
    """True when `text` is a draft written by `briefgen draft` and not changed since."""
    first, _, body = text.partition("\n")
    if not first.startswith(DRAFT_MARK):
        return False
    return first[len(DRAFT_MARK) :].strip() == body_hash(body)


__all__ = [
    "DRAFT_MARK",
    "DraftOutline",
    "DraftPoint",
    "DraftSection",
    "DraftSlide",
    "body_hash",
    "emit",
    "is_unedited_draft",
    "to_data",
]
