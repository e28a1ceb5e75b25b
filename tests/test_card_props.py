"""Property tests of term cards and text flows: random counts and lengths of terms, questions
and points, laid out by the layout's own functions on the party-red body.

Each layout must keep every text, whole and in order; draw every block and card inside the
body box of the geometry; and spread its continuation pages evenly: the last page holds at
least a third of the fullest page, unless moving the block before it over would not help (it
does not fit there, or its own page would become the emptier one).
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.layout._deck import Box, Element, Rect, TextBlock
from briefgen.layout._flow import Unit, flow
from briefgen.layout._geometry import geometry_for
from briefgen.layout._measurer import font_set
from briefgen.layout._terms import CONTINUED, ROW_GAP, CardTerm, term_pages
from briefgen.layout._text import size_steps
from briefgen.layout._units import EMU_PER_PT
from briefgen.theme import load_theme

THEME = load_theme("party-red")
BODY = geometry_for(THEME).body
FONTS = font_set(THEME)
SIZES = size_steps(THEME.sizes.body, THEME.sizes.min_body)
GROW = [s for s in size_steps(THEME.sizes.max_body, THEME.sizes.body) if s > THEME.sizes.body]

_SENTENCE = "全会强调，要坚持把续写好新时代温州创新史作为践行“两个维护”最直接的体现。推进理念创新！"
_WORDS = st.sampled_from(
    ["全会", "强调", "“两个维护”", "创新", "，", "。", "温州", "高质量发展", "2020年", "GDP", "；"]
)


def _text(low: int, high: int) -> st.SearchStrategy[str]:
    """Chinese-like text of `low`…`high` characters: words, quoted terms, punctuation."""
    return st.tuples(st.lists(_WORDS, min_size=1, max_size=20), st.integers(low, high)).map(
        lambda drawn: _stretch("".join(drawn[0]), drawn[1])
    )


def _stretch(words: str, length: int) -> str:
    """`words` repeated to `length` characters (at least one), led by a character."""
    text = "要" + words
    while len(text) < length:
        text += words
    return text[: max(length, 1)]


def squash(text: str) -> str:
    return "".join(text.split())


def inside(element: Element, box: Box) -> bool:
    b = element.box
    return (
        b.x >= box.x and b.y >= box.y and b.x + b.w <= box.x + box.w and b.y + b.h <= box.y + box.h
    )


def used(elements: tuple[Element, ...]) -> int:
    """How far down the body a page's content reaches."""
    return max(e.box.y + e.box.h for e in elements) - BODY.y


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            _text(2, 12), st.one_of(st.none(), _text(0, 60), _text(80, 400), _text(600, 1400))
        ),
        min_size=1,
        max_size=14,
    )
)
def test_term_cards_keep_every_word_in_the_body_and_balance_their_pages(
    raw: list[tuple[str, str | None]],
) -> None:
    terms = [CardTerm(term, explain or None) for term, explain in raw]
    laid = term_pages(
        terms,
        BODY,
        term_sizes=[s + 2 for s in SIZES],
        explain_sizes=SIZES,
        measurer=FONTS.sans,
        grow=[(s + 2, s) for s in GROW],
    )
    heads: list[str] = []
    explained: dict[int, str] = {}
    for page in laid.pages:
        assert all(inside(e, BODY) for e in page.elements)
        for e in page.elements:
            if isinstance(e, TextBlock) and e.role == "term":
                heads.append(squash(e.text))
            elif isinstance(e, TextBlock) and e.role == "explain":
                k = len([h for h in heads if not h.endswith(CONTINUED)]) - 1
                explained[k] = explained.get(k, "") + squash(e.text)
    # every term once, in order; its continuations marked and next to it
    firsts = [h for h in heads if not h.endswith(CONTINUED)]
    assert firsts == [squash(t.term) for t in terms]
    for k, term in enumerate(terms):
        assert explained.get(k, "") == squash(term.explain or "")
    assert (len(heads) > len(firsts)) == bool(laid.split)
    assert laid.size >= THEME.sizes.min_body
    _assert_balanced([p.elements for p in laid.pages], last_block=_last_card_height)


def _last_card_height(elements: tuple[Element, ...]) -> int:
    cards = [e for e in elements if isinstance(e, Rect) and e.fill == "cream"]
    last = max(cards, key=lambda e: e.box.y)
    return last.box.h + ROW_GAP


def _assert_balanced(pages: list[tuple[Element, ...]], *, last_block: object) -> None:
    """The last page holds a third of the fullest, unless moving the block before it over
    would not help: it does not fit there, or it would leave its own page the emptier one."""
    if len(pages) < 2:
        return
    fullest = max(used(p) for p in pages)
    last = used(pages[-1])
    assert callable(last_block)
    block = last_block(pages[-2])
    better = last + block <= BODY.h and min(used(pages[-2]) - block, last + block) > last
    assert last * 3 >= fullest or not better, (last / fullest, len(pages))


