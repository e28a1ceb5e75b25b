"""Picture and date placeholders of a template's layouts, filled by type; no empty prompts.

An outline with two image slides (one with a caption) and a points slide is built on the
fixture templates of tests/fixtures/templates/make.py. On a template with a picture layout
(python-pptx's "Picture with Caption", the Chinese "图片与标题") the picture fills the layout's
picture placeholder, fitted inside its box with its aspect kept, and the caption its caption
placeholder; on one without (the LibreOffice re-save) it goes in the content layout's body.
Where a layout has a date placeholder the deck's date is there and not in the footer text. No
placeholder on any slide is left empty (PowerPoint and LibreOffice would show its "Click to
add text" prompt in edit mode); openxml-audit finds no error and LibreOffice draws every word
inside its box.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import EXAMPLE, convert_to_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from test_overflow_pdf import words_outside

from briefgen.build import build_file, lay_out, theme_for
from briefgen.layout import LaidDeck
from briefgen.outline import load_outline
from briefgen.readers import read_template

TEMPLATES = Path(__file__).parent / "fixtures" / "templates"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
OUTLINE = """\
briefgen: 1
title: 图片与日期
organiser: 中共温州市委宣传部
date: 二〇二〇年十二月
sections:
  - title: 区划
    slides:
      - title: 温州市区划图
        image:
          path: wide.png
          caption: 温州市行政区划示意图（鹿城、龙湾、瓯海、洞头四区）
      - title: 高的图
        image: tall.png
      - title: 要点
        points: [第一点内容, 第二点内容]
