"""The one output path: formats in a registry, one atomic writer, one "cannot write" message.

`build` and `batch` both write through `briefgen.build._outputs`; a format added to the
registry is written by both, hashed in the manifest, and checked by the incremental build.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from briefgen.build import (
    OUTPUTS,
    RenderInput,
    build_file,
    file_sha256,
    lay_out_file,
    output_targets,
    run_batch,
)
from briefgen.build import _outputs as outputs
from briefgen.cli import app
from briefgen.errors import BuildError
from briefgen.render import render_pptx

OUTLINE = """\
briefgen: 1
title: 学习贯彻全会精神
organiser: "{{ organiser }}"
variables:
  organiser: 中共××区委宣传部
sections:
  - title: 会议概况
    slides:
      - title: 基本情况
        points:
          - 会议举行
          - 全会审议通过建议
"""

ROSTER = """\
districts:
  - name: 鹿城区
    organiser: 中共鹿城区委宣传部
  - name: 龙湾区
    organiser: 中共龙湾区委宣传部
"""


@pytest.fixture
def outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "brief.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "roster.yaml").write_text(ROSTER, encoding="utf-8")
    return path


def titles(source: RenderInput) -> bytes:
    """A stand-in second format: the slide titles as plain text."""
    return "\n".join(slide.title for slide in source.deck.slides).encode("utf-8")


@pytest.fixture
def with_titles_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register a `txt` format the way docx/md/pdf will be: one registry entry."""
    entry = outputs.RendererOutput("txt", ".txt", "title list", "an editor", titles)
    monkeypatch.setitem(outputs.OUTPUTS, "txt", entry)
    monkeypatch.setattr(outputs, "FORMATS", ("pptx", "txt"))


def test_every_format_is_registered_under_its_own_name() -> None:
    assert "pptx" in OUTPUTS
    for name, output in OUTPUTS.items():
        assert output.format == name and output.suffix.endswith(f".{name}") and output.noun


def test_the_pptx_output_is_the_pptx_renderer(outline: Path) -> None:
    deck, theme = lay_out_file(outline)
    assert OUTPUTS["pptx"].render(RenderInput(deck, theme)) == render_pptx(deck, theme)
    [target] = output_targets(Path("out") / "鹿城区")
    assert target.path == Path("out") / "鹿城区.pptx" and target.output is OUTPUTS["pptx"]


@pytest.mark.usefixtures("with_titles_format")
def test_a_registered_format_is_written_by_build(outline: Path) -> None:
    result = build_file(outline)
    assert result.path == Path("out") / "brief.pptx"
    assert len(Presentation(str(result.path)).slides) == result.slides
    listed = (Path("out") / "brief.txt").read_text(encoding="utf-8").splitlines()
    assert "基本情况" in listed and len(listed) == result.slides


