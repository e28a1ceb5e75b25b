"""The .docx handout: a deck plan as a printed study handout (学习辅导材料), Word and WPS ready.

Maps `DeckPlan` + `Theme` → .docx bytes. The parts come from `_handout.handout_parts` (the
same as the Markdown handout); this module gives each its face, size, indent and alignment.
`handout: gongwen` (the default) follows GB/T 9704-2012: A4, top 37 mm, left 28 mm, a
156 × 225 mm text block on a grid of 22 lines × 28 characters, title 2号 小标宋, 一、 in 黑体,
（一） in 楷体, text in 3号 仿宋 with exact line spacing, and “— 1 —” page numbers in 4号,
outer-aligned. `handout: plain` uses the theme's own faces on a plainer page. python-docx is
imported only here (lazily, through `render`), the XML details live in `_docx_xml`.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from briefgen.errors import BuildError, Diagnostic
from briefgen.plan import DeckPlan
from briefgen.theme import Face, Theme

from . import _docx_xml as dx
from ._handout import Para, Part, Picture, Table, handout_parts
from ._package import _zip_time, document_date

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

TITLE_PT = 22.0  # 2号
BODY_PT = 16.0  # 3号
PICTURE_MAX_MM = (150.0, 120.0)


class _Faces:
    """The faces of one handout style: title, heading (一、), kai (（一）, quotes), fang (text)."""

    def __init__(self, theme: Theme) -> None:
        self.gongwen = theme.handout == "gongwen"
        if self.gongwen:
            self.title, self.heading = theme.handout_face("title"), theme.handout_face("heading")
            self.kai, self.fang = theme.handout_face("kai"), theme.handout_face("fang")
            self.numbers = theme.handout_face("numbers")
            self.title_bold = theme.font_set == "portable"  # Noto Serif Bold stands in for 小标宋
        else:
            self.title = self.heading = theme.face("sans")
            self.kai, self.fang = theme.face("quote"), theme.face("serif")
            self.numbers = theme.face("serif")
            self.title_bold = True
        self.page = dx.GONGWEN_PAGE if self.gongwen else dx.PLAIN_PAGE


class _Writer:
    """Adds the handout's parts to a python-docx document."""

    def __init__(self, document: Document, faces: _Faces) -> None:
        self.doc = document
        self.faces = faces
        self.line = faces.page.line_twips

    def paragraph(self, align: str = "justify") -> Paragraph:
        from docx.enum.text import WD_PARAGRAPH_ALIGNMENT as ALIGN

        paragraph = self.doc.add_paragraph()
        paragraph.alignment = {
            "justify": ALIGN.JUSTIFY,
            "center": ALIGN.CENTER,
            "right": ALIGN.RIGHT,
            "left": ALIGN.LEFT,
        }[align]
        dx.exact_spacing(paragraph, self.line)
        return paragraph

    def run(self, paragraph: Paragraph, text: str, face: Face, *, bold: bool = False,
            size: float = BODY_PT) -> None:  # fmt: skip
        if text:
            tracking = self.faces.page.tracking if size == BODY_PT else 0
            dx.style_run(paragraph.add_run(text), face, size, bold=bold, tracking=tracking)

    def para(self, part: Para) -> None:
        f = self.faces
        kind = part.kind
        plain_bold = not f.gongwen  # the plain style sets headings in bold sans
        if kind == "title":
            p = self.paragraph("center")
            dx.exact_spacing(p, round(self.line * 1.25))
            per_line = int(self.faces.page.text_width / (TITLE_PT * 25.4 / 72))
            if part.label and len(part.label + part.text) > per_line:
                self.run(p, part.label, f.title, bold=f.title_bold, size=TITLE_PT)
                line_break = p.add_run()
                dx.style_run(line_break, f.title, TITLE_PT, bold=f.title_bold)
                line_break.add_break()  # the kicker on its own line (学习贯彻 / title)
                self.run(p, part.text, f.title, bold=f.title_bold, size=TITLE_PT)
            else:
                self.run(p, part.label + part.text, f.title, bold=f.title_bold, size=TITLE_PT)
            dx.outline_level(p, 0)
            dx.keep_with_next(p)
        elif kind in ("subtitle", "meta"):
            p = self.paragraph("center")
            text = part.text if kind == "meta" or part.text.startswith("—") else f"——{part.text}"
            self.run(p, text, f.kai)
            dx.keep_with_next(p)
        elif kind in ("heading", "subheading"):
            p = self.paragraph("left")
            dx.indent_chars(p, first=2)
            face = f.heading if kind == "heading" else f.kai
            self.run(p, part.label + part.text, face, bold=plain_bold)
            dx.outline_level(p, 1 if kind == "heading" else 2)
            dx.keep_with_next(p)
        elif kind in ("body", "sub", "question"):
            p = self.paragraph()
            dx.indent_chars(p, first=2)
            label = part.label + ("" if part.label.endswith((".", "、")) else " ") if part.label else ""
            self.run(p, label + part.text, f.fang)
            if part.text.endswith("：") or kind == "question":
                dx.keep_with_next(p)  # a lead-in stays with what it leads to
        elif kind == "item":
            p = self.paragraph()
            dx.indent_chars(p, first=2)
            self.run(p, part.label + part.head, f.fang, bold=True)
            self.run(p, part.text, f.fang)
        elif kind == "quote":
            p = self.paragraph()
            dx.indent_chars(p, first=2, left=2, right=2)
            self.run(p, part.text, f.kai)
        elif kind == "attribution":
            p = self.paragraph("right")
            dx.indent_chars(p, right=2)
            self.run(p, part.text, f.kai)
        elif kind == "caption":
            self.run(self.paragraph("center"), part.text, f.kai)
        elif kind == "rule":
            p = self.paragraph()
            dx.indent_chars(p, left=2)
            dx.rule_below(p)
        elif kind == "notes":
            p = self.paragraph()
            dx.indent_chars(p, first=2)
            if part.label:
                self.run(p, f"【{part.label}】", f.heading, bold=plain_bold)
            self.run(p, part.text, f.kai)
        else:  # closing
            self.paragraph()
            self.run(self.paragraph("center"), part.text, f.heading, bold=plain_bold)

    def table(self, part: Table) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.shared import Twips

        columns = max(len(part.header), *(len(r) for r in part.rows)) if part.rows else len(part.header)
        rows = [part.header, *part.rows] if part.header else list(part.rows)
        table = self.doc.add_table(rows=len(rows), cols=columns)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        width = dx.mm(self.faces.page.text_width)
        shares = [0.3, 0.7] if columns == 2 else [1 / columns] * columns
        for r, row in enumerate(rows):
            cells = table.rows[r].cells
            for c in range(columns):
                cells[c].width = Twips(round(width * shares[c]))
                paragraph = cells[c].paragraphs[0]
                dx.exact_spacing(paragraph, self.line)
                text = row[c] if c < len(row) else ""
                header = r == 0 and bool(part.header)
                face = self.faces.heading if header else self.faces.fang
                self.run(paragraph, text, face, bold=header and not self.faces.gongwen)
        self.paragraph()  # a blank line after the table

    def picture(self, part: Picture) -> None:
        from docx.image.image import Image
        from docx.shared import Mm

        try:
            image = Image.from_file(part.path)
        except Exception as exc:
            raise BuildError(
                Diagnostic(
                    f"cannot read this image ({type(exc).__name__}); use a PNG or JPEG file",
                    file=part.path,
                )
            ) from None
        max_w, max_h = PICTURE_MAX_MM
        ratio = image.px_width / max(image.px_height, 1)
        w = min(max_w, max_h * ratio)
        p = self.paragraph("center")
        p.paragraph_format.line_spacing = None
        ppr = p._p.get_or_add_pPr()
        spacing = ppr.find(qn("w:spacing"))
        if spacing is not None:
            ppr.remove(spacing)
        run = p.add_run()
        dx.style_run(run, self.faces.fang, BODY_PT)
        run.add_picture(part.path, width=Mm(w))
        dx.keep_with_next(p)


