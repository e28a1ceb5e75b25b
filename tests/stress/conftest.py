"""The stress corpus, built once per session: every outline of tests/stress/ (and the example)
built to .pptx, plus one deck tampered with on purpose, all converted to PDF by ONE
LibreOffice call, and each PDF's words read back with `pdftotext -bbox-layout`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from _deckfixtures import write_outline
from _stress import (
    Case,
    Corpus,
    StressDeck,
    build_case,
    cases,
    convert_all,
    require_tools,
    with_pages,
)

from briefgen.errors import BriefgenError

TAMPER_SHIFT_PT = 120
"""How far the tampered deck's body shape is moved down."""


def tamper_outline() -> dict[str, object]:
    """A small outline with one points slide, for the deck whose body shape gets moved."""
    return {
        "briefgen": 1,
        "title": "篡改检验",
        "sections": [{"title": "检验", "slides": [{
            "title": "被移动的正文",
            "points": ["第一条要点在这里", "第二条要点在这里", "第三条要点在这里"],
        }]}],
    }  # fmt: skip


def tampered_deck(folder: Path) -> tuple[StressDeck, int]:
    """Build `tamper_outline()`, then move its points slide's body shape down in the .pptx:
    LibreOffice draws the words where the layout did not put them."""
    from pptx import Presentation
    from pptx.util import Pt

    work = folder / "tamper"
    work.mkdir()
    outline = write_outline(tamper_outline(), work / "tampered.yaml")
    (deck,) = build_case(Case("tampered", outline), work)
    number = next(s.number for s in deck.deck.slides if s.kind == "points")
    presentation = Presentation(str(deck.pptx))
    body = next(
        shape
        for shape in presentation.slides[number - 1].shapes
        if shape.name.rsplit(" ", 1)[0] == "body"
    )
    body.top = body.top + Pt(TAMPER_SHIFT_PT)
    moved = folder / "tampered.pptx"
    presentation.save(str(moved))
    return replace(deck, pptx=moved), number


@pytest.fixture(scope="session")
def stress_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Build every case, convert every deck in one soffice call, read the words back."""
    require_tools()
    folder = tmp_path_factory.mktemp("stress-corpus")
    decks: dict[str, list[StressDeck]] = {}
    failures: dict[str, str] = {}
    for case in cases():
        try:
            decks[case.name] = build_case(case, folder)
        except BriefgenError as exc:
            failures[case.name] = str(exc)
    tampered, number = tampered_deck(folder)
    every = [deck for built in decks.values() for deck in built]
    pdfs = convert_all([*(deck.pptx for deck in every), tampered.pptx], folder)
    decks = {
        name: [with_pages(deck, pdfs[deck.pptx]) for deck in built] for name, built in decks.items()
    }
    return Corpus(decks, failures, with_pages(tampered, pdfs[tampered.pptx]), number)
