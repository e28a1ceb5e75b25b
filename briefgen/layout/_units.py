"""Typed lengths: EMU integers with point and inch constructors (mirrors pptx.util).

Maps a distance on the slide → `Length`, an `int` of English Metric Units, the unit OOXML
stores. Unlike a bare int, a `Length` keeps its type through exact arithmetic: the sum or
difference of two lengths, a length times a whole number and a length floor-divided by one
are `Length`s, so a box computed from a box stays a length. With a float the result is a
float, as precise as the float (`scaled` rounds it back to a length); a length divided by a
length is a plain ratio.
"""

from __future__ import annotations

from typing import SupportsIndex, overload

EMU_PER_INCH = 914400
EMU_PER_PT = 12700

_ADD, _SUB, _MUL = int.__add__, int.__sub__, int.__mul__
"""int's own operators: `_ADD(a, b)` sums two lengths without first copying `a` into a plain
int, which halves the cost of `Length` arithmetic (a cold build does some 15,000 sums)."""


class Length(int):
    """A length in English Metric Units (EMU), the unit OOXML stores."""

    __slots__ = ()

    @property
    def pt(self) -> float:
        """The length in points."""
        return self / EMU_PER_PT

    @property
    def inches(self) -> float:
        """The length in inches."""
        return self / EMU_PER_INCH

    @overload  # type: ignore[override]
    def __add__(self, other: int) -> Length: ...
    @overload
    def __add__(self, other: float) -> float: ...
    def __add__(self, other: float) -> Length | float:
        if isinstance(other, int):
            return Length(_ADD(self, other))
        return int(self) + other

    __radd__ = __add__

    @overload  # type: ignore[override]
    def __sub__(self, other: int) -> Length: ...
    @overload
    def __sub__(self, other: float) -> float: ...
    def __sub__(self, other: float) -> Length | float:
        if isinstance(other, int):
            return Length(_SUB(self, other))
        return int(self) - other

    @overload
    def __rsub__(self, other: int) -> Length: ...
    @overload
    def __rsub__(self, other: float) -> float: ...
    def __rsub__(self, other: float) -> Length | float:
        if isinstance(other, int):
            return Length(_SUB(other, self))
        return other - int(self)

    @overload  # type: ignore[override]
    def __mul__(self, factor: int) -> Length: ...
    @overload
    def __mul__(self, factor: float) -> float: ...
    def __mul__(self, factor: float) -> Length | float:
        if isinstance(factor, int):
            return Length(_MUL(self, factor))
        return int(self) * factor

    __rmul__ = __mul__

    def __neg__(self) -> Length:
        return Length(-int(self))

    def __floordiv__(self, divisor: SupportsIndex) -> Length:
        return Length(int(self) // int(divisor))

    @overload  # type: ignore[override]
    def __truediv__(self, other: Length) -> float: ...
    @overload
    def __truediv__(self, other: float) -> float: ...
    def __truediv__(self, other: float) -> float:
        return int(self) / other

    def scaled(self, factor: float) -> Length:
        """This length times `factor`, rounded to whole EMU."""
        return Length(round(int(self) * factor))


def Emu(value: float) -> Length:
    """A length given in EMU."""
    return Length(round(value))


def Pt(value: float) -> Length:
    """A length given in points."""
    return Length(round(value * EMU_PER_PT))


def Inches(value: float) -> Length:
    """A length given in inches."""
    return Length(round(value * EMU_PER_INCH))


__all__ = ["EMU_PER_INCH", "EMU_PER_PT", "Emu", "Inches", "Length", "Pt"]
