"""`briefgen --help` and `--version` import no pydantic, yaml or pipeline stage (issue 14).

Read from `python -X importtime` in a fresh interpreter: which modules were imported, not how
long they took (the timings are in bench/build.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_a_build_that_warns_into_a_log_does_not_load_rich(tmp_path: Path) -> None:
    """Warnings to a stderr that is no terminal are plain lines: no colour to draw, no Rich."""
    example = Path(__file__).resolve().parents[1] / "briefs" / "wenzhou-2020-plenum.yaml"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefgen", "build", str(example),
         "-o", str(tmp_path / "deck.pptx")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stderr.splitlines()
    names = {line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")}
    warnings = [line for line in lines if ": warning: " in line]
    assert warnings and warnings[0].startswith(f"{example}:89:9: sections[2].slides[3]: ")
    assert "pptx" not in names  # our own writer, as before
    assert not any(n.split(".")[0] == "rich" for n in names)
    # pydantic's plugin discovery (importlib.metadata and an entry-point scan) is skipped
    assert "pydantic" in names and "importlib.metadata" not in names


def test_the_plugin_loader_stand_in_answers_for_the_real_one() -> None:
    """The command line's pydantic finds no plugins without importing `importlib.metadata`,
    and any other name pydantic might ask its loader for comes from the real loader."""
    code = (
        "import sys\n"
        "from briefgen._pydantic_plugins import LOADER, skip_plugin_discovery\n"
        "skip_plugin_discovery()\n"
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n"
        "    x: int\n"
        "assert M(x='3').x == 3\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert list(get_plugins()) == []\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "assert PYDANTIC_ENTRY_POINT_GROUP == 'pydantic'\n"
        "assert 'importlib.metadata' in sys.modules and sys.modules[LOADER].__file__\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == "ok\n", proc.stderr[-2000:]


def test_plain_diagnostics_read_as_rich_prints_them_and_are_sanitized() -> None:
    import io

    from briefgen.errors import Diagnostic
    from briefgen.render import diagnostics_text, diagnostics_view
    from briefgen.render._sanitize import SafeConsole

    found = [
        Diagnostic("bad \x1b[31mred\x1b[0m title", file="a.yaml", line=3, column=5, path="title"),
        Diagnostic("long 提法", severity="warning", file="b.yaml", line=1, column=1),
    ]
    out = io.StringIO()
    SafeConsole(file=out, highlight=False, markup=False, emoji=False, soft_wrap=True).print(
        diagnostics_view(found)
    )
    assert diagnostics_text(found) == out.getvalue()
    assert "\x1b" not in diagnostics_text(found)
