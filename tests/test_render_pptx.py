"""The .pptx renderer: read back, XML rules (lang, latin + ea order), validity, determinism."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.build import write_pptx
from briefgen.errors import BuildError
from briefgen.layout import (
    Box,
    DeckInfo,
    Element,
    Emu,
    Inches,
    LaidDeck,
    LaidSlide,
    Paragraph,
    Picture,
    Pt,
    Rect,
    Span,
    TableBlock,
    TableCell,
    TextBlock,
)
from briefgen.render import _oxml, _package
from briefgen.render import pptx as renderer
from briefgen.render.pptx import fit_box, render_pptx
from briefgen.theme import Theme, load_theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W, H = Inches(13.333), Inches(7.5)
NASTY = "A&B <c> \"q\" 'a' \x07bell 𠀀"  # markup, an illegal control char, a non-BMP ideograph


def box(x: float, y: float, w: float, h: float) -> Box:
    """A box given in inches."""
    return Box(Inches(x), Inches(y), Inches(w), Inches(h))


def bar(title: str, section: str, number: int, total: int) -> tuple[Element, ...]:
    """A content slide's frame: red bar, gold rule, white title, gold section, footer."""
    return (
        Rect(box(0, 0, 13.333, 1.05), "primary"),
        Rect(box(0, 1.05, 13.333, 0.06), "gold"),
        TextBlock(box(0.6, 0.2, 9.5, 0.7), (Paragraph((title,)),), 30, "title", "white", bold=True,
                  anchor="middle"),
        TextBlock(box(10.2, 0.3, 2.5, 0.5), (Paragraph((section,), align="right"),), 14, "section",
                  "gold", anchor="middle"),
        Rect(box(0.6, 6.95, 12.133, 0.01), "grey"),
        TextBlock(box(0.6, 7.0, 8, 0.3), (Paragraph(("温州市委党校 · 2020年12月",)),), 12, "footer",
                  "grey"),
        TextBlock(box(11.2, 7.0, 1.5, 0.3), (Paragraph((f"{number} / {total}",), align="right"),),
                  12, "footer", "grey"),
    )  # fmt: skip


def points_slide(number: int, total: int) -> LaidSlide:
    first = "全会认为，今年是极不平凡的一年，市委常委会坚决做到“两手硬、两战赢”。"
    lines = (first[:20], first[20:])
    body = TextBlock(
        box(0.7, 1.5, 11.9, 5.3),
        (
            Paragraph(lines, bullet="•", indent=Pt(30), emphasis=(Span(first.index("市委"), first.index("”") + 1),)),
            Paragraph(("当好“重要窗口”的建设者、维护者、展示者",), bullet="•", indent=Pt(30),
                      emphasis=(Span(2, 8),), space_before=Pt(12)),
            Paragraph(("统筹推进疫情防控和经济社会发展",), level=1, indent=Pt(60),
                      space_before=Pt(6)),
            Paragraph((NASTY,), bullet="•", indent=Pt(30), space_before=Pt(12)),
        ),
        24, "body", line_spacing=1.25,
    )  # fmt: skip
    return LaidSlide(
        "points",
        "总体评价",
        number,
        (*bar("总体评价", "一、总结", number, total), body),
        notes="先请大家回顾一年来的工作。\n重点讲清“两手硬、两战赢”。",
    )


def items_slide(number: int, total: int) -> LaidSlide:
    cards: list[Element] = []
    for i, (ordinal, head) in enumerate([("一是", "坚定战略方向"), ("二是", "坚持创新驱动")]):
        x = 0.7 + i * 6.1
        cards += [
            Rect(box(x, 1.5, 5.8, 5.2), "cream", line="gold"),
            Rect(box(x, 1.5, 5.8, 0.08), "primary"),
            TextBlock(box(x + 0.3, 1.8, 5.2, 1.2),
                      (Paragraph((f"{head}，奋力续写", "新时代温州创新史"), bullet=ordinal),),
                      26, "head", bold=True, bullet_color="primary"),
            Rect(box(x + 0.3, 3.1, 1.0, 0.04), "gold", shape="rect"),
            Rect(box(x + 4.6, 5.6, 0.8, 0.8), "accent", shape="oval"),
        ]  # fmt: skip
    return LaidSlide(
        "items", "两个坚持", number, (*bar("两个坚持", "二、部署", number, total), *cards)
    )


