"""Rosters: YAML and CSV (UTF-8, GB18030, UTF-16), broken entries, hostile names, file names."""

from __future__ import annotations

import json
import os
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.districts import MAX_STEM, collision_key, load_roster, safe_file_stem
from briefgen.errors import RosterError

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str, name: str = "roster.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_shipped_roster_has_the_twelve_wenzhou_units() -> None:
    roster = load_roster(REPO / "briefs" / "wenzhou-districts.yaml")
    assert [d.name for d in roster.districts] == [
        "鹿城区", "龙湾区", "瓯海区", "洞头区", "瑞安市", "乐清市",
        "龙港市", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县",
    ]  # fmt: skip
    assert not roster.failures and not roster.warnings
    for district in roster.districts:
        assert set(district.variables) >= {"presenter", "place", "organiser", "date"}
        assert "示例" in district.variables["presenter"] and "示例" in district.variables["place"]
    assert [d.name for d in roster.districts if d.extra] == ["洞头区", "龙港市"]


def test_yaml_entries_become_districts_with_positions(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        # 名单
        districts:
          - name: 鹿城区
            presenter: 张三
            date: 2020-12-20
            empty:
          - name: " 龙湾区 "
        """,
    )
    roster = load_roster(path)
    first, second = roster.districts
    assert first.name == "鹿城区"
    assert first.variables == {"presenter": "张三", "date": "2020-12-20"}
    assert first.location() == f"{path}:3:5"
    assert second.name == "龙湾区" and second.location() == f"{path}:7:5"
    assert roster.district("龙湾区") is second


def test_a_bare_list_is_a_roster_too(tmp_path: Path) -> None:
    roster = load_roster(write(tmp_path, "- name: 鹿城区\n- name: 龙湾区\n  presenter: 李四\n"))
    assert [d.name for d in roster.districts] == ["鹿城区", "龙湾区"]
    assert roster.districts[1].location().endswith(":2:3")


def test_a_broken_entry_fails_alone_with_its_position(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        districts:
          - name: 鹿城区
          - name: 龙湾区
            extra:
              - section: 学习贯彻
                slides:
                  - title: 两种内容
                    points: [a]
                    questions: [b]
          - presenter: 没有名字
          - name: 瓯海区
            place: [不是, 文本]
          - name: 洞头区
        """,
    )
    roster = load_roster(path)
    assert [d.name for d in roster.districts] == ["鹿城区", "洞头区"]
    longwan, nameless, ouhai = roster.failures
    assert longwan.label == "龙湾区"
    assert str(longwan.diagnostics[0]).startswith(f"{path}:7:")
    assert "one kind of content" in longwan.diagnostics[0].message
    assert nameless.label == "entry 3" and "no 'name:'" in str(nameless.diagnostics[0])
    column = path.read_text().splitlines()[11].index("[") + 1
    assert ouhai.diagnostics[0].location() == f"{path}:12:{column}"
    assert "must be plain text" in ouhai.diagnostics[0].message
    with pytest.raises(RosterError, match="one kind of content"):
        roster.district("龙湾区")
    assert roster.names() == ["鹿城区", "龙湾区", "瓯海区", "洞头区"]


def test_unknown_district_suggests_the_closest_name(tmp_path: Path) -> None:
    roster = load_roster(write(tmp_path, "districts:\n  - name: 鹿城区\n  - name: 龙湾区\n"))
    with pytest.raises(RosterError, match=r"no district named '鹿城' .*did you mean '鹿城区'"):
        roster.district("鹿城")
    with pytest.raises(RosterError, match="no district named '瑞安'"):
        roster.select(["鹿城区", "瑞安"])
    assert [d.name for d in roster.select(["龙湾区"]).districts] == ["龙湾区"]


def test_reserved_and_unusable_fields(tmp_path: Path) -> None:
    roster = load_roster(
        write(
            tmp_path,
            "districts:\n  - name: 鹿城区\n    district: 鹿城\n  - name: 龙湾区\n    place name: x\n",
        )
    )
    assert "write the district's name as 'name:'" in str(roster.failures[0].diagnostics[0])
    assert roster.districts[0].variables == {}
    assert "cannot be used as a variable" in roster.warnings[0].message


@pytest.mark.parametrize(
    ("names", "file_stems"),
    [
        (
            ["../../x", "a/b", "..\\..\\evil", "CON", "鹿城区\t"],
            ["x", "a b", "evil", "_CON", "鹿城区"],
        ),
        (["  ..  ", "///"], [safe_file_stem("  ..  "), safe_file_stem("///")]),
    ],
)
def test_hostile_names_get_safe_file_names(
    tmp_path: Path, names: list[str], file_stems: list[str]
) -> None:
    text = "districts:\n" + "".join(f"  - name: {json.dumps(n)}\n" for n in names)
    roster = load_roster(write(tmp_path, text))
    assert [d.file_stem for d in roster.districts] == file_stems
    for stem in file_stems:
        assert os.sep not in stem and ".." not in stem and stem


