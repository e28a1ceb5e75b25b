"""Hostile class 3, templates: whatever an outline, roster or theme footer writes, filling in
stays within bounded memory and time and ends in a positioned error, never an internal one."""

from __future__ import annotations

from pathlib import Path

import pytest
from _hostile_run import refused, run_limited

from briefgen.districts import DistrictValue, render
from briefgen.districts._jinja import MAX_NESTING

OUTLINE = """\
briefgen: 1
title: 标题
variables: {{presenter: 张三, district: 鹿城区}}
sections:
  - title: 第一部分
    slides:
      - title: 要点
        points:
          - "{text}"
"""

ROSTER = "districts:\n  - name: 鹿城区\n    presenter: 李四\n"

HOSTILE = {
    "list-times-huge": "{{ [('a'*100000)]*100000 }}",
    "list-times-huge-length": "{{ ([('a'*100000)]*100000)|string|length }}",
    "text-plus-text": "{{ 'a'*99999 + 'b'*99999 }}",
    "many-repeats": "{{ " + " ~ ".join(["('a'*90000)"] * 20) + " }}",
    "long-integer": "{{ " + "9" * 5000 + " }}",
    "nested-parentheses": "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
    "nested-ifs": "{% if 1 %}" * 200 + "x" + "{% endif %}" * 200,
    "bound-method": "{{ district.name.upper }}",
    "class": "{{ presenter.__class__ }}",
    "list-value": "{{ [1, 2] }}",
    "percent-format": "{{ '%s' % presenter }}",
}


def write(folder: Path, text: str) -> None:
    (folder / "o.yaml").write_text(OUTLINE.format(text=text), encoding="utf-8")
    (folder / "r.yaml").write_text(ROSTER, encoding="utf-8")


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_templates_are_positioned_errors_within_bounds(tmp_path: Path, text: str) -> None:
    write(tmp_path, text)
    built = run_limited(["build", "o.yaml"], tmp_path)
    refused(built, r"o.yaml:9:\d+")
    district = run_limited(
        ["build", "o.yaml", "--roster", "r.yaml", "--district", "鹿城区"], tmp_path
    )
    refused(district, r"o.yaml:9:\d+")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_method_is_not_printed_and_builds_stay_byte_identical(tmp_path: Path) -> None:
    write(tmp_path, "{{ district.name.upper }}")
    message = refused(run_limited(["build", "o.yaml"], tmp_path), "o.yaml:9:14")
    assert "method" in message and "|upper" in message
    write(tmp_path, "{{ district.name|upper }}讲")
    first = run_limited(["build", "o.yaml", "-o", "a.pptx"], tmp_path)
    second = run_limited(["build", "o.yaml", "-o", "b.pptx"], tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


def test_a_roster_value_multiplied_by_placeholders_is_bounded(tmp_path: Path) -> None:
    big = "长" * 90_000
    points = "\n".join("          - '{{ presenter }}'" for _ in range(15))
    (tmp_path / "o.yaml").write_text(
        OUTLINE.format(text="x").replace('          - "x"', points), encoding="utf-8"
    )
    (tmp_path / "r.yaml").write_text(
        f"districts:\n  - name: 鹿城区\n    presenter: {big}\n", encoding="utf-8"
    )
    done = run_limited(["build", "o.yaml", "--roster", "r.yaml", "--district", "鹿城区"], tmp_path)
    assert "over 200,000 characters" in refused(done, "o.yaml:7:9")


def test_filling_in_is_bounded_for_the_whole_outline(tmp_path: Path) -> None:
    big = "长" * 90_000
    slides = "\n".join(
        f"      - title: 第{n}页\n        points: ['{{{{ presenter }}}}', '{{{{ presenter }}}}']"
        for n in range(20)
    )
    (tmp_path / "o.yaml").write_text(
        "briefgen: 1\ntitle: 标题\nvariables: {presenter: 张三}\nsections:\n"
        f"  - title: 一\n    slides:\n{slides}\n",
        encoding="utf-8",
    )
    (tmp_path / "r.yaml").write_text(
        f"districts:\n  - name: 鹿城区\n    presenter: {big}\n", encoding="utf-8"
    )
    done = run_limited(["build", "o.yaml", "--roster", "r.yaml", "--district", "鹿城区"], tmp_path)
    assert "over 2,000,000 characters longer" in refused(done, r"o.yaml:\d+:\d+")


def test_a_footer_format_spec_is_a_positioned_theme_error(tmp_path: Path) -> None:
    write(tmp_path, "一")
    for spec in ("{organiser:>3000000000}", "{organiser.__class__}", "{organiser!r}", "{0}"):
        (tmp_path / "t.yaml").write_text(
            f'extends: party-red\nname: t\nfooter:\n  text: "{spec}"\n', encoding="utf-8"
        )
        done = run_limited(["build", "o.yaml", "--theme", "t.yaml"], tmp_path)
        assert "not a footer field" in refused(done, "t.yaml:4:9")


@pytest.mark.parametrize("depth", [MAX_NESTING - 2])
def test_reasonable_templates_still_work(depth: int) -> None:
    context = {"presenter": "张三", "district": DistrictValue("鹿城区", {})}
    assert render("{{ district.name|upper }}·{{ presenter }}", context) == "鹿城区·张三"
    nested = "{% if 1 %}" * depth + "是" + "{% endif %}" * depth
    assert render(nested, context) == "是"
    assert render("{{ ((1 + 2) * 3) }}、{{ 'ab' * 3 }}", context) == "9、ababab"