def _deterministic(data: bytes) -> bytes:
    """The same package with fixed zip timestamps, so equal handouts are equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    when = _zip_time()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item))
    return out.getvalue()


def render_docx(plan: DeckPlan, theme: Theme, *, with_notes: bool = False) -> bytes:
    """The handout of `plan` as .docx bytes (see the module docstring for the layout)."""
    import docx

    faces = _Faces(theme)
    document = docx.Document()
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel.rId)  # Word 2010's copy of the styles: not kept in step
    dx.clean_defaults(document, faces.fang, faces.page)
    dx.set_page(document.sections[0], faces.page)
    dx.page_numbers(document, faces.numbers, outer=faces.gongwen, page=faces.page)
    writer = _Writer(document, faces)
    parts: tuple[Part, ...] = handout_parts(plan, with_notes=with_notes)
    body = document.element.body
    for stray in list(body.iterchildren(qn("w:p"))):
        body.remove(stray)  # the template's empty first paragraph
    after_title = False
    for part in parts:
        if isinstance(part, Table):
            writer.table(part)
        elif isinstance(part, Picture):
            writer.picture(part)
        else:
            if after_title and part.kind not in ("subtitle", "meta"):
                writer.paragraph()  # one blank line between the title block and the text
            after_title = part.kind in ("title", "subtitle", "meta")
            writer.para(part)
    props = document.core_properties
    info = plan.info
    props.title = info.title
    props.subject = info.meeting or ""
    props.author = info.organiser or ""
    props.last_modified_by = info.organiser or ""
    props.revision = 1
    props.language = "zh-CN"
    when = document_date(info.date).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = when
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue())


__all__ = ["render_docx"]
