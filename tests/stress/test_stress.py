"""The stress corpus in LibreOffice: whatever a trainer writes, nothing is clipped or lost.

Every outline of tests/stress/ (`X-roster.yaml` makes `X.yaml` a batch build with that roster)
and the example brief are built, converted to PDF by one soffice call per session, and read
back with `pdftotext -bbox-layout`. Each (outline, check) pair is one test, so a failure names
the outline, and its message the slide and the word. The checks live in `_stress_checks.py`:

- inside: every word lies inside its own shape's box (± 2 pt) and on the page;
- overlap: no two shapes' words overlap;
- lines: LibreOffice draws no more lines per shape than the layout planned (no re-wrap);
- punctuation: no drawn line starts with closing or ends with opening punctuation;
- strings: every outline text (after district expansion) is in the slides or the notes;
- sizes: body text is never below 18 pt;
- warnings: a slide shrunk to the minimum, continued, or with shortened chrome has a
  warning positioned (FILE:LINE:COL) at that slide.

Tests skip when soffice/poppler are missing, unless CI is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from _stress import STRESS_DIR, Case, Corpus, Page, StressDeck, Word, build_case, cases
from _stress_checks import (
    CHECKS,
    check_lines,
    check_overlap,
    check_punctuation,
    spaced,
    spans_slides,
)
from _stress_words import Region, assign, rendered_lines
from hypothesis import given
from hypothesis import strategies as st

KNOWN_FAILURES: dict[tuple[str, str], str] = {}
"""(outline, check) → why it fails on this branch today. Each is a strict xfail: when a fix
lands and the case passes, the test fails until its entry is deleted here. Empty this list
as the layout fixes of issue 10 are merged."""

CASES = [case.name for case in cases()]


def _params() -> list[object]:
    out: list[object] = []
    for case in CASES:
        for check in CHECKS:
            reason = KNOWN_FAILURES.get((case, check))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(case, check, marks=marks, id=f"{case}-{check}"))
    return out


def test_known_failures_name_real_cases() -> None:
    stale = [key for key in KNOWN_FAILURES if key[0] not in CASES or key[1] not in CHECKS]
    assert stale == []


@pytest.mark.parametrize(("case", "check"), _params())
def test_stress(stress_corpus: Corpus, case: str, check: str) -> None:
    if case in stress_corpus.failures:
        pytest.fail(f"{case} did not build: {stress_corpus.failures[case]}")
    problems = [p for deck in stress_corpus.decks[case] for p in CHECKS[check](deck)]
    assert problems == [], f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------- the checks can fail


def test_a_moved_shape_is_caught(stress_corpus: Corpus) -> None:
    """A body shape moved down in the .pptx after the build: LibreOffice draws its words
    below the layout's box, and the inside check names that slide and those words."""
    problems = CHECKS["inside"](stress_corpus.tampered)
    slide = f"slide {stress_corpus.tampered_slide} "
    moved = [p for p in problems if slide in p and "outside its shape body" in p]
    assert any("第一条要点在这里" in p for p in moved), problems
    others = [p for p in problems if slide not in p]
    assert others == []  # the untouched slides of the same deck pass


def test_the_untampered_slides_pass_every_check(stress_corpus: Corpus) -> None:
    deck = stress_corpus.tampered
    assert CHECKS["punctuation"](deck) == []
    assert CHECKS["sizes"](deck) == []
    assert CHECKS["strings"](deck) == []


def _region(text: str, lines: int = 1, **box: float) -> Region:
    edges = {"x0": 0.0, "y0": 0.0, "x1": 200.0, "y1": 100.0, **box}
    return Region("body 'x'", text=text, lines=lines, size=20.0, role="body", **edges)


def test_assign_cuts_a_word_glued_from_two_shapes() -> None:
    head = _region("一是", x1=40)
    text = _region("坚定战略方向", x0=40)
    glued = Word("一是坚定战略方向", 0, 10, 160, 30)
    assigned = assign([glued], [head, text])
    assert [w.text for w in assigned.by_region[head]] == ["一是"]
    assert [w.text for w in assigned.by_region[text]] == ["坚定战略方向"]
    assert assigned.strays == []


def test_a_repeated_word_goes_to_the_shape_it_is_drawn_in() -> None:
    top = _region("温州", y1=50)
    bottom = _region("温州", y0=50)
    word = Word("温州", 10, 60, 50, 80)
    assert assign([word], [top, bottom]).by_region[bottom] == [word]


def _deck_of(words: list[Word], shapes: list[Region]) -> object:
    """A stand-in `StressDeck` for the page-level checks: one slide, these words."""
    from types import SimpleNamespace

    from briefgen.layout import Box, LaidSlide, Length, Paragraph, TextBlock

    blocks = tuple(
        TextBlock(
            Box(
                Length(int(s.x0 * 12700)),
                Length(int(s.y0 * 12700)),
                Length(int((s.x1 - s.x0) * 12700)),
                Length(int((s.y1 - s.y0) * 12700)),
            ),
            (Paragraph(tuple(s.text.split("|"))),),
            s.size,
            "body",
        )
        for s in shapes
    )
    slide = LaidSlide("points", "测试", 1, blocks)
    return SimpleNamespace(
        label="made-up",
        deck=SimpleNamespace(slides=(slide,)),
        pages=(Page(960, 540, tuple(words)),),
        where=lambda s: f"made-up slide {s.number}",
    )


