"""The built-in looks (party-red, gongwen, gov-blue and their -office variants) on the example.

Each theme builds the example deck; python-pptx reads it back: every run names the theme's
faces in `a:latin` and `a:ea` with lang zh-CN and a colour of the theme's palette, the cover
and the title bar are filled or plain as `cover:` and `title-bar:` say, and, for the themes
whose faces are installed, LibreOffice's PDF keeps every word in its box and embeds only the
theme's faces.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import EXAMPLE, EXAMPLE_WARNINGS, Built, build, convert_to_pdf, warning_paths
from pptx import Presentation
from pptx.util import Emu
from test_overflow_pdf import run, words_outside

from briefgen.errors import ThemeError
from briefgen.layout import EMU_PER_PT
from briefgen.theme import builtin_themes, load_theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LOOKS = ("party-red", "gongwen", "gov-blue")
THEMES = tuple(name for look in LOOKS for name in (look, f"{look}-office"))
CONVERTED = tuple(name for name in THEMES if name != "party-red")
"""The themes whose PDF is checked here (party-red's is checked by test_overflow_pdf.py). The
office variants' faces are not installed here: LibreOffice shows its fallback faces, and the
words must still keep to their boxes."""


@pytest.fixture(scope="module", params=THEMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example deck built in each built-in theme."""
    folder = tmp_path_factory.mktemp(request.param)
    return build(EXAMPLE, folder / "deck.pptx", theme=request.param)


def test_the_three_looks_and_their_office_variants_are_built_in() -> None:
    assert set(THEMES) <= set(builtin_themes())
    for look in LOOKS:
        base, office = load_theme(look), load_theme(f"{look}-office")
        assert (base.font_set, office.font_set) == ("portable", "office")
        assert office.colors == base.colors and office.cover == base.cover


def test_each_theme_builds_the_example_as_party_red_does(built: Built) -> None:
    assert built.result.slides == 44
    assert warning_paths(built.result.warnings) == EXAMPLE_WARNINGS


def test_every_run_names_the_theme_faces_and_colours(built: Built) -> None:
    theme = built.theme
    faces = {(theme.face(r).latin, theme.face(r).ea) for r in ("sans", "serif", "quote")}
    palette = {theme.color(name) for name in theme.colors.model_dump()}
    used_faces: set[tuple[str, str]] = set()
    runs = 0
    with zipfile.ZipFile(built.path) as archive:
        for name in archive.namelist():
            if not re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                continue
            root = ET.fromstring(archive.read(name))
            for rpr in root.iter(A + "rPr"):
                latin, ea = rpr.find(A + "latin"), rpr.find(A + "ea")
                assert latin is not None and ea is not None, name
                assert rpr.get("lang") == "zh-CN", name
                pair = (latin.get("typeface", ""), ea.get("typeface", ""))
                assert pair in faces, (name, pair)
                used_faces.add(pair)
                color = rpr.find(f"{A}solidFill/{A}srgbClr")
                assert color is not None and color.get("val") in palette, name
                runs += 1
    assert runs > 500
    assert used_faces == faces  # titles (sans), the cover and numerals (serif), quotations


def _fill(shape: object) -> str | None:
    fill = shape.fill  # type: ignore[attr-defined]
    return str(fill.fore_color.rgb) if fill.type == 1 else None  # MSO_FILL.SOLID


def test_cover_and_title_bar_are_filled_or_plain_as_the_theme_says(built: Built) -> None:
    theme = built.theme
    presentation = Presentation(str(built.path))
    slides = list(presentation.slides)
    width = presentation.slide_width
    assert width is not None
    cover_bg = slides[0].background.fill.fore_color.rgb
    assert str(cover_bg) == theme.color("primary" if theme.cover == "filled" else "white")
    content = next(
        s for s, laid in zip(slides, built.deck.slides, strict=True) if laid.kind == "points"
    )
    title = next(shape for shape in content.shapes if shape.name.startswith("title "))
    run_color = title.text_frame.paragraphs[0].runs[0].font.color.rgb
    bars = [
        shape
        for shape in content.shapes
        if shape.name.startswith("rect ") and shape.top == 0 and shape.width == width
    ]
    if theme.title_bar == "filled":
        assert str(run_color) == theme.color("white")
        assert [_fill(bar) for bar in bars] == [theme.color("primary")]
    else:
        assert str(run_color) == theme.color("ink")
        assert bars == []  # no filled bar: one primary rule under the title instead
        rules = [
            shape
            for shape in content.shapes
            if shape.name.startswith("rect ") and _fill(shape) == theme.color("primary")
        ]
        assert len(rules) == 1 and rules[0].height < Emu(EMU_PER_PT * 3)
        assert rules[0].top >= title.top + title.height - Emu(EMU_PER_PT)


@pytest.fixture(scope="module", params=CONVERTED)
def converted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Built, Path]:
    """The example deck in a built-in theme and LibreOffice's PDF of it."""
    folder = tmp_path_factory.mktemp(f"{request.param}-pdf")
    built = build(EXAMPLE, folder / "deck.pptx", theme=request.param)
    return built, convert_to_pdf(built.path, folder)


