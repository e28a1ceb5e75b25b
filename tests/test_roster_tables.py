"""Roster tables as trainers keep them: CSV (UTF-8, BOM, GBK) and Excel/WPS/LibreOffice sheets.

The fixtures in tests/fixtures/rosters/ are one table saved six ways (make.sh regenerates them
with LibreOffice Calc), plus a sheet with a merged title row and a merged date. Every format
must give the same districts and byte-identical decks; every column is used or refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.districts import load_roster
from briefgen.errors import RosterError
from briefgen.outline import load_outline

ROSTERS = Path(__file__).parent / "fixtures" / "rosters"
SAME_TABLE = [
    "trainer.csv",
    "trainer-bom.csv",
    "trainer-gbk.csv",
    "trainer.xlsx",
    "trainer.xls",
    "trainer.ods",
]

OUTLINE = """\
briefgen: 1
title: 学习贯彻全会精神
organiser: "{{ organiser }}"
presenter: "{{ presenter }}"
date: "{{ date }}"
place: "{{ place }}"
variables:
  organiser: 中共××区委宣传部
  presenter: ×××
  date: 二〇二〇年十二月
  place: 党校报告厅
sections:
  - title: 会议概况
    slides:
      - title: 基本情况
        points: [会议举行, "{{ district }}要抓好落实"]
  - title: 学习贯彻
    slides:
      - title: 落实举措
        points: [对标坐标]
"""

EXPECTED = [
    ("鹿城区", "张三", "中共温州市鹿城区委宣传部", "2020年12月28日", "鹿城区委党校报告厅"),
    ("龙湾区", "李四", "中共温州市龙湾区委宣传部", "2020年12月29日", "龙湾区委党校报告厅"),
    ("瓯海区", "王五", "中共温州市瓯海区委宣传部", "2020年12月30日", "瓯海区委党校报告厅"),
    ("洞头区", "赵六", "中共温州市洞头区委宣传部", "2020年12月31日", "洞头区委党校报告厅"),
]


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


def cover_text(deck: Path) -> str:
    """All text of a deck's first slide, read back with python-pptx."""
    slide = Presentation(str(deck)).slides[0]
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.mark.parametrize("name", SAME_TABLE)
def test_every_format_of_the_same_table_gives_the_same_districts(name: str, outline: Path) -> None:
    roster = load_roster(ROSTERS / name, outline=load_outline(outline))
    found = [
        (
            d.name,
            d.variables["presenter"],
            d.variables["organiser"],
            d.variables["date"],
            d.variables["place"],
        )
        for d in roster.districts
    ]
    assert found == EXPECTED
    assert not roster.failures
    notes = [w.message for w in roster.warnings]
    assert notes == (
        [
            "read as GB18030 (the Chinese encoding Excel uses for plain 'CSV'); to silence this, save the sheet as 'CSV UTF-8' instead"
        ]
        if "gbk" in name
        else []
    )


def test_decks_from_csv_and_from_each_spreadsheet_are_byte_identical(
    outline: Path, tmp_path: Path
) -> None:
    decks = {}
    for name in SAME_TABLE:
        out = tmp_path / f"{name}.pptx"
        code, _, err = invoke(
            "build",
            str(outline),
            "--roster",
            str(ROSTERS / name),
            "--district",
            "洞头区",
            "-o",
            str(out),
        )
        assert code == 0, err
        decks[name] = out.read_bytes()
    assert len(set(decks.values())) == 1
    cover = cover_text(tmp_path / "trainer.xlsx.pptx")
    assert "主讲：赵六" in cover and "中共温州市洞头区委宣传部" in cover
    assert "2020年12月31日" in cover and "×××" not in cover


def test_a_sheet_with_a_merged_title_row_and_a_merged_date(outline: Path, tmp_path: Path) -> None:
    for name in ("merged.xlsx", "merged.xls"):
        roster = load_roster(ROSTERS / name, outline=load_outline(outline))
        assert [d.name for d in roster.districts] == ["鹿城区", "龙湾区", "瓯海区", "洞头区"]
        assert {d.variables["date"] for d in roster.districts} == {"2020年12月28日"}
        dongtou = roster.district("洞头区")
        assert "organiser" not in dongtou.variables
        (warning,) = dongtou.warnings
        assert str(warning) == (
            f"{ROSTERS / name}: sheet 宣讲安排, cell D6: warning: 'organiser' is empty for "
            "district 洞头区: the cover shows the outline's default '中共××区委宣传部' instead; "
            "fill it in"
        )
    code, out, err = invoke(
        "build",
        str(outline),
        "--roster",
        str(ROSTERS / "merged.xlsx"),
        "--district",
        "洞头区",
        "-o",
        str(tmp_path / "d.pptx"),
    )
    assert code == 0
    assert "cell D6: warning: 'organiser' is empty for district 洞头区" in err
    assert "1 warning(s)" in out


