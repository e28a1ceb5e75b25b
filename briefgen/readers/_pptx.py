"""Read an existing .pptx back into a `LaidDeck`, so `briefgen preview DECK.pptx` can show it.

Maps a PowerPoint file (ours or anyone's) → `LaidDeck`: every text frame becomes a
`TextBlock` (in the slide's reading order, which is PowerPoint's z-order), tables become
`TableBlock`s, pictures `Picture`s, and the speaker notes the slide's notes. Roles come from
the shape names `build` writes (`"body 7"`) or from placeholder types; anything else is body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast, get_args

from briefgen.errors import BriefgenError, Diagnostic
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

KNOWN_ROLES: frozenset[str] = frozenset(get_args(TextRole))
"""Text roles of the layout engine, as `build` writes them into shape names."""

_PLACEHOLDER_ROLES: dict[str, TextRole] = {
    "TITLE": "title",
    "CENTER_TITLE": "title",
    "VERTICAL_TITLE": "title",
    "SUBTITLE": "subtitle",
    "FOOTER": "footer",
    "SLIDE_NUMBER": "page",
    "DATE": "meta",
}
_NAME = re.compile(r"^(?P<role>[a-z][a-z-]*) \d+$")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


class DeckReadError(BriefgenError):
    """A .pptx file cannot be read back (missing, not a PowerPoint deck, or damaged)."""


def _box(shape: Any) -> Box:
    def value(name: str) -> Length:
        try:
            got = getattr(shape, name)
        except (AttributeError, KeyError, ValueError):
            got = None
        return Length(int(got or 0))

    return Box(value("left"), value("top"), value("width"), value("height"))


def _role(shape: Any) -> TextRole:
    if shape.is_placeholder:
        try:
            kind = shape.placeholder_format.type
        except (AttributeError, ValueError):
            kind = None
        name = getattr(kind, "name", "") or ""
        if name in _PLACEHOLDER_ROLES:
            return _PLACEHOLDER_ROLES[name]
    match = _NAME.match(shape.name or "")
    if match and match["role"] in KNOWN_ROLES:
        return cast("TextRole", match["role"])
    return "body"


def _bullet(paragraph: Any, counters: dict[int, int]) -> str | None:
    """The paragraph's bullet character, or its number for auto-numbered paragraphs."""
    ppr = paragraph._p.pPr
    level = int(paragraph.level or 0)
    if ppr is not None:
        for child in ppr:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "buChar":
                return str(child.get("char") or "•")
            if tag == "buAutoNum":
                counters[level] = counters.get(level, int(child.get("startAt") or 1) - 1) + 1
                return f"{counters[level]}."
    return None


def _paragraphs(frame: Any) -> tuple[tuple[Paragraph, ...], float]:
    paragraphs: list[Paragraph] = []
    counters: dict[int, int] = {}
    size = 0.0
    for paragraph in frame.paragraphs:
        text = paragraph.text
        lines = tuple(text.split("\v")) if text else ("",)
        level = int(paragraph.level or 0)
        bullet = _bullet(paragraph, counters)
        paragraphs.append(Paragraph(lines, bullet=bullet, level=level))
        if not size:
            for run in paragraph.runs:
                if run.font.size is not None:
                    size = run.font.size.pt
                    break
    while paragraphs and not paragraphs[-1].text and len(paragraphs) > 1:
        paragraphs.pop()
    return tuple(paragraphs), size or 18.0


def _cell(cell: Any) -> TableCell:
    return TableCell(tuple(cell.text.replace("\v", "\n").split("\n")))


def _table(shape: Any) -> TableBlock:
    table = shape.table
    rows = [tuple(_cell(c) for c in row.cells) for row in table.rows]
    header: tuple[TableCell, ...] = ()
    if rows and table.first_row:
        header, rows = rows[0], rows[1:]
    size = 0.0
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.font.size is not None and not size:
                        size = run.font.size.pt
    return TableBlock(
        _box(shape),
        header=header,
        rows=tuple(rows),
        column_widths=tuple(Length(int(c.width)) for c in table.columns),
        row_heights=tuple(Length(int(r.height)) for r in table.rows),
        size=size or 14.0,
    )


