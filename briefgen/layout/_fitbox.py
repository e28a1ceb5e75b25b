"""Fitted text for the framing slides: one box's paragraph shrunk, then given more lines.

Maps a text + a box width (and height) + a start and smallest size → `Fitted`: the paragraph
set at the largest size that fits (one line for a detail line; balanced lines within the
height for a heading), and whether that is the minimum because nothing larger fits (a
warning). Also `Framed`, what the cover, agenda, divider and closing layouts return.
"""

from __future__ import annotations

from briefgen._record import record
from briefgen.errors import DataPath
from briefgen.plan import Block

from ._cards import fit_head
from ._deck import Align, Box, Element, TextBlock, TextRole
from ._linebreak import lines_needed
from ._measurer import FontSet
from ._text import SetText, block_height, em_width, set_paragraph
from ._units import Length

Notices = tuple[tuple[DataPath, str], ...]
CONTINUED = "（续）"


@record
class Framed:
    """A framing slide laid out: its pages (more than one only for a long agenda), their
    titles, and what had to give (data path in the outline, message)."""

    pages: tuple[tuple[Element, ...], ...]
    titles: tuple[str, ...]
    notices: Notices = ()


@record
class Fitted:
    """A paragraph set for one box, its size, and whether that is the box's minimum."""

    setting: SetText
    size: float
    at_minimum: bool

    @property
    def height(self) -> Length:
        return self.setting.height


def fit_line(
    text: str,
    width: Length,
    start: float,
    stop: float,
    fonts: FontSet,
    *,
    font: str = "sans",
    bold: bool = False,
    align: Align = "left",
    spacing: float = 1.2,
) -> Fitted:
    """A one-line text: the largest size from `start` down to `stop` at which it is one line,
    else every line at `stop` (the box grows)."""
    size = start
    while True:
        setting = set_paragraph(
            text,
            width,
            size,
            spacing,
            align=align,
            emphasis=False,
            measurer=fonts[font],
            bold=bold,
        )
        if len(setting.paragraph.lines) <= 1 or size <= stop:
            return Fitted(setting, size, start > stop and size <= stop)
        size = max(size - 1, stop)


def fit_heading(
    block: Block, width: Length, height: Length, start: float, stop: float, fonts: FontSet,
    *, font: str = "sans", bold: bool = False,
) -> Fitted:  # fmt: skip
    """A heading fitted by `fit_head` (shrinking, balanced lines) in a box `height` high.

    It is at its minimum only when no larger size fits the box (`fit_head` may also choose
    the minimum for fewer lines, which is no compromise)."""
    measurer = fonts[font]
    setting, size = fit_head(
        block.text, width, height, start, stop, emphasis=bool(block.emphasis),
        measurer=measurer, bold=bold,
    )  # fmt: skip
    at_minimum = False
    if start > stop and size <= stop:
        above = min(start, stop + 1)
        room = max(em_width(width, above), 1.0)
        lines = lines_needed(block.text, room, measurer=measurer, bold=bold)
        at_minimum = block_height(lines, above, 1.2) > height
    return Fitted(setting, size, at_minimum)


def text_block(
    fitted: Fitted,
    x: Length,
    y: Length,
    width: Length,
    role: TextRole,
    *,
    color: str,
    font: str = "sans",
    bold: bool = False,
    spacing: float = 1.2,
    height: Length | None = None,
    anchor: str = "top",
    group: int | None = None,
) -> TextBlock:
    """A fitted paragraph as a text block at (x, y), as tall as its lines (or `height`)."""
    return TextBlock(
        Box(x, y, width, height if height is not None else fitted.height),
        (fitted.setting.paragraph,),
        fitted.size,
        role,
        color=color,
        font=font,  # type: ignore[arg-type]
        bold=bold,
        line_spacing=spacing,
        anchor=anchor,  # type: ignore[arg-type]
        group=group,
    )


def minimum_message(what: str, size: float) -> str:
    return f"{what} is shrunk to its minimum size, {size:g} pt, to fit; consider shortening it"


__all__ = [
    "CONTINUED",
    "Fitted",
    "Framed",
    "Notices",
    "fit_heading",
    "fit_line",
    "minimum_message",
    "text_block",
]
