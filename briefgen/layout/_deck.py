"""The laid-out deck: positioned, measured, line-broken slides that every renderer draws.

Maps a `DeckPlan` + theme → `LaidDeck`. The pptx writer turns each element into a
shape; the terminal preview shows the same slides (same count, same text, same numbering).
No pptx or rich imports here: this is plain data.
"""

from __future__ import annotations

from typing import Literal

from briefgen._record import record
from briefgen.errors import Diagnostic
from briefgen.plan import DeckInfo, SlideKind, Span

from ._units import Length
from ._wordbreak import needs_hyphen

_ZERO = Length(0)

Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]
TextRole = Literal[
    "title",
    "section",
    "body",
    "sub",
    "head",
    "ordinal",
    "item-text",
    "quote",
    "attribution",
    "term",
    "explain",
    "question",
    "caption",
    "kicker",
    "subtitle",
    "meta",
    "agenda-number",
    "agenda-title",
    "divider-number",
    "divider-title",
    "divider-lead",
    "closing",
    "footer",
    "page",
]
"""What a laid-out text box holds; renderers style by it (and name pptx shapes after it)."""

FontRole = Literal["sans", "serif", "quote"]
"""Theme font roles: `sans` titles/body, `serif` cover/dividers/numerals, `quote` quotations."""


@record
class Box:
    """A rectangle on the slide, in EMU from the top-left corner."""

    x: Length
    y: Length
    w: Length
    h: Length


@record
class Paragraph:
    """One paragraph of a text block, already broken into lines.

    `"".join(lines)` is the paragraph's full text; renderers put a line break between lines
    (and never re-break), so what the layout measured is what the viewer draws.
    """

    lines: tuple[str, ...]
    bullet: str | None = None
    """Bullet or ordinal drawn before the first line ("•", "一是", "1."), in the bullet colour."""
    level: int = 0
    """0 for a point, 1 for a sub-point."""
    emphasis: tuple[Span, ...] = ()
    space_before: Length = _ZERO
    align: Align = "left"
    indent: Length = _ZERO
    """Hanging indent: where the lines after the bullet start, from the block's left edge."""

    @property
    def text(self) -> str:
        """The paragraph's whole text."""
        return "".join(self.lines)

    @property
    def hyphens(self) -> tuple[bool, ...]:
        """Per line, whether a visible hyphen ends it (a word wider than a line is broken
        inside; the hyphen is drawn, not part of the text)."""
        return hyphens(self.lines)


@record
class TextBlock:
    """A positioned text box: every run in it has one size, colour and font role."""

    box: Box
    paragraphs: tuple[Paragraph, ...]
    size: float
    """Font size in points, written explicitly in the XML (no autofit)."""
    role: TextRole
    """What the text is: title, section, body, sub, head, ordinal, quote, term, footer, … ."""
    color: str = "ink"
    """A theme colour name (primary, accent, gold, cream, ink, grey, white)."""
    font: FontRole = "sans"
    bold: bool = False
    line_spacing: float = 1.0
    """Line height as a multiple of the font size."""
    anchor: Anchor = "top"
    emphasis_color: str = "accent"
    bullet_color: str = "gold"
    group: int | None = None
    """Blocks sharing a group form one entry, label first (a card's ordinal, head and text;
    an agenda tile's numeral and title): renderers that re-flow the slide keep them together."""
    placeholder: str | None = None
    """On a template: the placeholder type the text fills (`title`, `ctrTitle`, `subTitle`,
    `body`, `dt`, `ftr`, `sldNum`); its colour then comes from the template's master."""

    @property
    def text(self) -> str:
        """All paragraphs' text, one per line."""
        return "\n".join(p.text for p in self.paragraphs)


@record
class Rect:
    """A filled decoration: bar, rule, tile, card, edge."""

    box: Box
    fill: str
    """A theme colour name."""
    line: str | None = None
    """Outline colour name, or None for no outline."""
    shape: Literal["rect", "oval"] = "rect"


@record
class Picture:
    """An image file scaled to fit its box with its aspect ratio kept."""

    box: Box
    path: str
    """Absolute path of the image file."""
    description: str = ""
    placeholder: str | None = None
    """On a template: `pic` when the picture fills the layout's picture placeholder."""


@record
class TableCell:
    """One cell of a laid-out table, already broken into lines.

    A row too tall for one slide is split between lines onto the next slide; there its first
    cell carries `mark` (“（续）”), drawn as a line of its own above the cell's lines, so the
    reader sees the row continues. `lines` hold only the outline's text.
    """

    lines: tuple[str, ...]
    mark: str = ""

    @property
    def text(self) -> str:
        """The cell's whole text (without the mark)."""
        return "".join(self.lines)

    @property
    def drawn(self) -> tuple[str, ...]:
        """The lines a renderer draws: the mark, if any, then the text's lines."""
        return (self.mark, *self.lines) if self.mark else self.lines

    @property
    def hyphens(self) -> tuple[bool, ...]:
        """Per line, whether a visible hyphen ends it (see `Paragraph.hyphens`)."""
        return hyphens(self.lines)


def hyphens(lines: tuple[str, ...]) -> tuple[bool, ...]:
    """Per line, whether it ends inside a word broken by the line breaker (drawn with "-")."""
    return tuple(
        needs_hyphen(line, lines[i + 1]) if i + 1 < len(lines) else False
        for i, line in enumerate(lines)
    )


@record
class TableBlock:
    """A table: header row and body rows with computed column widths and row heights."""

    box: Box
    header: tuple[TableCell, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    column_widths: tuple[Length, ...]
    row_heights: tuple[Length, ...]
    """Header first, then one per body row."""
    size: float


Element = TextBlock | Rect | Picture | TableBlock


@record
class LaidSlide:
    """One slide of the deck, ready to draw: elements in z-order, notes, warnings."""

    kind: SlideKind
    title: str
    number: int
    """1-based position in the deck."""
    elements: tuple[Element, ...]
    section: str | None = None
    section_number: int | None = None
    part: tuple[int, int] = (1, 1)
    """(k, n): this is page k of n of one outline slide (n > 1 means continuation pages)."""
    notes: str = ""
    background: str = "white"
    fill_ratio: float = 0.0
    """How full the body area is, 0..1 (shown in the preview's table of contents)."""
    minutes: float | None = None
    warnings: tuple[Diagnostic, ...] = ()
    origin: tuple[str | int, ...] = ()
    """Data path of the outline slide this came from, e.g. ('sections', 2, 'slides', 0)."""

    @property
    def text(self) -> str:
        """Every text on the slide (blocks and tables) in drawing order, one per line."""
        out: list[str] = []
        for element in self.elements:
            if isinstance(element, TextBlock):
                out.append(element.text)
            elif isinstance(element, TableBlock):
                for row in (element.header, *element.rows):
                    out.append("\t".join(cell.text for cell in row))
        return "\n".join(out)


@record
class LaidDeck:
    """The whole laid-out deck: what `build` writes and `preview` shows."""

    info: DeckInfo
    slides: tuple[LaidSlide, ...]
    width: Length
    height: Length
    theme_name: str
    warnings: tuple[Diagnostic, ...] = ()

    def __len__(self) -> int:
        return len(self.slides)


__all__ = [
    "Align",
    "Anchor",
    "Box",
    "DeckInfo",
    "Element",
    "FontRole",
    "LaidDeck",
    "LaidSlide",
    "Paragraph",
    "Picture",
    "Rect",
    "SlideKind",
    "Span",
    "TableBlock",
    "TableCell",
    "TextBlock",
    "TextRole",
]
