"""WordprocessingML details of the handout: fonts on every run, the page grid, page numbers.

Maps page and type settings → python-docx/lxml elements: `w:rFonts` with `w:eastAsia` beside
`w:ascii`/`w:hAnsi` and `w:lang w:eastAsia="zh-CN"` on every run, document defaults without
theme-font references (WPS replaces those with its own faces), the `w:docGrid` of a
GB/T 9704-2012 page (22 lines of 28 characters), exact line spacing, ruled lines, and
“— PAGE —” footers outer-aligned on odd and even pages. Only `render.docx` uses this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from briefgen.theme import Face

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


def mm(value: float) -> int:
    """Millimetres → twips (1/20 pt)."""
    return round(value * TWIPS_PER_MM)


@dataclass(frozen=True, slots=True)
class PageSetup:
    """An A4 page: margins in mm, the text block, the grid and the body size."""

    top: float
    left: float
    text_width: float
    text_height: float
    lines: int | None
    """Lines per page on the document grid (None: no grid)."""
    chars: int | None
    body_pt: float
    line_twips: int
    """Exact line spacing of every paragraph."""
    footer_mm: float

    @property
    def tracking(self) -> int:
        """Letter spacing (1/20 pt) that fits `chars` body characters on a line, else 0.

        28 characters of 3号 (448 pt) are wider than 156 mm (442 pt); Word's character grid
        squeezes them, but LibreOffice spreads a character grid narrower than the font, so
        the squeeze is set as letter spacing, which both apply alike.
        """
        if not self.chars:
            return 0
        pitch = mm(self.text_width) / self.chars  # twips
        return min(0, math.floor(pitch - self.body_pt * TWIPS_PER_PT - 0.5))

    @property
    def right(self) -> float:
        return 210 - self.left - self.text_width

    @property
    def bottom(self) -> float:
        return 297 - self.top - self.text_height


GONGWEN_PAGE = PageSetup(
    top=37, left=28, text_width=156, text_height=225, lines=22, chars=28,
    body_pt=16, line_twips=mm(225) // 22, footer_mm=24,
)  # fmt: skip
"""GB/T 9704-2012: A4, top 37 mm, left 28 mm, 156 × 225 mm, 22 lines of 28 characters of 3号."""

PLAIN_PAGE = PageSetup(
    top=25, left=25, text_width=160, text_height=247, lines=None, chars=None,
    body_pt=16, line_twips=560, footer_mm=12,
)  # fmt: skip
"""A plainer A4 page: 25 mm margins, 3号 text at 28 pt lines, no grid."""


def set_fonts(rpr: Any, face: Face) -> None:
    """`w:rFonts` naming the face for Latin, East Asian and complex text, no theme fonts."""
    fonts = _child(rpr, "w:rFonts")
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    fonts.set(qn("w:ascii"), face.latin)
    fonts.set(qn("w:hAnsi"), face.latin)
    fonts.set(qn("w:eastAsia"), face.ea)
    fonts.set(qn("w:cs"), face.latin)


_ORDER = {
    "rPr": [
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ],
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ],
    "pBdr": ["top", "left", "bottom", "right", "between", "bar"],
}


def _child(parent: Any, tag: str) -> Any:
    """The parent's `tag` child, added in the schema's order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    order = _ORDER.get(parent.tag.rpartition("}")[2])
    name = tag.partition(":")[2]
    if order is not None and name in order:
        later = set(order[order.index(name) + 1 :])
        for sibling in parent:
            if sibling.tag.rpartition("}")[2] in later:
                sibling.addprevious(found)
                return found
    parent.append(found)
    return found


def set_lang(rpr: Any) -> None:
    """Latin text is en-US, East Asian text zh-CN."""
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def style_run(
    run: Run, face: Face, size_pt: float, *, bold: bool = False, tracking: int = 0
) -> None:
    """A run's face (all three scripts), size, weight, letter spacing and language."""
    run.font.size = None
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, face)
    run.font.bold = bold
    set_size(rpr, size_pt, tracking)
    set_lang(rpr)


