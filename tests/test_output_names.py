"""`-o` names what the command writes, and one district's deck has one path whatever the command.

Runs the real CLI (typer's CliRunner) in a scratch folder and reads back what was written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app

REPO = Path(__file__).resolve().parents[1]
PLENUM = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
DISTRICTS = REPO / "briefs" / "wenzhou-districts.yaml"
TEXT = REPO / "tests" / "fixtures" / "draft" / "four-tasks.txt"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (
            ["build", str(PLENUM), "-o", "deck.docx"],
            "deck.docx: cannot tell the format of deck.docx",
        ),
        (["build", str(PLENUM), "-o", "deck.PPT"], "deck.PPT: cannot tell the format of deck.PPT"),
        (["build", str(PLENUM), "-o", "deck"], "deck: cannot tell the format of deck"),
        (
            ["batch", str(PLENUM), "--roster", str(DISTRICTS), "-o", "all.pptx"],
            "all.pptx: batch writes a folder",
        ),
        (
            ["draft", str(TEXT), "-o", "draft.txt"],
            "draft.txt: draft writes .yaml or .yml files only",
        ),
    ],
    ids=["build-docx", "build-ppt", "build-no-ending", "batch-file", "draft-txt"],
)
def test_an_output_name_the_command_does_not_write_is_refused_at_that_name(
    args: list[str], named: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(named)
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written, not even out/


def test_accepted_output_names_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(PLENUM), "-o", "Deck.PPTX"]).exit_code == 0
    assert (tmp_path / "Deck.PPTX").stat().st_size > 10_000
    dotted = runner.invoke(
        app, ["batch", str(PLENUM), "--roster", str(DISTRICTS), "--only", "鹿城区", "-o", "v1.2"]
    )
    assert dotted.exit_code == 0, dotted.output
    assert (tmp_path / "v1.2" / "鹿城区.pptx").is_file()


def test_build_district_writes_where_batch_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(PLENUM, tmp_path / "plenum.yaml")
    shutil.copy(DISTRICTS, tmp_path / "roster.yaml")
    runner = CliRunner()
    built = runner.invoke(
        app, ["build", "plenum.yaml", "--roster", "roster.yaml", "--district", "洞头区"]
    )
    assert built.exit_code == 0, built.output
    assert built.stdout.startswith(str(Path("out") / "plenum" / "洞头区.pptx"))
    by_build = (tmp_path / "out" / "plenum" / "洞头区.pptx").read_bytes()
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.pptx")) == ["洞头区.pptx"]
    batch = runner.invoke(
        app, ["batch", "plenum.yaml", "--roster", "roster.yaml", "--only", "洞头区", "-j", "1"]
    )
    assert batch.exit_code == 0, batch.output
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.pptx")) == ["洞头区.pptx"]
    assert (tmp_path / "out" / "plenum" / "洞头区.pptx").read_bytes() == by_build
