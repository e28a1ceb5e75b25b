"""The handout's structure: a deck plan → the parts of a printed study handout, in order.

Maps `DeckPlan` → a tuple of `Part`s (paragraphs of a named kind, tables, pictures) that both
handout renderers draw: the .docx (`render.docx`) and the Markdown (`render.markdown`), so
the two always hold the same strings in the same order. Sections are grouped by each slide's
`section` (dividers may be missing from the plan): a 一、 heading with its lead, then each
slide as a （一） part; points run as paragraphs, sub-points as 1. paragraphs, frameworks as
numbered paragraphs with their heads in bold, quotes set apart with their attribution, terms
and tables as tables, pictures with captions, questions with ruled lines for notes, and,
when asked, the speaker notes as 辅导说明 after each part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefgen.numerals import chinese_numeral
from briefgen.plan import DeckPlan, PlannedSlide, SectionRef

ParaKind = Literal[
    "title",
    "subtitle",
    "meta",
    "heading",
    "subheading",
    "body",
    "sub",
    "item",
    "quote",
    "attribution",
    "caption",
    "question",
    "rule",
    "notes",
    "closing",
]
"""What a handout paragraph is; each renderer chooses its face, indent and alignment."""

RULED_LINES = 3
"""Blank ruled lines after each discussion question, for the reader's notes."""

NOTES_LABEL = "辅导说明"
TERMS_HEADER = ("提法", "释义")
DEFAULT_CLOSING = "谢谢"
"""The closing slide's line when the outline gives none: a slide courtesy, not handout text."""