def _question_units(texts: list[str]) -> list[Unit]:
    return [
        Unit(t, "question", bullet=f"{n}.", gap_em=0.9, measurer=FONTS.sans)
        for n, t in enumerate(texts, start=1)
    ]


def _point_units(points: list[tuple[str, list[str]]]) -> list[Unit]:
    units = []
    for text, subs in points:
        units.append(
            Unit(text, "body", bullet="•", indent_em=1.1, gap_em=0.6, keep_with_next=bool(subs))
        )
        for k, sub in enumerate(subs):
            units.append(
                Unit(
                    sub,
                    "sub",
                    ratio=THEME.sizes.sub / THEME.sizes.body,
                    min_size=THEME.sizes.min_body,
                    bullet="–",
                    indent_em=1.0,
                    offset_em=1.1,
                    gap_em=0.25,
                    keep_with_next=k + 1 < len(subs),
                )
            )
    return [
        Unit(
            u.text,
            u.role,
            ratio=u.ratio,
            min_size=u.min_size,
            bullet=u.bullet,
            indent_em=u.indent_em,
            offset_em=u.offset_em,
            gap_em=u.gap_em,
            keep_with_next=u.keep_with_next,
            measurer=FONTS.sans,
        )
        for u in units
    ]


def _last_flow_block(elements: tuple[Element, ...]) -> int:
    """The height of the page's last group (a point with its sub-points) and a gap."""
    blocks = [e for e in elements if isinstance(e, TextBlock)]
    start = max((k for k, b in enumerate(blocks) if b.role != "sub"), default=0)
    top = blocks[start].box.y
    bottom = max(b.box.y + b.box.h for b in blocks[start:])
    return bottom - top + round(0.6 * THEME.sizes.body * EMU_PER_PT)


def _check_flow(units: list[Unit]) -> None:
    result = flow(units, BODY, SIZES, GROW)
    blocks = [b for page in result.pages for b in page]
    assert all(inside(b, BODY) for b in blocks)
    assert squash("".join(b.text for b in blocks)) == squash("".join(u.text for u in units))
    assert all(b.size >= THEME.sizes.min_body for b in blocks)
    assert all(b.size <= THEME.sizes.max_body for b in blocks)
    if len(result.pages) > 1:
        assert result.size <= THEME.sizes.body  # continued pages never grow
    _assert_balanced(list(result.pages), last_block=_last_flow_block)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_text(4, 30), _text(60, 200)), min_size=1, max_size=24))
def test_questions_flow_whole_in_the_body_and_balanced(texts: list[str]) -> None:
    _check_flow(_question_units(texts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.one_of(_text(4, 40), _text(150, 250)),
            st.lists(_text(4, 60), max_size=3),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_points_flow_whole_in_the_body_and_balanced(points: list[tuple[str, list[str]]]) -> None:
    _check_flow(_point_units(points))


def test_twelve_short_questions_go_six_and_six() -> None:
    result = flow(_question_units(["本单位如何落实“两个健康”？"] * 12), BODY, SIZES, GROW)
    assert [len(page) for page in result.pages] == [6, 6]


def test_three_short_points_grow_and_open_up() -> None:
    texts = ["坚持党的全面领导", "坚持以人民为中心", "坚持新发展理念"]
    result = flow(_point_units([(t, []) for t in texts]), BODY, SIZES, GROW)
    (page,) = result.pages
    assert {b.size for b in page} == {THEME.sizes.max_body}
    gaps = [b.box.y - (a.box.y + a.box.h) for a, b in itertools.pairwise(page)]
    assert min(gaps) > 0.6 * THEME.sizes.max_body * EMU_PER_PT  # more than the usual 0.6 em
    assert used(page) <= 0.75 * BODY.h


def test_a_long_explanation_continues_under_its_marked_term() -> None:
    long = _SENTENCE * 40
    laid = term_pages(
        [CardTerm("“八八战略”", "忠实践行"), CardTerm("“重要窗口”", long)],
        BODY,
        term_sizes=[s + 2 for s in SIZES],
        explain_sizes=SIZES,
        measurer=FONTS.sans,
    )
    assert laid.split == (1,)
    heads = [
        e.text
        for p in laid.pages
        for e in p.elements
        if isinstance(e, TextBlock) and e.role == "term"
    ]
    assert heads[:2] == ["“八八战略”", "“重要窗口”"]
    assert all(h == "“重要窗口”" + CONTINUED for h in heads[2:]) and len(heads) > 2


def test_two_short_terms_grow_to_the_maximum() -> None:
    laid = term_pages(
        [CardTerm("“八八战略”", "忠实践行"), CardTerm("“重要窗口”", "努力建设")],
        BODY,
        term_sizes=[s + 2 for s in SIZES],
        explain_sizes=SIZES,
        measurer=FONTS.sans,
        grow=[(s + 2, s) for s in GROW],
    )
    (page,) = laid.pages
    assert laid.size == THEME.sizes.max_body
    assert {e.size for e in page.elements if isinstance(e, TextBlock) and e.role == "explain"} == {
        28
    }
