"""Fuzz: outlines, rosters and themes generated from the schema, seeded with hostile strings
(escapes, invisible characters, templates that try to exhaust memory or print methods, format
specs), checked and built in-process. Nothing may end in an internal error or a message with
a Python repr or `<input>`, and `check` and `build` must agree on whether an outline is good.
2,000 examples on CI (CI set), 150 locally."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import build_file, check_file
from briefgen.errors import BriefgenError, Diagnostic

EXAMPLES = 2_000 if os.environ.get("CI") else 150

HOSTILE = [
    "\x1b]0;PWNED\x1b\\",
    "\x1b[2J",
    "\x1b]52;c;cm0gLXJmIH4K\x07",
    "\x9b31m",
    "\x00",
    "\x07",
    "\r",
    "\uffff",
    "\u202e反转",
    "\u200b",
    "\u2066隔离\u2069",
    "{{ [('a'*100000)]*100000 }}",
    "{{ ([('a'*100000)]*100000)|string|length }}",
    "{{ district.name.upper }}",
    "{{ presenter.__class__ }}",
    "{{ " + "9" * 500 + " }}",
    "{{ " + "(" * 300 + "1" + ")" * 300 + " }}",
    "{% if 1 %}" * 40 + "x" + "{% endif %}" * 40,
    "{{ presenter }}",
    "{{ district }}",
    "{{ missing }}",
    "{organiser:>3000000000}",
    "{{",
    "}}",
    "{% raw %}",
    "&lt;<script>&amp;",
    "]]>",
    "%s%s%n",
    "坚持党的领导",
    "“两个维护”",
    "（一）",
]
"""Strings that attack the terminal, the template sandbox, XML and format strings."""

TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.sampled_from(HOSTILE)),
)

CONTENT: dict[str, st.SearchStrategy[Any]] = {
    "points": st.lists(TEXT, min_size=1, max_size=3),
    "items": st.lists(st.fixed_dictionaries({"head": TEXT, "text": TEXT}), min_size=1, max_size=3),
    "quote": TEXT,
    "terms": st.lists(
        st.fixed_dictionaries({"term": TEXT, "explain": TEXT}), min_size=1, max_size=3
    ),
    "questions": st.lists(TEXT, min_size=1, max_size=3),
    "table": st.integers(1, 3).flatmap(
        lambda n: st.fixed_dictionaries(
            {
                "header": st.lists(TEXT, min_size=n, max_size=n),
                "rows": st.lists(st.lists(TEXT, min_size=n, max_size=n), min_size=1, max_size=2),
            }
        )
    ),
}


@st.composite
def slides(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(CONTENT)))
    slide: dict[str, Any] = {"title": draw(TEXT), kind: draw(CONTENT[kind])}
    if draw(st.booleans()):
        slide["notes"] = draw(TEXT)
    return slide


OUTLINES = st.fixed_dictionaries(
    {
        "briefgen": st.just(1),
        "title": TEXT,
        "sections": st.lists(
            st.fixed_dictionaries(
                {"title": TEXT, "slides": st.lists(slides(), min_size=1, max_size=2)}
            ),
            min_size=1,
            max_size=2,
        ),
    },
    optional={
        "organiser": TEXT,
        "presenter": TEXT,
        "date": TEXT,
        "variables": st.fixed_dictionaries({"presenter": TEXT, "district": TEXT}),
    },
)

ROSTERS = st.lists(
    st.fixed_dictionaries({"name": TEXT}, optional={"presenter": TEXT, "organiser": TEXT}),
    min_size=1,
    max_size=2,
)

THEMES = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"extends": st.just("party-red"), "name": TEXT},
        optional={"label": TEXT, "footer": st.fixed_dictionaries({"text": TEXT})},
    ),
)

_REPR = re.compile(r"<[\w.]+ object at 0x|<built-in |<function |<class '|<module ")


def acceptable(diagnostics: tuple[Diagnostic, ...]) -> None:
    for diagnostic in diagnostics:
        text = str(diagnostic)
        assert "internal error" not in text, text
        assert "<input>" not in text and "site-packages" not in text, text
        assert not _REPR.search(text), text
        assert diagnostic.file is not None, text


def dump(data: Any, path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(outline=OUTLINES, roster=ROSTERS, theme=THEMES, use_roster=st.booleans())
def test_check_and_build_agree_and_never_fail_internally(
    folder: Path, outline: dict[str, Any], roster: list[Any], theme: Any, use_roster: bool
) -> None:
    path = dump(outline, folder / "o.yaml")
    theme_path = str(dump(theme, folder / "t.yaml")) if theme is not None else None
    checked = check_file(path)
    acceptable(checked.diagnostics)
    out = folder / "deck.pptx"
    out.unlink(missing_ok=True)
    errors: tuple[Diagnostic, ...] = ()
    try:
        build_file(path, out, theme=theme_path)
    except BriefgenError as exc:
        acceptable(exc.diagnostics)
        errors = exc.diagnostics
    built_ok = not errors
    assert out.exists() == built_ok
    if built_ok:  # what check refuses, build refuses
        assert not checked.failed, checked.diagnostics
    elif not checked.failed and theme is None:
        # What check passes, build writes, but for variables a roster must supply (a warning
        # in check) and themes (check does not read them).
        assert all("is not defined" in d.message for d in errors), errors
    if use_roster:
        roster_path = dump({"districts": roster}, folder / "r.yaml")
        name = roster[0]["name"]
        try:
            build_file(path, out, theme=theme_path, roster=roster_path, district=name)
        except BriefgenError as exc:
            acceptable(exc.diagnostics)
