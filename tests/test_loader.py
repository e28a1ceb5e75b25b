"""load_outline: the shipped example, every guard on hostile input, positions, and the frozen model."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pydantic
import pytest
from PIL import Image

from briefgen.errors import Diagnostic, OutlineError
from briefgen.outline import (
    CONTENT_KINDS,
    LoadedOutline,
    Outline,
    _source,
    lint_outline,
    load_outline,
    used_variables,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"


SECTIONS = "sections:\n  - title: 部分\n    slides:\n      - title: 页\n        points: [一]\n"
"""A minimal valid `sections:` block, for outlines that test something else."""


def write(folder: Path, text: str, *, sections: bool = False) -> Path:
    path = folder / "outline.yaml"
    text = textwrap.dedent(text).lstrip("\n") + (SECTIONS if sections else "")
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> tuple[Diagnostic, ...]:
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    return caught.value.diagnostics


def where(diagnostic: Diagnostic) -> tuple[int | None, int | None]:
    return diagnostic.line, diagnostic.column


# The shipped example


def test_example_loads_into_a_complete_outline() -> None:
    loaded = load_outline(EXAMPLE)
    outline = loaded.outline
    assert outline.briefgen == 1
    assert outline.title == "市委十二届十一次全体（扩大）会议精神"
    assert outline.theme == "party-red"
    assert 25 <= len(outline.slides()) <= 40
    assert outline.sections[0].title == "会议概况"
    assert all(slide.notes for _, slide in outline.slides())
    assert {slide.kind for _, slide in outline.slides()} >= {"points", "items", "quote", "terms"}
    assert "district" in outline.variables
    assert [d for d in lint_outline(loaded) if d.severity == "error"] == []


def test_example_source_map_points_at_the_first_slide_title() -> None:
    loaded = load_outline(EXAMPLE)
    pos = loaded.source_map.position(("sections", 0, "slides", 0, "title"))
    assert pos is not None
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[pos.line - 1]
    assert line[pos.column - 1 :] == loaded.outline.sections[0].slides[0].title


# The frozen model


def test_model_is_frozen() -> None:
    outline = load_outline(EXAMPLE).outline
    with pytest.raises(pydantic.ValidationError):
        outline.title = "改掉"  # type: ignore[misc]
    slide = outline.sections[0].slides[0]
    with pytest.raises(pydantic.ValidationError):
        slide.title = "改掉"  # type: ignore[misc]
    assert isinstance(outline.sections, tuple)
    assert isinstance(slide.points, tuple)
    with pytest.raises(TypeError):
        outline.sections[0].slides[0].points[0] = None  # type: ignore[index]


def test_loaded_outline_is_frozen() -> None:
    loaded = load_outline(EXAMPLE)
    with pytest.raises(AttributeError):
        loaded.outline = Outline(briefgen=1, title="x")  # type: ignore[misc]


# Content kinds and short forms


def test_every_content_kind_and_short_forms_load(tmp_path: Path) -> None:
    Image.new("RGB", (8, 6), "red").save(tmp_path / "pic.png")
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: 全会精神
        sections:
          - title: 第一部分
            lead: 导语
            slides:
              - title: 要点
                minutes: 2.5
                notes: |
                  第一行
                  第二行
                points:
                  - 简写要点
                  - text: 完整要点
                    sub: [子要点一, 子要点二]
              - title: 框架
                ordinal: 要
                items:
                  - head: 一要
                    text: 说明
                  - head: 二要
              - title: 原文
                quote: 全会指出……
              - title: 原文二
                quote:
                  text: 全会认为……
                  attribution: 全会公报
              - title: 提法
                terms:
                  - term: 八八战略
                    explain: 解释
              - title: 讨论
                questions: [问题一, 问题二]
              - title: 数据
                table:
                  header: [指标, 数值]
                  rows:
                    - [生产总值, "7000"]
              - title: 图片
                image: pic.png
              - title: 图片二
                image:
                  path: pic.png
                  caption: 说明
                only: [鹿城区]
        """,
    )
    outline = load_outline(path).outline
    slides = outline.sections[0].slides
    assert [s.kind for s in slides] == [
        "points", "items", "quote", "quote", "terms", "questions", "table", "image", "image",
    ]  # fmt: skip
    assert set(CONTENT_KINDS) == {s.kind for s in slides}
    points = slides[0].points
    assert points is not None
    assert (points[0].text, points[0].sub) == ("简写要点", ())
    assert points[1].sub == ("子要点一", "子要点二")
    assert slides[0].minutes == 2.5
    assert slides[0].notes == "第一行\n第二行"  # the block's final line break ends the text
    assert slides[1].ordinal == "要"
    assert slides[0].ordinal == "是"
    assert slides[2].quote is not None and slides[2].quote.attribution is None
    assert slides[3].quote is not None and slides[3].quote.attribution == "全会公报"
    assert slides[6].table is not None and slides[6].table.rows == (("生产总值", "7000"),)
    assert slides[7].image is not None and slides[7].image.path == "pic.png"
    assert slides[8].only == ("鹿城区",)
    assert slides[8].except_ is None


