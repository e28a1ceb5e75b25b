"""`briefgen check OUTLINE --source TEXT`: verbatim quotations, positioned misquotes with the
closest passage and a character diff, item counts against title numbers, near-miss warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _deckfixtures import CARD_TEXT_MINIMUM, other_warnings
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefgen.build import check_file
from briefgen.cli import app
from briefgen.draft import draft_file
from briefgen.verify import SourceIndex, char_diff

REPO = Path(__file__).parents[1]
WENZHOU = REPO.parent / "shared" / "source" / "wenzhou-plenum-2020.txt"
BRIEF = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
SOURCE = Path(__file__).parent / "fixtures" / "draft" / "county-report.txt"

needs_wenzhou = pytest.mark.skipif(
    not WENZHOU.is_file(), reason="the Wenzhou text (../shared/source) is not present"
)
needs_example = pytest.mark.skipif(
    not (WENZHOU.is_file() and BRIEF.is_file()), reason="the Wenzhou text or example is not present"
)

OUTLINE = """\
briefgen: 1
title: 县委常委会会议精神
sections:
  - title: 目标任务
    slides:
      - title: 三项重点工作
        ordinal: 要
        items:
          - head: 抓好学习宣传
            text: 迅速掀起学习热潮
          - head: 抓好谋划落实
          - head: 抓好督查问效
      - title: 原文
        quote:
          text: 会议强调,要抓好三项重点工作。一要抓好学习宣传,迅速掀起学习热潮
          attribution: 县委常委会
      - title: 要点
        points:
          - 锚定“五大新坐标”、开创“十个新局面”
          - 营造“比学赶超”的浓厚氛围
        notes: |
          会议号召，为建设“重要窗口”贡献青田力量。
          【讲解提示】这里的「学习热潮」不是引文。