def test_libreoffice_keeps_every_word_in_its_box(converted: tuple[Built, Path]) -> None:
    built, pdf = converted
    outside = words_outside(built.deck.slides, pdf)
    assert outside == []


@pytest.mark.parametrize("converted", ["gongwen", "gov-blue"], indirect=True)
def test_the_pdf_embeds_the_theme_faces_and_no_other(converted: tuple[Built, Path]) -> None:
    """The portable themes' faces (the office faces are not installed here)."""
    built, pdf = converted
    rows = [line.split() for line in run("pdffonts", str(pdf)).splitlines()[2:] if line.strip()]
    names = {re.sub(r"^[A-Z]{6}\+", "", row[0]) for row in rows}
    wanted = {built.theme.face(role).ea for role in ("sans", "serif", "quote")}
    squashed = {face.replace(" ", "").replace("CJKSC", "CJK") for face in wanted}
    assert all(any(face in name for face in squashed) for name in names), (names, wanted)
    assert all(any(face in name for name in names) for face in squashed), (names, wanted)
    assert all(row[-5] == "yes" for row in rows), rows  # embedded


def test_title_bar_and_cover_accept_only_their_looks(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "briefgen-theme: 1\nextends: gongwen\nname: bad\ntitle-bar: bar\ncover: none\n",
        encoding="utf-8",
    )
    with pytest.raises(ThemeError) as raised:
        load_theme(str(bad))
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{bad}:4:12: title-bar: 'bar' is not allowed here; use one of 'filled' or 'ruled'",
        f"{bad}:5:8: cover: 'none' is not allowed here; use one of 'filled' or 'plain'",
    ]
    default = load_theme("party-red")  # which says neither: today's look
    assert (default.title_bar, default.cover) == ("filled", "filled")


@pytest.mark.parametrize("name", LOOKS)
def test_the_terminal_draws_the_title_bar_as_the_theme_does(name: str) -> None:
    from rich.console import Console

    from briefgen.build import theme_preview
    from briefgen.render import SlideView

    shown = theme_preview(name, Path())
    console = Console(width=80, color_system="truecolor", force_terminal=True, record=True)
    view = SlideView(shown.slide, len(shown.deck.slides), shown.theme, width=80)
    segments = list(console.render(view))
    title = next(s for s in segments if s.text.startswith(shown.slide.title[:4]))
    assert title.style is not None and title.style.color is not None
    theme = shown.theme
    if theme.title_bar == "filled":
        assert title.style.bgcolor is not None
        assert title.style.bgcolor.get_truecolor().hex.upper() == f"#{theme.color('primary')}"
        assert title.style.color.get_truecolor().hex.upper() == f"#{theme.color('white')}"
    else:  # on the slide's ground, in ink
        assert title.style.bgcolor is not None
        assert title.style.bgcolor.get_truecolor().hex.upper() == f"#{theme.color('white')}"
        assert title.style.color.get_truecolor().hex.upper() == f"#{theme.color('ink')}"
