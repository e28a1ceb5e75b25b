"""Decks built on a department's template (.pptx/.potx): read, mapped, written and rendered.

The templates are made by tests/fixtures/templates/make.py from python-pptx's default: the
default itself, the same re-saved by LibreOffice (idx dropped, layouts renamed), a 16:9 one
with Chinese layout names and a red master with a drawn header band and a logo, a .potx, and
one with only two layouts. The example brief is built on each: openxml-audit finds no error,
the template's masters, layouts, themes and media are in the deck byte for byte, no sample
slide or orphan part is left, titles fill the title placeholders by type, every run still
names latin + ea + zh-CN, and LibreOffice draws every word inside its box.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import EXAMPLE, convert_to_pdf
from test_overflow_pdf import pdf_words, words_outside

from briefgen.build import build_file, lay_out, theme_for
from briefgen.errors import BriefgenError
from briefgen.layout import EMU_PER_PT, LaidDeck
from briefgen.outline import load_outline
from briefgen.readers import ROLES, TemplateError, map_roles, read_template

TEMPLATES = Path(__file__).parent / "fixtures" / "templates"
NAMES = [
    "default.pptx",
    "libreoffice.pptx",
    "chinese-red.pptx",
    "template.potx",
    "few-layouts.pptx",
]
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@dataclass(frozen=True, slots=True)
class OnTemplate:
    """The example built on one template: the file, its bytes and the deck laid out."""

    template: Path
    path: Path
    data: bytes
    deck: LaidDeck
    warnings: tuple[str, ...]


@pytest.fixture(scope="module", params=NAMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> OnTemplate:
    template = TEMPLATES / request.param
    out = tmp_path_factory.mktemp("on-template") / f"{template.stem}.pptx"
    result = build_file(EXAMPLE, out, template=template)
    loaded = load_outline(EXAMPLE)
    deck = lay_out(loaded, theme_for(loaded, None, template))
    return OnTemplate(template, out, out.read_bytes(), deck, tuple(str(w) for w in result.warnings))


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --- reading and mapping ------------------------------------------------------------------


def test_the_default_template_maps_every_role_by_layout_type() -> None:
    template = read_template(TEMPLATES / "default.pptx")
    assert (template.aspect, template.potx, template.sample_slides) == (
        "4:3",
        False,
        ("ppt/slides/slide1.xml",),
    )
    roles = map_roles(template)
    chosen = {c.role: (c.layout.name if c.layout else None) for c in roles.choices}
    assert chosen == {
        "cover": "Title Slide",
        "agenda": "Title and Content",
        "divider": "Section Header",
        "content": "Title and Content",
        "image": "Picture with Caption",
        "quote": "Title Only",
        "closing": "Title Slide",
    }
    assert all("layout type" in c.reason for c in roles.choices)
    assert roles.warnings == ()


def test_a_libreoffice_resave_is_matched_by_name_and_placeholders_without_idx() -> None:
    template = read_template(TEMPLATES / "libreoffice.pptx")
    assert "LibreOffice" in template.application
    content = template.layout("Title, Content")
    assert content is not None
    body = content.find("body")
    assert body is not None and body.idx is None  # LibreOffice dropped it
    roles = map_roles(template)
    cover = next(c for c in roles.choices if c.role == "cover")
    assert cover.layout is not None and cover.layout.name == "Title Slide"
    assert cover.reason == "known layout name 'Title Slide'"  # its type is `tx`, not `title`


def test_chinese_layout_names_and_the_theme_fonts_are_read() -> None:
    template = read_template(TEMPLATES / "chinese-red.pptx")
    assert template.aspect == "16:9"
    assert [layout.name for layout in template.layouts][:3] == [
        "标题幻灯片",
        "标题和内容",
        "节标题",
    ]
    assert template.fonts.minor_ea == "Noto Sans CJK SC"
    assert template.color("accent1") == "B00000"
    default = read_template(TEMPLATES / "default.pptx")
    assert default.fonts.major_ea == "宋体"  # the empty a:ea resolved through the Hans font


def test_roles_without_a_layout_are_drawn_with_a_warning_listing_the_layouts() -> None:
    roles = map_roles(read_template(TEMPLATES / "few-layouts.pptx"))
    missing = [c.role for c in roles.choices if c.layout is None]
    assert missing == ["cover", "agenda", "divider", "content", "image", "closing"]
    image = next(c for c in roles.choices if c.role == "image")
    assert image.reason == "no picture layout: as the content slides"
    missing.remove("image")  # it goes as content does; the content warning covers it
    assert roles.fallback.name == "Blank"
    assert len(roles.warnings) == len(missing)
    for role, warning in zip(missing, roles.warnings, strict=True):
        assert f"no layout for the {role} slides" in warning.message
        assert "Title Only (titleOnly), Blank (blank)" in warning.message


def test_the_explicit_layouts_map_wins() -> None:
    template = read_template(TEMPLATES / "default.pptx")
    roles = map_roles(template, {"content": "Two Content"})
    content = roles.layout("content")
    assert content is not None and content.name == "Two Content"
    with pytest.raises(TemplateError) as caught:
        map_roles(template, {"divider": "Section Headr"})
    message = str(caught.value.diagnostics[0])
    assert "has no layout named 'Section Headr'" in message
    assert "Did you mean 'Section Header'?" in message
    assert "Title Slide (title)" in message


# --- the decks built on each template -------------------------------------------------------


def test_openxml_audit_finds_no_errors(built: OnTemplate) -> None:
    from openxml_audit import validate_pptx

    result = validate_pptx(str(built.path))
    assert list(result.errors) == []


def test_masters_layouts_themes_and_media_are_kept_byte_for_byte(built: OnTemplate) -> None:
    deck = _zip(built.data)
    template = _zip(built.template.read_bytes())
    kept = [
        name
        for name in template
        if re.match(r"ppt/(slideMasters|slideLayouts|theme|media)/", name)
        and (name.startswith("ppt/theme/") or name in deck)
    ]
    masters = [name for name in kept if name.startswith("ppt/slideMasters/")]
    assert masters, "the template has a master"
    for name in kept:
        if name.startswith("ppt/theme/") and name not in deck:
            continue  # a theme of the template's own notes master, which is not kept
        assert deck[name] == template[name], name


def test_sample_slides_are_removed_and_no_part_is_orphaned(built: OnTemplate) -> None:
    parts = _zip(built.data)
    slides = [n for n in parts if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slides) == len(built.deck.slides)
    for slide_name in slides:  # only briefgen's slides: none says 示例幻灯片
        assert "示例幻灯片".encode() not in parts[slide_name]
    reached = {"[Content_Types].xml", "_rels/.rels"}
    todo = ["_rels/.rels"]
    while todo:
        rels = todo.pop()
        folder = posixpath.dirname(posixpath.dirname(rels))
        for rel in ET.fromstring(parts[rels]).iter(f"{_REL}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            assert target in parts, f"{rels} points to a missing {target}"
            if target not in reached:
                reached.add(target)
                own = posixpath.join(
                    posixpath.dirname(target), "_rels", posixpath.basename(target) + ".rels"
                )
                if own in parts:
                    reached.add(own)
                    todo.append(own)
    assert set(parts) - reached == set()
    types = ET.fromstring(parts["[Content_Types].xml"])
    overrides = {
        o.get("PartName", "")[1:]: o.get("ContentType") for o in types.iter(f"{_CT}Override")
    }
    assert all(name in parts for name in overrides)
    assert overrides["ppt/presentation.xml"].endswith("presentation.main+xml")  # .potx too


def test_the_slide_size_is_the_templates(built: OnTemplate) -> None:
    template = read_template(built.template)
    presentation = ET.fromstring(_zip(built.data)["ppt/presentation.xml"])
    size = presentation.find(f"{_P}sldSz")
    assert size is not None
    assert (int(size.get("cx", 0)), int(size.get("cy", 0))) == (template.width, template.height)
    assert (built.deck.width, built.deck.height) == (template.width, template.height)


def test_titles_fill_the_title_placeholder_by_type_and_runs_name_every_face(
    built: OnTemplate,
) -> None:
    from pptx import Presentation

    prs = Presentation(str(built.path))
    roles = map_roles(read_template(built.template))
    filled = 0
    for laid, slide in zip(built.deck.slides, prs.slides, strict=True):
        if laid.kind not in ("points", "items", "terms", "questions", "table"):
            continue
        if roles.layout("content") is None:
            assert slide.shapes.title is None  # drawn on the blank layout
            continue
        title = slide.shapes.title
        assert title is not None, laid.title
        assert title.text_frame.text.replace("\v", "") == laid.title
        filled += 1
    if roles.layout("content") is not None:
        assert filled > 10
    for name, data in _zip(built.data).items():
        if not re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
            continue
        for rpr in ET.fromstring(data).iter(f"{_A}rPr"):
            assert rpr.get("lang") == "zh-CN", name
            assert rpr.find(f"{_A}latin") is not None and rpr.find(f"{_A}ea") is not None, name
            assert rpr.find(f"{_A}ea").get("typeface"), name  # type: ignore[union-attr]


def test_the_warnings_name_the_missing_roles(built: OnTemplate) -> None:
    choices = map_roles(read_template(built.template)).choices
    drawn = [c.role for c in choices if c.layout is None and c.role != "image"]
    for role in drawn:
        assert any(f"no layout for the {role} slides" in w for w in built.warnings)


def test_builds_on_a_template_are_reproducible(built: OnTemplate, tmp_path: Path) -> None:
    again = tmp_path / "again.pptx"
    build_file(EXAMPLE, again, template=built.template)
    assert again.read_bytes() == built.data


def test_libreoffice_draws_every_word_inside_its_box(built: OnTemplate, tmp_path: Path) -> None:
    pdf = convert_to_pdf(built.path, tmp_path)
    outside = words_outside(built.deck.slides, pdf)
    # the template's own texts (none here: its sample slide is gone) would be listed too
    assert outside == []
    width = pdf_words(pdf)[0][0][0]
    assert width == pytest.approx(built.deck.width / EMU_PER_PT, abs=0.5)


# --- errors -------------------------------------------------------------------------------


def test_a_file_that_is_not_a_template_is_refused_by_name(tmp_path: Path) -> None:
    fake = tmp_path / "单位模板.pptx"
    fake.write_text("not a zip")
    with pytest.raises(TemplateError) as caught:
        read_template(fake)
    problem = caught.value.diagnostics[0]
    assert problem.file == str(fake) and "not a zip" in problem.message
    docx = tmp_path / "模板.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(TemplateError, match=r"\.pptx or \.potx"):
        read_template(docx)


def test_a_template_without_layouts_is_an_error(tmp_path: Path) -> None:
    source = _zip((TEMPLATES / "few-layouts.pptx").read_bytes())
    master = source["ppt/slideMasters/slideMaster1.xml"].decode()
    master = re.sub(r"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", "", master, flags=re.S)
    empty = tmp_path / "empty.pptx"
    with zipfile.ZipFile(empty, "w") as archive:
        for name, data in source.items():
            archive.writestr(name, master.encode() if name.endswith("slideMaster1.xml") else data)
    with pytest.raises(TemplateError, match="has no slide layouts"):
        map_roles(read_template(empty))


def test_a_wrong_layouts_entry_is_reported_at_its_line(tmp_path: Path) -> None:
    theme = tmp_path / "dept.yaml"
    theme.write_text(
        "briefgen-theme: 1\nextends: party-red\nname: dept\n"
        f"template: {TEMPLATES / 'chinese-red.pptx'}\nlayouts:\n  content: 标题与内容\n",
        encoding="utf-8",
    )
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the last good deck")
    with pytest.raises(BriefgenError) as caught:
        build_file(EXAMPLE, out, theme=str(theme))
    problem = caught.value.diagnostics[0]
    assert (problem.file, problem.line) == (str(theme), 6)
    assert "Did you mean '标题和内容'?" in problem.message
    assert out.read_bytes() == b"the last good deck"  # nothing half-written


def test_a_broken_template_leaves_the_last_deck_alone(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pptx"
    broken.write_bytes((TEMPLATES / "default.pptx").read_bytes()[:5000])
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the last good deck")
    with pytest.raises(TemplateError):
        build_file(EXAMPLE, out, template=broken)
    assert out.read_bytes() == b"the last good deck"


def test_a_template_named_in_the_outline_is_relative_to_it(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    outline = tmp_path / "brief.yaml"
    outline.write_text(
        re.sub(r"^theme:.*$", "", text, flags=re.M).replace(
            "title:", "template: missing.potx\ntitle:", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(BriefgenError) as caught:
        build_file(outline, tmp_path / "deck.pptx")
    problem = caught.value.diagnostics[0]
    assert problem.file == str(outline) and problem.line is not None
    assert "relative to the outline's folder" in problem.message


# --- inspect --------------------------------------------------------------------------------


def test_inspect_json_and_the_written_map_round_trip(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefgen.cli import app

    runner = CliRunner()
    template = TEMPLATES / "libreoffice.pptx"
    shown = runner.invoke(app, ["template", "inspect", str(template), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    report = json.loads(shown.stdout)
    assert report["slide_size"]["aspect"] == "4:3"
    assert set(report["roles"]) == set(ROLES)
    assert any("LibreOffice" in sign for sign in report["warnings"])
    assert report["sample_slides"] == ["ppt/slides/slide1.xml"]
    title = report["layouts"][1]["placeholders"][0]
    assert title["type"] == "title" and title["idx"] is None and len(title["box_cm"]) == 4
    theme = tmp_path / "dept.yaml"
    written = runner.invoke(app, ["template", "inspect", str(template), "--write-map", str(theme)])
    assert written.exit_code == 0, written.output
    assert "layouts:" in theme.read_text(encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = build_file(EXAMPLE, out, theme=str(theme))
    assert result.slides > 40
    from pptx import Presentation

    layouts = {slide.slide_layout.name for slide in Presentation(str(out)).slides}
    assert layouts == {report["roles"][role]["layout"] for role in ROLES} - {None} | (
        {"Title, Content"}
    )


def test_inspect_text_names_layouts_roles_and_signs() -> None:
    from typer.testing import CliRunner

    from briefgen.cli import app

    shown = CliRunner().invoke(
        app, ["template", "inspect", str(TEMPLATES / "few-layouts.pptx")], env={"COLUMNS": "160"}
    )
    assert shown.exit_code == 0, shown.output
    for text in ("Title Only", "titleOnly", "drawn by briefgen on Blank", "divider, content and"):
        assert text in shown.output


def test_the_templates_faces_are_the_office_set(tmp_path: Path) -> None:
    loaded = load_outline(EXAMPLE)
    template = TEMPLATES / "default.pptx"
    portable = theme_for(loaded, None, template)
    assert portable.face("sans").ea == "Noto Sans CJK SC"  # measured and drawn alike anywhere
    office = theme_for(loaded, "party-red-office", template)
    assert (office.face("sans").latin, office.face("sans").ea) == ("Calibri", "宋体")
    out = tmp_path / "office.pptx"
    build_file(EXAMPLE, out, theme="party-red-office", template=template)
    slide = _zip(out.read_bytes())["ppt/slides/slide4.xml"].decode()
    assert '<a:latin typeface="Calibri"/><a:ea typeface="宋体"/>' in slide


# --- batch ----------------------------------------------------------------------------------


def test_a_batch_on_a_template_is_incremental_on_the_templates_bytes(tmp_path: Path) -> None:
    import shutil

    from test_batch import OUTLINE, ROSTER, write

    from briefgen.build import run_batch

    outline = write(tmp_path, "outline.yaml", OUTLINE)
    roster = write(tmp_path, "roster.yaml", ROSTER)
    template = tmp_path / "dept.pptx"
    shutil.copy(TEMPLATES / "chinese-red.pptx", template)
    out = tmp_path / "out"
    first = run_batch(outline, roster, out, jobs=1, template=template)
    assert [r.status for r in first.results] == ["built"] * 3
    decks = {p.name: p.read_bytes() for p in out.glob("*.pptx")}
    layouts = {
        s.slide_layout.name
        for s in __import__("pptx").Presentation(str(out / "鹿城区.pptx")).slides
    }
    assert "标题和内容" in layouts
    again = run_batch(outline, roster, out, jobs=1, template=template)
    assert [r.status for r in again.results] == ["unchanged"] * 3
    without = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in without.results] == ["built"] * 3
    run_batch(outline, roster, out, jobs=1, template=template)
    assert {p.name: p.read_bytes() for p in out.glob("*.pptx")} == decks  # reproducible
    shutil.copy(TEMPLATES / "default.pptx", template)  # same path, other bytes
    changed = run_batch(outline, roster, out, jobs=1, template=template)
    assert [r.status for r in changed.results] == ["built"] * 3


def test_preview_and_batch_take_the_template_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefgen.cli import app

    runner = CliRunner()
    template = str(TEMPLATES / "template.potx")
    shown = runner.invoke(app, ["preview", str(EXAMPLE), "--all", "--template", template])
    assert shown.exit_code == 0, shown.output
    assert "会议基本情况" in shown.stdout
    copy = tmp_path / "dept.pptx"
    copy.write_bytes((TEMPLATES / "default.pptx").read_bytes())
    refused = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(copy), "--template", str(copy)])
    assert refused.exit_code == 1
    assert "the output is the template" in refused.output
    assert copy.read_bytes() == (TEMPLATES / "default.pptx").read_bytes()


def test_a_template_named_in_a_theme_is_relative_to_the_theme_file(tmp_path: Path) -> None:
    from pptx import Presentation

    folder = tmp_path / "宣传部"
    folder.mkdir()
    (folder / "模板.pptx").write_bytes((TEMPLATES / "chinese-red.pptx").read_bytes())
    theme = folder / "宣传部.yaml"
    theme.write_text(
        "briefgen-theme: 1\nextends: party-red\nname: dept\ntemplate: 模板.pptx\n"
        "layouts:\n  quote: 标题和内容\n",
        encoding="utf-8",
    )
    out = tmp_path / "deck.pptx"
    build_file(EXAMPLE, out, theme=str(theme))
    slides = Presentation(str(out)).slides
    assert slides[0].slide_layout.name == "标题幻灯片"
    deck = lay_out(load_outline(EXAMPLE), theme_for(load_outline(EXAMPLE), str(theme)))
    quotes = [i for i, s in enumerate(deck.slides) if s.kind == "quote"]
    assert quotes and all(slides[i].slide_layout.name == "标题和内容" for i in quotes)


def test_the_templates_colours_fill_the_roles_a_user_theme_does_not_set(tmp_path: Path) -> None:
    loaded = load_outline(EXAMPLE)
    red = TEMPLATES / "chinese-red.pptx"
    theme = theme_for(loaded, None, red)
    assert (theme.color("primary"), theme.color("accent")) == ("B00000", "C8102E")
    own = tmp_path / "own.yaml"
    own.write_text(
        'briefgen-theme: 1\nextends: party-red\nname: own\ncolors:\n  primary: "#1F3A93"\n',
        encoding="utf-8",
    )
    mine = theme_for(loaded, str(own), red)
    assert mine.color("primary") == "1F3A93"  # set in the user's file: kept
    assert mine.color("accent") == "C8102E"  # set only by the built-in party-red: the template's
    blue = theme_for(loaded, None, TEMPLATES / "default.pptx")
    assert blue.color("primary") == "A40000"  # white on 4F81BD is 3.9:1, under AA: kept
