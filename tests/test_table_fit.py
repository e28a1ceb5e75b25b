"""Tables fit their slides (issue 10, point 2): shrink, then reflow, then paginate.

The stress outlines tests/stress/table-6x15.yaml (six columns of long cells) and
table-2x40.yaml (forty short rows) are built and read back with python-pptx (rows per slide,
the header repeated, the column widths the layout chose), rendered by LibreOffice and checked
with `pdftotext -bbox-layout` (every word inside its own cell and on the page, no more lines
than the layout planned, no line opening with closing punctuation). Layout-level tests cover
what the stress tables do not reach: a row taller than a slide, columns that cannot all stand
side by side, a short table using its height, and a hypothesis property over random tables.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections import defaultdict
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import (
    EXAMPLE_WARNINGS,
    REPO,
    THEME_4X3,
    Built,
    build,
    convert_to_pdf,
    squash,
    warning_paths,
    write_outline,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import lay_out, theme_for
from briefgen.layout import (
    EMU_PER_PT,
    NO_LINE_START,
    LaidDeck,
    Length,
    TableBlock,
    TableCell,
    font_set,
    geometry_for,
)
from briefgen.outline import load_outline
from briefgen.theme import load_theme

STRESS = REPO / "tests" / "stress"
OUTLINES = {"6x15": STRESS / "table-6x15.yaml", "2x40": STRESS / "table-2x40.yaml"}
TOLERANCE_PT = 2.0
XHTML = "{http://www.w3.org/1999/xhtml}"
PAD_X_PT = 0.08 * 72


def tables(deck: LaidDeck) -> list[tuple[int, TableBlock]]:
    """(slide number, table) for every table of the deck, in order."""
    return [
        (slide.number, element)
        for slide in deck.slides
        for element in slide.elements
        if isinstance(element, TableBlock)
    ]


def cell_texts(blocks: list[TableBlock], column: int) -> str:
    """A column's text over the pages, rows in order (a split row's pieces joined)."""
    return "".join(row[column].text for block in blocks for row in block.rows)


# ---------------------------------------------------------------- the stress tables, built


@pytest.fixture(scope="module", params=[*OUTLINES, "6x15-4x3"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A stress table outline built once per module (6x15 also on 4:3 slides)."""
    name = str(request.param)
    folder = tmp_path_factory.mktemp(f"table-{name}")
    theme = str(THEME_4X3) if name.endswith("4x3") else None
    return build(OUTLINES[name.removesuffix("-4x3")], folder / f"{name}.pptx", theme=theme)


def test_every_row_appears_once_in_order_under_a_repeated_header(built: Built) -> None:
    source = built.outline.sections[0].slides[0].table
    assert source is not None
    found = tables(built.deck)
    assert len(found) > 1  # both stress tables need continuation slides
    for _, block in found:
        assert tuple(cell.text for cell in block.header) == source.header
    rows = [tuple(cell.text for cell in row) for _, block in found for row in block.rows]
    assert rows == list(source.rows)
    titles = [s.title for s in built.deck.slides if s.kind == "table"]
    assert titles[0] == built.outline.sections[0].slides[0].title
    assert all(t == titles[0] + "（续）" for t in titles[1:])


def test_tables_stay_in_the_body_and_above_the_minimum_size(built: Built) -> None:
    body = geometry_for(built.theme).body
    for number, block in tables(built.deck):
        assert block.size >= built.theme.sizes.min_body, number
        assert sum(block.column_widths) == body.w, number
        assert block.box.y >= body.y and block.box.y + block.box.h <= body.y + body.h, number
        assert sum(block.row_heights) == block.box.h, number


def test_no_header_or_cell_breaks_into_single_characters(built: Built) -> None:
    for number, block in tables(built.deck):
        for cell in block.header:
            assert len(cell.lines) == 1, (number, cell.lines)  # 牵头单位 never stands vertically
        for row in (block.header, *block.rows):
            for cell in row:
                single = [line for line in cell.lines if len(line.strip()) < 2]
                assert single == [] or len(cell.text) < 2, (number, cell.lines)
                starts = [line for line in cell.lines[1:] if line[:1] in NO_LINE_START]
                assert starts == [], (number, cell.lines)


