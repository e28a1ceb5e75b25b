"""Shell completion, through the machinery the shells call: `_BRIEFGEN_COMPLETE=complete_bash`
with COMP_WORDS/COMP_CWORD, the zsh and fish variants with `_TYPER_COMPLETE_ARGS`, and bash
itself sourcing the script `briefgen --show-completion` prints.

Theme names come from the themes folder, district names from the roster files, read here
independently of briefgen.
"""

from __future__ import annotations

import csv
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen._cli_complete import complete_districts
from briefgen.cli import app

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.prefix) / "bin"
OUTLINE = "briefs/wenzhou-2020-plenum.yaml"
ROSTER = "briefs/wenzhou-districts.yaml"
THEMES = sorted(p.stem for p in (ROOT / "themes").glob("*.yaml"))
BOMB = b"a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n".encode() for i in range(1, 10)
)
"""A billion laughs: nine levels of nine aliases each."""
DISTRICTS = [d["name"] for d in yaml.safe_load((ROOT / ROSTER).read_text("utf-8"))["districts"]]


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("_BRIEFGEN", "_TYPER"))}
    base["PATH"] = f"{BIN}{os.pathsep}{base['PATH']}"
    return {**base, **extra}


def run(extra: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(BIN / "briefgen")],
        cwd=cwd,
        env=env(**extra),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def bash(line: str, cwd: Path = ROOT) -> list[str]:
    """The candidates for the last word of `line` (`…  ` ends with an empty word), as bash's
    completion function gets them from `briefgen`."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    result = run(
        {
            "_BRIEFGEN_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(shlex.quote(w) if w else "''" for w in words),
            "COMP_CWORD": str(len(words) - 1),
        },
        cwd,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]  # as bash splits it


def test_theme_names_come_from_the_themes_folder() -> None:
    assert {"party-red", "gongwen", "gov-blue"} <= set(THEMES)
    assert bash(f"briefgen build {OUTLINE} --theme ") == THEMES
    assert bash(f"briefgen batch {OUTLINE} --roster {ROSTER} --theme party-red-o") == [
        t for t in THEMES if t.startswith("party-red-o")
    ]
    assert bash(f"briefgen preview {OUTLINE} --theme zz-none") == []  # bash completes files
    assert bash("briefgen themes show gov") == [t for t in THEMES if t.startswith("gov")]


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        ("build", ["pptx", "pdf"]),
        ("handout", ["docx", "md", "pdf"]),
        ("check", ["text", "json"]),
    ],
)
def test_format_values(command: str, formats: list[str]) -> None:
    assert bash(f"briefgen {command} {OUTLINE} --format ") == formats


def test_batch_formats_complete_after_a_comma() -> None:
    everything = bash(f"briefgen batch {OUTLINE} --format ")
    assert {"pptx", "docx", "md", "pdf"} <= set(everything)
    assert bash(f"briefgen batch {OUTLINE} --format pptx,d") == ["pptx,docx"]
    assert "pptx,pptx" not in bash(f"briefgen batch {OUTLINE} --format pptx,")


def test_districts_after_roster() -> None:
    assert bash(f"briefgen build {OUTLINE} --roster {ROSTER} --district ") == DISTRICTS
    assert bash(f"briefgen preview {OUTLINE} --roster {ROSTER} --district 瓯") == ["瓯海区"]
    assert bash(f"briefgen handout {OUTLINE} --roster {ROSTER} --district 龙") == [
        d for d in DISTRICTS if d.startswith("龙")
    ]
    assert bash(f"briefgen batch {OUTLINE} --roster {ROSTER} --only ") == DISTRICTS
    assert bash(f"briefgen batch {OUTLINE} --roster {ROSTER} --only 鹿城区,龙") == [
        "鹿城区," + d for d in DISTRICTS if d.startswith("龙")
    ]
    # Without --roster there is nothing to offer; an invalid --theme before does not stop it.
    assert bash(f"briefgen build {OUTLINE} --district ") == []
    assert bash(f"briefgen build {OUTLINE} --theme nope --roster {ROSTER} --district 鹿") == [
        "鹿城区"
    ]


def test_districts_of_a_csv_roster(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["name", "presenter"], ["鹿城区", "甲"], ["永嘉县", "乙"]])
    assert bash(f"briefgen batch {ROOT / OUTLINE} --roster {path} --only ", tmp_path) == [
        "鹿城区",
        "永嘉县",
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.yaml", None),
        ("list.yaml", b"- just\n- a list\n"),
        ("bomb.yaml", BOMB),
        ("tabs.yaml", b"districts:\n\t- name: x\n"),
        ("fake.xlsx", b"PK\x03\x04 this is no workbook"),
        ("binary.csv", bytes(range(256)) * 40),
        ("roster.txt.exe", b"name\n"),
    ],
)
def test_a_bad_roster_completes_nothing_and_prints_no_traceback(
    name: str, content: bytes | None, tmp_path: Path
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert bash(f"briefgen build {ROOT / OUTLINE} --roster {path} --district ", tmp_path) == []
    assert bash(f"briefgen batch {ROOT / OUTLINE} --roster {path} --only 鹿", tmp_path) == []


def test_zsh_and_fish_get_the_same_candidates() -> None:
    zsh = run(
        {
            "_BRIEFGEN_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": f"briefgen build {OUTLINE} --roster {ROSTER} --district 龙",
        }
    )
    assert zsh.stdout.startswith("_arguments")
    offered = [line.strip("\"'() ") for line in zsh.stdout.split("((")[1].splitlines()]
    assert offered == [d for d in DISTRICTS if d.startswith("龙")]
    fish = run(
        {
            "_BRIEFGEN_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": f"briefgen build {OUTLINE} --theme ",
        }
    )
    assert fish.stdout.splitlines() == THEMES
    nothing = run(
        {
            "_BRIEFGEN_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "is-args",
            "_TYPER_COMPLETE_ARGS": "briefgen build ",
        }
    )
    assert nothing.returncode == 1  # fish then completes file names


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_each_shells_script(shell: str) -> None:
    result = subprocess.run(
        [str(BIN / "briefgen"), "--show-completion", shell],
        env=env(_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"_BRIEFGEN_COMPLETE=complete_{shell}" in result.stdout
    assert "briefgen" in result.stdout


def test_bash_sources_the_script_and_completes() -> None:
    script = (
        "source <(briefgen --show-completion)\n"
        "complete -p briefgen\n"
        f"COMP_WORDS=(briefgen build {OUTLINE} --roster {ROSTER} --district 瑞)\n"
        "COMP_CWORD=6\n"
        "_briefgen_completion briefgen 瑞 --district\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", script],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("complete ") and lines[0].endswith(" briefgen")
    assert lines[1:] == ["瑞安市"]


@settings(max_examples=40, deadline=None)
@given(
    typed=st.lists(st.sampled_from(DISTRICTS), max_size=3),
    prefix=st.text(st.sampled_from("鹿龙瓯城区市县x "), max_size=2),
)
def test_only_offers_untyped_roster_names_after_what_was_typed(
    typed: list[str], prefix: str
) -> None:
    command = typer.main.get_command(app)
    batch = command.commands["batch"]  # type: ignore[attr-defined]
    ctx = typer.Context(batch)
    ctx.params = {"roster": ROOT / ROSTER}
    head = "".join(name + "," for name in typed)
    offered = complete_districts(ctx, head + prefix)
    expected = [head + d for d in DISTRICTS if d.startswith(prefix) and d not in typed]
    assert offered == expected
