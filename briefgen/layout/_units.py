"""Typed lengths: EMU integers with point and inch constructors (mirrors pptx.util)."""

from __future__ import annotations

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


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
