"""Every warning of the stress outlines and the example reads well to a trainer: positioned,
the outline's text quoted as written, one warning per title, and it says what to do."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from briefgen.build import lay_out_outline
from briefgen.errors import Diagnostic

REPO = Path(__file__).resolve().parents[1]
STRESS = REPO / "tests" / "stress"
OUTLINES = [
    *(p for p in sorted(STRESS.glob("*.yaml")) if not p.stem.endswith("-roster")),
    REPO / "briefs" / "wenzhou-2020-plenum.yaml",
]
ADVICE = ("consider", "to keep", "to set", "to show", "shorten")
"""Words by which a warning tells the trainer what to do about it."""


def _warnings(outline: Path) -> list[Diagnostic]:
    roster = outline.with_name(f"{outline.stem}-roster.yaml")
    if not roster.is_file():
        return list(lay_out_outline(outline).deck.warnings)
    from briefgen.districts import load_roster

    out: list[Diagnostic] = []
    for district in load_roster(roster).districts:
        out += lay_out_outline(outline, roster=roster, district=district.name).deck.warnings
    return out


@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.stem)
def test_warnings_are_positioned_plain_and_say_what_to_do(outline: Path) -> None:
    warnings = [w for w in _warnings(outline) if w.severity == "warning"]
    unpositioned = [w.message for w in warnings if None in (w.file, w.line, w.column)]
    escaped = [w.message for w in warnings if "\\u" in w.message or "\\x" in w.message]
    no_advice = [w.message for w in warnings if not any(a in w.message for a in ADVICE)]
    titles = Counter(
        (w.file, w.line, w.column, w.path)
        for w in warnings
        if re.search(r"\.slides\[\d+\]\.title$", w.path)
    )
    assert unpositioned == []
    assert escaped == []  # '一、第一章\u3000全会…': the text as the trainer wrote it, not repr
    assert no_advice == []
    # a slide continued onto “（续）” pages warned of its title once per page
    assert [key for key, n in titles.items() if n > 1] == []
