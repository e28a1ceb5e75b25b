"""The preview pager: key state machine, key parsing, watch reload, and a real tmux session."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.preview_decks import sample_deck
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from briefgen.build import DeckSource
from briefgen.errors import Diagnostic
from briefgen.layout import LaidDeck
from briefgen.render import PagerState, parse_keys, screen, slide_texts
from briefgen.theme import Theme

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"

OUTLINE = """\
briefgen: 1
dividers: always  # the slide numbers asserted below count the divider slides
title: 学习贯彻全会精神
organiser: 宣传部
sections:
  - title: 会议概况
    slides:
      - title: {title}
        points:
          - 总结今年工作，部署明年任务
          - 坚决做到“两手硬、两战赢”
"""


def press(state: PagerState, *keys: str) -> PagerState:
    """The state after a scripted key sequence."""
    for key in keys:
        state = state.handle(key)
    return state


@pytest.fixture
def state() -> PagerState:
    return PagerState.for_texts(slide_texts(sample_deck()))


# -- the state machine ----------------------------------------------------------------------


def test_next_previous_first_last(state: PagerState) -> None:
    assert state.number == 1 and state.total == 12
    assert press(state, "right", "l", " ", "n").number == 5
    assert press(state, "G").number == 12
    assert press(state, "G", "left", "h", "p").number == 9
    assert press(state, "G", "g").number == 1
    at_end = press(state, "G", "right")
    assert at_end.number == 12 and at_end.message == "last slide"
    assert press(state, "left").message == "first slide"


def test_digits_then_enter_jump(state: PagerState) -> None:
    typing = press(state, "1", "0")
    assert typing.entry == "jump" and typing.buffer == "10" and typing.number == 1
    assert press(typing, "enter").number == 10
    assert press(state, "1", "2", "backspace", "enter").number == 1
    assert press(state, "9", "escape").number == 1
    bad = press(state, "4", "0", "enter")
    assert bad.number == 1 and bad.message == "no slide 40: the deck has 12"
    # A non-digit ends the number and acts as itself.
    assert press(state, "3", "G").number == 12


def test_search_goes_to_matches_and_enter_repeats(state: PagerState) -> None:
    found = press(state, "/", "两", "手", "硬", "enter")
    assert found.number == 4 and found.query == "两手硬" and found.entry == ""
    assert found.message == "match 1 of 2"
    again = press(found, "enter")
    assert again.number == 9 and again.message == "match 2 of 2"
    wrapped = press(again, "enter")
    assert wrapped.number == 4 and "from the top" in wrapped.message
    # `n` stays "next slide" even while a search is active.
    assert press(found, "n").number == 5
    assert press(state, "/", "x", "y", "z", "enter").message == "no slide contains “xyz”"
    assert press(state, "/", "T", "A", "B", "L", "E", "escape").query == ""


def test_search_is_case_insensitive_and_types_any_key(state: PagerState) -> None:
    texts = ["Cover", "The PLAN for q1", "notes"]
    s = PagerState.for_texts(texts)
    assert press(s, "/", "p", "l", "a", "n", " ", "f", "enter").number == 2
    # Keys that mean something elsewhere are just text while typing a search.
    typed = press(s, "/", "q", "g", "t", "?")
    assert typed.buffer == "qgt?" and not typed.quit


def test_notes_contents_help_quit(state: PagerState) -> None:
    assert press(state, "o").notes and not press(state, "o", "o").notes
    toc = press(state, "t")
    assert toc.view == "toc" and toc.toc_index == 0
    picked = press(toc, "down", "j", "down", "up", "enter")
    assert picked.view == "slide" and picked.number == 3
    assert press(toc, "q").view == "slide" and not press(toc, "q").quit
    assert press(toc, "7", "enter").number == 7
    helped = press(state, "?")
    assert helped.view == "help" and press(helped, "x").view == "slide"
    assert press(state, "q").quit and press(state, "/", "ctrl-c").quit


def test_scroll_resets_on_slide_change(state: PagerState) -> None:
    scrolled = press(state, "down", "j", "down")
    assert scrolled.scroll == 3 and scrolled.scrolled(2).scroll == 2
    assert press(scrolled, "k").scroll == 2 and press(scrolled, "right").scroll == 0


def test_reload_stays_on_the_slide(state: PagerState) -> None:
    on_ten = press(state, "1", "0", "enter")
    assert on_ten.with_texts(["x"] * 20).number == 10
    assert on_ten.with_texts(["x"] * 4).number == 4  # the deck shrank: its last slide
    assert PagerState.for_texts([]).with_texts([]).number == 0


keys = st.sampled_from(
    ["right", "left", "l", "h", " ", "n", "p", "g", "G", "o", "t", "?", "/", "enter",
     "escape", "backspace", "up", "down", "j", "k", "0", "1", "5", "9", "两", "x"]
)  # fmt: skip


@settings(max_examples=300)
@given(total=st.integers(0, 30), sequence=st.lists(keys, max_size=40))
def test_any_key_sequence_keeps_the_state_valid(total: int, sequence: list[str]) -> None:
    state = PagerState.for_texts([f"slide {i} 两" for i in range(total)])
    for key in sequence:
        state = state.handle(key)
        assert 0 <= state.index < max(1, state.total)
        assert 0 <= state.toc_index < max(1, state.total)
        assert state.scroll >= 0 and not state.quit


def test_parse_keys() -> None:
    assert parse_keys("\x1b[C\x1b[D\x1bOA\x1b[B") == ["right", "left", "up", "down"]
    assert parse_keys("12\r") == ["1", "2", "enter"]
    assert parse_keys("\r\n") == ["enter"]
    assert parse_keys("/两手\x7f\x1b") == ["/", "两", "手", "backspace", "escape"]
    assert parse_keys("\x1b[5~\x1b[6~\x1b[H\x1b[F") == ["pageup", "pagedown", "home", "end"]
    assert parse_keys("\x1b[200~q") == ["q"]  # unknown CSI sequences are skipped
    assert parse_keys("\x03") == ["ctrl-c"]


class StaticSource:
    """The least a deck source must offer the pager (render's `PagerSource`): no build stage."""

    def __init__(self, deck: LaidDeck, theme: Theme) -> None:
        self.deck: LaidDeck | None = deck
        self.theme: Theme | None = theme
        self.error: tuple[Diagnostic, ...] = ()
        self.generation = 1
        self.loaded_at = 0.0

    def poll(self) -> bool:
        return False


def test_the_pager_runs_on_any_pager_source_with_scripted_keys() -> None:
    from briefgen.render import run_pager
    from briefgen.theme import load_theme

    presses = iter([["l", "l"], ["t"], ["escape"], ["o"], ["q"]])
    console = Console(width=100, height=40, file=io.StringIO(), color_system=None)
    source = StaticSource(sample_deck(), load_theme())
    final = run_pager(source, console, read_keys=lambda timeout: next(presses))
    assert final.quit and final.number == 3 and final.notes
    drawn = console.file.getvalue()  # type: ignore[attr-defined]
    assert "╭─ 3/12" in drawn and "Contents" in drawn and "q quit" in drawn


# -- watch: reload on save, errors in the pager, recovery ---------------------------------


def save(path: Path, text: str) -> None:
    """Rewrite a file and make sure its mtime moves even on coarse-timestamp filesystems."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_watch_reloads_keeps_last_good_deck_on_error_and_recovers(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    save(path, OUTLINE.format(title="会议基本情况"))
    source = DeckSource(path)
    deck, _ = source.load()
    assert any(s.title == "会议基本情况" for s in deck.slides)
    assert not source.poll()  # nothing changed

    save(path, OUTLINE.format(title="会议主题和主要议程"))
    assert source.poll() and not source.error
    assert source.deck is not None
    assert any(s.title == "会议主题和主要议程" for s in source.deck.slides)
    good = source.deck

    save(path, OUTLINE.format(title="会议主题和主要议程").replace("points:", "points: [oops"))
    assert source.poll()
    assert source.deck is good  # the last good deck stays on screen
    assert source.error and source.error[0].file is not None
    assert source.error[0].file.endswith("brief.yaml") and source.error[0].line is not None
    assert not source.poll()  # the broken file is not reloaded again and again

    save(path, OUTLINE.format(title="恢复了"))
    assert source.poll() and not source.error
    assert any(s.title == "恢复了" for s in source.deck.slides)


def test_watch_follows_the_theme_file(tmp_path: Path) -> None:
    from briefgen.theme import resolve_theme_path

    theme = tmp_path / "my-theme.yaml"
    save(theme, resolve_theme_path("party-red").read_text("utf-8"))
    path = tmp_path / "brief.yaml"
    save(path, OUTLINE.format(title="主题") + "theme: my-theme.yaml\n")
    source = DeckSource(path)
    _, loaded = source.load()
    assert loaded.colors.primary == "#A40000"
    assert theme.resolve() in {p.resolve() for p in source.watched}
    save(theme, theme.read_text("utf-8").replace("#A40000", "#123456"))
    assert source.poll() and source.theme is not None
    assert source.theme.colors.primary == "#123456"


def test_screen_shows_the_error_over_the_last_good_slide(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    save(path, OUTLINE.format(title="会议基本情况"))
    source = DeckSource(path)
    source.load()
    save(path, "briefgen: 1\ntitle: [\n")
    source.poll()
    state = PagerState.for_texts(slide_texts(source.deck), index=3)
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(screen(source, state, cols=100, rows=40, width=None))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "brief.yaml:" in out and "showing the last good deck" in out
    assert "4/" in out and "会议基本情况" in out


def test_initial_error_with_watch_waits_for_a_good_save(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    save(path, "briefgen: 1\ntitle: [\n")
    source = DeckSource(path)
    assert not source.reload() and source.deck is None and source.error
    save(path, OUTLINE.format(title="好了"))
    assert source.poll() and source.deck is not None and not source.error


# -- a real terminal --------------------------------------------------------------------------


def tmux_or_skip() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required on CI")
        pytest.skip("tmux is not installed")
    return tmux


class Tmux:
    """A detached tmux session running one command, 100×40, on a tmux server of its own
    (`-L`): sessions of other test runs on the machine can neither clash with it nor end it."""

    def __init__(self, tmux: str, name: str, command: list[str], cwd: Path) -> None:
        self.name = name
        self.tmux = [tmux, "-L", name]
        env = ["env", "-u", "NO_COLOR", "TERM=xterm-256color"]
        self.run(
            "new-session", "-d", "-s", name, "-x", "100", "-y", "40", "-c", str(cwd),
            *env, *command,
        )  # fmt: skip
        self.run("set-option", "-t", name, "remain-on-exit", "on")

    def run(self, *args: str) -> None:
        """One tmux command on this session's server."""
        subprocess.run([*self.tmux, *args], check=True)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def capture(self) -> str:
        done = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, check: Callable[[str], bool], timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.capture()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the pane shows:\n{screen}")
            time.sleep(0.05)

    def dead(self) -> bool:
        done = subprocess.run(
            [*self.tmux, "display-message", "-p", "-t", self.name, "#{pane_dead}"],
            capture_output=True,
            text=True,
        )
        return done.stdout.strip() == "1"

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def test_pager_in_tmux_next_jump_search_contents_quit() -> None:
    tmux = tmux_or_skip()
    session = Tmux(
        tmux,
        f"briefgen-pager-{os.getpid()}",
        [sys.executable, "-m", "briefgen", "preview", str(EXAMPLE)],
        ROOT,
    )
    try:
        # The whole first frame, status line included (tmux may capture a frame mid-draw).
        first = session.wait_for(lambda s: "╭─ 1/" in s and "q quit" in s)
        total = first.split("╭─ 1/", 1)[1].split(" ", 1)[0]
        assert "q quit" in first
        session.keys("l")
        session.wait_for(lambda s: f"╭─ 2/{total} · agenda" in s)
        session.keys("Right")
        session.wait_for(lambda s: f"╭─ 3/{total}" in s)
        session.keys("1", "2", "Enter")
        session.wait_for(lambda s: f"╭─ 12/{total}" in s)
        session.keys("/", "实践启示", "Enter")  # typed CJK, searched forward from slide 12
        found = session.wait_for(lambda s: "match " in s)
        assert "实践启示" in found and "╭─ 12/" not in found
        session.keys("g", "/", "实践启示", "Enter")
        session.wait_for(lambda s: "match 1 of" in s and "五条实践启示" in s)
        session.keys("t")
        session.wait_for(lambda s: "Contents" in s)
        session.keys("Escape")
        session.wait_for(lambda s: "Contents" not in s and "╭─ " in s)
        session.keys("q")
        session.wait_for(lambda _: session.dead())
    finally:
        session.kill()


def test_watch_in_tmux_shows_a_live_edit(tmp_path: Path) -> None:
    tmux = tmux_or_skip()
    path = tmp_path / "brief.yaml"
    save(path, OUTLINE.format(title="第一版标题"))
    session = Tmux(
        tmux,
        f"briefgen-watch-{os.getpid()}",
        [sys.executable, "-m", "briefgen", "preview", str(path), "--watch", "--slide", "4"],
        ROOT,
    )
    try:
        session.wait_for(lambda s: "第一版标题" in s and "watching" in s)
        save(path, OUTLINE.format(title="第二版标题"))
        session.wait_for(lambda s: "第二版标题" in s and "╭─ 4/" in s)
        save(path, "briefgen: 1\ntitle: [\n")
        broken = session.wait_for(lambda s: "brief.yaml:" in s)
        assert "第二版标题" in broken  # the last good slide stays
        save(path, OUTLINE.format(title="第三版标题"))
        session.wait_for(lambda s: "第三版标题" in s and "brief.yaml:" not in s)
        session.keys("q")
        session.wait_for(lambda _: session.dead())
    finally:
        session.kill()


def test_screen_fits_small_terminals_and_keeps_the_contents_selection_visible() -> None:
    from briefgen.render.terminal import panel_height
    from briefgen.theme import load_theme

    deck = sample_deck()
    source = DeckSource(Path("sample.yaml"))
    source.deck, source.theme = deck, load_theme()
    for cols, rows in ((40, 12), (100, 40), (200, 30), (24, 6)):
        for view in ("slide", "toc", "help"):
            state = PagerState.for_texts(slide_texts(deck), index=11)
            state = (
                press(state, "t") if view == "toc" else press(state, "?" if view == "help" else "o")
            )
            console = Console(width=cols, file=io.StringIO(), color_system=None)
            console.print(screen(source, state, cols=cols, rows=rows, width=None))
            out = console.file.getvalue()  # type: ignore[attr-defined]
            assert max(len(line) for line in out.splitlines()) <= cols
            if view == "slide" and cols >= 100:
                panel = [
                    line for line in out.splitlines() if line.strip().startswith(("╭", "│", "╰"))
                ]
                assert len(panel) <= rows - 1 or panel_height(cols) > rows  # 16:9 fits the screen
            if view == "toc":
                assert "锚定" in out  # slide 12, the selection, is listed
                assert len(out.splitlines()) <= max(rows, 8)


def test_status_line_shows_typing_messages_scrolling_and_watch() -> None:
    from briefgen.errors import Diagnostic
    from briefgen.render import status_line
    from briefgen.theme import load_theme

    source = DeckSource(Path("sample.yaml"))
    source.deck, source.theme = sample_deck(), load_theme()
    state = PagerState.for_texts(slide_texts(source.deck))
    plain = status_line(source, state, cols=100, watch=False).plain
    assert plain.startswith(" 1/12 ") and "q quit" in plain and "watching" not in plain
    assert "go to slide: 12▏" in status_line(source, press(state, "1", "2"), cols=100, watch=False)
    assert "search: 两手▏" in status_line(
        source, press(state, "/", "两", "手"), cols=100, watch=False
    )
    tall = status_line(source, state, cols=100, watch=True, scroll_limit=5).plain
    assert "↓ j more (0/5)" in tall and "watching · loaded" in tall
    source.error = (Diagnostic("bad", file="brief.yaml", line=3, column=1),)
    assert "errors: fix and save" in status_line(source, state, cols=100, watch=True).plain
    for cols in (4, 12, 30, 45):  # narrow terminals: one line, never wider than the screen
        line = status_line(source, press(state, "/", "两", "手"), cols=cols, watch=True)
        assert line.cell_len <= cols and "\n" not in line.plain
