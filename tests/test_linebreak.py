"""Tests for briefgen.layout._linebreak: 避头尾 greedy breaking, orphans, balanced lines."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.layout import (
    NO_LINE_END,
    NO_LINE_START,
    balanced_lines,
    break_lines,
    lines_needed,
    text_width,
)

TRAILING = " \t\u3000\n"


def fit_width(line: str) -> float:
    """Width of a line as the breaker measures it: trailing spaces and newline ignored."""
    return text_width(line.rstrip(TRAILING))


# --- table-driven cases -------------------------------------------------------------------

KINSOKU_CASES = [
    # "，" would start line 2 at width 4: "持" is pulled down with it.
    ("我们坚持，不动摇", 4, ["我们坚", "持，不动", "摇"]),
    # “ would end line 1: it goes down to the next line.
    ("学习贯彻“八八战略”", 5, ["学习贯彻", "“八八战", "略”"]),
    # “八八战略” breaks inside, never between “ and 八 nor between 略 and ”.
    ("“八八战略”", 3, ["“八八", "战略”"]),
    ("坚持“八八战略”", 3, ["坚持", "“八八", "战略”"]),
    # "。”" stays with the character before it.
    ("会议指出：“要落实。”", 8, ["会议指出：“要落", "实。”"]),
    ("全面从严治党。”坚定不移", 6, ["全面从严治", "党。”坚定不", "移"]),
    ("一、总体要求", 2, ["一、", "总体", "要求"]),
    # dashes and ellipses never start a line, and ——/…… are never split
    ("我们——始终坚持", 3, ["我", "们——", "始终坚", "持"]),
    ("等等……还有", 3, ["等", "等……", "还有"]),
    # closing punctuation cluster wider than the line: broken by force, kept off line starts
    ("字。”）】，XYZ", 2, ["字。", "”）", "】，", "XYZ"]),
]


@pytest.mark.parametrize(("text", "width", "expected"), KINSOKU_CASES)
def test_kinsoku_table(text: str, width: float, expected: list[str]) -> None:
    assert break_lines(text, width, avoid_orphan=False) == expected


LATIN_CASES = [
    ("温州网66wz.com报道", 6, ["温州网", "66wz.com", "报道"]),
    ("抗击COVID-19疫情", 5, ["抗击", "COVID-19", "疫情"]),
    ("2020年以来", 3.5, ["2020年", "以来"]),
    ("增长10.5%，创新高", 4.5, ["增长", "10.5%，", "创新高"]),  # 10.5%， is 4.13 em with autospace
    # a break at a space keeps the space at the end of the earlier line
    ("Deep learning 深度学习", 7, ["Deep learning ", "深度学习"]),
    ("Hello world foo bar baz", 5, ["Hello ", "world foo ", "bar baz"]),
]


@pytest.mark.parametrize(("text", "width", "expected"), LATIN_CASES)
def test_latin_words_stay_whole(text: str, width: float, expected: list[str]) -> None:
    assert break_lines(text, width) == expected


@pytest.mark.parametrize("word", ["66wz.com", "COVID-19", "2020", "10.5%", "C++", "f(x)"])
@pytest.mark.parametrize("width", [5.0, 6.5, 9.0, 13.0])
def test_latin_word_never_split_when_it_fits(word: str, width: float) -> None:
    text = f"据报道{word}在全省推广{word}应用{word}"
    lines = break_lines(text, width)
    assert "".join(lines) == text
    assert sum(line.count(word) for line in lines) == 3


def test_word_wider_than_line_is_broken_by_characters() -> None:
    lines = break_lines("abcdefghijklmnop", 3)
    assert "".join(lines) == "abcdefghijklmnop"
    assert len(lines) > 1
    assert all(fit_width(line) <= 3 + 1e-9 for line in lines)


def test_space_after_opener_is_not_a_break() -> None:
    # "( " may not end a line, so the whole "( see" unit moves down
    assert break_lines("字字字( see", 4) == ["字字字", "( see"]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("", 5, [""]),
        ("a\n", 5, ["a\n"]),
        ("\n\n", 3, ["\n", "\n"]),
        ("字字\n", 2, ["字字\n"]),  # the newline takes no room
        ("第一条\n第二条内容很长", 3, ["第一条\n", "第二条", "内容", "很长"]),
        ("短\n短", 10, ["短\n", "短"]),
    ],
)
def test_newlines_and_empty_text(text: str, width: float, expected: list[str]) -> None:
    assert break_lines(text, width) == expected


# --- orphans ------------------------------------------------------------------------------

ORPHAN_TEXT = "市委十二届十一次全体（扩大）会议精神"


def test_orphan_is_avoided() -> None:
    assert break_lines(ORPHAN_TEXT, 17, avoid_orphan=False)[-1] == "神"
    assert break_lines(ORPHAN_TEXT, 17) == ["市委十二届十一次全体（扩大）会议", "精神"]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("我们坚持，不动摇", 4, ["我们坚", "持，不", "动摇"]),
        # the orphan may carry closing punctuation with it
        ("学习贯彻“八八战略”", 5, ["学习贯彻", "“八八", "战略”"]),
        ("会议指出：“要落实。”", 8, ["会议指出：“要", "落实。”"]),
        ("全面从严治党。”坚定不移", 6, ["全面从严治", "党。”坚定", "不移"]),
        # previous line too short (2 characters): left alone
        ("字字字", 2, ["字字", "字"]),
        # the fix would not fit the width: left alone
        ("会议精神。”", 3.5, ["会议精", "神。”"]),
        ("会议精神。”", 4, ["会议", "精神。”"]),
        # a lone Latin character is not a CJK orphan
        ("字字字字a", 4, ["字字字字", "a"]),
    ],
)
def test_orphan_table(text: str, width: float, expected: list[str]) -> None:
    assert break_lines(text, width) == expected


@given(st.text(alphabet="党的建设全面从严治理国家社会主义现代化", min_size=2, max_size=120))
def test_no_single_cjk_last_line(text: str) -> None:
    for width in (2.0, 3.0, 4.5, 7.0, 11.0):
        lines = break_lines(text, width)
        if len(lines) >= 2 and len(lines[-2]) >= 3:
            assert len(lines[-1]) >= 2, (text, width, lines)


# --- balanced lines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # two lines break where the text pauses when that costs little: not 全 / 体
        (ORPHAN_TEXT, 17, ["市委十二届十一次全体", "（扩大）会议精神"]),
        (
            "一、全会是在什么背景下召开的？——“十三五”收官与“十四五”开局的交汇点",
            30,
            ["一、全会是在什么背景下召开的？——", "“十三五”收官与“十四五”开局的交汇点"],
        ),
        ("深入学习贯彻党的二十届三中全会精神", 12, ["深入学习贯彻党的二", "十届三中全会精神"]),
        (
            "深入实施“八八战略”，奋力谱写新篇章。",
            9,
            ["深入实施", "“八八战略”，奋", "力谱写新篇章。"],  # the 提法 whole
        ),
        ("字字字", 2, ["字", "字字"]),  # never a one-character last line when avoidable
        ("一句话标题", 10, ["一句话标题"]),
        ("", 3, [""]),
    ],
)
def test_balanced_table(text: str, width: float, expected: list[str]) -> None:
    assert balanced_lines(text, width) == expected


@given(st.text(alphabet="党的建设全面从严治理国家社会主义现代化", min_size=2, max_size=60))
def test_balanced_has_no_one_character_last_line(text: str) -> None:
    for width in (2.0, 3.0, 5.0, 8.0):
        lines = balanced_lines(text, width)
        if len(lines) >= 2:
            assert len(lines[-1]) >= 2, (text, width, lines)


# --- properties ---------------------------------------------------------------------------

CJK = "中国共产党人民政府会议精神发展改革创新温州全面建设现代化"
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】「」…—·%"
ASCII_WORDS = ["COVID-19", "66wz.com", "10.5%", "AI", "2020", "GDP", "Hello", "x", "(a)", "e.g."]

token = st.one_of(
    st.sampled_from(CJK),
    st.sampled_from(CJK),
    st.sampled_from(CJK_PUNCT),
    st.sampled_from(ASCII_WORDS),
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-", max_size=12
    ),
    st.sampled_from([" ", " ", "  ", "\u3000", "\n"]),
)
mixed_text = st.lists(token, max_size=80).map("".join)
widths = st.floats(min_value=2.0, max_value=40.0, allow_nan=False)


def check_rules(text: str, width: float, lines: list[str]) -> None:
    """Assert the invariants every breaking of ``text`` at ``width`` must satisfy."""
    assert "".join(lines) == text
    assert lines, "at least one line"
    assert all(lines) or lines == [""]
    for k, line in enumerate(lines):
        body = line.rstrip(TRAILING)
        assert "\n" not in line[:-1], "a newline always ends its line"
        # every line fits unless it is a single unbreakable character
        assert fit_width(line) <= width + 1e-6 or len(body) <= 1, (line, width)
        follows_newline = k > 0 and lines[k - 1].endswith("\n")
        if k > 0 and not follows_newline and line[0] in NO_LINE_START:
            # only a cluster of closing punctuation too wide to go anywhere else
            assert all(c in NO_LINE_START for c in body), (k, lines)
        if k < len(lines) - 1 and not line.endswith("\n") and body and body[-1] in NO_LINE_END:
            # only a run of openers too wide for one line
            assert all(c in NO_LINE_END or c in TRAILING for c in body), (k, lines)


@settings(max_examples=400)
@given(mixed_text, widths)
def test_break_lines_properties(text: str, width: float) -> None:
    lines = break_lines(text, width)
    check_rules(text, width, lines)
    plain = break_lines(text, width, avoid_orphan=False)
    check_rules(text, width, plain)
    assert len(plain) == len(lines) == lines_needed(text, width)


@settings(max_examples=300)
@given(mixed_text, widths)
def test_balanced_lines_properties(text: str, width: float) -> None:
    greedy = break_lines(text, width)
    balanced = balanced_lines(text, width)
    check_rules(text, width, balanced)
    assert len(balanced) == len(greedy)
    assert max(map(fit_width, balanced)) <= max(map(fit_width, greedy)) + 1e-6


@given(
    st.lists(
        st.tuples(
            st.sampled_from(ASCII_WORDS), st.text(alphabet=CJK + " ", min_size=1, max_size=4)
        ),
        max_size=30,
    ),
    widths,
)
def test_words_that_fit_are_never_split(pieces: list[tuple[str, str]], width: float) -> None:
    # words separated by CJK characters or spaces, so adjacent words never merge
    text, spans = "", []
    for word, gap in pieces:
        spans.append((len(text), len(text) + len(word), word))
        text += word + gap
    lines = break_lines(text, width)
    ends = [0]
    for line in lines:
        ends.append(ends[-1] + len(line))
    for start, stop, word in spans:
        if text_width(word) <= width:
            line_of_first = max(i for i, e in enumerate(ends) if e <= start)
            assert stop <= ends[line_of_first + 1], (word, lines)


@given(mixed_text)
def test_wider_never_needs_more_lines_for_pure_cjk(text: str) -> None:
    cjk_only = "".join(c for c in text if c in CJK)
    counts = [lines_needed(cjk_only, w) for w in (2.0, 3.0, 5.0, 8.0, 13.0)]
    assert counts == sorted(counts, reverse=True)
    if cjk_only:
        assert counts[0] == math.ceil(len(cjk_only) / 2)


# --- API details --------------------------------------------------------------------------


@pytest.mark.parametrize("width", [0.0, -1.0, math.nan, math.inf])
def test_invalid_width_is_rejected(width: float) -> None:
    with pytest.raises(ValueError, match="width_em"):
        break_lines("中文", width)
    with pytest.raises(ValueError, match="width_em"):
        lines_needed("中文", width)
    with pytest.raises(ValueError, match="width_em"):
        balanced_lines("中文", width)


def test_results_are_fresh_lists() -> None:
    first = break_lines(ORPHAN_TEXT, 5)
    first.append("mutated")
    assert break_lines(ORPHAN_TEXT, 5) == ["市委十二届", "十一次全体", "（扩大）会", "议精神"]


def test_rule_sets_are_disjoint_and_cover_the_brief() -> None:
    assert not NO_LINE_START & NO_LINE_END
    assert set("，。、；：？！”’）》】」』〕〉…—·%‰,.;:?!)]}") <= NO_LINE_START
    assert set("“‘（《【「『〔〈([{") <= NO_LINE_END


def test_long_paragraph_breaks_quickly() -> None:
    # Not timed: a 5,000-character paragraph must break in a single linear pass.
    unit = "坚持以人民为中心的发展思想，推动“八八战略”走深走实，GDP增长10.5%。"
    text = (unit * (5000 // len(unit) + 1))[:5000]
    for width in (8.0, 17.5, 30.0):
        lines = break_lines(text, width)
        check_rules(text, width, lines)
        assert lines_needed(text, width) == len(lines)
        assert len(lines) >= text_width(text) / width


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(alphabet="区委宣传部党校会议报告厅，　", min_size=0, max_size=40),
    marks=st.integers(min_value=2, max_value=3),
    after=st.text(alphabet="区委宣传部党校会议报告厅，", min_size=1, max_size=20),
    width=st.floats(min_value=5.0, max_value=20.0),
)
def test_a_placeholder_name_is_never_split(
    before: str, marks: int, after: str, width: float
) -> None:
    # ×× and ××× stand for a name (××区, 主讲：×××): the cover's date and place line broke
    # one as "同步重播　×" / "×区行政中心"
    text = before + "×" * marks + after
    for breaker in (break_lines, balanced_lines):
        lines = breaker(text, width)
        assert "".join(lines) == text
        for line, nxt in itertools.pairwise(lines):
            assert not (line.endswith("×") and nxt.startswith("×")), (breaker.__name__, lines)


@settings(max_examples=200, deadline=None)
@given(
    before=st.text(alphabet="全会要求深化新时代，、", min_size=0, max_size=40),
    term=st.text(alphabet="两个健康八八战略十四五", min_size=2, max_size=5),
    after=st.text(alphabet="先行区创建", min_size=0, max_size=20),
    spare=st.floats(min_value=3.0, max_value=20.0),  # a line of two characters more
)
def test_a_short_quoted_term_stays_on_one_line(
    before: str, term: str, after: str, spare: float
) -> None:
    # “两个健 / 康” (the example's 关键提法（二）, in the README's picture): a 提法 split over two
    # lines reads as two words; whenever a line can hold the term with its marks and a little
    # more (else it may split to spare a line of one character), it is whole
    quoted = f"“{term}”"
    text = before + quoted + after
    width = len(quoted) + spare
    for breaker in (break_lines, balanced_lines):
        lines = breaker(text, width)
        assert "".join(lines) == text
        assert any(quoted in line for line in lines), (breaker.__name__, lines)


@pytest.mark.parametrize("width", [6.0, 6.5])
def test_a_term_no_line_can_hold_breaks_inside_rather_than_take_a_line_more(width: float) -> None:
    # the example's 五大新坐标 card (slide 18): “五城五高地” with its marks is 7 em; kept whole
    # it went to a line of its own and still broke (系统建设 / “五城五 / 高地”), a line more
    text = "系统建设“五城五高地”"
    for breaker in (break_lines, balanced_lines):
        assert breaker(text, width) == ["系统建设“五", "城五高地”"]


@settings(max_examples=300, deadline=None)
@given(
    before=st.text(alphabet="干一件成放大定续", min_size=3, max_size=30),
    term=st.text(alphabet="滚雪球效应两个健康", min_size=2, max_size=5),
    after=st.text(alphabet="先行区创建", min_size=0, max_size=10),
    width=st.integers(min_value=5, max_value=12),
)
def test_keeping_a_term_whole_never_leaves_one_character_on_a_line(
    before: str, term: str, after: str, width: int
) -> None:
    # the example's 五是 card (slide 9): 干一件、成一件 / 的 / “滚雪球效应”, a line of one 的
    text = before + "的“" + term + "”" + after
    for breaker in (break_lines, balanced_lines):
        lines = breaker(text, float(width))
        assert "".join(lines) == text
        lone = [line for line in lines if len(line.strip("“”")) == 1]
        assert lone == [], (breaker.__name__, lines)
