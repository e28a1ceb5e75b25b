"""The slide OOXML of the pptx writer: text, shapes, pictures, tables and notes, as text.

Maps laid-out elements (already positioned and line-broken) → PresentationML/DrawingML
strings (the package's other parts are in `_package_xml`). Every run's
`a:rPr` names `lang="zh-CN"`, an explicit size, a fill and `a:latin`/`a:ea`/`a:cs` typefaces in
schema order (PowerPoint offers to "repair" a file whose `a:ea` comes before `a:latin`).
Nothing here measures or re-breaks text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from briefgen.layout import (
    TABLE_SPACING,
    Box,
    Paragraph,
    Rect,
    Span,
    TableBlock,
    TableCell,
    TextBlock,
)
from briefgen.theme import Face, Theme

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# Characters XML 1.0 forbids, as a small positive class (the negated form of the allowed
# ranges costs ~7 ms to compile at start-up).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_CELL_MAR = 'marL="73152" marR="73152" marT="36576" marB="36576"'  # 0.08 in / 0.04 in
_XFRM0 = '<a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm>'
_TREE_START = f'<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>{_XFRM0}</p:grpSpPr>'


def clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF)."""
    return _ILLEGAL.sub("", text)


_SPECIAL = re.compile('[&<>"\r\n\t' + _ILLEGAL.pattern[1:])
"""What `esc` changes: markup, the whitespace parsers rewrite, and what `clean` drops."""


def esc(text: str) -> str:
    """Text → escaped element content or attribute value; CR, LF and tab survive parsing."""
    if _SPECIAL.search(text) is None:  # most runs: one scan instead of eight
        return text
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")  # a parser would turn a raw CR into LF
        .replace("\n", "&#10;")  # and, in attribute values, LF and tab into spaces
        .replace("\t", "&#9;")
    )


def _rpr(size: float, bold: bool, color: str | None, face: Face, tag: str = "a:rPr") -> str:
    """Character properties in schema order: fill (none: the placeholder's), then latin, ea,
    cs."""
    sz = min(400000, max(100, round(size * 100)))
    b = ' b="1"' if bold else ""
    latin, ea = esc(face.latin), esc(face.ea)
    fill = "" if color is None else f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
    return (
        f'<{tag} lang="zh-CN" altLang="en-US" sz="{sz}"{b} dirty="0">{fill}'
        f'<a:latin typeface="{latin}"/><a:ea typeface="{ea}"/><a:cs typeface="{latin}"/>'
        f"</{tag}>"
    )


def _run(text: str, rpr: str) -> str:
    return f"<a:r>{rpr}<a:t>{esc(text)}</a:t></a:r>" if text else ""


def _merged(spans: Iterable[Span], length: int) -> list[tuple[int, int]]:
    """Emphasis spans clamped to the text, sorted and merged where they touch or overlap."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s.start), min(length, s.end)) for s in spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _line_runs(text: str, offset: int, spans: list[tuple[int, int]], plain: str, bold: str) -> str:
    """One line's runs, split where emphasis starts and ends (offsets into the paragraph)."""
    parts: list[str] = []
    pos, end = offset, offset + len(text)
    for s_start, s_end in spans:
        if s_end <= pos or s_start >= end:
            continue
        if s_start > pos:
            parts.append(_run(text[pos - offset : s_start - offset], plain))
            pos = s_start
        stop = min(s_end, end)
        parts.append(_run(text[pos - offset : stop - offset], bold))
        pos = stop
    parts.append(_run(text[pos - offset :], plain))
    return "".join(parts)


