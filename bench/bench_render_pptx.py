"""Time `render_pptx` against a plain python-pptx script drawing the same 40-slide deck.

Run: .venv/bin/python bench/bench_render_pptx.py [SLIDES]
Prints the best of several runs for: briefgen cold (skeleton built, no slide cached), briefgen
with every slide new but the skeleton cached (one district of a batch), briefgen fully cached
(identical slides across districts), and python-pptx (shapes through its object API, saved).
The first import of python-pptx (~0.15 s) is paid once per process by both and not counted.
"""

from __future__ import annotations

import importlib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from briefgen.layout import LaidDeck, Picture, Rect, TableBlock, TextBlock
from briefgen.render import _package
from briefgen.render import pptx as renderer
from briefgen.theme import Theme, load_theme

samples = importlib.import_module("test_render_pptx")  # the tests' hand-made sample deck


def python_pptx(deck: LaidDeck, theme: Theme) -> bytes:
    """The same deck through python-pptx's object API (what a straightforward writer does)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Pt

    def rgb(name: str) -> RGBColor:
        return RGBColor(*bytes.fromhex(theme.color(name)))  # type: ignore[no-untyped-call]

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(deck.width), Emu(deck.height)
    blank = prs.slide_layouts[6]
    for laid in deck.slides:
        slide = prs.slides.add_slide(blank)
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = rgb(laid.background)
        for e in laid.elements:
            b = e.box
            if isinstance(e, Rect):
                kind = MSO_SHAPE.OVAL if e.shape == "oval" else MSO_SHAPE.RECTANGLE
                shape = slide.shapes.add_shape(kind, b.x, b.y, b.w, b.h)
                shape.fill.solid()
                shape.fill.fore_color.rgb = rgb(e.fill)
            elif isinstance(e, TextBlock):
                frame = slide.shapes.add_textbox(b.x, b.y, b.w, b.h).text_frame
                frame.word_wrap = True
                for index, par in enumerate(e.paragraphs):
                    p = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
                    p.line_spacing = e.line_spacing
                    for n, line in enumerate(par.lines):
                        if n:
                            p.add_line_break()
                        run = p.add_run()
                        run.text = line
                        run.font.size = Pt(e.size)
                        run.font.bold = e.bold
                        run.font.name = theme.face(e.font).latin
                        run.font.color.rgb = rgb(e.color)
            elif isinstance(e, TableBlock):
                rows = (e.header, *e.rows)
                table = slide.shapes.add_table(len(rows), len(e.column_widths), b.x, b.y, b.w, b.h)
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        table.table.cell(r, c).text = "\v".join(cell.lines)
            elif isinstance(e, Picture):
                slide.shapes.add_picture(e.path, b.x, b.y, height=b.h)
        slide.notes_slide.notes_text_frame.text = laid.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def best(label: str, runs: int, setup: Callable[[], None], work: Callable[[], bytes]) -> float:
    times = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        size = len(work())
        times.append(time.perf_counter() - start)
    print(f"{label:<44} {min(times) * 1000:8.1f} ms   ({size // 1024} KiB)")
    return min(times)


def main() -> None:
    slides = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    theme = load_theme("party-red")
    with tempfile.TemporaryDirectory() as folder:
        deck = samples.sample_deck(samples.make_image(Path(folder)), slides=slides)
        import pptx  # noqa: F401  (import cost paid once, outside the timings)

        def cold() -> None:
            renderer._draw.cache_clear()
            renderer._load_image.cache_clear()
            _package.skeleton.cache_clear()

        def new_slides() -> None:
            renderer._draw.cache_clear()

        print(f"{slides} slides")
        best("briefgen render_pptx, cold", 5, cold, lambda: renderer.render_pptx(deck, theme))
        ours = best("briefgen, skeleton cached, slides new", 10, new_slides,
                    lambda: renderer.render_pptx(deck, theme))  # fmt: skip
        best("briefgen, all slides cached", 10, lambda: None,
             lambda: renderer.render_pptx(deck, theme))  # fmt: skip
        theirs = best("python-pptx object API + save", 5, lambda: None,
                      lambda: python_pptx(deck, theme))  # fmt: skip
        print(f"python-pptx / briefgen (slides new): {theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
