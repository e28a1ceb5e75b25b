"""`briefgen check` through the real command line (typer's CliRunner): exit codes and output."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"
BROKEN = ROOT / "tests" / "broken"

WARNINGS = """\
briefgen: 1
title: 学习贯彻
variables:
  unused: 没用
sections:
  - title: 空章节
  - title: 会议概况
    slides:
      - title: 同名
        points: [一]
      - title: 同名
"""


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `briefgen ARGS`."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_example_passes_from_another_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", str(EXAMPLE))
    assert code == 0, err
    assert f"{EXAMPLE}: ok, " in err
    assert "content slides, 1 warning(s)" in err  # EXAMPLE_WARNINGS: its 启示 cards
    assert f"{EXAMPLE}:89:9: sections[2].slides[3]: warning: the item texts" in err
    assert "error" not in err.replace("0 error", "")
    assert out == ""


def test_relative_path_is_reported_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BROKEN)
    code, _, err = run("check", "duplicate-key.yaml")
    assert code == 1
    assert err.startswith("duplicate-key.yaml:5:1: subtitle: key 'subtitle' appears twice")


def test_json_for_a_valid_outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "json", str(EXAMPLE))
    assert code == 0
    (report,) = json.loads(out)
    assert report["file"] == str(EXAMPLE)
    assert report["ok"] is True
    assert 25 <= report["slides"] <= 40
    assert [d["path"] for d in report["diagnostics"]] == ["sections[2].slides[3]"]


def test_json_for_a_broken_outline() -> None:
    path = BROKEN / "unknown-key-did-you-mean.yaml"
    code, out, _ = run("check", "--format", "json", str(path))
    assert code == 1
    (report,) = json.loads(out)
    assert report == {
        "file": str(path),
        "ok": False,
        "slides": None,
        "diagnostics": [
            {
                "file": str(path),
                "line": 10,
                "column": 13,
                "path": "sections[1].slides[1].items[2]",
                "severity": "error",
                "message": "unknown key 'haed' (did you mean 'head'?)",
            }
        ],
    }


def test_json_keeps_chinese_readable() -> None:
    code, out, _ = run("check", "--format", "json", str(BROKEN / "bad-ordinal.yaml"))
    assert code == 1
    assert "'个' is not allowed here" in out


def test_warnings_are_printed_in_line_order_and_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(WARNINGS, encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 0
    lines = err.splitlines()
    assert lines == [
        f"{path}:4:11: variables.unused: warning: variable 'unused' is never used",
        f"{path}:6:5: sections[1]: warning: section has no slides",
        f"{path}:9:16: sections[2].slides[1].title: warning: title '同名' is used by 2 slides "
        "in this section",
        f"{path}:11:9: sections[2].slides[2]: warning: slide has a title but no content",
        f"{path}:11:16: sections[2].slides[2].title: warning: title '同名' is used by 2 slides "
        "in this section",
        f"{path}:11: ok, 2 content slides, 5 warning(s)".replace(":11:", ":"),
    ]


def test_json_warnings_have_severity_warning(tmp_path: Path) -> None:
    path = tmp_path / "warn.yaml"
    path.write_text(WARNINGS, encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(path))
    assert code == 0
    (report,) = json.loads(out)
    assert report["ok"] is True
    assert {d["severity"] for d in report["diagnostics"]} == {"warning"}
    assert [(d["line"], d["column"]) for d in report["diagnostics"]] == [
        (4, 11),
        (6, 5),
        (9, 16),
        (11, 9),
        (11, 16),
    ]


def test_four_mistakes_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "four.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            briefgen: 1
            titel: 学习贯彻
            duration: 九十
            sections:
              - title: 会议概况
                slides:
                  - title: 要点
                    points: [一, 二]
                    quote: 全会指出
                  - title: 框架
                    items:
                      - haed: 一是
            """
        ),
        encoding="utf-8",
    )
    code, _, err = run("check", str(path))
    assert code == 1
    positions = [line.split(": ")[0] for line in err.splitlines()[:-1]]
    assert positions == [f"{path}:2:1", f"{path}:3:11", f"{path}:7:9", f"{path}:12:13"]
    assert err.splitlines()[-1] == f"{path}: 4 error(s), 0 warning(s)"


def test_several_files_in_one_call(tmp_path: Path) -> None:
    broken = BROKEN / "missing-title.yaml"
    code, _, err = run("check", str(EXAMPLE), str(broken), str(tmp_path / "nope.yaml"))
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{EXAMPLE}:89:9: ")  # the example's one warning
    assert f"{EXAMPLE}: ok, " in lines[1]
    assert f"{broken}:2:1: missing required key 'title'" in lines
    assert f"{broken}: 1 error(s), 0 warning(s)" in lines
    assert f"{tmp_path / 'nope.yaml'}: no such file; check the path" in lines
    assert lines.index(f"{broken}: 1 error(s), 0 warning(s)") < len(lines) - 1


