"""Contact sheets of the stress corpus: every stress outline built, rendered by LibreOffice and
tiled into one PNG per outline in docs/stress/NAME.png, to look at.

    .venv/bin/python tests/stress/contact_sheets.py [NAME.yaml …] [--out docs/stress]

With no outline named, every outline of tests/stress/ (an `X-roster.yaml` makes `X.yaml` a
batch build: all its districts' decks go on one sheet, one row-group per district) and the
example brief. All decks are converted by one soffice call; pages are rendered with
`pdftoppm -r 50` and tiled with Pillow, six slides a row, numbered, in a 256-colour PNG so a
sheet stays small (about 400 KB at most).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
COLUMNS = 6
THUMB_W = 256
"""Width of one slide on the sheet, in pixels."""
GAP = 8
LABEL_H = 22
MAX_BYTES = 400_000


def _decks(outline: Path, roster: Path | None, folder: Path) -> list[tuple[str, Path]]:
    """Build one outline (or each district of its roster) → (label, .pptx) pairs."""
    from briefgen.build import build_file, run_batch

    if roster is None:
        pptx = folder / f"{outline.stem}.pptx"
        build_file(outline, pptx)
        return [(outline.stem, pptx)]
    out = folder / outline.stem
    batch = run_batch(outline, roster, out, jobs=1, formats="pptx")
    return [(f"{outline.stem} / {r.name}", out / r.file) for r in batch.results if r.file]


def _convert(decks: list[Path], folder: Path) -> None:
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(folder / "pdf"), *map(str, decks)],
        check=True, capture_output=True, timeout=1200,
    )  # fmt: skip


def _pages(pdf: Path, folder: Path) -> list[Path]:
    prefix = folder / "png" / pdf.stem
    prefix.parent.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(prefix)], check=True,
                   timeout=300)  # fmt: skip
    return sorted(
        prefix.parent.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-")[-1])
    )


def _label_font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A face with Chinese for the headings (a district's name), else Pillow's default."""
    from PIL import ImageFont

    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh"],
                               capture_output=True, text=True, check=False)  # fmt: skip
        return ImageFont.truetype(found.stdout.strip(), 14)
    except OSError:  # no fontconfig, or no such face
        return ImageFont.load_default()


def sheet(groups: list[tuple[str, list[Path]]], target: Path) -> Path:
    """Tile each group's pages (a heading, then rows of COLUMNS numbered slides) into one PNG."""
    from PIL import Image, ImageDraw

    first = Image.open(groups[0][1][0])
    thumb_h = round(first.height * THUMB_W / first.width)
    rows = sum(LABEL_H + -(-len(pages) // COLUMNS) * (thumb_h + GAP) for _, pages in groups)
    width = COLUMNS * (THUMB_W + GAP) + GAP
    canvas = Image.new("RGB", (width, rows + GAP), "#d0d0d0")
    draw = ImageDraw.Draw(canvas)
    font = _label_font()
    y = GAP
    for label, pages in groups:
        heading = f"{label}: {len(pages)} slides"
        while draw.textlength(heading, font=font) > width - 2 * GAP and len(label) > 8:
            label = label[:-2] + "…"  # a district of 80 characters: the heading fits the sheet
            heading = f"{label}: {len(pages)} slides"
        draw.text((GAP, y + 3), heading, fill="black", font=font)
        y += LABEL_H
        for index, page in enumerate(pages):
            x = GAP + (index % COLUMNS) * (THUMB_W + GAP)
            top = y + (index // COLUMNS) * (thumb_h + GAP)
            image = Image.open(page).convert("RGB").resize((THUMB_W, thumb_h), Image.LANCZOS)
            canvas.paste(image, (x, top))
            corner = (x + THUMB_W - 24, top + thumb_h - 12)  # the page number's corner
            draw.rectangle((*corner, x + THUMB_W, top + thumb_h), fill="white")
            draw.text((corner[0] + 2, corner[1]), str(index + 1), fill="black")
        y += -(-len(pages) // COLUMNS) * (thumb_h + GAP)
    target.parent.mkdir(parents=True, exist_ok=True)
    for colors in (256, 128, 64):  # fewer colours until the sheet is at most MAX_BYTES
        canvas.quantize(colors=colors).save(target, optimize=True)
        if target.stat().st_size <= MAX_BYTES:
            break
    return target


def main(argv: list[str] | None = None) -> int:
    """Build, render and tile; print each sheet's path and size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outlines", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "stress")
    args = parser.parse_args(argv)
    outlines: list[Path] = args.outlines or [
        *(p for p in sorted(HERE.glob("*.yaml")) if not p.stem.endswith("-roster")),
        REPO / "briefs" / "wenzhou-2020-plenum.yaml",
    ]
    with tempfile.TemporaryDirectory(prefix="stress-sheets-") as tmp:
        folder = Path(tmp)
        built: dict[Path, list[tuple[str, Path]]] = {}
        for outline in outlines:
            roster = outline.with_name(f"{outline.stem}-roster.yaml")
            built[outline] = _decks(outline, roster if roster.is_file() else None, folder)
        _convert([pptx for decks in built.values() for _, pptx in decks], folder)
        for outline, decks in built.items():
            groups = [
                (label, _pages(folder / "pdf" / f"{p.stem}.pdf", folder)) for label, p in decks
            ]
            name = "example" if outline.stem == "wenzhou-2020-plenum" else outline.stem
            target = sheet(groups, args.out / f"{name}.png")
            print(f"{target}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
