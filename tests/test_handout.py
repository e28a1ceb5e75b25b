"""`briefgen handout`: the .docx and Markdown handouts read back, typography, and the CLI.

The .docx is read back with python-docx and its XML: every string of the outline appears in
order, every run names its East Asian face and language, the page is GB/T 9704-2012 A4, and
openxml-audit finds no errors. The Markdown handout holds the same strings in the same order.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from _deckfixtures import EXAMPLE, outline_dicts, outline_strings, squash, write_outline
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from briefgen.build import plan_for, theme_for
from briefgen.cli import app
from briefgen.districts import expand_outline
from briefgen.outline import Outline, load_outline
from briefgen.render import render_docx, render_markdown
from briefgen.render._handout import run_on
from briefgen.render.markdown import escape

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4
EXPECTED_NOTES_FREE = ("source", "audience")
"""Outline fields that reach only the cover's speaker notes (so only `--with-notes`)."""


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx body, in document order, via python-docx."""
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    texts: list[str] = []
    for element in body.iterchildren():
        if element.tag == f"{W}p":
            texts.append("".join(t.text or "" for t in element.iter(f"{W}t")))
        elif element.tag == f"{W}tbl":
            texts += [
                "".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in element.iter(f"{W}tc")
            ]
    return "\n".join(texts)


def markdown_text(text: str) -> str:
    """Markdown with its escapes removed (what a reader sees, marks aside)."""
    return re.sub(r"\\(.)", r"\1", text).replace("<br>", "")


def expected(outline: Outline, *, with_notes: bool) -> list[tuple[str, str]]:
    """The outline's strings the handout must hold, in outline order (notes line by line)."""
    found: list[tuple[str, str]] = []
    for where, text in outline_strings(outline):
        if where.endswith(".notes") or where in EXPECTED_NOTES_FREE:
            if with_notes:
                found += [(where, line) for line in text.splitlines() if line.strip()]
            continue
        if where == "closing" and text == "谢谢":
            continue
        if squash(text):
            found.append((where, text))
    return found


def in_order(strings: list[tuple[str, str]], text: str, *, ordered: bool = True) -> list[str]:
    """The strings missing from `text` (or, when `ordered`, found only before the previous).

    The outline's front fields (title, kicker, meeting …) make the title block, in the
    handout's own order; from the sections on, the outline's order must hold.
    """
    haystack = squash(text)
    problems = []
    position = 0
    for where, string in strings:
        needle = squash(string)
        in_body = ordered and where.startswith(("sections", "heading"))
        in_body = in_body and not where.endswith(".notes")  # notes follow their part
        at = haystack.find(needle, position if in_body else 0)
        if at < 0:
            problems.append(f"{where}: {string!r}")
        elif in_body:
            position = at + len(needle)
    return problems


