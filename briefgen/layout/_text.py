"""Setting text: paragraphs broken to a width, emphasis of quoted terms, Chinese numerals.

Maps (text, box width, font size) → `Paragraph` lines and heights in EMU. Every renderer
draws these lines as given, so the line pitch here is the one written into the XML
(`a:spcPts`, an exact line height), not a guess about the viewer's font metrics.
"""

from __future__ import annotations

from briefgen._record import record
from briefgen.numerals import chinese_numeral, ordinal_label
from briefgen.plan import emphasis_spans as quoted_spans

from ._deck import Align, Paragraph, Span
from ._linebreak import balanced_lines, break_lines, lines_needed
from ._measurer import TABLES, Measurer, Strong
from ._units import EMU_PER_PT, Length

SAFETY = 0.97
"""Lines are broken at 97% of the box width, so a viewer's slightly wider glyphs never rewrap."""

_NO_INDENT = Length(0)


def emphasis_spans(text: str, enabled: bool = True) -> tuple[Span, ...]:
    """Spans of quoted terms “…” (the marks included) to draw in the accent colour: the plan's
    rule (`briefgen.plan.emphasis_spans`), applied to the text as set (a centred line may have
    lost a space at its break)."""
    return quoted_spans(text) if enabled else ()


def em_width(box_width: Length, size: float) -> float:
    """How many em of `size` pt fit across `box_width`, with the safety margin applied."""
    return box_width / (size * EMU_PER_PT) * SAFETY


def pitch(size: float, spacing: float) -> Length:
    """The exact line height of `size` pt text at `spacing` × size."""
    return Length(round(size * spacing * EMU_PER_PT))


def block_height(lines: int, size: float, spacing: float) -> Length:
    """Height of `lines` lines: n × pitch, plus a little room for descenders on the last."""
    if lines == 0:
        return Length(0)
    return Length(lines * pitch(size, spacing) + round(0.15 * size * EMU_PER_PT))


@record
class SetText:
    """A paragraph set at a size: its lines and the height they take."""

    paragraph: Paragraph
    height: Length


def strong_spans(text: str, emphasis: bool, bold: bool) -> Strong:
    """The spans of `text` drawn bold in a regular paragraph: its emphasised quoted terms."""
    if bold or not emphasis:
        return ()
    return tuple((span.start, span.end) for span in emphasis_spans(text))


def _available(
    width: Length, size: float, bullet: str | None, indent: Length, measurer: Measurer
) -> float:
    """Em of `size` pt available for text after the indent and any inline bullet (drawn
    bold, as the renderer draws a multi-character bullet)."""
    inline = bullet if bullet and len(bullet) > 1 else ""
    taken = measurer.em(inline, bold=True) + 0.5 if inline else 0
    return max(em_width(Length(width - indent), size) - taken, 1.0)


def set_paragraph(
    text: str,
    width: Length,
    size: float,
    spacing: float,
    *,
    bullet: str | None = None,
    indent: Length = _NO_INDENT,
    level: int = 0,
    emphasis: bool = True,
    balanced: bool = False,
    align: Align = "left",
    measurer: Measurer = TABLES,
    bold: bool = False,
) -> SetText:
    """Break `text` for a box `width` wide at `size` pt; a multi-character bullet runs inline.

    Widths come from `measurer` (the face the text is drawn in; the width tables by default)
    in the weight `bold` says."""
    available = _available(width, size, bullet, indent, measurer)
    breaker = balanced_lines if balanced else break_lines
    strong = strong_spans(text, emphasis, bold)
    lines = breaker(text, available, measurer=measurer, bold=bold, strong=strong)
    if align != "left" and len(lines) > 1:
        # a space left where a centred or right-aligned line breaks would be drawn, pushing
        # the line off centre (锚定坐标科学干　/ 精彩开局谱新篇): it is dropped, not measured
        lines = [line.rstrip(" \u3000") for line in lines[:-1]] + [lines[-1]]
        text = "".join(lines)
    paragraph = Paragraph(
        lines=tuple(lines),
        bullet=bullet,
        level=level,
        emphasis=emphasis_spans(text, emphasis),
        align=align,
        indent=indent,
    )
    return SetText(paragraph, block_height(len(lines), size, spacing))


def fit_one(
    text: str,
    width: Length,
    height: Length,
    sizes: list[float],
    spacing: float,
    *,
    max_lines: int | None = None,
    balanced: bool = True,
    emphasis: bool = True,
    align: Align = "left",
    measurer: Measurer = TABLES,
    bold: bool = False,
) -> tuple[SetText, float] | None:
    """The largest size in `sizes` at which `text` fits the box (and `max_lines`), or None.

    Sizes are tried by counting lines (cheap); only the chosen size is balanced, which keeps
    the line count, so the height is the one tested.
    """
    for size in sizes:
        available = _available(width, size, None, _NO_INDENT, measurer)
        strong = strong_spans(text, emphasis, bold)
        lines = lines_needed(text, available, measurer=measurer, bold=bold, strong=strong)
        fits = block_height(lines, size, spacing) <= height
        if fits and (max_lines is None or lines <= max_lines):
            setting = set_paragraph(
                text,
                width,
                size,
                spacing,
                balanced=balanced,
                emphasis=emphasis,
                align=align,
                measurer=measurer,
                bold=bold,
            )
            return setting, size
    return None


def size_steps(start: float, stop: float, step: float = 1.0) -> list[float]:
    """Font sizes from `start` down to `stop`, inclusive."""
    sizes = []
    size = start
    while size >= stop - 1e-9:
        sizes.append(round(size, 1))
        size -= step
    return sizes or [stop]


__all__ = [
    "SAFETY",
    "SetText",
    "block_height",
    "chinese_numeral",
    "em_width",
    "emphasis_spans",
    "fit_one",
    "ordinal_label",
    "pitch",
    "set_paragraph",
    "size_steps",
    "strong_spans",
]
