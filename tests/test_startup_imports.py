"""`briefgen --help` and `--version` import no pydantic, yaml or pipeline stage (issue 14).

Read from `python -X importtime` in a fresh interpreter: which modules were imported, not how
long they took (the timings are in bench/build.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "pydantic_core", "yaml", "jinja2", "rich", "pptx", "docx", "lxml", "PIL")
STAGES = ("outline", "districts", "theme", "plan", "layout", "render", "build", "readers", "draft")


def _imported(*args: str) -> tuple[set[str], str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "[us]" not in line
    }
    return names, proc.stdout


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_load_no_model_yaml_or_pipeline(option: str) -> None:
    names, out = _imported(option)
    assert "briefgen.cli" in names and "typer" in names  # the measurement sees imports
    heavy = sorted(n for n in names if n.split(".")[0] in HEAVY)
    stages = sorted(n for n in names if n.split(".")[:2] in (["briefgen", s] for s in STAGES))
    assert heavy == [] and stages == []
    assert ("Usage" in out) if option == "--help" else out.startswith("briefgen ")


def test_a_build_does_load_them() -> None:
    """The check above can fail: a command that builds imports the model, yaml and the stages."""
    names, _ = _imported("schema")
    assert {"pydantic", "yaml", "briefgen.outline"} <= names