def test_rows_are_spread_evenly_over_the_pages(built: Built) -> None:
    counts = [len(block.rows) for _, block in tables(built.deck)]
    assert min(counts) >= max(counts) // 2, counts  # no sliver of a last page


def test_every_shrink_and_continuation_is_a_positioned_warning(built: Built) -> None:
    messages = [w.message for w in built.result.warnings]
    found = tables(built.deck)
    assert any(f"continued on {len(found) - 1} more slide(s)" in m for m in messages), messages
    size = found[0][1].size
    if size < built.theme.sizes.body:
        assert any(
            f"shrunk from {built.theme.sizes.body:g} pt to {size:g} pt" in m for m in messages
        )
    for warning in built.result.warnings:
        assert warning.file is not None and warning.file.endswith(".yaml")
        assert warning.line is not None and warning.path is not None
        assert "table" in warning.path


def test_python_pptx_reads_back_the_laid_out_tables(built: Built) -> None:
    from pptx import Presentation

    read = [
        shape.table
        for slide in Presentation(str(built.path)).slides
        for shape in slide.shapes
        if shape.has_table
    ]
    laid = [block for _, block in tables(built.deck)]
    assert len(read) == len(laid)
    for table, block in zip(read, laid, strict=True):
        assert [c.width for c in table.columns] == list(block.column_widths)
        assert [r.height for r in table.rows] == list(block.row_heights)
        assert len(table.rows) == 1 + len(block.rows)  # the header, repeated on every page
        header = [cell.text for cell in table.rows[0].cells]
        assert header == [cell.text for cell in block.header]
        for row, cells in zip(list(table.rows)[1:], block.rows, strict=True):
            assert [c.text_frame.text for c in row.cells] == ["\v".join(c.drawn) for c in cells]


