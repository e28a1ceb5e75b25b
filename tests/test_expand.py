"""expand_outline: variables filled in, sandbox refusals, only/except, extra slides, positions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.districts import (
    District,
    expand,
    expand_outline,
    keeps,
    load_roster,
    unknown_district_names,
)
from briefgen.errors import BriefgenError, OutlineError, RosterError
from briefgen.outline import LoadedOutline, load_outline

REPO = Path(__file__).resolve().parents[1]

OUTLINE = """\
briefgen: 1
title: 学习贯彻全会精神
presenter: "{{ presenter }}"
place: "{{ place }}"
variables:
  district: 本地区
  presenter: ×××
  place: 党校报告厅
sections:
  - title: 会议概况
    slides:
      - title: 基本情况
        points:
          - 会议举行
          - 全会审议通过建议
      - title: "{{ district }}的任务"
        points:
          - 谋划{{ district.name }}发展思路
        notes: |
          讲解提示：结合{{ district }}实际。
  - title: 学习贯彻
    slides:
      - title: 只给鹿城
        only: [鹿城区]
        points: [鹿城专页]
      - title: 除了龙湾
        except: [龙湾区]
        points: [通用页]
      - title: 讨论与思考
        questions:
          - "{% if district == '鹿城区' %}鹿城怎么干？{% else %}本地怎么干？{% endif %}"
