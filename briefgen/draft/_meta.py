"""The frame of a report's content: its headline, dateline and metadata lines (来源, 记者, 日期,
photo credits …), and the lead phrase (全会指出, 会议强调 …) that opens each paragraph.

Maps the paragraphs → `Meta`: the title (joined when split over two lines), the meeting's name,
the verbatim metadata lines for the outline's `source`, and which paragraphs they used up; and
a paragraph → its lead phrase and the theme (section of the rule table) it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._read import cjk_share, is_cjk
from ._rules import Rules
from ._segment import SENTENCE_ENDS, Paragraph, sentence_spans

MAX_TITLE = 40
MAX_META = 80
MAX_CREDIT = 160
_DATE = re.compile(
    r"^[（(]?\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(\s*\d{1,2}[:：]\d{2}([:：]\d{2})?)?|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日)"
)


@dataclass(slots=True)
class Meta:
    """What the header and footer lines of a report say."""

    title: str | None = None
    title_paragraphs: list[int] = field(default_factory=list)
    subtitle: str | None = None
    meeting: str | None = None
    source_lines: list[str] = field(default_factory=list)
    meta_paragraphs: set[int] = field(default_factory=set)
    header_paragraphs: list[int] = field(default_factory=list)
    dateline: str | None = None
    date: str | None = None


def _meta_line(text: str, rules: Rules) -> bool:
    if len(text) > MAX_META or any(ch in text for ch in "。！？"):
        return False
    keys = "|".join(re.escape(k) for k in sorted(rules.meta_keys, key=len, reverse=True))
    if not keys:
        return False
    return bool(re.match(rf"^({keys})\s*[：:]", text) or re.match(r"^(记者|通讯员)\s+\S", text))


def _credit_line(text: str, rules: Rules) -> bool:
    """A photo credit or caption (…新华社记者 李学仁 摄), an editor line in brackets
    (（责任编辑：王五）), （完）, or a dateline standing alone (新华社北京2月28日电)."""
    if len(text) > MAX_CREDIT:
        return False
    bare = text.strip(" \u3000")
    inner = bare.lstrip("（(【[").rstrip("）)】]").strip(" \u3000")
    if rules.credit_endings and inner.endswith(rules.credit_endings):
        return True
    if inner != bare and _meta_line(inner, rules):
        return True
    return bool(
        rules.dateline_endings
        and len(bare) <= 30
        and not any(ch in bare for ch in "。！？，")
        and bare.endswith(rules.dateline_endings)
        and re.search(r"\d|[一二三四五六七八九十]月", bare)
    )


def _date_line(text: str) -> str | None:
    match = _DATE.match(text)
    if match and len(text) <= MAX_META and not any(ch in text for ch in "。！？"):
        return match.group(1)
    return None


def dateline_of(text: str, rules: Rules) -> str | None:
    """The dateline opening a lead paragraph (温州网讯, 本报讯 …), or None."""
    if not rules.dateline_endings:
        return None
    endings = "|".join(re.escape(e) for e in sorted(rules.dateline_endings, key=len, reverse=True))
    match = re.match(
        rf"^(\S{{0,16}}?(?:{endings})(?:\s*[（(][^）)\n]{{0,30}}[）)])?)(?=[ 　（(]|(?<=[）)]))",
        text,
    )
    return match.group(1) if match else None


def _headline_like(p: Paragraph, rules: Rules) -> bool:
    text = p.text
    if len(text) > MAX_TITLE or text[-1] in SENTENCE_ENDS + "：:；;，,":
        return False
    if dateline_of(text, rules) or _meta_line(text, rules) or _date_line(text):
        return False
    return lead_of(text, rules) is None


def find_meta(paragraphs: list[Paragraph], rules: Rules, *, name: str) -> Meta:
    """Headline, subtitle, meeting, metadata lines and dateline of the report."""
    meta = Meta()
    for p in paragraphs:
        date = _date_line(p.text)
        if _meta_line(p.text, rules) or date or _credit_line(p.text, rules):
            meta.meta_paragraphs.add(p.index)
            meta.source_lines.append(p.text)
            if date and meta.date is None:
                meta.date = date
    body = [p for p in paragraphs if p.index not in meta.meta_paragraphs]
    if len(body) >= 2:
        for p in body[:3]:
            if p is body[-1] or not _headline_like(p, rules):
                break
            if p.text.startswith(("——", "--", "—")) and meta.title_paragraphs:
                meta.subtitle = p.text.lstrip("—- ")
                meta.header_paragraphs.append(p.index)
                break
            meta.title_paragraphs.append(p.index)
    if meta.title_paragraphs:
        parts = [paragraphs[i].text for i in meta.title_paragraphs]
        title = parts[0]
        for part in parts[1:]:
            title += "" if is_cjk(title[-1]) or is_cjk(part[0]) else " "
            title += part
        meta.title = title
        meta.meeting = _meeting(title, rules)
    lead = next(
        (p for p in body if p.index not in meta.title_paragraphs + meta.header_paragraphs), None
    )
    if lead is not None:
        meta.dateline = dateline_of(lead.text, rules)
    if meta.title is None:
        meta.title = name.strip() or (
            "草稿" if cjk_share(" ".join(p.text for p in paragraphs)) >= 0.3 else "Draft"
        )
    return meta


def _meeting(title: str, rules: Rules) -> str | None:
    for suffix in sorted(rules.meeting_suffixes, key=len, reverse=True):
        if title.endswith(suffix):
            stem = title[: -len(suffix)].rstrip(" ，,")
            if ("会议" in stem or "全会" in stem) and len(stem) >= 4:
                return stem
    return None


CN_NUMBERS = "一二三四五六七八九十"


_LEADS: dict[int, tuple[Rules, tuple[str, ...]]] = {}


def _leads(rules: Rules) -> tuple[str, ...]:
    """`rules.leads()`, computed once per rule table."""
    cached = _LEADS.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = (rules, rules.leads())
        _LEADS[id(rules)] = cached
    return cached[1]


def lead_of(text: str, rules: Rules) -> str | None:
    """The lead phrase (全会指出 …) that opens `text`, or None."""
    return next((lead for lead in _leads(rules) if text.startswith(lead)), None)


def strip_lead(text: str, rules: Rules) -> str:
    """`text` without an opening lead phrase and the ， or ： after it."""
    lead = lead_of(text, rules)
    if lead and text[len(lead) : len(lead) + 1] in ("，", "：", ","):
        return text[len(lead) + 1 :]
    return text


def cn_number(n: int) -> str:
    """1 → 一 … 10 → 十; larger numbers in digits."""
    return CN_NUMBERS[n - 1] if 1 <= n <= 10 else str(n)


def classify(p: Paragraph, current: int | None, rules: Rules) -> int | None:
    """The index of the section `p` belongs to (None: stay where we are)."""
    lead = lead_of(p.text, rules)
    first = p.text[: sentence_spans(p.text)[0][1]] if sentence_spans(p.text) else p.text
    keyed = [i for i, s in enumerate(rules.sections) if any(k in first for k in s.keywords)]
    if lead is None:
        if current is None and keyed:
            return keyed[0]
        return current if current is not None else 0
    candidates = [i for i, s in enumerate(rules.sections) if lead in s.leads]
    ahead = [i for i in candidates if current is None or i >= current]
    for pool in ([i for i in ahead if i in keyed], ahead, candidates):
        if pool:
            return pool[0]
    return current


__all__ = [
    "CN_NUMBERS",
    "Meta",
    "classify",
    "cn_number",
    "dateline_of",
    "find_meta",
    "lead_of",
    "strip_lead",
]
