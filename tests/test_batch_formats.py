"""`batch --format pptx,docx,md,pdf`: every district's deck, handouts and PDFs, incrementally.

Runs the real CLI on two districts of the shipped roster. The handouts (.docx read back with
python-docx, .md as text) and the PDFs (pdfinfo) are written and recorded in the manifest with
their hashes; a second run makes nothing; a deleted or edited file is the only one made again.
An unknown format is a command-line error (exit 2); PDFs without LibreOffice stop the batch
before anything is built (exit 1). The LibreOffice test is skipped on a developer machine
without soffice/poppler; with CI set it must run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _deckfixtures import EXAMPLE, PDF_TOOLS
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefgen.build import file_sha256, known_formats, parse_formats, run_batch
from briefgen.cli import app

ROSTER = EXAMPLE.parent / "wenzhou-districts.yaml"
TWO = ("鹿城区", "龙湾区")
MISSING = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]
needs_libreoffice = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"{', '.join(MISSING)} not installed; CI runs the LibreOffice tests",
)


def batch(out: Path, formats: str) -> str:
    """Run `briefgen batch` on the two districts; its output (exit 0 asserted)."""
    args = ["batch", str(EXAMPLE), "--roster", str(ROSTER), "-o", str(out), "-j", "2",
            "--only", ",".join(TWO), "--format", formats]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def recorded(out: Path) -> dict[str, list[str]]:
    """The manifest's files per district, each checked against the SHA-256 of the file."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {}
    for entry in manifest["districts"]:
        assert entry["status"] == "ok", entry
        for output in entry["outputs"]:
            assert output["sha256"] == file_sha256(out / output["file"]), output
        files[entry["name"]] = [o["file"] for o in entry["outputs"]]
    return files


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != "manifest.json"}


@given(
    st.lists(st.sampled_from(known_formats()), unique=True),
    st.sampled_from([",", "，", " , "]),
    st.booleans(),
)
def test_formats_are_read_in_any_order_and_case_and_the_deck_is_always_made(
    names: list[str], separator: str, upper: bool
) -> None:
    text = separator.join(n.upper() if upper else n for n in names)
    chosen = parse_formats(text)
    assert chosen.rendered[0] == "pptx"
    assert set(chosen.rendered) == {"pptx", *names} - {"pdf"}
    assert list(chosen.rendered) == [f for f in known_formats() if f in chosen.rendered]
    assert chosen.pdf == ("pdf" in names)


def test_the_pdfs_are_those_of_the_deck_and_the_docx_handout() -> None:
    pdfs = parse_formats("md,docx,pdf").pdf_targets("鹿城区")
    assert [(t.file, t.source) for t in pdfs] == [
        ("鹿城区.pdf", "鹿城区.pptx"),
        ("鹿城区-handout.pdf", "鹿城区-handout.docx"),
    ]
    assert [t.file for t in parse_formats("pdf").pdf_targets("x")] == ["x.pdf"]
    assert parse_formats("docx,md").pdf_targets("x") == ()


