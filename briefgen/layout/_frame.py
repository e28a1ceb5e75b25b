"""Slide chrome: the title bar, the footer and page numbers, placed by the slide's geometry.

Maps a slide's title, section and number + `Geometry` → the bar, rule, title text and footer
elements that frame every content slide (deck-style.md: Geometry), with notices for each
compromise. The title shrinks to `min-title`, then takes two lines, then a taller bar (the
caller moves the body down: `bar_height`); the section label shrinks to 12 pt and two lines,
then is shortened with “…”; the footer keeps one line and shortens the parts the cover shows
in full. Rules per box: docs/layout.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from briefgen._record import record
from briefgen.theme import Theme, readable_color

from ._deck import Box, Element, Rect, TextBlock
from ._geometry import Geometry
from ._linebreak import NO_LINE_END, lines_needed
from ._measurer import FontSet, Measurer
from ._text import SetText, em_width, fit_one, set_paragraph, size_steps
from ._units import Inches, Length, Pt

TITLE_SPACING = 1.15
SECTION_SIZES = (14.0, 13.0, 12.0)
"""The section label's sizes: 14 pt as designed, down to 12 pt before it is shortened."""
SECTION_SPACING = 1.1
SECTION_LINES = 2
"""Most lines of a section label; a longer one is shortened with “…”."""
ELLIPSIS = "…"
BAR_AIR = Inches(0.12)
"""Air above and below the title inside the bar (0.06 in each)."""
MAX_BAR_SHARE = 0.45
"""A title bar never takes more than this share of the slide's height."""
SMALLEST_TITLE = 12.0
"""Below `min-title` only when a title would need a bar taller than MAX_BAR_SHARE."""

Notice = str
"""What a chrome box had to give up (shrunk to its minimum, shortened), said for a warning."""


@record
class Chrome:
    """What the frame of a content slide holds, as elements, and what it had to give up."""

    elements: tuple[Element, ...]
    title_size: float
    bar_height: Length
    """The bar's height: `geometry.bar_height`, or taller for a title of three lines or more."""
    title_notices: tuple[Notice, ...] = ()
    section_notices: tuple[Notice, ...] = ()


def one_line(text: str, width: Length, size: float, measurer: Measurer, bold: bool = False) -> bool:
    """Whether `text` at `size` pt fits on one line `width` wide."""
    return lines_needed(text, max(em_width(width, size), 1.0), measurer=measurer, bold=bold) <= 1


def ellipsize(text: str, fits: Callable[[str], bool], *, keep: int = 0) -> str:
    """The longest head of `text` (at least `keep` characters) + “…” that `fits`; the head
    never ends with an opening mark or a space."""
    lo, hi = keep, len(text) - 1
    best = text[:keep].rstrip() + ELLIPSIS
    while lo <= hi:
        mid = (lo + hi) // 2
        head = text[:mid].rstrip(" \u3000")
        while head and head[-1] in NO_LINE_END:
            head = head[:-1]
        candidate = head + ELLIPSIS
        if fits(candidate):
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best


@lru_cache(maxsize=1024)
def _section_label(
    label: str, room: Box, fonts: FontSet, *, may_shorten: bool
) -> tuple[str, float, int, tuple[Notice, ...]]:
    """The label's text, size and lines: one line at 14 → 12 pt, two lines at 12 pt, then
    shortened to two lines with “…” (only when `may_shorten`: its full text is shown
    elsewhere), else as many lines as the bar holds."""
    for size in SECTION_SIZES:
        if one_line(label, room.w, size, fonts.sans):
            return label, size, 1, ()
    size = SECTION_SIZES[-1]

    def lines(text: str) -> int:
        return lines_needed(text, em_width(room.w, size), measurer=fonts.sans)

    if lines(label) <= SECTION_LINES:
        return label, size, lines(label), ()
    if not may_shorten:
        return label, size, lines(label), ()
    short = ellipsize(label, lambda t: lines(t) <= SECTION_LINES, keep=2)
    notice = (
        f"the section label '{label}' is too long for the title bar: shortened to "
        f"'{short}' (the agenda and the divider show it in full); to show it whole, shorten "
        "the section title"
    )
    return short, size, lines(short), (notice,)


def _fit_title(
    title: str, width: Length, inner: Length, theme: Theme, fonts: FontSet, limit: Length
) -> tuple[SetText, float, Length]:
    """The title set in the bar: one line, shrinking; two balanced lines; then at min-title
    (or smaller only past `limit`) on as many balanced lines as it takes, and their height."""
    sizes = size_steps(theme.sizes.title, theme.sizes.min_title, 2)
    if sizes[-1] != theme.sizes.min_title:
        sizes.append(theme.sizes.min_title)
    for max_lines in (1, 2):  # one line, shrinking; then two balanced lines
        fitted = fit_one(
            title,
            width,
            inner,
            sizes,
            TITLE_SPACING,
            max_lines=max_lines,
            emphasis=False,
            measurer=fonts.sans,
            bold=True,
        )
        if fitted is not None:
            return fitted[0], fitted[1], inner
    size = theme.sizes.min_title
    while True:
        setting = set_paragraph(
            title,
            width,
            size,
            TITLE_SPACING,
            balanced=True,
            emphasis=False,
            measurer=fonts.sans,
            bold=True,
        )
        if setting.height <= limit or size <= SMALLEST_TITLE:
            return setting, size, Length(max(inner, setting.height))
        size = max(SMALLEST_TITLE, size - 1)


