"""Plain placeholders are filled in without Jinja2, exactly as the sandboxed engine would."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.districts import DistrictValue, TemplateProblem, plain_parts, render, render_full

NAMES = st.sampled_from(["presenter", "organiser", "date", "place", "district", "missing"])
TEXT = st.text(alphabet="全会强调温州ab {}%#\n|.", max_size=12)


@st.composite
def templates(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(TEXT, NAMES, st.booleans(), st.booleans()), max_size=5))
    out = ""
    for text, name, spaced, attribute in pieces:
        gap = " " if spaced else ""
        out += text + "{{" + gap + name + (".name" if attribute else "") + gap + "}}"
    return out + draw(TEXT)


VARIABLES = {
    "presenter": "张三",
    "organiser": "中共××区委宣传部",
    "date": "二〇二〇年十二月",
    "place": "报告厅",
    "district": DistrictValue("鹿城区", {"presenter": "张三"}),
}


@given(templates())
def test_the_fast_path_agrees_with_the_engine(source: str) -> None:
    def outcome(fill: object) -> tuple[str, str]:
        try:
            return "ok", fill(source, VARIABLES)  # type: ignore[operator]
        except TemplateProblem as problem:
            return "problem", problem.message

    assert outcome(render) == outcome(render_full)


def test_plain_names_are_recognised_and_the_rest_goes_to_the_engine() -> None:
    assert plain_parts("主讲：{{ presenter }}") == (("主讲：", "presenter", False), ("", "", False))
    assert plain_parts("{{district.name}}区") == (("", "district", True), ("区", "", False))
    assert plain_parts("{{ presenter|upper }}") is None
    assert plain_parts("{% if district == '鹿城区' %}x{% endif %}") is None
    assert plain_parts("{{ ''.__class__ }}") is None
    with pytest.raises(TemplateProblem, match="refused"):
        render("{{ ''.__class__ }}", VARIABLES)
    with pytest.raises(TemplateProblem, match="not defined"):
        render("{{ presentr }}", VARIABLES)


def test_expanding_plain_placeholders_does_not_import_jinja() -> None:
    code = (
        "import sys\n"
        "from briefgen.districts._template import render, DistrictValue\n"
        "assert render('{{ district }}：{{ presenter }}', "
        "{'district': DistrictValue('洞头区', {}), 'presenter': '李四'}) == '洞头区：李四'\n"
        "assert 'jinja2' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
