"""Chinese numerals, both ways: 12 ↔ 十二, and the ordinal labels of a framework (一是, （一）).

Maps integers → numerals for agenda tiles, dividers and item labels, and numerals → integers
for dates in Chinese (二〇二〇年十二月) and for count-terms in drafted text (五大, 十个).
The one place these rules live; layout, render and draft all use it.
"""

from __future__ import annotations

from collections.abc import Mapping

_DIGITS = "零一二三四五六七八九"

DIGIT_VALUES: Mapping[str, int] = {
    **{ch: i for i, ch in enumerate(_DIGITS)},
    "〇": 0,
    "两": 2,
    "十": 10,
}
"""The value of each numeral character; 十 is the only multiplier."""


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; anything else in Arabic digits."""
    if n <= 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def ordinal_label(n: int, style: str) -> str:
    """The label of item `n` in a framework: 一是 / 一要 / 一、 / 第一 / （一）."""
    numeral = chinese_numeral(n)
    if style == "第":
        return f"第{numeral}"
    if style == "（）":
        return f"（{numeral}）"
    return f"{numeral}{style}"


def parse_numeral(text: str, values: Mapping[str, int] = DIGIT_VALUES) -> int | None:
    """`五` → 5, `十二` → 12, `二十` → 20, `10` → 10; anything else (八八, 十十, 一百) → None."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or len(text) > 3 or any(ch not in values for ch in text):
        return None
    if len(text) == 1:
        return values[text]
    tens = [i for i, ch in enumerate(text) if values[ch] == 10]
    if len(tens) != 1:
        return None
    left, right = text[: tens[0]], text[tens[0] + 1 :]
    if len(left) > 1 or len(right) > 1:
        return None
    high = values[left] if left else 1
    low = values[right] if right else 0
    if not 1 <= high <= 9 or not 0 <= low <= 9 or (right and low == 0):
        return None
    return high * 10 + low


__all__ = ["DIGIT_VALUES", "chinese_numeral", "ordinal_label", "parse_numeral"]
