"""Hostile class 1, terminal escape injection: control characters in outlines, rosters and
themes are positioned errors however they are written; invisible ones are warnings; and
nothing `preview` prints (a .pptx from anyone included) can steer the terminal."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import pytest
from _hostile_run import ROOT, clean, refused, run_limited
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Inches

from briefgen.render._sanitize import SafeConsole, terminal_safe

OUTLINE = """\
briefgen: 1
title: 标题
sections:
  - title: 第一部分
    slides:
      - title: 要点
        points: [{point}]
"""

ESCAPES = {
    "osc-title": r'"\e]0;PWNED\e\\"',
    "clear-screen": r'"\e[2J"',
    "osc52-clipboard": r'"\e]52;c;cm0gLXJmIH4K\e\\"',
    "hex-escape": r'"\x1b[31m红"',
    "unicode-escape": r'"\u001b[5m"',
    "c1-csi": r'"\x9b2J"',
    "nul": r'"a\0b"',
    "bel": r'"a\ab"',
    "carriage-return": r'"覆盖\r伪造"',
    "noncharacter": r'"\uffff"',
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_escaped_control_characters_in_an_outline_are_positioned_errors(
    tmp_path: Path, escape: str
) -> None:
    write(tmp_path, "o.yaml", OUTLINE.format(point=escape))
    for command in (["check"], ["build"], ["preview", "--all"]):
        done = run_limited([*command, "o.yaml"], tmp_path)
        message = refused(done, "o.yaml:7:18")
        assert "control character" in message
        assert "\x1b" not in done.stdout + done.stderr


def test_a_lone_surrogate_escape_is_a_positioned_error(tmp_path: Path) -> None:
    write(tmp_path, "o.yaml", OUTLINE.format(point=r'"\ud800"'))
    refused(run_limited(["check", "o.yaml"], tmp_path), "o.yaml:7:21")


def test_raw_and_escaped_forms_are_refused_alike(tmp_path: Path) -> None:
    write(tmp_path, "raw.yaml", OUTLINE.format(point='"a\x1b[2Jb"'))
    write(tmp_path, "esc.yaml", OUTLINE.format(point=r'"a\e[2Jb"'))
    raw = refused(run_limited(["check", "raw.yaml"], tmp_path), "raw.yaml:7:20")
    esc = refused(run_limited(["check", "esc.yaml"], tmp_path), "esc.yaml:7:18")
    assert "control character ESC" in raw and "control character ESC" in esc


def test_escapes_in_roster_variables_are_positioned_errors(tmp_path: Path) -> None:
    write(
        tmp_path,
        "o.yaml",
        OUTLINE.format(point='"{{ presenter }}"').replace(
            "title: 标题", "title: 标题\nvariables: {presenter: 张三}"
        ),
    )
    write(tmp_path, "r.yaml", 'districts:\n  - name: 鹿城区\n    presenter: "\\e]0;x\\a"\n')
    done = run_limited(["build", "o.yaml", "--roster", "r.yaml", "--district", "鹿城区"], tmp_path)
    assert "control character ESC" in refused(done, "r.yaml:3:16")


def test_escapes_in_a_theme_are_positioned_errors(tmp_path: Path) -> None:
    write(tmp_path, "o.yaml", OUTLINE.format(point="一"))
    write(tmp_path, "t.yaml", 'extends: party-red\nname: "red\\e[2J"\n')
    done = run_limited(["build", "o.yaml", "--theme", "t.yaml"], tmp_path)
    assert "control character ESC" in refused(done, "t.yaml:2:7")


def test_invisible_characters_are_warnings_and_kept_out_of_the_terminal(tmp_path: Path) -> None:
    write(tmp_path, "o.yaml", OUTLINE.format(point=r'"坚持\u202e党的领导\u200b"'))
    checked = run_limited(["check", "o.yaml"], tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "o.yaml:7:18: sections[1].slides[1].points[1]: warning: invisible" in checked.stderr
    shown = run_limited(["preview", "--all", "o.yaml"], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "坚持党的领导" in shown.stdout
    assert "\u202e" not in shown.stdout and "\u200b" not in shown.stdout


def hostile_deck(path: Path) -> Path:
    """A .pptx whose title, body and notes hold C1 controls and bidi overrides."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "标题\x9b2J\u202e反转"
    body = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(2))
    body.text_frame.text = "正文\x9d0;PWNED\x9c\u0085下一行"
    slide.notes_slide.notes_text_frame.text = "备注\u2066隔离\u2069\x9b1;31m"
    prs.save(str(path))
    return path


UNSAFE = ("\x9b", "\x9c", "\x9d", "\x85", "\u202e", "\u2066", "\u2069", "\x1b]")


def test_preview_of_a_hostile_pptx_prints_no_control_characters(tmp_path: Path) -> None:
    hostile_deck(tmp_path / "sent.pptx")
    done = run_limited(["preview", "--all", "--notes", "sent.pptx"], tmp_path)
    assert done.returncode == 0, done.stderr
    clean(done.stdout + done.stderr)
    assert "标题2J反转" in done.stdout and "正文0;PWNED下一行" in done.stdout
    assert not any(ch in done.stdout for ch in UNSAFE)


def test_the_pager_draws_through_the_sanitizer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.build import DeckSource
    from briefgen.render import run_pager

    source = DeckSource(hostile_deck(tmp_path / "sent.pptx"))
    source.load()
    out = io.StringIO()
    console = SafeConsole(
        file=out, force_terminal=True, color_system="truecolor", width=100, height=40
    )
    keys = iter([["o"], ["q"]])
    with open(os.devnull) as null:
        monkeypatch.setattr("sys.stdin", null)  # keys come from read_keys
        run_pager(source, console, read_keys=lambda _timeout: next(keys, ["q"]))
    drawn = out.getvalue()
    assert "标题2J反转" in drawn
    assert not any(ch in drawn for ch in UNSAFE)
    assert "\x1b[" in drawn  # Rich's own styling still reaches the terminal


@given(st.text())
def test_terminal_safe_leaves_no_control_or_format_characters(text: str) -> None:
    safe = terminal_safe(text)
    assert all(
        ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Cn"} for ch in safe
    )
    assert terminal_safe(safe) == safe


def test_the_example_outline_is_printed_unchanged() -> None:
    text = (ROOT / "briefs" / "wenzhou-2020-plenum.yaml").read_text(encoding="utf-8")
    assert terminal_safe(text) == text
