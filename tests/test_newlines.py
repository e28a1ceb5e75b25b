"""Newlines follow YAML's meaning: a `|` line break is one line break, a `>` fold between
Chinese characters adds no space, a block's final line break draws no empty line.

Each text kind (point, sub-point, item head and text, quote, attribution, term explanation,
question, table cell, notes, section lead) is written as a `|` and a `>` block, built, and
the slide XML read back: no newline character inside any `a:t`, one `a:br` per line break
of the outline's text, and the folded text joined as the rule says.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.build import lay_out, theme_for
from briefgen.outline import load_outline, parse_yaml
from briefgen.render import render_pptx

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

OUTLINE = """\
briefgen: 1
title: 换行测试
sections:
  - title: 换行
    lead: >
      这是一个折叠的
      导语
    slides:
      - title: 要点
        notes: |
          备注第一行
          备注第二行
        points:
          - text: |
              要点第一行
              要点第二行
            sub:
              - >
                突破，
                锚定
              - >
                Latin words
                keep their space
              - |
                子点甲
                子点乙
          - >
            折叠行一，
            折叠行二
      - title: 条目
        items:
          - head: |
              头一
              头二
            text: |
              文一
              文二
          - head: 坚定方向
            text: >
              折叠的
              条目文字
      - title: 引文
        quote:
          text: |
            引文第一段。
            引文第二段。
          attribution: >
            某某
            会议
      - title: 术语
        terms:
          - term: “八八战略”
            explain: |
              解释一
              解释二
          - term: “两个先行”
            explain: >
              折叠
              解释
      - title: 问题
        questions:
          - |
            问题一
            问题二
          - >
            折叠
            问题
      - title: 表格
        table:
          header: [甲, 乙]
          rows:
            - - |
                格一
                格二
              - >
                折一
                折二
"""


def _slides(tmp_path: Path) -> list[list[list[str]]]:
    """Build OUTLINE; each slide's paragraphs, each as its runs' text and "BR" per `a:br`."""
    source = tmp_path / "nl.yaml"
    source.write_text(OUTLINE, encoding="utf-8")
    loaded = load_outline(source)
    theme = theme_for(loaded)
    data = render_pptx(lay_out(loaded, theme), theme)
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(
            (n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
            key=lambda n: int(n.removeprefix("ppt/slides/slide").removesuffix(".xml")),
        )
        for name in names:
            root = ET.fromstring(z.read(name))
            paragraphs = []
            for p in root.iter(f"{A}p"):
                parts = [
                    "BR"
                    if child.tag == f"{A}br"
                    else "".join(t.text or "" for t in child.iter(f"{A}t"))
                    for child in p
                    if child.tag in (f"{A}r", f"{A}br")
                ]
                paragraphs.append(parts)
            out.append(paragraphs)
        notes = [
            ET.fromstring(z.read(n))
            for n in sorted(z.namelist())
            if n.startswith("ppt/notesSlides/") and n.endswith(".xml")
        ]
        out.append([[t.text or "" for t in note.iter(f"{A}t")] for note in notes])
    return out


def test_no_newline_character_is_written_inside_a_run(tmp_path: Path) -> None:
    slides = _slides(tmp_path)
    for paragraphs in slides:
        for parts in paragraphs:
            assert not any("\n" in part or "\r" in part for part in parts), parts


def test_each_literal_line_break_is_one_a_br(tmp_path: Path) -> None:
    paragraphs = [parts for slide in _slides(tmp_path)[:-1] for parts in slide]
    expected = {
        "point": ["要点第一行", "BR", "要点第二行"],
        "sub": ["子点甲", "BR", "子点乙"],
        "item head": ["头一", "BR", "头二"],
        "item text": ["文一", "BR", "文二"],
        "quote": ["引文第一段。", "BR", "引文第二段。"],
        "term explanation": ["解释一", "BR", "解释二"],
        "question": ["问题一", "BR", "问题二"],
        "table cell": ["格一", "BR", "格二"],
    }
    for kind, runs in expected.items():
        found = [parts for parts in paragraphs if _text_runs(parts) == runs]
        assert len(found) == 1, f"{kind}: {runs} not found once in {paragraphs}"


def _text_runs(parts: list[str]) -> list[str]:
    """Runs merged between line breaks (emphasis may split a line into several runs), with
    a leading label run (1. , 一是) dropped."""
    if parts and parts[0] in ("1. ", "2. "):
        parts = parts[1:]
    merged: list[str] = []
    for part in parts:
        if part == "BR" or not merged or merged[-1] == "BR":
            merged.append(part)
        else:
            merged[-1] += part
    return merged


def test_a_fold_between_chinese_characters_adds_no_space(tmp_path: Path) -> None:
    texts = {"".join(p for p in parts if p != "BR") for s in _slides(tmp_path) for parts in s}
    for folded in (
        "这是一个折叠的导语",
        "突破，锚定",
        "折叠行一，折叠行二",
        "折叠的条目文字",
        "——某某会议",
        "折叠解释",
        "折叠问题",
        "折一折二",
    ):
        assert any(folded in t for t in texts), folded
    assert "Latin words keep their space" in texts
    chinese = [t.removeprefix("1. ").removeprefix("2. ") for t in texts if re.search("[一-龥]", t)]
    assert not any(" " in t for t in chinese), chinese


def test_notes_keep_their_lines_as_paragraphs_and_no_final_empty_line(tmp_path: Path) -> None:
    notes = _slides(tmp_path)[-1]
    assert ["备注第一行", "备注第二行"] in notes
    assert ["这是一个折叠的导语"] in notes or any("这是一个折叠的导语" in n for n in notes)


def _block(style: str, lines: list[str]) -> str:
    body = "".join(f"  {line}\n" for line in lines)
    return f"text: {style}\n{body}"


LINE = (
    st.text(st.sampled_from(list("突破锚定，。“”（）AZaz09 %$.-")), min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=6))
def test_literal_blocks_keep_every_line_break_and_drop_the_final_one(lines: list[str]) -> None:
    data, _ = parse_yaml(_block("|", lines), "t.yaml")
    assert data["text"] == "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=6))
def test_folded_blocks_join_lines_by_the_rule(lines: list[str]) -> None:
    data, _ = parse_yaml(_block(">", lines), "t.yaml")
    expected = lines[0]
    for line in lines[1:]:
        before, after = expected[-1], line[0]
        wide = "突破锚定，。“”（）"
        joiner = (
            ""
            if before in "，。）”" or after in "（“" or (before in wide and after in wide)
            else " "
        )
        expected += joiner + line
    assert data["text"] == expected


def test_folded_blocks_keep_yaml_paragraphs_and_more_indented_lines() -> None:
    text = "text: >\n  第一行\n  第二行\n\n  新段落\n    缩进行\n  末行\n"
    data, _ = parse_yaml(text, "t.yaml")
    assert data["text"] == "第一行第二行\n新段落\n  缩进行\n末行"
