"""Property tests: generated outlines round-trip through YAML and the loader; garbage never crashes.

Round trip: random sections and slides over every content kind, with random Chinese and ASCII
text, dumped with `yaml.safe_dump` → `load_outline` → the model holds exactly the same values.
Robustness: random bytes, random text and random YAML-shaped data raise `BriefgenError` or load,
never anything else, and every error names a position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from briefgen.errors import BriefgenError
from briefgen.outline import load_outline

PICTURE = "pic.png"

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
PUNCT = st.sampled_from(list("　，。；：“”‘’（）《》、—…·！？\n\t {}[]&*!|>%@`#-:'\"\\"))
WIDE = st.characters(
    exclude_categories=("Cs", "Cc", "Co", "Cn"),
    exclude_characters="\u2028\u2029\ufeff\ufffe\uffff",
)
CHAR = st.one_of(CJK, CJK, ASCII, PUNCT, WIDE)

TEXT = st.text(CHAR, min_size=1, max_size=24)
"""Non-empty text, as every required text field wants."""

MAYBE_TEXT = st.text(CHAR, max_size=24)
"""Optional text fields may be empty."""

SHORT = st.lists(TEXT, min_size=1, max_size=3)


def points() -> st.SearchStrategy[list[Any]]:
    full = st.fixed_dictionaries({"text": TEXT}, optional={"sub": st.lists(TEXT, max_size=3)})
    return st.lists(st.one_of(TEXT, full), min_size=1, max_size=4)


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    width = draw(st.integers(1, 4))
    row = st.lists(MAYBE_TEXT, min_size=width, max_size=width)
    return {"header": draw(row), "rows": draw(st.lists(row, max_size=3))}


CONTENT: dict[str, st.SearchStrategy[Any]] = {
    "points": points(),
    "items": st.lists(
        st.fixed_dictionaries({"head": TEXT}, optional={"text": MAYBE_TEXT}),
        min_size=1,
        max_size=5,
    ),
    "quote": st.one_of(
        TEXT, st.fixed_dictionaries({"text": TEXT}, optional={"attribution": MAYBE_TEXT})
    ),
    "terms": st.lists(
        st.fixed_dictionaries({"term": TEXT}, optional={"explain": MAYBE_TEXT}),
        min_size=1,
        max_size=4,
    ),
    "questions": SHORT,
    "table": tables(),
    "image": st.one_of(
        st.just(PICTURE),
        st.fixed_dictionaries({"path": st.just(PICTURE)}, optional={"caption": MAYBE_TEXT}),
    ),
}


@st.composite
def slides(draw: st.DrawFn) -> dict[str, Any]:
    slide: dict[str, Any] = {"title": draw(TEXT)}
    kind = draw(st.sampled_from([*CONTENT, None]))
    if kind is not None:
        slide[kind] = draw(CONTENT[kind])
    if kind == "items" and draw(st.booleans()):
        slide["ordinal"] = draw(st.sampled_from(["是", "要", "、", "第", "（）"]))
    if draw(st.booleans()):
        slide["notes"] = draw(st.text(CHAR, max_size=80))
    if draw(st.booleans()):
        slide["minutes"] = draw(st.floats(min_value=0.25, max_value=600))
    which = draw(st.sampled_from([None, "only", "except"]))
    if which:
        slide[which] = draw(SHORT)
    return slide


SECTIONS = st.lists(
    st.fixed_dictionaries(
        {"title": TEXT, "slides": st.lists(slides(), max_size=4)},
        optional={"lead": MAYBE_TEXT},
    ),
    min_size=1,
    max_size=4,
)

META = ["subtitle", "kicker", "meeting", "source", "organiser", "presenter", "date", "place"]

OUTLINES = st.fixed_dictionaries(
    {"briefgen": st.just(1), "title": TEXT, "sections": SECTIONS},
    optional={
        **{key: MAYBE_TEXT for key in META},
        "duration": st.integers(1, 600),
        "variables": st.dictionaries(st.text(CHAR, min_size=1, max_size=8), MAYBE_TEXT),
    },
)


def expected(data: Any, key: str = "") -> Any:
    """The generated data as the model dumps it: short forms spelled out in full."""
    if key == "variables":
        return data  # names and values, never content: a variable may be called "quote"
    if key in {"points"}:
        return [{"text": p} if isinstance(p, str) else expected(p) for p in data]
    if key == "quote" and isinstance(data, str):
        return {"text": data}
    if key == "image" and isinstance(data, str):
        return {"path": data}
    if isinstance(data, dict):
        return {k: expected(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [expected(v) for v in data]
    return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("properties")
    Image.new("RGB", (8, 6), "red").save(path / PICTURE)  # images are decoded when loaded
    return path


def attempt(path: Path) -> None:
    """Load `path`; a `BriefgenError` is fine as long as each diagnostic is positioned."""
    try:
        load_outline(path)
    except BriefgenError as exc:
        assert exc.diagnostics
        for diagnostic in exc.diagnostics:
            assert diagnostic.file == str(path)
            assert diagnostic.message
            assert diagnostic.line is not None and diagnostic.line >= 1, diagnostic
            assert diagnostic.column is not None and diagnostic.column >= 1, diagnostic


COMMON = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(data=OUTLINES)
def test_generated_outlines_round_trip(folder: Path, data: dict[str, Any]) -> None:
    path = folder / "generated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_outline(path)
    dumped = loaded.outline.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == expected(data)


@COMMON
@given(data=OUTLINES)
def test_every_slide_title_is_positioned_on_its_key(folder: Path, data: dict[str, Any]) -> None:
    path = folder / "positions.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    loaded = load_outline(path)
    lines = text.splitlines()
    for s, section in enumerate(loaded.outline.sections):
        for k, _ in enumerate(section.slides):
            pos = loaded.source_map.position(("sections", s, "slides", k, "title"), key=True)
            assert pos is not None
            assert lines[pos.line - 1][pos.column - 1 :].startswith("title:")


@COMMON
@given(raw=st.binary(max_size=400))
def test_random_bytes_never_crash(folder: Path, raw: bytes) -> None:
    path = folder / "bytes.yaml"
    path.write_bytes(raw)
    attempt(path)


TOKENS = [
    "briefgen: 1\n", "title: ", "sections:\n", "  - ", "slides:", "points:", "&a ", "*a",
    "!!str ", "!!python/name:os.system ", "<<: ", "---\n", "? ", ": ", "\n  ", "\t",
    "{{ x }}", "\x07", "\ufeff", "\u2028", "\x85", "\ud7ff",
]  # fmt: skip
"""Pieces of YAML syntax (and a few hostile characters) to build text that nearly parses."""

YAMLISH = st.lists(st.one_of(CHAR, st.sampled_from(TOKENS)), max_size=60).map("".join)


@COMMON
@given(text=YAMLISH)
def test_random_yaml_like_text_never_crashes(folder: Path, text: str) -> None:
    path = folder / "text.yaml"
    path.write_text(text, encoding="utf-8")
    attempt(path)


KEYS = st.sampled_from(
    ["briefgen", "title", "sections", "slides", "points", "items", "head", "text", "sub",
     "quote", "terms", "term", "questions", "table", "header", "rows", "image", "path", "only",
     "except", "ordinal", "minutes", "notes", "variables", "lead", "duration", "haed"]
)  # fmt: skip
LEAVES = st.one_of(
    st.none(),
    TEXT,
    st.integers(-2, 3),
    st.floats(allow_nan=True),
    st.booleans(),
    st.sampled_from(["", "{{ x }}", PICTURE, "是", "1"]),
)
SHAPES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=10,
)


@settings(COMMON, max_examples=40)
@given(
    data=st.fixed_dictionaries(
        {"briefgen": st.sampled_from([1, "1", 2, None, [1]]), "title": LEAVES},
        optional={
            "sections": st.lists(
                st.fixed_dictionaries(
                    {"title": LEAVES},
                    optional={"slides": st.lists(st.dictionaries(KEYS, SHAPES, max_size=4))},
                ),
                max_size=3,
            ),
            "variables": SHAPES,
        },
    )
)
def test_wrongly_shaped_outlines_give_positioned_errors(folder: Path, data: dict[str, Any]) -> None:
    path = folder / "shapes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    attempt(path)
