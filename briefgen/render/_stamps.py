"""Reproducible dates of an output package: document dates and zip entry timestamps.

Maps the deck's date text (2020-12-01, 二〇二〇年十二月 …) and `SOURCE_DATE_EPOCH` → the
created/modified date of a .pptx or .docx and the timestamps of its zip entries, so that the
same inputs always give the same bytes. Shared by the .pptx and .docx renderers.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import UTC, datetime

from briefgen.errors import BuildError, Diagnostic
from briefgen.numerals import DIGIT_VALUES, parse_numeral

_FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

_NUMERIC_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(?:(\d{1,2})\s*日?)?)?")
_CN_DATE = re.compile(
    r"([〇零一二三四五六七八九]{4})年([〇一二三四五六七八九十]{1,3})月(?:([〇一二三四五六七八九十]{1,3})日)?"
)


def parse_deck_date(text: str | None) -> datetime | None:
    """A deck's date → midnight UTC: 2020-12-01, 2020-12, 2020年12月(1日), 二〇二〇年十二月…"""
    if not text:
        return None
    value = unicodedata.normalize("NFKC", text).strip()
    if match := _NUMERIC_DATE.fullmatch(value):
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    elif match := _CN_DATE.fullmatch(value):
        year = int("".join(str(DIGIT_VALUES[c]) for c in match[1]))
        month_n, day_n = parse_numeral(match[2]), parse_numeral(match[3]) if match[3] else 1
        if month_n is None or day_n is None:
            return None
        month, day = month_n, day_n
    else:
        return None
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _source_date_epoch() -> datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise BuildError(
            Diagnostic(
                f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since 1970-01-01; "
                "set it to an integer such as 1606780800, or unset it"
            )
        ) from None


def document_date(date: str | None) -> datetime:
    """created/modified: SOURCE_DATE_EPOCH if set, else the deck's date, else 2000-01-01."""
    return _source_date_epoch() or parse_deck_date(date) or _FALLBACK_DATE


def _zip_time() -> tuple[int, int, int, int, int, int]:
    """Zip entry timestamps: SOURCE_DATE_EPOCH (clamped to the zip range) or 1980-01-01."""
    when = _source_date_epoch()
    if when is None or when.year < 1980:
        return _ZIP_EPOCH
    if when.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


__all__ = ["_zip_time", "document_date", "parse_deck_date"]
