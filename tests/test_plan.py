"""The deck plan: every slide and text as data, before any geometry (briefgen.plan)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from briefgen.build import build_file, lay_out, plan_for
from briefgen.layout import TextBlock
from briefgen.outline import load_outline
from briefgen.plan import DeckPlan, PlannedSlide
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"


def _plan(path: Path, theme: str | None = None) -> DeckPlan:
    loaded = load_outline(path)
    return plan_for(loaded, load_theme(theme))[0]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _plan_text(plan: DeckPlan) -> str:
    parts: list[str] = []
    for slide in plan.slides:
        parts += [slide.title, slide.notes, *(b.text for b in slide.blocks)]
        if slide.table:
            parts += [*slide.table.header, *(c for row in slide.table.rows for c in row)]
    return "\n".join(parts)


def test_the_example_plan_is_cover_agenda_sections_closing() -> None:
    plan = _plan(EXAMPLE)
    kinds = [slide.kind for slide in plan.slides]
    assert kinds[:2] == ["cover", "agenda"] and kinds[-1] == "closing"
    sections = load_outline(EXAMPLE).outline.sections
    assert kinds.count("divider") == len(sections)  # 20+ slides: every section keeps one
    for slide in plan.slides[2:-1]:
        assert slide.section is not None and slide.origin[:1] == ("sections",)
    assert [b.text for b in plan.slides[1].blocks] == [s.title for s in sections]
    assert [b.label for b in plan.slides[1].blocks][:3] == ["一", "二", "三"]


def test_every_outline_string_is_in_the_plan() -> None:
    """Strings with placeholders are filled by expansion; test_readback covers those."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    skip = {"briefgen", "theme", "variables"}
    text = _plan_text(_plan(EXAMPLE))
    strings = [s for k, v in data.items() if k not in skip for s in _strings(v) if "{{" not in s]
    missing = [s for s in strings if s not in text]
    assert missing == []


def test_items_carry_their_labels_and_quotes_their_attribution(tmp_path: Path) -> None:
    outline = tmp_path / "o.yaml"
    outline.write_text(
        "briefgen: 1\ntitle: T\nmeeting: 全会\nsections:\n  - title: S\n    slides:\n"
        "      - title: 框架\n        ordinal: 要\n        items:\n"
        "          - {head: 甲, text: 甲的说明}\n          - {head: 乙}\n"
        "      - title: 原文\n        quote: 坚持“八八战略”。\n",
        encoding="utf-8",
    )
    plan = _plan(outline)
    items = next(s for s in plan.slides if s.kind == "items")
    assert [(b.role, b.text, b.label) for b in items.blocks] == [
        ("item-head", "甲", "一要"),
        ("item-text", "甲的说明", None),
        ("item-head", "乙", "二要"),
    ]
    quote = next(s for s in plan.slides if s.kind == "quote")
    assert [b.role for b in quote.blocks] == ["quote", "attribution"]
    assert quote.blocks[1].text == "——全会"
    assert quote.blocks[0].emphasis and quote.blocks[0].origin == ("quote", "text")


QUOTED = """\
briefgen: 1
title: 学习“八八战略”
sections:
  - title: 要点
    slides:
      - title: 提法
        points:
          - 坚持“八八战略”再深化
"""


def _emphasised_runs(deck_file: Path) -> int:
    with zipfile.ZipFile(deck_file) as package:
        xml = "".join(
            package.read(n).decode() for n in package.namelist() if n.startswith("ppt/slides/slide")
        )
    return xml.count(">坚持</a:t>")  # an emphasised “…” span is a run of its own


@pytest.mark.parametrize("enabled", [True, False])
def test_quoted_terms_follows_the_theme(tmp_path: Path, enabled: bool) -> None:
    """`emphasis.quoted-terms: false` (docs/themes.md) used to be ignored."""
    theme = tmp_path / "plain.yaml"
    theme.write_text(
        "briefgen-theme: 1\nextends: party-red\nname: plain\n"
        f"emphasis:\n  quoted-terms: {str(enabled).lower()}\n",
        encoding="utf-8",
    )
    outline = tmp_path / "o.yaml"
    outline.write_text(QUOTED, encoding="utf-8")
    plan = _plan(outline, str(theme))
    spans = [b.emphasis for s in plan.slides for b in s.blocks if "八八战略" in b.text]
    assert spans and all(bool(s) is enabled for s in spans)
    deck = lay_out(load_outline(outline), load_theme(str(theme)))
    paragraphs = [
        p for s in deck.slides for e in s.elements if isinstance(e, TextBlock) for p in e.paragraphs
    ]
    assert any(p.emphasis for p in paragraphs) is enabled
    out = build_file(outline, tmp_path / "deck.pptx", theme=str(theme)).path
    assert (_emphasised_runs(out) > 0) is enabled


SHORT = """\
briefgen: 1
title: 短课件
{dividers}sections:
  - title: 一章
    lead: 本章导语
    slides:
      - title: 甲
        notes: 讲稿
        points: [一点]
  - title: 二章
    slides:
      - {{title: 乙, points: [二点]}}
      - {{title: 丙, points: [三点]}}
      - {{title: 丁, points: [四点]}}
  - title: 三章
    lead: 只有导语的一章
"""


def _kinds(tmp_path: Path, dividers: str) -> tuple[list[str], tuple[PlannedSlide, ...]]:
    outline = tmp_path / "short.yaml"
    line = f"dividers: {dividers}\n" if dividers else ""
    outline.write_text(SHORT.format(dividers=line), encoding="utf-8")
    plan = _plan(outline)
    return [s.title for s in plan.slides if s.kind == "divider"], plan.slides


def test_auto_dividers_keep_long_sections_and_move_a_lead_to_the_notes(tmp_path: Path) -> None:
    dividers, slides = _kinds(tmp_path, "")
    assert dividers == ["二章", "三章"]  # 3 slides; and a section with no slides at all
    first = next(s for s in slides if s.title == "甲")
    assert first.notes == "本章导语\n\n讲稿"
    assert first.section is not None and first.section.lead == "本章导语"


def test_always_and_never(tmp_path: Path) -> None:
    assert _kinds(tmp_path, "always")[0] == ["一章", "二章", "三章"]
    dividers, slides = _kinds(tmp_path, "never")
    assert dividers == []
    assert next(s for s in slides if s.title == "甲").notes.startswith("本章导语")


def test_a_long_deck_keeps_every_divider(tmp_path: Path) -> None:
    outline = tmp_path / "long.yaml"
    slides = "".join(f"      - {{title: 第{i}页, points: [内容]}}\n" for i in range(17))
    outline.write_text(
        f"briefgen: 1\ntitle: T\nsections:\n  - title: 甲\n    slides:\n{slides}"
        "  - title: 乙\n    slides:\n      - {title: 末页, points: [内容]}\n",
        encoding="utf-8",
    )
    assert [s.title for s in _plan(outline).slides if s.kind == "divider"] == ["甲", "乙"]


def test_the_plan_imports_no_layout_or_renderer() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nimport briefgen.plan\n"
        "bad = [m for m in sys.modules if m.startswith(('briefgen.layout', 'briefgen.render',"
        " 'rich', 'lxml', 'pptx'))]\nassert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