def _paragraph(par: Paragraph, block: TextBlock, theme: Theme) -> str:
    """A `Paragraph` → `a:p`: pPr (align, hanging indent, spacing, bullet), runs, breaks."""
    face = theme.face(block.font)
    plain = _rpr(block.size, block.bold, theme.color(block.color), face)
    strong = _rpr(block.size, True, theme.color(block.emphasis_color), face)
    bullet_color = theme.color(block.bullet_color)
    bullet = par.bullet or ""
    indent = int(par.indent)
    attrs = f' marL="{indent}" indent="{-indent if bullet else 0}"'
    if par.level > 0:
        attrs += f' lvl="{min(par.level, 8)}"'
    children = (
        # exact line pitch (size × spacing), the one the layout measured: never the viewer's
        # font-dependent "multiple" spacing, which differs between PowerPoint and LibreOffice
        f'<a:lnSpc><a:spcPts val="{round(block.size * block.line_spacing * 100)}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{max(0, round(par.space_before.pt * 100))}"/></a:spcBef>'
    )
    lead = ""
    if len(bullet) == 1:
        children += (
            f'<a:buClr><a:srgbClr val="{bullet_color}"/></a:buClr>'
            f'<a:buFont typeface="{esc(face.latin)}"/><a:buChar char="{esc(bullet)}"/>'
        )
    else:
        children += "<a:buNone/>"
        if bullet:
            lead = _run(bullet, _rpr(block.size, True, bullet_color, face))
    ppr = f'<a:pPr{attrs} algn="{_ALIGN[par.align]}">{children}</a:pPr>'
    spans = _merged(par.emphasis, len(par.text))
    br = f"<a:br>{plain}</a:br>"
    body: list[str] = []
    offset = 0
    for line, hyphen in zip(par.lines, par.hyphens, strict=True):
        # a line that ends at a line break of the text (`|` in the outline) ends with "\n":
        # the `a:br` between the lines is that break, so the character itself is not written
        runs = _line_runs(line.removesuffix("\n"), offset, spans, plain, strong)
        offset += len(line)
        if hyphen:  # a word broken inside: the hyphen the layout measured, in the word's style
            emphasised = any(a < offset <= b for a, b in spans)
            runs += _run("-", strong if emphasised else plain)
        body.append(runs)
    end = _rpr(block.size, block.bold, theme.color(block.color), face, "a:endParaRPr")
    return f"<a:p>{ppr}{lead}{br.join(body)}{end}</a:p>"


def _xfrm(box: Box) -> str:
    return (
        f'<a:xfrm><a:off x="{int(box.x)}" y="{int(box.y)}"/>'
        f'<a:ext cx="{max(0, int(box.w))}" cy="{max(0, int(box.h))}"/></a:xfrm>'
    )


def text_shape(block: TextBlock, theme: Theme, shape_id: int, ph: str | None = None) -> str:
    """A `TextBlock` → `p:sp` text box: zero insets, no autofit, anchored as laid out.

    With `ph` (a `p:ph` element naming a template layout's placeholder by type, and idx when
    the layout has one), the text fills that placeholder: same box, same explicit sizes, faces
    and colours (layout gives it the template's text colour when that one is readable at
    this size on the layout's background), the placeholder's background and outline."""
    paragraphs = "".join(_paragraph(p, block, theme) for p in block.paragraphs)
    if not paragraphs:
        face = theme.face(block.font)
        end = _rpr(block.size, block.bold, theme.color(block.color), face, "a:endParaRPr")
        paragraphs = f"<a:p>{end}</a:p>"
    if ph is not None:
        head = (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{esc(block.role)} {shape_id}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f"<p:spPr>{_xfrm(block.box)}</p:spPr>"
        )
    else:
        head = (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{esc(block.role)} {shape_id}"/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(block.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        )
    return (
        head + '<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" '
        f'anchor="{_ANCHOR[block.anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f"{paragraphs}</p:txBody></p:sp>"
    )


def rect_shape(rect: Rect, theme: Theme, shape_id: int) -> str:
    """A `Rect` → `p:sp` preset rect/ellipse with a solid fill and an optional outline."""
    prst = "ellipse" if rect.shape == "oval" else "rect"
    line = (
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{theme.color(rect.line)}"/></a:solidFill></a:ln>'
        if rect.line
        else "<a:ln><a:noFill/></a:ln>"
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{prst} {shape_id}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{_xfrm(rect.box)}<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{theme.color(rect.fill)}"/></a:solidFill>{line}</p:spPr></p:sp>'
    )


def picture_shape(
    box: Box, rid: str, description: str, shape_id: int, ph: str | None = None
) -> str:
    """A placed image → `p:pic` (aspect locked) whose blip points at relationship `rid`;
    with `ph` (a template layout's picture placeholder, by type) it fills that placeholder."""
    locks = (
        '<a:picLocks noGrp="1" noChangeAspect="1"/>' if ph else '<a:picLocks noChangeAspect="1"/>'
    )
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="picture {shape_id}" '
        f'descr="{esc(description)}"/><p:cNvPicPr>{locks}</p:cNvPicPr>'
        f'<p:nvPr>{ph or ""}</p:nvPr></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></p:blipFill><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></p:spPr></p:pic>"
    )