@pytest.mark.usefixtures("with_titles_format")
def test_a_registered_format_is_written_hashed_and_checked_by_batch(outline: Path) -> None:
    out = outline.parent / "decks"
    first = run_batch(outline, outline.parent / "roster.yaml", out, jobs=1)
    assert [r.status for r in first.results] == ["built", "built"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["districts"]:
        files = [o["file"] for o in entry["outputs"]]
        assert files == [f"{entry['name']}.pptx", f"{entry['name']}.txt"]
        for output in entry["outputs"]:
            assert output["sha256"] == file_sha256(out / output["file"])
    (out / "龙湾区.txt").write_text("edited", encoding="utf-8")
    again = run_batch(outline, outline.parent / "roster.yaml", out, jobs=1)
    assert [r.status for r in again.results] == ["unchanged", "built"]
    assert "基本情况" in (out / "龙湾区.txt").read_text(encoding="utf-8")


def handout(source: RenderInput) -> bytes:
    """A stand-in handout: drawn from the renderer-neutral plan, not from slide positions."""
    assert source.plan is not None, "build and batch hand every output the plan"
    lines = [f"{s.title}: {' '.join(b.text for b in s.blocks)}" for s in source.plan.slides]
    return "\n".join(lines).encode("utf-8")


def test_build_and_batch_give_each_output_the_plan(
    outline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = outputs.RendererOutput("md", ".md", "handout", "an editor", handout)
    monkeypatch.setitem(outputs.OUTPUTS, "md", entry)
    monkeypatch.setattr(outputs, "FORMATS", ("pptx", "md"))
    build_file(outline)
    assert "基本情况: 会议举行 全会审议通过建议" in (Path("out") / "brief.md").read_text("utf-8")
    out = outline.parent / "decks"
    run_batch(outline, outline.parent / "roster.yaml", out, jobs=1)
    assert "中共龙湾区委宣传部" in (out / "龙湾区.md").read_text("utf-8")


def test_a_failing_renderer_leaves_every_old_file(
    outline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_file(outline)
    before = first.path.read_bytes()

    def broken(source: RenderInput) -> bytes:
        raise BuildError("the second format cannot be drawn")

    entry = outputs.RendererOutput("txt", ".txt", "title list", "an editor", broken)
    monkeypatch.setitem(outputs.OUTPUTS, "txt", entry)
    monkeypatch.setattr(outputs, "FORMATS", ("pptx", "txt"))
    outline.write_text(OUTLINE.replace("会议举行", "会议召开"), encoding="utf-8")
    with pytest.raises(BuildError, match="cannot be drawn"):
        build_file(outline)
    assert first.path.read_bytes() == before and not (Path("out") / "brief.txt").exists()


@pytest.mark.parametrize(
    ("error", "hinted"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), True),
        (OSError(errno.EBUSY, "Device or resource busy"), True),
        (OSError(errno.ETXTBSY, "Text file busy"), True),
        (OSError(errno.ENOSPC, "No space left on device"), False),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), False),
    ],
)
def test_only_a_locked_file_gets_the_is_it_open_hint(error: OSError, hinted: bool) -> None:
    problem = outputs.cannot_write(error, Path("out/deck.pptx"), "deck", "PowerPoint or WPS")
    [diagnostic] = problem.diagnostics
    assert diagnostic.file == "out/deck.pptx"
    assert diagnostic.message.startswith(f"cannot write the deck: {error.strerror}")
    assert (
        "is it open in PowerPoint or WPS? close it and run again" in diagnostic.message
    ) is hinted


def test_build_into_a_locked_deck_says_close_it_and_keeps_the_old_deck(
    outline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = Path("out") / "brief.pptx"
    build_file(outline)
    before = target.read_bytes()

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    outline.write_text(OUTLINE.replace("会议举行", "会议召开"), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(outline)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{target}: cannot write the deck: Permission denied "
        "(is it open in PowerPoint or WPS? close it and run again)"
    )
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["brief.pptx"]  # no temp file left


def test_build_into_a_path_under_a_file_names_the_path_without_the_hint(outline: Path) -> None:
    blocker = outline.parent / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(outline), "-o", str(blocker / "deck.pptx")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{blocker / 'deck.pptx'}: cannot write the deck: {blocker} is a file, not a folder; "
        "choose another path"
    )


def test_batch_reports_a_locked_deck_for_that_district_only(
    outline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = outline.parent / "decks"
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst).name == "龙湾区.pptx":
            raise PermissionError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run_batch(outline, outline.parent / "roster.yaml", out, jobs=1)
    assert [r.status for r in result.results] == ["built", "failed"]
    [problem] = result.results[1].errors
    assert problem.file == str(out / "龙湾区.pptx")
    assert "is it open in PowerPoint or WPS?" in problem.message
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "鹿城区.pptx"]


def test_an_unwritable_manifest_is_a_message_not_an_internal_error(outline: Path) -> None:
    out = outline.parent / "decks"
    (out / "manifest.json").mkdir(parents=True)
    result = CliRunner().invoke(
        app,
        ["batch", str(outline), "--roster", str(outline.parent / "roster.yaml"), "-o", str(out)],
    )
    assert result.exit_code == 1
    assert f"{out / 'manifest.json'}: cannot write the manifest: " in result.stderr
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_draft_words_a_failed_write_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "公报.txt"
    text.write_text("中共某县委全会公报\n\n会议认为，今年以来工作成绩显著。\n", encoding="utf-8")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    target = tmp_path / "draft.yaml"
    result = CliRunner().invoke(app, ["draft", str(text), "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        f"{target}: cannot write the draft: Permission denied "
        "(is it open in another program? close it and run again)"
    )
    assert not target.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["公报.txt"]
