"""Benchmark what measuring with real fonts costs: fontTools, fontconfig, the cache, the measurer.

Run from the repo root: .venv/bin/python bench/fonts.py [--runs N]

Maps the portable theme's faces (Noto Sans/Serif CJK SC) → a printed report, each figure the
median over N fresh processes (wall and CPU ms, the CPU of fc-list included) unless said
otherwise:
- `import fontTools.ttLib` (what a cache miss adds at start-up);
- finding a family's files: `fc-list` per family, and `find_family` from `families.json`;
- reading one font file with fontTools (one run per file: it is slow) against loading its
  metrics from the cache file;
- a measurer's first use in a fresh process with warm caches: both faces, regular and bold,
  and whether fontTools was imported (it must not be);
- measuring every line of the example deck (cold per-character caches) with the font
  measurer against the width tables.
The caches live in a temporary folder (BRIEFGEN_FONT_CACHE), so your own cache is untouched.
Skips the font rows when the Noto CJK fonts are not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")

_TIMER = """
import resource, sys, time
def cpu():
    own, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
w0, c0 = time.perf_counter(), cpu()
{body}
print(__import__("json").dumps([1000 * (time.perf_counter() - w0), 1000 * (cpu() - c0), {extra}]))
"""
"""Times `body` in the child: wall, and CPU of the child and its own children (fc-list)."""


def child(body: str, env: dict[str, str], *, setup: str = "", extra: str = "None") -> list[Any]:
    """Run `setup` untimed, then time `body` in a fresh interpreter; [wall ms, cpu ms, extra]."""
    code = setup + _TIMER.format(body=body, extra=extra)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def median_of(runs: int, body: str, env: dict[str, str], **kw: str) -> tuple[float, float, object]:
    """Median wall and CPU ms of `runs` fresh processes, and the last run's extra value."""
    results = [child(body, env, **kw) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        results[-1][2],
    )


def row(label: str, wall: float, cpu: float, note: object = "") -> None:
    print(f"{label:<62}{wall:9.2f}{cpu:9.2f}  {note if note is not None else ''}")


_LINES = """
from briefgen.build._pipeline import lay_out, theme_for
from briefgen.outline._loader import load_outline
from briefgen.layout._deck import TextBlock
loaded = load_outline("briefs/wenzhou-2020-plenum.yaml")
deck = lay_out(loaded, theme_for(loaded))
texts = [p.text for s in deck.slides for e in s.elements if isinstance(e, TextBlock) for p in e.paragraphs]
from briefgen.layout._measure import FontMeasurer, TableMeasurer
from briefgen.layout._fonts import find_family, metrics_for, pick
for family in {families!r}:
    for bold in (False, True):
        metrics_for(pick(find_family(family), bold=bold))
measurer = {measurer}
"""


def main() -> int:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per figure [9]")
    runs: int = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="briefgen-fonts-") as cache:
        env = {**os.environ, "BRIEFGEN_FONT_CACHE": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; medians of {runs}")
        print(f"{'':<62}{'wall ms':>9}{'cpu ms':>9}")
        w, c, _ = median_of(runs, "import fontTools.ttLib", env)
        row("import fontTools.ttLib", w, c)
        setup = "from briefgen.layout import _fonts\n"
        for family in FAMILIES:
            w, c, n = median_of(
                runs, f"n = _fonts._fc_list({family!r})", env, setup=setup, extra="len(n or ())"
            )
            row(f"fc-list {family!r}", w, c, f"{n} files")
        w, c, _ = median_of(
            runs, f"f = [_fonts.find_family(x) for x in {FAMILIES!r}]", env, setup=setup
        )
        row("find_family, both families, from families.json", w, c)
        listed = (
            f"[[f.path, f.index, f.weight] for x in {FAMILIES!r} for f in _fonts.find_family(x)]"
        )
        files = child("", env, setup=setup, extra=listed)[2]
        if not files:
            print("Noto CJK fonts not installed: nothing more to measure.")
            return 0
        read_setup = setup + "import fontTools.ttLib\n"
        for path, index, weight in files:
            name = f"{Path(path).name}:{index} (weight {weight})"
            w, c, _ = median_of(
                1, f"m = _fonts.read_metrics({path!r}, {index})", env, setup=read_setup
            )
            row(f"read with fontTools {name}", w, c, "one run")
            body = f"m = _fonts.metrics_for(_fonts.FontFile({path!r}, {index}, {weight}))"
            child(body, env, setup=setup)  # writes the cache file
            w, c, _ = median_of(runs, body, env, setup=setup)
            row("  from the cache file", w, c)
        first_use = (
            "from briefgen.layout._measurer import measurer_for\n"
            "from briefgen.theme._theme import Face\n"
            f"for family in {FAMILIES!r}:\n"
            "    m = measurer_for(Face(latin=family, ea=family))\n"
            "    m.em('中x', bold=False); m.em('中x', bold=True)\n"
        )
        w, c, loaded = median_of(
            runs, first_use, env, setup="import briefgen.build._pipeline\n",
            extra="'fontTools' in sys.modules",
        )  # fmt: skip
        row("first use of both measurers, warm caches (+ import _fonts)", w, c,
            f"fontTools imported: {loaded}")  # fmt: skip
        body = "for t in texts: measurer.prefix_widths(t); measurer.line_starts(t)"
        for label, measurer in (
            ("font measurer", f"FontMeasurer({FAMILIES[0]!r}, {FAMILIES[0]!r})"),
            ("width tables", "TableMeasurer()"),
        ):
            setup_lines = _LINES.format(families=FAMILIES, measurer=measurer)
            w, c, n = median_of(runs, body, env, setup=setup_lines, extra="len(texts)")
            row(f"every paragraph of the example deck, {label}", w, c, f"{n} paragraphs")
        print(
            "  (the tables' per-character caches are already warm from laying out the deck, the\n"
            "  font measurer's are cold: its row is the most a cold build can add for measuring)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
