"""Table column widths: measured from the content, never narrower than a readable minimum.

Maps a table's header and rows (measured in the face and weight they are drawn in) →
`ColumnNeeds` (per column, the width its widest text needs on one line and the least width it
may be given, in em), and needs + a table width + a size → column widths in EMU, or None when
the minimums do not fit (the caller then shows the columns in groups). Also how the columns
are grouped when they do not fit: the first (key) column repeated in every group.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._linebreak import widest_unit
from ._measurer import Measurer
from ._text import SAFETY
from ._units import EMU_PER_PT, Inches, Length

CELL_PAD_X = Inches(0.08)
"""Left and right inset of a cell's text (the pptx writer's `marL`/`marR`)."""

COLUMN_SLACK = Inches(0.04)
"""A little width beyond the measured text, for the cell's borders."""

MIN_LINE_EM = 4.0
"""No column is narrower than four CJK characters (or its widest text, if shorter):
a header such as 牵头单位 stays on one line, and no cell breaks into single characters."""

MAX_WORD_EM = 8.0
"""A word no legal break divides (a URL) widens its column up to this many em; a longer one
is broken inside, by characters, rather than take the width of the other columns."""

MARK = "（续）"
"""The mark on the first cell of a row continued from the previous slide."""


@dataclass(frozen=True, slots=True)
class ColumnNeeds:
    """What each column needs, in em of the table's size: `natural` (its widest text on one
    line) and `least` (the narrowest it may be: `MIN_LINE_EM`, its widest word, or all of its
    widest text when that is shorter)."""

    natural: tuple[float, ...]
    least: tuple[float, ...]


def _text_needs(text: str, measurer: Measurer, bold: bool) -> tuple[float, float]:
    """(one-line width, least width) of one cell's text in em; a newline starts a new line."""
    natural = max((measurer.em(part, bold=bold) for part in text.split("\n")), default=0.0)
    word = min(widest_unit(text, measurer=measurer, bold=bold), MAX_WORD_EM) if text else 0.0
    return natural, min(natural, max(MIN_LINE_EM, word))


def column_needs(
    header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], measurer: Measurer
) -> ColumnNeeds:
    """The needs of each column: the header measured bold, the cells regular; the first column
    is at least as wide as the continuation mark."""
    natural: list[float] = []
    least: list[float] = []
    for c in range(len(header)):
        texts = [(header[c], True), *((row[c], False) for row in rows)]
        needs = [_text_needs(text, measurer, bold) for text, bold in texts]
        natural.append(max(1.0, *(n for n, _ in needs)))
        least.append(max(1.0, *(m for _, m in needs)))
    if natural:
        mark = measurer.em(MARK)
        natural[0], least[0] = max(natural[0], mark), max(least[0], mark)
    return ColumnNeeds(tuple(natural), tuple(least))


def to_emu(em: float, size: float) -> float:
    """A text width in em at `size` pt → the column width that holds it (insets, safety)."""
    return em * size * EMU_PER_PT / SAFETY + 2 * CELL_PAD_X + COLUMN_SLACK


def column_widths(needs: ColumnNeeds, total: Length, size: float) -> list[Length] | None:
    """Widths summing to `total` at `size` pt, or None if the columns' least widths do not fit.

    A column whose text fits on one line within a fair share of the width gets exactly what
    it needs, so a short column (序号, 完成时限) is never squeezed into wrapping by a long one;
    the others get their least width plus a share of what is left in proportion to how much
    more they would need for one line (the automatic table layout of CSS). Spare width, when
    every column fits on one line, is shared in proportion to the needs.
    """
    need = [to_emu(n, size) for n in needs.natural]
    least = [to_emu(m, size) for m in needs.least]
    if sum(least) > total:
        return None
    columns = range(len(need))
    if sum(need) <= total:
        spare = total - sum(need)
        widths = [n + spare * n / sum(need) for n in need]
    else:
        widths = [0.0] * len(need)
        remaining, open_ = float(total), list(columns)
        while open_:
            share = remaining / len(open_)
            fixed = [c for c in open_ if need[c] <= share]
            if not fixed:
                break
            for c in fixed:
                widths[c] = need[c]
                remaining -= need[c]
                open_.remove(c)
        if remaining < sum(least[c] for c in open_):  # the fixed ones took too much
            remaining, open_ = float(total), list(columns)
        floor = sum(least[c] for c in open_)
        more = sum(need[c] - least[c] for c in open_)
        for c in open_:
            share = (need[c] - least[c]) / more if more else 1 / len(open_)
            widths[c] = least[c] + (remaining - floor) * share
    result = [Length(round(w)) for w in widths]
    result[-1] = Length(total - sum(result[:-1]))
    return result


def column_groups(needs: ColumnNeeds, total: Length, size: float) -> list[tuple[int, ...]]:
    """The columns split into groups whose least widths fit `total` at `size`, in order, the
    first (key) column in every group so each row can still be told apart."""
    least = [to_emu(m, size) for m in needs.least]
    greedy: list[tuple[int, ...]] = []
    current: list[int] = [0]
    for c in range(1, len(least)):
        if len(current) > 1 and sum(least[k] for k in current) + least[c] > total:
            greedy.append(tuple(current))
            current = [0]
        current.append(c)
    greedy.append(tuple(current))
    # as many groups as greedy filling needs, but evenly sized (9 + 4 columns → 7 + 6)
    others, count = len(least) - 1, len(greedy)
    even: list[tuple[int, ...]] = []
    start = 1
    for g in range(count):
        stop = start + others // count + (1 if g < others % count else 0)
        even.append((0, *range(start, stop)))
        start = stop
    if all(sum(least[c] for c in group) <= total for group in even):
        return even
    return greedy


__all__ = [
    "CELL_PAD_X",
    "MARK",
    "MAX_WORD_EM",
    "MIN_LINE_EM",
    "ColumnNeeds",
    "column_groups",
    "column_needs",
    "column_widths",
    "to_emu",
]