def test_several_valid_files_exit_0(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    code, out, _ = run("check", "--format", "json", str(EXAMPLE), str(copy))
    assert code == 0
    assert [r["file"] for r in json.loads(out)] == [str(EXAMPLE), str(copy)]


def test_debug_flag_still_gives_a_message_not_a_traceback() -> None:
    code, _, err = run("--debug", "check", str(BROKEN / "python-tag.yaml"))
    assert code == 1
    assert "Traceback" not in err
    assert "is not allowed" in err


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--bogus", str(EXAMPLE)],
        ["check", "--format", "xml", str(EXAMPLE)],
        ["chekc", str(EXAMPLE)],
    ],
    ids=["no-files", "unknown-option", "bad-format", "unknown-command"],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage:" in result.output


def test_no_arguments_shows_help() -> None:
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 2
    assert "check" in result.output and "schema" in result.output


CHECK_WITHOUT_PPTX = """
import sys
from typer.testing import CliRunner
import briefgen.outline._loader
from briefgen.cli import app
result = CliRunner().invoke(app, ["check", sys.argv[1]])
assert result.exit_code == 0, result.output
loaded = sorted(name for name in sys.modules if name == "pptx" or name.startswith("pptx."))
assert not loaded, loaded
print("no pptx")
"""


def test_check_does_not_import_pptx() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK_WITHOUT_PPTX, str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "no pptx"


# ---------------------------------------------------------------- check and build agree

OVER_BUDGET = """\
briefgen: 1
title: 学习贯彻
duration: 5
variables:
  unused: 没用
sections:
  - title: 会议概况
    slides:
      - title: 一
        minutes: 4
        points: [一]
      - title: 二
        minutes: 4
        points: [二]
"""


def _check_and_build(path: Path, out: Path) -> tuple[int, list[str], int, list[str]]:
    """(exit, diagnostic lines) of `check PATH` and of `build PATH -o OUT`, via the real CLI."""
    runner = CliRunner()
    checked = runner.invoke(app, ["check", str(path)])
    built = runner.invoke(app, ["build", str(path), "-o", str(out)])
    check_lines = checked.stderr.splitlines()[:-1]  # the last line is check's summary
    return checked.exit_code, check_lines, built.exit_code, built.stderr.splitlines()


def _agreement_cases(tmp_path: Path) -> list[Path]:
    from _deckfixtures import stress_outline, write_outline

    budget = tmp_path / "over-budget.yaml"
    budget.write_text(OVER_BUDGET, encoding="utf-8")
    stress = write_outline(stress_outline(), tmp_path / "stress.yaml")
    return [EXAMPLE, budget, stress, *sorted(BROKEN.glob("*.yaml"))]


def test_check_reports_exactly_the_diagnostics_build_prints(tmp_path: Path) -> None:
    seen_warnings = 0
    for path in _agreement_cases(tmp_path):
        check_code, check_lines, build_code, build_lines = _check_and_build(
            path, tmp_path / "deck.pptx"
        )
        assert check_code == build_code, path
        assert sorted(check_lines) == sorted(build_lines), path
        seen_warnings += sum(": warning: " in line for line in check_lines)
    assert seen_warnings >= 3  # the comparison saw warnings of every kind, not just silence


def test_check_warns_when_the_minutes_exceed_the_duration(tmp_path: Path) -> None:
    path = tmp_path / "over-budget.yaml"
    path.write_text(OVER_BUDGET, encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 0
    assert (
        f"{path}:3:11: duration: warning: slides budget 8 minutes, more than the session's 5"
        in err.splitlines()
    )
    assert err.splitlines()[-1] == f"{path}: ok, 2 content slides, 2 warning(s)"


def test_check_lints_each_outline_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.build._check as check_module
    import briefgen.outline as outline_package
    import briefgen.outline._loader as loader

    real = loader.lint_outline
    calls: list[str] = []

    def counting(loaded: object) -> object:
        calls.append(str(getattr(loaded, "file", "")))
        return real(loaded)  # type: ignore[arg-type]

    for module in (loader, outline_package, check_module):
        monkeypatch.setattr(module, "lint_outline", counting, raising=False)
    code, _, _ = run("check", str(EXAMPLE))
    assert code == 0
    assert calls == [str(EXAMPLE)]
