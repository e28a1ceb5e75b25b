"""All the OOXML of the pptx writer: slide, notes, table and package XML, built as text.

Maps laid-out elements (already positioned and line-broken) → PresentationML/DrawingML
strings, and patches the python-pptx template's theme and presentation parts. Every run's
`a:rPr` names `lang="zh-CN"`, an explicit size, a fill and `a:latin`/`a:ea`/`a:cs` typefaces in
schema order (PowerPoint offers to "repair" a file whose `a:ea` comes before `a:latin`).
Nothing here measures or re-breaks text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import datetime

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

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_SLIDE = _RT + "slide"
RT_LAYOUT = _RT + "slideLayout"
RT_MASTER = _RT + "slideMaster"
RT_NOTES = _RT + "notesSlide"
RT_NOTES_MASTER = _RT + "notesMaster"
RT_IMAGE = _RT + "image"
RT_THEME = _RT + "theme"
RT_PRES_PROPS = _RT + "presProps"
RT_VIEW_PROPS = _RT + "viewProps"
RT_TABLE_STYLES = _RT + "tableStyles"
RT_DOCUMENT = _RT + "officeDocument"
RT_APP = _RT + "extended-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_SLIDE = _CT + "slide+xml"
CT_NOTES = _CT + "notesSlide+xml"
CT_PRESENTATION = _CT + "presentation.main+xml"

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


def esc(text: str) -> str:
    """Text → escaped element content or attribute value; CR, LF and tab survive parsing."""
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


def _rpr(size: float, bold: bool, color: str, face: Face, tag: str = "a:rPr") -> str:
    """Character properties in schema order: fill, then latin, ea, cs."""
    sz = min(400000, max(100, round(size * 100)))
    b = ' b="1"' if bold else ""
    latin, ea = esc(face.latin), esc(face.ea)
    return (
        f'<{tag} lang="zh-CN" altLang="en-US" sz="{sz}"{b} dirty="0">'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
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
    for line in par.lines:
        body.append(_line_runs(line, offset, spans, plain, strong))
        offset += len(line)
    end = _rpr(block.size, block.bold, theme.color(block.color), face, "a:endParaRPr")
    return f"<a:p>{ppr}{lead}{br.join(body)}{end}</a:p>"


def _xfrm(box: Box) -> str:
    return (
        f'<a:xfrm><a:off x="{int(box.x)}" y="{int(box.y)}"/>'
        f'<a:ext cx="{max(0, int(box.w))}" cy="{max(0, int(box.h))}"/></a:xfrm>'
    )


def text_shape(block: TextBlock, theme: Theme, shape_id: int) -> str:
    """A `TextBlock` → `p:sp` text box: zero insets, no autofit, anchored as laid out."""
    paragraphs = "".join(_paragraph(p, block, theme) for p in block.paragraphs)
    if not paragraphs:
        face = theme.face(block.font)
        end = _rpr(block.size, block.bold, theme.color(block.color), face, "a:endParaRPr")
        paragraphs = f"<a:p>{end}</a:p>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{esc(block.role)} {shape_id}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(block.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" '
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


def picture_shape(box: Box, rid: str, description: str, shape_id: int) -> str:
    """A placed image → `p:pic` (aspect locked) whose blip points at relationship `rid`."""
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="picture {shape_id}" '
        f'descr="{esc(description)}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>'
        f'<p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
        f'</a:stretch></p:blipFill><p:spPr>{_xfrm(box)}<a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></p:spPr></p:pic>"
    )


def _cell(
    cell: TableCell, face: Face, style: tuple[float, bool, str], fill: str, edges: str
) -> str:
    """One `a:tc`: lines joined by `a:br`, insets 0.08/0.04 in, borders then fill (schema order)."""
    rpr = _rpr(*style, face)
    runs = f"<a:br>{rpr}</a:br>".join(_run(line, rpr) for line in cell.lines)
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


def slide_xml(background: str, shapes: Sequence[str], theme: Theme) -> bytes:
    """A `p:sld`: solid background from the theme colour, then the shapes in z-order."""
    return (
        f"{_DECL}<p:sld {_NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr "
        f'val="{theme.color(background)}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
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


def rels_xml(rels: Iterable[tuple[str, str, str]]) -> bytes:
    """(rId, type, target) triples → a relationships part."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{esc(target)}"/>'
        for rid, kind, target in rels
    )
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    return f'{_DECL}<Relationships xmlns="{ns}">{items}</Relationships>'.encode()


def content_types_xml(
    defaults: Iterable[tuple[str, str]], overrides: Iterable[tuple[str, str]]
) -> bytes:
    """(extension, type) defaults and (/part/name, type) overrides → `[Content_Types].xml`."""
    body = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults)
    body += "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    return f'{_DECL}<Types xmlns="{ns}">{body}</Types>'.encode()


