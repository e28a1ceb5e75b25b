"""Read an existing .pptx back into a `LaidDeck`, so `briefgen preview DECK.pptx` can show it.

Maps a PowerPoint file (ours or anyone's) → `LaidDeck`: every text frame becomes a
`TextBlock` (in the slide's reading order, which is PowerPoint's z-order), tables become
`TableBlock`s, pictures `Picture`s, and the speaker notes the slide's notes. Roles come from
the shape names `build` writes (`"body 7"`) or from placeholder types; anything else is body.
The package is read with the standard library through `_package.Package`, which reads only
the parts the deck references and bounds every one of them; images are never inflated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast, get_args
from xml.etree.ElementTree import Element as XmlElement

from briefgen.layout import (
    Box,
    DeckInfo,
    Element,
    LaidDeck,
    LaidSlide,
    Length,
    Paragraph,
    Picture,
    SlideKind,
    TableBlock,
    TableCell,
    TextBlock,
    TextRole,
)

from ._package import DeckReadError, Package

KNOWN_ROLES: frozenset[str] = frozenset(get_args(TextRole))
"""Text roles of the layout engine, as `build` writes them into shape names."""

MAX_SLIDES = 5_000
"""Most slides read from one deck."""

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DC = "{http://purl.org/dc/elements/1.1/}"

_PLACEHOLDER_ROLES: dict[str, TextRole] = {
    "title": "title",
    "ctrTitle": "title",
    "subTitle": "subtitle",
    "ftr": "footer",
    "sldNum": "page",
    "dt": "meta",
}
_NAME = re.compile(r"^(?P<role>[a-z][a-z-]*) \d+$")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


class _Malformed(Exception):
    """An attribute that is not what the format says (`sz="abc"`); names slide and part."""


def _int(element: XmlElement | None, name: str, default: int = 0) -> int:
    """An integer attribute, or `default` when absent; `_Malformed` when it is not a number."""
    if element is None:
        return default
    value = element.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        tag = element.tag.rsplit("}", 1)[-1]
        raise _Malformed(f'<{tag} {name}="{value[:20]}"> is not a whole number') from None


def _bool(element: XmlElement | None, name: str) -> bool:
    return element is not None and element.get(name) in {"1", "true"}


@dataclass(frozen=True, slots=True)
class _Inherited:
    """Placeholder positions of a slide's layout and master, by idx and by type."""

    by_idx: dict[int, Box]
    by_type: dict[str, Box]

    def box(self, ph: XmlElement) -> Box | None:
        idx = _int(ph, "idx", -1)
        if idx >= 0 and idx in self.by_idx:
            return self.by_idx[idx]
        return self.by_type.get(ph.get("type") or "body")


def _xfrm_box(sppr: XmlElement | None) -> Box | None:
    xfrm = sppr.find(f"{_A}xfrm") if sppr is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    return Box(
        Length(_int(off, "x")),
        Length(_int(off, "y")),
        Length(_int(ext, "cx")),
        Length(_int(ext, "cy")),
    )


_NO_BOX = Box(Length(0), Length(0), Length(0), Length(0))


def _inherited(package: Package, slide_part: str) -> _Inherited:
    by_idx: dict[int, Box] = {}
    by_type: dict[str, Box] = {}
    layout = package.first(slide_part, "slideLayout")
    master = package.first(layout, "slideMaster") if layout else None
    for part in (master, layout):  # the layout's positions override the master's
        if part is None or not package.has(part):
            continue
        for shape in package.xml(part).iter(f"{_P}sp"):
            ph = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
            box = _xfrm_box(shape.find(f"{_P}spPr"))
            if ph is None or box is None:
                continue
            idx = _int(ph, "idx", -1)
            if idx >= 0:
                by_idx[idx] = box
            by_type[ph.get("type") or "body"] = box
    return _Inherited(by_idx, by_type)


def _paragraph_text(p: XmlElement) -> str:
    """A paragraph's text as python-pptx gives it: runs and fields, `\\v` for line breaks."""
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag in (f"{_A}r", f"{_A}fld"):
            parts.append("".join(t.text or "" for t in child.iter(f"{_A}t")))
        elif tag == f"{_A}br":
            parts.append("\v")
    return "".join(parts)