"""


def write(tmp_path: Path, text: str, name: str = "outline.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path, source: Path = SOURCE) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(path), "--source", str(source)])
    return result.exit_code, result.output


def test_correct_outline_passes(tmp_path: Path) -> None:
    code, output = check(write(tmp_path, OUTLINE))
    assert code == 0, output
    assert "0 warning(s)" in output


def test_one_character_changed_in_a_quote(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OUTLINE.replace(
            "迅速掀起学习热潮\n          attribution", "迅速掀起学习高潮\n          attribution"
        ),
    )
    code, output = check(path)
    assert code == 1
    assert (
        f"{path}:15:17: sections[1].slides[2].quote.text: the quote is not word for word" in output
    )
    assert f"closest in the source ({SOURCE}:4)" in output
    assert "[高→热]潮" in output


def test_one_character_changed_inside_quotation_marks(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("开创“十个新局面”", "开创“十大新局面”"))
    code, output = check(path)
    assert code == 1
    line = OUTLINE.splitlines()[18]
    column = line.index("“十个") + 1
    assert (
        f"{path}:19:{column}: sections[1].slides[3].points[1].text: “十大新局面” is not word"
        in output
    )
    assert "十[大→个]新局面" in output


def test_dropped_character(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("“重要窗口”", "“重要窗”"))
    code, output = check(path)
    assert code == 1
    assert (
        "sections[1].slides[3].notes: “重要窗” cuts short the source's quotation “重要窗口”"
        in output
    )
    assert "重要窗[+口]" in output


def test_dropped_character_inside_a_quote(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        OUTLINE.replace("学习热潮\n          attribution", "学热潮\n          attribution"),
    )
    code, output = check(path)
    assert code == 1
    assert "sections[1].slides[2].quote.text: the quote is not word for word" in output
    assert "掀起学[+习]热潮" in output


def test_wrong_count_in_a_framework_title(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("          - head: 抓好督查问效\n", ""))
    code, output = check(path)
    assert code == 1
    assert (
        f"{path}:6:16: sections[1].slides[1].title: the title says 三项重点工作 (3) but the slide "
        "has 2 items" in output
    )


def test_count_matches_one_of_several_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("title: 三项重点工作", "title: 两个方面三项重点工作"))
    assert check(path)[0] == 0


def test_ellipsis_quotes_need_their_parts_in_order(tmp_path: Path) -> None:
    ok = OUTLINE.replace(
        "会议强调,要抓好三项重点工作。一要抓好学习宣传,迅速掀起学习热潮",
        "会议强调，要抓好三项重点工作。……三要抓好督查问效",
    )
    assert check(write(tmp_path, ok))[0] == 0
    swapped = OUTLINE.replace(
        "会议强调,要抓好三项重点工作。一要抓好学习宣传,迅速掀起学习热潮",
        "三要抓好督查问效……会议强调，要抓好三项重点工作",
    )
    code, output = check(write(tmp_path, swapped, "swapped.yaml"))
    assert code == 1
    assert "come in another order" in output


def test_variables_in_a_quotation_are_a_warning(tmp_path: Path) -> None:
    text = OUTLINE.replace("“比学赶超”", "“{{ district }}比学赶超”").replace(
        "title: 县委常委会会议精神\n", "title: 县委常委会会议精神\nvariables:\n  district: 本地区\n"
    )  # with a default, as build needs one without a roster
    code, output = check(write(tmp_path, text))
    assert code == 0
    assert "warning: “{{ district }}比学赶超” holds a {{ variable }}" in output


def test_near_miss_of_an_item_is_a_warning_and_a_paraphrase_is_not(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("text: 迅速掀起学习热潮", "text: 迅速掀起学习高潮"))
    code, output = check(path)
    assert code == 0
    assert "items[1].text: warning: differs from the source by 1 character(s)" in output
    paraphrase = write(
        tmp_path, OUTLINE.replace("text: 迅速掀起学习热潮", "text: 让学习热起来"), "p.yaml"
    )
    assert "warning" not in check(paraphrase)[1].replace("0 warning(s)", "")


def test_source_in_gb18030_is_read_with_a_note(tmp_path: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes(SOURCE.read_text("utf-8").encode("gb18030"))
    code, output = check(write(tmp_path, OUTLINE), source)
    assert code == 0
    assert "warning: read as GB18030/GBK" in output


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    code, output = check(write(tmp_path, OUTLINE), tmp_path / "nope.txt")
    assert code == 1
    assert "nope.txt: no such file" in output
    assert "Traceback" not in output


def test_json_output_carries_the_diff(tmp_path: Path) -> None:
    path = write(tmp_path, OUTLINE.replace("“比学赶超”", "“比学赶帮”"))
    result = CliRunner().invoke(
        app, ["check", str(path), "--source", str(SOURCE), "--format", "json"]
    )
    assert result.exit_code == 1
    (report,) = json.loads(result.stdout)
    (error,) = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert (error["line"], error["path"]) == (20, "sections[1].slides[3].points[2].text")
    assert "比学赶[帮→超]" in error["message"]


def test_char_diff() -> None:
    assert char_diff("打造科创高地", "打造科技高地") == "打造科[创→技]高地"
    assert char_diff("温州创史", "温州创新史") == "温州创[+新]史"
    assert char_diff("温州创新新史", "温州创新史") == "温州创新[-新]史"
    long = char_diff("一二三四五六七八九十甲乙丙丁", "一二三四五六七八九十甲乙丙戊")
    assert long == "…八九十甲乙丙[丁→戊]"


def test_closest_passage_in_a_long_source() -> None:
    base = SOURCE.read_text("utf-8")
    text = "".join(f"第{i}段。{base}" for i in range(30))
    index = SourceIndex.of(text, "long.txt")
    span = index.closest("要抓好三项重点工做。一要抓好学习宣传")
    assert span is not None
    assert index.key[span[0] : span[1]] == "要抓好三项重点工作。一要抓好学习宣传"


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_substrings_pass_and_one_foreign_character_fails(data: st.DataObject) -> None:
    text = SOURCE.read_text("utf-8")
    from briefgen.draft._read import key_only

    key = key_only(text)
    index = SourceIndex.of(text, "s.txt")
    start = data.draw(st.integers(0, len(key) - 4))
    length = data.draw(st.integers(4, min(40, len(key) - start)))
    quote = key[start : start + length]
    assert quote in index.key
    at = data.draw(st.integers(0, length - 1))
    changed = quote[:at] + "龘" + quote[at + 1 :]
    assert changed not in index.key
    span = index.closest(changed)
    assert span is not None
    assert char_diff(changed, index.key[span[0] : span[1]]).count("龘") == 1


@needs_wenzhou
def test_wenzhou_draft_verifies(tmp_path: Path) -> None:
    report = draft_file(WENZHOU, tmp_path / "draft.yaml")
    assert report.path is not None
    result = check_file(report.path, source=WENZHOU)
    assert [d for d in result.diagnostics if CARD_TEXT_MINIMUM not in d.message] == []


@needs_example
def test_example_brief_quotes_the_communique_verbatim() -> None:
    result = check_file(BRIEF, source=WENZHOU)
    assert [str(d) for d in result.diagnostics if d.severity == "error"] == []


@needs_example
def test_a_notes_line_pasted_from_the_source_with_one_character_changed_is_flagged(
    tmp_path: Path,
) -> None:
    brief = BRIEF.read_text(encoding="utf-8")
    pasted = "实施创新首位战略，打造科创高地；坚定先进文化引领，打造文化高地；"
    assert pasted in brief  # the example's notes carry this passage of the source verbatim
    path = write(tmp_path, brief.replace(pasted, pasted.replace("科创", "科技")), "brief.yaml")
    code, output = check(path, WENZHOU)
    assert code == 0, output  # a warning: trainers may shorten their notes on purpose
    assert "notes: warning: line 1 of the notes: differs from the source by 1 character" in output
    assert "科[技→创]高地" in output
    assert other_warnings(check(BRIEF, WENZHOU)[1]) == []