"""


def write(tmp_path: Path, text: str, name: str = "outline.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedOutline:
    return load_outline(write(tmp_path, OUTLINE))


def titles(outline_sections: object) -> list[str]:
    return [slide.title for section in outline_sections for slide in section.slides]  # type: ignore[attr-defined]


def test_plain_build_uses_the_outline_defaults_and_drops_only_slides(loaded: LoadedOutline) -> None:
    outline = expand_outline(loaded)
    assert outline.presenter == "×××"
    assert outline.place == "党校报告厅"
    assert titles(outline.sections) == ["基本情况", "本地区的任务", "除了龙湾", "讨论与思考"]
    assert outline.sections[0].slides[1].points[0].text == "谋划本地区发展思路"  # type: ignore[index]
    assert outline.sections[1].slides[-1].questions == ("本地怎么干？",)


def test_district_fields_override_defaults_and_name_fills_district(loaded: LoadedOutline) -> None:
    district = District("鹿城区", {"presenter": "张三"})
    outline = expand_outline(loaded, district)
    assert outline.presenter == "张三"
    assert outline.place == "党校报告厅"
    assert outline.sections[0].slides[1].title == "鹿城区的任务"
    assert outline.sections[0].slides[1].points[0].text == "谋划鹿城区发展思路"  # type: ignore[index]
    assert outline.sections[0].slides[1].notes == "讲解提示：结合鹿城区实际。"
    assert outline.sections[1].slides[-1].questions == ("鹿城怎么干？",)
    assert outline.variables["district"] == "鹿城区"


def test_filters_and_district_fields(tmp_path: Path) -> None:
    text = OUTLINE.replace(
        '"{{ district }}的任务"', "\"{{ district.presenter }}/{{ host | default('待定') }}\""
    )
    loaded = load_outline(write(tmp_path, text))
    outline = expand_outline(loaded, District("鹿城区", {"presenter": "张三"}))
    assert outline.sections[0].slides[1].title == "张三/待定"
    outline = expand_outline(loaded, District("鹿城区", {"host": "李四"}))
    assert outline.sections[0].slides[1].title == "×××/李四"


def test_only_and_except_pick_slides_per_district(loaded: LoadedOutline) -> None:
    lucheng = titles(expand_outline(loaded, District("鹿城区")).sections)
    longwan = titles(expand_outline(loaded, District("龙湾区")).sections)
    assert "只给鹿城" in lucheng and "除了龙湾" in lucheng
    assert "只给鹿城" not in longwan and "除了龙湾" not in longwan
    assert keeps(loaded.outline.sections[1].slides[0], " 鹿城区 ")


def test_a_plain_build_acts_as_the_district_variables_names(tmp_path: Path) -> None:
    generic = load_outline(write(tmp_path, OUTLINE))
    plain = titles(expand_outline(generic).sections)
    assert "只给鹿城" not in plain and "除了龙湾" in plain  # 本地区 is no district of the slides
    own = load_outline(write(tmp_path, OUTLINE.replace("district: 本地区", "district: 鹿城区")))
    assert titles(expand_outline(own).sections) == titles(
        expand_outline(own, District("鹿城区")).sections
    )
    assert "只给鹿城" in titles(expand_outline(own).sections)
    longwan = load_outline(write(tmp_path, OUTLINE.replace("district: 本地区", "district: 龙湾区")))
    plain = titles(expand_outline(longwan).sections)
    assert "只给鹿城" not in plain and "除了龙湾" not in plain


def test_a_trainers_own_slide_reaches_the_plain_deck_through_the_cli(tmp_path: Path) -> None:
    from pptx import Presentation
    from typer.testing import CliRunner

    from briefgen.cli import app

    outline = write(tmp_path, OUTLINE.replace("district: 本地区", "district: 鹿城区"))
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(app, ["build", str(outline), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "鹿城专页" in text and "鹿城怎么干" in text and "本地怎么干" not in text


def test_slides_without_placeholders_are_reused_unchanged(loaded: LoadedOutline) -> None:
    first = expand_outline(loaded, District("鹿城区"))
    second = expand_outline(loaded, District("瓯海区"))
    assert first.sections[0].slides[0] is loaded.outline.sections[0].slides[0]
    assert second.sections[0].slides[0] is loaded.outline.sections[0].slides[0]
    assert first.sections[0].slides[1] is not second.sections[0].slides[1]


def test_values_are_inserted_literally_never_evaluated(loaded: LoadedOutline) -> None:
    hostile = "{{ ''.__class__ }} <b>&amp;</b> {% for x in y %}"
    outline = expand_outline(loaded, District("鹿城区", {"presenter": hostile}))
    assert outline.presenter == hostile


@settings(max_examples=60, deadline=None)
@given(value=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_any_value_comes_out_as_written(value: str) -> None:
    loaded = _loaded_once()
    outline = expand_outline(loaded, District("鹿城区", {"presenter": value}))
    assert outline.presenter == value


_CACHE: dict[str, LoadedOutline] = {}


def _loaded_once() -> LoadedOutline:
    if "o" not in _CACHE:
        import tempfile

        folder = Path(tempfile.mkdtemp())
        _CACHE["o"] = load_outline(write(folder, OUTLINE))
    return _CACHE["o"]


def test_undefined_variable_names_the_placeholder_position_and_the_district(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, OUTLINE.replace("谋划{{ district.name }}", "谋划{{ presentr }}"))
    loaded = load_outline(path)
    district = District("瓯海区", {}, file="roster.yaml", line=7, column=5)
    with pytest.raises(OutlineError) as caught:
        expand_outline(loaded, district)
    (diagnostic,) = caught.value.diagnostics
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "presentr" in text)
    column = path.read_text().splitlines()[line - 1].index("{{ presentr") + 1
    assert (diagnostic.file, diagnostic.line, diagnostic.column) == (str(path), line, column)
    assert "{{ presentr }} is not defined for district 瓯海区 (roster.yaml:7:5)" in str(diagnostic)
    assert "did you mean {{ presenter }}" in diagnostic.message
    assert str(diagnostic).startswith(f"{path}:{line}:{column}: sections[1].slides[2]")


def test_district_without_roster_or_default_says_how_to_fix(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("  district: 本地区\n", ""))
    with pytest.raises(OutlineError, match=r"--roster ROSTER --district NAME"):
        expand_outline(load_outline(path))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ ''.__class__ }}", "Python internals"),
        ("{{ ''['__class__'] }}", "Python internals"),
        ("{{ district.__class__.__mro__ }}", "Python internals"),
        ("{{ district.name.upper() }}", "calling functions"),
        ("{{ range(10) }}", "calling functions"),
        ("{% include '/etc/passwd' %}", "include"),
        ("{% for c in district %}{{ c }}{% endfor %}", "for"),
        ("{% set x = 1 %}", "set"),
        ("{{ 'ab' * 10000000 }}", "100,000"),
        ("{{ '%s' % district }}", "'%' formatting"),
        ("{{ district|random }}", "No filter named 'random'"),
        ("{{ district|replace('', 'xxxxxxxxxx') * 1 }}", "refused"),
    ],
)
def test_sandbox_refuses_code_files_and_blowups(
    tmp_path: Path, template: str, expected: str
) -> None:
    text = OUTLINE.replace('"{{ district }}的任务"', repr(template).replace("\\\\", "\\"))
    loaded = load_outline(write(tmp_path, text))
    with pytest.raises(OutlineError) as caught:
        expand_outline(loaded, District("鹿城区" * 20000 if "replace" in template else "鹿城区"))
    message = str(caught.value)
    assert expected in message
    assert f"{tmp_path / 'outline.yaml'}:16:" in message
    assert "Traceback" not in message


def test_syntax_error_points_into_a_block_of_notes(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("结合{{ district }}实际", "结合{{ district }实际"))
    with pytest.raises(OutlineError) as caught:
        expand_outline(load_outline(path))
    (diagnostic,) = caught.value.diagnostics
    lines = path.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "{{ district }实际" in text)
    assert (diagnostic.line, diagnostic.column) == (line, lines[line - 1].index("{{") + 1)
    assert "two braces" in diagnostic.message


ROSTER = """\
districts:
  - name: 鹿城区
    presenter: 张三
    extra:
      - section: 学习贯彻
        after: 除了龙湾
        slides:
          - title: "{{ district }}加页"
            points: [鹿城的举措]
  - name: 龙湾区
    extra:
      - section: 会议概况
        slides:
          - title: 龙湾加页
            points: [龙湾的举措]
  - name: 瓯海区
    extra:
      - section: 不存在的章节
        slides:
          - title: 瓯海加页
            points: [x]
