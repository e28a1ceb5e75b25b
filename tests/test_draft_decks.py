"""`briefgen draft` gives a deck a trainer can build from (issue 15): one section per theme,
short verbatim points, implicit frameworks as items, terms explained, credits kept off the
slides; every draft passes `check --source` and builds with no word outside its box in
LibreOffice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from _deckfixtures import Built, build, convert_to_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_overflow_pdf import words_outside
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.draft import draft_file, draft_outline, key_only
from briefgen.outline._loader import LoadedOutline, load_outline
from briefgen.outline._source import parse_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "draft"
WENZHOU = Path(__file__).parents[1].parent / "shared" / "source" / "wenzhou-plenum-2020.txt"

EXPECTED: dict[str, tuple[list[str], dict[str, int]]] = {
    # a national plenary communiqué: 全会提出，… twelve times, a 这就是：…；… list of five
    # 必须坚持…, and a 坚持… series of four under a lead-in that says 五项原则
    "national-plenum": (
        ["会议概况", "工作总结与启示", "形势判断", "目标任务", "党的建设", "号召", "关键提法"],
        {"一年来的实践给我们深刻启示": 5, "十二个方面的重点任务": 12, "目标任务": 4},
    ),
    # a county report with its own headings 一、… 四、: they are the sections
    "county-plenum": (
        [
            "会议概况",
            "过去一年工作回顾",
            "当前形势分析",
            "今年重点任务",
            "加强党的建设",
            "关键提法",
        ],
        {"当前形势分析": 3, "四个方面工作": 4, "四个坚持": 4},
    ),
    # a news report with a dateline, photo credits, a caption, an editor line and （完）
    "photo-credits": (
        ["会议概况", "形势判断", "目标任务", "关键提法"],
        {"全力打造“南湖服务”品牌": 3},
    ),
}
CREDIT = re.compile(r"摄|记者|编辑|来源|新华社|（完）|\d+月\d+日电")
DATE_TITLE = re.compile(r"\d{4}年|\d+月\d+日|举行$|召开$")


def drafted(path: Path, folder: Path) -> tuple[LoadedOutline, str]:
    """Draft `path` into `folder`; the outline as `check` loads it, and the YAML text."""
    report = draft_file(path, folder / f"{path.stem}.yaml")
    assert report.path is not None
    return load_outline(report.path), report.result.yaml_text


def texts() -> list[Path]:
    found = [FIXTURES / f"{name}.txt" for name in EXPECTED]
    return [*found, WENZHOU] if WENZHOU.is_file() else found


def source_sentences(text: str) -> list[str]:
    """The text's sentences, split at 。！？ and line ends independently of the drafter."""
    return [
        p.strip()
        for line in text.splitlines()
        for p in re.split(r"(?<=[。！？])", line)
        if p.strip()
    ]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections_and_frameworks(name: str, tmp_path: Path) -> None:
    loaded, _ = drafted(FIXTURES / f"{name}.txt", tmp_path)
    sections, frameworks = EXPECTED[name]
    assert [s.title for s in loaded.outline.sections] == sections
    found = {slide.title: len(slide.items) for _, slide in loaded.outline.slides() if slide.items}
    assert found == frameworks


def test_national_task_list_heads_are_the_paragraph_openings(tmp_path: Path) -> None:
    loaded, yaml_text = drafted(FIXTURES / "national-plenum.txt", tmp_path)
    text = (FIXTURES / "national-plenum.txt").read_text("utf-8")
    expected = re.findall(r"^全会提出，([^，]+)，", text, re.MULTILINE)
    (slide,) = [s for _, s in loaded.outline.slides() if s.title == "十二个方面的重点任务"]
    assert [i.head for i in slide.items or ()] == expected
    assert all(i.text is None for i in slide.items or ())  # twelve: heads only, on one slide
    notes = (slide.notes or "").splitlines()  # the lead-in that names the count, and the twelve
    assert len(notes) == 13 and "十二个方面" in notes[0] and notes[1].startswith("全会提出，")
    assert "REVIEW: implicit list: 12 paragraphs in a row opening with 全会提出" in yaml_text
    # the 坚持… series under 五项原则 has four: noted for review, and the title names no count
    assert "REVIEW: the text says 五项原则 (5) but 4 items were found" in yaml_text


