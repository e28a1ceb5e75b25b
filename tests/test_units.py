"""Lengths keep their type through exact arithmetic (like python-pptx's Length, but kept)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefgen.layout import Inches, Length, Pt

emu = st.integers(min_value=-(10**9), max_value=10**9)


@given(emu, emu, st.integers(min_value=-50, max_value=50))
def test_exact_arithmetic_stays_a_length(a: int, b: int, k: int) -> None:
    x, y = Length(a), Length(b)
    for value, expected in ((x + y, a + b), (x - y, a - b), (x * k, a * k), (k * x, a * k)):
        assert type(value) is Length and value == expected
    assert type(x + 3) is Length and type(3 + x) is Length and type(5 - x) is Length
    assert type(-x) is Length and -x == -a
    if k:
        assert type(x // k) is Length and x // k == a // k


@given(emu, st.floats(min_value=-4, max_value=4, allow_nan=False))
def test_float_arithmetic_keeps_its_precision(a: int, f: float) -> None:
    x = Length(a)
    assert type(x * f) is float and x * f == a * f
    assert type(x + f) is float and x - f == a - f
    assert type(x.scaled(f)) is Length and x.scaled(f) == round(a * f)


def test_ratios_and_constructors() -> None:
    assert Inches(1) / Pt(72) == 1.0
    assert Inches(1).pt == 72.0 and Pt(36).inches == 0.5
    assert type(Inches(13.333) - 2 * Inches(0.7)) is Length
