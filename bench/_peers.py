"""The two peers `bench/build.py` times `briefgen build` against, and what they are fed.

Maps the example's expanded `Outline` → an equivalent Markdown deck for pandoc, and a laid-out
`LaidDeck` → a JSON list of slides (title, body text, notes) for the plain python-pptx script.
Run as a script, this module *is* that python-pptx peer:

    python bench/_peers.py SLIDES.json OUT.pptx

It imports only json, sys and python-pptx: a title box and one text box per slide, the
speaker notes, no layout and no typography. briefgen is imported only by the generators, lazily.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefgen.layout import LaidDeck, LaidSlide
    from briefgen.outline import Outline, Slide

_MD_SPECIAL = frozenset("\\`*_[]<>|#~^$@")
"""ASCII punctuation that means something in pandoc's Markdown (escaped with a backslash)."""


def _md(text: str) -> str:
    """Outline text → Markdown text that pandoc reads back as the same characters."""
    escaped = "".join("\\" + c if c in _MD_SPECIAL else c for c in text)
    return " ".join(escaped.split("\n")).strip()


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _md_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A pipe table."""
    lines = ["| " + " | ".join(_md(h) or " " for h in header) + " |"]
    lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(_md(c) or " " for c in row) + " |" for row in rows]
    return lines


def _md_body(slide: Slide, image_base: Path) -> list[str]:
    """A slide's content as Markdown blocks (points, items, quote, terms, questions, table, image)."""
    out: list[str] = []
    if slide.points is not None:
        for point in slide.points:
            out.append(f"- {_md(point.text)}")
            out += [f"    - {_md(sub)}" for sub in point.sub]
    elif slide.items is not None:
        for n, item in enumerate(slide.items, start=1):
            text = f"：{_md(item.text)}" if item.text else ""
            out.append(f"{n}. **{_md(item.head)}**{text}")
    elif slide.quote is not None:
        out.append(f"> {_md(slide.quote.text)}")
        if slide.quote.attribution:
            out += [">", f"> ——{_md(slide.quote.attribution)}"]
    elif slide.terms is not None:
        out += _md_table(("提法", "释义"), [(t.term, t.explain or "") for t in slide.terms])
    elif slide.questions is not None:
        out += [f"{n}. {_md(q)}" for n, q in enumerate(slide.questions, start=1)]
    elif slide.table is not None:
        out += _md_table(slide.table.header, list(slide.table.rows))
    elif slide.image is not None:
        caption = _md(slide.image.caption or "")
        out.append(f"![{caption}](<{image_base / slide.image.path}>)")
    return out


def _md_notes(notes: str | None) -> list[str]:
    """Speaker notes as pandoc's `::: notes` div."""
    if not notes or not notes.strip():
        return []
    lines = [_md(line) for line in notes.strip().splitlines() if line.strip()]
    return ["", "::: notes", "\n\n".join(lines), ":::"]


def markdown_deck(outline: Outline, image_base: Path) -> str:
    """An expanded outline → the equivalent Markdown deck for `pandoc --slide-level=2`.

    The cover is the metadata block (title, subtitle, presenter and organiser as authors,
    date); then an agenda slide (目录), one `#` per section (its lead as the section slide's
    notes), one `##` per outline slide with its content and notes, and a closing slide.
    """
    meta = [f"title: {_yaml_str(outline.title)}"]
    if outline.subtitle:
        meta.append(f"subtitle: {_yaml_str(outline.subtitle)}")
    authors = [a for a in (outline.presenter, outline.organiser) if a]
    if authors:
        meta.append("author: [" + ", ".join(_yaml_str(a) for a in authors) + "]")
    if outline.date:
        meta.append(f"date: {_yaml_str(outline.date)}")
    blocks: list[list[str]] = [["---", *meta, "---"]]
    agenda = [f"{n}. {_md(s.title)}" for n, s in enumerate(outline.sections, start=1)]
    blocks.append(["## 目录", "", *agenda])
    for section in outline.sections:
        blocks.append([f"# {_md(section.title)}", *_md_notes(section.lead)])
        for slide in section.slides:
            body = _md_body(slide, image_base)
            head = [f"## {_md(slide.title)}"]
            blocks.append(head + ([""] if body else []) + body + _md_notes(slide.notes))
    closing = [f"## {_md(outline.closing or '谢谢')}"]
    if outline.organiser:
        closing += ["", _md(outline.organiser)]
    blocks.append(closing)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _slide_spec(slide: LaidSlide) -> dict[str, Any]:
    """One laid-out slide → its title, every other text it draws (one entry a paragraph), notes."""
    from briefgen.layout import TableBlock, TextBlock

    body: list[str] = []
    for element in slide.elements:
        if isinstance(element, TextBlock):
            if element.role == "title" or element.text == slide.title:
                continue
            for par in element.paragraphs:
                body.append(f"{par.bullet} {par.text}" if par.bullet else par.text)
        elif isinstance(element, TableBlock):
            for row in (element.header, *element.rows):
                body.append("\t".join(cell.text for cell in row))
    return {"title": slide.title, "body": body, "notes": slide.notes}


def pptx_spec(deck: LaidDeck) -> dict[str, Any]:
    """A laid-out deck → the JSON the python-pptx peer reads: slide size and the same slides."""
    return {
        "width": int(deck.width),
        "height": int(deck.height),
        "slides": [_slide_spec(slide) for slide in deck.slides],
    }


def write_plain_pptx(spec: dict[str, Any], out: str) -> None:
    """The honest peer: python-pptx's object API, a title box and a text box per slide, notes."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    width, height = spec["width"], spec["height"]
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    blank = prs.slide_layouts[6]
    margin = width // 20
    for entry in spec["slides"]:
        slide = prs.slides.add_slide(blank)
        title = slide.shapes.add_textbox(margin, margin, width - 2 * margin, height // 8)
        title.text_frame.word_wrap = True
        title.text_frame.text = entry["title"]
        title.text_frame.paragraphs[0].runs[0].font.size = Pt(32)
        top = margin + height // 8
        box = slide.shapes.add_textbox(margin, top, width - 2 * margin, height - top - margin)
        frame = box.text_frame
        frame.word_wrap = True
        for index, text in enumerate(entry["body"]):
            par = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            par.text = text
        if entry["notes"]:
            slide.notes_slide.notes_text_frame.text = entry["notes"]
    prs.save(out)


def count_slides(path: Path) -> int:
    """How many slides a .pptx holds (its `ppt/slides/slideN.xml` parts)."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    return sum(1 for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def main(argv: list[str]) -> int:
    """`python bench/_peers.py SLIDES.json OUT.pptx`: run the python-pptx peer."""
    if len(argv) != 2:
        print("usage: python bench/_peers.py SLIDES.json OUT.pptx", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        spec = json.load(handle)
    write_plain_pptx(spec, argv[1])
    return 0


__all__ = ["count_slides", "markdown_deck", "pptx_spec", "write_plain_pptx"]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