def _first_size(paragraphs: Iterator[XmlElement]) -> float:
    for p in paragraphs:
        for run in p.iter(f"{_A}r"):
            sz = _int(run.find(f"{_A}rPr"), "sz", -1)
            if sz >= 0:
                return sz / 100
    return 0.0


def _bullet(p: XmlElement, level: int, counters: dict[int, int]) -> str | None:
    """The paragraph's bullet character, or its number for auto-numbered paragraphs."""
    ppr = p.find(f"{_A}pPr")
    if ppr is None:
        return None
    for child in ppr:
        if child.tag == f"{_A}buChar":
            return str(child.get("char") or "•")
        if child.tag == f"{_A}buAutoNum":
            counters[level] = counters.get(level, _int(child, "startAt", 1) - 1) + 1
            return f"{counters[level]}."
    return None


def _paragraphs(body: XmlElement) -> tuple[tuple[Paragraph, ...], float]:
    paragraphs: list[Paragraph] = []
    counters: dict[int, int] = {}
    for p in body.findall(f"{_A}p"):
        text = _paragraph_text(p)
        lines = tuple(text.split("\v")) if text else ("",)
        level = _int(p.find(f"{_A}pPr"), "lvl")
        paragraphs.append(Paragraph(lines, bullet=_bullet(p, level, counters), level=level))
    while paragraphs and not paragraphs[-1].text and len(paragraphs) > 1:
        paragraphs.pop()
    return tuple(paragraphs), _first_size(iter(body.findall(f"{_A}p"))) or 18.0


def _frame_text(body: XmlElement | None) -> str:
    if body is None:
        return ""
    return "\n".join(_paragraph_text(p) for p in body.findall(f"{_A}p"))


def _role(shape: XmlElement) -> TextRole:
    ph = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    if ph is not None:
        role = _PLACEHOLDER_ROLES.get(ph.get("type") or "")
        if role is not None:
            return role
    name = shape.find(f"{_P}nvSpPr/{_P}cNvPr")
    match = _NAME.match((name.get("name") if name is not None else None) or "")
    if match and match["role"] in KNOWN_ROLES:
        return cast("TextRole", match["role"])
    return "body"


def _text_block(shape: XmlElement, inherited: _Inherited) -> TextBlock | None:
    body = shape.find(f"{_P}txBody")
    if body is None or not _frame_text(body).strip():
        return None
    box = _xfrm_box(shape.find(f"{_P}spPr"))
    ph = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    if box is None and ph is not None:
        box = inherited.box(ph)
    paragraphs, size = _paragraphs(body)
    return TextBlock(box or _NO_BOX, paragraphs, size, _role(shape))


def _cell(tc: XmlElement) -> TableCell:
    return TableCell(tuple(_frame_text(tc.find(f"{_A}txBody")).replace("\v", "\n").split("\n")))


def _table(frame: XmlElement, tbl: XmlElement) -> TableBlock:
    rows = [tuple(_cell(tc) for tc in tr.findall(f"{_A}tc")) for tr in tbl.findall(f"{_A}tr")]
    header: tuple[TableCell, ...] = ()
    if rows and _bool(tbl.find(f"{_A}tblPr"), "firstRow"):
        header, rows = rows[0], rows[1:]
    xfrm = frame.find(f"{_P}xfrm")
    off = xfrm.find(f"{_A}off") if xfrm is not None else None
    ext = xfrm.find(f"{_A}ext") if xfrm is not None else None
    box = Box(
        Length(_int(off, "x")),
        Length(_int(off, "y")),
        Length(_int(ext, "cx")),
        Length(_int(ext, "cy")),
    )
    bodies = (tc.find(f"{_A}txBody") for tc in tbl.iter(f"{_A}tc"))
    size = _first_size(p for body in bodies if body is not None for p in body.findall(f"{_A}p"))
    return TableBlock(
        box,
        header=header,
        rows=tuple(rows),
        column_widths=tuple(Length(_int(c, "w")) for c in tbl.iter(f"{_A}gridCol")),
        row_heights=tuple(Length(_int(r, "h")) for r in tbl.findall(f"{_A}tr")),
        size=size or 14.0,
    )