@lru_cache(maxsize=1024)  # every district's deck has the same titles: fitted once a batch
def title_bar(
    title: str,
    section_label: str | None,
    theme: Theme,
    geometry: Geometry,
    fonts: FontSet,
    *,
    label_shown_elsewhere: bool = True,
    bar_height: Length | None = None,
) -> Chrome:
    """The red bar with the slide title (fitted: 1 line, shrinking, then 2 balanced lines,
    then a taller bar) and the section label, as wide as it needs up to `geometry.section`,
    flush right, in a colour that meets AA on the bar. `bar_height`: at least this tall (the
    tallest bar of the slide's pages, so a slide and its continuations match)."""
    room = geometry.section
    section_w = Length(0)
    label_block = None
    section_notices: tuple[Notice, ...] = ()
    if section_label:
        text, size, lines, section_notices = _section_label(
            section_label, room, fonts, may_shorten=label_shown_elsewhere
        )
        natural = Pt(fonts.sans.em(text) * size / 0.97 + 4)
        section_w = Length(min(room.w, natural)) if lines == 1 else room.w
        label = set_paragraph(
            text, section_w, size, SECTION_SPACING, emphasis=False, align="right",
            measurer=fonts.sans,
        )  # fmt: skip
        ground = "white" if theme.title_bar == "ruled" else "primary"
        choices = ("grey", "ink") if theme.title_bar == "ruled" else ("gold", "cream", "white")
        color = readable_color(theme, choices, ground, size, False)
        label_block = (label, size, color)
    box = geometry.title
    title_w = Length(box.w - section_w)
    inner = Length(box.h - BAR_AIR)
    limit = Length(round(geometry.height * MAX_BAR_SHARE) - BAR_AIR)
    setting, size, text_h = _fit_title(title, title_w, inner, theme, fonts, limit)
    if label_block is not None:  # a label that may not be shortened can need the room too
        text_h = Length(max(text_h, label_block[0].height))
    bar_h = Length(max(geometry.bar_height, text_h + BAR_AIR, bar_height or 0))
    frame = geometry if bar_h == geometry.bar_height else geometry.with_bar(bar_h)
    elements: list[Element] = [Rect(frame.bar, "primary"), Rect(frame.rule, "gold")]
    title_color = "white"
    if theme.title_bar == "ruled":  # white ground, one primary rule across the text width
        rule, inset = frame.rule, geometry.title.x
        elements = [Rect(Box(inset, rule.y, Length(geometry.width - 2 * inset), Pt(2)), "primary")]
        title_color = "ink"
    if label_block is not None:
        label, label_size, color = label_block
        elements.append(
            TextBlock(
                Box(Length(room.x + room.w - section_w), room.y, section_w, bar_h),
                (label.paragraph,),
                label_size,
                "section",
                color=color,
                anchor="middle",
                line_spacing=SECTION_SPACING if len(label.paragraph.lines) > 1 else 1.0,
            )
        )
    elements.append(
        TextBlock(
            Box(box.x, box.y, title_w, bar_h),
            (setting.paragraph,),
            size,
            "title",
            color=title_color,
            bold=True,
            line_spacing=TITLE_SPACING,
            anchor="middle",
        )
    )
    notices: list[Notice] = []
    if size <= theme.sizes.min_title:
        lines = len(setting.paragraph.lines)
        notices.append(
            f"the title is shrunk to {size:g} pt (min-title {theme.sizes.min_title:g} pt)"
            + (f" and takes {lines} lines in a taller title bar" if lines > 2 else "")
            + "; consider a shorter title"
        )
    return Chrome(tuple(elements), size, bar_h, tuple(notices), section_notices)


@record
class FooterPart:
    """One `·`-separated part of the footer and the deck field it shows (None: theme text)."""

    text: str
    field: str | None = None


@record
class FittedFooter:
    """The footer's text on one line, and each part shortened to fit (with its field)."""

    text: str | None
    shortened: tuple[tuple[FooterPart, str], ...] = ()


