"""`briefgen themes` and `briefgen themes show NAME`, as whole text at a fixed width."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.build import missing_faces
from briefgen.cli import app

COLUMNS = {"COLUMNS": "80", "NO_COLOR": "1"}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=COLUMNS)
    return result.exit_code, result.stdout, result.stderr


def text(out: str) -> str:
    """The output without the padding Rich puts after the last column."""
    return "\n".join(line.rstrip() for line in out.splitlines())


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a theme file (on gov-blue) and an outline, which is no theme."""
    (tmp_path / "my-blue.yaml").write_text(
        "briefgen-theme: 1\nextends: gov-blue\nname: my-blue\nlabel: 本部蓝\n"
        "colors:\n  primary: '#12355B'\n",
        encoding="utf-8",
    )
    (tmp_path / "outline.yaml").write_text("briefgen: 1\ntitle: 不是主题\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_themes_lists_the_built_in_themes_and_the_folders_theme_files(folder: Path) -> None:
    code, out, err = invoke("themes")
    assert (code, err) == (0, "")
    assert text(out) == (
        "Built-in themes\n"
        "name               label                   file                    extends\n"
        "────────────────────────────────────────────────────────────────────────────\n"
        "gongwen            公文                    gongwen.yaml\n"
        "gongwen-office     公文（Office 字体）     gongwen-office.yaml     gongwen\n"
        "gov-blue           政务蓝                  gov-blue.yaml\n"
        "gov-blue-office    政务蓝（Office 字体）   gov-blue-office.yaml    gov-blue\n"
        "party-red          党政红                  party-red.yaml\n"
        "party-red-office   党政红（Office 字体）   party-red-office.yaml   party-red\n"
        "\n"
        "Theme files in this folder\n"
        "name      label    file           extends\n"
        "──────────────────────────────────────────\n"
        "my-blue   本部蓝   my-blue.yaml   gov-blue"
    )


def marks(*faces: str) -> list[str]:
    """How `themes show` marks each face on this machine (fontconfig decides)."""
    missing = set(missing_faces(faces))
    return [f"{face} {'✗' if face in missing else '✓'}" for face in faces]


def test_themes_show_previews_swatches_faces_and_a_sample_slide(folder: Path) -> None:
    code, out, err = invoke("themes", "show", "gongwen")
    assert (code, err) == (0, "")
    sans, serif, kai, hei, song, kaiti = marks(
        "Noto Sans CJK SC", "Noto Serif CJK SC", "FandolKai", "黑体", "方正小标宋简体", "楷体"
    )
    simhei, times, kai_latin = marks("SimHei", "Times New Roman", "KaiTi")
    portable = [("sans", sans, sans), ("serif", serif, serif), ("quote", kai, kai)]
    office = [("sans", simhei, hei), ("serif", times, song), ("quote", kai_latin, kaiti)]

    def rows(faces: list[tuple[str, str, str]]) -> str:
        latin_w = max(len(f[1]) for f in faces) + 2
        return "".join(f"\n{r:<7}{latin:<{latin_w}}{ea}" for r, latin, ea in faces)

    assert text(out).split("\n\nSample slide\n")[0] == (
        "gongwen · 公文 · built-in theme\n"
        "title bar ruled · cover plain · slides 16:9 · font set portable\n"
        "\n"
        "Colours\n"
        "████ primary #C00000 title bar or rule, tiles, cover\n"
        "████ accent  #9E0000 emphasis of quoted terms, alternate tiles\n"
        "████ gold    #8C8C8C rules, numerals, bullets\n"
        "████ cream   #F5F5F3 card and divider background\n"
        "████ ink     #1A1A1A body text\n"
        "████ grey    #595959 footer, attributions, secondary text\n"
        "████ white   #FFFFFF text on primary\n"
        "\n"
        "Fonts: portable (in use)\n"
        "role   latin" + " " * (max(len(f[1]) for f in portable) - 3) + "ea" + rows(portable) + "\n"
        "\n"
        "Fonts: office\n"
        "role   latin" + " " * (max(len(f[1]) for f in office) - 3) + "ea" + rows(office) + "\n"
        "\n"
        "sans: titles, body, cards · serif: cover, dividers, numerals · quote: quotations\n"
        "✓ installed · ✗ not installed (another face shows) · ? unknown (no fontconfig)"
    )
    assert text(out).split("\n\nSample slide\n")[1] == (
        "╭─ 3/4 · points · 一、会议概况 ────────────────────────────────────────────────╮\n"
        "│ 会议主题和主要议程                                              一、会议概况 │\n"
        "│━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━│\n"
        "│                                                                              │\n"
        "│  • 高举习近平新时代中国特色社会主义思想伟大旗帜                              │\n"
        "│  • 审议通过“十四五”规划建议                                                  │\n"
        "│    – 奋力续写好新时代温州创新史                                              │\n"
        "│  • 动员全市上下接续奋斗、砥砺前行                                            │\n"
        + "│                                                                              │\n"
        * 11
        + "│──────────────────────────────────────────────────────────────────────────────│\n"
        "│ 中共××区委宣传部 · 二〇二〇年十二月                                          │\n"
        "╰──────────────────────────────────────────────────────────────────────────────╯"
    )


def test_themes_show_finds_a_theme_file_of_the_folder_by_name_or_path(folder: Path) -> None:
    by_name, by_path = invoke("themes", "show", "my-blue"), invoke("themes", "show", "my-blue.yaml")
    assert by_name == by_path
    code, out, _ = by_name
    assert code == 0
    assert out.startswith("my-blue · 本部蓝 · my-blue.yaml\ntitle bar filled · cover filled")
    assert "████ primary #12355B" in out and "████ gold    #D9B45A" in out  # gov-blue's gold


def test_an_unknown_theme_exits_1_with_did_you_mean(folder: Path) -> None:
    code, out, err = invoke("themes", "show", "gov-bleu")
    assert (code, out) == (1, "")
    assert err == (
        "gov-bleu: there is no theme 'gov-bleu' (did you mean 'gov-blue'?); the themes are "
        "gongwen, gongwen-office, gov-blue, gov-blue-office, party-red, party-red-office, "
        "my-blue (see `briefgen themes`), or give the path of a theme file (ending in .yaml)\n"
    )
    code, _, err = invoke("themes", "show", "my-bleu")
    assert code == 1 and "(did you mean 'my-blue'?)" in err
    code, _, err = invoke("themes", "show", "nowhere/x.yaml")
    assert code == 1 and "theme file not found" in err
    code, _, err = invoke("build", "outline.yaml", "--theme", "gongwne")
    assert code == 2 and "there is no built-in theme 'gongwne' (did you mean 'gongwen'?)" in err
