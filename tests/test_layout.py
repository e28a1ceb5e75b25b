"""Layout on real outlines: nothing clipped, nothing off the slide, sizes and 避头尾 kept.

Checks the `LaidDeck` of the example brief and of generated outlines against the layout's own
promises (deck-style.md, issue 3): every text block's lines fit its box, every box lies on the
slide, body text stays at or above the theme's minimum size, no line starts with a closing
mark and no paragraph ends on a lone character; long content continues on "（续）" slides.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from _deckfixtures import THEME_4X3, Built, outline_dicts, sentence, write_outline
from hypothesis import HealthCheck, Phase, given, settings

from briefgen.build import lay_out_file
from briefgen.layout import (
    EMU_PER_PT,
    Box,
    LaidDeck,
    LaidSlide,
    Length,
    Paragraph,
    TableBlock,
    TextBlock,
    text_width,
)
from briefgen.theme import Theme

BODY_ROLES = frozenset({"body", "sub", "item-text", "question", "explain", "quote"})
"""Roles whose text is body text: never below the theme's `min-body` size."""
CLOSING_MARKS = "，。、；：？！”’）》】…"
"""No line may start with one of these (避头尾, as listed in issue 3)."""
CELL_PAD_PT = 0.08 * 72
EPS_PT = 0.01


def _pt(length: int) -> float:
    return length / EMU_PER_PT


def _where(slide: LaidSlide) -> str:
    return f"slide {slide.number} 《{slide.title}》"


def _laid_height(block: TextBlock) -> float:
    """Points the block's lines take: lines × size × line spacing, plus space before."""
    return sum(
        len(p.lines) * block.size * block.line_spacing + _pt(p.space_before)
        for p in block.paragraphs
    )


def _on_slide(box: Box, deck: LaidDeck) -> bool:
    return (
        box.x >= 0 and box.x + box.w <= deck.width and box.y >= 0 and box.y + box.h <= deck.height
    )


def _line_problems(par: Paragraph, block: TextBlock) -> list[str]:
    """Lines wider than the block (by the layout's own measure): a viewer would rewrap them."""
    found = []
    room = _pt(block.box.w - par.indent) + EPS_PT
    for k, line in enumerate(par.lines):
        width = text_width(line.rstrip(" \u3000\n")) * block.size
        if k == 0 and par.bullet and len(par.bullet) > 1:  # an inline ordinal before line 1
            width += (text_width(par.bullet) + 0.5) * block.size
        if width > room:
            found.append(f"line {line!r} is {width:.1f} pt wide, the box {room:.1f} pt")
    return found


def geometry_problems(deck: LaidDeck) -> list[str]:
    """Text that would be clipped or rewrapped, boxes off the slide (empty: all fit)."""
    found: list[str] = []
    for slide in deck.slides:
        where = _where(slide)
        for element in slide.elements:
            if not _on_slide(element.box, deck):
                found.append(f"{where}: {type(element).__name__} {element.box} leaves the slide")
            if isinstance(element, TextBlock):
                height = _laid_height(element)
                if height > _pt(element.box.h) + EPS_PT:
                    found.append(
                        f"{where}: {element.role} {element.text[:30]!r}: {height:.1f} pt of "
                        f"lines in a {_pt(element.box.h):.1f} pt box"
                    )
                for par in element.paragraphs:
                    found += [f"{where}: {element.role}: {p}" for p in _line_problems(par, element)]
            elif isinstance(element, TableBlock):
                found += [f"{where}: table: {p}" for p in _table_problems(element)]
    return found


def size_problems(deck: LaidDeck, theme: Theme) -> list[str]:
    """Body text (and table text) set below the theme's `min-body` size."""
    found = []
    least = theme.sizes.min_body
    for slide in deck.slides:
        for element in slide.elements:
            if isinstance(element, TextBlock) and element.role in BODY_ROLES:
                size, what = element.size, f"{element.role} {element.text[:30]!r}"
            elif isinstance(element, TableBlock):
                size, what = element.size, "table"
            else:
                continue
            if size < least:
                found.append(f"{_where(slide)}: {what} at {size} pt, below the minimum {least} pt")
    return found


def _table_problems(table: TableBlock) -> list[str]:
    found = []
    rows = (table.header, *table.rows)
    if sum(table.row_heights) > table.box.h:
        found.append(f"rows take {_pt(sum(table.row_heights)):.1f} pt of {_pt(table.box.h):.1f}")
    if sum(table.column_widths) > table.box.w:
        found.append("columns are wider than the table")
    for row, height in zip(rows, table.row_heights, strict=True):
        for cell, width in zip(row, table.column_widths, strict=True):
            need = len(cell.drawn) * table.size * 1.25
            if need > _pt(height) + EPS_PT:
                found.append(
                    f"cell {cell.text[:20]!r}: {need:.1f} pt in a {_pt(height):.1f} pt row"
                )
            room = _pt(width) - 2 * CELL_PAD_PT + EPS_PT
            for line in cell.lines:
                if text_width(line.rstrip()) * table.size > room:
                    found.append(f"cell line {line!r} wider than its column")
    return found


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _paragraph_typography(lines: tuple[str, ...]) -> list[str]:
    found = []
    for k, line in enumerate(lines):
        if k and line[:1] in CLOSING_MARKS:
            found.append(f"line {k + 1} {line!r} starts with a closing mark")
    if len(lines) >= 2:
        last = lines[-1].strip().rstrip(CLOSING_MARKS)
        if len(last) == 1 and _is_ideograph(last):
            found.append(f"the last line {lines[-1]!r} is a lone character")
    return found


