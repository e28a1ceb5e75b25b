"""Theme files: built-ins, `extends:` on top of another theme, and errors with positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import ThemeError
from briefgen.theme import builtin_themes, load_theme


def test_the_office_variant_extends_party_red_with_windows_faces() -> None:
    base, office = load_theme("party-red"), load_theme("party-red-office")
    assert {"party-red", "party-red-office"} <= set(builtin_themes())
    assert office.colors == base.colors and office.sizes == base.sizes
    assert base.face("sans").ea == "Noto Sans CJK SC"
    assert (office.face("sans").ea, office.face("quote").ea) == ("微软雅黑", "楷体")


def test_extends_merges_mapping_by_mapping(tmp_path: Path) -> None:
    child = tmp_path / "blue.yaml"
    child.write_text(
        "extends: party-red\nname: blue\ncolors:\n  primary: '#003366'\nsizes:\n  body: 26\n",
        encoding="utf-8",
    )
    theme = load_theme(str(child))
    assert theme.name == "blue" and theme.colors.primary == "#003366"
    assert theme.colors.gold == load_theme().colors.gold  # untouched keys come from the base
    assert (theme.sizes.body, theme.sizes.min_body) == (26, 18)


def test_extends_loops_and_unknown_keys_are_positioned_errors(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("extends: b.yaml\nname: a\n", encoding="utf-8")
    b.write_text("extends: a.yaml\nname: b\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="without loops"):
        load_theme(str(a))
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "extends: party-red\nname: x\ncolours:\n  primary: '#000000'\n", encoding="utf-8"
    )
    with pytest.raises(ThemeError) as info:
        load_theme(str(bad))
    [problem] = info.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (str(bad), 3, 1)


def test_slide_size_defaults_to_16_9_and_a_theme_may_ask_for_4_3(tmp_path: Path) -> None:
    assert load_theme("party-red").slide_size == "16:9"
    standard = tmp_path / "standard.yaml"
    standard.write_text("extends: party-red\nname: standard\nslide-size: 4:3\n", encoding="utf-8")
    assert load_theme(str(standard)).slide_size == "4:3"


@pytest.mark.parametrize("value", ["16:10", "'16x9'", "4", "[4, 3]"])
def test_an_unknown_slide_size_is_a_positioned_error_naming_the_sizes(
    tmp_path: Path, value: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: party-red\nname: x\nslide-size: {value}\n", encoding="utf-8")
    with pytest.raises(ThemeError) as info:
        load_theme(str(bad))
    [problem] = info.value.diagnostics
    assert (problem.file, problem.line, problem.column) == (str(bad), 3, 13)
    assert "16:9" in problem.message and "4:3" in problem.message
