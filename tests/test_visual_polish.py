"""Visual QA of the merged layout (issue 10): one title size per agenda page, a cover kicker
clear of the title, and a terms page that uses the body's height.

The stress outlines are laid out and read back as text blocks; a property test varies the
section titles' lengths.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
import yaml
from _deckfixtures import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import lay_out, theme_for
from briefgen.layout import Box, LaidDeck, LaidSlide, Rect, TextBlock
from briefgen.outline import load_outline

STRESS = REPO / "tests" / "stress"


def laid(path: Path) -> LaidDeck:
    loaded = load_outline(path)
    return lay_out(loaded, theme_for(loaded, None))


def agenda_sizes(deck: LaidDeck) -> list[set[float]]:
    """For each agenda page, the sizes of its section titles."""
    return [
        {e.size for e in s.elements if isinstance(e, TextBlock) and e.role == "agenda-title"}
        for s in deck.slides
        if s.kind == "agenda"
    ]


# --- 1. one title size per agenda page ---------------------------------------------------


@pytest.mark.parametrize("name", ["twenty-sections", "long-chrome", "everything-long"])
def test_every_agenda_title_of_a_page_has_one_size(name: str) -> None:
    pages = agenda_sizes(laid(STRESS / f"{name}.yaml"))
    assert pages and all(len(sizes) == 1 for sizes in pages), pages


def test_a_page_takes_fewer_lines_over_a_larger_size() -> None:
    """trainer-mix: every title fits one line at 22 pt; 26 pt would break 全会召开的背|景…."""
    deck = laid(STRESS / "trainer-mix.yaml")
    titles = [
        e for s in deck.slides if s.kind == "agenda"
        for e in s.elements if isinstance(e, TextBlock) and e.role == "agenda-title"
    ]  # fmt: skip
    assert titles and all(len(t.paragraphs[0].lines) == 1 for t in titles)


def test_the_example_agenda_keeps_its_size() -> None:
    assert agenda_sizes(laid(REPO / "briefs" / "wenzhou-2020-plenum.yaml")) == [{26.0}]


_WORDS = ["科技创新", "：", "打造具有全国影响力的", "区域科创高地", "和“双创”示范城市", "温州",
          "高质量发展", "COVID-19", "共同富裕示范区", "、", "市域样板"]  # fmt: skip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8).map("".join),
        min_size=1,
        max_size=14,
    )
)
def test_any_section_titles_share_their_page_size(
    tmp_path_factory: pytest.TempPathFactory, titles: list[str]
) -> None:
    outline = {
        "briefgen": 1, "title": "宣讲提纲", "organiser": "中共××区委宣传部",
        "sections": [
            {"title": t.lstrip("：、") or "标题", "slides": [{"title": "要点", "points": ["要点。"]}]}
            for t in titles
        ],
    }  # fmt: skip
    path = tmp_path_factory.mktemp("agenda") / "outline.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), "utf-8")
    deck = laid(path)
    pages = agenda_sizes(deck)
    assert all(len(sizes) == 1 for sizes in pages), pages
    for slide in (s for s in deck.slides if s.kind == "agenda"):  # each title fits its row
        for block in (e for e in slide.elements if isinstance(e, TextBlock)):
            if block.role == "agenda-title":
                lines = len(block.paragraphs[0].lines)
                assert lines * block.size * 1.2 * 12700 <= block.box.h + 12700


# --- 2. a kicker clear of the cover title ------------------------------------------------


def kicker_gap(deck: LaidDeck) -> float:
    """Inches between the cover kicker's last line and the top of the title's box."""
    blocks = {e.role: e for e in deck.slides[0].elements if isinstance(e, TextBlock)}
    kicker, title = blocks["kicker"], blocks["title"]
    lines = sum(len(p.lines) for p in kicker.paragraphs)
    text_h = (lines * kicker.line_spacing + 0.15) * kicker.size * 12700
    return (title.box.y - kicker.box.y - text_h) / 914400 * 7.5 / (deck.height / 914400)


@pytest.mark.parametrize("name", ["everything-long", "long-chrome"])
def test_a_two_line_kicker_stands_clear_of_the_title(name: str) -> None:
    deck = laid(STRESS / f"{name}.yaml")
    kicker = next(e for e in deck.slides[0].elements if getattr(e, "role", "") == "kicker")
    assert isinstance(kicker, TextBlock) and len(kicker.paragraphs[0].lines) == 2
    assert kicker_gap(deck) >= 0.245


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kicker=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14).map("".join),
    title=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map("".join),
)
def test_any_kicker_stands_clear_of_the_title(
    tmp_path_factory: pytest.TempPathFactory, kicker: str, title: str
) -> None:
    outline = {
        "briefgen": 1, "title": title.lstrip("：、") or "标题", "kicker": kicker.lstrip("：、") or "学习",
        "organiser": "中共××区委宣传部",
        "sections": [{"title": "概况", "slides": [{"title": "要点", "points": ["要点。"]}]}],
    }  # fmt: skip
    path = tmp_path_factory.mktemp("cover") / "outline.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), "utf-8")
    assert kicker_gap(laid(path)) >= 0.245


# --- 3. a few short terms use the body's height ------------------------------------------

INCH = 914400


def term_cards(slide: LaidSlide) -> list[Box]:
    """The boxes of a terms slide's cards (their cream ground), top to bottom."""
    return sorted(
        (
            e.box
            for e in slide.elements
            if isinstance(e, Rect) and e.fill == "cream" and e.box.h > INCH // 5  # not a rule
        ),
        key=lambda b: (b.y, b.x),
    )


def test_three_short_terms_stand_one_a_row_over_the_body() -> None:
    deck = laid(STRESS / "terms-long.yaml")
    slide = next(s for s in deck.slides if s.title == "三个短提法")
    cards = term_cards(slide)
    assert len(cards) == 3 and len({c.x for c in cards}) == 1  # one column
    assert all(c.w > deck.width * 0.8 for c in cards)  # at full width
    footer = min(e.box.y for e in slide.elements if isinstance(e, TextBlock) and e.role == "footer")
    used, body = cards[-1].y + cards[-1].h - cards[0].y, footer - cards[0].y
    assert used >= 0.85 * body, (used / INCH, body / INCH)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    terms=st.lists(
        st.tuples(
            st.sampled_from(["“八八战略”", "“重要窗口”", "“两个健康”", "“双创”", "市域样板"]),
            st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map("".join),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_single_terms_page_stays_in_its_body_without_overlap(
    tmp_path_factory: pytest.TempPathFactory, terms: list[tuple[str, str]]
) -> None:
    outline = {
        "briefgen": 1, "title": "宣讲提纲", "organiser": "中共××区委宣传部",
        "sections": [{"title": "概况", "slides": [
            {"title": "提法", "terms": [{"term": t, "explain": e} for t, e in terms]}
        ]}],
    }  # fmt: skip
    path = tmp_path_factory.mktemp("terms") / "outline.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), "utf-8")
    deck = laid(path)
    pages = [s for s in deck.slides if s.kind == "terms"]
    for slide in pages:
        cards = term_cards(slide)
        footer = min(
            e.box.y for e in slide.elements if isinstance(e, TextBlock) and e.role == "footer"
        )
        assert cards[-1].y + cards[-1].h <= footer
        for a, b in combinations(cards, 2):  # no overlap
            assert a.y + a.h <= b.y or a.x + a.w <= b.x
        if len(terms) <= 3 and len(pages) == 1:
            assert len({c.x for c in cards}) == 1
