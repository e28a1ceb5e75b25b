"""Tests for briefgen.layout._measure: per-character em widths and text widths."""

from __future__ import annotations

import math
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.layout._measure import AUTOSPACE, _prefix_widths, char_width, text_width


@pytest.mark.parametrize(
    "ch",
    [
        "中",  # CJK ideograph
        "あ",  # hiragana
        "カ",  # katakana
        "한",  # hangul
        "，",  # full-width comma
        "。",  # ideographic full stop
        "（",  # full-width parenthesis
        "《",  # CJK angle bracket
        "Ａ",  # full-width Latin
        "１",  # full-width digit
        "\u3000",  # ideographic space
        "“",  # quotes are drawn by the CJK face
        "”",
        "‘",
        "’",
        "…",
        "—",
    ],
)
def test_cjk_face_characters_are_one_em(ch: str) -> None:
    assert char_width(ch) == 1.0


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("0", 0.56),
        ("7", 0.56),
        ("a", 0.55),
        ("n", 0.55),
        ("A", 0.65),
        ("M", 0.85),
        ("W", 0.85),
        ("i", 0.3),
        ("l", 0.3),
        (".", 0.3),
        (" ", 0.25),
    ],
)
def test_latin_table(ch: str, expected: float) -> None:
    assert char_width(ch) == pytest.approx(expected)


@pytest.mark.parametrize("ch", ["\u0301", "\u0308", "\n", "\r", "\x00", "\u200b", "\u200d"])
def test_zero_width_characters(ch: str) -> None:
    assert char_width(ch) == 0.0


def test_latin_proportions() -> None:
    assert char_width("i") < char_width("a") < char_width("A") < char_width("M")
    assert char_width(" ") < char_width("a")
    assert char_width("%") > char_width("0")


def test_every_printable_ascii_is_narrow_but_not_zero() -> None:
    for code in range(0x20, 0x7F):
        assert 0.2 <= char_width(chr(code)) < 1.0, repr(chr(code))


def test_ambiguous_symbols_use_the_cjk_face() -> None:
    for ch in "①●→℃":
        assert char_width(ch) == 1.0


def test_halfwidth_katakana_is_half_an_em() -> None:
    assert char_width("ｶ") == 0.5


@pytest.mark.parametrize("bad", ["", "ab", "中文"])
def test_char_width_rejects_non_single_characters(bad: str) -> None:
    with pytest.raises(ValueError, match="one character"):
        char_width(bad)


def test_text_width_examples() -> None:
    assert text_width("") == 0.0
    assert text_width("中国共产党") == pytest.approx(5.0)
    # LibreOffice's autospace between digits and ideographs is counted once per boundary
    assert text_width("2020年") == pytest.approx(4 * 0.56 + 1.0 + AUTOSPACE)
    assert text_width("第10项") == pytest.approx(2 * 0.56 + 2.0 + 2 * AUTOSPACE)
    assert text_width("全会，ABC") == pytest.approx(3.0 + 3 * 0.65)  # punctuation: no autospace
    assert text_width("第一\n第二") == pytest.approx(4.0)  # newline takes no room
    assert text_width("e\u0301") == pytest.approx(char_width("e"))  # combining acute


def _script(ch: str) -> int:
    """1 wide letter (ideograph, kana, hangul), 2 ASCII letter or digit, 0 anything else."""
    if ch.isascii():
        return 2 if ch.isalnum() else 0
    wide_letter = unicodedata.category(ch) == "Lo" and unicodedata.east_asian_width(ch) in "WF"
    return 1 if wide_letter else 0


def _boundaries(text: str) -> int:
    kinds = [_script(c) for c in text]
    return sum(1 for a, b in pairwise(kinds) if a and b and a != b)


@given(st.text(max_size=200))
def test_text_width_is_sum_of_char_widths_plus_autospace(text: str) -> None:
    expected = math.fsum(char_width(c) for c in text) + AUTOSPACE * _boundaries(text)
    assert text_width(text) == pytest.approx(expected)


@given(st.text(max_size=80), st.text(max_size=80))
def test_text_width_is_additive_but_for_the_boundary(a: str, b: str) -> None:
    junction = _boundaries(a[-1:] + b[:1])
    assert text_width(a + b) == pytest.approx(text_width(a) + text_width(b) + AUTOSPACE * junction)


@given(st.characters())
def test_widths_are_bounded_and_wide_characters_are_one_em(ch: str) -> None:
    width = char_width(ch)
    assert 0.0 <= width <= 3.0
    if unicodedata.east_asian_width(ch) in ("W", "F") and unicodedata.category(ch)[0] != "M":
        assert width == 1.0


@given(st.text(max_size=200))
def test_prefix_widths_match_slices(text: str) -> None:
    prefix = _prefix_widths(text)
    assert len(prefix) == len(text) + 1
    assert all(x <= y for x, y in pairwise(prefix))
    assert prefix[-1] == pytest.approx(text_width(text))
    mid = len(text) // 2
    assert prefix[mid] == pytest.approx(text_width(text[:mid]))
