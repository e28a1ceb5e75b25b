"""Benchmark `briefgen handout` of the example against `briefgen build` in the same run.

Run from the repo root: .venv/bin/python bench/handout.py [--runs N] [--outline YAML] [--check]

Maps one outline → a printed report: the cold `briefgen build` (deck, .pptx), `briefgen
handout` (.docx) and `briefgen handout -o x.md`, each a fresh process of the installed console
script per run, interleaved round-robin after one untimed warm-up each; the median wall and
CPU time (user + system of the child) of N runs each, and the handout/build ratio. The
issue's target — a handout takes no longer than a deck build — is a PASS/FAIL line on the
median CPU time (steadier than wall time on a busy machine); `--check` exits 1 on FAIL.
Public tools only: Python's standard library and the briefgen console script.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _briefgen() -> list[str]:
    script = Path(sys.executable).parent / "briefgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def _run(argv: list[str]) -> tuple[float, float]:
    """One run: (wall seconds, the child's CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--outline", default=str(ROOT / "briefs" / "wenzhou-2020-plenum.yaml"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    exe = _briefgen()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cases = {
            "build (.pptx)": [*exe, "build", args.outline, "-o", str(out / "deck.pptx")],
            "handout (.docx)": [*exe, "handout", args.outline, "-o", str(out / "h.docx")],
            "handout (.md)": [*exe, "handout", args.outline, "-o", str(out / "h.md")],
        }
        names = list(cases)
        for argv in cases.values():
            _run(argv)  # warm-up: file cache, .pyc
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
        for r in range(args.runs):
            for k in range(len(names)):
                name = names[(r + k) % len(names)]
                times[name].append(_run(cases[name]))
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs each; median wall / CPU")
    medians = {}
    for name in names:
        wall = statistics.median(t[0] for t in times[name])
        cpu = statistics.median(t[1] for t in times[name])
        medians[name] = (wall, cpu)
        print(f"  {name:16} {wall:6.3f} s wall  {cpu:6.3f} s CPU")
    build_cpu = medians["build (.pptx)"][1]
    failed = False
    for name in names[1:]:
        ratio = medians[name][1] / build_cpu
        ok = ratio <= 1.0
        failed |= not ok
        print(f"{'PASS' if ok else 'FAIL'}: {name} takes {ratio:.2f}× the CPU time of a build")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
