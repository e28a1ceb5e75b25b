"""The drafter's rule table: `briefgen/draft/rules.yaml`, optionally extended by a trainer's file.

Maps the YAML rule table → a frozen `Rules` (lead phrases → sections, enumeration markers,
numerals and classifiers, parallel patterns, metadata keys), and numeral text → integers.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from briefgen import numerals
from briefgen.errors import BriefgenError, Diagnostic
from briefgen.outline import SourceMap, parse_yaml, read_yaml

RULES_FILE = Path(__file__).with_name("rules.yaml")
"""The built-in rule table, shipped inside the package."""


class RulesError(BriefgenError):
    """A rules file cannot be read or is invalid."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SectionRule(_Frozen):
    """A section (`sections[]`): its title, the lead phrases and keywords that select it."""

    title: str = Field(min_length=1)
    leads: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


class EnumRule(_Frozen):
    """An enumeration marker (`enumerations[]`): `{一}是`, `第{一}`, or an ordered word list."""

    name: str = Field(min_length=1)
    marker: str | None = None
    words: tuple[str, ...] | None = None
    then: str = ""
    where: Literal["clause", "paragraph"] = "clause"
    ordinal: Literal["是", "要", "、", "第", "（）"] = "是"

    @model_validator(mode="after")
    def _marker_or_words(self) -> EnumRule:
        if (self.marker is None) == (self.words is None):
            raise ValueError("give either 'marker' (such as '{一}是') or 'words', not both")
        if self.marker is not None and self.marker.count("{一}") + self.marker.count("{1}") != 1:
            raise ValueError(
                "a marker holds the numeral once, as {一} (Chinese numerals) or {1} (digits), "
                f"e.g. '{{一}}是'; found {self.marker!r}"
            )
        if self.words is not None and len(self.words) < 2:
            raise ValueError("'words' needs at least two words in order, e.g. [首先, 其次]")
        return self


class ParallelRules(_Frozen):
    """Unmarked (parallel) enumerations (`parallel`): infixes, prefixes, colon and 、 lists."""

    infixes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    colon_intros: tuple[str, ...] = ()
    suffix_list_min_length: int = Field(default=6, ge=2)
    item_intros: tuple[str, ...] = ()
    min_items: int = Field(default=3, ge=2)
    series_prefixes: tuple[str, ...] = ()
    series_min_items: int = Field(default=4, ge=2)
    lead_run_min: int = Field(default=3, ge=2)


class PointRules(_Frozen):
    """How bullets and slide titles are drafted (`points`): clause lengths and the words of a
    提法 (key formulation) that make a clause worth a bullet or a title."""

    min_chars: int = Field(default=8, ge=1)
    max_chars: int = Field(default=50, ge=8)
    per_slide: int = Field(default=6, ge=1)
    per_sentence: int = Field(default=2, ge=1)
    openings: tuple[str, ...] = ()
    title_openings: tuple[str, ...] = ()
    title_max_chars: int = Field(default=20, ge=4)
    title_avoid_openings: tuple[str, ...] = ()
    item_text_max_items: int = Field(default=6, ge=0)


class Numerals(_Frozen):
    """Numeral characters with their values, and the classifiers after a count (`numerals`)."""

    chinese: dict[str, int]
    classifiers: tuple[str, ...]


class Rules(_Frozen):
    """The whole rule table (`rules.yaml`)."""

    version: int
    sections: tuple[SectionRule, ...]
    fallback_section: str = Field(min_length=1)
    fallback_section_other: str = Field(min_length=1)
    terms_section: str = Field(min_length=1)
    terms_per_slide: int = Field(ge=1)
    terms_max: int = Field(default=30, ge=1)
    explain_max_chars: int = Field(default=60, ge=8)
    enumerations: tuple[EnumRule, ...]
    parallel: ParallelRules
    numerals: Numerals
    points: PointRules = PointRules()
    title_strip_suffixes: tuple[str, ...] = ()
    meta_keys: tuple[str, ...] = ()
    credit_endings: tuple[str, ...] = ()
    dateline_endings: tuple[str, ...] = ()
    meeting_suffixes: tuple[str, ...] = ()

    def leads(self) -> tuple[str, ...]:
        """Every lead phrase, longest first (so 全会充分肯定 wins over 全会肯定)."""
        found = {lead for section in self.sections for lead in section.leads}
        return tuple(sorted(found, key=lambda s: (-len(s), s)))

    def numeral_chars(self) -> str:
        """The characters that may make up a Chinese numeral."""
        return "".join(sorted(self.numerals.chinese))