def test_sheet_option_and_its_errors(outline: Path, tmp_path: Path) -> None:
    code, _, err = invoke(
        "batch",
        str(outline),
        "--roster",
        str(ROSTERS / "merged.xlsx"),
        "--sheet",
        "备用",
        "-o",
        str(tmp_path / "decks"),
    )
    assert code == 1
    assert (
        f"{ROSTERS / 'merged.xlsx'}: sheet 备用, cell B1: column '备注' is neither a roster field"
        in err
    )
    assert not (tmp_path / "decks").exists() or not list((tmp_path / "decks").glob("*.pptx"))
    code, _, err = invoke(
        "batch",
        str(outline),
        "--roster",
        str(ROSTERS / "merged.xls"),
        "--sheet",
        "宣讲",
        "-o",
        str(tmp_path / "decks"),
    )
    assert code == 1
    assert (
        "the workbook has no sheet '宣讲' (did you mean '宣讲安排'?); its sheets are: 宣讲安排、备用"
        in err
    )
    code, _, err = invoke(
        "batch",
        str(outline),
        "--roster",
        str(ROSTERS / "trainer.csv"),
        "--sheet",
        "x",
        "-o",
        str(tmp_path / "decks"),
    )
    assert code == 1 and "--sheet chooses a sheet of a spreadsheet; this is a CSV file" in err
    code, _, err = invoke("build", str(outline), "--sheet", "名单", "-o", str(tmp_path / "d.pptx"))
    assert code == 1 and "--sheet chooses a sheet of the roster: give --roster too" in err
    assert "<input>" not in err