def _picture(shape: XmlElement, rels: dict[str, str]) -> Picture:
    props = shape.find(f"{_P}nvPicPr/{_P}cNvPr")
    description = (props.get("descr") if props is not None else None) or ""
    name = (props.get("name") if props is not None else None) or "picture"
    blip = shape.find(f"{_P}blipFill/{_A}blip")
    target = rels.get(blip.get(f"{_R}embed") or "") if blip is not None else None
    path = f"image.{target.rsplit('.', 1)[-1]}" if target and "." in target else name
    box = _xfrm_box(shape.find(f"{_P}spPr")) or _NO_BOX
    return Picture(box, path=path, description=description)


def _shapes(tree: XmlElement) -> Iterator[XmlElement]:
    for shape in tree:
        if shape.tag == f"{_P}grpSp":
            yield from _shapes(shape)
        elif shape.tag in (f"{_P}sp", f"{_P}pic", f"{_P}graphicFrame"):
            yield shape


def _elements(root: XmlElement, rels: dict[str, str], inherited: _Inherited) -> list[Element]:
    tree = root.find(f"{_P}cSld/{_P}spTree")
    elements: list[Element] = []
    for shape in _shapes(tree if tree is not None else root):
        if shape.tag == f"{_P}graphicFrame":
            tbl = shape.find(f"{_A}graphic/{_A}graphicData/{_A}tbl")
            if tbl is not None:
                elements.append(_table(shape, tbl))
        elif shape.tag == f"{_P}pic":
            elements.append(_picture(shape, rels))
        else:
            block = _text_block(shape, inherited)
            if block is not None:
                elements.append(block)
    return _grouped(elements)


_GROUP_LABELS = frozenset({"ordinal", "agenda-number"})
_GROUP_MEMBERS = frozenset({"head", "item-text", "agenda-title"})


def _grouped(elements: list[Element]) -> list[Element]:
    """Text blocks regrouped as briefgen's layout groups them (a deck read back carries no
    groups): an ordinal or agenda numeral opens a group, the heads and texts after it join."""
    out: list[Element] = []
    group: int | None = None
    count = 0
    for element in elements:
        if isinstance(element, TextBlock) and element.role in _GROUP_LABELS:
            group, count = count, count + 1
            element = replace(element, group=group)
        elif (
            isinstance(element, TextBlock) and element.role in _GROUP_MEMBERS and group is not None
        ):
            element = replace(element, group=group)
        else:
            group = None
        out.append(element)
    return out


def _kind(roles: set[TextRole], elements: list[Element], number: int, ordinals: int) -> SlideKind:
    if roles & {"agenda-number", "agenda-title"}:
        return "agenda"
    if roles & {"divider-number", "divider-title"}:
        return "divider"
    if "closing" in roles:
        return "closing"
    if "kicker" in roles or (number == 1 and "subtitle" in roles):
        return "cover"
    for role, kind in (("quote", "quote"), ("term", "terms"), ("question", "questions")):
        if role in roles:
            return kind  # type: ignore[return-value]
    if ordinals:
        return "items" if ordinals > 1 else "item"
    if "head" in roles:
        return "item"
    if any(isinstance(e, TableBlock) for e in elements):
        return "table"
    if any(isinstance(e, Picture) for e in elements):
        return "image"
    if roles - {"title", "section", "footer", "page"}:
        return "points"
    return "empty"


def _background(root: XmlElement) -> str:
    found = root.find(f"{_P}cSld/{_P}bg/{_P}bgPr/{_A}solidFill/{_A}srgbClr")
    value = (found.get("val") if found is not None else None) or ""
    return f"#{value.upper()}" if _HEX.match(value) else "white"


