"""Every run of text meets WCAG AA against what it is drawn on, in every built-in theme.

The example deck and every stress outline (tests/stress/*.yaml) are laid out with each theme
of themes/*.yaml (found by glob, so a theme added later is covered), written as .pptx and read
back with python-pptx. For each run (plain text, quoted-term emphasis, inline ordinals, table
cells) the colour, size and weight come from the XML; the background is the fill of the last
solid shape under the text box's centre (a table cell's own fill), else the slide's
background. AA: 4.5:1, or 3:1 for text of 24 pt and up or bold from 18.7 pt.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from _deckfixtures import EXAMPLE, REPO
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_FILL
from pptx.util import Length

from briefgen.build import lay_out, theme_for
from briefgen.layout import (
    Box,
    DeckInfo,
    Inches,
    LaidDeck,
    LaidSlide,
    Paragraph,
    Span,
    TextBlock,
)
from briefgen.outline import load_outline
from briefgen.render import render_pptx
from briefgen.theme import contrast_ratio, load_theme, readable_color, required_contrast

THEMES = sorted(p for p in (REPO / "themes").glob("*.yaml"))
STRESS = sorted(
    p for p in (REPO / "tests" / "stress").glob("*.yaml") if "briefgen:" in p.read_text("utf-8")
)
"""The stress outlines (rosters beside them are not outlines)."""
OUTLINES = [EXAMPLE, *STRESS]


def test_the_known_ratios() -> None:
    assert contrast_ratio("FFFFFF", "000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # deck-style.md's figures: gold on the primary red 3.4:1, the accent red on it 1.4:1
    assert contrast_ratio("D4A017", "A40000") == pytest.approx(3.43, abs=0.01)
    assert contrast_ratio("C8102E", "A40000") == pytest.approx(1.38, abs=0.01)
    assert required_contrast(14, False) == 4.5
    assert required_contrast(18.7, True) == 3.0
    assert required_contrast(18, True) == 4.5
    assert required_contrast(24, False) == 3.0


hex_colour = st.integers(0, 0xFFFFFF).map(lambda v: f"{v:06X}")


@given(hex_colour, hex_colour)
def test_contrast_is_symmetric_and_bounded(a: str, b: str) -> None:
    ratio = contrast_ratio(a, b)
    assert 1.0 <= ratio <= 21.0
    assert ratio == pytest.approx(contrast_ratio(b, a))


def test_emphasis_on_the_red_is_gold_when_large_and_weight_when_small() -> None:
    theme = load_theme("party-red")
    preferred = ("accent", "gold", "white")
    assert readable_color(theme, preferred, "white", 24, True) == "accent"
    assert readable_color(theme, preferred, "primary", 44, True) == "gold"
    assert readable_color(theme, preferred, "primary", 14, True) == "white"
    # the section label in the bar: the gold fails at 14 pt, the cream passes
    assert readable_color(theme, ("gold", "cream"), "primary", 14, False) == "cream"


@dataclass(frozen=True, slots=True)
class Run:
    """One run of text read back, with what it is drawn on."""

    where: str
    text: str
    colour: str
    behind: str
    size: float
    bold: bool

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.colour, self.behind)

    def passes(self) -> bool:
        return self.ratio >= required_contrast(self.size, self.bold) - 1e-9


def _solid(fill: object) -> str | None:
    """The RGB of a solid fill, else None."""
    if getattr(fill, "type", None) == MSO_FILL.SOLID:
        rgb: RGBColor = fill.fore_color.rgb  # type: ignore[attr-defined]
        return str(rgb)
    return None


def _centre_in(x: int, y: int, left: Length, top: Length, width: Length, height: Length) -> bool:
    return left <= x <= left + width and top <= y <= top + height


def runs_of(data: bytes) -> list[Run]:
    """Every run of every slide of a .pptx, with the colour behind it."""
    out: list[Run] = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        background = _solid(slide.background.fill) or "FFFFFF"
        fills: list[tuple[tuple[Length, Length, Length, Length], str]] = []
        for shape in slide.shapes:
            where = f"slide {number} {shape.name}"
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        behind = _solid(cell.fill) or background
                        for par in cell.text_frame.paragraphs:
                            out += _par_runs(where, par, behind)
                continue
            if shape.has_text_frame and shape.text_frame.text:
                cx, cy = shape.left + shape.width // 2, shape.top + shape.height // 2
                behind = next(
                    (c for box, c in reversed(fills) if _centre_in(cx, cy, *box)), background
                )
                for par in shape.text_frame.paragraphs:
                    out += _par_runs(where, par, behind)
            colour = _solid(shape.fill) if hasattr(shape, "fill") else None
            if colour is not None:
                fills.append(((shape.left, shape.top, shape.width, shape.height), colour))
    return out


def _par_runs(where: str, par: object, behind: str) -> list[Run]:
    out = []
    for run in par.runs:  # type: ignore[attr-defined]
        if not run.text.strip():
            continue
        font = run.font
        assert font.size is not None and font.color.rgb is not None, where
        out.append(Run(where, run.text, str(font.color.rgb), behind, font.size.pt, bool(font.bold)))
    return out


def failures(data: bytes) -> list[str]:
    return [
        f"{r.where}: {r.text!r} #{r.colour} on #{r.behind} at {r.size:g} pt"
        f"{' bold' if r.bold else ''}: {r.ratio:.2f}:1"
        for r in runs_of(data)
        if not r.passes()
    ]


@pytest.fixture(scope="module", params=OUTLINES, ids=lambda p: p.stem)
def outline(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.mark.parametrize("theme_path", THEMES, ids=lambda p: p.stem)
def test_every_run_meets_aa_on_what_it_is_drawn_on(outline: Path, theme_path: Path) -> None:
    loaded = load_outline(outline)
    theme = theme_for(loaded, str(theme_path))
    deck = lay_out(loaded, theme)
    data = render_pptx(deck, theme)
    slides_read = {r.where.split()[1] for r in runs_of(data)}
    assert len(slides_read) == len(deck.slides)  # every slide was read and has text
    assert failures(data) == []


def test_the_stress_corpus_is_there() -> None:
    names = {p.name for p in STRESS}
    assert {"long-chrome.yaml", "twenty-sections.yaml", "long-district.yaml"} <= names
    assert len(THEMES) >= 2


def test_the_check_finds_the_accent_red_on_the_red_cover() -> None:
    """The test above can fail: a cover title with its quoted term in the accent red."""
    theme = load_theme("party-red")
    text = "学习“八八战略”"
    block = TextBlock(
        Box(Inches(1), Inches(1), Inches(10), Inches(1)),
        (Paragraph((text,), emphasis=(Span(2, 8),)),),
        44,
        "title",
        color="white",
        bold=True,
        emphasis_color="accent",
    )
    slide = LaidSlide("cover", text, 1, (block,), background="primary")
    deck = LaidDeck(DeckInfo(title=text), (slide,), Inches(13.333), Inches(7.5), theme.name)
    found = failures(render_pptx(deck, theme))
    assert len(found) == 1 and "“八八战略”" in found[0] and "1.38:1" in found[0]


def test_quoted_terms_on_the_red_cover_are_gold_and_stay_accent_on_white() -> None:
    loaded = load_outline(REPO / "tests" / "stress" / "long-chrome.yaml")
    theme = theme_for(loaded, "party-red")
    runs = runs_of(render_pptx(lay_out(loaded, theme), theme))
    gold, accent = theme.color("gold"), theme.color("accent")
    cover_terms = [r for r in runs if r.where.startswith("slide 1 title") and "八八战略" in r.text]
    assert cover_terms and all(r.colour == gold and r.bold for r in cover_terms)
    body_terms = [r for r in runs if " body" in r.where and "“" in r.text]
    assert body_terms and all(r.colour == accent for r in body_terms)
    labels = [r for r in runs if " section" in r.where]
    assert labels and all(r.colour != gold for r in labels)