def fit_footer(
    parts: tuple[FooterPart, ...],
    shown_elsewhere: Callable[[str], bool],
    theme: Theme,
    geometry: Geometry,
    fonts: FontSet,
) -> FittedFooter:
    """The footer on one line of `geometry.footer` at the theme's footer size: whole when it
    fits; else the longest part the cover shows in full (`shown_elsewhere`) is shortened with
    “…”, then the next. A part is never broken across lines, so neither is a date in it."""
    if not parts:
        return FittedFooter(None)
    width, size = geometry.footer.w, theme.sizes.footer
    texts = [p.text for p in parts]

    def fits(candidate: list[str]) -> bool:
        return one_line(" · ".join(candidate), width, size, fonts.sans)

    if fits(texts):
        return FittedFooter(" · ".join(texts))
    elsewhere = [i for i, p in enumerate(parts) if shown_elsewhere(p.text)]
    others = [i for i in range(len(parts)) if i not in elsewhere]
    for group in (elsewhere, elsewhere + others):  # the theme's own text only as a last resort
        capped = _capped(texts, group, fits)
        if capped is not None:
            break
    else:
        capped = _capped(texts, list(range(len(parts))), fits) or [ELLIPSIS] * len(parts)
    shortened = tuple(
        (part, short) for part, short in zip(parts, capped, strict=True) if short != part.text
    )
    return FittedFooter(" · ".join(capped), shortened)


_DATE = re.compile(
    r"\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[〇零一二三四五六七八九十]{2,4}年[一二三四五六七八九十]{1,2}月"
    r"(?:[一二三四五六七八九十]{1,3}日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2}"
)
"""Dates a footer shortening never cuts into: 2020年12月28日, 二〇二〇年十二月, 2020-12-28."""


def _capped(
    texts: list[str], group: list[int], fits: Callable[[list[str]], bool]
) -> list[str] | None:
    """`texts` with each part of `group` cut to the same most characters (plus “…”) at which
    the whole still fits, so a long organiser and a long date share the line; None if even
    cutting them all to “…” does not fit."""

    def cut(limit: int) -> list[str]:
        out = list(texts)
        for i in group:
            if len(out[i]) > limit:
                end = limit
                for date in _DATE.finditer(out[i]):  # a date is kept whole or left out
                    if date.start() < end < date.end():
                        end = date.start()
                head = out[i][:end].rstrip(" \u3000")
                while head and head[-1] in NO_LINE_END:
                    head = head[:-1]
                out[i] = head + ELLIPSIS
        return out

    if not group or not fits(cut(0)):
        return None
    lo, hi = 0, max(len(texts[i]) for i in group)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(cut(mid)):
            lo = mid
        else:
            hi = mid - 1
    return cut(lo)


def footer(
    text: str | None, number: int, total: int, theme: Theme, geometry: Geometry, fonts: FontSet
) -> tuple[Element, ...]:
    """The hairline rule, `organiser · date` (one line, see `fit_footer`) on the left and
    `n / total` on the right."""
    color = "grey"
    size = theme.sizes.footer
    elements: list[Element] = [Rect(geometry.footer_rule, "cream")]
    if text:
        box = geometry.footer
        left = set_paragraph(text, box.w, size, 1.2, emphasis=False, measurer=fonts.sans)
        elements.append(TextBlock(box, (left.paragraph,), size, "footer", color=color))
    if theme.footer.numbers:
        box = geometry.page
        page = set_paragraph(
            f"{number} / {total}", box.w, size, 1.2, align="right", measurer=fonts.sans
        )
        elements.append(TextBlock(box, (page.paragraph,), size, "page", color=color))
    return tuple(elements)


def footer_parts(theme: Theme, values: dict[str, str | None]) -> tuple[FooterPart, ...]:
    """The theme's footer format filled from deck metadata, part by part; parts that are
    missing drop out. A part that is exactly one `{field}` remembers its field."""
    template = theme.footer.text
    if not template:
        return ()
    filled = []
    for part in (p.strip() for p in template.split("·")):
        value = _fill_fields(part, values).strip()
        if value:
            names = _FIELD.fullmatch(part)
            filled.append(FooterPart(value, names.group(1) if names else None))
    return tuple(filled)


def footer_text(theme: Theme, values: dict[str, str | None]) -> str | None:
    """The theme's footer format filled from deck metadata; parts that are missing drop out."""
    return " · ".join(p.text for p in footer_parts(theme, values)) or None


_FIELD = re.compile(r"\{([^{}]*)\}")


def _fill_fields(part: str, values: dict[str, str | None]) -> str:
    """`{name}` fields replaced by their values; a part with any other field stays as written.

    Only plain names are filled in, never `str.format` specs, attributes or indexes, so a
    footer cannot ask for a three-billion-character padding or reach into Python objects.
    """
    names = _FIELD.findall(part)
    if any(name not in values for name in names):
        return part
    return _FIELD.sub(lambda m: values[m.group(1)] or "", part)


__all__ = [
    "Chrome",
    "FittedFooter",
    "FooterPart",
    "ellipsize",
    "fit_footer",
    "footer",
    "footer_parts",
    "footer_text",
    "one_line",
    "title_bar",
]