@pytest.mark.parametrize(
    ("first", "second"),
    [("鹿城区", "鹿城 区"), ("鹿城区", "鹿城区"), ("Lucheng", "lucheng"), ("a/b", "a\\b")],
)
def test_names_that_collide_are_an_error_naming_both(
    tmp_path: Path, first: str, second: str
) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(
        f"districts:\n  - name: {json.dumps(first)}\n  - name: 瓯海区\n"
        f"  - name: {json.dumps(second)}\n",
        encoding="utf-8",
    )
    with pytest.raises(RosterError) as caught:
        load_roster(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.location() == f"{path}:4:5"
    assert "(line 2)" in diagnostic.message and "rename one" in diagnostic.message


CSV = "name,presenter,place\n鹿城区,张三,鹿城区委党校\n龙湾区,李四,\n"


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV.encode())
    roster = load_roster(path)
    assert [(d.name, d.variables) for d in roster.districts] == [
        ("鹿城区", {"presenter": "张三", "place": "鹿城区委党校"}),
        ("龙湾区", {"presenter": "李四"}),
    ]
    assert roster.districts[1].location() == f"{path}:3:1"
    assert not roster.warnings


def test_csv_in_gb18030_from_excel_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(CSV.replace("\n", "\r\n").encode("gb18030"))
    roster = load_roster(path)
    assert [d.name for d in roster.districts] == ["鹿城区", "龙湾区"]
    assert roster.districts[0].variables["place"] == "鹿城区委党校"
    (note,) = roster.warnings
    assert note.severity == "warning" and "GB18030" in note.message and "CSV UTF-8" in note.message


def test_utf16_tab_separated_from_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "roster.txt"
    path.write_bytes(CSV.replace(",", "\t").encode("utf-16"))
    assert [d.variables.get("presenter") for d in load_roster(path).districts] == ["张三", "李四"]


def test_csv_problems(tmp_path: Path) -> None:
    no_name = tmp_path / "a.csv"
    no_name.write_text("县名,presenter\n鹿城区,张三\n", encoding="utf-8")
    with pytest.raises(RosterError, match="the header row has no 'name' column"):
        load_roster(no_name)
    extra_cell = tmp_path / "b.csv"
    extra_cell.write_text(
        'name,place\n鹿城区,党校\n龙湾区,温州,党校\n瓯海区,"温州,党校"\n', "utf-8"
    )
    roster = load_roster(extra_cell)
    assert [d.name for d in roster.districts] == ["鹿城区", "瓯海区"]
    assert roster.districts[1].variables["place"] == "温州,党校"
    (failure,) = roster.failures
    assert failure.diagnostics[0].location() == f"{extra_cell}:3:8"
    assert "double quotes" in failure.diagnostics[0].message
    latin1 = tmp_path / "c.csv"
    latin1.write_bytes(b"name\n\xff\xfe\xfd\n"[0:5] + b"\n\xe9t\xe9\n")
    with pytest.raises(RosterError, match="neither UTF-8 nor GB18030"):
        load_roster(latin1)
    with pytest.raises(RosterError, match="no such file"):
        load_roster(tmp_path / "roster.xlsx")
    with pytest.raises(RosterError, match=r"save it as \.xlsx"):
        load_roster(tmp_path / "roster.et")


def test_file_level_yaml_errors_are_roster_errors(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="no such file"):
        load_roster(tmp_path / "missing.yaml")
    with pytest.raises(RosterError, match="unknown key 'district'"):
        load_roster(write(tmp_path, "district:\n  - name: x\n"))
    with pytest.raises(RosterError, match="no districts"):
        load_roster(write(tmp_path, "districts: []\n"))


@given(st.text(max_size=120))
def test_safe_file_stem_is_always_a_plain_file_name(name: str) -> None:
    stem = safe_file_stem(name)
    assert stem and stem == stem.strip() and len(stem) <= max(MAX_STEM, 20)
    assert "/" not in stem and "\\" not in stem and ".." not in stem
    assert not stem.startswith(".") and not stem.endswith(".")
    assert not any(ch in stem for ch in '<>:"|?*')
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs"} for ch in stem)
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert safe_file_stem(stem) == stem
    assert collision_key(safe_file_stem(f" {name}\u3000")) == collision_key(stem)


@given(st.text(alphabet="鹿城区龙湾瓯海洞头县市", min_size=1, max_size=10))
def test_chinese_names_are_kept(name: str) -> None:
    assert safe_file_stem(name) == name