def cover_slide(number: int, total: int) -> LaidSlide:
    title = TextBlock(
        box(1.0, 1.6, 11.3, 2.4),
        (Paragraph(("学习贯彻市委十二届", "十一次全体（扩大）会议精神"), align="center"),),
        44, "title", "white", font="serif", bold=True, line_spacing=1.1, anchor="bottom",
    )  # fmt: skip
    kicker = TextBlock(box(1.0, 1.0, 11.3, 0.5), (Paragraph(("学习贯彻",), align="center"),), 20,
                       "kicker", "gold")  # fmt: skip
    rule = Rect(box(1.0, 5.0, 11.333, 0.05), "gold")
    who = TextBlock(box(1.0, 5.3, 11.3, 1.0), (Paragraph(("主讲：张三 · 温州市委党校",),
                    align="center"),), 18, "presenter", "cream")  # fmt: skip
    return LaidSlide("cover", "学习贯彻", number, (kicker, title, rule, who), background="primary")


def table_slide(number: int, total: int) -> LaidSlide:
    table = TableBlock(
        box(0.7, 1.5, 11.9, 3.2),
        header=(TableCell(("指标",)), TableCell(("2020年",)), TableCell(("目标",))),
        rows=(
            (TableCell(("地区生产总值",)), TableCell(("6870亿元",)), TableCell(("突破", "万亿元"))),
            (TableCell(("常住人口",)), TableCell(("957万",)), TableCell(("",))),
            (TableCell(("研发投入",)), TableCell((NASTY,)), TableCell(("3%",))),
        ),
        column_widths=(Inches(5.0), Inches(3.45), Inches(3.45)),
        row_heights=(Inches(0.6), Inches(0.6), Inches(1.0), Inches(0.6)),
        size=18,
    )
    return LaidSlide(
        "table", "主要指标", number, (*bar("主要指标", "三、目标", number, total), table)
    )


def image_slide(number: int, total: int, image: Path) -> LaidSlide:
    pic = Picture(box(0.7, 1.5, 6.0, 5.0), str(image), description="瓯江夜景")
    caption = TextBlock(box(7.0, 1.5, 5.6, 1.0), (Paragraph(("图：瓯江两岸",)),), 20, "caption",
                        "grey")  # fmt: skip
    return LaidSlide("image", "城市面貌", number, (*bar("城市面貌", "三、目标", number, total), pic,
                     caption), notes="")  # fmt: skip


def questions_slide(number: int, total: int) -> LaidSlide:
    body = TextBlock(
        box(0.7, 1.5, 11.9, 5.3),
        tuple(
            Paragraph((q,), bullet=f"{i}.", indent=Pt(36), space_before=Pt(18))
            for i, q in enumerate(["如何理解“重要窗口”？", "本单位如何落实？"], start=1)
        ),
        24, "body", emphasis_color="accent", bullet_color="primary",
    )  # fmt: skip
    return LaidSlide("questions", "讨论与思考", number,
                     (*bar("讨论与思考", "讨论", number, total), body), notes="每组十分钟")  # fmt: skip