@pytest.mark.parametrize("path", texts(), ids=lambda p: p.stem)
def test_trainer_ready_draft(path: Path, tmp_path: Path) -> None:
    loaded, yaml_text = drafted(path, tmp_path)
    text = path.read_text("utf-8")
    source = key_only(text)
    outline = loaded.outline
    titles = [s.title for s in outline.sections]
    assert len(titles) <= 8 and len(set(titles)) == len(titles)
    slide_titles = [slide.title for _, slide in outline.slides()]
    assert len(set(slide_titles)) == len(slide_titles)
    notes: list[str] = []
    for section, slide in outline.slides():
        assert not CREDIT.search(slide.title) and not DATE_TITLE.search(slide.title), slide.title
        assert not slide.title.endswith("的"), slide.title
        for point in slide.points or ():
            assert 1 <= len(point.text) <= 50, point.text
            assert key_only(point.text) in source, point.text
            assert not CREDIT.search(point.text), point.text
        for item in slide.items or ():
            assert key_only(item.head) in source and len(item.text or "") <= 50
            assert item.text is None or key_only(item.text) in source
        for term in slide.terms or ():
            assert term.explain and len(term.explain) <= 60 and key_only(term.explain) in source
            assert term.term in term.explain
        if section.title != "关键提法":
            notes.extend(key_only(line) for line in (slide.notes or "").splitlines())
    meta = {key_only(line) for line in (outline.source or "").split("；")}
    for sentence in source_sentences(text):
        wanted = key_only(sentence)
        placed = any(wanted in n for n in notes) or any(wanted in m for m in meta)
        heading = any(  # 一、过去一年工作回顾 → the section 过去一年工作回顾
            wanted.endswith(key_only(t)) and len(wanted) - len(t) <= 2 for t in titles
        )
        assert placed or heading or wanted in key_only(outline.title), sentence
    # every drafted content title says it is the drafter's guess
    slide_blocks = [b for b in yaml_text.split("\n\n") if "\n      - title: " in b]
    assert len(slide_blocks) == len(slide_titles)
    for block in slide_blocks:
        if "\n        terms:" not in block:
            assert "# REVIEW: title" in block, block[:200]


@pytest.mark.parametrize("path", texts(), ids=lambda p: p.stem)
def test_check_source_passes(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    runner = CliRunner()
    assert runner.invoke(app, ["draft", str(path), "-o", str(out)]).exit_code == 0
    checked = runner.invoke(app, ["check", str(out), "--source", str(path)])
    assert checked.exit_code == 0, checked.output
    # every quotation is verbatim: --source adds nothing to what plain check (and build) say,
    # which may include layout notices such as a slide continued onto a second page
    plain = runner.invoke(app, ["check", str(out)])
    assert checked.output == plain.output
    from briefgen.outline import load_outline

    assert load_outline(out).warnings == ()  # and the outline itself draws no lint warning


def test_credits_and_datelines_go_to_source(tmp_path: Path) -> None:
    loaded, _ = drafted(FIXTURES / "photo-credits.txt", tmp_path)
    source = loaded.outline.source or ""
    for credit in ("新华社记者 刘洋 摄", "南湖日报记者 陈晨 摄", "【编辑：周玲】", "（完）"):
        assert credit in source
    first = loaded.outline.sections[0].slides[0]
    assert first.notes is not None and first.notes.startswith("新华社南湖3月4日电（记者 王明）")
    assert first.points is not None and first.points[0].text.startswith("3月4日")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_other_encodings_draft_alike(encoding: str, tmp_path: Path) -> None:
    text = (FIXTURES / "national-plenum.txt").read_text("utf-8")
    path = tmp_path / "national-plenum.txt"
    path.write_bytes(text.encode(encoding))
    report = draft_file(path, tmp_path / "out.yaml")
    reference = draft_outline(text, name="national-plenum", source_name="national-plenum.txt")
    assert report.result.yaml_text == reference.yaml_text


# --- generated communiqués -------------------------------------------------------------------

_LEADS = ["全会认为，", "全会指出，", "全会强调，", "全会提出，", "会议要求，", "全会号召，", ""]
_OPENINGS = ["坚持", "要", "加快", "推进", "深化", "以", "着力", "统筹", ""]
_HAN = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2, max_size=30)


@st.composite
def _clause(draw: st.DrawFn) -> str:
    body = draw(st.sampled_from(_OPENINGS)) + draw(_HAN)
    if draw(st.booleans()):
        body += "“" + draw(_HAN.filter(lambda t: len(t) <= 10)) + "”" + draw(_HAN)
    return body


