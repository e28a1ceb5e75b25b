"""Every outline in tests/broken/ fails `check` with exit 1 at the position its first line names.

Each file starts with `# expect: LINE:COL: fragment`; the fragment must appear in the message
printed at exactly `FILE:LINE:COL`, and no traceback may reach the trainer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import OutlineError
from briefgen.outline import load_outline

BROKEN = Path(__file__).parent / "broken"
FILES = sorted(BROKEN.glob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+): (.+)\n")


def expectation(path: Path) -> tuple[int, int, str]:
    """(line, column, message fragment) from the file's `# expect:` comment."""
    match = EXPECT.match(path.read_bytes())
    assert match, f"{path.name} must start with '# expect: LINE:COL: fragment'"
    return int(match[1]), int(match[2]), match[3].decode("utf-8")


def test_folder_has_one_file_per_failure_kind() -> None:
    assert len(FILES) >= 15
    assert len({expectation(p)[2] for p in FILES}) == len(FILES)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_check_reports_position_and_exits_1(path: Path) -> None:
    line, column, fragment = expectation(path)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    prefix = f"{path}:{line}:{column}: "
    printed = [text for text in result.output.splitlines() if text.startswith(prefix)]
    assert printed, f"no message at {prefix!r} in:\n{result.output}"
    assert any(fragment in text for text in printed), result.output


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_loader_raises_outline_error_first_at_expected_position(path: Path) -> None:
    line, column, fragment = expectation(path)
    with pytest.raises(OutlineError) as caught:
        load_outline(path)
    first = caught.value.diagnostics[0]
    assert (first.file, first.line, first.column) == (str(path), line, column)
    assert fragment in first.message
    assert first.severity == "error"
