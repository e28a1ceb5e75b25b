"""The agenda (目录): a grid of numeral tiles with the section titles beside them.

Maps the planned agenda + `Geometry` → `Framed` pages: the design's grid (two columns up to
six sections, else three), else other column counts, else the entries continue, spread
evenly, on “目录（续）” pages. The titles of a page share one size (26 → 18 pt), the smallest
of their own fitted sizes, at which every one fits its cell in balanced lines; every numeral,
十一…二十 included, stays on one line inside its tile. Rules: docs/layout.md.
"""

from __future__ import annotations

from briefgen.errors import DataPath
from briefgen.plan import Block, PlannedSlide
from briefgen.theme import Theme

from ._deck import Box, Element, Rect
from ._fitbox import (
    CONTINUED,
    Fitted,
    Framed,
    fit_heading,
    fit_line,
    minimum_message,
    text_block,
)
from ._geometry import Geometry
from ._measurer import FontSet
from ._text import set_paragraph
from ._units import Inches, Length

AGENDA_COLUMN = Inches(3.9)
"""The narrowest column of the agenda: a tile and a title of about seven characters at 26 pt."""
AGENDA_SIZES = (26.0, 18.0)
"""Start and smallest size (pt) of an agenda title."""
ROW_MAX = Inches(1.25)
"""The tallest row of the agenda's grid."""
ROW_MIN = Inches(0.6)
"""The shortest row: a tile of 0.4 in, whose numeral stays legible; fewer rows paginate."""


