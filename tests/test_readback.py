"""Nothing lost: every text of an outline can be read back from the built .pptx.

The deck is opened with python-pptx (PowerPoint's object model, not our writer's code) and
every string of the expanded outline must appear in some slide's text or notes. Compared
without whitespace, since the writer puts line breaks (a:br, read back as "\\v") between lines.
The same holds for generated outlines, whose slides must also read back exactly as laid out.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from _deckfixtures import (
    Built,
    ReadSlide,
    build,
    expected_shapes,
    outline_dicts,
    outline_strings,
    read_back,
    squash,
    write_outline,
)
from hypothesis import HealthCheck, Phase, given, settings


def lost_strings(built: Built, slides: list[ReadSlide]) -> list[tuple[str, str]]:
    """The outline's strings found neither in the slides' nor in the notes' text.

    A string passes if it is in one slide or its notes, or in the run of body text across
    slides (a point split at a sentence continues on the next slide after its title bar).
    """
    pages = [squash(s.text) + "\n" + squash(s.notes) for s in slides]
    stream = squash("".join(p for s in slides for shape in s.body for p in shape))
    lost = []
    for where, text in outline_strings(built.outline):
        wanted = squash(text)
        if not any(wanted in page for page in pages) and wanted not in stream:
            lost.append((where, text))
    return lost


def mismatches(built: Built, slides: list[ReadSlide]) -> list[str]:
    """Slides whose text or notes in the .pptx differ from the laid-out deck."""
    found = []
    if len(slides) != len(built.deck.slides):
        found.append(f"{len(slides)} slides in the file, {len(built.deck.slides)} laid out")
    for laid, read in zip(built.deck.slides, slides, strict=False):
        if list(read.shapes) != expected_shapes(laid):
            found.append(f"slide {laid.number}: {read.shapes!r} != {expected_shapes(laid)!r}")
        if squash(read.notes) != squash(laid.notes):
            found.append(f"slide {laid.number}: notes {read.notes!r} != {laid.notes!r}")
    return found


def test_every_string_of_the_example_reaches_the_deck(example: Built) -> None:
    slides = read_back(example.path)
    strings = outline_strings(example.outline)
    assert len(strings) > 200  # the example's texts, after {{ variables }} are filled in
    assert not any("{{" in text for _, text in strings)
    assert lost_strings(example, slides) == []


@pytest.mark.parametrize("name", ["example", "stress"])
def test_decks_read_back_exactly_as_laid_out(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    assert mismatches(built, read_back(built.path)) == []


def test_nothing_of_the_stress_outline_is_lost(stress: Built) -> None:
    """Continued lists, items, tables, terms and a point split at sentences lose nothing."""
    assert lost_strings(stress, read_back(stress.path)) == []


def test_notes_and_cover_facts_are_in_the_notes(example: Built) -> None:
    slides = read_back(example.path)
    outline = example.outline
    assert outline.source and squash(outline.source) in squash(slides[0].notes)
    first = outline.sections[0].slides[0]
    assert first.notes is not None
    numbered = [s for s in example.deck.slides if s.title == first.title]
    assert squash(first.notes) == squash(slides[numbered[0].number - 1].notes)


def test_the_check_notices_a_lost_string(example: Built) -> None:
    slides = read_back(example.path)
    gone = [ReadSlide(s.shapes, s.body, s.notes.replace("二〇三五年远景目标", "")) for s in slides]
    gone = [
        ReadSlide(tuple(t for t in s.shapes if "二〇三五年" not in "".join(t)), (), s.notes)
        for s in gone
    ]
    lost = lost_strings(example, gone)
    assert lost and all("二〇三五年" in text for _, text in lost), lost


@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: big decks shrink slowly
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=outline_dicts())
def test_generated_outlines_lose_nothing(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outline = write_outline(data, Path(folder) / "gen.yaml")
        built = build(outline, Path(folder) / "out" / "gen.pptx")
        slides = read_back(built.path)
    assert lost_strings(built, slides) == []
    assert mismatches(built, slides) == []
