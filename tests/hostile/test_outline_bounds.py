"""Hostile outlines: empty content lists, empty and huge tables, infinite time budgets.

`check` and `build` must report each at the same FILE:LINE:COL (they used to pass `check` and
crash `build`). Each case runs the real CLI under memory and CPU limits (see _bounded.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _bounded import assert_clean_failure, briefgen

HEAD = "briefgen: 1\ntitle: 测试\nsections:\n  - title: 一\n    slides:\n      - title: 甲\n"


def _table(columns: int, rows: int) -> str:
    cells = ", ".join(["单元"] * columns)
    body = "".join(f"          - [{cells}]\n" for _ in range(rows))
    return f"        table:\n          header: [{cells}]\n          rows:\n{body}"


CASES = [
    ("        items: []\n", "7:16: sections[1].slides[1].items: the list is empty"),
    ("        terms: []\n", "7:16: sections[1].slides[1].terms: the list is empty"),
    ("        questions: []\n", "7:20: sections[1].slides[1].questions: the list is empty"),
    (
        "        table: {header: [], rows: []}\n",
        "7:25: sections[1].slides[1].table.header: a table needs at least one column",
    ),
    (_table(300, 300), "8:19: sections[1].slides[1].table.header: the table has 300 columns"),
    ("        minutes: Infinity\n        points: [a]\n", "7:18: sections[1].slides[1].minutes"),
    ("        minutes: +inf\n        points: [a]\n", "7:18: sections[1].slides[1].minutes"),
    ("        minutes: 1e309\n        points: [a]\n", "7:18: sections[1].slides[1].minutes"),
    ("        minutes: 100000\n        points: [a]\n", "7:18: sections[1].slides[1].minutes"),
]


@pytest.mark.parametrize(("slide", "where"), CASES)
def test_check_and_build_report_the_same_position(tmp_path: Path, slide: str, where: str) -> None:
    (tmp_path / "o.yaml").write_text(HEAD + slide, encoding="utf-8")
    checked = briefgen("check", "o.yaml", cwd=tmp_path)
    built = briefgen("build", "o.yaml", cwd=tmp_path)
    for run in (checked, built):
        assert_clean_failure(run)
        assert f"o.yaml:{where}" in run.stderr
    summary = "o.yaml: 1 error(s), 0 warning(s)"
    assert checked.stderr.splitlines() == [*built.stderr.splitlines(), summary]
    assert not (tmp_path / "out").exists()


def test_a_session_of_infinite_duration_is_an_error(tmp_path: Path) -> None:
    text = HEAD.replace("title: 测试\n", "title: 测试\nduration: 1e400\n") + "        points: [a]\n"
    (tmp_path / "o.yaml").write_text(text, encoding="utf-8")
    for command in ("check", "build"):
        run = briefgen(command, "o.yaml", cwd=tmp_path)
        assert_clean_failure(run)
        assert "o.yaml:3:11: duration: must be an ordinary number" in run.stderr


def test_an_empty_list_of_points_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "o.yaml").write_text(HEAD + "        points: []\n", encoding="utf-8")
    run = briefgen("check", "o.yaml", cwd=tmp_path)
    assert run.code == 0, run.output
    assert "o.yaml:7:17: sections[1].slides[1].points: warning: 'points' is an empty" in run.stderr


def test_the_widest_allowed_table_builds_on_continuation_slides(tmp_path: Path) -> None:
    from pptx import Presentation

    text = HEAD + _table(12, 120).replace("单元", "较长的单元格内容文字")
    (tmp_path / "o.yaml").write_text(text, encoding="utf-8")
    run = briefgen("build", "o.yaml", "-o", "deck.pptx", cwd=tmp_path)
    assert run.code == 0, run.output
    tables = [
        shape.table
        for slide in Presentation(str(tmp_path / "deck.pptx")).slides
        for shape in slide.shapes
        if shape.has_table
    ]
    # twelve columns of long text cannot stand side by side even at the minimum size: they
    # continue in column groups that each repeat the first column (docs/layout.md, Tables)
    assert len(tables) > 1 and all(len(t.columns) < 12 for t in tables)
    groups = sum(len(t.rows) - 1 for t in tables) // 120
    assert groups >= 2 and sum(len(t.rows) - 1 for t in tables) == 120 * groups
    shown = sum((len(t.columns) - 1) * (len(t.rows) - 1) for t in tables)
    assert shown == 11 * 120  # every other cell once, the header repeated on every slide
    assert "column groups" in run.stderr
