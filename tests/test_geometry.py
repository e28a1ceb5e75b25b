"""Slide geometry: the frame of 16:9 and 4:3 slides, and decks laid out and written on each.

`Geometry` is a parameter of layout: its boxes must lie on the slide and keep clear of each
other at any size, 16:9 must keep the frame the deck always had, and a 4:3 theme must give
4:3 slides (p:sldSz read back with python-pptx) whose agenda, cards and panels adapt.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest
from _deckfixtures import EXAMPLE, THEME_4X3, Built, read_back, sentence, write_outline
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefgen.build import lay_out_file
from briefgen.cli import app
from briefgen.layout import Box, Geometry, Inches, LaidDeck, Rect, TextBlock, geometry_for
from briefgen.theme import load_theme


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner.x >= outer.x
        and inner.y >= outer.y
        and inner.x + inner.w <= outer.x + outer.w
        and inner.y + inner.h <= outer.y + outer.h
    )


def _frame_problems(g: Geometry) -> list[str]:
    """Boxes off the slide or on top of each other (empty: the frame is sound)."""
    slide = Box(Inches(0), Inches(0), g.width, g.height)
    boxes = {
        "bar": g.bar, "rule": g.rule, "title": g.title, "section": g.section, "body": g.body,
        "footer rule": g.footer_rule, "footer": g.footer, "page": g.page, "cover": g.cover,
        "panel": g.panel,
    }  # fmt: skip
    found = [f"{name} {box} leaves the slide" for name, box in boxes.items()]
    found = [f for f, box in zip(found, boxes.values(), strict=True) if not _inside(box, slide)]
    if not (_inside(g.title, g.bar) and _inside(g.section, g.bar)):
        found.append("the title and section label must lie in the bar")
    if g.section.x + g.section.w <= g.title.x + g.title.w:
        found.append("the section label must end right of the title's room")
    if g.body.y < g.rule.y + g.rule.h or g.body.y + g.body.h > g.footer_rule.y:
        found.append("the body must lie between the rule and the footer rule")
    if g.footer.x + g.footer.w > g.page.x or g.footer.y < g.footer_rule.y:
        found.append("the footer text must lie left of the page number, below the rule")
    if g.body.w <= 0 or g.body.h <= 0 or g.footer.w <= 0:
        found.append("empty body or footer")
    return found


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_the_slide_sizes_are_powerpoints_widescreen_and_standard(size: str) -> None:
    geometry = Geometry.for_size(size)
    width = {"16:9": 13.333, "4:3": 10.0}[size]
    assert (geometry.width, geometry.height) == (Inches(width), Inches(7.5))
    assert _frame_problems(geometry) == []


def test_the_16_9_frame_is_the_one_the_deck_always_had() -> None:
    """The former _frame.py constants: geometry is a refactor for 16:9 (the deck's bytes stay)."""
    g = Geometry.for_size("16:9")
    assert g.body == Box(Inches(0.7), Inches(1.45), Inches(13.333) - Inches(1.4), Inches(5.35))
    assert (g.bar_height, g.rule_height, g.footer_rule.y) == (
        Inches(1.05),
        Inches(0.06),
        Inches(6.95),
    )
    assert (g.footer.w, g.section.w, g.panel.w) == (Inches(9.0), Inches(3.6), Inches(4.4))


@given(width=st.floats(8.0, 20.0), height=st.floats(5.5, 11.0))
def test_the_frame_holds_together_at_any_slide_size(width: float, height: float) -> None:
    assert _frame_problems(Geometry.for_dimensions(Inches(width), Inches(height))) == []


def test_an_unknown_slide_size_is_refused() -> None:
    with pytest.raises(ValueError, match="16:9, 4:3"):
        Geometry.for_size("16:10")


def test_the_geometry_comes_from_the_theme_unless_given() -> None:
    wide, standard = load_theme("party-red"), load_theme(str(THEME_4X3))
    assert geometry_for(wide) == Geometry.for_size("16:9")
    assert geometry_for(standard) == Geometry.for_size("4:3")
    default, _ = lay_out_file(EXAMPLE)
    assert (default.width, default.height) == (Inches(13.333), Inches(7.5))
    given_4x3, _ = lay_out_file(EXAMPLE, theme=str(THEME_4X3))
    assert (given_4x3.width, given_4x3.height) == (Inches(10), Inches(7.5))


@pytest.mark.parametrize(("theme", "width"), [(None, 13.333), (str(THEME_4X3), 10.0)])
def test_build_writes_the_themes_slide_size(
    tmp_path: Path, theme: str | None, width: float
) -> None:
    from pptx import Presentation

    out = tmp_path / "deck.pptx"
    args = ["build", str(EXAMPLE), "-o", str(out)] + (["--theme", theme] if theme else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (Inches(width), Inches(7.5))
    with zipfile.ZipFile(out) as package:
        app_xml = package.read("docProps/app.xml").decode()
    name = "16:9" if theme is None else "4:3"
    assert f"<PresentationFormat>{name}</PresentationFormat>" in app_xml


def _tiles(deck: LaidDeck, role: str) -> list[TextBlock]:
    return [
        e for s in deck.slides for e in s.elements if isinstance(e, TextBlock) and e.role == role
    ]


def test_the_agenda_and_divider_adapt_to_the_width(example: Built, example_4x3: Built) -> None:
    for built, columns in ((example, 3), (example_4x3, 2)):
        deck = built.deck
        numbers = _tiles(deck, "agenda-number")
        assert len(numbers) == len(built.outline.sections)
        assert len({n.box.x for n in numbers}) == columns
        divider = next(s for s in deck.slides if s.kind == "divider")
        panel = next(e for e in divider.elements if isinstance(e, Rect))
        assert panel.box.h == deck.height
        assert panel.box.w / deck.width == pytest.approx(0.33, abs=0.01)


def test_a_framework_of_five_stays_on_one_slide_at_4_3_as_rows(
    example: Built, example_4x3: Built
) -> None:
    """五大新坐标: five upright cards side by side at 16:9; on the narrower 4:3 body the items
    become rows of cards, heads and texts still on the one slide (no detail slides)."""
    wide = next(s for s in example.deck.slides if s.title == "五大新坐标" and s.kind == "items")
    heads = [e for e in wide.elements if isinstance(e, TextBlock) and e.role == "head"]
    assert len(heads) == 5 and len({h.box.y for h in heads}) == 1  # one row of cards
    deck, outline = example_4x3.deck, example_4x3.outline
    slide = next(s for _, s in outline.slides() if s.title == "五大新坐标")
    assert slide.items is not None and len(slide.items) == 5
    pages = [s for s in deck.slides if s.title.startswith("五大新坐标") and s.kind != "divider"]
    assert [p.kind for p in pages] == ["items"]
    heads = [e for e in pages[0].elements if isinstance(e, TextBlock) and e.role == "head"]
    assert len({h.box.y for h in heads}) == 5  # one row each
    read = read_back(example_4x3.path)[pages[0].number - 1]
    text = "".join(read.text.split())
    for item in slide.items:
        assert item.head in text and "".join((item.text or "").split()) in text


@pytest.mark.parametrize("count", [5, 9, 10])
@pytest.mark.parametrize("text", [0, 12, 40])
def test_frameworks_on_4_3_fit_and_lose_nothing(tmp_path: Path, count: int, text: int) -> None:
    """Row cards (five items, or nine and ten heads in two columns) or their fallbacks."""
    from test_layout import geometry_problems, size_problems

    items = [
        {
            "head": f"第{n}项重点任务要求"[: 4 + n % 6],
            **({"text": sentence(n)[:text]} if text else {}),
        }
        for n in range(count)
    ]
    outline = {
        "briefgen": 1,
        "title": "框架",
        "sections": [{"title": "一节", "slides": [{"title": "若干方面", "items": items}]}],
    }
    deck, theme = lay_out_file(write_outline(outline, tmp_path / "f.yaml"), theme=str(THEME_4X3))
    assert geometry_problems(deck) == [] and size_problems(deck, theme) == []
    shown = "".join("".join(s.text.split()) for s in deck.slides)
    for item in items:
        assert "".join(item["head"].split()) in shown
        assert "".join(item.get("text", "").split()) in shown


def test_long_cover_details_shrink_to_one_line_or_grow_their_box(tmp_path: Path) -> None:
    """The 4:3 cover column is 8.2 in: a date and place of 45 characters no longer fit at 20 pt."""
    from test_layout import geometry_problems

    place = "温州市鹿城区委党校报告厅（五马街道、南汇街道、七都街道、双屿街道联合宣讲点）"
    outline = {
        "briefgen": 1,
        "title": "封面",
        "kicker": "学习贯彻市委十二届十一次全体（扩大）会议精神专题宣讲",
        "organiser": "中共温州市鹿城区委宣传部、中共温州市鹿城区委党校、温州市鹿城区社科联",
        "date": "二〇二〇年十二月",
        "place": place,
        "sections": [{"title": "一节", "slides": [{"title": "要点", "points": ["一"]}]}],
    }
    deck, _ = lay_out_file(write_outline(outline, tmp_path / "c.yaml"), theme=str(THEME_4X3))
    assert geometry_problems(deck) == []
    meta = [e for e in deck.slides[0].elements if isinstance(e, TextBlock) and e.role == "meta"]
    assert "".join(place.split()) in "".join(meta[-1].text.split())
    assert all(a.box.y + a.box.h <= b.box.y for a, b in itertools.pairwise(meta))
    assert all(e.box.y + e.box.h <= deck.height for e in meta)


def test_build_with_an_unknown_slide_size_says_where_and_what_to_write(tmp_path: Path) -> None:
    theme = tmp_path / "wide.yaml"
    theme.write_text("extends: party-red\nname: wide\nslide-size: 16:10\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--theme", str(theme)])
    assert result.exit_code == 1
    assert f"{theme}:3:13: slide-size: '16:10' is not allowed here" in result.stderr
    assert "'16:9' or '4:3'" in result.stderr and "Traceback" not in result.output
    assert not out.exists()
