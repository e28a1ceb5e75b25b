"""Hostile theme files: sizes out of range, non-numbers, deep or looping `extends:` chains,
unknown names. Each case runs the real CLI under memory and CPU limits (see _bounded.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _bounded import assert_clean_failure, briefgen

OUTLINE = """\
briefgen: 1
title: 测试
sections:
  - title: 一
    slides:
      - title: 甲
        points: [一点]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "o.yaml").write_text(OUTLINE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("line", "expect"),
    [
        ("title: 1e308", "at most 200"),
        ("body: infinity", "ordinary number"),
        ("body: .inf", "expected a number"),
        ("body: -5", "at least 6"),
        ("body: 0", "at least 6"),
        ("body: nan", "ordinary number"),
        ("footer: 1e308", "at most 200"),
        ("min-body: 30", "larger than body"),
    ],
)
def test_out_of_range_sizes_are_positioned_errors(folder: Path, line: str, expect: str) -> None:
    theme = folder / "t.yaml"
    theme.write_text(f"extends: party-red\nname: t\nsizes:\n  {line}\n", encoding="utf-8")
    run = briefgen("build", "o.yaml", "--theme", "t.yaml", cwd=folder)
    assert_clean_failure(run)
    assert expect in run.stderr
    assert "t.yaml:4:" in run.stderr or "t.yaml:3:" in run.stderr, run.stderr
    assert not (folder / "out").exists()


def test_the_extremes_of_every_size_range_build(folder: Path) -> None:
    """6 and 200 pt everywhere are allowed, so the layout must cope with both in bounded time."""
    keys = ["title", "body", "sub", "cover-title", "divider-title", "quote", "footer"]
    for size, least in ((6, 6), (200, 200), (200, 6)):
        lines = "".join(f"  {k}: {size}\n" for k in keys)
        lines += "".join(f"  min-{k}: {least}\n" for k in ("title", "body", "cover-title"))
        (folder / "t.yaml").write_text(f"extends: party-red\nname: t\nsizes:\n{lines}", "utf-8")
        deck = f"{size}-{least}.pptx"
        run = briefgen("build", "o.yaml", "--theme", "t.yaml", "-o", deck, cwd=folder)
        assert run.code == 0, run.output
        assert (folder / deck).is_file()


def test_an_error_in_a_parent_is_reported_in_the_parent(folder: Path) -> None:
    (folder / "child.yaml").write_text("extends: parent.yaml\nname: c\n", encoding="utf-8")
    (folder / "parent.yaml").write_text(
        "extends: party-red\nname: p\nsizes:\n  body: 900\ncolours: {}\n", encoding="utf-8"
    )
    run = briefgen("build", "o.yaml", "--theme", "child.yaml", cwd=folder)
    assert_clean_failure(run)
    assert "parent.yaml:4:9: sizes.body: must be at most 200" in run.stderr
    assert "parent.yaml:5:1: unknown key 'colours' (did you mean 'colors'?)" in run.stderr
    assert "child.yaml" not in run.stderr


def test_a_chain_of_1200_extends_is_refused_at_the_limit(folder: Path) -> None:
    for i in range(1, 1201):
        (folder / f"e{i}.yaml").write_text(f"extends: e{i + 1}.yaml\nname: e{i}\n", "utf-8")
    (folder / "e1201.yaml").write_text("extends: party-red\nname: last\n", encoding="utf-8")
    run = briefgen("build", "o.yaml", "--theme", "e1.yaml", cwd=folder)
    assert_clean_failure(run)
    assert "e8.yaml:1:10: extends: themes extend each other more than 8 deep" in run.stderr


def test_a_loop_through_another_spelling_of_the_same_file_is_found(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "a.yaml").write_text("extends: sub/../b.yaml\nname: a\n", encoding="utf-8")
    (folder / "b.yaml").write_text("extends: ./a.yaml\nname: b\n", encoding="utf-8")
    run = briefgen("build", "o.yaml", "--theme", "a.yaml", cwd=folder)
    assert_clean_failure(run)
    assert "b.yaml:1:10: extends: 'extends' makes a loop" in run.stderr


def test_unknown_theme_names_list_the_built_in_themes(folder: Path) -> None:
    run = briefgen("build", "o.yaml", "--theme", "nosuch", cwd=folder)
    assert_clean_failure(run, code=2)
    assert "'--theme'" in run.stderr and "party-red, party-red-office" in run.stderr

    (folder / "c.yaml").write_text("extends: nosuch\nname: c\n", encoding="utf-8")
    run = briefgen("build", "o.yaml", "--theme", "c.yaml", cwd=folder)
    assert_clean_failure(run)
    assert "c.yaml:1:10: extends: there is no built-in theme 'nosuch'" in run.stderr

    (folder / "n.yaml").write_text(OUTLINE.replace("title: 测试", "title: 测试\ntheme: nosuch"))
    for command in ("check", "build", "preview"):
        run = briefgen(command, "n.yaml", cwd=folder)
        assert_clean_failure(run)
        assert "n.yaml:3:8: theme: there is no built-in theme 'nosuch'" in run.stderr
