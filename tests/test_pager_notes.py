"""The preview's notes pane, fill meter and help, on rendered screens and in a real tmux.

`o` splits the screen: the slide above, the notes pane below, at every terminal height, and
the pane stays open (with the next slide's notes) while moving between slides; `j`/`k` scroll
the notes. The table of contents' fill meter shows `text_coverage`; `?` lists every key.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefgen.build import DeckSource, lay_out_file
from briefgen.layout import text_coverage
from briefgen.render import PagerState, screen, slide_texts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"
DECK, THEME = lay_out_file(EXAMPLE)


def source() -> DeckSource:
    loaded = DeckSource(EXAMPLE)
    loaded.deck, loaded.theme = DECK, THEME
    return loaded


def shown(state: PagerState, cols: int, rows: int) -> list[str]:
    """The lines the pager draws above its status line for `state` on a cols×rows terminal."""
    console = Console(width=cols, height=rows, file=io.StringIO(), color_system=None)
    lines = console.render_lines(
        screen(source(), state, cols=cols, rows=rows, width=None), console.options, pad=False
    )
    return ["".join(segment.text for segment in line) for line in lines][: rows - 1]


def first_notes_line(index: int) -> str:
    return DECK.slides[index].notes.strip().splitlines()[0][:8]


@settings(max_examples=25, deadline=None)
@given(rows=st.integers(min_value=8, max_value=60), cols=st.sampled_from([60, 80, 100, 160]))
def test_notes_are_on_screen_at_any_height(rows: int, cols: int) -> None:
    state = PagerState.for_texts(slide_texts(DECK), index=3).handle("o")
    lines = shown(state, cols, rows)
    assert len(lines) <= rows - 1
    text = "\n".join(lines)
    assert f"notes · slide 4/{len(DECK)}" in text
    assert first_notes_line(3)[:4] in text.replace("\n│ ", "")


def test_the_notes_stay_open_from_slide_to_slide_and_scroll() -> None:
    state = PagerState.for_texts(slide_texts(DECK), index=3).handle("o")
    state = state.handle("right")
    assert state.notes
    lines = "\n".join(shown(state, 100, 30))
    assert f"notes · slide 5/{len(DECK)}" in lines and first_notes_line(4)[:4] in lines
    scrolled = state.handle("j")
    assert scrolled.scroll == 1 and scrolled.notes


def test_contents_fill_meter_measures_the_text() -> None:
    state = PagerState.for_texts(slide_texts(DECK), index=8).handle("t")
    out = "\n".join(shown(state, 120, 60))
    items = DECK.slides[8]
    assert items.kind == "items" and items.fill_ratio == 1.0
    percent = f"{text_coverage(items, THEME):.0%}"
    row = next(line for line in out.splitlines() if items.title in line)
    assert percent in row and "100%" not in row


def test_help_lists_every_key_the_pager_answers() -> None:
    from briefgen.render.terminal import HELP_KEYS

    listed = " ".join(keys for keys, _ in HELP_KEYS)
    names = {
        "right": "→", "left": "←", "up": "↑", "down": "↓", "pagedown": "PgDn", "pageup": "PgUp",
        "home": "Home", "end": "End", "enter": "Enter", "escape": "Esc", "space": "space",
        "ctrl-c": "Ctrl-C", "backspace": "Backspace",
    }  # fmt: skip
    candidates = [*names, *(chr(c) for c in range(33, 127))]
    base = PagerState.for_texts(slide_texts(DECK), index=5)
    states = {
        "slide": base,
        "contents": base.handle("t"),
        "typing": base.handle("1"),
        "searching": base.handle("/").handle("x"),
    }
    for where, state in states.items():
        for key in candidates:
            after = state.handle(key)
            if where in {"typing", "searching"} and key not in {"enter", "escape", "backspace"}:
                continue  # typed into the search, or it ends the number and acts as itself
            if after != state and key not in "0123456789":
                shown_as = names.get(key, key)
                assert shown_as in listed.split() or shown_as in listed, (where, key)


def test_preview_in_tmux_keeps_the_notes_on_a_low_terminal() -> None:
    from test_pager import Tmux, tmux_or_skip

    tmux = tmux_or_skip()
    session = Tmux(
        tmux,
        f"briefgen-notes-{os.getpid()}",
        [sys.executable, "-m", "briefgen", "preview", str(EXAMPLE)],
        ROOT,
    )
    try:
        session.run("resize-window", "-t", session.name, "-y", "18")
        session.wait_for(lambda s: "╭─ 1/" in s)
        session.keys("4", "Enter")
        session.wait_for(lambda s: "╭─ 4/" in s)
        session.keys("o")
        screen_text = session.wait_for(lambda s: "notes · slide 4/" in s)
        assert first_notes_line(3)[:4] in screen_text
        assert len(screen_text.rstrip("\n").splitlines()) <= 18  # a low terminal, and yet
        session.keys("Right")
        session.wait_for(lambda s: "notes · slide 5/" in s and first_notes_line(4)[:4] in s)
        session.keys("?")
        help_screen = session.wait_for(lambda s: "Keys" in s)
        assert "PgDn" in help_screen and "Ctrl-C" in help_screen
        session.keys("q")
        session.keys("q")
        session.wait_for(lambda _: session.dead())
    finally:
        session.kill()


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
