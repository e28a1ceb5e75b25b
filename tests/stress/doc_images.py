"""The documentation's pictures of the example deck, rebuilt from the current code.

    .venv/bin/python tests/stress/doc_images.py [--out docs]

- `docs/themes/NAME.png`: the example deck in each look (party-red, gongwen, gov-blue), every
  slide, six a row (docs/themes.md);
- `docs/slides-4x3.png`: the example on 4:3 slides (tests/fixtures/party-red-4x3.yaml);
- `docs/slides.png`: the README's four slides of the example (cover, agenda, the 五大新坐标
  framework, the second key-terms slide), found by title, two by two at 60 dpi.

Same pipeline as contact_sheets.py (build, one soffice call, `pdftoppm`, Pillow).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from contact_sheets import REPO, _convert, _pages, sheet

EXAMPLE = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
LOOKS = ("party-red", "gongwen", "gov-blue")
README_SLIDES = ("目录", "五大新坐标", "关键提法（二）")
"""Titles of the README's slides after the cover (the cover is slide 1)."""


def _readme_pages(pptx: Path, pdf: Path, folder: Path) -> list[Path]:
    """The cover and the README_SLIDES, each rendered at 60 dpi."""
    from pptx import Presentation

    titles = [
        next((re.sub(r"\s", "", s.text_frame.text) for s in slide.shapes
              if s.name.startswith("title ") and s.has_text_frame), "")
        for slide in Presentation(str(pptx)).slides
    ]  # fmt: skip
    numbers = [1] + [titles.index(title) + 1 for title in README_SLIDES]
    out = []
    for n in numbers:
        prefix = folder / "readme" / f"s{n}"
        prefix.parent.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(n), "-l", str(n), "-singlefile",
                        str(pdf), str(prefix)], check=True, timeout=120)  # fmt: skip
        out.append(prefix.with_suffix(".png"))
    return out


def grid(pages: list[Path], target: Path, gap: int = 12) -> Path:
    """Tile four slide images two by two on a light grey ground."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in pages]
    w, h = images[0].size
    canvas = Image.new("RGB", (2 * w + 3 * gap, 2 * h + 3 * gap), "#e8e8e8")
    for i, image in enumerate(images):
        canvas.paste(image, (gap + (i % 2) * (w + gap), gap + (i // 2) * (h + gap)))
    canvas.save(target, optimize=True)
    return target


def main(argv: list[str] | None = None) -> int:
    """Build the example in each look and on 4:3, render, tile; print each picture's size."""
    from briefgen.build import build_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="doc-images-") as tmp:
        folder = Path(tmp)
        decks = {look: folder / f"{look}.pptx" for look in LOOKS}
        decks["4x3"] = folder / "4x3.pptx"
        for look in LOOKS:
            build_file(EXAMPLE, decks[look], theme=look)
        build_file(EXAMPLE, decks["4x3"], theme=str(REPO / "tests/fixtures/party-red-4x3.yaml"))
        _convert(list(decks.values()), folder)
        pdf = {name: folder / "pdf" / f"{p.stem}.pdf" for name, p in decks.items()}
        targets = [
            *(sheet([(look, _pages(pdf[look], folder))], args.out / "themes" / f"{look}.png")
              for look in LOOKS),
            sheet([("4:3", _pages(pdf["4x3"], folder))], args.out / "slides-4x3.png"),
            grid(_readme_pages(decks["party-red"], pdf["party-red"], folder),
                 args.out / "slides.png"),
        ]  # fmt: skip
        for target in targets:
            print(f"{target}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
