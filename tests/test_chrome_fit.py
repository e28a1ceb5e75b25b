"""Framing slides and chrome fit, whatever the trainer writes (issue 10, points 1 and 6).

The stress outlines tests/stress/long-chrome.yaml (cover lines, section titles and leads of
60–120 characters, slide titles of 90–120), twenty-sections.yaml (20 sections) and
long-district.yaml, batch-built with a roster whose district name has 80 characters, are laid
out and checked box by box: every framing and chrome text lies on the slide, its lines fit its
box's height, no two of them overlap, the body starts below a grown title bar, and every
compromise (a shrink to the minimum, a shortened label or footer) is a warning whose full text
stands elsewhere in the deck. Then LibreOffice draws them: every word of the PDF lies inside
its own shape (±2 pt), on the page, with no more lines than the layout planned and no line
that starts with closing punctuation. Property tests vary the lengths.
"""

from __future__ import annotations

import subprocess
from itertools import combinations
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from _deckfixtures import EXAMPLE_WARNINGS, REPO, THEME_4X3, convert_to_pdf, squash, warning_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import build_file, find_district, lay_out, run_batch, theme_for
from briefgen.errors import Diagnostic
from briefgen.layout import EMU_PER_PT, NO_LINE_START, LaidDeck, LaidSlide, Rect, TextBlock
from briefgen.outline import load_outline
from briefgen.render import render_pptx

STRESS = REPO / "tests" / "stress"
LONG_CHROME = STRESS / "long-chrome.yaml"
TWENTY = STRESS / "twenty-sections.yaml"
LONG_DISTRICT = STRESS / "long-district.yaml"
ROSTER = STRESS / "long-district-roster.yaml"
LONG_NAME = yaml.safe_load(ROSTER.read_text("utf-8"))["districts"][1]["name"]
CHROME = {"title", "section", "footer", "page"}
FRAMING = {"cover", "agenda", "divider", "closing"}
TOLERANCE_PT = 2.0
XHTML = "{http://www.w3.org/1999/xhtml}"


def laid(path: Path, district: str | None = None, theme_name: str | None = None) -> LaidDeck:
    loaded = load_outline(path)
    theme = theme_for(loaded, theme_name)
    chosen = find_district(ROSTER, district, outline=loaded) if district else None
    return lay_out(loaded, theme, district=chosen)


def fitted_blocks(slide: LaidSlide) -> list[TextBlock]:
    """The text blocks this work fits: all of a framing slide's, the chrome of the others."""
    return [
        e
        for e in slide.elements
        if isinstance(e, TextBlock) and (slide.kind in FRAMING or e.role in CHROME)
    ]


def _lines_height(block: TextBlock) -> float:
    """The height (EMU) the block's lines take: n pitches plus the descender allowance."""
    lines = sum(len(p.lines) for p in block.paragraphs)
    pitch = block.size * block.line_spacing * EMU_PER_PT
    return lines * pitch + 0.15 * block.size * EMU_PER_PT


def box_problems(deck: LaidDeck) -> list[str]:
    """Framing and chrome texts off the slide, taller than their box, or overlapping."""
    found = []
    for slide in deck.slides:
        blocks = fitted_blocks(slide)
        for b in blocks:
            where = f"slide {slide.number} {b.role} {b.text[:12]!r}"
            box = b.box
            if box.x < 0 or box.y < 0 or box.x + box.w > deck.width or box.y + box.h > deck.height:
                found.append(f"{where}: off the slide")
            if _lines_height(b) > box.h + EMU_PER_PT:
                found.append(f"{where}: {_lines_height(b) / EMU_PER_PT:.0f} pt of lines in a box")
            for par in b.paragraphs:
                for line in par.lines[1:]:
                    if line[:1] in NO_LINE_START:
                        found.append(f"{where}: a line starts with {line[:1]!r}")
        for a, b in combinations(blocks, 2):
            if (
                a.box.x < b.box.x + b.box.w
                and b.box.x < a.box.x + a.box.w
                and a.box.y < b.box.y + b.box.h
                and b.box.y < a.box.y + a.box.h
            ):
                found.append(f"slide {slide.number}: {a.role} and {b.role} overlap")
        bars = [e for e in slide.elements if isinstance(e, Rect) and e.fill == "primary"]
        if slide.kind not in FRAMING and bars:
            bar_bottom = bars[0].box.y + bars[0].box.h
            for e in slide.elements:
                if isinstance(e, TextBlock) and e.role not in CHROME and e.box.y < bar_bottom:
                    found.append(f"slide {slide.number}: {e.role} starts inside the title bar")
    return found


def deck_text(deck: LaidDeck, kinds: set[str]) -> str:
    return squash("".join(s.text for s in deck.slides if s.kind in kinds))