def _picture(shape: Any) -> Picture:
    descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
    description = str(descr[0]) if descr else ""
    try:
        path = shape.image.filename or ""
    except (AttributeError, KeyError, ValueError):
        path = ""
    return Picture(_box(shape), path=path or shape.name, description=description)


def _shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        if shape.shape_type is not None and getattr(shape.shape_type, "name", "") == "GROUP":
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _elements(slide: Any) -> list[Element]:
    elements: list[Element] = []
    for shape in _shapes(slide.shapes):
        if getattr(shape, "has_table", False) and shape.has_table:
            elements.append(_table(shape))
        elif shape.shape_type is not None and getattr(shape.shape_type, "name", "") == "PICTURE":
            elements.append(_picture(shape))
        elif shape.has_text_frame and shape.text_frame.text.strip():
            paragraphs, size = _paragraphs(shape.text_frame)
            elements.append(TextBlock(_box(shape), paragraphs, size, _role(shape)))
    return elements


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


def _background(slide: Any) -> str:
    found = slide._element.xpath("./p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr/@val")
    value = str(found[0]) if found else ""
    return f"#{value.upper()}" if _HEX.match(value) else "white"


def _notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return str(frame.text) if frame is not None else ""


def _open(path: Path) -> Any:
    import zipfile

    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    file = str(path)
    if not path.is_file():
        raise DeckReadError(Diagnostic("file not found", file=file))
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        reason = str(exc) or type(exc).__name__
        raise DeckReadError(
            Diagnostic(
                f"cannot read this file as a PowerPoint deck (.pptx): {reason}",
                file=file,
            )
        ) from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends: a damaged package
        raise DeckReadError(
            Diagnostic(f"the .pptx file is damaged: {type(exc).__name__}: {exc}", file=file)
        ) from None


def read_pptx(path: Path | str) -> LaidDeck:
    """A .pptx file → `LaidDeck` with the same slides, text, tables, pictures and notes."""
    path = Path(path)
    prs = _open(path)
    slides: list[LaidSlide] = []
    section: str | None = None
    for number, slide in enumerate(prs.slides, start=1):
        elements = _elements(slide)
        blocks = [e for e in elements if isinstance(e, TextBlock)]
        roles = {b.role for b in blocks}
        by_role = {b.role: b for b in reversed(blocks)}
        if "divider-title" in by_role:
            section = by_role["divider-title"].text.replace("\n", "")
        if "section" in by_role:
            section = by_role["section"].text.replace("\n", "")
        title_block = by_role.get("title") or by_role.get("divider-title") or by_role.get("closing")
        title = (title_block or (blocks[0] if blocks else None) or _EMPTY).text
        ordinals = sum(1 for b in blocks if b.role == "ordinal")
        kind = _kind(roles, elements, number, ordinals)
        slides.append(
            LaidSlide(
                kind=kind,
                title=title.replace("\n", " "),
                number=number,
                elements=tuple(elements),
                section=section if kind not in ("cover", "agenda", "closing") else None,
                notes=_notes(slide),
                background=_background(slide),
            )
        )
    core = prs.core_properties
    first_title = slides[0].title if slides else path.stem
    info = DeckInfo(title=core.title or first_title, presenter=core.author or None)
    return LaidDeck(
        info=info,
        slides=tuple(slides),
        width=Length(int(prs.slide_width or 0)),
        height=Length(int(prs.slide_height or 0)),
        theme_name=path.name,
    )


_EMPTY = TextBlock(Box(Length(0), Length(0), Length(0), Length(0)), (), 0, "body")


__all__ = ["KNOWN_ROLES", "DeckReadError", "read_pptx"]
