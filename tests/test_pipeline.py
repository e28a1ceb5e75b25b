"""The pipeline positions layout warnings where the slide was written, per district."""

from __future__ import annotations

from pathlib import Path

from briefgen.build import find_district, lay_out, theme_for
from briefgen.outline import load_outline

LONG = "坚持把续写好新时代温州创新史作为践行“两个维护”最直接、最具体、最生动的体现。"

OUTLINE = """\
briefgen: 1
title: 测试
sections:
  - title: 第一部分
    slides:
      - title: 只给甲区
        only: [甲区]
        points: [甲区的要点]
      - title: 很长的列表
        points:
{points}
"""

ROSTER = """\
districts:
  - name: 甲区
  - name: 乙区
"""


def write(tmp_path: Path) -> tuple[Path, Path]:
    points = "\n".join(f"          - 第{i}条：{LONG}" for i in range(30))
    outline = tmp_path / "brief.yaml"
    outline.write_text(OUTLINE.format(points=points), encoding="utf-8")
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER, encoding="utf-8")
    return outline, roster


def test_warnings_point_at_the_written_slide_when_a_district_drops_one(tmp_path: Path) -> None:
    outline, roster = write(tmp_path)
    loaded = load_outline(outline)
    theme = theme_for(loaded)
    long_slide_line = 9  # "- title: 很长的列表"
    for name in ("甲区", "乙区"):
        deck = lay_out(loaded, theme, district=find_district(roster, name))
        continued = [w for w in deck.warnings if "continued" in w.message]
        assert continued, name
        assert {w.line for w in continued} == {long_slide_line}, (name, continued)
        assert all(f"[district {name}]" in w.message for w in continued)
        assert all(w.path == "sections[1].slides[2]" for w in continued)


def test_a_message_about_no_file_is_signed_briefgen_not_a_placeholder_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefgen.cli import app
    from briefgen.errors import Diagnostic

    outline = tmp_path / "brief.yaml"
    outline.write_text(OUTLINE.format(points="          - 一点"), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(outline), "--district", "甲区"])
    assert result.exit_code == 1
    assert result.stderr == (
        "briefgen: --roster and --district go together: give both or neither\n"
    )
    assert str(Diagnostic("note", severity="warning")) == "briefgen: warning: note"
    assert str(Diagnostic("bad", file="a.yaml", line=3, column=1, path="title")) == (
        "a.yaml:3:1: title: bad"
    )
