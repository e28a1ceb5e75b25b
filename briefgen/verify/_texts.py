"""The texts of an outline that `check --source` looks at, and how strictly.

Maps a loaded outline → `OutlineText`s: each text with its data path, whether it must be
verbatim (a quote block), whether a near miss of the whole text is warned about (points,
items, terms, table cells, long notes lines), and whether its “…” spans are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.outline import DataPath, LoadedOutline

NOTES_LINE = 20
"""Notes lines this long (without a 【…】 prompt) are where trainers paste the communiqué word
for word: one that is a character or two away from a source passage is flagged as a likely
misquote, like a point or an item would be."""


@dataclass(frozen=True, slots=True)
class OutlineText:
    """One text of the outline: where it is, the text, and how strictly it is checked."""

    path: DataPath
    text: str
    strict: bool  # quote block: must be verbatim; else spans in “…” must be, rest may warn
    near: bool  # warn about near misses of the whole text
    spans: bool = True  # check the “…” spans in it (off for notes lines, checked with the notes)
    label: str = ""  # where in the value, e.g. "line 3 of the notes: "


def outline_texts(loaded: LoadedOutline) -> list[OutlineText]:
    """Every text of the outline that is checked, with its data path."""
    o = loaded.outline
    out = [
        OutlineText((key,), value, False, False)
        for key in ("title", "subtitle", "kicker", "meeting", "closing")
        if (value := getattr(o, key))
    ]
    for s, section in enumerate(o.sections):
        sp: DataPath = ("sections", s)
        out.append(OutlineText((*sp, "title"), section.title, False, False))
        if section.lead:
            out.append(OutlineText((*sp, "lead"), section.lead, False, False))
        for k, slide in enumerate(section.slides):
            p: DataPath = (*sp, "slides", k)
            out.append(OutlineText((*p, "title"), slide.title, False, False))
            if slide.notes:
                out.append(OutlineText((*p, "notes"), slide.notes, False, False))
                out.extend(
                    OutlineText(
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
                out.append(OutlineText((*p, "points", j, "text"), point.text, False, True))
                out.extend(
                    OutlineText((*p, "points", j, "sub", m), sub, False, True)
                    for m, sub in enumerate(point.sub)
                )
            for j, item in enumerate(slide.items or ()):
                out.append(OutlineText((*p, "items", j, "head"), item.head, False, True))
                if item.text:
                    out.append(OutlineText((*p, "items", j, "text"), item.text, False, True))
            if slide.quote is not None:
                out.append(OutlineText((*p, "quote", "text"), slide.quote.text, True, False))
            for j, term in enumerate(slide.terms or ()):
                out.append(OutlineText((*p, "terms", j, "term"), term.term, False, True))
                if term.explain:
                    out.append(OutlineText((*p, "terms", j, "explain"), term.explain, False, False))
            out.extend(
                OutlineText((*p, "questions", j), q, False, False)
                for j, q in enumerate(slide.questions or ())
            )
            if slide.table is not None:
                out.extend(
                    OutlineText((*p, "table", "header", c), h, False, False)
                    for c, h in enumerate(slide.table.header)
                )
                for r, row in enumerate(slide.table.rows):
                    out.extend(
                        OutlineText((*p, "table", "rows", r, c), cell, False, True)
                        for c, cell in enumerate(row)
                    )
            if slide.image is not None and slide.image.caption:
                out.append(OutlineText((*p, "image", "caption"), slide.image.caption, False, False))
    return out


__all__ = ["NOTES_LINE", "OutlineText", "outline_texts"]