def test_scalars_stay_text_nothing_lost(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: no
        subtitle: 2020-12-01
        meeting: 1.50
        source: on
        organiser: 0x1F
        presenter: "007"
        place:
        duration: 90
        """,
        sections=True,
    )
    outline = load_outline(path).outline
    assert outline.title == "no"
    assert outline.subtitle == "2020-12-01"
    assert outline.meeting == "1.50"
    assert outline.source == "on"
    assert outline.organiser == "0x1F"
    assert outline.presenter == "007"
    assert outline.place is None
    assert outline.duration == 90


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + ("briefgen: 1\ntitle: 带BOM\n" + SECTIONS).encode())
    assert load_outline(path).outline.title == "带BOM"


def test_variables_are_listed_with_their_paths(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: "{{ district }}学习会"
        variables:
          place: 党校
        sections:
          - title: 部分
            slides:
              - title: 地点
                points: ["在{{place}}举行", "{{ place }}"]
        """,
    )
    used = used_variables(load_outline(path))
    assert used == {
        "district": [("title",)],
        "place": [
            ("sections", 0, "slides", 0, "points", 0, "text"),
            ("sections", 0, "slides", 0, "points", 1, "text"),
        ],
    }


# All errors at once


def test_four_mistakes_are_reported_in_one_run_in_line_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        titel: 学习贯彻
        duration: 九十
        sections:
          - title: 会议概况
            slides:
              - title: 要点
                points: [一, 二]
                quote: 全会指出
              - title: 框架
                items:
                  - haed: 一是
        """,
    )
    found = errors_of(path)
    assert [where(d) for d in found] == [(2, 1), (3, 11), (7, 9), (12, 13)]
    assert "unknown key 'titel' (did you mean 'title'?)" in found[0].message
    assert "expected a number" in found[1].message and "'九十'" in found[1].message
    assert "'points' and 'quote'" in found[2].message
    assert found[2].path == "sections[1].slides[1]"
    assert "unknown key 'haed' (did you mean 'head'?)" in found[3].message
    assert found[3].path == "sections[1].slides[2].items[1]"
    assert all(d.file == str(path) for d in found)


def test_each_control_character_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_text("briefgen: 1\ntitle: 一\x00二\nsubtitle: \x7f\x1b\n", encoding="utf-8")
    found = errors_of(path)
    assert [where(d) for d in found] == [(2, 9), (3, 11), (3, 12)]
    assert [d.message.split()[2] for d in found] == ["NUL", "DEL", "ESC"]


# Guards on hostile or broken input


def test_gb18030_file_says_how_to_convert(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("briefgen: 1\ntitle: 贯彻全会精神\n".encode("gb18030"))
    (found,) = errors_of(path)
    assert where(found) == (2, 8)
    assert "not UTF-8" in found.message
    assert "GB18030" in found.message
    assert f"iconv -f GB18030 -t UTF-8 {path}" in found.message


def test_latin1_file_is_not_called_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"briefgen: 1\ntitle: caf\xe9\n")
    (found,) = errors_of(path)
    assert where(found) == (2, 11)
    assert "not UTF-8" in found.message
    assert "GB18030" not in found.message


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n", b"\n# only\n  # comments\n", "\ufeff\u2028".encode()]
)
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    (found,) = errors_of(path)
    assert where(found) == (1, 1)
    assert "the file is empty" in found.message


def test_document_marker_alone_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "marker.yaml"
    path.write_bytes(b"---\n")
    (found,) = errors_of(path)
    assert "top level must be a mapping" in found.message
    assert "nothing (an empty value)" in found.message


def test_file_over_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"briefgen: 1\ntitle: x\n")
        handle.write(b"#" * _source.MAX_BYTES)
    (found,) = errors_of(path)
    assert found.file == str(path)
    assert "limit" in found.message
    assert "2048 KiB" in found.message


def test_decode_refuses_oversized_bytes_too() -> None:
    with pytest.raises(OutlineError, match="over the 2048 KiB limit"):
        _source.decode_outline(b"a" * (_source.MAX_BYTES + 1), "big.yaml")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    (missing,) = errors_of(tmp_path / "nope.yaml")
    assert "no such file" in missing.message
    (folder,) = errors_of(tmp_path)
    assert "folder" in folder.message


def test_alias_bomb_fails_with_a_message(tmp_path: Path) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    path = write(tmp_path, "briefgen: 1\ntitle: x\n" + "\n".join(levels) + "\n")
    assert path.stat().st_size < 4096  # 9**12 ≈ 2.8e11 strings once expanded
    (found,) = errors_of(path)
    assert "expand the document by more than 50,000 values" in found.message
    assert found.line is not None and 3 <= found.line <= 14


def test_aliases_within_budget_are_fine(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: &t 全会精神
        subtitle: *t
        """,
        sections=True,
    )
    outline = load_outline(path).outline
    assert outline.subtitle == outline.title == "全会精神"


