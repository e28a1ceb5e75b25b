"""Chinese numerals both ways: the one module layout, render and draft share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefgen.numerals import chinese_numeral, ordinal_label, parse_numeral


def test_known_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 12, 20, 21, 99)] == [
        "一", "九", "十", "十一", "十二", "二十", "二十一", "九十九",
    ]  # fmt: skip
    assert chinese_numeral(100) == "100"
    assert chinese_numeral(0) == "0"


@given(st.integers(min_value=1, max_value=99))
def test_parse_inverts_chinese_numeral(n: int) -> None:
    assert parse_numeral(chinese_numeral(n)) == n


def test_parse_refuses_what_is_not_a_count() -> None:
    for text in ("八八", "十十", "", "一百", "二十十", "零十", "abc"):
        assert parse_numeral(text) is None, text
    assert parse_numeral("两") == 2
    assert parse_numeral("12") == 12


def test_ordinal_labels() -> None:
    assert [ordinal_label(3, s) for s in ("是", "要", "、", "第", "（）")] == [
        "三是", "三要", "三、", "第三", "（三）",
    ]  # fmt: skip