"""
DATE = "二〇二〇年十二月"


@dataclass(frozen=True, slots=True)
class Built:
    """The picture outline built on one template."""

    template: Path
    path: Path
    deck: LaidDeck
    images: dict[str, bytes]


@pytest.fixture(scope="module", params=["default.pptx", "chinese-red.pptx", "libreoffice.pptx"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("pictures")
    images = {}
    for name, size, colour in (
        ("wide.png", (400, 200), "#1F5AA0"),
        ("tall.png", (150, 300), "#A01F1F"),
    ):
        buffer = io.BytesIO()
        Image.new("RGB", size, colour).save(buffer, "PNG")
        (folder / name).write_bytes(buffer.getvalue())
        images[name] = buffer.getvalue()
    outline = folder / "deck.yaml"
    outline.write_text(OUTLINE, encoding="utf-8")
    template = TEMPLATES / request.param
    out = folder / f"{template.stem}.pptx"
    build_file(outline, out, template=template)
    loaded = load_outline(outline)
    deck = lay_out(loaded, theme_for(loaded, None, template))
    return Built(template, out, deck, images)


def _inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _box(shape: object) -> tuple[int, int, int, int]:
    return (shape.left, shape.top, shape.width, shape.height)  # type: ignore[attr-defined]


def test_an_image_fills_the_picture_placeholder_fitted_with_its_aspect(built: Built) -> None:
    template = read_template(built.template)
    slides = Presentation(str(built.path)).slides
    kinds = [laid.kind for laid in built.deck.slides]
    pictures = [(i, s) for i, s in enumerate(slides) if kinds[i] == "image"]
    assert len(pictures) == 2
    for (index, slide), (name, ratio) in zip(
        pictures, (("wide.png", 2.0), ("tall.png", 0.5)), strict=True
    ):
        layout = template.layout(slide.slide_layout.name)
        assert layout is not None
        placeholder = layout.find("pic")
        if (
            template.layout("Picture with Caption") is None
            and template.layout("图片与标题") is None
        ):
            # no picture layout (the LibreOffice re-save): an ordinary picture in the body
            assert placeholder is None
            [picture] = [s for s in slide.shapes if s.shape_type == 13]  # PICTURE
            body = layout.find("body")
            assert body is not None and body.box is not None
            assert _inside(_box(picture), body.box)
        else:
            assert placeholder is not None and placeholder.box is not None
            [picture] = [
                s for s in slide.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.PICTURE
            ]
            assert picture.image.blob == built.images[name]
            assert _inside(_box(picture), placeholder.box)
            assert picture.width / picture.height == pytest.approx(ratio, rel=1e-3)
            # as large as the box allows: it touches two opposite sides
            _, _, pw, ph = placeholder.box
            assert picture.width == pw or picture.height == ph
        assert index in (3, 4)


def test_the_caption_goes_in_the_caption_placeholder(built: Built) -> None:
    slides = Presentation(str(built.path)).slides
    template = read_template(built.template)
    captioned = next(
        s for s in slides if s.shapes.title is not None and s.shapes.title.text == "温州市区划图"
    )
    texts = [s.text_frame.text.replace("\v", "") for s in captioned.shapes if s.has_text_frame]
    assert "温州市行政区划示意图（鹿城、龙湾、瓯海、洞头四区）" in texts
    layout = template.layout(captioned.slide_layout.name)
    assert layout is not None
    if layout.find("pic") is not None:
        [body] = [
            s for s in captioned.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.BODY
        ]
        assert (
            body.text_frame.text.replace("\v", "")
            == "温州市行政区划示意图（鹿城、龙湾、瓯海、洞头四区）"
        )
        plain = next(
            s for s in slides if s.shapes.title is not None and s.shapes.title.text == "高的图"
        )
        kinds = {s.placeholder_format.type for s in plain.placeholders}
        assert PP_PLACEHOLDER.BODY not in kinds  # no caption: the caption placeholder left off


def test_the_date_fills_the_date_placeholder_and_leaves_the_footer(built: Built) -> None:
    template = read_template(built.template)
    has_date = any(ph.type == "dt" for layout in template.layouts for ph in layout.placeholders)
    dated = 0
    for laid, slide in zip(built.deck.slides, Presentation(str(built.path)).slides, strict=True):
        if laid.kind in ("cover", "divider", "closing"):
            continue
        kinds = {s.placeholder_format.type: s for s in slide.placeholders}
        footer = kinds.get(PP_PLACEHOLDER.FOOTER)
        date = kinds.get(PP_PLACEHOLDER.DATE)
        layout = template.layout(slide.slide_layout.name)
        assert layout is not None
        if layout.find("dt") is not None:
            assert date is not None and date.text_frame.text == DATE
            assert footer is not None and footer.text_frame.text == "中共温州市委宣传部"
            dated += 1
        else:  # the date stays in the footer text
            assert date is None
            shown = "".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            assert DATE in shown
    assert (dated > 0) == has_date


def test_no_placeholder_on_a_slide_is_left_empty(built: Built) -> None:
    with zipfile.ZipFile(built.path) as archive:
        names = [
            n for n in archive.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")
        ]
        assert names
        for name in names:
            root = ET.fromstring(archive.read(name))
            for shape in root.iter():
                if shape.tag not in (f"{_P}sp", f"{_P}pic"):
                    continue
                if shape.find(f".//{_P}nvPr/{_P}ph") is None:
                    continue
                if shape.tag == f"{_P}pic":
                    assert shape.find(f".//{_A}blip") is not None, name
                else:
                    text = "".join(t.text or "" for t in shape.iter(f"{_A}t"))
                    assert text.strip(), f"{name}: an empty placeholder shows its prompt"


def test_openxml_audit_finds_no_errors(built: Built) -> None:
    from openxml_audit import validate_pptx

    assert list(validate_pptx(str(built.path)).errors) == []


def test_libreoffice_draws_every_word_inside_its_box(built: Built, tmp_path: Path) -> None:
    pdf = convert_to_pdf(built.path, tmp_path)
    outside = words_outside(built.deck.slides, pdf)
    assert outside == []


def test_the_example_deck_dates_its_slides_in_the_date_placeholder(tmp_path: Path) -> None:
    out = tmp_path / "example.pptx"
    build_file(EXAMPLE, out, template=TEMPLATES / "chinese-red.pptx")
    slides = Presentation(str(out)).slides
    dates = [
        s.text_frame.text
        for slide in slides
        for s in slide.placeholders
        if s.placeholder_format.type == PP_PLACEHOLDER.DATE
    ]
    assert len(dates) > 30 and set(dates) == {DATE}
    footers = [
        s.text_frame.text
        for slide in slides
        for s in slide.placeholders
        if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER
    ]
    assert footers and not any(DATE in text for text in footers)


def test_text_on_a_dark_master_is_made_readable_against_its_real_background(
    tmp_path: Path,
) -> None:
    from briefgen.layout import TextBlock
    from briefgen.theme import contrast_ratio, passes

    with zipfile.ZipFile(TEMPLATES / "default.pptx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    master = parts["ppt/slideMasters/slideMaster1.xml"].decode()
    # a dark master the usual way: its colour map swaps the light and dark scheme colours
    master = master.replace(
        'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"', 'bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"'
    )
    assert 'bg1="dk1"' in master
    parts["ppt/slideMasters/slideMaster1.xml"] = master.encode()
    dark = tmp_path / "dark.pptx"
    with zipfile.ZipFile(dark, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    template = read_template(dark)
    assert {layout.background for layout in template.layouts} == {"000000"}
    loaded = load_outline(EXAMPLE)
    theme = theme_for(loaded, None, dark)
    deck = lay_out(loaded, theme)
    checked = 0
    for slide in deck.slides:
        if slide.kind != "points":
            continue
        assert slide.background == "#000000"
        for block in slide.elements:
            if isinstance(block, TextBlock) and block.placeholder is None and block.role == "body":
                assert contrast_ratio(theme.color(block.color), "000000") >= 4.5, block.text
                checked += 1
    assert checked > 20
    out = tmp_path / "dark-deck.pptx"
    build_file(EXAMPLE, out, template=dark)
    points = [slide.number for slide in deck.slides if slide.kind == "points"]
    written = 0
    with zipfile.ZipFile(out) as archive:
        for number in points:
            root = ET.fromstring(archive.read(f"ppt/slides/slide{number}.xml"))
            for shape in root.iter(f"{_P}sp"):
                label = shape.find(f"{_P}nvSpPr/{_P}cNvPr")
                if label is None or not label.get("name", "").startswith("body "):
                    continue
                for rpr in shape.iter(f"{_A}rPr"):
                    colour = rpr.find(f"{_A}solidFill/{_A}srgbClr")
                    assert colour is not None
                    size, bold = int(rpr.get("sz", "0")) / 100, rpr.get("b") == "1"
                    assert passes(colour.get("val", ""), "000000", size, bold), rpr.attrib
                    written += 1
    assert written > 20


def test_placeholder_text_keeps_the_templates_colour_only_where_it_is_readable(
    tmp_path: Path,
) -> None:
    from briefgen.theme import passes

    template = read_template(TEMPLATES / "default.pptx")
    cover = template.layout("Title Slide")
    assert cover is not None
    colours = {ph.type: ph.color for ph in cover.placeholders}
    # black titles; the subtitle, date, footer and number in tx1 tinted 75 % (#898989)
    assert colours == {
        "ctrTitle": "000000",
        "subTitle": "898989",
        "dt": "898989",
        "ftr": "898989",
        "sldNum": "898989",
    }
    out = tmp_path / "deck.pptx"
    build_file(EXAMPLE, out, template=TEMPLATES / "default.pptx")
    seen: dict[str, set[str]] = {}
    with zipfile.ZipFile(out) as archive:
        for number in (1, 4):  # the cover, a content slide
            root = ET.fromstring(archive.read(f"ppt/slides/slide{number}.xml"))
            for shape in root.iter(f"{_P}sp"):
                ph = shape.find(f".//{_P}nvPr/{_P}ph")
                if ph is None:
                    continue
                for rpr in shape.iter(f"{_A}rPr"):
                    colour = rpr.find(f"{_A}solidFill/{_A}srgbClr")
                    assert colour is not None
                    value = colour.get("val", "")
                    size, bold = int(rpr.get("sz", "0")) / 100, rpr.get("b") == "1"
                    assert passes(value, "FFFFFF", size, bold), (ph.get("type"), value, size)
                    seen.setdefault(ph.get("type", ""), set()).add(value)
    assert seen["ctrTitle"] >= {"000000"} and seen["title"] >= {"000000"}  # the template's
    for kind in ("subTitle", "ftr", "dt", "sldNum"):  # small text: #898989 fails AA there
        assert "898989" not in seen[kind], kind


_CAPTION = st.lists(
    st.sampled_from(
        ["温州市", "行政区划", "示意图", "鹿城、龙湾", "，", "。", "（2020年）", "GDP", "“十四五”"]
    ),
    min_size=1,
    max_size=40,
).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(caption=_CAPTION, wide=st.booleans())
def test_a_caption_of_any_length_stays_in_a_placeholders_box(caption: str, wide: bool) -> None:
    import tempfile

    from briefgen.layout import Picture, TextBlock

    template = read_template(TEMPLATES / "chinese-red.pptx")
    layout = template.layout("图片与标题")
    assert layout is not None
    boxes = {ph.type: ph.box for ph in layout.placeholders}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = (400, 200) if wide else (150, 300)
        Image.new("RGB", size, "#1F5AA0").save(folder / "p.png")
        text = (
            "briefgen: 1\ntitle: 图\nsections:\n  - title: 区划\n    slides:\n"
            f"      - title: 区划图\n        image:\n          path: p.png\n"
            f"          caption: {json.dumps(caption, ensure_ascii=False)}\n"
        )
        (folder / "deck.yaml").write_text(text, encoding="utf-8")
        loaded = load_outline(folder / "deck.yaml")
        deck = lay_out(loaded, theme_for(loaded, None, TEMPLATES / "chinese-red.pptx"))
    [slide] = [s for s in deck.slides if s.kind == "image"]
    [picture] = [e for e in slide.elements if isinstance(e, Picture)]
    assert picture.placeholder == "pic"
    assert _inside(_as_tuple(picture.box), boxes["pic"])  # type: ignore[arg-type]
    [shown] = [e for e in slide.elements if isinstance(e, TextBlock) and e.role == "caption"]
    assert "".join(shown.text.split()) == "".join(caption.split())  # nothing lost
    home = boxes["body"] if shown.placeholder == "body" else boxes["pic"]
    assert home is not None and _inside(_as_tuple(shown.box), home)
    if shown.placeholder is None:  # under the picture, which then ends above it
        assert picture.box.y + picture.box.h <= shown.box.y


def _as_tuple(box: object) -> tuple[int, int, int, int]:
    return tuple(int(getattr(box, k)) for k in ("x", "y", "w", "h"))  # type: ignore[return-value]