"""


def test_extra_slides_land_in_their_section_and_only_for_their_district(
    loaded: LoadedOutline, tmp_path: Path
) -> None:
    roster = load_roster(write(tmp_path, ROSTER, "roster.yaml"))
    lucheng = expand(loaded, roster.district("鹿城区"))
    sections = lucheng.outline.sections
    assert [s.title for s in sections[1].slides] == [
        "只给鹿城",
        "除了龙湾",
        "鹿城区加页",
        "讨论与思考",
    ]
    assert "鹿城区加页" not in titles(sections[:1])
    origin = lucheng.origins[1][2]
    assert origin.file == roster.file
    assert origin.path == ("districts", 0, "extra", 0, "slides", 0)
    longwan = expand_outline(loaded, roster.district("龙湾区"))
    assert [s.title for s in longwan.sections[0].slides][-1] == "龙湾加页"
    assert "鹿城区加页" not in titles(longwan.sections)
    assert "龙湾加页" not in titles(expand_outline(loaded).sections)


def test_extra_slides_for_a_missing_section_name_the_roster_position(
    loaded: LoadedOutline, tmp_path: Path
) -> None:
    path = write(tmp_path, ROSTER, "roster.yaml")
    roster = load_roster(path)
    with pytest.raises(RosterError) as caught:
        expand_outline(loaded, roster.district("瓯海区"))
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location() == f"{path}:18:18"
    assert "瓯海区" in diagnostic.message and "不存在的章节" in diagnostic.message
    assert "会议概况、学习贯彻" in diagnostic.message
    typo = write(tmp_path, ROSTER.replace("不存在的章节", "学习贯沏"), "typo.yaml")
    with pytest.raises(RosterError, match="did you mean '学习贯彻'"):
        expand_outline(loaded, load_roster(typo).district("瓯海区"))


def test_after_a_slide_this_district_does_not_get_is_an_error(tmp_path: Path) -> None:
    loaded = load_outline(write(tmp_path, OUTLINE))
    roster = load_roster(
        write(
            tmp_path,
            ROSTER.replace("name: 鹿城区", "name: 龙湾区x").replace("除了龙湾", "只给鹿城"),
            "r.yaml",
        )
    )
    with pytest.raises(BriefgenError, match="has no slide '只给鹿城' for this district"):
        expand_outline(loaded, roster.district("龙湾区x"))


def test_unknown_names_in_only_and_except_are_warned(loaded: LoadedOutline) -> None:
    found = unknown_district_names(loaded, ["鹿城区", "瓯海区"])
    assert [d.message for d in found] == ["'龙湾区' is not a district in the roster"]
    line = next(i for i, text in enumerate(OUTLINE.splitlines(), 1) if "except: [龙湾区]" in text)
    column = OUTLINE.splitlines()[line - 1].index("龙湾区") + 1
    assert found[0].severity == "warning"
    assert (found[0].line, found[0].column) == (line, column)


def test_the_shipped_outline_expands_for_every_shipped_district() -> None:
    outline = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
    roster = load_roster(REPO / "briefs" / "wenzhou-districts.yaml")
    loaded = load_outline(outline)
    assert not roster.failures
    for district in roster.districts:
        expanded = expand_outline(loaded, district)
        assert expanded.presenter == district.variables["presenter"]
        assert expanded.organiser == district.variables["organiser"]
        text = str(expanded.model_dump())
        assert "{{" not in text and "{%" not in text


def test_each_distinct_template_is_compiled_once_across_districts(loaded: LoadedOutline) -> None:
    from briefgen.districts import clear_cache, plain_parts

    clear_cache()
    expand_outline(loaded, District("鹿城区"))
    parsed = plain_parts.cache_info().misses  # every distinct text is parsed once, here
    assert parsed >= 4
    for name in ("龙湾区", "瓯海区", "洞头区"):
        expand_outline(loaded, District(name))
    info = plain_parts.cache_info()
    assert info.misses == parsed and info.hits >= 3 * parsed