# ---------------------------------------------------------------- LibreOffice's rendering


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    pages = []
    for page in ET.fromstring(out).iter(XHTML + "page"):
        words = []
        for w in page.iter(XHTML + "word"):
            x0, y0, x1, y1 = (float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append((w.text or "", x0, y0, x1, y1))
        pages.append(words)
    return pages


def _cell_boxes(block: TableBlock) -> list[tuple[float, float, float, float, TableCell]]:
    """Each cell's box in points, with the cell."""
    out = []
    y = block.box.y
    for row, height in zip((block.header, *block.rows), block.row_heights, strict=True):
        x = block.box.x
        for cell, width in zip(row, block.column_widths, strict=True):
            out.append((x / EMU_PER_PT, y / EMU_PER_PT, (x + width) / EMU_PER_PT,
                        (y + height) / EMU_PER_PT, cell))  # fmt: skip
            x = Length(x + width)
        y = Length(y + height)
    return out


def _drawn_lines(words: list[tuple[float, float, str]], gap: float) -> list[list[str]]:
    """Words (centre height, left edge, text) → the lines they form, top to bottom, each
    line's words left to right: a new line where the centres are `gap` pt apart or more."""
    lines: list[list[tuple[float, float, str]]] = []
    for word in sorted(words):
        if lines and word[0] - lines[-1][-1][0] < gap:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [[text for _, _, text in sorted(line, key=lambda w: w[1])] for line in lines]


def _pdf_problems(built: Built, folder: Path) -> tuple[list[str], int]:
    """What LibreOffice's PDF of a built deck gets wrong in its tables, and how many words of
    table cells it checked: a word off the page, outside its cell's text area (±2 pt) or not
    of that cell's text; more lines in a cell than planned; a line opening with a closer."""
    pdf = convert_to_pdf(built.path, folder)
    pages = _words(pdf)
    deck = built.deck
    assert len(pages) == len(deck.slides)
    page_w, page_h = deck.width / EMU_PER_PT, deck.height / EMU_PER_PT
    problems: list[str] = []
    checked = 0
    for number, block in tables(deck):
        cells = _cell_boxes(block)
        words: dict[int, list[tuple[float, float, str]]] = defaultdict(list)
        for text, x0, y0, x1, y1 in pages[number - 1]:
            if min(x0, y0) < 0 or x1 > page_w or y1 > page_h:
                problems.append(f"slide {number}: {text!r} off the page")
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            home = [k for k, (a, b, c, d, _) in enumerate(cells) if a <= cx <= c and b <= cy <= d]
            if not home:
                continue  # the title bar, footer and page number
            k = home[0]
            a, b, c, d, cell = cells[k]
            t = TOLERANCE_PT
            if not (
                x0 >= a + PAD_X_PT - t and x1 <= c - PAD_X_PT + t and y0 >= b - t and y1 <= d + t
            ):
                problems.append(f"slide {number}: {text!r} outside its cell {cell.text[:12]!r}")
            if squash(text) not in squash("".join(cell.drawn)):
                problems.append(f"slide {number}: {text!r} drawn in the cell of {cell.text[:12]!r}")
            words[k].append((cy, x0, text))
            checked += 1
        for k, found in words.items():
            drawn = _drawn_lines(found, block.size / 2)
            planned = len(cells[k][4].drawn)
            if len(drawn) > planned:
                problems.append(
                    f"slide {number}: {len(drawn)} lines drawn for {planned} planned in "
                    f"{cells[k][4].text[:12]!r}"
                )
            for line in drawn:  # the first word of each drawn line
                if line[0][:1] in NO_LINE_START:
                    problems.append(f"slide {number}: a line starts with {line[0]!r}")
    return problems, checked


def test_libreoffice_draws_each_word_in_its_cell_on_the_planned_lines(
    built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    problems, checked = _pdf_problems(built, tmp_path_factory.mktemp("table-pdf"))
    assert checked > 100
    assert problems == []


def test_libreoffice_draws_split_rows_and_column_groups_as_planned(tmp_path: Path) -> None:
    header = ["地区", *(f"第{i}季度指标完成情况" for i in range(1, 12))]
    rows = [
        [f"县区{r}", *(f"完成{r * i}项，同比增长{i}.{r}%" for i in range(1, 12))]
        for r in range(1, 5)
    ]
    data = _outline(["方面", "内容"], [["前", "短"], ["超长", LONG], ["后", "尾"]])
    wide = _outline(header, rows)["sections"]
    data["sections"][0]["slides"] += wide[0]["slides"]  # type: ignore[index]
    built = build(write_outline(data, tmp_path / "edge.yaml"), tmp_path / "edge.pptx")
    assert any(row[0].mark for _, b in tables(built.deck) for row in b.rows)
    problems, checked = _pdf_problems(built, tmp_path)
    assert checked > 50
    assert problems == []


# ---------------------------------------------------------------- what the stress tables miss


def _deck(data: dict[str, object], tmp_path: Path, theme: str | None = None) -> LaidDeck:
    loaded = load_outline(write_outline(data, tmp_path / "t.yaml"))
    return lay_out(loaded, theme_for(loaded, theme))


def _outline(header: list[str], rows: list[list[str]]) -> dict[str, object]:
    return {
        "briefgen": 1,
        "title": "表格",
        "sections": [
            {
                "title": "表格",
                "slides": [{"title": "表", "table": {"header": header, "rows": rows}}],
            }
        ],
    }


LONG = "坚持把续写好新时代温州创新史作为践行“两个维护”最直接的体现，推进理念创新和模式创新。" * 25


def test_a_row_taller_than_a_slide_shrinks_then_splits_with_its_continuation_marked(
    tmp_path: Path,
) -> None:
    deck = _deck(_outline(["方面", "内容"], [["前", "短"], ["超长", LONG], ["后", "尾"]]), tmp_path)
    found = [block for _, block in tables(deck)]
    assert len(found) >= 3 and all(b.size == 18 for b in found)
    assert cell_texts(found, 1) == "短" + LONG + "尾"
    marks = [row[0].mark for block in found for row in block.rows]
    assert marks.count("（续）") == len(found) - 1  # every continuation piece, and only those
    messages = [w.message for w in deck.warnings]
    assert any("shrunk from 24 pt to 18 pt (the theme's minimum)" in m for m in messages)
    split = [w for w in deck.warnings if "row 2 is taller than a slide" in w.message]
    assert len(split) == 1 and split[0].path is not None and "rows" in split[0].path
    body = geometry_for(load_theme("party-red")).body
    for block in found:
        assert block.box.y + block.box.h <= body.y + body.h


def test_columns_that_cannot_stand_side_by_side_continue_in_groups_with_the_key_column(
    tmp_path: Path,
) -> None:
    header = ["地区", *(f"第{i}季度指标完成情况" for i in range(1, 12))]
    rows = [
        [f"县区{r}", *(f"完成{r * i}项，同比增长{i}.{r}%" for i in range(1, 12))]
        for r in range(1, 5)
    ]
    deck = _deck(_outline(header, rows), tmp_path)
    found = [block for _, block in tables(deck)]
    heads = [tuple(c.text for c in block.header) for block in found]
    assert all(h[0] == "地区" for h in heads)
    shown = [c for h in dict.fromkeys(heads) for c in h[1:]]
    assert shown == header[1:]  # every other column once, in order
    for block in found:
        assert all(len(c.lines) <= 2 for c in block.header)
    warned = [w for w in deck.warnings if "column groups" in w.message]
    assert len(warned) == 1 and warned[0].path is not None and "header" in warned[0].path


def test_a_short_table_uses_the_height_it_has(tmp_path: Path) -> None:
    rows = [["着力点甲", "科创高地"], ["着力点乙", "文化高地"], ["着力点丙", "教育高地"]]
    deck = _deck(_outline(["着力点", "高地"], rows), tmp_path)
    ((_, block),) = tables(deck)
    assert block.size == 24
    natural = block.row_heights[0]  # the header keeps its natural height
    assert all(h > natural for h in block.row_heights[1:])
    assert deck.warnings == ()


# ---------------------------------------------------------------- random tables

_CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
    st.sampled_from("，。、；：“”（）《》0123456789abcXYZ% -"),
)


@st.composite
def random_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    columns = draw(st.integers(1, 10))
    rows = draw(st.integers(1, 30))
    longest = draw(st.sampled_from([6, 40, 160, 900]))
    cell = st.text(_CHARS, min_size=1, max_size=longest).map(str.strip).filter(bool)
    header = draw(st.lists(st.text(_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool),
                           min_size=columns, max_size=columns))  # fmt: skip
    body = draw(st.lists(st.lists(cell, min_size=columns, max_size=columns),
                         min_size=rows, max_size=rows))  # fmt: skip
    return header, body


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=random_tables(), four_three=st.booleans())
def test_random_tables_keep_every_cell_in_order_inside_its_box(
    table: tuple[list[str], list[list[str]]], four_three: bool
) -> None:
    header, rows = table
    with tempfile.TemporaryDirectory() as folder:
        deck = _deck(_outline(header, rows), Path(folder), str(THEME_4X3) if four_three else None)
    theme = load_theme(str(THEME_4X3) if four_three else "party-red")
    sans = font_set(theme).sans
    body = geometry_for(theme).body
    found = [block for _, block in tables(deck)]
    # pages in column groups (one group unless the columns cannot stand side by side); each
    # group repeats the key column and shows the next columns, every row's text in order
    groups = [list(g) for _, g in groupby(found, key=lambda b: tuple(c.text for c in b.header))]
    column = 1
    for group in groups:
        width = len(group[0].header)
        assert cell_texts(group, 0) == "".join(r[0] for r in rows)
        for j in range(1, width):
            assert cell_texts(group, j) == "".join(r[column] for r in rows)
            column += 1
    assert column == len(header) or len(header) == 1
    for block in found:
        assert block.size >= theme.sizes.min_body
        assert sum(block.column_widths) == body.w
        assert body.y <= block.box.y and block.box.y + block.box.h <= body.y + body.h
        for cells, height in zip((block.header, *block.rows), block.row_heights, strict=True):
            for cell, width in zip(cells, block.column_widths, strict=True):
                assert len(cell.drawn) * block.size * 1.25 <= height / EMU_PER_PT, cell.drawn
                room = width / EMU_PER_PT - 2 * PAD_X_PT
                bold = cells is block.header
                for line in cell.drawn:
                    drawn = sans.width(line.rstrip(), block.size, bold=bold)
                    assert len(line) == 1 or drawn <= room, (line, drawn, room)
    if len(found) > 1:
        assert any("continued on" in w.message for w in deck.warnings)


def test_the_example_tables_keep_their_size_and_warn_nothing_about_them(example: Built) -> None:
    found = tables(example.deck)
    assert len(found) == 3
    assert all(block.size == example.theme.sizes.body for _, block in found)
    assert warning_paths(example.result.warnings) == EXAMPLE_WARNINGS  # not a table slide
    assert len(example.deck.slides) == 44