def set_size(rpr: Any, size_pt: float, tracking: int = 0) -> None:
    """Font size (`w:sz`, `w:szCs`) and letter spacing in twentieths of a point (`w:spacing`)."""
    if tracking:
        _child(rpr, "w:spacing").set(qn("w:val"), str(tracking))
    half_points = str(round(size_pt * 2))
    _child(rpr, "w:sz").set(qn("w:val"), half_points)
    _child(rpr, "w:szCs").set(qn("w:val"), half_points)


def clean_defaults(document: Document, face: Face, page: PageSetup) -> None:
    """Document defaults and every style name real faces: no `*Theme` font references."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, face)
    set_size(rpr, page.body_pt, page.tracking)
    set_lang(rpr)
    for fonts in styles.iter(qn("w:rFonts")):
        for name in list(fonts.attrib):
            if name.endswith("Theme"):
                del fonts.attrib[name]
        if fonts.get(qn("w:eastAsia")) is None and fonts.get(qn("w:ascii")) is not None:
            fonts.set(qn("w:eastAsia"), face.ea)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")


def set_page(section: Section, page: PageSetup) -> None:
    """A4 with the page's margins, and the document grid when the page has one."""
    from docx.shared import Twips

    section.page_width = Twips(mm(210))
    section.page_height = Twips(mm(297))
    section.top_margin = Twips(mm(page.top))
    section.left_margin = Twips(mm(page.left))
    section.right_margin = Twips(mm(210) - mm(page.left) - mm(page.text_width))
    section.bottom_margin = Twips(mm(297) - mm(page.top) - mm(page.text_height))
    section.footer_distance = Twips(mm(page.footer_mm))
    section.header_distance = Twips(mm(15))
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    for name in list(grid.attrib):
        del grid.attrib[name]
    if page.lines:
        grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(page.line_twips))


def exact_spacing(paragraph: Paragraph, twips: int) -> None:
    """Exact line spacing, no space before or after, and no punctuation hanging past the
    right edge of the text block (`w:overflowPunct` off: 、。 at a line end stay inside)."""
    ppr = paragraph._p.get_or_add_pPr()
    _child(ppr, "w:overflowPunct").set(qn("w:val"), "0")
    spacing = _child(ppr, "w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(twips))
    spacing.set(qn("w:lineRule"), "exact")


def indent_chars(paragraph: Paragraph, first: int = 0, left: int = 0, right: int = 0) -> None:
    """Indents in characters (hundredths, as Word's 字符 units), with twips for other readers."""
    ppr = paragraph._p.get_or_add_pPr()
    ind = _child(ppr, "w:ind")
    size_twips = 320  # one 3号 character
    if first:
        ind.set(qn("w:firstLineChars"), str(first * 100))
        ind.set(qn("w:firstLine"), str(first * size_twips))
    if left:
        ind.set(qn("w:leftChars"), str(left * 100))
        ind.set(qn("w:left"), str(left * size_twips))
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))
        ind.set(qn("w:right"), str(right * size_twips))


def _field_runs(paragraph: Paragraph, instruction: str, face: Face, size_pt: float) -> None:
    """A complex field (`PAGE`) as begin / instruction / separate / result / end runs."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", "1"), ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        style_run(run, face, size_pt)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._r.append(element)
        elif kind == "result":
            run.text = text or ""
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)


def page_numbers(document: Document, face: Face, *, outer: bool, page: PageSetup) -> None:
    """Footers with “— N —” in 4号: outer-aligned on odd (right) and even (left) pages, or
    centred on every page when `outer` is off."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT

    size = 14.0
    section = document.sections[0]
    footers = [(section.footer, WD_PARAGRAPH_ALIGNMENT.RIGHT)]
    if outer:
        document.settings.odd_and_even_pages_header_footer = True
        footers.append((section.even_page_footer, WD_PARAGRAPH_ALIGNMENT.LEFT))
    else:
        footers = [(section.footer, WD_PARAGRAPH_ALIGNMENT.CENTER)]
    for footer, align in footers:
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        exact_spacing(paragraph, 400)
        if align == WD_PARAGRAPH_ALIGNMENT.RIGHT:
            indent_chars(paragraph, right=1)
        elif align == WD_PARAGRAPH_ALIGNMENT.LEFT:
            indent_chars(paragraph, left=1)
        dash = "— " if outer else ""
        style_run(paragraph.add_run(dash), face, size)
        _field_runs(paragraph, " PAGE ", face, size)
        style_run(paragraph.add_run(" —" if outer else ""), face, size)
        for run in list(paragraph.runs):
            if not run.text and not len(run._r.xpath("w:fldChar|w:instrText")):
                run._r.getparent().remove(run._r)


