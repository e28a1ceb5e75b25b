"""Benchmark `briefgen preview`: a cold non-interactive preview and a `--watch` reload.

Run from the repo root: .venv/bin/python bench/preview.py [--runs N] [--outline YAML] [--check]

Maps one outline → a printed report:
- cold preview: `briefgen preview OUTLINE --all --width 100 --no-color > /dev/null` in a fresh
  process per run (the installed console script), one untimed warm-up, median and min of N runs
  of wall time and of CPU time (a busy machine inflates the wall time, not the CPU time), against
  `python -c pass` for the interpreter's own start-up;
- its stages inside one process: import, lay out (`pipeline.lay_out_file`) and draw every
  slide (`DeckView` printed to a string), cold and then warm;
- a watch reload: the outline is saved with a new slide title, then `DeckSource.poll()` reloads
  it and the pager's screen for the current slide is drawn (median of N saves), plus the pager's
  poll interval, the most a save waits before the poll sees it;
- the issue's targets as PASS/FAIL lines (`--check`: exit 1 if one fails): cold preview under
  0.5 s wall time, a reload shown under 0.2 s after the save.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"
PREVIEW_TARGET = 0.5
RELOAD_TARGET = 0.2
POLL_INTERVAL = 0.05
"""The pager's poll interval with `--watch` (`run_pager` reads keys with this timeout)."""


def _briefgen() -> list[str]:
    script = Path(sys.executable).with_name("briefgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def _env() -> dict[str, str]:
    """The environment of the timed processes: bytecode caching on, as in an installed package.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes), every run would compile briefgen's
    modules from source again; `pip install` writes the .pyc files once, so the warm-up does.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _wall(argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) times of `argv` in fresh processes, after one warm-up."""
    env = _env()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, cwd=ROOT, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, cwd=ROOT, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


_STAGES = """
import io, sys, time
clock = time.perf_counter
t0 = clock()
from briefgen.build import lay_out_file
from briefgen.render.terminal import DeckView, make_console
t1 = clock()
rows = []
for _ in range(2):
    a = clock()
    deck, theme = lay_out_file(sys.argv[1])
    b = clock()
    console = make_console(no_color=True, width=100)
    console.file = io.StringIO()
    console.print(DeckView(deck, theme, width=100))
    c = clock()
    rows.append((b - a, c - b))
print(len(deck), t1 - t0, *rows[0], *rows[1])
"""


def _stages(outline: Path) -> tuple[int, list[float]]:
    done = subprocess.run(
        [sys.executable, "-c", _STAGES, str(outline)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=_env(),
    )
    fields = done.stdout.split()
    return int(fields[0]), [float(f) for f in fields[1:]]


def _reloads(outline: Path, runs: int) -> tuple[list[float], int]:
    """Seconds from a finished save to the pager's new screen, per save; and the slide count."""
    from rich.console import Console

    from briefgen.build import DeckSource
    from briefgen.render import PagerState, screen, slide_texts

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / outline.name
        shutil.copy(outline, path)
        text = path.read_text("utf-8")
        first_title = next(
            line.split(":", 1)[1].strip()
            for line in text.splitlines()
            if line.strip().startswith("- title:") and line.startswith("      ")
        )
        source = DeckSource(path)
        source.load()
        state = PagerState.for_texts(slide_texts(source.deck), index=3)
        console = Console(width=100, height=40, file=io.StringIO(), color_system="truecolor")
        times = []
        for run in range(runs + 1):
            new = text.replace(first_title, f"{first_title}（第{run}版）", 1)
            path.write_text(new, "utf-8")
            start = time.perf_counter()
            if not source.poll():
                raise SystemExit("the reload did not see the save")
            state = state.with_texts(slide_texts(source.deck))
            body = screen(source, state, cols=100, rows=40, width=None)
            console.render_lines(body, console.options)
            elapsed = time.perf_counter() - start
            deck = source.deck
            if (
                deck is None
                or source.error
                or not any(f"（第{run}版）" in s.title for s in deck.slides)
            ):
                raise SystemExit(f"the reload did not show the edit: {source.error}")
            slides = len(deck.slides)
            if run:  # the first save also pays for lazy imports: untimed warm-up
                times.append(elapsed)
        return times, slides


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--outline", type=Path, default=EXAMPLE)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    outline: Path = args.outline.resolve()

    argv = [*_briefgen(), "preview", str(outline), "--all", "--width", "100", "--no-color"]
    preview, preview_cpu = _wall(argv, args.runs)
    python, _ = _wall([sys.executable, "-c", "pass"], args.runs)
    load = os.getloadavg()[0]
    slides, stage = _stages(outline)
    reloads, _ = _reloads(outline, args.runs)

    med = statistics.median
    print(f"outline: {outline.relative_to(ROOT) if outline.is_relative_to(ROOT) else outline}")
    print(f"slides: {slides}; runs: {args.runs} (median, min)\n")
    print("cold, fresh process per run:")
    print(f"  briefgen preview --all --width 100  {med(preview):.3f} s  {min(preview):.3f} s")
    print(
        f"    its CPU time (user + system)      {med(preview_cpu):.3f} s  {min(preview_cpu):.3f} s"
    )
    print(f"  python -c pass                      {med(python):.3f} s  {min(python):.3f} s")
    cores = os.cpu_count() or 1
    print(f"  load average {load:.2f} on {cores} cores (wall > CPU time means waiting for a core)")
    print("\nstages in one process (cold, then warm):")
    print(f"  import pipeline + terminal          {stage[0]:.3f} s")
    print(f"  lay_out_file                        {stage[1]:.3f} s  {stage[3]:.3f} s")
    print(f"  draw every slide (DeckView)         {stage[2]:.3f} s  {stage[4]:.3f} s")
    print(f"    per slide, warm                   {1000 * stage[4] / max(1, slides):.2f} ms")
    print("\nwatch reload (save → poll → reload → pager screen drawn):")
    print(f"  reload and draw                     {med(reloads):.3f} s  {min(reloads):.3f} s")
    shown = med(reloads) + POLL_INTERVAL
    print(f"  + poll interval {POLL_INTERVAL:.2f} s (worst case)    {shown:.3f} s")

    checks = [
        (f"cold preview < {PREVIEW_TARGET} s", med(preview) < PREVIEW_TARGET),
        (f"reload shown < {RELOAD_TARGET} s after the save", shown < RELOAD_TARGET),
    ]
    print()
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    if args.check and not all(ok for _, ok in checks):
        sys.exit(1)


if __name__ == "__main__":
    main()