def typography_problems(deck: LaidDeck) -> list[str]:
    """避头尾 and lone last characters across every text block and table cell of a deck."""
    found = []
    for slide in deck.slides:
        for element in slide.elements:
            if isinstance(element, TextBlock):
                for par in element.paragraphs:
                    found += [
                        f"{_where(slide)}: {element.role} {par.text!r}: {p}"
                        for p in _paragraph_typography(par.lines)
                    ]
            elif isinstance(element, TableBlock):
                for row in (element.header, *element.rows):
                    for cell in row:
                        found += [
                            f"{_where(slide)}: table cell {cell.text!r}: {p}"
                            for p in _paragraph_typography(cell.lines)
                        ]
    return found


# ---------------------------------------------------------------- the example and stress decks


@pytest.mark.parametrize("name", ["example", "stress", "example_4x3", "stress_4x3"])
def test_text_fits_its_boxes_and_the_slide(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    assert geometry_problems(built.deck) == []


@pytest.mark.parametrize("name", ["example", "stress", "example_4x3", "stress_4x3"])
def test_body_text_is_never_below_the_minimum_size(
    name: str, request: pytest.FixtureRequest
) -> None:
    """Issue 3: shrink "down to the theme's minimum size (by default no smaller than 18 pt for
    body text)"; sub-points, item texts, questions, explanations and quotes are body text."""
    built: Built = request.getfixturevalue(name)
    assert built.theme.sizes.min_body == 18
    assert size_problems(built.deck, built.theme) == []


@pytest.mark.parametrize("name", ["example", "stress", "example_4x3", "stress_4x3"])
def test_bi_tou_wei_kept_and_no_lone_last_characters(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    assert typography_problems(built.deck) == []


def test_the_stress_deck_paginates_every_kind(stress: Built) -> None:
    continued = {s.kind for s in stress.deck.slides if s.title.endswith("（续）")}
    assert {"points", "items", "table", "terms", "questions"} <= continued


def test_the_checks_catch_what_they_look_for(example: Built) -> None:
    """The helpers above are not vacuous: a clipped block, small text and bad breaks."""
    slide = next(s for s in example.deck.slides if s.kind == "points")
    block = next(e for e in slide.elements if isinstance(e, TextBlock) and e.role == "body")
    squeezed = Box(block.box.x, block.box.y, block.box.w, Length(block.box.h // 2))
    paragraphs = (Paragraph(("温州创新", "。史")), Paragraph(("温州创新", "史")))
    bad = TextBlock(squeezed, paragraphs, 17, "body")
    broken = LaidDeck(example.deck.info, (LaidSlide("points", "t", 1, (bad,)),),
                      example.deck.width, example.deck.height, "x")  # fmt: skip
    assert any("pt of lines in a" in p for p in geometry_problems(broken))
    assert any("below the minimum" in p for p in size_problems(broken, example.theme))
    assert len(typography_problems(broken)) == 2


# ---------------------------------------------------------------- pagination


def _write(tmp: Path, slide: dict[str, Any], name: str = "long.yaml") -> Path:
    data = {
        "briefgen": 1,
        "title": "分页测试",
        "sections": [{"title": "第一部分", "slides": [{"title": "一个很长的要点列表", **slide}]}],
    }
    return write_outline(data, tmp / name)


def _pages(deck: LaidDeck) -> list[LaidSlide]:
    return [s for s in deck.slides if s.origin == ("sections", 0, "slides", 0)]


def _body_paragraphs(slide: LaidSlide) -> list[Paragraph]:
    return [
        p
        for e in slide.elements
        if isinstance(e, TextBlock) and e.role not in {"title", "section", "footer", "page"}
        for p in e.paragraphs
    ]


THIRTY_POINTS = [sentence(n) * 2 for n in range(1, 31)]
FOURTEEN_ITEMS = [{"head": f"第{n}项重点任务", "text": sentence(n) * 2} for n in range(1, 15)]
HUGE_POINT = "".join(sentence(n) for n in range(1, 41))  # about 1900 characters
LONG_SLIDES: dict[str, dict[str, Any]] = {
    "thirty-points": {"points": THIRTY_POINTS, "notes": "讲解提示：逐条讲解。"},
    "fourteen-items": {"items": FOURTEEN_ITEMS},
    "huge-point": {"points": ["开篇要点", HUGE_POINT, "收尾要点"]},
}


def test_thirty_long_points_continue_on_titled_slides_with_notes(tmp_path: Path) -> None:
    deck, _ = lay_out_file(_write(tmp_path, LONG_SLIDES["thirty-points"]))
    pages = _pages(deck)
    assert len(pages) > 2
    assert pages[0].title == "一个很长的要点列表"
    assert all(p.title == "一个很长的要点列表（续）" for p in pages[1:])
    assert [p.part for p in pages] == [(k, len(pages)) for k in range(1, len(pages) + 1)]
    assert all(p.notes == "讲解提示：逐条讲解。" for p in pages)
    texts = [par.text for page in pages for par in _body_paragraphs(page)]
    assert texts == THIRTY_POINTS  # all thirty, in order, none split or repeated


def test_fourteen_items_continue_their_numbering(tmp_path: Path) -> None:
    deck, _ = lay_out_file(_write(tmp_path, LONG_SLIDES["fourteen-items"]))
    pages = _pages(deck)
    labels = [(k, p.bullet) for k, page in enumerate(pages) for p in _body_paragraphs(page)
              if p.bullet]  # fmt: skip
    assert [b for _, b in labels] == [
        "一是", "二是", "三是", "四是", "五是", "六是", "七是",
        "八是", "九是", "十是", "十一是", "十二是", "十三是", "十四是",
    ]  # fmt: skip
    eleventh = next(k for k, b in labels if b == "十一是")
    assert eleventh > 0, "the 11th item should be on a continuation slide"
    assert pages[eleventh].title == "一个很长的要点列表（续）"
    texts = [p.text for page in pages for p in _body_paragraphs(page)]
    assert texts == [t for item in FOURTEEN_ITEMS for t in (item["head"], item["text"])]


def test_a_point_too_long_for_a_slide_continues_between_lines_with_a_positioned_warning(
    tmp_path: Path,
) -> None:
    outline = _write(tmp_path, LONG_SLIDES["huge-point"])
    line = next(
        n for n, text in enumerate(outline.read_text("utf-8").splitlines(), 1) if "第1条" in text
    )
    deck, _ = lay_out_file(outline)
    pages = _pages(deck)
    assert len(pages) > 2
    per_page = [[p for p in _body_paragraphs(page)] for page in pages]
    pieces = [p for page in per_page for p in page]
    assert pieces[0].text == "开篇要点" and pieces[-1].text == "收尾要点"
    middle = pieces[1:-1]
    assert "".join(p.text for p in middle) == HUGE_POINT
    # one paragraph cut between lines: one piece per page, never a paragraph per sentence
    for page in per_page:
        assert len([p for p in page if p.text not in ("开篇要点", "收尾要点")]) <= 1
    assert len(middle) in (len(pages), len(pages) - 1)
    assert middle[0].bullet and not any(p.bullet for p in middle[1:])
    assert pages[0].title + "（续）" == pages[1].title
    warned = [w for w in deck.warnings if w.path.startswith("sections[1].slides[1].points[2]")]
    assert warned, [str(w) for w in deck.warnings]
    assert all(w.severity == "warning" and w.line == line for w in warned), warned
    assert warned[0].file is not None and warned[0].file.endswith("long.yaml")


def test_a_quote_longer_than_two_slides_keeps_its_paragraphs_on_every_page(
    tmp_path: Path,
) -> None:
    first, second = HUGE_POINT[:1200], HUGE_POINT[1200:]
    outline = _write(tmp_path, {"quote": {"text": f"{first}\n{second}", "attribution": "全会"}})
    deck, _ = lay_out_file(outline)
    pages = _pages(deck)
    assert len(pages) >= 3
    assert all(page.title.endswith("（续）") for page in pages[1:])
    quotes = [
        [p for e in page.elements if isinstance(e, TextBlock) and e.role == "quote"
         for p in e.paragraphs]
        for page in pages
    ]  # fmt: skip
    assert all(len(q) == 1 for q in quotes), [[p.text[:10] for p in q] for q in quotes]
    lines = [line for q in quotes for line in q[0].lines]
    assert "".join(lines) == f"{first}\n{second}"
    # the only paragraph break is the outline's own line break
    assert sum(line.endswith("\n") for line in lines) == 1


# ---------------------------------------------------------------- generated outlines


@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: big decks shrink slowly
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=outline_dicts())
def test_generated_outlines_fit_their_boxes(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        deck, _ = lay_out_file(write_outline(data, Path(folder) / "gen.yaml"))
    assert geometry_problems(deck) == []


@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=outline_dicts())
def test_generated_outlines_keep_body_text_at_the_minimum_size(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        deck, theme = lay_out_file(write_outline(data, Path(folder) / "gen.yaml"))
    assert size_problems(deck, theme) == []


@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=outline_dicts())
def test_generated_outlines_fit_their_boxes_on_4_3_slides(data: dict[str, Any]) -> None:
    """The narrower body (row cards for frameworks, two agenda columns) keeps every promise."""
    with tempfile.TemporaryDirectory() as folder:
        deck, theme = lay_out_file(
            write_outline(data, Path(folder) / "gen.yaml"), theme=str(THEME_4X3)
        )
    assert (deck.width.inches, theme.slide_size) == (10, "4:3")
    assert geometry_problems(deck) == []
    assert size_problems(deck, theme) == []