def make_image(folder: Path, size: tuple[int, int] = (400, 200)) -> Path:
    """A small PNG (red with a gold band) of the given pixel size."""
    from PIL import Image, ImageDraw

    path = folder / f"picture-{size[0]}x{size[1]}.png"
    picture = Image.new("RGB", size, "#A40000")
    ImageDraw.Draw(picture).rectangle((0, size[1] // 3, size[0], size[1] // 2), fill="#D4A017")
    picture.save(path)
    return path


def sample_deck(image: Path, slides: int = 6, date: str | None = "2020年12月") -> LaidDeck:
    """A hand-made deck cycling through cover, points, items, table, image and questions."""
    makers = [table_slide, questions_slide, points_slide, items_slide]
    out: list[LaidSlide] = []
    for number in range(1, slides + 1):
        if number == 1:
            out.append(cover_slide(number, slides))
        elif number % 5 == 0:
            out.append(image_slide(number, slides, image))
        else:
            out.append(makers[number % len(makers)](number, slides))
    info = DeckInfo(
        title="学习贯彻市委全会精神", subtitle=NASTY, organiser="温州市委党校", date=date
    )
    return LaidDeck(info, tuple(out), W, H, "party-red")


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme("party-red")


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_image(tmp_path_factory.mktemp("img"))


@pytest.fixture(scope="module")
def deck(image: Path) -> LaidDeck:
    return sample_deck(image, slides=10)


@pytest.fixture(scope="module")
def deck_bytes(deck: LaidDeck, theme: Theme) -> bytes:
    return render_pptx(deck, theme)


def visible(text: str) -> str:
    """What a viewer shows of `text`: XML-illegal characters are dropped."""
    return _oxml.clean(text)


def shape_texts(slide: Any) -> str:
    """Every text python-pptx reads from a slide's shapes and table cells (line breaks dropped)."""
    out: list[str] = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if getattr(shape, "has_table", False):
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(out).replace("\v", "")


def test_read_back_with_python_pptx(deck: LaidDeck, deck_bytes: bytes, image: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(io.BytesIO(deck_bytes))
    assert len(prs.slides) == len(deck.slides)
    assert (int(prs.slide_width or 0), int(prs.slide_height or 0)) == (W, H)
    assert prs.core_properties.title == deck.info.title
    assert prs.core_properties.author == "温州市委党校"
    for laid, slide in zip(deck.slides, prs.slides, strict=True):
        drawn = shape_texts(slide)
        for element in laid.elements:
            if isinstance(element, TextBlock):
                for par in element.paragraphs:
                    lead = par.bullet if par.bullet and len(par.bullet) > 1 else ""
                    assert visible(lead + par.text) in drawn, (laid.number, par.text)
            elif isinstance(element, TableBlock):
                for row in (element.header, *element.rows):
                    for cell in row:
                        assert visible(cell.text) in drawn
        assert slide.has_notes_slide, laid.number  # every slide has a notes page, even empty
        assert slide.notes_slide.notes_text_frame.text == laid.notes
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        wanted = [e for e in laid.elements if isinstance(e, Picture)]
        assert len(pictures) == len(wanted)
        for shape, element in zip(pictures, wanted, strict=True):
            assert shape.image.blob == image.read_bytes()
            assert shape.width / shape.height == pytest.approx(400 / 200, rel=1e-5)
            centre_x = element.box.x + element.box.w / 2
            assert shape.left + shape.width / 2 == pytest.approx(centre_x, abs=1)
            assert shape.width <= element.box.w and shape.height <= element.box.h


@pytest.mark.parametrize(
    ("pixels", "expected"),
    [((400, 200), (0, 50, 400, 200)), ((100, 400), (162, 0, 75, 300)), ((4, 3), (0, 0, 400, 300))],
)
def test_fit_box_keeps_aspect_and_centres(
    pixels: tuple[int, int], expected: tuple[int, int, int, int]
) -> None:
    fitted = fit_box(Box(Emu(0), Emu(0), Emu(400), Emu(300)), *pixels)
    assert (fitted.x, fitted.y, fitted.w, fitted.h) == expected


def xml_parts(data: bytes, prefix: str) -> dict[str, ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: ET.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith(prefix) and name.endswith(".xml")
        }


def test_every_run_names_zh_cn_latin_then_ea(deck_bytes: bytes) -> None:
    parts = xml_parts(deck_bytes, "ppt/slides/") | xml_parts(deck_bytes, "ppt/notesSlides/")
    assert len(parts) == 20
    checked = 0
    for name, root in parts.items():
        for tag in ("rPr", "endParaRPr"):
            for rpr in root.iter(A + tag):
                children = [child.tag for child in rpr]
                assert rpr.get("lang") == "zh-CN", name
                assert rpr.get("sz") is not None, name
                latin = children.index(A + "latin")
                assert children[latin + 1] == A + "ea", (name, children)
                assert children.index(A + "solidFill") < latin
                checked += 1
    assert checked > 200


def test_line_breaks_carry_run_properties_and_bodies_never_autofit(deck_bytes: bytes) -> None:
    slides = xml_parts(deck_bytes, "ppt/slides/")
    breaks = [br for root in slides.values() for br in root.iter(A + "br")]
    assert breaks and all(br.find(A + "rPr") is not None for br in breaks)
    bodies = [b for root in slides.values() for b in root.iter(A + "bodyPr") if b.get("wrap")]
    assert bodies
    for body in bodies:
        assert body.find(A + "noAutofit") is not None
        assert {body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")} == {"0"}


def test_bullets_and_emphasis(deck_bytes: bytes, theme: Theme) -> None:
    root = xml_parts(deck_bytes, "ppt/slides/slide2.xml")["ppt/slides/slide2.xml"]
    paragraphs = [p for p in root.iter(A + "p") if p.find(f"{A}pPr/{A}buChar") is not None]
    assert len(paragraphs) == 3
    ppr = paragraphs[0].find(A + "pPr")
    assert ppr is not None
    assert (ppr.get("marL"), ppr.get("indent")) == (str(Pt(30)), str(-Pt(30)))
    colour = ppr.find(f"{A}buClr/{A}srgbClr")
    assert colour is not None and colour.get("val") == theme.color("gold")
    accent = theme.color("accent")
    emphasised = "".join(
        r.findtext(A + "t") or ""
        for r in paragraphs[0].iter(A + "r")
        if r.find(f"{A}rPr/{A}solidFill/{A}srgbClr").get("val") == accent  # type: ignore[union-attr]
    )
    assert emphasised == "市委常委会坚决做到“两手硬、两战赢”"
    questions = xml_parts(deck_bytes, "ppt/slides/slide9.xml")["ppt/slides/slide9.xml"]
    leads = [p for p in questions.iter(A + "p") if p.find(f"{A}pPr/{A}buNone") is not None]
    first_runs = [p.find(A + "r") for p in leads if (p.findtext(f"{A}r/{A}t") or "") == "1."]
    assert len(first_runs) == 1 and first_runs[0] is not None
    rpr = first_runs[0].find(A + "rPr")
    assert rpr is not None and rpr.get("b") == "1"


def test_theme_fonts_have_east_asian_faces(deck_bytes: bytes, theme: Theme) -> None:
    themes = xml_parts(deck_bytes, "ppt/theme/")
    assert themes
    for root in themes.values():
        for tag in ("majorFont", "minorFont"):
            group = root.find(f"{A}themeElements/{A}fontScheme/{A}{tag}")
            assert group is not None
            ea = group.find(A + "ea")
            assert ea is not None and ea.get("typeface") in {
                theme.face("sans").ea,
                theme.face("serif").ea,
            }
            assert group.find(A + "latin").get("typeface")  # type: ignore[union-attr]
        dk2 = root.find(f"{A}themeElements/{A}clrScheme/{A}dk2/{A}srgbClr")
        assert dk2 is not None and dk2.get("val") == theme.color("primary")


def audit(data: bytes, folder: Path, name: str) -> list[str]:
    from openxml_audit import validate_pptx

    path = folder / name
    path.write_bytes(data)
    result = validate_pptx(path)
    return [str(e) for e in result.errors if e.severity.name == "ERROR"]


def test_openxml_audit_finds_no_errors(deck_bytes: bytes, tmp_path: Path) -> None:
    assert audit(deck_bytes, tmp_path, "deck.pptx") == []


def test_openxml_audit_catches_ea_before_latin(deck_bytes: bytes, tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(deck_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "ppt/slides/slide2.xml":
                text = data.decode()
                good = '<a:latin typeface="Noto Sans CJK SC"/><a:ea typeface="Noto Sans CJK SC"/>'
                assert good in text
                data = text.replace(
                    good, good[good.index("<a:ea") :] + good[: good.index("<a:ea")], 1
                ).encode()
            target.writestr(item, data)
    errors = audit(out.getvalue(), tmp_path, "corrupt.pptx")
    assert errors and any("slide2.xml" in e for e in errors), errors


def test_same_input_gives_identical_bytes(deck: LaidDeck, theme: Theme, deck_bytes: bytes) -> None:
    renderer._draw.cache_clear()
    _package.skeleton.cache_clear()
    assert render_pptx(deck, theme) == deck_bytes
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as archive:
        names = archive.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2020-12-01T00:00:00Z<' in core


def test_identical_bytes_in_a_fresh_process(deck_bytes: bytes, tmp_path: Path, image: Path) -> None:
    out = tmp_path / "other.pptx"
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from test_render_pptx import sample_deck; from briefgen.theme._theme import load_theme;"
        "from briefgen.render.pptx import render_pptx;"
        "Path(sys.argv[3]).write_bytes(render_pptx(sample_deck(Path(sys.argv[2]), 10), load_theme()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent), str(image), str(out)],
        check=True, env=env, timeout=120,
    )  # fmt: skip
    assert out.read_bytes() == deck_bytes


def test_source_date_epoch_sets_dates(
    deck: LaidDeck, theme: Theme, deck_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")  # 2021-01-01T00:00:00Z
    data = render_pptx(deck, theme)
    assert data != deck_bytes
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {i.date_time for i in archive.infolist()} == {(2021, 1, 1, 0, 0, 0)}
    assert core.count("2021-01-01T00:00:00Z") == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH"):
        render_pptx(deck, theme)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12-01", "2020-12-01"),
        ("2020年12月", "2020-12-01"),
        ("2020年12月8日", "2020-12-08"),
        ("２０２０年１２月", "2020-12-01"),
        ("二〇二〇年十二月二十一日", "2020-12-21"),
        ("2020-13-01", "2000-01-01"),
        ("下个月", "2000-01-01"),
        (None, "2000-01-01"),
    ],
)
def test_deck_date_forms(text: str | None, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _package.document_date(text).strftime("%Y-%m-%d") == expected


def test_identical_slides_are_serialised_once(image: Path, theme: Theme) -> None:
    renderer._draw.cache_clear()
    render_pptx(sample_deck(image, slides=10), theme)
    first = renderer._draw.cache_info()
    render_pptx(sample_deck(image, slides=10, date="2021年1月"), theme)
    second = renderer._draw.cache_info()
    assert second.misses == first.misses and second.hits == first.hits + 10


def test_changed_image_file_is_placed_afresh(tmp_path: Path, theme: Theme) -> None:
    from PIL import Image

    path = make_image(tmp_path, (400, 200))
    deck = sample_deck(path, slides=5)
    first = render_pptx(deck, theme)
    Image.new("RGB", (100, 400), "#FFFFFF").save(path)
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert render_pptx(deck, theme) != first


def test_missing_image_names_the_slide(tmp_path: Path, theme: Theme) -> None:
    deck = sample_deck(tmp_path / "gone.png", slides=5)
    with pytest.raises(BuildError) as caught:
        render_pptx(deck, theme)
    message = str(caught.value)
    assert "slide 5" in message and "gone.png" in message


def test_unreadable_image_names_the_slide(tmp_path: Path, theme: Theme) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("not an image")
    with pytest.raises(BuildError, match=r"slide 5.*cannot read image"):
        render_pptx(sample_deck(fake, slides=5), theme)


def test_write_pptx_is_atomic_and_reports_unwritable_paths(
    deck: LaidDeck, theme: Theme, deck_bytes: bytes, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "deck.pptx"
    assert write_pptx(deck, theme, target) == target
    assert target.read_bytes() == deck_bytes
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BuildError) as caught:
        write_pptx(deck, theme, blocker / "deck.pptx")
    assert caught.value.diagnostics[0].file == str(blocker / "deck.pptx")


def test_empty_deck_is_still_valid(theme: Theme, tmp_path: Path) -> None:
    data = render_pptx(LaidDeck(DeckInfo(title="空"), (), W, H, "party-red"), theme)
    assert audit(data, tmp_path, "empty.pptx") == []


_texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(_texts, min_size=1, max_size=4),
    spans=st.lists(st.tuples(st.integers(-3, 60), st.integers(-3, 60)), max_size=4),
)
def test_runs_split_exactly_at_emphasis(lines: list[str], spans: list[tuple[int, int]]) -> None:
    theme = load_theme("party-red")
    par = Paragraph(tuple(lines), emphasis=tuple(Span(a, b) for a, b in spans))
    block = TextBlock(box(0, 0, 5, 2), (par,), 20, "body", "ink", emphasis_color="accent")
    xml = f"<root {_oxml._NS}>{_oxml.text_shape(block, theme, 2)}</root>"
    root = ET.fromstring(xml)
    text = par.text
    marked = [any(a <= i < b for a, b in spans) for i in range(len(text))]
    runs = list(root.iter(A + "r"))
    got_all = "".join(r.findtext(A + "t") or "" for r in runs)
    accent = theme.color("accent")
    got_emph = "".join(
        r.findtext(A + "t") or ""
        for r in runs
        if r.find(f"{A}rPr/{A}solidFill/{A}srgbClr").get("val") == accent  # type: ignore[union-attr]
    )
    # a line's final "\n" (a line break of the text) is the a:br after it, not a character
    breaks, at = set(), 0
    for line in lines:
        at += len(line)
        if line.endswith("\n"):
            breaks.add(at - 1)
    kept = [i not in breaks for i in range(len(text))]
    # a line that ends inside a word is drawn with a hyphen after it, styled as its last char
    hyphen_after, at = set(), 0
    for line, hyphen in zip(lines, par.hyphens, strict=True):
        at += len(line)
        if hyphen:
            hyphen_after.add(at - 1)
    drawn = [
        (c + "-" if i in hyphen_after else c) if k else ""
        for i, (c, k) in enumerate(zip(text, kept, strict=True))
    ]
    assert got_all == visible("".join(drawn))
    assert got_emph == visible("".join(d for d, m in zip(drawn, marked, strict=True) if m))
    assert len(list(root.iter(A + "br"))) == len(lines) - 1


@given(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("&<>\"'\r\n\t\x01\ufffe\ud800"))
)
def test_escaped_text_parses_back_to_the_text_without_what_xml_cannot_hold(text: str) -> None:
    """`esc` (which returns plain text untouched after one scan) gives element content and
    attribute values that an XML parser reads back as the text, less the characters XML 1.0
    forbids; CR, LF and tab included."""
    element = ET.fromstring(f'<t a="{_oxml.esc(text)}">{_oxml.esc(text)}</t>')
    assert (element.text or "") == _oxml.clean(text)
    assert element.get("a") == _oxml.clean(text)