@st.composite
def _communique(draw: st.DrawFn) -> str:
    paragraphs = ["某县委全体会议举行"]
    for _ in range(draw(st.integers(1, 14))):
        sentences = []
        for _ in range(draw(st.integers(1, 4))):
            clauses = draw(st.lists(_clause(), min_size=1, max_size=7))
            sentences.append("，".join(clauses) + draw(st.sampled_from(["。", "；", "！"])))
        paragraphs.append(draw(st.sampled_from(_LEADS)) + "".join(sentences))
    return "\n".join(paragraphs) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_communique())
def test_generated_communiques_draft_short_verbatim_points(text: str) -> None:
    data, _ = parse_yaml(draft_outline(text, name="generated").yaml_text, "generated.yaml")
    source = key_only(text)
    sections: list[dict[str, Any]] = data["sections"]
    titles = [s["title"] for s in sections]
    assert len(set(titles)) == len(titles) <= 8
    notes = [key_only(sl.get("notes", "")) for s in sections for sl in s["slides"]]
    for sentence in source_sentences(text)[1:]:  # after the headline: all in some notes
        assert any(key_only(sentence) in n for n in notes), sentence
    for section in sections:
        for slide in section["slides"]:
            for point in slide.get("points", []):
                assert isinstance(point, str) and 1 <= len(point) <= 50, point
                assert key_only(point) in source
            for term in slide.get("terms", []):
                assert len(term["explain"]) <= 60 and key_only(term["explain"]) in source


# --- LibreOffice: every word inside its box --------------------------------------------------


@pytest.fixture(scope="module", params=texts(), ids=lambda p: p.stem)
def built_draft(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Built, Path]:
    """A text drafted, the draft built unedited, and LibreOffice's PDF of the deck."""
    path: Path = request.param
    folder = tmp_path_factory.mktemp(f"draft-{path.stem}")
    report = draft_file(path, folder / f"{path.stem}.yaml")
    assert report.path is not None
    built = build(report.path, folder / f"{path.stem}.pptx")
    return built, convert_to_pdf(built.path, folder)


def test_drafted_decks_keep_every_word_in_its_box(built_draft: tuple[Built, Path]) -> None:
    built, pdf = built_draft
    outside = words_outside(built.deck.slides, pdf)
    assert outside == []


def test_a_rules_file_sets_the_bullet_length(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("points:\n  max_chars: 20\n  per_slide: 3\n", encoding="utf-8")
    path = FIXTURES / "national-plenum.txt"
    report = draft_file(path, tmp_path / "short.yaml", rules=rules)
    assert report.path is not None
    points = [
        (slide.title, p.text)
        for _, slide in load_outline(report.path).outline.slides()
        for p in slide.points or ()
    ]
    assert points and all(len(text) <= 20 for _, text in points)
    per_slide = [sum(1 for t, _ in points if t == title) for title in {t for t, _ in points}]
    assert max(per_slide) <= 3
    default = draft_outline(path.read_text("utf-8"), name="national-plenum")
    assert report.result.yaml_text != default.yaml_text


# --- output size -----------------------------------------------------------------------------


def test_many_lists_in_one_paragraph_draft_to_a_loadable_outline(tmp_path: Path) -> None:
    """Each list's slide holds only its own sentences in the notes, not the whole paragraph
    again (400 lists in one 8,000-character paragraph once drafted a 10 MB outline)."""
    words = ["抓好春耕生产", "抓好安全生产", "抓好环境整治", "抓好民生实事", "抓好基层治理"]
    lists = "".join(
        f"一是{words[n % 5]}{n}；二是{words[(n + 1) % 5]}{n}；三是{words[(n + 2) % 5]}{n}。"
        for n in range(400)
    )
    source = tmp_path / "lists.txt"
    source.write_text(f"某镇召开会议\n会议强调，{lists}\n", encoding="utf-8")
    report = draft_file(source, tmp_path / "lists.yaml")
    size = len(report.result.yaml_text.encode("utf-8"))
    assert size < 40 * len(source.read_bytes())
    assert report.result.lists == 400
    loaded = load_outline(tmp_path / "lists.yaml")
    notes = [slide.notes or "" for _, slide in loaded.outline.slides() if slide.items]
    assert "".join(notes) == f"会议强调，{lists}"


def test_an_outline_too_large_to_check_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.draft

    monkeypatch.setattr(briefgen.draft, "MAX_BYTES", 4096)
    out = tmp_path / "big.yaml"
    result = CliRunner().invoke(
        app, ["draft", str(FIXTURES / "national-plenum.txt"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "national-plenum.txt: the text drafts to an outline of" in result.output
    assert "draft the text in parts" in result.output and "Traceback" not in result.output
    assert not out.exists()