def messages(deck: LaidDeck) -> list[str]:
    return [w.message for w in deck.warnings]


@pytest.fixture(scope="module")
def long_chrome() -> LaidDeck:
    return laid(LONG_CHROME)


@pytest.fixture(scope="module")
def twenty() -> LaidDeck:
    return laid(TWENTY)


@pytest.fixture(scope="module")
def long_district() -> LaidDeck:
    return laid(LONG_DISTRICT, LONG_NAME)


def test_the_district_name_has_80_characters() -> None:
    assert len(LONG_NAME) == 80


@pytest.mark.parametrize("name", ["long_chrome", "twenty", "long_district"])
def test_every_framing_and_chrome_box_fits(name: str, request: pytest.FixtureRequest) -> None:
    deck: LaidDeck = request.getfixturevalue(name)
    assert box_problems(deck) == []


@pytest.mark.parametrize("path", [LONG_CHROME, TWENTY, LONG_DISTRICT], ids=lambda p: p.stem)
def test_every_box_fits_on_4x3_slides(path: Path) -> None:
    district = LONG_NAME if path == LONG_DISTRICT else None
    deck = laid(path, district, str(THEME_4X3))
    assert deck.width < deck.height * 1.5  # 4:3 indeed
    assert box_problems(deck) == []


def test_the_check_sees_a_box_too_small() -> None:
    from dataclasses import replace

    deck = laid(TWENTY)
    slide = deck.slides[0]
    title = next(e for e in slide.elements if isinstance(e, TextBlock) and e.role == "title")
    small = replace(title, box=replace(title.box, h=title.box.h // 3))
    broken = replace(slide, elements=(*slide.elements, small))
    problems = box_problems(replace(deck, slides=(broken,)))
    assert any("pt of lines in a box" in p for p in problems)
    assert any("overlap" in p for p in problems)


def test_long_titles_grow_the_bar_and_push_the_body_down(long_chrome: LaidDeck) -> None:
    standard = next(s for s in laid(TWENTY).slides if s.kind == "points")  # a one-line title
    assert standard.kind == "points"
    base_bar = next(e for e in standard.elements if isinstance(e, Rect)).box.h
    grown = 0
    for slide in long_chrome.slides:
        if slide.kind in FRAMING:
            continue
        bar = next(e for e in slide.elements if isinstance(e, Rect))
        title = next(e for e in slide.elements if isinstance(e, TextBlock) and e.role == "title")
        assert bar.box.h >= base_bar
        assert title.size >= 22  # never below min-title
        if len(title.paragraphs[0].lines) > 2:
            grown += 1
            assert bar.box.h > base_bar
    assert grown >= 2
    assert sum("taller title bar" in m for m in messages(long_chrome)) == grown


def test_shortened_chrome_says_so_and_stands_in_full_elsewhere(long_chrome: LaidDeck) -> None:
    outline = load_outline(LONG_CHROME).outline
    shown = deck_text(long_chrome, {"agenda", "divider"})
    cover = deck_text(long_chrome, {"cover", "closing"})
    labels = {b.text for s in long_chrome.slides for b in fitted_blocks(s) if b.role == "section"}
    shortened = [label for label in labels if label.endswith("…")]
    full = [f"{n}、{section.title}" for n, section in zip("一二", outline.sections, strict=False)]
    assert len(shortened) == 2
    for label in shortened:  # the head of its full label, on at most two lines
        assert any(squash(f).startswith(squash(label)[:-1]) for f in full)
    assert all(len(b.paragraphs[0].lines) <= 2 for s in long_chrome.slides
               for b in fitted_blocks(s) if b.role == "section")  # fmt: skip
    for section in outline.sections:
        assert squash(section.title) in shown  # the full title: on its divider and the agenda
    assert sum("section label" in m for m in messages(long_chrome)) == len(outline.sections)
    footers = {b.text for s in long_chrome.slides for b in fitted_blocks(s) if b.role == "footer"}
    (footer,) = footers
    assert "…" in footer and "2020年12月28日" in footer  # one line, the date kept whole
    assert all(len(p.lines) == 1 for s in long_chrome.slides for b in fitted_blocks(s)
               if b.role in {"footer", "page"} for p in b.paragraphs)  # fmt: skip
    assert outline.organiser and squash(outline.organiser) in cover
    assert outline.date and squash(outline.date) in cover
    footer_warnings = [m for m in messages(long_chrome) if m.startswith("the footer")]
    assert footer_warnings and all("the cover shows it in full" in m for m in footer_warnings)


def test_every_outline_word_is_on_a_framing_slide_or_a_slide(long_chrome: LaidDeck) -> None:
    o = load_outline(LONG_CHROME).outline
    framing = deck_text(long_chrome, FRAMING)
    for text in (o.title, o.subtitle, o.kicker, o.organiser, o.presenter, o.date, o.place):
        assert text and squash(text) in framing
    for section in o.sections:
        assert section.lead and squash(section.lead) in framing
        for slide in section.slides:
            # the title in the bar (titles are never shortened)
            assert any(squash(slide.title) == squash(s.title) for s in long_chrome.slides)


def test_every_compromise_is_a_positioned_warning(tmp_path: Path) -> None:
    result = build_file(LONG_CHROME, tmp_path / "long-chrome.pptx")
    said = [w.message for w in result.warnings]
    for kind in ("the kicker is shrunk", "the title is shrunk", "section label", "footer"):
        assert any(kind in m for m in said), kind
    assert all(w.file == str(LONG_CHROME) and w.line and w.path for w in result.warnings)
    lines = LONG_CHROME.read_text("utf-8").splitlines()
    kicker = next(w for w in result.warnings if "kicker" in w.message)
    assert lines[kicker.line - 1].startswith("kicker:")  # type: ignore[operator]


def test_twenty_sections_reflow_and_continue_the_agenda(twenty: LaidDeck) -> None:
    agendas = [s for s in twenty.slides if s.kind == "agenda"]
    assert [s.title for s in agendas][:2] == ["目录", "目录（续）"]
    numbers = [
        b for s in agendas for b in s.elements
        if isinstance(b, TextBlock) and b.role == "agenda-number"
    ]  # fmt: skip
    assert [b.text for b in numbers][10:] == ["十一", "十二", "十三", "十四", "十五", "十六",
                                             "十七", "十八", "十九", "二十"]  # fmt: skip
    assert all(len(b.paragraphs[0].lines) == 1 for b in numbers)
    for number in numbers:  # the numeral's measured width fits its tile
        assert number.size * len(number.text) * EMU_PER_PT <= number.box.w
    outline = load_outline(TWENTY).outline
    shown = deck_text(twenty, {"agenda"})
    assert all(squash(s.title) in shown for s in outline.sections)
    assert any("目录（续）" in m for m in messages(twenty))


def test_a_long_district_fits_the_cover_the_footer_and_the_closing(
    long_district: LaidDeck,
) -> None:
    cover = long_district.slides[0]
    meta = [b for b in cover.elements if isinstance(b, TextBlock) and b.role == "meta"]
    assert any(LONG_NAME in squash(b.text) for b in meta)
    assert all(b.box.y + b.box.h <= long_district.height for b in meta)


def test_the_batch_builds_the_80_character_district(tmp_path: Path) -> None:
    result = run_batch(LONG_DISTRICT, ROSTER, tmp_path / "out", jobs=1)
    by_name = {d.name: d for d in result.results}
    long = by_name[LONG_NAME]
    assert long.status == "built" and long.file is not None
    assert by_name["鹿城区"].warnings == ()
    said = [w.message for w in long.warnings]
    assert any(m.startswith("the footer is too long") for m in said)
    assert all(isinstance(w, Diagnostic) and w.file for w in long.warnings)


def test_the_example_keeps_its_frame(example_deck: LaidDeck) -> None:
    assert len(example_deck.slides) == 44
    assert warning_paths(example_deck.warnings) == EXAMPLE_WARNINGS
    assert box_problems(example_deck) == []


@pytest.fixture(scope="module")
def example_deck() -> LaidDeck:
    return laid(REPO / "briefs" / "wenzhou-2020-plenum.yaml")


# --- property: any lengths -------------------------------------------------------------

_WORDS = ["学习贯彻", "“八八战略”", "续写创新史", "2020年12月28日", "，", "。", "温州", "高质量发展",
          "（扩大）", "COVID-19", "“两个维护”", "共同富裕示范区", "、", "市域样板"]  # fmt: skip


def _text(low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_WORDS), min_size=low, max_size=high).map(
        lambda words: ("".join(words) or "标题").lstrip("，。、") or "标题"
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_text(1, 20),
    kicker=_text(1, 12),
    organiser=_text(1, 14),
    place=_text(1, 14),
    date=_text(1, 8),
    sections=st.lists(st.tuples(_text(1, 14), _text(1, 20), _text(1, 18)), min_size=1, max_size=12),
)
def test_any_lengths_fit_their_boxes(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    kicker: str,
    organiser: str,
    place: str,
    date: str,
    sections: list[tuple[str, str, str]],
) -> None:
    outline = {
        "briefgen": 1, "title": title, "kicker": kicker, "organiser": organiser,
        "place": place, "date": date, "presenter": organiser, "dividers": "always",
        "sections": [
            {"title": t, "lead": lead, "slides": [{"title": s, "points": ["要点。"]}]}
            for t, lead, s in sections
        ],
    }  # fmt: skip
    path = tmp_path_factory.mktemp("any") / "outline.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), "utf-8")
    deck = laid(path)
    assert box_problems(deck) == []
    framing = deck_text(deck, FRAMING)
    for text in (title, kicker, organiser, place, date, *(t for t, _, _ in sections)):
        assert squash(text) in framing


# --- LibreOffice draws them ------------------------------------------------------------


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
        timeout=60,
    ).stdout  # fmt: skip
    pages = []
    for page in ET.fromstring(xml).iter(XHTML + "page"):
        pages.append(
            [
                (w.text or "", *(float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")))
                for w in page.iter(XHTML + "word")
            ]
        )
    return pages  # type: ignore[return-value]


@pytest.fixture(scope="module", params=["long_chrome", "twenty", "long_district"])
def drawn(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[LaidDeck, list[list[tuple[str, float, float, float, float]]]]:
    deck: LaidDeck = request.getfixturevalue(request.param)
    folder = tmp_path_factory.mktemp(f"pdf-{request.param}")
    path = LONG_DISTRICT if request.param == "long_district" else (
        LONG_CHROME if request.param == "long_chrome" else TWENTY
    )  # fmt: skip
    pptx = folder / f"{request.param}.pptx"
    pptx.write_bytes(render_pptx(deck, theme_for(load_outline(path))))
    return deck, _words(convert_to_pdf(pptx, folder))


def test_libreoffice_draws_every_word_inside_its_own_box(
    drawn: tuple[LaidDeck, list[list[tuple[str, float, float, float, float]]]],
) -> None:
    deck, pages = drawn
    assert len(pages) == len(deck.slides)
    problems = []
    t = TOLERANCE_PT
    width, height = deck.width / EMU_PER_PT, deck.height / EMU_PER_PT
    for slide, words in zip(deck.slides, pages, strict=True):
        blocks = [e for e in slide.elements if isinstance(e, TextBlock)]
        owned: dict[int, list[tuple[str, float, float, float, float]]] = {}
        for word in words:
            text, x0, y0, x1, y1 = word
            if x0 < -t or y0 < -t or x1 > width + t or y1 > height + t:
                problems.append(f"slide {slide.number}: {text!r} off the page")
            owners = [
                i for i, b in enumerate(blocks)
                if squash(text) in squash("".join((p.bullet or "") + p.text for p in b.paragraphs))
                and x0 >= b.box.x / EMU_PER_PT - t and y0 >= b.box.y / EMU_PER_PT - t
                and x1 <= (b.box.x + b.box.w) / EMU_PER_PT + t
                and y1 <= (b.box.y + b.box.h) / EMU_PER_PT + t
            ]  # fmt: skip
            if not owners:
                problems.append(f"slide {slide.number}: {text!r} at ({x0:.0f}, {y0:.0f}) outside")
            else:
                owned.setdefault(owners[0], []).append(word)
        for i, block in enumerate(blocks):
            if block not in fitted_blocks(slide):
                continue
            tops = sorted({round(w[2]) for w in owned.get(i, [])})
            rows = [y for k, y in enumerate(tops) if k == 0 or y - tops[k - 1] > block.size * 0.5]
            planned = sum(len(p.lines) for p in block.paragraphs)
            if len(rows) > planned:
                problems.append(
                    f"slide {slide.number} {block.role}: {len(rows)} lines drawn, {planned} planned"
                )
            for y in rows:
                line = sorted((w for w in owned.get(i, []) if abs(w[2] - y) <= block.size * 0.5),
                              key=lambda w: w[1])  # fmt: skip
                if line and line[0][0][:1] in NO_LINE_START and line[0][0][:1] not in "·—…":
                    problems.append(f"slide {slide.number}: a line starts with {line[0][0]!r}")
    assert problems == []


def test_a_label_shown_nowhere_else_is_never_shortened() -> None:
    from briefgen.layout._frame import title_bar
    from briefgen.layout._geometry import geometry_for
    from briefgen.layout._measurer import font_set
    from briefgen.theme import load_theme

    theme = load_theme("party-red")
    geometry, fonts = geometry_for(theme), font_set(theme)
    label = "一、" + "很长的篇章标题" * 20
    kept = title_bar("短标题", label, theme, geometry, fonts, label_shown_elsewhere=False)
    shown = [e for e in kept.elements if isinstance(e, TextBlock) and e.role == "section"]
    assert kept.section_notices == () and shown[0].text == label
    assert kept.bar_height > geometry.bar_height  # the bar grows to hold it
    assert _lines_height(shown[0]) <= shown[0].box.h
    cut = title_bar("短标题", label, theme, geometry, fonts)
    assert cut.bar_height == geometry.bar_height and len(cut.section_notices) == 1