def agenda_columns(count: int, width: Length) -> int:
    """Columns of the agenda: two up to six sections, else three, as many as `width` holds."""
    wanted = 2 if count <= 6 else 3
    return max(1, min(wanted, width // AGENDA_COLUMN))


def _page_titles(
    entries: tuple[Block, ...], width: Length, height: Length, fonts: FontSet
) -> tuple[list[Fitted], list[bool]] | None:
    """The titles of one agenda page at one size (None when one does not fit `width` ×
    `height` even at the smallest), and which of them could not be set any larger (a warning).

    Each title's own size is `fit_heading`'s, which takes fewer lines over a larger size; the
    page takes the smallest of them, at which every title fits, and no more lines."""
    own = [fit_heading(entry, width, height, *AGENDA_SIZES, fonts, bold=True) for entry in entries]
    if any(f.height > height for f in own):
        return None
    size = min((f.size for f in own), default=AGENDA_SIZES[0])
    return _set_all(entries, width, size, fonts), [f.at_minimum for f in own]


def _set_all(
    entries: tuple[Block, ...], width: Length, size: float, fonts: FontSet
) -> list[Fitted]:
    """Every title of a page at `size`, in balanced lines."""
    fitted = []
    for entry in entries:
        setting = set_paragraph(
            entry.text, width, size, 1.2, balanced=True, emphasis=bool(entry.emphasis),
            measurer=fonts.sans, bold=True,
        )  # fmt: skip
        fitted.append(Fitted(setting, size, False))
    return fitted


def _agenda_grid(
    entries: tuple[Block, ...],
    first: int,
    columns: int,
    area: Box,
    fonts: FontSet,
    *,
    tallest: Length = ROW_MAX,
) -> tuple[list[Element], list[int]] | None:
    """One agenda page of `entries` (numbered from `first`) in `columns`, or None when a
    title does not fit its cell even at the smallest size. Also which entries shrank to it."""
    rows = (len(entries) + columns - 1) // columns
    col_w = Length(area.w // columns)
    row_h = Length(min(tallest, area.h // max(rows, 1)))
    tile = Length(min(Inches(0.85), row_h - Inches(0.2)))
    text_w = Length(col_w - tile - Inches(0.7))
    if row_h < ROW_MIN or text_w <= 0:
        return None
    top = Length(area.y + (area.h - rows * row_h) // 2)
    room = Length(row_h - Inches(0.1))
    page = _page_titles(entries, text_w, room, fonts)
    if page is None and tallest < area.h:
        return None
    # titles too long for any row (one entry on a page as tall as the body): all lines, smallest
    titles, at_minimum = page or (
        _set_all(entries, text_w, AGENDA_SIZES[1], fonts),
        [True] * len(entries),
    )
    elements: list[Element] = []
    smallest = [first + j for j, small in enumerate(at_minimum) if small]
    for j, (entry, fitted) in enumerate(zip(entries, titles, strict=True)):
        i = first + j
        col, row = j // rows, j % rows
        x = Length(area.x + Inches(0.2) + col * col_w)
        y = Length(top + row * row_h + (row_h - tile) // 2)
        numeral = entry.label or ""
        tile_pt = tile / 12700
        # the numeral on one line inside its tile: 一 at 55% of the tile, 二十 smaller
        em = max(fonts.serif.em(numeral, bold=True), 1.0)
        number_size = round(min(tile_pt * 0.55, tile_pt * 0.8 / em))
        number = fit_line(
            numeral, tile, number_size, number_size, fonts, font="serif", bold=True,
            align="center", spacing=1.0,
        )  # fmt: skip
        elements.append(Rect(Box(x, y, tile, tile), "primary" if i % 2 == 0 else "accent"))
        elements.append(
            text_block(
                number, x, y, tile, "agenda-number", color="white", font="serif", bold=True,
                spacing=1.0, height=Length(max(tile, number.height)), anchor="middle", group=i,
            )
        )  # fmt: skip
        text_x = Length(x + tile + Inches(0.3))
        text_y = Length(y + (tile - fitted.height) // 2)
        elements.append(
            text_block(
                fitted, text_x, text_y, text_w, "agenda-title", color="ink", bold=True, group=i
            )
        )
    return elements, smallest


def agenda(slide: PlannedSlide, theme: Theme, geometry: Geometry, fonts: FontSet) -> Framed:
    """A grid of red numeral tiles with the section titles beside them: the design's columns;
    else other column counts; else the entries continue on “目录（续）” pages."""
    entries = slide.role("agenda-entry")
    area = geometry.body
    count = len(entries)
    wanted = agenda_columns(count, area.w)
    most = max(1, area.w // Inches(2.5))
    column_choices = [wanted, *range(wanted - 1, 0, -1), *range(wanted + 1, most + 1)]
    for pages_n in range(1, max(count, 1) + 1):
        per_page = -(-count // pages_n) if count else 0
        chunks = [entries[p : p + per_page] for p in range(0, count, per_page or 1)] or [()]
        laid: list[tuple[Element, ...]] = []
        smallest: list[int] = []
        for c, chunk in enumerate(chunks):
            first = c * per_page
            for columns in column_choices:
                grid = _agenda_grid(chunk, first, columns, area, fonts) if chunk else ([], [])
                if grid is not None:
                    laid.append(tuple(grid[0]))
                    smallest += grid[1]
                    break
            else:
                break
        if len(laid) == len(chunks):
            break
    else:  # a title longer than a row can be: one entry per page, the row as tall as the body
        laid, smallest = [], []
        for i, entry in enumerate(entries):
            page, small = _agenda_grid((entry,), i, 1, area, fonts, tallest=area.h) or ([], [])
            laid.append(tuple(page))
            smallest += small
    titles = tuple(slide.title if p == 0 else slide.title + CONTINUED for p in range(len(laid)))
    notices: list[tuple[DataPath, str]] = [
        (
            ("sections", i, "title"),
            minimum_message("on the agenda, this section title", AGENDA_SIZES[1]),
        )
        for i in smallest
    ]
    if len(laid) > 1:
        notices.append(
            (
                ("sections",),
                f"the agenda continues on {len(laid) - 1} more slide(s) (目录（续）); to keep it on "
                "one slide, use fewer or shorter sections",
            )
        )
    return Framed(tuple(laid), titles, tuple(notices))


__all__ = ["AGENDA_COLUMN", "agenda", "agenda_columns"]