_END_PUNCTUATION = "。！？；：，、…”’）"


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: its kind, its label (一、 （一） 1. 一是), its text and bold head."""

    kind: ParaKind
    text: str
    label: str = ""
    head: str = ""
    """Drawn bold between the label and the text (a framework item's head)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header and rows (the terms glossary or an outline table)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Picture:
    """An image file (absolute path) and its caption."""

    path: str
    caption: str


Part = Para | Table | Picture


def _notes(text: str) -> list[Para]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [
        Para("notes", line, label=NOTES_LABEL if i == 0 else "") for i, line in enumerate(lines)
    ]


def _item_head(head: str, has_text: bool) -> str:
    """A framework head ends with a full stop when its text follows (一是坚持……。text)."""
    if has_text and head and head[-1] not in _END_PUNCTUATION:
        return head + "。"
    return head


def run_on(points: list[str]) -> str:
    """Points without sub-points as one paragraph, the way a 提纲 writes them: joined by ；
    (a point that ends a sentence keeps its own mark) and closed with 。."""
    text = ""
    for point in points:
        if text and text[-1] not in _END_PUNCTUATION:
            text += "；"
        text += point
    if text and text[-1] not in _END_PUNCTUATION:
        text += "。"
    return text


def _slide_body(slide: PlannedSlide) -> list[Part]:
    parts: list[Part] = []
    sub_number = 0
    blocks = slide.blocks
    pending: list[str] = []  # points without sub-points, run on into one paragraph
    for i, block in enumerate(blocks):
        role = block.role
        if pending and role != "point":
            parts.append(Para("body", run_on(pending)))
            pending = []
        if role == "point":
            sub_number = 0
            has_sub = i + 1 < len(blocks) and blocks[i + 1].role == "sub"
            if has_sub:
                if pending:
                    parts.append(Para("body", run_on(pending)))
                    pending = []
                text = block.text
                parts.append(Para("body", text if text[-1] in _END_PUNCTUATION else text + "："))
            else:
                pending.append(block.text)
        elif role == "sub":
            sub_number += 1
            parts.append(Para("sub", block.text, label=f"{sub_number}."))
        elif role == "item-head":
            follows = i + 1 < len(blocks) and blocks[i + 1].role == "item-text"
            text = blocks[i + 1].text if follows else ""
            parts.append(
                Para("item", text, label=block.label or "", head=_item_head(block.text, follows))
            )
        elif role == "quote":
            parts.append(Para("quote", block.text))
        elif role == "attribution":
            parts.append(Para("attribution", block.text))
        elif role == "question":
            parts.append(Para("question", block.text, label=(block.label or "").strip()))
            parts += [Para("rule", "")] * RULED_LINES
        elif role == "caption" and slide.image is None:
            parts.append(Para("caption", block.text))
    if pending:
        parts.append(Para("body", run_on(pending)))
    terms = slide.role("term")
    if terms:
        rows: list[tuple[str, ...]] = []
        for i, block in enumerate(blocks):
            if block.role == "term":
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                explain = nxt.text if nxt is not None and nxt.role == "explanation" else ""
                rows.append((block.text, explain))
        parts.append(Table(TERMS_HEADER, tuple(rows)))
    if slide.table is not None:
        parts.append(Table(slide.table.header, slide.table.rows))
    if slide.image is not None:
        caption = slide.role("caption")
        parts.append(Picture(slide.image.path, caption[0].text if caption else ""))
    return parts


def _slide_notes(slide: PlannedSlide, section: SectionRef | None, first: bool) -> str:
    """The slide's notes, without the section lead the plan moves into a first slide's notes."""
    notes = slide.notes.strip()
    if first and section is not None and section.lead and notes.startswith(section.lead):
        notes = notes[len(section.lead) :].strip()
    return notes


def _title_block(plan: DeckPlan) -> list[Part]:
    info = plan.info
    kicker = info.kicker if info.kicker and not info.title.startswith(info.kicker) else ""
    parts: list[Part] = [Para("title", info.title, label=kicker)]
    if info.subtitle:
        parts.append(Para("subtitle", info.subtitle))
    meta = [
        f"会议：{info.meeting}" if info.meeting else "",
        info.organiser or "",
        f"主讲：{info.presenter}" if info.presenter else "",
        "　".join(p for p in (info.date, info.place) if p),
    ]
    parts += [Para("meta", line) for line in meta if line]
    return parts


def handout_parts(plan: DeckPlan, *, with_notes: bool = False) -> tuple[Part, ...]:
    """Every part of the handout, in reading order (see the module docstring)."""
    parts = _title_block(plan)
    cover = next((s for s in plan.slides if s.kind == "cover"), None)
    if with_notes and cover is not None and cover.notes.strip():
        parts += _notes(cover.notes)
    current: SectionRef | None = None
    sub_heading = 0
    for slide in plan.slides:
        if slide.kind in ("cover", "agenda"):
            continue
        if slide.kind == "closing":
            line = slide.role("closing")
            if line and line[0].text != DEFAULT_CLOSING:
                parts.append(Para("closing", line[0].text))
            continue
        first = False
        if slide.section is not None and slide.section != current:
            current = slide.section
            sub_heading = 0
            first = True
            label = f"{chinese_numeral(current.number)}、"
            parts.append(Para("heading", current.title, label=label))
            if current.lead:
                parts.append(Para("body", current.lead))
        if slide.kind == "divider":
            continue  # its title and lead are the section heading above
        sub_heading += 1
        parts.append(Para("subheading", slide.title, label=f"（{chinese_numeral(sub_heading)}）"))
        parts += _slide_body(slide)
        if with_notes:
            notes = _slide_notes(slide, current, first)
            if notes:
                parts += _notes(notes)
    return tuple(parts)


def part_strings(parts: tuple[Part, ...]) -> list[str]:
    """Every non-empty text of the parts, in order (labels, heads, cells and captions)."""
    found: list[str] = []
    for part in parts:
        if isinstance(part, Para):
            found += [s for s in (part.label, part.head, part.text) if s]
        elif isinstance(part, Table):
            found += [c for row in (part.header, *part.rows) for c in row if c]
        elif part.caption:
            found.append(part.caption)
    return found


__all__ = [
    "NOTES_LABEL",
    "RULED_LINES",
    "Para",
    "ParaKind",
    "Part",
    "Picture",
    "Table",
    "handout_parts",
    "part_strings",
    "run_on",
]