def parse_numeral(text: str, rules: Rules) -> int | None:
    """`五` → 5, `十二` → 12, `二十` → 20, `10` → 10 with the rules' numeral characters."""
    return numerals.parse_numeral(text, rules.numerals.chinese)


_PATTERNS: dict[int, tuple[Rules, re.Pattern[str]]] = {}


def numeral_term_pattern(rules: Rules) -> re.Pattern[str]:
    """A numeral-labelled term: 五大新坐标, 十个新局面, 10张高分报表 (numeral, classifier, noun)."""
    cached = _PATTERNS.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    chars = re.escape(rules.numeral_chars())
    classifiers = "|".join(
        re.escape(c) for c in sorted(rules.numerals.classifiers, key=lambda s: (-len(s), s))
    )
    number = rf"(?:\d{{1,3}}|[{chars}]{{1,3}})"
    pattern = re.compile(
        rf"(?<![第{chars}\d.])(?P<num>{number})(?P<cls>{classifiers})"
        rf"(?P<noun>(?:(?!{number}(?:{classifiers}))[\u3400-\u9fff]){{1,8}})"
    )
    _PATTERNS[id(rules)] = (rules, pattern)
    return pattern


def numeral_terms(text: str, rules: Rules) -> list[tuple[int, str, int]]:
    """Each numeral-labelled term in `text` as (count, term, offset); counts below 2 skipped."""
    found = []
    for match in numeral_term_pattern(rules).finditer(text):
        count = parse_numeral(match.group("num"), rules)
        if count is not None and count >= 2:
            found.append((count, match.group(0), match.start()))
    return found


def _errors(exc: ValidationError, source_map: SourceMap) -> tuple[Diagnostic, ...]:
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
        message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = f"unknown key {loc[-1]!r}; see briefgen/draft/rules.yaml for the keys"
            loc = loc[:-1]
        out.append(source_map.diagnostic(loc, message))
    return tuple(out)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Extra rules added to the built-in ones: lists extended, sections matched by title."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if key == "sections" and isinstance(value, list) and isinstance(old, list):
            sections = [dict(s) for s in old]
            for new in value:
                same = [
                    s
                    for s in sections
                    if isinstance(new, dict) and s.get("title") == new.get("title")
                ]
                if same:
                    for field in ("leads", "keywords"):
                        same[0][field] = [*same[0].get(field, []), *new.get(field, [])]
                else:
                    sections.append(new)
            merged[key] = sections
        elif key == "enumerations" and isinstance(value, list) and isinstance(old, list):
            names = {e.get("name") for e in value if isinstance(e, dict)}
            merged[key] = [e for e in old if e.get("name") not in names] + value
        elif isinstance(value, dict) and isinstance(old, dict):
            merged[key] = _merge(old, value)
        elif isinstance(value, list) and isinstance(old, list):
            merged[key] = [*old, *(v for v in value if v not in old)]
        else:
            merged[key] = value
    return merged


def _builtin_data() -> dict[str, Any]:
    data, _ = parse_yaml(RULES_FILE.read_text(encoding="utf-8"), str(RULES_FILE))
    if not isinstance(data, dict):  # pragma: no cover - the shipped file is a mapping
        raise RulesError(
            Diagnostic("the built-in rules file is not a mapping", file=str(RULES_FILE))
        )
    return data


@cache
def builtin_rules() -> Rules:
    """The rules shipped with briefgen."""
    data, source_map = parse_yaml(RULES_FILE.read_text(encoding="utf-8"), str(RULES_FILE))
    try:
        return Rules.model_validate(data)
    except ValidationError as exc:  # pragma: no cover - the shipped file is tested
        raise RulesError(_errors(exc, source_map)) from None


def load_rules(extra: Path | None = None) -> Rules:
    """The built-in rules, extended by the trainer's rules file `extra` when given."""
    if extra is None:
        return builtin_rules()
    try:
        data, source_map = read_yaml(extra)
    except BriefgenError as exc:
        raise RulesError(exc.diagnostics) from None
    if not isinstance(data, dict):
        raise RulesError(
            source_map.diagnostic((), "a rules file is a mapping of keys, like rules.yaml")
        )
    data.setdefault("version", 1)
    merged = _merge(_builtin_data(), data)
    try:
        return Rules.model_validate(merged)
    except ValidationError as exc:
        raise RulesError(_errors(exc, source_map)) from None


__all__ = [
    "RULES_FILE",
    "EnumRule",
    "Numerals",
    "ParallelRules",
    "PointRules",
    "Rules",
    "RulesError",
    "SectionRule",
    "builtin_rules",
    "load_rules",
    "numeral_term_pattern",
    "numeral_terms",
    "parse_numeral",
]
