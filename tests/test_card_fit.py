"""Cards, terms, questions and points fitted end to end: the stress outlines of tests/stress/
(`terms-long.yaml`: 12 terms with long explanations, 10 long questions, short ones, five long
items; `points-many.yaml`: 15 and 30 points, points of 150–250 characters) built, read back
with python-pptx and rendered by LibreOffice, and the example deck's short slides grown.
"""

from __future__ import annotations

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
    read_back,
    squash,
    warning_paths,
)
from test_overflow_pdf import XHTML, Word, regions, run

from briefgen.errors import ThemeError
from briefgen.layout import TextBlock
from briefgen.theme import load_theme

STRESS = REPO / "tests" / "stress"
CONTINUED = "（续）"
BODY_ROLES = {"body", "sub", "question", "term", "explain", "head", "item-text"}


@pytest.fixture(
    scope="module",
    params=["terms-long", "points-many", "terms-long 4:3", "points-many 4:3"],
)
def stress_deck(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Each stress outline built on 16:9 slides and on 4:3 slides (`THEME_4X3`)."""
    name, _, narrow = str(request.param).partition(" ")
    folder = tmp_path_factory.mktemp(name)
    theme = str(THEME_4X3) if narrow else None
    return build(STRESS / f"{name}.yaml", folder / f"{name}.pptx", theme=theme)


@pytest.fixture(scope="module")
def terms_long(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("terms-long-only")
    return build(STRESS / "terms-long.yaml", folder / "terms-long.pptx")


def slides_titled(built: Built, title: str) -> list[int]:
    """Indices of the slides of the outline slide `title` (its continuations included)."""
    return [
        i
        for i, s in enumerate(built.deck.slides)
        if s.title == title or s.title == title + CONTINUED or s.title.startswith(title + "·")
    ]


def test_every_term_and_explanation_reads_back_in_order(terms_long: Built) -> None:
    slides = read_back(terms_long.path)
    (slide,) = [s for sec in terms_long.outline.sections for s in sec.slides if s.terms][:1]
    assert slide.terms is not None and len(slide.terms) == 12
    shown = slides_titled(terms_long, slide.title)
    text = "".join(squash("".join(p for shape in slides[i].body for p in shape)) for i in shown)
    for term in slide.terms:  # a continued explanation repeats its term, marked （续）
        text = text.replace(squash(term.term) + CONTINUED, "")
    expected = "".join(squash(t.term) + squash(t.explain or "") for t in slide.terms)
    assert text == expected
    assert any(terms_long.deck.slides[i].title.endswith(CONTINUED) for i in shown)


def test_continuations_and_splits_are_warned_with_their_position(terms_long: Built) -> None:
    warnings = [(w.line, w.message) for w in terms_long.result.warnings]
    source = (STRESS / "terms-long.yaml").read_text(encoding="utf-8").splitlines()
    slide_line = next(n for n, line in enumerate(source, 1) if "title: 十二个提法" in line)
    term_line = next(n for n, line in enumerate(source, 1) if "term: “提法8”" in line)
    assert any(line == slide_line and "continued on" in m for line, m in warnings), warnings
    assert any(line == term_line and "explanation too long" in m for line, m in warnings)
    items_line = next(n for n, line in enumerate(source, 1) if "title: 五条长启示" in line)
    assert any(line == items_line and "detail slide" in m for line, m in warnings)


def test_short_questions_balance_and_short_terms_stay_on_one_slide(terms_long: Built) -> None:
    deck = terms_long.deck
    questions = [
        [b for b in deck.slides[i].elements if isinstance(b, TextBlock) and b.role == "question"]
        for i in slides_titled(terms_long, "十二个短问题")
    ]
    assert [len(q) for q in questions] == [6, 6]
    (short,) = slides_titled(terms_long, "三个短提法")  # one slide, at least half full
    assert deck.slides[short].fill_ratio >= 0.5


def test_item_texts_go_several_to_a_detail_slide(terms_long: Built) -> None:
    shown = slides_titled(terms_long, "五条长启示")
    deck = terms_long.deck
    assert deck.slides[shown[0]].kind == "items"
    details = [deck.slides[i] for i in shown[1:]]
    assert 1 <= len(details) < 5  # not one slide per item
    heads = [
        [b for b in s.elements if isinstance(b, TextBlock) and b.role == "head"] for s in details
    ]
    assert sum(len(h) for h in heads) == 5 and all(len(h) >= 2 for h in heads)
    assert details[0].title.startswith("五条长启示·一是至")


def test_body_text_never_below_the_minimum_nor_above_the_maximum(stress_deck: Built) -> None:
    theme = stress_deck.theme
    for slide in stress_deck.deck.slides:
        for b in slide.elements:
            if isinstance(b, TextBlock) and b.role in BODY_ROLES:
                assert theme.sizes.min_body <= b.size <= theme.sizes.max_body + 2, (
                    slide.title,
                    b.role,
                )


def test_many_points_paginate_balanced(stress_deck: Built) -> None:
    deck = stress_deck.deck
    groups: dict[str, list[float]] = {}
    for slide in deck.slides:
        if slide.kind in {"points", "questions", "terms"} and slide.part[1] > 1:
            groups.setdefault(slide.title.removesuffix(CONTINUED), []).append(slide.fill_ratio)
    for title, fills in groups.items():
        assert fills[-1] * 3 >= max(fills), (title, fills)


def test_the_example_grows_its_short_slides_and_stays_at_44_with_no_new_warning(
    example: Built,
) -> None:
    deck, theme = example.deck, example.theme
    assert len(deck.slides) == 44
    assert warning_paths(example.result.warnings) == EXAMPLE_WARNINGS
    grown = [
        s
        for s in deck.slides
        if s.kind in {"points", "questions"}
        and any(
            isinstance(b, TextBlock)
            and b.role in {"body", "question"}
            and b.size > theme.sizes.body
            for b in s.elements
        )
    ]
    assert len(grown) >= 4  # the slides under half full at 24 pt (one keeps 24: a stub line)
    flowing = [s for s in deck.slides if s.kind in {"points", "questions"}]
    assert all(s.fill_ratio >= 0.5 for s in flowing)  # grown or opened up: none half empty
    terms = [
        b
        for s in deck.slides
        if s.kind == "terms"
        for b in s.elements
        if isinstance(b, TextBlock) and b.role == "explain"
    ]
    assert min(b.size for b in terms) > theme.sizes.min_body


def test_max_body_defaults_to_28_and_is_validated(tmp_path: Path) -> None:
    assert load_theme("party-red").sizes.max_body == 28
    big = tmp_path / "big.yaml"
    big.write_text("extends: party-red\nname: big\nsizes:\n  body: 32\n", encoding="utf-8")
    assert load_theme(str(big)).sizes.max_body == 32  # no max-body: the body itself
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("extends: party-red\nname: w\nsizes:\n  max-body: 20\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="max-body"):
        load_theme(str(wrong))


@pytest.fixture(scope="module")
def rendered(stress_deck: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Path]:
    return stress_deck, convert_to_pdf(stress_deck.path, tmp_path_factory.mktemp("pdf"))


def test_libreoffice_draws_every_word_inside_its_box(rendered: tuple[Built, Path]) -> None:
    built, pdf = rendered
    root = ET.fromstring(run("pdftotext", "-bbox-layout", str(pdf), "-"))
    pages = list(root.iter(XHTML + "page"))
    assert len(pages) == len(built.deck.slides)
    outside = []
    seen = 0
    for slide, page in zip(built.deck.slides, pages, strict=True):
        shapes = regions(slide)
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        for w in page.iter(XHTML + "word"):
            word = Word(
                w.text or "", *(float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax"))
            )
            seen += 1
            on_page = word.x0 >= 0 and word.x1 <= width and word.y0 >= 0 and word.y1 <= height
            if not on_page or not any(shape.holds(word) for shape in shapes):
                outside.append(f"slide {slide.number} 《{slide.title}》: {word.text!r}")
    assert outside == []
    assert seen > 500  # every slide's words were looked at
