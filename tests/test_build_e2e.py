"""`briefgen build` end to end: Chinese runs, schema validity, atomic writes, themes, determinism.

Each test builds a real outline (the example brief, or a small one written here) through the
library or the CLI and inspects the file on disk.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import EXAMPLE, REPO, Built, write_outline
from typer.testing import CliRunner

from briefgen.build import build_file
from briefgen.cli import app
from briefgen.errors import BuildError

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2e80-\u2eff]")


def xml_parts(data: bytes, prefix: str) -> dict[str, ET.Element]:
    """The parsed XML parts of a .pptx whose names start with `prefix`."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: ET.fromstring(package.read(name))
            for name in package.namelist()
            if name.startswith(prefix) and name.endswith(".xml")
        }


def run_problems(root: ET.Element) -> list[str]:
    """Runs with Chinese text lacking lang="zh-CN", an a:ea face, or a:latin before a:ea."""
    found = []
    for run in root.iter(A + "r"):
        text = "".join(t.text or "" for t in run.iter(A + "t"))
        if not CJK.search(text):
            continue
        rpr = run.find(A + "rPr")
        if rpr is None:
            found.append(f"{text!r}: no a:rPr")
            continue
        tags = [child.tag for child in rpr]
        ea = rpr.find(A + "ea")
        if rpr.get("lang") != "zh-CN" or rpr.get("altLang") != "en-US":
            found.append(f"{text!r}: lang={rpr.get('lang')!r} altLang={rpr.get('altLang')!r}")
        if ea is None or not ea.get("typeface"):
            found.append(f"{text!r}: no a:ea typeface")
        elif A + "latin" not in tags or tags.index(A + "latin") > tags.index(A + "ea"):
            found.append(f"{text!r}: a:latin must come before a:ea")
    return found


# ---------------------------------------------------------------- Chinese runs and validity


def test_every_chinese_run_names_an_east_asian_face_and_zh_cn(example: Built) -> None:
    slides = xml_parts(example.data, "ppt/slides/slide")
    notes = xml_parts(example.data, "ppt/notesSlides/notesSlide")
    assert len(slides) == len(example.deck.slides)
    assert len(notes) == len(example.deck.slides)
    checked = 0
    for name, root in {**slides, **notes}.items():
        assert run_problems(root) == [], name
        checked += sum(1 for r in root.iter(A + "r") if CJK.search("".join(r.itertext())))
    assert checked > 500  # the check saw the deck's Chinese runs


def test_run_check_catches_a_missing_east_asian_face() -> None:
    run = (
        f'<a:p xmlns:a="{A[1:-1]}"><a:r><a:rPr lang="zh-CN" altLang="en-US">'
        '<a:latin typeface="Noto Sans CJK SC"/></a:rPr><a:t>温州</a:t></a:r></a:p>'
    )
    assert run_problems(ET.fromstring(run)) == ["'温州': no a:ea typeface"]


@pytest.mark.parametrize("name", ["example", "stress"])
def test_openxml_audit_finds_no_errors(name: str, request: pytest.FixtureRequest) -> None:
    from openxml_audit import validate_pptx

    built: Built = request.getfixturevalue(name)
    result = validate_pptx(built.path)
    errors = [str(e) for e in result.errors if e.severity.name == "ERROR"]
    assert errors == []
    assert result.is_valid


# ---------------------------------------------------------------- atomic writes

BROKEN = """\
briefgen: 1
title: 学习贯彻全会精神
sections:
  - title: 会议概况
    slides:
      - title: 基本情况
        pionts:
          - 会议举行
"""


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def old_deck(example: Built, tmp_path: Path) -> Path:
    """A folder holding only a deck from an earlier, successful build."""
    out = tmp_path / "decks" / "deck.pptx"
    out.parent.mkdir()
    out.write_bytes(example.data)
    return out


def test_a_failing_render_leaves_the_old_deck(
    old_deck: Path, example: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.render as renderer

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("injected failure while rendering")

    monkeypatch.setattr(renderer, "render_pptx", broken)
    with pytest.raises(RuntimeError, match="injected"):
        build_file(EXAMPLE, old_deck)
    assert old_deck.read_bytes() == example.data
    assert _listing(old_deck.parent) == ["deck.pptx"]


def test_a_failure_during_the_write_leaves_the_old_deck_and_no_temp_file(
    old_deck: Path, example: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []

    def full_disk(src: str | Path, dst: str | Path) -> None:
        seen.append(Path(src))
        assert Path(src).parent == old_deck.parent and Path(src).stat().st_size > 0
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)  # what briefgen.build._atomic renames with
    with pytest.raises(BuildError, match="No space left"):
        build_file(EXAMPLE, old_deck)
    assert seen, "the deck was written to a temp file first"
    assert old_deck.read_bytes() == example.data
    assert _listing(old_deck.parent) == ["deck.pptx"]


def test_cli_reports_a_broken_outline_at_file_line_col(
    old_deck: Path, example: Built, tmp_path: Path
) -> None:
    outline = tmp_path / "broken.yaml"
    outline.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(outline), "-o", str(old_deck)])
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(outline))}:7:\d+: .*pionts", result.stderr), result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert old_deck.read_bytes() == example.data
    assert _listing(old_deck.parent) == ["deck.pptx"]