def test_the_line_check_counts_a_rewrapped_line() -> None:
    one_line = _region("全会强调开局是关键")
    deck = _deck_of(
        [Word("全会强调开局", 0, 0, 120, 20), Word("是关键", 0, 25, 60, 45)], [one_line]
    )
    problems = check_lines(deck)  # type: ignore[arg-type]
    assert len(problems) == 1 and "planned 1 line(s), LibreOffice drew 2" in problems[0]
    assert rendered_lines(one_line, [Word("全会强调", 0, 0, 80, 20)])  # one line is fine


def test_the_punctuation_check_catches_a_line_starting_with_a_comma() -> None:
    shape = _region("突破|，锚定", lines=2)
    deck = _deck_of([Word("突破", 0, 0, 40, 20), Word("，锚定", 0, 25, 60, 45)], [shape])
    problems = check_punctuation(deck)  # type: ignore[arg-type]
    assert len(problems) == 1 and "starts with '，'" in problems[0]


def test_the_overlap_check_catches_two_shapes_drawn_on_each_other() -> None:
    title = _region("标题文字", y1=40)
    body = _region("正文内容", y0=40)
    deck = _deck_of([Word("标题文字", 0, 20, 80, 45), Word("正文内容", 0, 30, 80, 55)],
                    [title, body])  # fmt: skip
    problems = check_overlap(deck)  # type: ignore[arg-type]
    assert len(problems) == 1 and "'标题文字'" in problems[0] and "'正文内容'" in problems[0]


@given(
    st.lists(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), min_size=1,
                     max_size=12), min_size=2, max_size=4),
    st.integers(0, 2),
)  # fmt: skip
def test_a_glued_word_is_cut_into_pieces_of_real_shapes(texts: list[str], first: int) -> None:
    shapes = [_region(text, x0=40.0 * i, x1=40.0 * (i + 1)) for i, text in enumerate(texts)]
    a, b = texts[first % len(texts)], texts[(first + 1) % len(texts)]
    glued = Word(a + b, 0, 10, 80, 30)
    assigned = assign([glued], shapes)
    pieces = sorted((w for words in assigned.by_region.values() for w in words), key=lambda w: w.x0)
    assert "".join(w.text for w in pieces) == a + b
    assert all(w.text in shape.text for shape, ws in assigned.by_region.items() for w in ws)
    assert assigned.strays == []
    assert len(pieces) <= 2


@pytest.fixture(scope="module")
def trainer_deck(tmp_path_factory: pytest.TempPathFactory) -> StressDeck:
    """trainer-mix.yaml built (no LibreOffice needed for the .pptx-level checks)."""
    folder = tmp_path_factory.mktemp("trainer")
    (deck,) = build_case(Case("trainer-mix", STRESS_DIR / "trainer-mix.yaml"), folder)
    return deck


def _edited(deck: StressDeck, folder: Path, edit: Callable[[Any], None]) -> StressDeck:
    """The deck with its .pptx changed by `edit` (given the python-pptx Presentation)."""
    from pptx import Presentation

    presentation = Presentation(str(deck.pptx))
    edit(presentation)
    path = folder / "edited.pptx"
    presentation.save(str(path))
    return replace(deck, pptx=path)


def _first_body(presentation: Any) -> Any:
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.name.rsplit(" ", 1)[0] == "body":
                return shape
    raise AssertionError("no body shape")


def test_the_size_check_catches_small_body_text(trainer_deck: StressDeck, tmp_path: Path) -> None:
    from pptx.util import Pt

    before = set(CHECKS["sizes"](trainer_deck))

    def shrink(presentation: Any) -> None:
        _first_body(presentation).text_frame.paragraphs[0].runs[0].font.size = Pt(14)

    problems = set(CHECKS["sizes"](_edited(trainer_deck, tmp_path, shrink))) - before
    assert len(problems) == 1 and all("body run" in p and "14 pt" in p for p in problems)


def test_the_strings_check_catches_a_lost_point(trainer_deck: StressDeck, tmp_path: Path) -> None:
    before = set(CHECKS["strings"](trainer_deck))

    def drop(presentation: Any) -> None:
        paragraph = _first_body(presentation).text_frame.paragraphs[0]
        for run in paragraph.runs:
            run.text = ""

    problems = set(CHECKS["strings"](_edited(trainer_deck, tmp_path, drop))) - before
    assert problems and all("points[1]" in p for p in problems), problems


def test_the_warnings_check_wants_a_positioned_warning(trainer_deck: StressDeck) -> None:
    continued = next(s for s in trainer_deck.deck.slides if s.part == (1, 2))
    unplaced = tuple(replace(w, line=None, column=None) for w in trainer_deck.warnings)
    problems = CHECKS["warnings"](replace(trainer_deck, warnings=unplaced))
    assert any(f"slide {continued.number} " in p and "continuation" in p for p in problems)
    placed = CHECKS["warnings"](trainer_deck)
    assert not any(f"slide {continued.number} " in p for p in placed)


def test_a_text_may_continue_over_consecutive_slides_only() -> None:
    pages = ["标题一开篇要点第一句话的前半", "标题一（续）“术语”（续）后半句话到此结束", "别的内容"]
    assert spans_slides("第一句话的前半后半句话到此结束", pages)
    assert spans_slides("开篇要点", pages)
    assert not spans_slides("第一句话的前半中间丢失的句子后半句话到此结束", pages)
    assert not spans_slides("第一句话的前半别的内容", pages)  # not the next slide


def test_words_stay_words_when_read_back() -> None:
    assert spaced("突破，\n锚定") == "突破，锚定"
    assert spaced("Weekly\vReview") == spaced("Weekly Review") == "Weekly Review"
    assert spaced("US$2.5  billion，约") == "US$2.5 billion，约"
    assert spaced("Weekly-\vReview") != spaced("Weekly Review")  # a hyphen at a space
    assert spaced("internatio\vn\valization") != spaced("internationalization")  # silent break
