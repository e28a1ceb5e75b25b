"""`briefgen … --help`: Rich panels on a terminal, plain text when piped or with NO_COLOR,
arguments by their metavar, and an example in every command's help that this file runs.

The terminal is a real pseudo-terminal (`pty`); the examples are parsed out of the help text
users see and run with bash in a scratch folder holding the shipped example files.
"""

from __future__ import annotations

import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from briefgen._cli_help import example_lines
from briefgen.cli import app

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.prefix) / "bin"
COMMUNIQUE = ROOT.parent / "shared" / "source" / "wenzhou-plenum-2020.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def command_paths() -> list[list[str]]:
    """Every command of the app, as the words after `briefgen` ([] is the app itself)."""
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = command_paths()


def plain_help(path: list[str]) -> str:
    """The help CliRunner captures (not a terminal: plain text)."""
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


EXAMPLES = sorted({line for path in COMMANDS for line in example_lines(plain_help(path))})


def briefgen_env(**extra: str) -> dict[str, str]:
    """The environment with this venv's `briefgen` first on PATH and no colour settings."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR", "TERM"}}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    return {**env, **extra}


def on_a_terminal(args: list[str], status: int = 0, **env: str) -> str:
    """Run `briefgen ARGS` with stdout, stderr and stdin on a pseudo-terminal; its output."""
    controller, child = pty.openpty()
    process = subprocess.Popen(
        [str(BIN / "briefgen"), *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=briefgen_env(**{"TERM": "xterm-256color", "COLUMNS": "100", **env}),
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=60) == status
    return b"".join(chunks).decode()


def test_the_app_has_the_commands_this_file_walks() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "build", "handout", "batch", "check", "preview", "draft", "schema"} <= names
    assert {"themes", "themes show", "template", "template inspect"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "briefgen")
def test_every_command_has_an_example_in_its_help(path: list[str]) -> None:
    text = plain_help(path)
    assert "Examples:" in text
    lines = example_lines(text)
    assert lines and all(line.startswith("briefgen") for line in lines)
    assert all(line in EXAMPLES for line in lines)  # each one runs below


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "briefgen")
def test_piped_help_is_plain_text_with_arguments_by_metavar(path: list[str]) -> None:
    result = subprocess.run(
        [str(BIN / "briefgen"), *path, "--help"],
        capture_output=True,
        text=True,
        env=briefgen_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert not ANSI.search(text) and "╭" not in text and "│" not in text
    usage = text.split("\n\n")[0]
    assert usage.startswith(f"Usage: briefgen {' '.join(path)}".rstrip())
    assert "{" not in usage and "}" not in usage
    for word in re.findall(r"[A-Za-z]+", usage.split("[OPTIONS]")[-1]):
        assert word == word.upper(), usage  # OUTLINE, TEXT, COMMAND: never `outline`


def test_help_on_a_terminal_shows_rich_panels_and_coloured_examples() -> None:
    text = on_a_terminal(["batch", "--help"])
    assert ANSI.search(text)
    plain = ANSI.sub("", text)
    for panel in ("Arguments", "Options", "Output", "Districts", "Design", "Run"):
        assert re.search(rf"╭─ {panel} ─", plain), panel
    assert "Usage: briefgen batch [OPTIONS] OUTLINE" in plain
    assert re.search(r"│ \*\s+OUTLINE\s", plain)
    assert "[default: (the number of CPUs)]" in plain  # a bracket Rich markup did not eat
    assert "Examples:" in plain and "$ briefgen batch briefs/wenzhou-2020-plenum.yaml" in plain


@pytest.mark.parametrize("args", [["--help"], []], ids=["--help", "no arguments"])
def test_the_app_help_on_a_terminal_groups_the_commands(args: list[str]) -> None:
    plain = ANSI.sub("", on_a_terminal(args, status=2 if not args else 0))
    panels = re.findall(r"╭─ ([^─]+?) ─", plain)
    assert panels[:2] == ["Options", "Make decks and handouts"]
    assert {"Write and check outlines", "Reference"} <= set(panels)
    make = plain.split("╭─ Make decks and handouts")[1].split("╰")[0]
    assert re.findall(r"│ (\w+)", make) == ["build", "handout", "batch"]


@pytest.mark.parametrize("setting", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=str)
def test_no_color_or_a_dumb_terminal_gives_plain_help(setting: dict[str, str]) -> None:
    text = on_a_terminal(["build", "--help"], **setting)
    assert not ANSI.search(text) and "╭" not in text
    assert "Usage: briefgen build [OPTIONS] OUTLINE" in text
    assert "Examples:" in text


def test_rich_is_imported_only_when_help_is_drawn_with_it() -> None:
    probe = (
        "import sys\n"
        "from briefgen.cli import app\n"
        "assert 'rich' not in sys.modules, 'import'\n"
        "for args in (['--version'], ['build', '--help'], ['--help']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    assert 'rich' not in sys.modules, args\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=briefgen_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    forced = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=briefgen_env(FORCE_COLOR="1"),
        timeout=60,
        check=False,
    )
    assert "AssertionError: ['build', '--help']" in forced.stderr  # drawn with Rich: loaded


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the shipped example files where the examples expect them: the outline
    and roster in briefs/, the communiqué as 公报.txt and a department's template as 模板.pptx."""
    folder = tmp_path_factory.mktemp("examples")
    shutil.copytree(ROOT / "briefs", folder / "briefs")
    text = COMMUNIQUE if COMMUNIQUE.is_file() else ROOT / "tests/fixtures/draft/county-report.txt"
    shutil.copy2(text, folder / "公报.txt")
    shutil.copy2(ROOT / "tests/fixtures/templates/chinese-red.pptx", folder / "模板.pptx")
    return folder


@pytest.mark.parametrize("line", EXAMPLES)
def test_each_example_runs(line: str, scratch: Path, tmp_path: Path) -> None:
    folder = tmp_path / "run"
    shutil.copytree(scratch, folder)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", line],
        cwd=folder,
        capture_output=True,
        text=True,
        env=briefgen_env(),
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    words = shlex.split(line)
    if "-o" in words and words[words.index("-o") + 1] != "-":
        assert (folder / words[words.index("-o") + 1]).stat().st_size > 0
    if ">" in words:
        assert (folder / words[words.index(">") + 1]).stat().st_size > 0
    if words[1] == "batch" and "--help" not in words:
        decks = {p.stem for p in (folder / "out" / "wenzhou-2020-plenum").glob("*.pptx")}
        roster = yaml.safe_load((folder / words[words.index("--roster") + 1]).read_text("utf-8"))
        wanted = words[words.index("--only") + 1].split(",") if "--only" in words else None
        assert decks == set(wanted or (d["name"] for d in roster["districts"]))
    if words[1] == "preview":
        shown = [int(n) for n, _ in re.findall(r"╭─ (\d+)/(\d+) ·", result.stdout)]
        wanted = [int(words[words.index("--slide") + 1])] if "--slide" in words else None
        assert shown == (wanted or list(range(1, len(shown) + 1))) and len(shown) > 1 - bool(wanted)
        assert ("--notes" in words) == ("Notes" in result.stdout)
    if words[1] == "draft" and "-o" not in words:
        assert (folder / "公报.yaml").is_file()
