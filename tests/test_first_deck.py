"""docs/first-deck.md, followed step by step: its commands work and its messages are real.

The walkthrough drafts the county report that ships with briefgen, fills in the cover with the
block the page shows, builds, and makes four district decks from the page's Excel roster
(tests/fixtures/rosters/名单.xlsx, made by make.sh); the three mistakes it quotes are made
here and must print exactly the lines the page shows.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen.cli import app

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "docs" / "first-deck.md").read_text(encoding="utf-8")
ROSTERS = REPO / "tests" / "fixtures" / "rosters"
TODO = "# TODO: organiser:, presenter:, place:, audience: (see docs/outline-format.md)\n"


def page_messages() -> list[str]:
    """The messages the page quotes, in order (its ```text blocks)."""
    return [block.strip() for block in re.findall(r"```text\n(.*?)```", PAGE, re.S)]


def cover_block() -> str:
    """The cover fields the page tells the trainer to write (its first yaml block)."""
    block = re.search(r"```yaml\n(.*?)```", PAGE, re.S)
    assert block is not None
    return "\n".join(line.removeprefix("  ") for line in block.group(1).splitlines()) + "\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The trainer's folder after steps 1–3: 公报.txt and the reviewed 公报.yaml."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(REPO / "tests" / "fixtures" / "draft" / "county-report.txt", "公报.txt")
    code, output = run("draft", "公报.txt")
    assert code == 0, output
    drafted = Path("公报.yaml").read_text(encoding="utf-8")
    assert TODO in drafted  # the page's step 3 fills in what this TODO asks for
    Path("公报.yaml").write_text(drafted.replace(TODO, cover_block()), encoding="utf-8")
    return tmp_path


def test_the_walkthrough_builds_a_deck_and_four_district_decks(folder: Path) -> None:
    assert run("check", "公报.yaml", "--source", "公报.txt")[0] == 0
    code, output = run("build", "公报.yaml")
    assert code == 0 and (folder / "out" / "公报.pptx").is_file(), output
    shutil.copy(ROSTERS / "名单.xlsx", folder / "名单.xlsx")
    code, output = run("batch", "公报.yaml", "--roster", "名单.xlsx")
    assert code == 0, output
    decks = sorted(p.name for p in (folder / "out" / "公报").glob("*.pptx"))
    assert decks == sorted(["鹿城区.pptx", "龙湾区.pptx", "瓯海区.pptx", "洞头区.pptx"])
    code, output = run("build", "公报.yaml", "--roster", "名单.xlsx", "--district", "洞头区")
    assert code == 0 and output.startswith(str(Path("out") / "公报" / "洞头区.pptx")), output


def test_the_three_mistakes_print_what_the_page_shows(folder: Path) -> None:
    indented, misspelt, column = page_messages()[:3]
    good = Path("公报.yaml").read_text(encoding="utf-8")
    Path("公报.yaml").write_text(
        good.replace(
            "        ordinal: 要\n        items:", "        ordinal: 要\n          items:", 1
        ),
        encoding="utf-8",
    )
    code, output = run("check", "公报.yaml")
    assert code == 1 and indented in output.splitlines(), output
    Path("公报.yaml").write_text(good.replace("        points:", "        pionts:", 1), "utf-8")
    code, output = run("check", "公报.yaml")
    assert code == 1 and misspelt in output.splitlines(), output
    Path("公报.yaml").write_text(good, encoding="utf-8")
    shutil.copy(ROSTERS / "名单-主讲人员.xlsx", folder / "名单.xlsx")
    code, output = run("batch", "公报.yaml", "--roster", "名单.xlsx")
    assert code == 1 and column in " ".join(output.split()), output
    assert not (folder / "out" / "公报").exists() or not list(
        (folder / "out" / "公报").glob("*.pptx")
    )
