"""The pager's notes pane: a band of fixed height that shows the current slide's notes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from briefgen.layout import LaidSlide
from briefgen.render._notes_pane import MIN_PANE_ROWS, NotesPane, pane_rows

NOTES = "全会强调，五年看头年、开局是关键。" * 12


def slide(notes: str = NOTES) -> LaidSlide:
    return LaidSlide(kind="points", title="一页", number=3, elements=(), notes=notes)


def rendered(pane: NotesPane, width: int) -> list[str]:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    console.print(pane)
    return console.export_text().splitlines()


def test_the_pane_has_its_height_and_shows_the_notes_from_the_top() -> None:
    lines = rendered(NotesPane(slide(), 44, height=6), 50)
    assert len(lines) == 6
    assert lines[0].startswith("╭─ notes · slide 3/44 · j/k scroll 4/")
    assert lines[1].startswith("│ 全会强调，五年看头年、开局是关键。")
    assert lines[-1].startswith("╰")


def test_scrolling_moves_through_the_notes_and_stops_at_the_end() -> None:
    console = Console(width=50)
    pane = NotesPane(slide(), 44, height=6)
    limit = pane.limit(console, 50)
    assert limit > 0
    end = rendered(NotesPane(slide(), 44, height=6, scroll=limit + 5), 50)
    assert end == rendered(NotesPane(slide(), 44, height=6, scroll=limit), 50)
    total = len(pane.lines(console, 50))
    assert f"j/k scroll {total}/{total}" in end[0]


def test_a_slide_without_notes_says_so() -> None:
    lines = rendered(NotesPane(slide(""), 44, height=4), 40)
    assert "this slide has no speaker notes" in lines[1]


@given(rows=st.integers(min_value=2, max_value=120), wanted=st.integers(min_value=0, max_value=200))
def test_pane_rows_leave_the_slide_most_of_a_tall_screen(rows: int, wanted: int) -> None:
    pane = pane_rows(rows, wanted)
    assert 1 <= pane <= rows - 1
    assert pane <= max(MIN_PANE_ROWS, wanted + 2)
    if rows - 1 >= MIN_PANE_ROWS and wanted >= MIN_PANE_ROWS:
        assert pane >= MIN_PANE_ROWS  # the notes are visible however low the terminal
    if rows >= 30:
        assert pane <= round(0.4 * (rows - 1)) + 1
