"""Contact sheets of the example deck built on each test template, for docs/templates.md.

Run: .venv/bin/python docs/templates/sheets.py (needs soffice and pdftoppm). Builds the
example brief on every template in tests/fixtures/templates/, converts each deck with
LibreOffice and writes `<template>.png` here: the first twelve slides, four to a row.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
EXAMPLE = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
TEMPLATES = REPO / "tests" / "fixtures" / "templates"


def sheet(pages: list[Path], out: Path, columns: int = 4, gap: int = 6) -> None:
    images = [Image.open(page).convert("RGB") for page in pages]
    w, h = images[0].size
    rows = (len(images) + columns - 1) // columns
    canvas = Image.new(
        "RGB", (columns * w + (columns + 1) * gap, rows * h + (rows + 1) * gap), "#808080"
    )
    for i, image in enumerate(images):
        canvas.paste(image, (gap + (i % columns) * (w + gap), gap + (i // columns) * (h + gap)))
    canvas.save(out, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for template in sorted(TEMPLATES.glob("*.p?tx")):
            deck = folder / f"{template.stem}.pptx"
            subprocess.run(
                [sys.executable, "-m", "briefgen", "build", str(EXAMPLE), "-o", str(deck),
                 "--template", str(template)],
                check=True, capture_output=True,
            )  # fmt: skip
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless",
                 "--convert-to", "pdf", "--outdir", tmp, str(deck)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            prefix = folder / template.stem
            subprocess.run(
                ["pdftoppm", "-r", "24", "-png", "-f", "1", "-l", "12",
                 str(deck.with_suffix(".pdf")), str(prefix)],
                check=True,
            )  # fmt: skip
            pages = sorted(folder.glob(f"{template.stem}-*.png"))
            out = HERE / f"{template.stem}.png"
            sheet(pages, out)
            print(f"{out.relative_to(REPO)}: {len(pages)} slides")


if __name__ == "__main__":
    main()
