"""`briefgen preview`: the laid-out deck as terminal panels, the CLI modes, .pptx read-back."""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from fixtures.preview_decks import block, para, sample_deck, slide
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.layout import NO_LINE_START, LaidDeck, LaidSlide, Picture, TableBlock, TextBlock
from briefgen.render.terminal import (
    DeckView,
    HelpView,
    Kinsoku,
    SlideView,
    TocView,
    make_console,
    panel_height,
)
from briefgen.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"
GOLDEN = ROOT / "tests" / "golden" / "preview-wenzhou-2020-plenum-100.txt"
UPDATE = "BRIEFGEN_UPDATE_GOLDEN"
"""Set this environment variable to 1 to rewrite the golden file from the current output."""

BORDER = set("╭╮╰╯│─━┃ \u3000")
HEADER = re.compile(r"^╭─ (\d+)/(\d+) · ")

runner = CliRunner()


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


def render(renderable: object, width: int) -> str:
    """Plain text of a renderable on a console `width` columns wide."""
    file = io.StringIO()
    console = Console(width=width, file=file, color_system=None, legacy_windows=False)
    console.print(renderable)
    return file.getvalue()


def panel_lines(out: str) -> list[str]:
    """The lines of the first panel in `out`, top border to bottom border."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    end = next(i for i, line in enumerate(lines) if line.startswith("╰"))
    return lines[start : end + 1]


def expected_chars(s: LaidSlide) -> Counter[str]:
    """Every character the preview must show inside the panel, and nothing else.

    The slide's text (all text blocks but the page number, which the header replaces, and
    every table cell), each paragraph's bullet, picture placeholders and the footer notes.
    """
    parts: list[str] = []
    for element in s.elements:
        if isinstance(element, TextBlock) and element.role != "page":
            parts.append(element.text)
            parts.extend(p.bullet or "" for p in element.paragraphs)
        elif isinstance(element, TableBlock):
            parts.extend(c.text for row in (element.header, *element.rows) for c in row)
        elif isinstance(element, Picture):
            parts.append(f"[image: {element.description}]")
    if s.part[0] > 1:
        parts.append(f"↪ continued: page {s.part[0]} of {s.part[1]}")
    parts.extend(f"⚠ {w}" for w in s.warnings)
    return Counter(c for c in "".join(parts) if c not in BORDER and not c.isspace())


def shown_chars(lines: list[str]) -> Counter[str]:
    """Characters inside the panel (heading border line excluded)."""
    return Counter(c for line in lines[1:] for c in line if c not in BORDER and not c.isspace())


# -- the slide panel ------------------------------------------------------------------------


def test_every_slide_shows_exactly_its_text(theme: Theme) -> None:
    deck = sample_deck()
    for s in deck.slides:
        lines = panel_lines(render(SlideView(s, len(deck), theme), 100))
        assert shown_chars(lines) == expected_chars(s), s.number


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(width=st.integers(min_value=20, max_value=220), index=st.integers(0, 11))
def test_any_width_keeps_all_text_and_straight_borders(width: int, index: int) -> None:
    theme = load_theme()
    deck = sample_deck()
    s = deck.slides[index]
    lines = panel_lines(render(SlideView(s, len(deck), theme), width))
    assert shown_chars(lines) == expected_chars(s)
    # CJK characters take two cells: every line of the panel is exactly `width` cells.
    assert {cell_len(line) for line in lines} == {width}
    assert len(lines) >= panel_height(width)


def test_short_slides_are_16_9_and_tall_ones_grow(theme: Theme) -> None:
    deck = sample_deck()
    short = panel_lines(render(SlideView(deck.slides[3], len(deck), theme), 100))
    assert len(short) == panel_height(100) == 28
    long_text = "统筹推进疫情防控和经济社会发展，坚决做到“两手硬、两战赢”。" * 12
    tall = slide(1, "points", "长", (block("body", para(long_text, "•")),), total=1)
    lines = panel_lines(render(SlideView(tall, 1, theme), 40))
    assert len(lines) > panel_height(40)
    assert shown_chars(lines) == expected_chars(tall)


def test_header_has_number_kind_section_and_part(theme: Theme) -> None:
    deck = sample_deck()
    lines = panel_lines(render(SlideView(deck.slides[4], len(deck), theme), 100))
    assert lines[0].startswith("╭─ 5/12 · items 1/2 · 二、成绩与启示 ─")
    assert "五条实践启示" in lines[1] and "二、成绩与启示" in lines[1]


def test_footer_shows_warnings_with_position_and_continuation(theme: Theme) -> None:
    deck = sample_deck()
    out = render(SlideView(deck.slides[4], len(deck), theme), 100)
    assert "⚠ brief.yaml:12:9: warning: body text shrunk to 20 pt to fit" in out
    assert "↪ continued" not in out  # page 1: the layout's own warning says it
    page_two = render(SlideView(deck.slides[5], len(deck), theme), 100)
    assert "↪ continued: page 2 of 2" in page_two
    assert "中共××区委宣传部 · 二〇二〇年十二月" in out
    assert "5 / 12" not in out  # the slide's own page number is replaced by the header


def test_roles_are_drawn_as_their_kind(theme: Theme) -> None:
    deck = sample_deck()
    out = {s.number: render(SlideView(s, len(deck), theme), 100) for s in deck.slides}
    assert re.search(r"│ +• 会议：", out[4])
    assert re.search(r"│ +– 《关于制定", out[4])  # sub-point, indented deeper than points
    assert out[4].index("• 会议") < out[4].index("– 《")
    assert re.search(r"│ +一是  服务大局才能融入全局 ", out[5])
    assert re.search(r"│ +┃ 奋力续写好", out[8])
    attribution = next(line for line in out[8].splitlines() if "—— 市委" in line)
    assert attribution.rstrip("│ ").endswith("会议")  # right-aligned
    assert attribution.index("——") > 40
    assert "[image: 温州市行政区划图]" in out[10]
    assert re.search(r"│ +1\. 如何结合", out[10])
    assert "未知角色的文字也要显示" in out[10]  # unknown roles are shown, never dropped
    table_rows = [line for line in out[10].splitlines() if "防疫、经济、创新" in line]
    assert len(table_rows) == 1 and "发展" in table_rows[0]


def test_long_lines_break_by_kinsoku_rules() -> None:
    text = "全会强调，五年看头年、开局是关键。我们要抓纲带目重点突破，锚定“五大新坐标”、开创“十个新局面”。"
    for width in range(6, 80):
        out = render(Kinsoku(Text(text)), width)
        lines = out.rstrip("\n").split("\n")
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line[0] in NO_LINE_START for line in lines[1:]), (width, lines)


def test_search_highlight_keeps_the_text(theme: Theme) -> None:
    deck = sample_deck()
    view = SlideView(deck.slides[3], len(deck), theme, highlight="两手硬")
    console = Console(width=100, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(view)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    reverse = r"\x1b\[(?:[0-9;]*;)?7[;m][0-9;]*m?两手硬"  # reverse video on the match
    assert re.search(reverse, out)
    console = Console(width=100, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(SlideView(deck.slides[3], len(deck), theme))
    assert not re.search(reverse, console.file.getvalue())  # type: ignore[attr-defined]
    assert "两手硬" in re.sub(r"\x1b\[[0-9;]*m", "", out)


def test_theme_colours_and_no_color(theme: Theme, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = sample_deck()
    view = SlideView(deck.slides[3], len(deck), theme)
    primary = "38;2;164;0;0"  # #A40000, the theme's primary red, on the border
    coloured = Console(width=80, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    coloured.print(view)
    assert primary in coloured.file.getvalue()  # type: ignore[attr-defined]
    plain = make_console(no_color=True, width=80)
    plain.file = io.StringIO()
    plain._force_terminal = True
    plain._color_system = coloured._color_system
    plain.print(view)
    assert primary not in plain.file.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_console().no_color
    monkeypatch.delenv("NO_COLOR")
    assert not make_console().no_color


def test_toc_lists_every_slide_with_fill_and_help_lists_keys(theme: Theme) -> None:
    deck = sample_deck()
    toc = render(TocView(deck, current=4, theme=theme), 120)
    for s in deck.slides:
        assert s.title in toc
    assert "items 1/2" in toc
    # the meter shows the area the text covers (layout.text_coverage), not the height it spans
    from briefgen.layout import text_coverage

    for s in deck.slides:
        row = next(line for line in toc.splitlines() if line.split()[:1] == [str(s.number)])
        assert f"{text_coverage(s, theme):.0%}" in row, row
    keys = render(HelpView(), 100)
    for word in ("next slide", "go to slide", "search", "notes", "contents", "quit"):
        assert word in keys


def test_deck_view_only_and_notes(theme: Theme) -> None:
    deck = sample_deck()
    everything = render(DeckView(deck, theme, width=100), 100)
    assert [m.group(1) for m in re.finditer(r"╭─ (\d+)/12", everything)] == [
        str(i) for i in range(1, 13)
    ]
    one = render(DeckView(deck, theme, width=100, only=4, notes=True), 100)
    assert [m.group(1) for m in re.finditer(r"╭─ (\d+)/12", one)] == ["4"]
    assert "Notes" in one and "开场交代会议的名称" in one


def test_forty_columns_do_not_crash(theme: Theme) -> None:
    deck = sample_deck()
    out = render(DeckView(deck, theme), 40)
    assert out.count("╭─") == len(deck)
    assert max(cell_len(line) for line in out.splitlines()) <= 40
    narrow = render(DeckView(deck, theme), 12)  # narrower than the narrowest panel: no crash
    assert narrow.count("╭") == len(deck)


# -- the CLI on the example -----------------------------------------------------------------


def headers(out: str) -> list[tuple[int, int]]:
    """(N, TOTAL) of every panel heading in `out`."""
    return [(int(m[1]), int(m[2])) for m in (HEADER.match(x) for x in out.splitlines()) if m]


@pytest.fixture(scope="module")
def example() -> tuple[LaidDeck, Theme]:
    from briefgen.build import lay_out_file

    return lay_out_file(EXAMPLE)


def test_golden_text_of_the_example_at_100_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE.parents[1])  # positions read briefs/…, wherever the clone is
    relative = str(EXAMPLE.relative_to(EXAMPLE.parents[1]))
    result = runner.invoke(
        app, ["preview", relative, "--all", "--width", "100", "--no-color"], env={}
    )
    assert result.exit_code == 0, result.output
    if os.environ.get(UPDATE) == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file: run with {UPDATE}=1 once and review it"
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_preview_count_matches_layout_and_build(
    example: tuple[LaidDeck, Theme], tmp_path: Path
) -> None:
    from pptx import Presentation

    deck, _ = example
    result = runner.invoke(app, ["preview", str(EXAMPLE), "--width", "100"])
    assert result.exit_code == 0, result.output
    found = headers(result.stdout)
    assert found == [(n, len(deck)) for n in range(1, len(deck) + 1)]
    out = tmp_path / "deck.pptx"
    built = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out)])
    assert built.exit_code == 0, built.output
    assert len(Presentation(str(out)).slides) == len(found)


def test_each_example_slide_shows_exactly_its_text(example: tuple[LaidDeck, Theme]) -> None:
    deck, theme = example
    for s in deck.slides:
        for width in (100, 41):
            lines = panel_lines(render(SlideView(s, len(deck), theme), width))
            assert shown_chars(lines) == expected_chars(s), (s.number, width)


def test_slide_option_notes_and_usage_errors() -> None:
    result = runner.invoke(app, ["preview", str(EXAMPLE), "--slide", "4", "--notes"])
    assert result.exit_code == 0, result.output
    assert [n for n, _ in headers(result.stdout)] == [4]
    assert "Notes" in result.stdout and "【讲解提示】" in result.stdout
    too_far = runner.invoke(app, ["preview", str(EXAMPLE), "--slide", "999"])
    assert too_far.exit_code == 2
    assert "999" not in too_far.stdout and "the deck has" in too_far.output
    watch = runner.invoke(app, ["preview", str(EXAMPLE), "--watch"])
    assert watch.exit_code == 2 and "--watch needs the pager" in watch.output


def test_bad_outline_exits_1_with_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("briefgen: 1\ntitle: 测试\nsections:\n  - title: 一\n    slides: 5\n", "utf-8")
    result = runner.invoke(app, ["preview", str(bad)])
    assert result.exit_code == 1
    assert re.search(r"bad\.yaml:5:\d+", result.output), result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["preview", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "nope.yaml" in missing.output


# -- generated outlines ---------------------------------------------------------------------

points = st.lists(st.sampled_from(["全面贯彻党的十九届五中全会精神", "总结今年工作", "部署明年任务，谋划“十四五”蓝图", "坚决做到“两手硬、两战赢”，当好“重要窗口”的建设者、维护者、展示者" * 2]), min_size=1, max_size=12)  # fmt: skip


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sections=st.lists(st.lists(points, min_size=0, max_size=3), min_size=1, max_size=3))
def test_generated_outlines_preview_as_many_slides_as_built(
    sections: list[list[list[str]]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    import yaml
    from pptx import Presentation

    folder = tmp_path_factory.mktemp("gen")
    outline = {
        "briefgen": 1,
        "title": "学习贯彻全会精神",
        "sections": [
            {
                "title": f"第{i + 1}部分",
                "slides": [{"title": f"要点{j + 1}", "points": p} for j, p in enumerate(slides)],
            }
            for i, slides in enumerate(sections)
        ],
    }
    path = folder / "gen.yaml"
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), "utf-8")
    shown = runner.invoke(app, ["preview", str(path), "--all", "--width", "60"])
    assert shown.exit_code == 0, shown.output
    built = runner.invoke(app, ["build", str(path), "-o", str(folder / "gen.pptx")])
    assert built.exit_code == 0, built.output
    total = len(Presentation(str(folder / "gen.pptx")).slides)
    assert headers(shown.stdout) == [(n, total) for n in range(1, total + 1)]


# -- .pptx read-back --------------------------------------------------------------------------


def block_texts(s: LaidSlide, *, merge_bullets: bool) -> list[tuple[str, str]]:
    """(role, text) of a slide's non-empty text blocks; multi-character bullets (一是, 1.)
    are written into the .pptx as a run of the paragraph, so read-back sees them as text."""
    out = []
    for e in s.elements:
        if isinstance(e, TextBlock) and e.text.strip():
            lines = (
                (p.bullet if merge_bullets and p.bullet and len(p.bullet) > 1 else "") + p.text
                for p in e.paragraphs
            )
            out.append((e.role, "\n".join(lines)))
    return out


def test_read_back_a_built_deck(example: tuple[LaidDeck, Theme], tmp_path: Path) -> None:
    from briefgen.build import write_pptx
    from briefgen.readers import read_pptx

    deck, theme = example
    path = write_pptx(deck, theme, tmp_path / "deck.pptx")
    back = read_pptx(path)
    assert len(back) == len(deck)
    for original, read in zip(deck.slides, back.slides, strict=True):
        assert (read.number, read.kind, read.title) == (
            original.number,
            original.kind,
            original.title,
        )
        assert read.section == original.section
        assert block_texts(read, merge_bullets=False) == block_texts(original, merge_bullets=True)
        assert read.notes.strip() == original.notes.strip()
        tables = [
            [[c.text for c in row] for row in (t.header, *t.rows)]
            for s in (original, read)
            for t in s.elements
            if isinstance(t, TableBlock)
        ]
        assert tables[: len(tables) // 2] == tables[len(tables) // 2 :]
    shown = runner.invoke(app, ["preview", str(path), "--width", "100"])
    assert shown.exit_code == 0, shown.output
    assert headers(shown.stdout) == [(n, len(deck)) for n in range(1, len(deck) + 1)]


def test_read_back_a_deck_made_elsewhere(tmp_path: Path) -> None:
    from PIL import Image
    from pptx import Presentation
    from pptx.util import Inches as PptxInches

    from briefgen.readers import read_pptx

    prs = Presentation()
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = "学习贯彻全会精神"
    cover.placeholders[1].text = "宣讲提纲"
    content = prs.slides.add_slide(prs.slide_layouts[1])
    content.shapes.title.text = "主要内容"
    frame = content.placeholders[1].text_frame
    frame.text = "总结今年工作"
    frame.add_paragraph().text = "部署明年任务"
    content.notes_slide.notes_text_frame.text = "讲解提示：先讲成绩。"
    other = prs.slides.add_slide(prs.slide_layouts[5])
    other.shapes.title.text = "表格与图片"
    table = other.shapes.add_table(2, 2, PptxInches(1), PptxInches(2), PptxInches(6), PptxInches(1))
    for (r, c), value in {
        (0, 0): "方面",
        (0, 1): "报表",
        (1, 0): "发展",
        (1, 1): "防疫、经济",
    }.items():
        table.table.cell(r, c).text = value
    image = tmp_path / "map.png"
    Image.new("RGB", (40, 20), "red").save(image)
    picture = other.shapes.add_picture(str(image), PptxInches(7), PptxInches(2))
    picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", "温州地图")
    group = other.shapes.add_group_shape()
    group.shapes.add_textbox(
        PptxInches(1), PptxInches(5), PptxInches(4), PptxInches(1)
    ).text = "组合里的文字"
    path = tmp_path / "other.pptx"
    prs.save(str(path))

    back = read_pptx(path)
    assert [s.kind for s in back.slides] == ["cover", "points", "table"]
    assert [s.title for s in back.slides] == ["学习贯彻全会精神", "主要内容", "表格与图片"]
    assert block_texts(back.slides[1], merge_bullets=False) == [
        ("title", "主要内容"),
        ("body", "总结今年工作\n部署明年任务"),
    ]
    assert back.slides[1].notes == "讲解提示：先讲成绩。"
    out = render(DeckView(back, load_theme(), width=100), 100)
    for text in ("宣讲提纲", "防疫、经济", "[image: 温州地图]", "组合里的文字", "部署明年任务"):
        assert text in out


def test_unreadable_pptx_exits_1_with_the_file(tmp_path: Path) -> None:
    from briefgen.readers import DeckReadError, read_pptx

    fake = tmp_path / "fake.pptx"
    fake.write_bytes(b"this is not a zip file")
    with pytest.raises(DeckReadError) as caught:
        read_pptx(fake)
    assert caught.value.diagnostics[0].file == str(fake)
    result = runner.invoke(app, ["preview", str(fake)])
    assert result.exit_code == 1
    assert "fake.pptx" in result.output and "PowerPoint" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["preview", str(tmp_path / "gone.pptx")])
    assert missing.exit_code == 1 and "gone.pptx: file not found" in missing.output


def test_layout_warnings_reach_the_slide_footer_and_the_end(tmp_path: Path) -> None:
    long_point = "统筹推进疫情防控和经济社会发展，坚决做到“两手硬、两战赢”，当好“重要窗口”的建设者、维护者、展示者"
    points = "".join(f"          - {long_point}{i}\n" for i in range(14))
    path = tmp_path / "long.yaml"
    path.write_text(
        "briefgen: 1\ntitle: 长\nduration: 1\nsections:\n  - title: 一\n    slides:\n"
        f"      - title: 很长的一页\n        minutes: 5\n        points:\n{points}",
        "utf-8",
    )
    result = runner.invoke(app, ["preview", str(path), "--width", "100"])
    assert result.exit_code == 0, result.output
    # Long warnings wrap inside the footer: compare without borders and white space.
    flat = "".join(c for c in result.stdout if c not in BORDER and not c.isspace())
    assert re.search(r"⚠[^⚠]*long\.yaml:\d+:\d+:[^⚠]*warning:textshrunkfrom", flat)
    assert re.search(r"⚠[^⚠]*long\.yaml:\d+:\d+:[^⚠]*warning:continuedon\d+moreslide", flat)
    assert "↪continued:page2of" in flat
    assert re.search(r"⚠[^⚠]*long\.yaml:3:\d+:duration:warning:slidesbudget5minutes", flat)


def test_district_preview_matches_the_district_build(tmp_path: Path) -> None:
    from pptx import Presentation

    roster = ROOT / "briefs" / "wenzhou-districts.yaml"
    args = ["--roster", str(roster), "--district", "洞头区"]
    shown = runner.invoke(app, ["preview", str(EXAMPLE), "--width", "100", *args])
    assert shown.exit_code == 0, shown.output
    assert "中共温州市洞头区委宣传部" in shown.stdout
    out = tmp_path / "dongtou.pptx"
    built = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), *args])
    assert built.exit_code == 0, built.output
    total = len(Presentation(str(out)).slides)
    assert headers(shown.stdout) == [(n, total) for n in range(1, total + 1)]
    alone = runner.invoke(app, ["preview", str(EXAMPLE), "--district", "洞头区"])
    assert alone.exit_code == 1 and "--roster and --district go together" in alone.output


def test_entries_are_grouped_by_the_layout_not_by_role_names(theme: Theme) -> None:
    """An ordinal and a head hang together only when the layout put them in one group."""
    pair = block("ordinal", "一是", group=0), block("head", "甲", group=0)
    grouped = slide(5, "items", "框架", pair, total=12)
    apart = slide(5, "items", "框架", (pair[0], block("head", "甲")), total=12)
    together = render(SlideView(grouped, 12, theme), 80)
    separate = render(SlideView(apart, 12, theme), 80)
    assert re.search(r"│ +一是  甲 ", together)
    assert not re.search(r"一是  甲", separate) and "甲" in separate