def test_alias_budget_counts_repeats_not_distinct_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_source, "MAX_NODES", 40)
    many = "".join(f"          - 第{i}点\n" for i in range(60))
    big = write(
        tmp_path,
        "briefgen: 1\ntitle: x\nsections:\n  - title: 部分\n    slides:\n"
        "      - title: 页\n        points:\n" + many,
    )
    points = load_outline(big).outline.sections[0].slides[0].points
    assert points is not None and len(points) == 60
    repeated = write(
        tmp_path,
        "briefgen: 1\ntitle: x\nlist: &l [" + ", ".join(["a"] * 10) + "]\n"
        "again: [*l, *l, *l, *l, *l]\n",
        sections=True,
    )
    (found,) = errors_of(repeated)
    assert "expand the document by more than 40 values" in found.message
    assert found.line == 3  # where the repeated values stand


def test_deep_nesting_is_refused_without_recursion_error(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen: 1\ntitle: " + "[" * 900 + "]" * 900 + "\n")
    (found,) = errors_of(path)
    assert "nested more than 64 levels" in found.message
    assert found.line == 2


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/name:os.system", "!custom", "!!set"],
)
def test_non_plain_tags_are_refused(tmp_path: Path, tag: str) -> None:
    path = write(tmp_path, f"briefgen: 1\ntitle: x\nsubtitle: {tag} ['echo pwned']\n")
    (found,) = errors_of(path)
    assert where(found) == (3, 11)
    assert "is not allowed" in found.message


def test_key_that_is_a_mapping_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen: 1\ntitle: x\n? [a, b]\n: c\n")
    (found,) = errors_of(path)
    assert where(found) == (3, 3)
    assert "a key must be plain text" in found.message


# Messages for trainers


def test_unknown_key_without_close_match_lists_allowed_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: x
        sections:
          - title: 部分
            颜色: 红
        """,
    )
    (found,) = errors_of(path)
    assert where(found) == (5, 5)
    assert found.path == "sections[1]"
    assert "unknown key '颜色'; allowed here: lead, slides, title" in found.message


def test_typo_hides_the_missing_key_it_stands_for(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen: 1\ntilte: 全会\n")
    (found,) = errors_of(path)
    assert "did you mean 'title'?" in found.message


def test_empty_value_where_text_is_required(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen: 1\ntitle:\n")
    (found,) = errors_of(path)
    assert found.path == "title"
    assert "expected text, found nothing (an empty value)" in found.message


def test_text_where_list_expected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: x
        sections:
          - title: 部分
            slides:
              - title: 讨论
                questions: 只有一个问题
        """,
    )
    (found,) = errors_of(path)
    assert where(found) == (7, 20)
    assert "expected a list" in found.message


def test_negative_minutes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: x
        duration: -5
        """,
    )
    (found,) = errors_of(path)
    assert where(found) == (3, 11)
    assert "must be a positive number" in found.message


def test_no_sections_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen: 1\ntitle: x\n")
    (found,) = errors_of(path)
    assert "no sections" in found.message


def test_full_width_colon_after_a_key_points_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "briefgen: 1\ntitle: x\nsubtitle：副标题\nsections: []\n")
    (found,) = errors_of(path)
    assert where(found) == (3, 1)
    assert "full-width colon" in found.message


def test_warnings_do_not_stop_loading(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        briefgen: 1
        title: 学习贯彻
        variables:
          unused: 没用
        sections:
          - title: 空章节
          - title: 会议概况
            slides:
              - title: 同名
                points: [一]
              - title: 同名
              - title: 变量
                points: ["{{ place }}的情况"]
        """,
    )
    loaded = load_outline(path)
    assert isinstance(loaded, LoadedOutline)
    found = lint_outline(loaded)
    assert {d.severity for d in found} == {"warning"}
    assert sorted((d.line, d.column, d.message.split(";")[0]) for d in found) == [
        (4, 11, "variable 'unused' is never used"),
        (6, 5, "section has no slides"),
        (9, 16, "title '同名' is used by 2 slides in this section"),
        (11, 9, "slide has a title but no content"),
        (11, 16, "title '同名' is used by 2 slides in this section"),
        (13, 18, "variable {{ place }} has no default under 'variables:'"),
    ]
