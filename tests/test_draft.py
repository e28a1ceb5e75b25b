"""`briefgen draft`: the Wenzhou communiqué's structure, other numbering styles, honest fallbacks,
nothing lost, safe writing, encodings, extra rules, and random text that never crashes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from _deckfixtures import other_warnings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.draft import SourceError, draft_file, draft_outline
from briefgen.draft._read import clean_text, key_only
from briefgen.outline import LoadedOutline, Slide, load_outline, parse_yaml, validate_outline

SOURCE = Path(__file__).parents[1].parent / "shared" / "source" / "wenzhou-plenum-2020.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "draft"

needs_source = pytest.mark.skipif(not SOURCE.is_file(), reason="the Wenzhou text is not present")


def drafted(path: Path, tmp_path: Path) -> LoadedOutline:
    """Draft `path` into tmp_path and load the result as `briefgen check` would."""
    report = draft_file(path, tmp_path / f"{path.stem}.yaml")
    assert report.path is not None
    return load_outline(report.path)


def slides_titled(loaded: LoadedOutline, title: str) -> list[Slide]:
    return [slide for _, slide in loaded.outline.slides() if slide.title == title]


def strings(value: Any) -> list[str]:
    """Every string in the outline's data (title, points, items, notes, terms …)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


def source_sentences(text: str) -> list[str]:
    """The source's sentences, split independently of the drafter (at 。！？ and line ends)."""
    found = []
    for line in text.splitlines():
        for piece in re.split(r"(?<=[。！？])", line):
            if piece.strip():
                found.append(piece.strip())
    return found


# --- the Wenzhou communiqué ------------------------------------------------------------------


@pytest.fixture(scope="module")
def wenzhou(tmp_path_factory: pytest.TempPathFactory) -> LoadedOutline:
    if not SOURCE.is_file():
        pytest.skip("the Wenzhou text is not present")
    return drafted(SOURCE, tmp_path_factory.mktemp("wenzhou"))