def test_cli_turns_an_internal_failure_into_exit_1_without_traceback(
    old_deck: Path, example: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.render as renderer

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("injected failure while rendering")

    monkeypatch.setattr(renderer, "render_pptx", broken)
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "-o", str(old_deck)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert "injected failure" in result.stderr
    assert old_deck.read_bytes() == example.data
    assert _listing(old_deck.parent) == ["deck.pptx"]


# ---------------------------------------------------------------- themes and output paths


def test_builds_from_another_folder_to_the_default_output(
    example: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / "wenzhou-2020-plenum.pptx"
    assert out.read_bytes() == example.data  # the built-in party-red theme was found
    summary = result.stdout.strip().splitlines()
    assert len(summary) == 1
    assert "out/wenzhou-2020-plenum.pptx" in summary[0]
    assert f"{len(example.deck.slides)} slides" in summary[0]


def _theme_copy(folder: Path) -> Path:
    """themes/party-red.yaml copied, with its primary red changed to a recognisable one."""
    text = (REPO / "themes" / "party-red.yaml").read_text(encoding="utf-8")
    changed = re.sub(r'primary: "#[0-9A-Fa-f]{6}"', 'primary: "#7A0A1B"', text)
    assert changed != text
    path = folder / "my-red.yaml"
    path.write_text(changed, encoding="utf-8")
    return path


def test_theme_given_as_a_path_is_used(tmp_path: Path) -> None:
    theme = _theme_copy(tmp_path)
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--theme", str(theme)])
    assert result.exit_code == 0, result.output
    cover = zipfile.ZipFile(out).read("ppt/slides/slide1.xml").decode()
    assert 'val="7A0A1B"' in cover


def test_theme_path_relative_to_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--theme my-red.yaml` names a file in the current folder, as docs/themes.md shows,
    also when the outline is in another folder (only `theme:` in the outline is relative to
    the outline)."""
    _theme_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["build", str(EXAMPLE), "-o", "deck.pptx", "--theme", "my-red.yaml"]
    )
    assert result.exit_code == 0, result.stderr
    cover = zipfile.ZipFile(tmp_path / "deck.pptx").read("ppt/slides/slide1.xml").decode()
    assert 'val="7A0A1B"' in cover


def test_an_unknown_theme_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--theme", "nosuch"])
    assert result.exit_code == 2  # a mistake on the command line
    assert "Invalid value for '--theme': there is no built-in theme 'nosuch'" in result.stderr
    assert "party-red" in result.stderr  # names the themes there are
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()


def test_an_outline_in_another_folder_with_a_built_in_theme(tmp_path: Path) -> None:
    outline = write_outline(
        {
            "briefgen": 1,
            "title": "学习贯彻",
            "theme": "party-red",
            "sections": [{"title": "概况", "slides": [{"title": "要点", "points": ["一条"]}]}],
        },
        tmp_path / "outline.yaml",
    )
    result = CliRunner().invoke(app, ["build", str(outline), "-o", str(tmp_path / "o.pptx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o.pptx").stat().st_size > 0


# ---------------------------------------------------------------- determinism


def test_building_twice_gives_identical_bytes(example: Built, tmp_path: Path) -> None:
    again = build_file(EXAMPLE, tmp_path / "again.pptx")
    assert again.path.read_bytes() == example.data


def test_a_fresh_process_gives_identical_bytes(example: Built, tmp_path: Path) -> None:
    """No clock, hash seed or cache state leaks into the file."""
    briefgen = shutil.which("briefgen", path=str(Path(sys.executable).parent))
    command = [briefgen] if briefgen else [sys.executable, "-m", "briefgen"]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = tmp_path / "fresh.pptx"
    subprocess.run(
        [*command, "build", str(EXAMPLE), "-o", str(out)], check=True, env=env, timeout=120,
        capture_output=True,
    )  # fmt: skip
    assert out.read_bytes() == example.data
