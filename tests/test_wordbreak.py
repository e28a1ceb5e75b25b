"""A Latin word wider than its line breaks at a hyphenation point with a visible hyphen, a URL
after its separators without one; never mid-word in silence, and the hyphen is measured."""

from __future__ import annotations

import re
from itertools import pairwise
from xml.etree import ElementTree as ET

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefgen.layout import Inches, Paragraph, TextBlock
from briefgen.layout._deck import Align, Box
from briefgen.layout._linebreak import balanced_lines, break_lines
from briefgen.layout._measurer import measurer_for_theme
from briefgen.layout._text import set_paragraph
from briefgen.layout._wordbreak import needs_hyphen
from briefgen.render import _oxml
from briefgen.theme import load_theme

THEME = load_theme("party-red")
SANS = measurer_for_theme(THEME, "sans")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def drawn(lines: list[str]) -> list[str]:
    return [
        line + ("-" if i + 1 < len(lines) and needs_hyphen(line, lines[i + 1]) else "")
        for i, line in enumerate(lines)
    ]


def test_a_long_word_breaks_at_hyphenation_points_with_a_hyphen() -> None:
    lines = break_lines("internationalization", 4, measurer=SANS)
    assert "".join(lines) == "internationalization"
    assert drawn(lines) == ["interna-", "tionali-", "zation"]


def test_a_long_word_in_a_bold_card_head_never_leaves_a_single_letter() -> None:
    for width in (3.0, 4.0, 5.0, 6.0, 8.0):
        lines = balanced_lines("internationalization", width, measurer=SANS, bold=True)
        assert all(len(line) >= 2 for line in lines), lines
        assert all(line.endswith("-") for line in drawn(lines)[:-1]), lines


def test_a_url_breaks_after_its_separators_without_a_hyphen() -> None:
    text = "访问https://www.66wz.com/news?id=12&x=3获取"
    lines = break_lines(text, 8, measurer=SANS)
    assert lines == ["访问", "https://www.", "66wz.com/news?", "id=12&x=3获取"]
    assert drawn(lines) == lines


def test_a_word_with_its_own_hyphen_breaks_after_it() -> None:
    assert break_lines("推进e-Government建设", 4, measurer=SANS)[:2] == ["推进", "e-"]


WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzAEIOU"), min_size=8, max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.one_of(WORDS, st.sampled_from(["学习", "贯彻", "，", "。", " "])), max_size=8
    ),
    width=st.floats(2.5, 12),
    bold=st.booleans(),
)
@example(parts=["AAAAAAAA", "AvmebAAA"], width=2.5, bold=True)  # the hyphen kerns after "e"
@example(parts=["AAIiAtxv", "AAAIrxxi", "，"], width=7.5, bold=False)  # a closer after the word
def test_every_line_fits_with_its_hyphen_and_no_word_breaks_silently(
    parts: list[str], width: float, bold: bool
) -> None:
    text = "".join(parts) or "学习"
    lines = break_lines(text, width, measurer=SANS, bold=bold)
    assert "".join(lines) == text
    for line, shown in zip(lines, drawn(lines), strict=True):
        if len(line.rstrip()) > 1:  # one character wider than the line is the only overflow
            assert SANS.em(shown.rstrip(), bold=bold) <= width + 1e-6, (shown, width)
    for line, after in pairwise(lines):
        inside = bool(re.search(r"[A-Za-z]$", line)) and bool(re.match(r"[A-Za-z]", after))
        assert not inside or needs_hyphen(line, after), (line, after)


def test_the_renderer_draws_the_hyphen_as_a_run_of_its_own() -> None:
    lines = tuple(break_lines("学习internationalization精神", 6, measurer=SANS))
    block = TextBlock(
        Box(Inches(0), Inches(0), Inches(3), Inches(2)), (Paragraph(lines),), 24, "body"
    )
    xml = f"<root {_oxml._NS}>{_oxml.text_shape(block, THEME, 2)}</root>"
    p = next(ET.fromstring(xml).iter(f"{A}p"))
    seq = [
        "BR" if c.tag == f"{A}br" else "".join(t.text or "" for t in c.iter(f"{A}t"))
        for c in p
        if c.tag in (f"{A}r", f"{A}br")
    ]
    assert lines == ("学习", "internatio", "nalization", "精神"), lines
    assert seq == ["学习", "BR", "internatio", "-", "BR", "nalization", "BR", "精神"], seq


@settings(max_examples=80, deadline=None)
@given(
    words=st.lists(
        st.text("abcdefghijklmnoprstuvwy", min_size=2, max_size=9), min_size=2, max_size=5
    ),
    width=st.floats(min_value=3.0, max_value=9.0),
    align=st.sampled_from(["center", "right"]),
)
@example(words=["Weekly", "Review"], width=4.0, align="center")
def test_a_centred_line_that_breaks_at_a_space_between_words_draws_no_hyphen(
    words: list[str], width: float, align: Align
) -> None:
    # a centred card head drops the space it breaks at, so the line is not pushed off centre;
    # between two Latin words that made "Weekly|Review" look like one word broken inside, and
    # a hyphen was drawn where the outline has a space (“Weekly-” / “Review”, stress deck)
    text = "实行“挂图作战”和“" + " ".join(words) + "”"
    par = set_paragraph(text, Inches(width / 3), 24.0, 1.2, align=align, measurer=SANS).paragraph
    at = 0
    for line, hyphen in zip(par.lines, par.hyphens, strict=True):
        assert text.startswith(line, at), (text, par.lines)
        at += len(line)
        assert not (hyphen and text[at : at + 1] == " "), (text, par.lines, par.hyphens)
        at += text[at : at + 1] == " "
    assert at == len(text)
