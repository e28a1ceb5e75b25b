"""The text stress outlines in LibreOffice: no re-wrap, every word in its box.

`tests/stress/latin-mixed.yaml` (Latin words, URLs, digits, percentages, Ⅰ–Ⅳ, “quoted
English” drawn bold, long English words in card heads and points) and
`tests/stress/blocks.yaml` (`|` and `>` blocks in every text kind, a quote longer than two
slides) are built, on 16:9 and on 4:3 slides, converted to PDF by LibreOffice and read back with `pdftotext
-bbox-layout`: each word must lie inside a text shape of its slide that holds it (±3 pt,
hyphens the layout draws included), and no text shape may be drawn on more lines than the
layout planned (LibreOffice re-wraps a line it finds too wide: the line count shows it).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import THEME_4X3, Built, build, convert_to_pdf
from test_overflow_pdf import XHTML, Region, Word, regions, run

from briefgen.layout import LaidSlide, TextBlock

STRESS = Path(__file__).parent / "stress"
OUTLINES = ("latin-mixed", "blocks")
THEMES = {"16:9": None, "4:3": str(THEME_4X3)}


@pytest.fixture(
    scope="module", params=[(o, t) for o in OUTLINES for t in THEMES], ids=lambda p: "-".join(p)
)
def converted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Built, Path]:
    outline, shape = request.param
    folder = tmp_path_factory.mktemp(outline)
    built = build(STRESS / f"{outline}.yaml", folder / f"{outline}.pptx", theme=THEMES[shape])
    return built, convert_to_pdf(built.path, folder)


def _pages(pdf: Path) -> list[list[Word]]:
    root = ET.fromstring(run("pdftotext", "-bbox-layout", str(pdf), "-"))
    return [
        [
            Word(w.text or "", *(float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(XHTML + "word")
        ]
        for page in root.iter(XHTML + "page")
    ]


def _owner(word: Word, shapes: list[Region]) -> Region | None:
    """The smallest shape that holds the word."""
    holding = [s for s in shapes if s.holds(word)]
    return min(holding, key=lambda s: (s.x1 - s.x0) * (s.y1 - s.y0), default=None)


def _blocks(slide: LaidSlide) -> dict[str, TextBlock]:
    """The slide's text blocks by the label `regions` gives their shapes."""
    return {f"{e.role} {e.text[:16]!r}": e for e in slide.elements if isinstance(e, TextBlock)}


def _line_count(tops: list[float], pitch: float) -> int:
    """How many lines words whose tops are `tops` stand on (lines are `pitch` pt apart)."""
    count, last = 0, None
    for top in sorted(tops):
        if last is None or top - last > 0.5 * pitch:
            count, last = count + 1, top
    return count


def test_the_line_count_tells_a_rewrap() -> None:
    assert _line_count([100.0, 100.4, 131.2, 131.0], 31.2) == 2
    assert _line_count([100.0, 131.2, 162.4], 31.2) == 3


def test_every_word_lies_inside_its_text_shape(converted: tuple[Built, Path]) -> None:
    built, pdf = converted
    pages = _pages(pdf)
    assert len(pages) == len(built.deck.slides)
    outside = [
        f"slide {slide.number} 《{slide.title}》: {word.text!r} at ({word.x0:.0f}, {word.y0:.0f})"
        for slide, words in zip(built.deck.slides, pages, strict=True)
        for word in words
        if _owner(word, regions(slide)) is None
    ]
    assert outside == []


def test_libreoffice_draws_no_more_lines_than_planned(converted: tuple[Built, Path]) -> None:
    built, pdf = converted
    rewrapped = []
    for slide, words in zip(built.deck.slides, _pages(pdf), strict=True):
        shapes = regions(slide)
        blocks = _blocks(slide)
        rows: dict[str, list[float]] = {}
        for word in words:
            owner = _owner(word, shapes)
            if owner is not None and owner.label in blocks:
                rows.setdefault(owner.label, []).append(word.y0)
        for label, tops in rows.items():
            block = blocks[label]
            drawn = _line_count(tops, block.size * block.line_spacing)
            planned = sum(len(p.lines) for p in block.paragraphs)
            if drawn > planned:
                rewrapped.append(f"slide {slide.number}: {label} {drawn} lines, planned {planned}")
    assert rewrapped == []


def test_the_outlines_hold_what_they_stress(converted: tuple[Built, Path]) -> None:
    built, _ = converted
    deck = built.deck
    hyphenated = [
        p
        for s in deck.slides
        for e in s.elements
        if isinstance(e, TextBlock)
        for p in e.paragraphs
        if any(p.hyphens)
    ]
    if built.path.stem == "latin-mixed":
        assert hyphenated, "no long word was broken with a hyphen"
        heads = [e for s in deck.slides for e in s.elements if isinstance(e, TextBlock)
                 and e.role == "head" and "Internatio" in e.text]  # fmt: skip
        assert heads and all(len(line) > 2 for e in heads for p in e.paragraphs for line in p.lines)
    else:
        quote_pages = [s for s in deck.slides if s.title.startswith("长篇引文")]
        assert len(quote_pages) > 2, "the quote should run over more than two slides"
        for page in quote_pages:
            quotes = [e for e in page.elements if isinstance(e, TextBlock) and e.role == "quote"]
            assert len(quotes) == 1 and len(quotes[0].paragraphs) == 1
        assert all(s.title.endswith("（续）") for s in quote_pages[1:])
        assert all(e.box.y + e.box.h <= deck.height for s in deck.slides for e in s.elements
                   if isinstance(e, TextBlock))  # fmt: skip