__all__ = [
    "GONGWEN_PAGE",
    "PLAIN_PAGE",
    "PageSetup",
    "clean_defaults",
    "exact_spacing",
    "indent_chars",
    "mm",
    "page_numbers",
    "set_fonts",
    "set_page",
    "style_run",
]


# ---------------------------------------------------------------- body XML as text
# The body is written as WordprocessingML text and parsed once: python-docx's object API
# spends most of a handout's time finding where each child element goes.

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHAR_TWIPS = 320
"""One 3号 (16 pt) character, the unit of the indents."""


def _attr(value: str) -> str:
    return xml_escape(value, {'"': "&quot;"})


@lru_cache(maxsize=64)
def rpr_xml(face: Face, size_pt: float, bold: bool = False, tracking: int = 0) -> str:
    """`w:rPr`: the face for all three scripts, weight, letter spacing, size, zh-CN."""
    latin, ea = _attr(face.latin), _attr(face.ea)
    half = round(size_pt * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{ea}" w:cs="{latin}"/>'
        + ("<w:b/><w:bCs/>" if bold else "")
        + (f'<w:spacing w:val="{tracking}"/>' if tracking else "")
        + f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    )


def run_xml(text: str, rpr: str) -> str:
    """One run of text; a newline in `text` becomes a line break (`w:br`)."""
    lines = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{xml_escape(line)}</w:t>' for line in lines)
    return f"<w:r>{rpr}{body}</w:r>"


@lru_cache(maxsize=128)
def ppr_xml(
    align: str,
    line: int,
    *,
    first: int = 0,
    left: int = 0,
    right: int = 0,
    keep: bool = False,
    outline: int | None = None,
    rule: bool = False,
) -> str:
    """`w:pPr` in schema order: keep-with-next, a ruled line below, no hanging punctuation,
    exact line spacing, indents in characters (and twips), alignment, outline level. Ruled
    lines set `w:between` too: Word and LibreOffice draw one border round a run of
    paragraphs with equal borders, so without it three ruled lines show as one."""
    ind = ""
    if first or left or right:
        ind = "<w:ind"
        if left:
            ind += f' w:leftChars="{left * 100}" w:left="{left * CHAR_TWIPS}"'
        if right:
            ind += f' w:rightChars="{right * 100}" w:right="{right * CHAR_TWIPS}"'
        if first:
            ind += f' w:firstLineChars="{first * 100}" w:firstLine="{first * CHAR_TWIPS}"'
        ind += "/>"
    return (
        "<w:pPr>"
        + ("<w:keepNext/>" if keep else "")
        + (
            '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="808080"/>'
            '<w:between w:val="single" w:sz="4" w:space="1" w:color="808080"/></w:pBdr>'
            if rule
            else ""
        )
        + '<w:overflowPunct w:val="0"/>'
        + (
            f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>'
            if line
            else ""
        )
        + ind
        + f'<w:jc w:val="{align}"/>'
        + (f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else "")
        + "</w:pPr>"
    )


def table_xml(rows: list[list[str]], widths: list[int], cell_ppr: str, header_rpr: str | None,
              body_rpr: str) -> str:  # fmt: skip
    """A centred grid table with fixed column widths (twips); the first row in `header_rpr`
    when given."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        rpr = header_rpr if r == 0 and header_rpr is not None else body_rpr
        header = "<w:trPr><w:tblHeader/></w:trPr>" if r == 0 and header_rpr is not None else ""
        out.append(f"<w:tr>{header}")
        for width, text in zip(widths, row, strict=True):
            run = run_xml(text, rpr) if text else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{cell_ppr}{run}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def body_elements(xml: str) -> list[Any]:
    """Body XML text → its parsed elements (python-docx's element classes)."""
    from docx.oxml.parser import parse_xml

    wrapper = parse_xml(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')
    return list(wrapper)


__all__ += ["body_elements", "ppr_xml", "rpr_xml", "run_xml", "table_xml"]