def core_xml(
    title: str, creator: str, subject: str | None, category: str | None, when: datetime
) -> bytes:
    """Dublin Core document properties; `when` is both created and modified (never the clock)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    optional = f"<dc:subject>{esc(subject)}</dc:subject>" if subject else ""
    tail = f"<cp:category>{esc(category)}</cp:category>" if category else ""
    return (
        f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title>{optional}<dc:creator>{esc(creator)}</dc:creator>"
        "<cp:lastModifiedBy>briefgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>{tail}'
        "</cp:coreProperties>"
    ).encode()


def presentation_format(width: int, height: int) -> str:
    """The slide size as docProps/app.xml names it: `16:9`, `4:3`, else `Custom`."""
    ratio = round(width / height, 2)
    return {1.78: "16:9", 1.33: "4:3"}.get(ratio, "Custom")


def app_xml(slides: int, company: str | None, presentation: str = "16:9") -> bytes:
    """Extended properties: application name, presentation format, slide and notes counts,
    company."""
    return (
        f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><TotalTime>0</TotalTime><Words>0</Words><Application>briefgen'
        f"</Application><PresentationFormat>{esc(presentation)}</PresentationFormat>"
        "<Paragraphs>0</Paragraphs>"
        f"<Slides>{slides}</Slides><Notes>{slides}</Notes><HiddenSlides>0</HiddenSlides>"
        f"<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><Company>{esc(company or '')}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _parse(xml: bytes) -> ET.Element:
    for prefix, uri in (("a", NS_A), ("p", NS_P), ("r", NS_R)):
        ET.register_namespace(prefix, uri)
    return ET.fromstring(xml)


def _serialise(root: ET.Element) -> bytes:
    return (_DECL + ET.tostring(root, encoding="unicode")).encode()


def presentation_xml(
    template: bytes,
    width: int,
    height: int,
    master_rid: str,
    notes_master_rid: str,
    slide_rids: Sequence[str],
) -> bytes:
    """The template's `p:presentation` with our master/notes-master/slide id lists and the
    deck's slide size."""
    root = _parse(template)
    p, r = f"{{{NS_P}}}", f"{{{NS_R}}}"
    masters = root.find(f"{p}sldMasterIdLst")
    assert masters is not None and len(masters) == 1, "template has one slide master"
    masters[0].set(f"{r}id", master_rid)
    for tag in ("notesMasterIdLst", "sldIdLst"):
        for old in root.findall(p + tag):
            root.remove(old)
    notes = ET.Element(f"{p}notesMasterIdLst")
    ET.SubElement(notes, f"{p}notesMasterId", {f"{r}id": notes_master_rid})
    root.insert(list(root).index(masters) + 1, notes)
    if slide_rids:  # an empty sldIdLst is a schema error: leave it out
        slides = ET.Element(f"{p}sldIdLst")
        for index, rid in enumerate(slide_rids):
            ET.SubElement(slides, f"{p}sldId", {"id": str(256 + index), f"{r}id": rid})
        root.insert(list(root).index(notes) + 1, slides)
    size = root.find(f"{p}sldSz")
    assert size is not None, "template has a slide size"
    size.attrib.clear()
    size.set("cx", str(width))
    size.set("cy", str(height))
    return _serialise(root)


def theme_xml(template: bytes, theme: Theme) -> bytes:
    """The template theme with our colour scheme and latin + ea faces in major/minor fonts.

    dk1/lt1 ink/white, dk2/lt2 primary/cream, accent1..4 primary/accent/gold/grey,
    hyperlinks accent/grey; major font the serif face (cover, dividers), minor the sans face.
    """
    root = _parse(template)
    a = f"{{{NS_A}}}"
    root.set("name", theme.label or theme.name)
    colours = {
        "dk1": "ink", "lt1": "white", "dk2": "primary", "lt2": "cream",
        "accent1": "primary", "accent2": "accent", "accent3": "gold", "accent4": "grey",
        "hlink": "accent", "folHlink": "grey",
    }  # fmt: skip
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    assert scheme is not None, "template theme has a colour scheme"
    scheme.set("name", theme.name)
    for slot, name in colours.items():
        element = scheme.find(a + slot)
        if element is None:
            continue
        for child in list(element):
            element.remove(child)
        ET.SubElement(element, f"{a}srgbClr", {"val": theme.color(name)})
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    assert fonts is not None, "template theme has a font scheme"
    fonts.set("name", theme.name)
    for tag, role in (("majorFont", "serif"), ("minorFont", "sans")):
        face = theme.face(role)
        group = fonts.find(a + tag)
        if group is None:
            continue
        for slot, typeface in (("latin", face.latin), ("ea", face.ea), ("cs", face.latin)):
            element = group.find(a + slot)
            if element is not None:
                element.set("typeface", clean(typeface))
        for script in group.findall(f"{a}font"):
            if script.get("script") == "Hans":
                script.set("typeface", clean(face.ea))
    return _serialise(root)


__all__ = [
    "CT_NOTES",
    "CT_PRESENTATION",
    "CT_SLIDE",
    "NS_A",
    "NS_P",
    "NS_R",
    "RT_APP",
    "RT_CORE",
    "RT_DOCUMENT",
    "RT_IMAGE",
    "RT_LAYOUT",
    "RT_MASTER",
    "RT_NOTES",
    "RT_NOTES_MASTER",
    "RT_PRES_PROPS",
    "RT_SLIDE",
    "RT_TABLE_STYLES",
    "RT_THEME",
    "RT_VIEW_PROPS",
    "app_xml",
    "clean",
    "content_types_xml",
    "core_xml",
    "esc",
    "notes_xml",
    "picture_shape",
    "presentation_format",
    "presentation_xml",
    "rect_shape",
    "rels_xml",
    "slide_xml",
    "table_shape",
    "text_shape",
    "theme_xml",
]