def plan_of(path: Path, theme: str | None = None) -> tuple[Any, Any, Outline]:
    loaded = load_outline(path)
    chosen = theme_for(loaded, theme)
    plan, _ = plan_for(loaded, chosen)
    return plan, chosen, expand_outline(loaded)


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's handout written by the real CLI."""
    out = tmp_path_factory.mktemp("handout") / "example.docx"
    result = CliRunner().invoke(app, ["handout", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------- content


def test_example_docx_holds_every_string_of_the_outline_in_order(example_docx: Path) -> None:
    _, _, outline = plan_of(EXAMPLE)
    text = docx_text(example_docx.read_bytes())
    assert in_order(expected(outline, with_notes=False), text) == []


def test_notes_are_left_out_by_default_and_put_in_with_notes(tmp_path: Path) -> None:
    _, _, outline = plan_of(EXAMPLE)
    notes = [(w, t) for w, t in expected(outline, with_notes=True) if w.endswith(".notes")]
    out = tmp_path / "notes.docx"
    result = CliRunner().invoke(app, ["handout", str(EXAMPLE), "-o", str(out), "--with-notes"])
    assert result.exit_code == 0, result.output
    with_notes = docx_text(out.read_bytes())
    assert in_order(expected(outline, with_notes=True), with_notes) == []
    assert with_notes.count("【辅导说明】") >= len({w for w, _ in notes})
    plain = CliRunner().invoke(app, ["handout", str(EXAMPLE), "-o", str(tmp_path / "p.docx")])
    assert plain.exit_code == 0
    without = docx_text((tmp_path / "p.docx").read_bytes())
    assert "辅导说明" not in without
    assert squash(notes[0][1]) not in squash(without)


def test_example_markdown_holds_the_same_strings_in_the_same_order(tmp_path: Path) -> None:
    out = tmp_path / "example.md"
    result = CliRunner().invoke(app, ["handout", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    plan, theme, outline = plan_of(EXAMPLE)
    markdown = markdown_text(out.read_text(encoding="utf-8"))
    assert in_order(expected(outline, with_notes=False), markdown) == []
    docx = docx_text(render_docx(plan, theme))
    # the same parts: section headings and framework heads appear in the same sequence
    headings = re.findall(r"^#{2,3} (.+)$", out.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(headings) > 10
    assert in_order([("heading", h) for h in headings], docx) == []


def test_structure_of_the_example(example_docx: Path) -> None:
    markdown = render_markdown(plan_of(EXAMPLE)[0])
    assert markdown.startswith("# 学习贯彻市委十二届十一次全体（扩大）会议精神\n")
    assert "\n## 一、会议概况\n" in markdown
    assert "\n### （一）会议基本情况\n" in markdown
    assert "**一是服务大局才能融入全局。**要坚持" in markdown  # framework head in bold
    assert "| 提法 | 释义 |" in markdown  # the terms glossary is a table
    assert re.search(r"^1\. .+\n\n___\n\n___\n\n___$", markdown, re.MULTILINE)  # ruled lines
    import docx

    document = docx.Document(str(example_docx))
    bold_heads = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "一是服务大局才能融入全局。" in bold_heads
    assert len(document.tables) >= 4  # three terms glossaries and the tables
    assert document.tables[0].rows[0].cells[0].text  # header row written
    ruled = document.element.body.findall(f".//{W}pBdr/{W}bottom")
    assert len(ruled) % 3 == 0 and ruled


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=outline_dicts())
def test_generated_outlines_lose_no_string(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write_outline(data, tmp_path_factory.mktemp("gen") / "outline.yaml")
    plan, theme, outline = plan_of(path)
    strings = expected(outline, with_notes=True)
    assert in_order(strings, docx_text(render_docx(plan, theme, with_notes=True))) == []
    assert in_order(strings, markdown_text(render_markdown(plan, with_notes=True))) == []


@given(points=outline_dicts().map(lambda d: [d["title"], d.get("subtitle", "x"), "a。"]))
def test_run_on_keeps_every_point_in_order(points: list[str]) -> None:
    text = run_on(points)
    position = 0
    for point in points:
        at = text.find(point, position)
        assert at >= position
        position = at + len(point)
    assert text[-1] in "。！？；：，、…”’）"


@given(text=outline_dicts().map(lambda d: d["title"] + "*_[x]<#> 1. |\\`"))
def test_markdown_escape_shows_text_as_written(text: str) -> None:
    assert re.sub(r"\\(.)", r"\1", escape(text)) == text
    assert not re.search(r"(?<!\\)[*_`\[\]<>]", escape(text))


# ---------------------------------------------------------------- typography


def xml_of(path: Path, name: str) -> Any:
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def test_every_run_names_its_east_asian_face_and_language(example_docx: Path) -> None:
    with zipfile.ZipFile(example_docx) as package:
        parts = [n for n in package.namelist() if re.match(r"word/(document|footer\d*)\.xml$", n)]
    assert "word/document.xml" in parts and len(parts) >= 2  # odd and even page footers
    runs = 0
    for name in parts:
        for run in xml_of(example_docx, name).iter(f"{W}r"):
            runs += 1
            fonts = run.find(f"{W}rPr/{W}rFonts")
            assert fonts is not None, name
            for attr in ("eastAsia", "ascii", "hAnsi"):
                assert fonts.get(f"{W}{attr}"), (name, attr)
            assert not [a for a in fonts.attrib if a.endswith("Theme")]
            lang = run.find(f"{W}rPr/{W}lang")
            assert lang is not None and lang.get(f"{W}eastAsia") == "zh-CN"
    assert runs > 200


def test_document_defaults_name_faces_not_theme_fonts(example_docx: Path) -> None:
    styles = xml_of(example_docx, "word/styles.xml")
    for fonts in styles.iter(f"{W}rFonts"):
        assert not [a for a in fonts.attrib if a.endswith("Theme")]
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert default.find(f"{W}rFonts").get(f"{W}eastAsia")
    assert default.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"


def test_page_is_gb_t_9704_a4(example_docx: Path) -> None:
    import docx

    section = docx.Document(str(example_docx)).sections[0]

    def mm(length: Any) -> float:
        return float(length.twips) / TWIPS_PER_MM

    assert mm(section.page_width) == pytest.approx(210, abs=0.1)
    assert mm(section.page_height) == pytest.approx(297, abs=0.1)
    assert mm(section.top_margin) == pytest.approx(37, abs=0.1)
    assert mm(section.left_margin) == pytest.approx(28, abs=0.1)
    text_width = mm(section.page_width) - mm(section.left_margin) - mm(section.right_margin)
    text_height = mm(section.page_height) - mm(section.top_margin) - mm(section.bottom_margin)
    assert text_width == pytest.approx(156, abs=0.1)
    assert text_height == pytest.approx(225, abs=0.1)
    grid = section._sectPr.find(f"{W}docGrid")
    pitch = int(grid.get(f"{W}linePitch"))
    assert 22 * pitch <= text_height * TWIPS_PER_MM < 23 * pitch  # 22 lines a page
    body = xml_of(example_docx, "word/document.xml")
    spacings = body.findall(f".//{W}p/{W}pPr/{W}spacing")
    assert spacings and all(s.get(f"{W}lineRule") == "exact" for s in spacings)
    # 28 characters of 3号 fit the 156 mm line: 16 pt plus letter spacing ≤ 156 mm / 28
    sizes = {int(s.get(f"{W}val")) for s in body.iter(f"{W}sz")}
    assert min(sizes) >= 32  # nothing below 3号 (16 pt) in the body
    spacing = body.find(f".//{W}r/{W}rPr/{W}spacing")
    assert spacing is not None
    assert 28 * (320 + int(spacing.get(f"{W}val"))) <= text_width * TWIPS_PER_MM


def test_page_numbers_are_outer_aligned_dashes(example_docx: Path) -> None:
    settings_xml = xml_of(example_docx, "word/settings.xml")
    assert settings_xml.find(f"{W}evenAndOddHeaders") is not None
    aligns = {}
    for name in ("word/footer1.xml", "word/footer2.xml"):
        footer = xml_of(example_docx, name)
        text = "".join(t.text or "" for t in footer.iter(f"{W}t"))
        assert re.fullmatch(r"— 1 —", text), text
        assert "PAGE" in "".join(t.text or "" for t in footer.iter(f"{W}instrText"))
        aligns[name] = footer.find(f".//{W}jc").get(f"{W}val")
        assert {int(s.get(f"{W}val")) for s in footer.iter(f"{W}sz")} == {28}  # 4号
    assert set(aligns.values()) == {"left", "right"}


def test_openxml_audit_finds_no_errors(example_docx: Path) -> None:
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(example_docx)
    errors = [str(e) for e in result.errors if e.severity.name == "ERROR"]
    assert errors == []


def test_office_set_and_plain_style(tmp_path: Path) -> None:
    plan, office, _ = plan_of(EXAMPLE, "party-red-office")
    data = render_docx(plan, office)
    path = tmp_path / "office.docx"
    path.write_bytes(data)
    faces = {f.get(f"{W}eastAsia") for f in xml_of(path, "word/document.xml").iter(f"{W}rFonts")}
    assert {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"} <= faces
    theme = tmp_path / "plain.yaml"
    theme.write_text("briefgen-theme: 1\nextends: party-red\nname: plain\nhandout: plain\n")
    out = tmp_path / "plain.docx"
    result = CliRunner().invoke(
        app, ["handout", str(EXAMPLE), "-o", str(out), "--theme", str(theme)]
    )
    assert result.exit_code == 0, result.output
    grid = xml_of(out, "word/document.xml").find(f".//{W}sectPr/{W}docGrid")
    assert grid.get(f"{W}type") is None  # no line grid on the plain page
    assert xml_of(out, "word/settings.xml").find(f"{W}evenAndOddHeaders") is None
    _, _, outline = plan_of(EXAMPLE)
    assert in_order(expected(outline, with_notes=False), docx_text(out.read_bytes())) == []


def test_same_inputs_give_the_same_bytes() -> None:
    plan, theme, _ = plan_of(EXAMPLE)
    assert render_docx(plan, theme) == render_docx(plan, theme)


# ---------------------------------------------------------------- errors and writes


def test_bad_input_gets_the_same_positioned_errors_as_build(tmp_path: Path) -> None:
    broken = Path(__file__).parent / "broken" / "missing-title.yaml"
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(broken), "-o", str(tmp_path / "d.pptx")])
    handed = runner.invoke(app, ["handout", str(broken), "-o", str(tmp_path / "h.docx")])
    assert handed.exit_code == built.exit_code == 1
    assert handed.output == built.output
    assert re.search(r"missing-title\.yaml:\d+:\d+: ", handed.output)
    assert "Traceback" not in handed.output


def test_a_failed_handout_leaves_the_last_good_file(tmp_path: Path) -> None:
    out = tmp_path / "h.docx"
    out.write_bytes(b"last good handout")
    broken = tmp_path / "b.yaml"
    broken.write_bytes((Path(__file__).parent / "broken" / "missing-title.yaml").read_bytes())
    result = CliRunner().invoke(app, ["handout", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == b"last good handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml", "h.docx"]


def test_unknown_output_suffix_and_mismatched_format_are_explained(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["handout", str(EXAMPLE), "-o", str(tmp_path / "h.txt")])
    assert result.exit_code == 1
    assert "h.txt: cannot tell the format" in result.output and ".docx" in result.output
    result = CliRunner().invoke(
        app, ["handout", str(EXAMPLE), "-o", str(tmp_path / "h.md"), "--format", "docx"]
    )
    assert result.exit_code == 1 and "--format docx does not match" in result.output
    assert not (tmp_path / "h.md").exists()


def test_pictures_come_with_their_captions(tmp_path: Path) -> None:
    from test_render_pptx import make_image

    image = make_image(tmp_path, (800, 200))
    outline = write_outline(
        {
            "briefgen": 1,
            "title": "区位",
            "sections": [
                {"title": "温州", "slides": [
                    {"title": "温州区位", "image": {"path": image.name, "caption": "长三角南大门"}},
                ]},
            ],
        },
        tmp_path / "map.yaml",
    )  # fmt: skip
    out = tmp_path / "map.docx"
    result = CliRunner().invoke(app, ["handout", str(outline), "-o", str(out)])
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(out))
    shapes = document.inline_shapes
    assert len(shapes) == 1
    assert shapes[0].width.mm == pytest.approx(150, abs=0.5)  # 4:1 → limited by 150 mm width
    texts = [p.text for p in document.paragraphs]
    assert texts.index("长三角南大门") > texts.index("（一）温州区位")
    markdown = render_markdown(plan_of(outline)[0])
    assert f"![长三角南大门]({image})" in markdown
    web = tmp_path / "web"
    result = CliRunner().invoke(app, ["handout", str(outline), "-o", str(web / "map.md")])
    assert result.exit_code == 0, result.output
    assert f"![长三角南大门](../{image.name})" in (web / "map.md").read_text(encoding="utf-8")


def test_a_district_handout_has_its_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = EXAMPLE.parent / "wenzhou-districts.yaml"
    args = ["handout", str(EXAMPLE), "--roster", str(roster), "--district", "鹿城区"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*args, "--format", "md"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "wenzhou-2020-plenum-鹿城区-handout.md"
    text = written.read_text(encoding="utf-8")
    assert "对照“五大新坐标”，鹿城区在温州“十四五”发展中应当扮演什么角色？" in text
    assert "{{" not in text


def test_a_lead_the_plan_moves_into_notes_is_printed_once(tmp_path: Path) -> None:
    outline = write_outline(
        {
            "briefgen": 1,
            "title": "学习",
            "dividers": "never",
            "sections": [{"title": "总体要求", "lead": "全会强调要锚定目标", "slides": [
                {"title": "目标", "points": ["要点一", "要点二"], "notes": "讲解提示"},
            ]}],
        },
        tmp_path / "lead.yaml",
    )  # fmt: skip
    plan = plan_of(outline)[0]
    assert not [s for s in plan.slides if s.kind == "divider"]
    markdown = render_markdown(plan, with_notes=True)
    assert markdown.count("全会强调要锚定目标") == 1
    assert "要点一；要点二。" in markdown
    assert "**【辅导说明】**讲解提示" in markdown