def test_an_unknown_format_is_a_command_line_mistake(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(EXAMPLE), "--roster", str(ROSTER), "-o", str(out), "--format", "pptx,odt"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "unknown format odt; choose from pptx, docx, md, pdf" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_handouts_are_written_recorded_and_made_again_only_when_changed(tmp_path: Path) -> None:
    first = batch(tmp_path, "pptx,docx,md")
    files = recorded(tmp_path)
    for name in TWO:
        assert files[name] == [f"{name}.pptx", f"{name}-handout.docx", f"{name}-handout.md"]
        text = "\n".join(
            p.text for p in Document(str(tmp_path / f"{name}-handout.docx")).paragraphs
        )
        assert f"中共温州市{name}委宣传部" in text
        markdown = (tmp_path / f"{name}-handout.md").read_text(encoding="utf-8")
        assert f"中共温州市{name}委宣传部" in markdown
    assert "2 built" in first
    before = stamps(tmp_path)
    assert "nothing to do" in batch(tmp_path, "pptx,docx,md")
    assert stamps(tmp_path) == before
    (tmp_path / "龙湾区-handout.md").write_text("edited by hand\n", encoding="utf-8")
    third = batch(tmp_path, "md,docx")  # the same formats, in another order
    assert "1 built, 1 unchanged" in third
    assert "中共温州市龙湾区委宣传部" in (tmp_path / "龙湾区-handout.md").read_text("utf-8")
    assert {n: t for n, t in stamps(tmp_path).items() if n.startswith("鹿城区")} == {
        n: t for n, t in before.items() if n.startswith("鹿城区")
    }
    recorded(tmp_path)


@needs_libreoffice
def test_pdfs_are_converted_recorded_and_made_again_only_when_missing(tmp_path: Path) -> None:
    if MISSING:
        pytest.fail(f"CI is set but {', '.join(MISSING)} are not installed")
    first = batch(tmp_path, "pptx,docx,pdf")
    assert "4 PDF(s) made" in first
    files = recorded(tmp_path)
    for name in TWO:
        assert files[name] == [
            f"{name}.pptx",
            f"{name}-handout.docx",
            f"{name}.pdf",
            f"{name}-handout.pdf",
        ]
        slides = int(re.search(rf"{name}\.pptx\s+(\d+)", first)[1])  # type: ignore[index]
        info = subprocess.run(
            ["pdfinfo", str(tmp_path / f"{name}.pdf")], capture_output=True, text=True, check=True
        ).stdout
        assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) == slides  # type: ignore[index]
        assert (tmp_path / f"{name}-handout.pdf").read_bytes().startswith(b"%PDF")
    before = stamps(tmp_path)
    assert "nothing to do" in batch(tmp_path, "pptx,docx,pdf")
    assert stamps(tmp_path) == before
    (tmp_path / "龙湾区.pdf").unlink()
    third = batch(tmp_path, "pptx,docx,pdf")
    assert "0 built, 2 unchanged, 0 failed, 1 PDF(s) made" in third
    after = stamps(tmp_path)
    assert after.pop("龙湾区.pdf") > before.pop("龙湾区.pdf")
    assert after == before
    assert recorded(tmp_path) == files


def test_pdfs_without_libreoffice_stop_the_batch_before_anything_is_built(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent  # the venv's briefgen, and no soffice
    env = {**os.environ, "PATH": str(bin_dir)}
    out = tmp_path / "out"
    args = [str(bin_dir / "briefgen"), "batch", str(EXAMPLE), "--roster", str(ROSTER),
            "-o", str(out), "--only", TWO[0], "--format", "pptx,pdf"]  # fmt: skip
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "PDF output needs LibreOffice Impress" in done.stderr
    assert "sudo apt-get install libreoffice-impress" in done.stderr
    assert done.stderr.startswith(f"{out}: ")
    assert "Traceback" not in done.stderr and "<input>" not in done.stderr
    assert not out.exists()


def test_a_pdf_that_libreoffice_does_not_make_fails_its_district_only(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    soffice = fake / "soffice"
    soffice.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # converts nothing
    soffice.chmod(0o755)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{bin_dir}"}
    out = tmp_path / "out"
    args = [str(bin_dir / "briefgen"), "batch", str(EXAMPLE), "--roster", str(ROSTER),
            "-o", str(out), "--only", TWO[0], "--format", "pdf"]  # fmt: skip
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"{out / '鹿城区.pdf'}: LibreOffice made no PDF from 鹿城区.pptx" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert (out / "鹿城区.pptx").is_file() and not (out / "鹿城区.pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["districts"]
    assert entry["status"] == "failed"  # so the next run tries again
    assert [o["file"] for o in entry["outputs"]] == ["鹿城区.pptx", "鹿城区.pdf"]


def test_the_markdown_handout_links_its_images_from_the_output_folder(tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "img" / "map 1.png"
    picture.parent.mkdir()
    Image.new("RGB", (40, 20), "#A40000").save(picture)
    outline = tmp_path / "brief.yaml"
    outline.write_text(
        "briefgen: 1\ntitle: 学习贯彻全会精神\nsections:\n  - title: 会议概况\n    slides:\n"
        "      - title: 区划图\n        image:\n          path: img/map 1.png\n"
        "          caption: 行政区划\n",
        encoding="utf-8",
    )
    roster = tmp_path / "roster.yaml"
    roster.write_text("districts:\n  - name: 鹿城区\n", encoding="utf-8")
    out = tmp_path / "decks" / "2020"
    result = run_batch(outline, roster, out, jobs=1, formats="md")
    assert [r.status for r in result.results] == ["built"]
    markdown = (out / "鹿城区-handout.md").read_text(encoding="utf-8")
    assert "](../../img/map%201.png)" in markdown
