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
from typing import TYPE_CHECKING, Any

from docx.oxml.ns import qn

from briefgen.errors import BuildError, Diagnostic
from briefgen.plan import DeckPlan
from briefgen.theme import Face, Theme

from . import _docx_xml as dx
from ._handout import Para, Part, Picture, Table, handout_parts
from ._stamps import _zip_time, document_date

if TYPE_CHECKING:
    from docx.document import Document

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
    """Writes the handout's parts as body XML text (parsed once at the end, or before a
    picture, which python-docx places with its image part)."""

    def __init__(self, document: Document, faces: _Faces) -> None:
        self.doc = document
        self.faces = faces
        self.line = faces.page.line_twips
        self.pending: list[str] = []

    def rpr(self, face: Face, *, bold: bool = False, size: float = BODY_PT) -> str:
        tracking = self.faces.page.tracking if size == BODY_PT else 0
        return dx.rpr_xml(face, size, bold, tracking)

    def add(self, ppr: str, *runs: tuple[str, Face, bool]) -> None:
        """A paragraph of (text, face, bold) runs in body size."""
        body = "".join(dx.run_xml(t, self.rpr(f, bold=b)) for t, f, b in runs if t)
        self.pending.append(f"<w:p>{ppr}{body}</w:p>")

    def blank(self) -> None:
        self.pending.append(f"<w:p>{dx.ppr_xml('both', self.line)}</w:p>")

    def flush(self) -> None:
        if self.pending:
            anchor = self.doc.element.body.find(qn("w:sectPr"))
            for element in dx.body_elements("".join(self.pending)):
                anchor.addprevious(element)
            self.pending = []

    def para(self, part: Para) -> None:
        f = self.faces
        kind = part.kind
        line = self.line
        plain_bold = not f.gongwen  # the plain style sets headings in bold sans
        if kind == "title":
            ppr = dx.ppr_xml("center", round(line * 1.25), keep=True, outline=0)
            per_line = int(f.page.text_width / (TITLE_PT * 25.4 / 72))
            text = part.label + part.text
            if part.label and len(text) > per_line:
                text = f"{part.label}\n{part.text}"  # the kicker on its own line (学习贯彻 / title)
            rpr = self.rpr(f.title, bold=f.title_bold, size=TITLE_PT)
            self.pending.append(f"<w:p>{ppr}{dx.run_xml(text, rpr)}</w:p>")
        elif kind in ("subtitle", "meta"):
            text = part.text if kind == "meta" or part.text.startswith("—") else f"——{part.text}"
            self.add(dx.ppr_xml("center", line, keep=True), (text, f.kai, False))
        elif kind in ("heading", "subheading"):
            heading = kind == "heading"
            ppr = dx.ppr_xml("left", line, first=2, keep=True, outline=1 if heading else 2)
            face = f.heading if heading else f.kai
            self.add(ppr, (part.label + part.text, face, plain_bold))
        elif kind in ("body", "sub", "question"):
            keep = (
                part.text.endswith("：") or kind == "question"
            )  # a lead-in stays with what follows
            label = (
                part.label + ("" if part.label.endswith((".", "、")) else " ") if part.label else ""
            )
            self.add(
                dx.ppr_xml("both", line, first=2, keep=keep), (label + part.text, f.fang, False)
            )
        elif kind == "item":
            ppr = dx.ppr_xml("both", line, first=2)
            self.add(ppr, (part.label + part.head, f.fang, True), (part.text, f.fang, False))
        elif kind == "quote":
            self.add(dx.ppr_xml("both", line, first=2, left=2, right=2), (part.text, f.kai, False))
        elif kind == "attribution":
            self.add(dx.ppr_xml("right", line, right=2), (part.text, f.kai, False))
        elif kind == "caption":
            self.add(dx.ppr_xml("center", line), (part.text, f.kai, False))
        elif kind == "rule":
            self.add(dx.ppr_xml("both", line, left=2, rule=True))
        elif kind == "notes":
            label = f"【{part.label}】" if part.label else ""
            ppr = dx.ppr_xml("both", line, first=2)
            self.add(ppr, (label, f.heading, plain_bold), (part.text, f.kai, False))
        else:  # closing
            self.blank()
            self.add(dx.ppr_xml("center", line), (part.text, f.heading, plain_bold))

    def table(self, part: Table) -> None:
        columns = (
            max(len(part.header), *(len(r) for r in part.rows)) if part.rows else len(part.header)
        )
        rows = [part.header, *part.rows] if part.header else list(part.rows)
        padded = [list(row) + [""] * (columns - len(row)) for row in rows]
        width = dx.mm(self.faces.page.text_width)
        shares = [0.3, 0.7] if columns == 2 else [1 / columns] * columns
        widths = [round(width * share) for share in shares]
        header = self.rpr(self.faces.heading, bold=not self.faces.gongwen) if part.header else None
        cell = dx.ppr_xml("left", self.line)
        self.pending.append(dx.table_xml(padded, widths, cell, header, self.rpr(self.faces.fang)))
        self.blank()  # a blank line after the table

    def picture(self, part: Picture) -> None:
        from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
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
        self.flush()
        max_w, max_h = PICTURE_MAX_MM
        ratio = image.px_width / max(image.px_height, 1)
        p = self.doc.add_paragraph()
        p.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
        p.paragraph_format.keep_with_next = True
        run = p.add_run()
        dx.style_run(run, self.faces.fang, BODY_PT)
        run.add_picture(part.path, width=Mm(min(max_w, max_h * ratio)))
        if part.caption:
            self.add(dx.ppr_xml("center", self.line), (part.caption, self.faces.kai, False))


class _FixedTimeZip:
    """python-docx's physical package writer, but with fixed zip timestamps (see `_stamps`),
    so equal handouts are equal bytes without compressing the package twice."""

    def __init__(self, buffer: io.BytesIO) -> None:
        self.zip = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
        self.when = _zip_time()

    def write(self, pack_uri: Any, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, blob)

    def close(self) -> None:
        self.zip.close()


def _package_bytes(document: Document) -> bytes:
    """The document's package as zip bytes, written by python-docx's `PackageWriter` steps."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = list(package.iter_parts())
    buffer = io.BytesIO()
    writer = _FixedTimeZip(buffer)
    steps: Any = PackageWriter  # its steps take any object with write(uri, blob), untyped
    steps._write_content_types_stream(writer, parts)
    steps._write_pkg_rels(writer, package.rels)
    steps._write_parts(writer, parts)
    writer.close()
    return buffer.getvalue()


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
                writer.blank()  # one blank line between the title block and the text
            after_title = part.kind in ("title", "subtitle", "meta")
            writer.para(part)
    writer.flush()
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
    return _package_bytes(document)


__all__ = ["render_docx"]
