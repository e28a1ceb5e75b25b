"""Overflow in a real client: LibreOffice's PDF of a deck keeps every word in its box.

Our layout claims every line fits its text box; here a renderer we do not control checks the
claim, on the example deck and on the stress deck (every kind of content paginated or
shrunk), each converted once per session. `pdftotext -bbox-layout` gives each word's box in
points, which must lie (within 3 pt) inside a text shape or table of the same slide whose
text contains the word. Also: one page per slide, Noto CJK fonts embedded and no other font,
and the Chinese text extracts as written.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import Built, squash

from briefgen.layout import EMU_PER_PT, LaidSlide, Paragraph, TableBlock, TableCell, TextBlock

TOLERANCE_PT = 3.0
XHTML = "{http://www.w3.org/1999/xhtml}"


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the PDF with its box in points from the page's top-left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class Region:
    """A text shape of a laid-out slide: its box in points and what it says (bullets too)."""

    label: str
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def holds(self, word: Word) -> bool:
        t = TOLERANCE_PT
        inside = (
            word.x0 >= self.x0 - t
            and word.y0 >= self.y0 - t
            and word.x1 <= self.x1 + t
            and word.y1 <= self.y1 + t
        )
        return inside and squash(word.text) in self.text


def drawn(text: Paragraph | TableCell) -> str:
    """A paragraph's or cell's text as drawn: with the hyphen of each word broken inside."""
    return "".join(
        line + ("-" if h else "") for line, h in zip(text.lines, text.hyphens, strict=True)
    )


def regions(slide: LaidSlide) -> list[Region]:
    """The slide's text boxes and tables, in points."""
    out = []
    for element in slide.elements:
        if isinstance(element, TextBlock):
            text = "".join((p.bullet or "") + drawn(p) for p in element.paragraphs)
            label = f"{element.role} {element.text[:16]!r}"
        elif isinstance(element, TableBlock):
            rows = (element.header, *element.rows)
            text = "".join((cell.mark or "") + drawn(cell) for row in rows for cell in row)
            label = "table"
        else:
            continue
        b = element.box
        out.append(
            Region(
                label,
                b.x / EMU_PER_PT,
                b.y / EMU_PER_PT,
                (b.x + b.w) / EMU_PER_PT,
                (b.y + b.h) / EMU_PER_PT,
                squash(text),
            )
        )
    return out


Converted = tuple[Built, Path]


@pytest.fixture(scope="module", params=["example", "stress", "example_4x3", "stress_4x3"])
def converted(request: pytest.FixtureRequest) -> Converted:
    """A built deck and LibreOffice's PDF of it."""
    built: Built = request.getfixturevalue(request.param)
    pdf: Path = request.getfixturevalue(f"{request.param}_pdf")
    return built, pdf


