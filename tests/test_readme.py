"""Every example in README.md runs, as written, in a fresh copy of the repository.

The tracked files (`git ls-files`: what a fresh clone has, nothing this checkout made) are
copied to a scratch folder; each `sh` block runs there with bash, the `yaml` block is checked
as an outline. The quick start's venv and `pip install .` are this test run's own environment
(the `.venv` the block uses is linked to it), and the test-command block is what CI runs, so
it is the one block not run here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"(<!-- test-command -->\n)?```(sh|yaml)\n(.*?)```\n", re.S)
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q . && "


def blocks(kind: str) -> list[str]:
    """The README's fenced blocks of one kind, without the test command."""
    return [body for marker, lang, body in BLOCK.findall(README) if lang == kind and not marker]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked files of the repository in a fresh folder, with `.venv` → this environment."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=False, timeout=60
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: a fresh clone cannot be made")
    folder = tmp_path_factory.mktemp("clone")
    for name in listed.stdout.decode().split("\0"):
        if name and (REPO / name).is_file():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    (folder / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return folder


def run(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.prefix) / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_readme_has_the_examples_this_test_runs() -> None:
    shell = blocks("sh")
    assert len(shell) >= 3 and shell[0].startswith(INSTALL)
    assert len(blocks("yaml")) == 1


@pytest.mark.parametrize("index", range(len(blocks("sh"))))
def test_each_shell_example_runs_in_a_fresh_clone(index: int, clone: Path) -> None:
    script = blocks("sh")[index].removeprefix(INSTALL)
    result = run(script, clone)
    assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for written in re.findall(r"(?:-o |writes? )`?([\w/.-]+\.(?:pptx|yaml))", script):
        assert (clone / written).is_file(), written


def test_the_quick_start_writes_the_deck_it_names(clone: Path) -> None:
    result = run(blocks("sh")[0].removeprefix(INSTALL), clone)
    assert result.returncode == 0, result.stderr
    assert "`out/wenzhou-2020-plenum.pptx`" in README
    assert (clone / "out" / "wenzhou-2020-plenum.pptx").stat().st_size > 50_000


def test_the_outline_tour_is_a_valid_outline(clone: Path) -> None:
    (clone / "tour.yaml").write_text(blocks("yaml")[0], encoding="utf-8")
    result = run("briefgen check tour.yaml && briefgen build tour.yaml", clone)
    assert result.returncode == 0, result.stderr
    assert (clone / "out" / "tour.pptx").is_file()
