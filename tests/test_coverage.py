"""The preview's fill meter: `text_coverage` measures the area the content really covers."""

from __future__ import annotations

from pathlib import Path

from briefgen.build import lay_out, lay_out_file, theme_for
from briefgen.layout import LaidSlide, TextBlock, text_coverage
from briefgen.outline import load_outline
from briefgen.theme import Theme

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "briefs" / "wenzhou-2020-plenum.yaml"


def one_slide(tmp_path: Path, body: str) -> tuple[LaidSlide, Theme]:
    """The content slide of a one-slide outline whose slide has `body` (YAML lines)."""
    path = tmp_path / "one.yaml"
    path.write_text(
        "briefgen: 1\ntitle: 学习\nsections:\n  - title: 概况\n    slides:\n"
        "      - title: 一页\n" + body,
        encoding="utf-8",
    )
    loaded = load_outline(path)
    theme = theme_for(loaded)
    deck = lay_out(loaded, theme)
    (slide,) = [s for s in deck.slides if s.title == "一页"]
    return slide, theme


def test_item_cards_with_little_text_are_not_a_full_slide() -> None:
    deck, theme = lay_out_file(EXAMPLE)
    items = [s for s in deck.slides if s.kind == "items"]
    assert items and all(s.fill_ratio == 1.0 for s in items)  # the cards fill the body
    assert all(text_coverage(s, theme) < 0.6 for s in items)
    assert min(text_coverage(s, theme) for s in items) < 0.25
    assert all(
        text_coverage(s, theme) == 0.0 for s in deck.slides if s.kind in {"cover", "divider"}
    )


def test_coverage_grows_with_the_text_and_stays_within_the_body(tmp_path: Path) -> None:
    line = "全面贯彻党的十九届五中全会精神，奋力续写好新时代温州创新史"
    seen = []
    for count in (5, 6, 7, 8):  # enough to fill half the body: no short slide's growth
        points = "".join(f"          - {line}{k}\n" for k in range(count))
        slide, theme = one_slide(tmp_path, "        points:\n" + points)
        assert {
            b.size for b in slide.elements if isinstance(b, TextBlock) and b.role == "body"
        } == {theme.sizes.body}
        seen.append(text_coverage(slide, theme))
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert seen[0] > 0.0 and seen[-1] <= 1.0
    short = text_coverage(*one_slide(tmp_path, "        points: [一]\n"))
    assert 0.0 < short < 0.01


def test_a_short_slide_grows_its_text_and_covers_more(tmp_path: Path) -> None:
    line = "全面贯彻党的十九届五中全会精神，奋力续写好新时代温州创新史"
    slide, theme = one_slide(tmp_path, f"        points:\n          - {line}\n")
    (body,) = [b for b in slide.elements if isinstance(b, TextBlock) and b.role == "body"]
    assert theme.sizes.body < body.size <= theme.sizes.max_body
    assert len(body.paragraphs[0].lines) == 1  # grown only as far as it stays one line
    at_body = (theme.sizes.body / body.size) ** 2 * text_coverage(slide, theme)
    assert text_coverage(slide, theme) > at_body
