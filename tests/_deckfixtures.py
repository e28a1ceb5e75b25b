"""Session-scoped artifacts for the end-to-end tests, and helpers to read a built deck back.

Maps the example brief and the stress outline (every kind of content too long for one slide)
→ a built deck each (.pptx bytes + its `LaidDeck`) and LibreOffice's PDF of it, each made once
per test session. tests/conftest.py loads this file as a plugin (`pytest_plugins`), so every
module shares the same artifacts. Also here: every text of an outline (`outline_strings`),
the text of a .pptx read back with python-pptx (`read_back`), and hypothesis strategies for
generated outlines (`outline_dicts`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import strategies as st

from briefgen.build import BuildResult, build_file, lay_out, theme_for
from briefgen.districts import expand_outline
from briefgen.layout import LaidDeck, LaidSlide, TableBlock, TextBlock
from briefgen.outline import Outline, load_outline
from briefgen.theme import Theme

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
EXAMPLE_WARNINGS = ("sections[2].slides[3]",)
"""Where the example warns: its 五条实践启示 cards, five across, whose verbatim texts fit only
at the 18 pt minimum (issue 10: every shrink to the minimum is a warning)."""


CARD_TEXT_MINIMUM = "the item texts are shrunk to the minimum"
"""The warning of item cards whose texts fit only at the minimum size (the example's and the
drafted outline's 五条实践启示)."""


def other_warnings(output: str) -> list[str]:
    """The warning lines of `check`/`build` output other than `CARD_TEXT_MINIMUM`'s."""
    return [
        line for line in output.splitlines() if "warning:" in line and CARD_TEXT_MINIMUM not in line
    ]


def warning_paths(warnings: Any) -> tuple[str, ...]:
    """The data paths of a build's warnings, to compare with `EXAMPLE_WARNINGS`."""
    return tuple(w.path for w in warnings)


THEME_4X3 = REPO / "tests" / "fixtures" / "party-red-4x3.yaml"
"""party-red with `slide-size: 4:3`."""
PDF_TOOLS = ("soffice", "pdfinfo", "pdffonts", "pdftotext")

__all__ = [
    "EXAMPLE",
    "PDF_TOOLS",
    "REPO",
    "THEME_4X3",
    "Built",
    "ReadSlide",
    "build",
    "convert_to_pdf",
    "example",
    "example_4x3",
    "example_4x3_pdf",
    "example_pdf",
    "expected_shapes",
    "outline_dicts",
    "outline_strings",
    "read_back",
    "sentence",
    "squash",
    "stress",
    "stress_4x3",
    "stress_4x3_pdf",
    "stress_outline",
    "stress_pdf",
    "write_outline",
]


@dataclass(frozen=True, slots=True)
class Built:
    """One outline built end to end: the file written, its bytes and the deck laid out."""

    path: Path
    data: bytes
    result: BuildResult
    deck: LaidDeck
    theme: Theme
    outline: Outline
    """The outline after variable expansion (what the slides show)."""


def build(outline: Path, out: Path, *, theme: str | None = None) -> Built:
    """`build_file` the outline to `out`, and lay it out once more for the deck's data."""
    result = build_file(outline, out, theme=theme)
    loaded = load_outline(outline)
    chosen = theme_for(loaded, theme)
    deck = lay_out(loaded, chosen)
    return Built(out, out.read_bytes(), result, deck, chosen, expand_outline(loaded))


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example brief built once per session into a private folder."""
    folder = tmp_path_factory.mktemp("example")
    return build(EXAMPLE, folder / "wenzhou-2020-plenum.pptx")


def convert_to_pdf(pptx: Path, folder: Path) -> Path:
    """A .pptx → PDF with LibreOffice (a private profile, 180 s at most).

    Skips when the tools are missing on a developer machine; with CI set they must exist.
    """
    missing = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {', '.join(missing)} are not installed")
        pytest.skip(f"{', '.join(missing)} not installed; CI runs the LibreOffice tests")
    profile = (folder / "lo").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(folder), str(pptx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = folder / f"{pptx.stem}.pdf"
    if not pdf.is_file():
        pytest.fail(f"LibreOffice wrote no PDF for {pptx}")
    return pdf


@pytest.fixture(scope="session")
def example_4x3(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example brief built on 4:3 slides (`THEME_4X3`) once per session."""
    folder = tmp_path_factory.mktemp("example-4x3")
    return build(EXAMPLE, folder / "wenzhou-2020-plenum.pptx", theme=str(THEME_4X3))


@pytest.fixture(scope="session")
def example_4x3_pdf(example_4x3: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 4:3 example deck converted to PDF by LibreOffice, once per session."""
    return convert_to_pdf(example_4x3.path, tmp_path_factory.mktemp("example-4x3-pdf"))


@pytest.fixture(scope="session")
def example_pdf(example: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example deck converted to PDF by LibreOffice, once per session."""
    return convert_to_pdf(example.path, tmp_path_factory.mktemp("example-pdf"))


def sentence(n: int) -> str:
    """A Chinese sentence of about 50 characters with quoted terms, numbered `n`."""
    return f"第{n}条要求是坚持把续写好新时代温州创新史作为践行“两个维护”最直接的体现，推进理念创新和模式创新。"


def stress_outline() -> dict[str, Any]:
    """An outline of content too long for one slide of each kind: lists, items, a point
    longer than a slide, sub-points that make the body shrink, a long table and quote."""
    sentences = [sentence(n) for n in range(1, 41)]
    slides: list[dict[str, Any]] = [
        {"title": "三十条要求", "points": [s * 2 for s in sentences[:30]], "notes": "逐条讲解。"},
        {
            "title": "十四项任务",
            "items": [{"head": f"第{n}项重点任务", "text": sentences[n] * 2} for n in range(14)],
        },
        {"title": "一个超长要点", "points": ["开篇要点", "".join(sentences), "收尾要点"]},
        {
            "title": "略多的子要点",
            "points": [
                {"text": f"第{n}方面的工作要求", "sub": [sentences[n][:30], sentences[n + 1][:30]]}
                for n in range(4)
            ],
        },
        {
            "title": "八项任务卡片",
            "items": [{"head": f"第{n}项重点任务", "text": sentences[n][:40]} for n in range(8)],
        },
        {
            "title": "目标一览",
            "table": {
                "header": ["方面", "目标", "举措"],
                "rows": [
                    [f"第{n}方面", sentences[n][:28], sentences[n + 1][:36]] for n in range(14)
                ],
            },
        },
        {
            "title": "九个提法",
            "terms": [{"term": f"“提法{n}”", "explain": sentences[n][:50]} for n in range(9)],
        },
        {"title": "长篇引文", "quote": {"text": "".join(sentences[:8]), "attribution": "全会公报"}},
        {"title": "讨论题", "questions": [sentences[n][:45] + "？" for n in range(8)]},
    ]
    return {
        "briefgen": 1,
        "title": "分页与缩排压力测试",
        "organiser": "中共××区委宣传部",
        "date": "二〇二〇年十二月",
        "sections": [{"title": "压力测试", "lead": "每种内容都放不下一页", "slides": slides}],
    }


@pytest.fixture(scope="session")
def stress(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`stress_outline()` built once per session."""
    folder = tmp_path_factory.mktemp("stress")
    return build(write_outline(stress_outline(), folder / "stress.yaml"), folder / "stress.pptx")


@pytest.fixture(scope="session")
def stress_4x3(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`stress_outline()` built on 4:3 slides once per session."""
    folder = tmp_path_factory.mktemp("stress-4x3")
    outline = write_outline(stress_outline(), folder / "stress.yaml")
    return build(outline, folder / "stress.pptx", theme=str(THEME_4X3))


@pytest.fixture(scope="session")
def stress_pdf(stress: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stress deck converted to PDF by LibreOffice, once per session."""
    return convert_to_pdf(stress.path, tmp_path_factory.mktemp("stress-pdf"))


@pytest.fixture(scope="session")
def stress_4x3_pdf(stress_4x3: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 4:3 stress deck converted to PDF by LibreOffice, once per session."""
    return convert_to_pdf(stress_4x3.path, tmp_path_factory.mktemp("stress-4x3-pdf"))


def squash(text: str) -> str:
    """Text without any whitespace (spaces, newlines, the vertical tab of a:br)."""
    return "".join(text.split())


def outline_strings(outline: Outline) -> list[tuple[str, str]]:
    """Every text field of an outline as (where, text): what must reach the slides or notes."""
    found: list[tuple[str, str]] = []

    def add(where: str, value: str | None) -> None:
        if value is not None:
            found.append((where, value))

    for key in ("title", "subtitle", "kicker", "meeting", "source", "organiser", "presenter",
                "date", "place", "audience", "closing"):  # fmt: skip
        add(key, getattr(outline, key))
    for s, section in enumerate(outline.sections, start=1):
        add(f"sections[{s}].title", section.title)
        add(f"sections[{s}].lead", section.lead)
        for k, slide in enumerate(section.slides, start=1):
            at = f"sections[{s}].slides[{k}]"
            add(f"{at}.title", slide.title)
            add(f"{at}.notes", slide.notes)
            for p, point in enumerate(slide.points or (), start=1):
                add(f"{at}.points[{p}]", point.text)
                for u, sub in enumerate(point.sub, start=1):
                    add(f"{at}.points[{p}].sub[{u}]", sub)
            for i, item in enumerate(slide.items or (), start=1):
                add(f"{at}.items[{i}].head", item.head)
                add(f"{at}.items[{i}].text", item.text)
            if slide.quote is not None:
                add(f"{at}.quote.text", slide.quote.text)
                add(f"{at}.quote.attribution", slide.quote.attribution)
            for t, term in enumerate(slide.terms or (), start=1):
                add(f"{at}.terms[{t}].term", term.term)
                add(f"{at}.terms[{t}].explain", term.explain)
            for q, question in enumerate(slide.questions or (), start=1):
                add(f"{at}.questions[{q}]", question)
            if slide.table is not None:
                for r, row in enumerate((slide.table.header, *slide.table.rows)):
                    for c, cell in enumerate(row, start=1):
                        add(f"{at}.table[{r}][{c}]", cell)
            if slide.image is not None:
                add(f"{at}.image.caption", slide.image.caption)
    return found


@dataclass(frozen=True, slots=True)
class ReadSlide:
    """One slide as python-pptx reads it: per text shape its paragraphs (a:br read as "\\v")."""

    shapes: tuple[tuple[str, ...], ...]
    """Text boxes and table cells in drawing order; a table gives one entry per cell."""
    body: tuple[tuple[str, ...], ...]
    """The same without the frame (title bar, section label, footer, page number)."""
    notes: str

    @property
    def text(self) -> str:
        """All the slide's text, one paragraph per line."""
        return "\n".join(p for shape in self.shapes for p in shape)


_FRAME = ("title", "section", "footer", "page")


def _read_text(paragraph: Any) -> str:
    """A python-pptx paragraph's text ("\v" for a:br), without the hyphens the layout draws
    where it breaks a word wider than a line: each is a run of its own, "-" before an a:br."""
    from pptx.oxml.ns import qn

    parts: list[str] = []
    children = [c for c in paragraph._p if c.tag in (qn("a:r"), qn("a:br"), qn("a:fld"))]
    for k, child in enumerate(children):
        if child.tag == qn("a:br"):
            parts.append("\v")
            continue
        text = "".join(t.text or "" for t in child.iter(qn("a:t")))
        following = children[k + 1].tag if k + 1 < len(children) else None
        if text == "-" and following == qn("a:br") and parts and parts[-1][-1:].isalnum():
            continue
        parts.append(text)
    return "".join(parts)


def read_back(path: Path) -> list[ReadSlide]:
    """A .pptx → its slides' text and notes, as PowerPoint's object model exposes them."""
    from pptx import Presentation
    from pptx.oxml.ns import qn

    slides: list[ReadSlide] = []
    for slide in Presentation(str(path)).slides:
        shapes: list[tuple[str, ...]] = []
        body: list[tuple[str, ...]] = []
        for shape in slide.shapes:
            if shape.has_table:
                cells = [
                    tuple(_read_text(p) for p in cell.text_frame.paragraphs)
                    for row in shape.table.rows
                    for cell in row.cells
                ]
                shapes.extend(cells)
                body.extend(cells)
            elif shape.element.find(qn("p:txBody")) is not None:
                paragraphs = tuple(_read_text(p) for p in shape.text_frame.paragraphs)
                shapes.append(paragraphs)
                if shape.name.split()[0] not in _FRAME:
                    body.append(paragraphs)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(ReadSlide(tuple(shapes), tuple(body), notes))
    return slides


def expected_shapes(slide: LaidSlide) -> list[tuple[str, ...]]:
    """What `read_back` must find for a laid-out slide: lines joined by "\\v", an ordinal
    bullet ("一是", "1.") as the paragraph's first run, a one-character bullet as a bullet."""
    out: list[tuple[str, ...]] = []
    for element in slide.elements:
        if isinstance(element, TextBlock):
            out.append(
                tuple(
                    (p.bullet if p.bullet and len(p.bullet) > 1 else "") + "\v".join(p.lines)
                    for p in element.paragraphs
                )
            )
        elif isinstance(element, TableBlock):
            for row in (element.header, *element.rows):
                out.extend(("\v".join(cell.drawn),) for cell in row)
    return out


def write_outline(data: dict[str, Any], path: Path) -> Path:
    """An outline mapping → a YAML file (UTF-8, keys in order, long lines kept whole)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- generated outlines

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_ASCII = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_PUNCT = st.sampled_from("，。、；：？！“”‘’（）《》【】…—·%-.,:;!?()")
_CHAR = st.one_of(_CJK, _CJK, _CJK, _ASCII, _PUNCT, st.just(" "))


def _text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Random CJK/ASCII/punctuation text with at least one visible character."""
    return st.text(_CHAR, min_size=min_size, max_size=max_size).filter(lambda t: t.strip() != "")


_SHORT = _text(1, 24)
_LINE = _text(1, 60)
_LONG = _text(300, 800)


@st.composite
def _point(draw: st.DrawFn, long: bool = True) -> str | dict[str, Any]:
    text = draw(_LONG if long and draw(st.integers(0, 5)) == 0 else _LINE)
    subs = draw(st.lists(_LINE, max_size=3))
    return {"text": text, "sub": subs} if subs else text


@st.composite
def _slide(draw: st.DrawFn) -> dict[str, Any]:
    slide: dict[str, Any] = {"title": draw(_SHORT)}
    if draw(st.booleans()):
        slide["notes"] = draw(st.text(_CHAR | st.just("\n"), min_size=1, max_size=200))
    kind = draw(st.sampled_from(("points", "points", "items", "quote", "terms", "questions",
                                 "table")))  # fmt: skip
    if kind == "points":
        count = draw(st.sampled_from((1, 3, 6, 15, 18)))
        slide["points"] = draw(st.lists(_point(), min_size=count, max_size=count))
    elif kind == "items":
        items = draw(st.lists(st.fixed_dictionaries({"head": _SHORT}, optional={"text": _LINE}),
                              min_size=1, max_size=14))  # fmt: skip
        slide["items"] = items
        slide["ordinal"] = draw(st.sampled_from(("是", "要", "、", "第", "（）")))
    elif kind == "quote":
        slide["quote"] = draw(
            st.fixed_dictionaries(
                {"text": st.one_of(_LINE, _LONG)}, optional={"attribution": _SHORT}
            )
        )
    elif kind == "terms":
        slide["terms"] = draw(st.lists(
            st.fixed_dictionaries({"term": _SHORT}, optional={"explain": _LINE}),
            min_size=1, max_size=9,
        ))  # fmt: skip
    elif kind == "questions":
        slide["questions"] = draw(st.lists(_LINE, min_size=1, max_size=8))
    else:
        columns = draw(st.integers(1, 4))
        row = st.lists(_SHORT, min_size=columns, max_size=columns)
        slide["table"] = {"header": draw(row), "rows": draw(st.lists(row, min_size=1, max_size=14))}
    return slide


@st.composite
def _long_list(draw: st.DrawFn) -> dict[str, Any]:
    """A points slide with 15 to 18 points, one of them 300 to 800 characters long."""
    points = draw(st.lists(_point(long=False), min_size=14, max_size=17))
    points.insert(draw(st.integers(0, len(points))), draw(_LONG))
    return {"title": draw(_SHORT), "points": points}


@st.composite
def outline_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A random valid outline (every content kind but image) as a YAML-ready mapping.

    Each has one long list (15+ points, one of 300–800 characters) among its slides.
    """
    data: dict[str, Any] = {"briefgen": 1, "title": draw(_SHORT)}
    for key in ("subtitle", "kicker", "meeting", "source", "organiser", "presenter", "date",
                "place", "audience", "closing"):  # fmt: skip
        if draw(st.booleans()):
            data[key] = draw(_SHORT)
    sections = []
    for _ in range(draw(st.integers(1, 3))):
        section: dict[str, Any] = {"title": draw(_SHORT)}
        if draw(st.booleans()):
            section["lead"] = draw(_LINE)
        section["slides"] = draw(st.lists(_slide(), min_size=1, max_size=3))
        sections.append(section)
    slides = sections[draw(st.integers(0, len(sections) - 1))]["slides"]
    slides.insert(draw(st.integers(0, len(slides))), draw(_long_list()))
    data["sections"] = sections
    return data