def _notes(package: Package, slide_part: str) -> str:
    part = package.first(slide_part, "notesSlide")
    if part is None or not package.has(part):
        return ""
    root = package.xml(part)
    for shape in root.iter(f"{_P}sp"):
        ph = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None and ph.get("type") == "body":
            return _frame_text(shape.find(f"{_P}txBody"))
    return ""


def _slide_parts(package: Package) -> tuple[str, list[str], Box]:
    """(presentation part, slide parts in show order, slide size)."""
    main = package.first("", "officeDocument") or "ppt/presentation.xml"
    if not package.has(main):
        raise package.error("cannot read this file as a PowerPoint deck (.pptx): no presentation")
    root = package.xml(main)
    rels = package.related(main)
    slides: list[str] = []
    for sld in root.iterfind(f"{_P}sldIdLst/{_P}sldId"):
        rel = rels.get(sld.get(f"{_R}id") or "")
        if rel is not None and rel.kind == "slide":
            slides.append(rel.target)
    if len(slides) > MAX_SLIDES:
        raise package.error(f"the deck has {len(slides):,} slides, over the {MAX_SLIDES:,} read")
    size = root.find(f"{_P}sldSz")
    return (
        main,
        slides,
        Box(Length(0), Length(0), Length(_int(size, "cx")), Length(_int(size, "cy"))),
    )


def _core(package: Package) -> tuple[str, str]:
    part = package.first("", "core-properties")
    if part is None or not package.has(part):
        return "", ""
    root = package.xml(part)
    title, creator = root.find(f"{_DC}title"), root.find(f"{_DC}creator")
    return (
        (title.text or "") if title is not None else "",
        (creator.text or "") if creator is not None else "",
    )


def _read_slide(
    package: Package, part: str, number: int, section: str | None
) -> tuple[LaidSlide, str | None]:
    """One slide part → the slide, and the section that continues after it."""
    root = package.xml(part)
    rels = {rid: rel.target for rid, rel in package.related(part).items()}
    elements = _elements(root, rels, _inherited(package, part))
    blocks = [e for e in elements if isinstance(e, TextBlock)]
    roles = {b.role for b in blocks}
    by_role = {b.role: b for b in reversed(blocks)}
    if "divider-title" in by_role:
        section = by_role["divider-title"].text.replace("\n", "")
    if "section" in by_role:
        section = by_role["section"].text.replace("\n", "")
    title_block = by_role.get("title") or by_role.get("divider-title") or by_role.get("closing")
    title = (title_block or (blocks[0] if blocks else None) or _EMPTY).text
    kind = _kind(roles, elements, number, sum(1 for b in blocks if b.role == "ordinal"))
    slide = LaidSlide(
        kind=kind,
        title=title.replace("\n", " "),
        number=number,
        elements=tuple(elements),
        section=section if kind not in ("cover", "agenda", "closing") else None,
        notes=_notes(package, part),
        background=_background(root),
    )
    return slide, section


def read_pptx(path: Path | str) -> LaidDeck:
    """A .pptx file → `LaidDeck` with the same slides, text, tables, pictures and notes."""
    path = Path(path)
    package = Package(path)
    try:
        _, parts, size = _slide_parts(package)
        slides: list[LaidSlide] = []
        section: str | None = None
        for number, part in enumerate(parts, start=1):
            try:
                slide, section = _read_slide(package, part, number, section)
            except _Malformed as exc:
                raise package.error(
                    f"slide {number} ({part}) is damaged: {exc}; open it in PowerPoint or WPS "
                    "and save it again"
                ) from None
            slides.append(slide)
        title, creator = _core(package)
    except _Malformed as exc:
        raise package.error(f"the deck is damaged: {exc}") from None
    finally:
        package.close()
    first_title = slides[0].title if slides else path.stem
    return LaidDeck(
        info=DeckInfo(title=title or first_title, presenter=creator or None),
        slides=tuple(slides),
        width=size.w,
        height=size.h,
        theme_name=path.name,
    )


_EMPTY = TextBlock(_NO_BOX, (), 0, "body")


__all__ = ["KNOWN_ROLES", "MAX_SLIDES", "DeckReadError", "read_pptx"]