def _cell(
    cell: TableCell, face: Face, style: tuple[float, bool, str], fill: str, edges: str
) -> str:
    """One `a:tc`: lines (a continued row's mark first) joined by `a:br`, insets 0.08/0.04 in,
    borders then fill (schema order)."""
    rpr = _rpr(*style, face)
    lines = [
        line.removesuffix("\n") + ("-" if hyphen else "")
        for line, hyphen in zip(cell.lines, cell.hyphens, strict=True)
    ]
    runs = f"<a:br>{rpr}</a:br>".join(
        _run(line, rpr) for line in ((cell.mark, *lines) if cell.mark else lines)
    )
    end = _rpr(*style, face, "a:endParaRPr")
    pitch = round(style[0] * TABLE_SPACING * 100)  # the exact pitch the layout measured
    return (
        f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="l">'
        f'<a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc></a:pPr>{runs}{end}</a:p>'
        f'</a:txBody><a:tcPr {_CELL_MAR} anchor="ctr">{edges}'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>'
    )


def _edges(side: str, top: str) -> str:
    """Cell borders lnL, lnR, lnT, lnB (0.75 pt): `side` colour except the top edge."""
    return "".join(
        f'<a:{tag} w="9525"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:{tag}>'
        for tag, colour in (("lnL", side), ("lnR", side), ("lnT", top), ("lnB", side))
    )


def table_shape(table: TableBlock, theme: Theme, shape_id: int) -> str:
    """A `TableBlock` → `p:graphicFrame` + `a:tbl`: red header, cream/white bands, thin rules.

    Header cells are primary with white bold text and gold rules; body rows alternate cream and
    white with grey rules (the first body row's top rule gold, continuing the header's).
    """
    face = theme.face("sans")
    gold, grey = theme.color("gold"), theme.color("grey")
    grid_rows: list[tuple[tuple[TableCell, ...], tuple[float, bool, str], str, str]] = []
    if table.header:
        head = (table.size, True, theme.color("white"))
        grid_rows.append((table.header, head, theme.color("primary"), _edges(gold, gold)))
    body = (table.size, False, theme.color("ink"))
    for index, row in enumerate(table.rows):
        fill = theme.color("cream" if index % 2 == 0 else "white")
        top = gold if index == 0 and table.header else grey
        grid_rows.append((row, body, fill, _edges(grey, top)))
    heights = [int(h) for h in table.row_heights[: len(grid_rows)]]
    fallback = int(table.box.h) // max(1, len(grid_rows))
    heights += [fallback] * (len(grid_rows) - len(heights))
    rows = "".join(
        f'<a:tr h="{height}">{"".join(_cell(c, face, style, fill, edges) for c in cells)}</a:tr>'
        for (cells, style, fill, edges), height in zip(grid_rows, heights, strict=True)
    )
    grid = "".join(f'<a:gridCol w="{int(w)}"/>' for w in table.column_widths)
    width = sum(int(w) for w in table.column_widths) or int(table.box.w)
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="table {shape_id}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f'</p:nvGraphicFramePr><p:xfrm><a:off x="{int(table.box.x)}" y="{int(table.box.y)}"/>'
        f'<a:ext cx="{width}" cy="{sum(heights)}"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        f'<a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{grid}</a:tblGrid>{rows}'
        "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )


def slide_xml(background: str | None, shapes: Sequence[str], theme: Theme) -> bytes:
    """A `p:sld`: solid background from the theme colour (None: the layout's), then the
    shapes in z-order."""
    bg = (
        ""
        if background is None
        else f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{theme.color(background)}"/>'
        "</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
    )
    return (
        f"{_DECL}<p:sld {_NS}><p:cSld>{bg}"
        f"{_TREE_START}{''.join(shapes)}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    ).encode()


def notes_xml(notes: str, theme: Theme) -> bytes:
    """A `p:notes` with slide-image and body placeholders; the notes one `a:p` per line."""
    rpr = _rpr(12, False, theme.color("ink"), theme.face("sans"))
    end = _rpr(12, False, theme.color("ink"), theme.face("sans"), "a:endParaRPr")
    lines = notes.splitlines() or [""]
    paragraphs = "".join(f"<a:p>{_run(line, rpr)}{end}</a:p>" for line in lines)
    return (
        f"{_DECL}<p:notes {_NS}><p:cSld>{_TREE_START}"
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr>'
        '<p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/>'
        f"</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}"
        "</p:txBody></p:sp></p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    ).encode()


__all__ = [
    "NS_A",
    "NS_P",
    "NS_R",
    "clean",
    "esc",
    "notes_xml",
    "picture_shape",
    "rect_shape",
    "slide_xml",
    "table_shape",
    "text_shape",
]
