"""Visual QA of the merged layout (issue 10): one title size per agenda page, a cover kicker
clear of the title, and a terms page that uses the body's height.

The stress outlines are laid out and read back as text blocks; a property test varies the
section titles' lengths.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from _deckfixtures import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import lay_out, theme_for
from briefgen.layout import LaidDeck, TextBlock
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