def test_a_column_that_matches_nothing_is_an_error_with_a_guess(
    outline: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "名单.csv"
    roster.write_text("区县,主讲人员,地点\n鹿城区,张三,党校\n", encoding="utf-8")
    code, _, err = invoke("batch", str(outline), "--roster", str(roster), "-o", str(tmp_path / "o"))
    assert code == 1
    assert (
        f"{roster}:1:4: column '主讲人员' is neither a roster field nor a variable of the outline"
        in err
    )
    assert "did you mean '主讲人' (the field 'presenter')?" in err
    assert "Traceback" not in err


def test_a_variable_of_the_outline_is_a_column_too(tmp_path: Path) -> None:
    outline = tmp_path / "o.yaml"
    outline.write_text(OUTLINE.replace("[对标坐标]", '["{{ 口号 }}"]'), encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("名称,口号,听众\n鹿城区,勇立潮头,党员干部\n", encoding="utf-8")
    (district,) = load_roster(roster, outline=load_outline(outline)).districts
    assert district.variables == {"口号": "勇立潮头", "audience": "党员干部"}


def test_columns_without_header_or_twice_are_errors(outline: Path, tmp_path: Path) -> None:
    loaded = load_outline(outline)
    headerless = tmp_path / "a.csv"
    headerless.write_text("name,,place\n鹿城区,张三,党校\n", encoding="utf-8")
    with pytest.raises(RosterError, match="column 2 has cells but no header") as caught:
        load_roster(headerless, outline=loaded)
    assert caught.value.diagnostics[0].location() == f"{headerless}:1:6"
    twice = tmp_path / "b.csv"
    twice.write_text("name,主讲,主讲人\n鹿城区,张三,张三\n", encoding="utf-8")
    with pytest.raises(
        RosterError, match="column '主讲人' and column '主讲' both fill 'presenter'"
    ):
        load_roster(twice, outline=loaded)


def test_title_row_trailing_empty_rows_and_an_empty_cell_in_csv(
    outline: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "温州市宣讲安排表,,\n区县,主讲人,日期\n鹿城区,,2020/12/28\n龙湾区,李四,2020.1.5\n,,\n,,\n",
        encoding="utf-8",
    )
    loaded = load_roster(roster, outline=load_outline(outline))
    assert [(d.name, d.variables) for d in loaded.districts] == [
        ("鹿城区", {"date": "2020年12月28日"}),
        ("龙湾区", {"presenter": "李四", "date": "2020年1月5日"}),
    ]
    (warning,) = loaded.district("鹿城区").warnings
    assert str(warning).startswith(
        f"{roster}:3:5: districts[1].presenter: warning: 'presenter' is empty for district 鹿城区: "
        "the cover shows the outline's default '×××' instead"
    )


EXTRA = """\
- section: 学习贯彻
  after: 落实举措
  slides:
    - title: "{{ district }}的做法"
      points: [海岛特色]
"""


def test_extra_slides_from_a_file_named_in_a_csv_or_sheet(outline: Path, tmp_path: Path) -> None:
    (tmp_path / "鹿城区.yaml").write_text(EXTRA, encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("区县,加页\n鹿城区,鹿城区.yaml\n龙湾区,\n", encoding="utf-8")
    out = tmp_path / "lucheng.pptx"
    code, _, err = invoke(
        "build", str(outline), "--roster", str(roster), "--district", "鹿城区", "-o", str(out)
    )
    assert code == 0, err
    titles = [
        shape.text_frame.text
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("鹿城区的做法" in t for t in titles)
    broken = tmp_path / "龙湾区.yaml"
    broken.write_text(EXTRA.replace("after: 落实举措", "after: 没有这页"), encoding="utf-8")
    roster.write_text("区县,extra\n龙湾区,龙湾区.yaml\n瓯海区,瓯海区.yaml\n", encoding="utf-8")
    code, _, err = invoke(
        "build", str(outline), "--roster", str(roster), "--district", "龙湾区", "-o", str(out)
    )
    assert code == 1
    assert f"{broken}:2:10: " in err and "has no slide '没有这页'" in err
    code, _, err = invoke(
        "build", str(outline), "--roster", str(roster), "--district", "瓯海区", "-o", str(out)
    )
    assert code == 1
    assert f"{roster}:3:5: districts[2].extra: no such file {tmp_path / '瓯海区.yaml'}" in err


HEADERS = st.sampled_from(
    [
        "区县",
        "名称",
        "主讲人",
        "主讲",
        "主办单位",
        "日期",
        "地点",
        "听众",
        "口号",
        "备注",
        "主讲人员",
        "",
        "Name",
        "PLACE",
    ]
)
CELLS = st.text(alphabet="鹿城龙湾瓯海洞头张三李四党校报告厅", min_size=0, max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    headers=st.lists(HEADERS, min_size=1, max_size=6),
    rows=st.lists(st.lists(CELLS, min_size=6, max_size=6), min_size=1, max_size=4),
)
def test_no_cell_is_ever_silently_dropped(
    headers: list[str], rows: list[list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every non-empty cell reaches a district (its name or a variable), or the roster is refused."""
    import csv
    import io

    folder = tmp_path_factory.mktemp("prop")
    outline = folder / "o.yaml"
    outline.write_text(OUTLINE.replace("[对标坐标]", '["{{ 口号 }}"]'), encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(row[: len(headers)])
    roster = folder / "r.csv"
    roster.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        loaded = load_roster(roster, outline=load_outline(outline))
    except RosterError as exc:
        assert all(d.file == str(roster) for d in exc.diagnostics)
        assert all(d.line for d in exc.diagnostics if d.message.startswith("column"))
        return
    kept = {d.name for d in loaded.districts} | {f.name for f in loaded.failures if f.name}
    for d in loaded.districts:
        kept |= set(d.variables.values())
    name_column = next(i for i, h in enumerate(headers) if h in {"区县", "名称", "Name"})
    for row in rows:
        cells = [cell.strip() for cell in row[: len(headers)]]
        if any(cells) and not cells[name_column]:
            # no name: the entry fails with a message at its row, so nothing is lost silently
            assert any(f.name is None and f.diagnostics[0].line for f in loaded.failures)
            continue
        for cell in cells:
            if cell:
                assert any(cell in k for k in kept), (cell, kept)


def test_a_yaml_roster_may_name_its_extra_slides_file_too(outline: Path, tmp_path: Path) -> None:
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "鹿城区.yaml").write_text(
        "extra:\n" + EXTRA.replace("\n", "\n  ").replace("- section", "  - section", 1),
        encoding="utf-8",
    )
    roster = tmp_path / "r.yaml"
    roster.write_text(
        "districts:\n  - name: 鹿城区\n    extra: slides/鹿城区.yaml\n", encoding="utf-8"
    )
    (district,) = load_roster(roster, outline=load_outline(outline)).districts
    (extra,) = district.extra
    assert extra.section == "学习贯彻" and extra.after == "落实举措"
    assert [slide.title for slide in extra.slides] == ["{{ district }}的做法"]
    before = district.entry
    (tmp_path / "slides" / "鹿城区.yaml").write_text(
        (tmp_path / "slides" / "鹿城区.yaml").read_text("utf-8").replace("海岛特色", "城区特色"),
        "utf-8",
    )
    again = load_roster(roster, outline=load_outline(outline)).districts[0]
    assert again.entry != before  # an edit of the file rebuilds that district's deck
