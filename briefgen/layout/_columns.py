"""Table column widths: measured from the content, never narrower than a readable minimum.

Maps a table's header and rows (measured in the face and weight they are drawn in) →
`ColumnNeeds` (per column, the width its widest text needs on one line and the least width it
may be given, in em), and needs + a table width + a size → column widths in EMU, or None when
the minimums do not fit (the caller then shows the columns in groups). Also how the columns
are grouped when they do not fit: the first (key) column repeated in every group.
"""

from __future__ import annotations

from briefgen._record import record

from ._linebreak import lines_needed, widest_unit
from ._measurer import Measurer
from ._text import SAFETY, em_width
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


@record
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


MOVES = 60
"""At most this many widenings of one column at the expense of another (`tightened`)."""

BUDGET = 600_000
"""At most this many cell line counts compared while tightening one table at one size, so a
table of hundreds of rows costs a bounded time (it keeps the widths found so far)."""


class _Lines:
    """Line counts of a table's cells at column widths, counted once per (column, width)."""

    def __init__(
        self,
        header: tuple[str, ...],
        rows: tuple[tuple[str, ...], ...],
        size: float,
        measurer: Measurer,
    ) -> None:
        self.texts = [(header, True), *((row, False) for row in rows)]
        self.size = size
        self.measurer = measurer
        self.counted: dict[tuple[int, int], list[int]] = {}

    def column(self, c: int, width: int) -> list[int]:
        """Lines of each cell of column `c` at `width` (header first)."""
        key = (c, width)
        if key not in self.counted:
            room = em_width(Length(width - 2 * CELL_PAD_X), self.size)
            self.counted[key] = [
                lines_needed(row[c], room, measurer=self.measurer, bold=bold)
                for row, bold in self.texts
            ]
        return self.counted[key]

    def cost(self, widths: list[int]) -> tuple[int, int]:
        """(the table's height in lines, each row as tall as its fullest cell; all its lines)."""
        lines = list(zip(*(self.column(c, w) for c, w in enumerate(widths)), strict=True))
        return sum(map(max, lines)), sum(map(sum, lines))

    def narrowest(self, c: int, lines: int, low: int, high: int) -> int:
        """The least width in [low, high] at which column `c` needs at most `lines` lines a
        cell (to a twentieth of an em), or `high`."""
        grain = max(1, round(0.05 * self.size * EMU_PER_PT))
        if max(self.column(c, high)) > lines:
            return high
        while high - low > grain:
            mid = (low + high) // 2
            if max(self.column(c, mid)) <= lines:
                high = mid
            else:
                low = mid
        return high


def _capped(lines: _Lines, least: list[float], need: list[float], total: int) -> list[int] | None:
    """Widths for the fewest lines per row that every column can keep within `total`: each
    column as narrow as that allows, the rest shared by need."""
    low = [round(m) for m in least]
    high = [max(lo, round(n)) for lo, n in zip(low, need, strict=True)]
    columns = range(len(low))
    most = max(max(lines.column(c, low[c])) for c in columns)
    fewest, widths = 1, None
    top = most
    while fewest <= top:  # the least per-row line cap whose columns fit
        cap = (fewest + top) // 2
        trial = [lines.narrowest(c, cap, low[c], high[c]) for c in columns]
        if sum(trial) <= total:
            widths, top = trial, cap - 1
        else:
            fewest = cap + 1
    if widths is None:
        return None
    spare = total - sum(widths)
    weight = sum(need) or 1.0
    out = [w + int(spare * n / weight) for w, n in zip(widths, need, strict=True)]
    out[-1] += total - sum(out)
    return out


def _tightened(lines: _Lines, widths: list[int], least: list[float]) -> list[int]:
    """`widths` improved for height: ½, 1 or 2 em move from one column to another while that
    makes the table fewer lines tall, or, as tall, holds fewer lines in all; no column goes
    below its least width (at most `MOVES` moves and `BUDGET` line counts compared)."""
    columns = len(widths)
    step = round(0.5 * lines.size * EMU_PER_PT)
    current = list(widths)
    best = lines.cost(current)
    per_move = columns * columns * 3 * columns * len(lines.texts)
    for _ in range(min(MOVES, BUDGET // per_move)):
        move = None
        for a in range(columns):
            for b in range(columns):
                for delta in (step, 2 * step, 4 * step):
                    if a == b or current[a] - delta < least[a]:
                        continue
                    trial = list(current)
                    trial[a] -= delta
                    trial[b] += delta
                    found = lines.cost(trial)
                    if found < best:
                        best, move = found, trial
        if move is None:
            break
        current = move
    return current


def fitted_widths(
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    needs: ColumnNeeds,
    total: Length,
    size: float,
    measurer: Measurer,
) -> list[Length] | None:
    """Column widths for `size` pt that make the table as few lines tall as we can find, or
    None when the least widths do not fit `total`.

    Two starts, each then improved by moving width between columns (`_tightened`): the shares
    of `column_widths`, and the widths for the fewest lines per row every column can keep
    (`_capped`, which sees that a long text column gains a line per row from width a short
    one does not use). The one with fewer lines wins (the 6 × 15 stress table at 18 pt:
    62 lines → 51 on 16:9 slides, 116 → 95 on 4:3 ones)."""
    shares = column_widths(needs, total, size)
    if shares is None or len(shares) < 2:
        return shares
    lines = _Lines(header, rows, size, measurer)
    least = [to_emu(m, size) for m in needs.least]
    need = [to_emu(n, size) for n in needs.natural]
    starts = [[int(w) for w in shares]]
    capped = _capped(lines, least, need, int(total))
    if capped is not None:
        starts.append(capped)
    best = min((_tightened(lines, start, least) for start in starts), key=lines.cost)
    return [Length(w) for w in best]


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
    "fitted_widths",
    "to_emu",
]
