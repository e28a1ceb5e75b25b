"""`batch --format pptx,docx,pdf`: every district's deck, handout and PDFs, incrementally.

Runs the real CLI on two districts of the example roster: the handouts and PDFs are written
and recorded in the manifest with their hashes; a second run makes nothing; a deleted PDF is
the only file made again. Needs LibreOffice and poppler (skipped on a developer machine
without them; with CI set they must run).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from _deckfixtures import EXAMPLE, PDF_TOOLS
from typer.testing import CliRunner

from briefgen.build import parse_formats
from briefgen.cli import app

ROSTER = EXAMPLE.parent / "wenzhou-districts.yaml"
MISSING = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]


def test_parse_formats() -> None:
    assert parse_formats("pdf，docx") == ("pptx", "docx", "pdf")
    assert parse_formats("pptx") == ("pptx",)
    with pytest.raises(ValueError, match="unknown format xls"):
        parse_formats("pptx,xls")


def test_unknown_format_is_a_command_line_mistake(tmp_path: Path) -> None:
    args = ["batch", str(EXAMPLE), "--roster", str(ROSTER), "-o", str(tmp_path), "--format", "odt"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "unknown format odt" in result.output


@pytest.mark.skipif(bool(MISSING) and not os.environ.get("CI"), reason="LibreOffice not installed")
def test_batch_writes_and_records_every_output_and_rebuilds_only_what_changed(tmp_path: Path) -> None:
    args = ["batch", str(EXAMPLE), "--roster", str(ROSTER), "-o", str(tmp_path), "-j", "2",
            "--only", "鹿城区,龙湾区", "--format", "pptx,docx,pdf"]  # fmt: skip
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    files = {}
    for entry in manifest["districts"]:
        stem = entry["file"].removesuffix(".pptx")
        recorded = {o["file"]: o["sha256"] for o in entry["outputs"]}
        assert set(recorded) == {f"{stem}-handout.docx", f"{stem}.pdf", f"{stem}-handout.pdf"}
        for name, digest in recorded.items():
            data = (tmp_path / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest
            files[name] = (tmp_path / name).stat().st_mtime_ns
    assert (tmp_path / "鹿城区.pdf").read_bytes().startswith(b"%PDF")
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "nothing to do" in second.output
    assert {n: (tmp_path / n).stat().st_mtime_ns for n in files} == files  # nothing made again
    (tmp_path / "龙湾区-handout.pdf").unlink()
    third = CliRunner().invoke(app, args)
    assert third.exit_code == 0, third.output
    assert "0 built, 2 unchanged, 0 failed, 1 handout/PDF file(s) made" in third.output
    assert (tmp_path / "龙湾区-handout.pdf").read_bytes().startswith(b"%PDF")
    again = {n: (tmp_path / n).stat().st_mtime_ns for n in files if n != "龙湾区-handout.pdf"}
    assert again == {n: t for n, t in files.items() if n != "龙湾区-handout.pdf"}