def pdf_words(pdf: Path) -> list[tuple[tuple[float, float], list[Word]]]:
    """Each PDF page's size and words, from `pdftotext -bbox-layout`."""
    root = ET.fromstring(run("pdftotext", "-bbox-layout", str(pdf), "-"))
    out = []
    for page in root.iter(XHTML + "page"):
        size = (float(page.get("width", 0)), float(page.get("height", 0)))
        words = [
            Word(
                w.text or "",
                *(float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for w in page.iter(XHTML + "word")
        ]
        out.append((size, words))
    return out


def words_outside(slides: Sequence[LaidSlide], pdf: Path) -> list[str]:
    """Every word LibreOffice drew outside all the text shapes of its slide (one PDF page
    per slide, asserted), as `slide N 《title》: 'word'`."""
    found = pdf_words(pdf)
    assert len(found) == len(slides)
    outside = []
    for slide, (_, words) in zip(slides, found, strict=True):
        shapes = regions(slide)
        outside += [
            f"slide {slide.number} 《{slide.title}》: {word.text!r}"
            for word in words
            if not any(shape.holds(word) for shape in shapes)
        ]
    return outside


@pytest.fixture(scope="module")
def pages(converted: Converted) -> list[tuple[tuple[float, float], list[Word]]]:
    """Each PDF page's size and words, from `pdftotext -bbox-layout`."""
    return pdf_words(converted[1])


def test_one_page_per_slide(converted: Converted) -> None:
    built, pdf = converted
    count = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE)
    assert count is not None
    assert int(count[1]) == len(built.deck.slides)


def test_every_word_lies_inside_its_text_shape(
    pages: list[tuple[tuple[float, float], list[Word]]], converted: Converted
) -> None:
    deck = converted[0].deck
    assert len(pages) == len(deck.slides)
    outside = []
    for slide, (size, words) in zip(deck.slides, pages, strict=True):
        assert size == pytest.approx((deck.width / EMU_PER_PT, deck.height / EMU_PER_PT), abs=0.5)
        shapes = regions(slide)
        if shapes:
            assert words, f"slide {slide.number}: LibreOffice drew no text"
        for word in words:
            if not any(shape.holds(word) for shape in shapes):
                nearest = min(
                    shapes,
                    key=lambda s: max(
                        s.x0 - word.x0, s.y0 - word.y0, word.x1 - s.x1, word.y1 - s.y1
                    ),
                )
                outside.append(
                    f"slide {slide.number} 《{slide.title}》: {word.text!r} at "
                    f"({word.x0:.0f}, {word.y0:.0f})–({word.x1:.0f}, {word.y1:.0f}) pt, "
                    f"nearest {nearest.label} ({nearest.x0:.0f}, {nearest.y0:.0f})–"
                    f"({nearest.x1:.0f}, {nearest.y1:.0f})"
                )
    assert outside == []


def test_the_check_catches_a_word_outside_its_box(example: Built) -> None:
    slide = next(s for s in example.deck.slides if s.kind == "points")
    body = next(r for r in regions(slide) if r.label.startswith("body"))
    first = body.text[:4]
    assert body.holds(Word(first, body.x0, body.y0, body.x0 + 10, body.y0 + 10))
    below = Word(first, body.x0, body.y1 + 2, body.x0 + 10, body.y1 + 2 + TOLERANCE_PT * 4)
    assert not body.holds(below)
    assert not body.holds(Word("不在这里", body.x0, body.y0, body.x0 + 10, body.y0 + 10))


def test_fonts_are_noto_cjk_embedded_and_nothing_else(converted: Converted) -> None:
    rows = [line.split() for line in run("pdffonts", str(converted[1])).splitlines()[2:]]
    rows = [row for row in rows if row]
    names = [row[0] for row in rows]
    # the PostScript name of the face LibreOffice embeds from the Noto CJK collection
    # (e.g. NotoSansCJKjp-Regular-VKana: one CFF table serves the SC face too)
    assert any(re.search(r"NotoSans-?CJK|Noto Sans CJK", n) for n in names), names
    assert any(re.search(r"NotoSerif-?CJK|Noto Serif CJK", n) for n in names), names
    assert all(re.search(r"Noto ?(Sans|Serif) ?CJK", n) for n in names), names  # no fallback
    assert all(row[-5] == "yes" for row in rows), rows  # the "emb" column


def _pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text page by page in drawing order, without whitespace."""
    text = run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-")
    assert "\ufffd" not in text
    return [squash(page) for page in text.split("\f")]


def test_the_example_phrases_extract_as_written(example_pdf: Path) -> None:
    whole = "".join(_pdf_pages(example_pdf))
    for phrase in ("坚定战略方向", "奋力开创科创高地建设新局面", "续写新时代温州创新史"):
        assert phrase in whole


def test_every_text_extracts_on_its_page(converted: Converted) -> None:
    built, pdf = converted
    missing = []
    for slide, page in zip(built.deck.slides, _pdf_pages(pdf), strict=False):
        for element in slide.elements:
            if isinstance(element, TextBlock):
                texts = [p.text for p in element.paragraphs]
            elif isinstance(element, TableBlock):
                texts = [c.text for row in (element.header, *element.rows) for c in row]
            else:
                continue
            missing += [f"slide {slide.number}: {t!r}" for t in texts if squash(t) not in page]
    assert missing == []
