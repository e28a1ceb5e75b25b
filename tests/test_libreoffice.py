"""A rendered deck opens in LibreOffice: one PDF page per slide, Noto CJK fonts, real Chinese text.

Needs soffice and poppler-utils (pdfinfo, pdffonts, pdftotext). Skipped when they are missing
on a developer machine; in CI (the CI variable set) they must be installed and these tests run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_render_pptx import make_image, sample_deck, visible  # tests/ is on sys.path

from briefgen.build import write_pptx
from briefgen.layout import LaidDeck, TableBlock, TextBlock
from briefgen.theme import load_theme

TOOLS = ("soffice", "pdfinfo", "pdffonts", "pdftotext")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"LibreOffice/poppler not installed ({', '.join(MISSING)} missing); CI runs these",
)


def run(*args: str, timeout: float = 60) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=timeout).stdout


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[LaidDeck, Path]:
    """The sample deck written as .pptx and converted to PDF with a private LibreOffice profile."""
    if MISSING:
        pytest.fail(f"CI is set but {', '.join(MISSING)} are not installed")
    folder = tmp_path_factory.mktemp("lo")
    deck = sample_deck(make_image(folder), slides=10)
    pptx = write_pptx(deck, load_theme("party-red"), folder / "deck.pptx")
    profile = (folder / "profile").as_uri()
    run(
        "soffice", f"-env:UserInstallation={profile}", "--headless",
        "--convert-to", "pdf", "--outdir", str(folder), str(pptx),
        timeout=180,
    )  # fmt: skip
    pdf = folder / "deck.pdf"
    assert pdf.is_file(), "LibreOffice produced no PDF"
    return deck, pdf


def test_one_page_per_slide(converted: tuple[LaidDeck, Path]) -> None:
    deck, pdf = converted
    pages = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.MULTILINE)
    assert pages is not None
    assert int(pages[1]) == len(deck.slides)


def test_noto_cjk_fonts_are_used_and_embedded(converted: tuple[LaidDeck, Path]) -> None:
    _, pdf = converted
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    names = [line.split()[0] for line in fonts if line.strip()]
    assert any(re.search(r"Noto ?Sans ?CJK", n) for n in names), names
    assert any(re.search(r"Noto ?Serif ?CJK", n) for n in names), names  # the serif cover title
    assert all(line.split()[-5] == "yes" for line in fonts if line.strip()), fonts  # emb


def test_chinese_text_extracts_as_written(converted: tuple[LaidDeck, Path]) -> None:
    deck, pdf = converted
    pages = run("pdftotext", "-enc", "UTF-8", str(pdf), "-").split("\f")

    def squash(text: str) -> str:
        return re.sub(r"\s+", "", text)

    for slide, page in zip(deck.slides, pages, strict=False):
        found = squash(page)
        for element in slide.elements:
            texts: list[str] = []
            if isinstance(element, TextBlock):
                texts = [p.text for p in element.paragraphs]
            elif isinstance(element, TableBlock):
                texts = [c.text for row in (element.header, *element.rows) for c in row]
            for text in texts:
                if "\U00020000" in text:  # outside Noto CJK's repertoire: drawn as a box
                    continue
                assert squash(visible(text)) in found, (slide.number, text, page)
