"""`check` and `build` agree: what `build` refuses, `check` refuses at the same FILE:LINE:COL,
and when both accept an outline they report the same warnings.

Outlines are generated (hypothesis): a small valid deck with any mix of faults trainers make
(a `{{ name }}` with no default, `{{ district }}` without a roster, empty `items`, `terms`,
`questions` or table header, a row of the wrong length, an empty text, a missing or broken
theme, a template syntax error, a text so long it shrinks and continues, an unknown key).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import build_file, check_file
from briefgen.errors import BriefgenError, Diagnostic

LONG = "坚持把高质量发展作为首要任务，推动经济实现质的有效提升和量的合理增长。" * 30


def _slide(title: str, fault: str) -> dict[str, Any]:
    """One content slide, valid or with `fault`."""
    faults: dict[str, dict[str, Any]] = {
        "none": {"points": ["锚定“五大新坐标”", {"text": "奋力续写创新史", "sub": ["一", "二"]}]},
        "variable": {"points": ["{{ leader }}同志讲话"]},
        "district": {"points": ["{{ district }}贯彻落实举措"]},
        "defined": {"points": ["{{ place }}的实践"]},
        "syntax": {"points": ["{{ place 的实践"]},
        "items-empty": {"items": []},
        "terms-empty": {"terms": []},
        "questions-empty": {"questions": []},
        "points-empty": {"points": []},
        "table-header": {"table": {"header": [], "rows": []}},
        "table-row": {"table": {"header": ["甲", "乙"], "rows": [["一"]]}},
        "table-ok": {"table": {"header": ["甲", "乙"], "rows": [["一", "二"]]}},
        "text-empty": {"quote": {"text": ""}},
        "long": {"quote": {"text": LONG, "attribution": "全会公报"}},
        "unknown-key": {"pionts": ["错字"]},
        "minutes": {"minutes": "-2", "points": ["时长"]},
        "image": {"image": "missing.png"},
        "items-ok": {"items": [{"head": "坚定方向", "text": "锚定目标"}]},
    }
    return {"title": title, **faults[fault]}


FAULTS = st.sampled_from(
    [
        "none",
        "variable",
        "district",
        "defined",
        "syntax",
        "items-empty",
        "terms-empty",
        "questions-empty",
        "points-empty",
        "table-header",
        "table-row",
        "table-ok",
        "text-empty",
        "long",
        "unknown-key",
        "minutes",
        "image",
        "items-ok",
    ]
)
VALID = st.sampled_from(["none", "defined", "table-ok", "long", "items-ok", "points-empty"])
THEMES = st.sampled_from([None, "party-red", "nosuch", "bad.yaml", "missing.yaml", "good.yaml"])


@st.composite
def outlines(draw: st.DrawFn) -> tuple[dict[str, Any], str | None]:
    """An outline as data, and the theme file it names (written next to it)."""
    sections = []
    for s in range(draw(st.integers(1, 2))):
        kinds = draw(st.lists(VALID, min_size=1, max_size=3))
        kinds += draw(st.lists(FAULTS, max_size=1))  # mostly one fault, so later stages run
        kinds = draw(st.permutations(kinds))
        slides = [_slide(f"第{s}{k}页", kind) for k, kind in enumerate(kinds)]
        sections.append({"title": f"第{s}部分", "slides": slides})
    data: dict[str, Any] = {"briefgen": 1, "title": "学习贯彻全会精神", "sections": sections}
    if draw(st.booleans()):
        data["variables"] = {"place": "党校"}
    theme = draw(THEMES)
    if theme is not None:
        data["theme"] = theme
    return data, theme


def _positions(diagnostics: tuple[Diagnostic, ...], severity: str) -> set[tuple[Any, ...]]:
    return {(d.file, d.line, d.column) for d in diagnostics if d.severity == severity}


def _write(folder: Path, data: dict[str, Any]) -> Path:
    (folder / "good.yaml").write_text("extends: party-red\n", encoding="utf-8")
    (folder / "bad.yaml").write_text("extends: party-red\ncolors: {primary: 12}\n", "utf-8")
    path = folder / "outline.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(outlines())
def test_check_and_build_agree(generated: tuple[dict[str, Any], str | None]) -> None:
    data, _ = generated
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = _write(folder, data)
        checked = check_file(path)
        try:
            built = build_file(path, folder / "deck.pptx")
        except BriefgenError as exc:
            refused = exc.diagnostics
            assert checked.failed, f"check said ok, build refused: {[str(d) for d in refused]}"
            missing = _positions(refused, "error") - _positions(checked.diagnostics, "error")
            assert not missing, (
                f"build refused at {missing}; check said {[str(d) for d in checked.diagnostics]}"
            )
            return
        errors = [str(d) for d in checked.diagnostics if d.severity == "error"]
        assert not checked.failed, f"build succeeded, check refused: {errors}"
        assert {str(d) for d in checked.diagnostics} == {str(d) for d in built.warnings}


def test_a_variable_without_default_is_refused_by_both_at_the_same_column(
    tmp_path: Path,
) -> None:
    path = _write(
        tmp_path,
        {"briefgen": 1, "title": "标题", "sections": [{"title": "一", "slides": [
            _slide("甲", "variable")]}]},
    )  # fmt: skip
    checked = check_file(path)
    try:
        build_file(path, tmp_path / "deck.pptx")
    except BriefgenError as exc:
        refused = exc.diagnostics
    else:
        raise AssertionError("build accepted an undefined variable")
    assert checked.failed
    assert _positions(refused, "error") <= _positions(checked.diagnostics, "error")


def test_check_with_a_roster_accepts_variables_the_roster_supplies(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"briefgen": 1, "title": "标题", "sections": [{"title": "一", "slides": [
            _slide("甲", "district")]}]},
    )  # fmt: skip
    roster = tmp_path / "roster.yaml"
    roster.write_text("districts:\n  - name: 鹿城区\n  - name: 龙湾区\n", encoding="utf-8")
    assert check_file(path).failed
    with_roster = check_file(path, roster=roster)
    assert not with_roster.failed, [str(d) for d in with_roster.diagnostics]
