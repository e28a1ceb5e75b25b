"""PDF output through LibreOffice: the handout (Writer) and the deck (Impress), for real.

The example's handout converted by `briefgen handout -o x.pdf` embeds its CJK fonts
(`pdffonts`) and sets no word outside the 156 × 225 mm text block (`pdftotext -bbox`);
`build --format pdf` gives one page per slide. Without LibreOffice on PATH both commands stop
with the Debian package to install, exit 1, and write nothing. Skipped on a developer machine
without soffice/poppler; with CI set they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _deckfixtures import EXAMPLE, PDF_TOOLS
from typer.testing import CliRunner

from briefgen.build import face_warnings
from briefgen.cli import app

MM = 72 / 25.4
LEFT, TOP, WIDTH, HEIGHT = 28 * MM, 37 * MM, 156 * MM, 225 * MM
TOLERANCE = 1.0  # pt
HANGING = "，。、；：！？”’）》"
MISSING = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]
needs_libreoffice = pytest.mark.skipif(
    bool(MISSING) and not os.environ.get("CI"),
    reason=f"{', '.join(MISSING)} not installed; CI runs the LibreOffice tests",
)


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


@pytest.fixture(scope="module")
def handout_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if MISSING:
        pytest.fail(f"CI is set but {', '.join(MISSING)} are not installed")
    out = tmp_path_factory.mktemp("pdf") / "handout.pdf"
    result = CliRunner().invoke(app, ["handout", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@needs_libreoffice
def test_handout_pdf_embeds_cjk_fonts(handout_pdf: Path) -> None:
    rows = run("pdffonts", str(handout_pdf)).splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), rows  # the emb column
    names = " ".join(row.split()[0] for row in rows)
    assert re.search(r"CJK|Kai|Fang|Song|Hei", names), names
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(handout_pdf)), re.M)[1])  # type: ignore[index]
    assert 6 <= pages <= 20


@needs_libreoffice
def test_nothing_is_set_outside_the_text_block(handout_pdf: Path) -> None:
    html = run("pdftotext", "-bbox", str(handout_pdf), "-")
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    assert len(words) > 300  # a CJK "word" is a run of text between spaces
    for x0, y0, x1, y1, word in words:
        assert float(x0) >= LEFT - TOLERANCE, word
        right = LEFT + WIDTH + TOLERANCE
        if float(x1) > right:
            # LibreOffice hangs a closing mark (、。，) past the edge rather than start a line
            # with it, whatever w:overflowPunct says (Word keeps it in): one mark, no more
            assert word[-1] in HANGING and float(x1) <= right + 16, (word, x1)
        assert float(y0) >= TOP - TOLERANCE, word
        if float(y1) > TOP + HEIGHT + TOLERANCE:  # below the text block: the page number only
            assert re.fullmatch(r"—|\d+", word), word


@needs_libreoffice
def test_build_format_pdf_gives_one_page_per_slide(tmp_path: Path) -> None:
    if MISSING:
        pytest.fail(f"CI is set but {', '.join(MISSING)} are not installed")
    out = tmp_path / "deck.pdf"
    result = CliRunner().invoke(app, ["build", str(EXAMPLE), "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0, result.output
    slides = int(re.search(r": (\d+) slides", result.output)[1])  # type: ignore[index]
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(out)), re.M)[1])  # type: ignore[index]
    assert pages == slides


@pytest.mark.parametrize(
    ("command", "package"),
    [
        (["handout", "-o", "x.pdf"], "libreoffice-writer"),
        (["build", "--format", "pdf"], "libreoffice-impress"),
    ],
)
def test_without_libreoffice_the_error_names_the_package(
    command: list[str], package: str, tmp_path: Path
) -> None:
    bin_dir = Path(sys.executable).parent  # the venv's briefgen, and no soffice
    env = {**os.environ, "PATH": str(bin_dir)}
    args = [str(bin_dir / "briefgen"), command[0], str(EXAMPLE), *command[1:]]
    done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"sudo apt-get install {package}" in done.stderr
    assert "LibreOffice" in done.stderr
    assert "Traceback" not in done.stderr and "<input>" not in done.stderr
    assert list(tmp_path.rglob("*.pdf")) == []


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig not installed")
def test_a_face_that_would_fall_back_is_named_with_its_package() -> None:
    warnings = face_warnings(["Noto Sans CJK SC", "FandolFang", "Briefgen Nosuch Face"], "h.pdf")
    faces = " ".join(w.message for w in warnings)
    assert "Noto Sans CJK SC" not in faces  # installed (fonts-noto-cjk)
    assert "Briefgen Nosuch Face" in faces
    assert all(w.severity == "warning" and w.file == "h.pdf" for w in warnings)
    fandol = [w for w in warnings if "FandolFang" in w.message]
    if fandol:  # not installed here: the package that provides it is named
        assert "apt-get install texlive-lang-chinese" in fandol[0].message