@needs_source
def test_wenzhou_draft_passes_check_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    runner = CliRunner()
    result = runner.invoke(app, ["draft", str(SOURCE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# briefgen draft ")
    checked = runner.invoke(app, ["check", str(out), "--source", str(SOURCE)])
    assert checked.exit_code == 0, checked.output
    assert other_warnings(checked.output) == [], checked.output


@needs_source
def test_wenzhou_five_coordinates(wenzhou: LoadedOutline) -> None:
    (slide,) = slides_titled(wenzhou, "五大新坐标")
    assert slide.items is not None
    assert [i.head for i in slide.items] == [
        "坚定战略方向",
        "明确战略目标",
        "把握战略定位",
        "强化战略支撑",
        "筑牢战略基石",
    ]
    assert slide.items[0].text == "奋力续写好新时代温州创新史"
    assert slide.ordinal == "是"


@needs_source
def test_wenzhou_ten_new_situations_in_order(wenzhou: LoadedOutline) -> None:
    (slide,) = slides_titled(wenzhou, "十个新局面")
    assert slide.items is not None
    expected = re.findall(
        r"[一二三四五六七八九十]要(奋力开创[^,，]+新局面)", SOURCE.read_text("utf-8")
    )
    assert len(expected) == 10
    assert [i.head for i in slide.items] == expected
    assert slide.ordinal == "要"


@needs_source
def test_wenzhou_five_lessons(wenzhou: LoadedOutline) -> None:
    (slide,) = slides_titled(wenzhou, "实践启示")
    assert slide.items is not None
    assert [i.head for i in slide.items] == [
        "服务大局才能融入全局",
        "化危为机才能赢得先机",
        "党群同心才能万众一心",
        "整体智治才能高效善治",
        "保持定力才能创造张力",
    ]
    assert all(i.text and i.text.startswith("要") for i in slide.items)
    assert slide.ordinal == "、"  # the text does not number them 一是…: the slide does not either


@needs_source
def test_wenzhou_five_periods(wenzhou: LoadedOutline) -> None:
    found = [
        slide
        for _, slide in wenzhou.outline.slides()
        if slide.items and all(i.head.endswith("期") for i in slide.items)
    ]
    assert len(found) == 1
    assert [i.head for i in found[0].items or ()] == [
        "新旧动能转换的提速期",
        "新发展格局构建的窗口期",
        "都市能级跃升的关键期",
        "改革系统集成的深化期",
        "市域现代治理的迭代期",
    ]


@needs_source
def test_wenzhou_ten_report_cards_from_the_counted_list(wenzhou: LoadedOutline) -> None:
    (slide,) = slides_titled(wenzhou, "10张高分报表")
    assert [i.head for i in slide.items or ()] == [
        "防疫",
        "经济",
        "创新",
        "改革",
        "开放",
        "平安",
        "民生",
        "文化",
        "生态",
        "党建",
    ]


@needs_source
def test_wenzhou_terms_ranked_by_frequency(wenzhou: LoadedOutline) -> None:
    text = SOURCE.read_text("utf-8")
    terms = [
        term
        for section in wenzhou.outline.sections
        if section.title == "关键提法"
        for slide in section.slides
        for term in slide.terms or ()
    ]
    names = [t.term for t in terms]
    for expected in ("“八八战略”", "“重要窗口”", "“五城五高地”", "“瓯江红”", "“两个维护”"):
        assert expected in names
    counts = [text.count(name.strip("“”")) for name in names]
    assert counts == sorted(counts, reverse=True)
    assert set(names) == {f"“{q}”" for q in re.findall(r"“([^”]+)”", text)}
    for term in terms:  # the clause that first uses it, word for word, at most 60 characters
        assert term.explain is not None and 0 < len(term.explain) <= 60
        assert term.explain in text and term.term in term.explain


@needs_source
def test_wenzhou_metadata(wenzhou: LoadedOutline) -> None:
    outline = wenzhou.outline
    assert outline.title == "市委十二届十一次全体（扩大）会议举行"
    assert outline.meeting == "市委十二届十一次全体（扩大）会议"
    assert outline.source is not None
    assert "温州日报" in outline.source and "杨世朋" in outline.source


@needs_source
def test_wenzhou_sections_follow_the_source(wenzhou: LoadedOutline) -> None:
    assert [s.title for s in wenzhou.outline.sections] == [
        "会议概况",
        "工作总结与启示",
        "形势判断",
        "目标任务",
        "党的建设",
        "号召",
        "关键提法",
    ]


@needs_source
def test_wenzhou_notes_hold_the_verbatim_sentences(wenzhou: LoadedOutline) -> None:
    text = SOURCE.read_text("utf-8")
    paragraphs = [key_only(line) for line in text.splitlines() if line.strip()]
    notes = []
    for section, slide in wenzhou.outline.slides():
        if section.title == "关键提法":
            continue
        assert slide.notes, slide.title
        for line in slide.notes.splitlines():
            assert any(key_only(line) in p for p in paragraphs), (slide.title, line)
            notes.append(key_only(line))
    body = text.splitlines()[1:-3]
    for sentence in source_sentences("\n".join(body)):
        assert any(key_only(sentence) in n for n in notes), sentence


@needs_source
def test_wenzhou_nothing_is_lost(wenzhou: LoadedOutline) -> None:
    data = wenzhou.outline.model_dump(by_alias=True, exclude_none=True)
    keys = [key_only(s) for s in strings(data)]
    for sentence in source_sentences(SOURCE.read_text("utf-8")):
        wanted = key_only(sentence)
        assert any(wanted in k for k in keys), sentence


@needs_source
def test_wenzhou_yaml_marks_what_to_review() -> None:
    result = draft_outline(SOURCE.read_text("utf-8"), name="wenzhou")
    assert "# REVIEW: unmarked list: 5 parallel parts with …才能…" in result.yaml_text
    assert "# REVIEW: explanation: the clause that first uses it" in result.yaml_text
    assert "# REVIEW: title drafted from the text's key phrase" in result.yaml_text
    positions = [result.yaml_text.index(t) for t in ("五大新坐标\n", "十个新局面\n", "title: 号召")]
    assert positions == sorted(positions)


# --- other numbering styles ------------------------------------------------------------------


def test_first_to_eighth_paragraphs(tmp_path: Path) -> None:
    loaded = drafted(FIXTURES / "eight-requirements.txt", tmp_path)
    (slide,) = slides_titled(loaded, "八项要求")
    assert slide.ordinal == "第"
    assert [i.head for i in slide.items or ()] == [
        "坚持党的全面领导",
        "坚持以人民为中心",
        "坚持新发展理念",
        "坚持深化改革开放",
        "坚持系统观念",
        "坚持创新驱动",
        "坚持绿色发展",
        "坚持全面从严治党",
    ]
    assert slide.notes is not None and slide.notes.count("\n") == 8  # intro + 8 paragraphs
    assert loaded.outline.source == "来源：某县日报；记者：李明"


def test_parenthesised_numbers_full_and_half_width(tmp_path: Path) -> None:
    loaded = drafted(FIXTURES / "four-tasks.txt", tmp_path)
    (slide,) = slides_titled(loaded, "四个方面工作")
    assert slide.ordinal == "（）"
    assert [i.head for i in slide.items or ()] == [
        "加快科技创新",
        "扩大有效投资",
        "保障改善民生",
        "加强基层治理",
    ]


def test_county_report_meeting_lead_phrases(tmp_path: Path) -> None:
    loaded = drafted(FIXTURES / "county-report.txt", tmp_path)
    outline = loaded.outline
    assert [s.title for s in outline.sections] == [
        "会议概况",
        "形势判断",
        "目标任务",
        "号召",
        "关键提法",
    ]
    (three,) = slides_titled(loaded, "三项重点工作")
    assert [i.head for i in three.items or ()] == ["抓好学习宣传", "抓好谋划落实", "抓好督查问效"]
    (words,) = slides_titled(loaded, "目标任务")  # no numeral term: the section's title
    assert [i.head for i in words.items or ()] == [
        "要提高政治站位",
        "要强化责任担当",
        "要改进工作作风",
    ]
    first = outline.sections[0].slides[0]
    assert first.points is not None and first.points[0].text.startswith("12月30日")
    assert "青田新闻网讯（记者 王芳）" in (first.notes or "")


def test_english_report_gets_a_minimal_honest_outline(tmp_path: Path) -> None:
    path = FIXTURES / "english-report.txt"
    result = draft_outline(path.read_text("utf-8"), name="english-report")
    assert any("not Chinese" in note for note in result.notes)
    loaded = drafted(path, tmp_path)
    outline = loaded.outline
    assert outline.title == "City Council Reviews Annual Plan"
    assert [s.title for s in outline.sections] == ["Text"]
    slides = outline.sections[0].slides
    assert len(slides) == 3
    assert all(s.points and not s.items and not s.terms for s in slides)
    assert [s.notes for s in slides] == [
        p for p in path.read_text("utf-8").split("\n\n")[1:] for p in [p.strip()]
    ]


def test_unbroken_paragraph_gets_one_slide_and_a_note(tmp_path: Path) -> None:
    path = FIXTURES / "unbroken-paragraph.txt"
    result = draft_outline(path.read_text("utf-8"), name="unbroken-paragraph")
    assert any("one unbroken paragraph" in note for note in result.notes)
    loaded = drafted(path, tmp_path)
    (section,) = loaded.outline.sections
    (slide,) = section.slides
    assert slide.points is not None and len(slide.points) == 5
    assert slide.notes == path.read_text("utf-8").strip()


def test_hard_wrapped_lines_are_joined(tmp_path: Path) -> None:
    text = (FIXTURES / "county-report.txt").read_text("utf-8")
    wrapped = "\n\n".join(
        "\n".join(line[i : i + 17] for i in range(0, len(line), 17)) for line in text.splitlines()
    )
    result = draft_outline(wrapped, name="wrapped")
    assert any("hard-wrapped" in note for note in result.notes)
    assert "title: 三项重点工作" in result.yaml_text


# --- reading and writing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "note"), [("utf-8-sig", None), ("gb18030", "GB18030"), ("utf-16", "UTF-16")]
)
def test_encodings(tmp_path: Path, encoding: str, note: str | None) -> None:
    text = (FIXTURES / "county-report.txt").read_text("utf-8")
    path = tmp_path / "county-report.txt"
    path.write_bytes(text.encode(encoding))
    report = draft_file(path, tmp_path / "out.yaml")
    reference = draft_outline(text, name="county-report", source_name="county-report.txt")
    assert report.result.yaml_text == reference.yaml_text
    assert any(note in n for n in report.result.notes) if note else not report.result.notes


def test_half_width_punctuation_is_made_full_width_next_to_chinese() -> None:
    assert (
        clean_text("全会强调,要(一)加强;66wz.com, ok (x)")[0]
        == "全会强调，要（一）加强；66wz.com, ok (x)"
    )


def test_default_output_and_overwrite_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    source = FIXTURES / "four-tasks.txt"
    assert runner.invoke(app, ["draft", str(source)]).exit_code == 0
    target = tmp_path / "four-tasks.yaml"
    first = target.read_text("utf-8")
    # an unedited draft is replaced freely
    assert runner.invoke(app, ["draft", str(source)]).exit_code == 0
    # an edited one is kept unless --force
    target.write_text(first + "# my notes\n", encoding="utf-8")
    refused = runner.invoke(app, ["draft", str(source)])
    assert refused.exit_code == 1
    assert "four-tasks.yaml: the file already exists" in refused.output
    assert target.read_text("utf-8").endswith("# my notes\n")
    assert runner.invoke(app, ["draft", str(source), "--force"]).exit_code == 0
    assert target.read_text("utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["four-tasks.yaml"]


def test_output_dash_prints_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["draft", str(FIXTURES / "four-tasks.txt"), "-o", "-"])
    assert result.exit_code == 0
    assert "title: 四个方面工作" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_never_overwrites_the_text_itself(tmp_path: Path) -> None:
    text = tmp_path / "report.yaml"
    text.write_text((FIXTURES / "four-tasks.txt").read_text("utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["draft", str(text), "-o", str(text), "--force"])
    assert result.exit_code == 1
    assert "this is the text being drafted" in result.output


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "this is a folder"),
        (lambda p: p.write_text(" \n\u3000\n", encoding="utf-8"), "the text is empty"),
        (lambda p: p.write_bytes(b"\xff\xfe\x00\xd8"), "neither UTF-8 nor GB18030"),
    ],
)
def test_unreadable_texts_are_clear_errors(tmp_path: Path, make: Any, message: str) -> None:
    path = tmp_path / "text.txt"
    make(path)
    result = CliRunner().invoke(app, ["draft", str(path), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_extra_rules_teach_a_new_marker_and_lead(tmp_path: Path) -> None:
    text = "某镇召开会议\n镇党委指出，要做好三件事。其一，抓好春耕生产；其二，抓好安全生产；其三，抓好环境整治。\n来源：某报\n"
    source = tmp_path / "town.txt"
    source.write_text(text, encoding="utf-8")
    plain = draft_file(source, tmp_path / "plain.yaml")
    assert "- head: 抓好春耕生产" not in plain.result.yaml_text
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "sections:\n  - title: 形势判断\n    leads: [镇党委指出]\n"
        "enumerations:\n  - {name: 其一, words: [其一, 其二, 其三], ordinal: 、}\n",
        encoding="utf-8",
    )
    taught = draft_file(source, tmp_path / "taught.yaml", rules=rules)
    loaded = load_outline(tmp_path / "taught.yaml")
    assert loaded.outline.sections[0].title == "形势判断"
    (slide,) = slides_titled(loaded, "三件事")
    assert [i.head for i in slide.items or ()] == ["抓好春耕生产", "抓好安全生产", "抓好环境整治"]
    assert taught.result.lists == 1


def test_broken_rules_file_is_a_positioned_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("enumerations:\n  - {name: 坏, marker: 没有数字}\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["draft", str(FIXTURES / "four-tasks.txt"), "--rules", str(rules), "-o", "-"]
    )
    assert result.exit_code == 1
    assert f"{rules}:2:" in result.output
    assert "{一}" in result.output


# --- random text -----------------------------------------------------------------------------

COMMUNIQUE_ALPHABET = [
    *"全会指出强调认为号召会议一二三四五十是要第（）(),，。；;：:“”、等个大张新坐标才能期坚持\n \u3000",
    *["\u2028", "\x00", "\ufeff", "#", "-", "{", '"', "'", "|"],
]


def _loads(text: str) -> None:
    try:
        result = draft_outline(text, name="random")
    except SourceError:
        assert not clean_text(text)[0].strip()
        return
    data, source_map = parse_yaml(result.yaml_text, "random.yaml")
    validate_outline(data, source_map, Path("random.yaml"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_unicode_never_crashes(text: str) -> None:
    _loads(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(COMMUNIQUE_ALPHABET), max_size=400))
def test_random_communique_like_text_never_crashes(text: str) -> None:
    _loads(text)
