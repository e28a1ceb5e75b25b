"""Benchmark the loader on good and hostile input: how fast `load_outline` answers each.

Run: .venv/bin/python bench/loader.py [--runs N]

Times (median and worst of N runs, in this process, after one untimed warm-up) and peak
memory (tracemalloc) for: the shipped example; alias bombs of growing nominal size (k levels
of 10 aliases each, so 10**k strings once expanded, from a file of a few hundred bytes); a
recursive alias; 900 nested brackets; a valid outline just under the 2 MiB size limit; and a
file one byte over it. Each hostile case must fail with `OutlineError`.

Target (issue 2): every alias bomb fails in well under a second, without eating memory.
Prints PASS/FAIL on that (worst run under 0.5 s and 50 MiB per bomb) and the load average:
on a busy machine the times are inflated.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

from briefgen.errors import OutlineError
from briefgen.outline import MAX_BYTES, load_outline

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
HEAD = "briefgen: 1\ntitle: 基准\n"
SECTION = "sections:\n  - title: 部分\n    slides:\n      - title: 页\n        points: [一]\n"


def bomb(levels: int) -> str:
    """Nested aliases: `levels` lines of ten aliases each, 10**levels strings expanded."""
    lines = ["l0: &l0 [" + ", ".join(['"哈"'] * 10) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return HEAD + SECTION + "bomb:\n" + "".join(f"  {line}\n" for line in lines)


def near_limit() -> str:
    """A valid outline just under MAX_BYTES: many sections of many slides."""
    slide = "      - title: 第{n}页\n        points:\n          - 坚持稳中求进工作总基调{n}\n"
    parts = [HEAD, "sections:\n"]
    size, n = len((HEAD + "sections:\n").encode()), 0
    while True:
        chunk = ("  - title: 部分{n}\n    slides:\n" if n % 20 == 0 else "") + slide
        chunk = chunk.format(n=n)
        if size + len(chunk.encode()) > MAX_BYTES - 64:
            break
        parts.append(chunk)
        size += len(chunk.encode())
        n += 1
    return "".join(parts)


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float, float, str]:
    """(median s, worst s, peak MiB, outcome) of `fn` over `runs` timed runs."""
    outcome = ""
    try:
        fn()
    except OutlineError as exc:
        outcome = exc.diagnostics[0].message[:60]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(OutlineError):
            fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    with contextlib.suppress(OutlineError):
        fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), max(times), peak, outcome or "ok"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    cases: dict[str, Path] = {"example": EXAMPLE}
    for levels in (6, 9, 12, 15):
        cases[f"bomb 10**{levels}"] = folder / f"bomb{levels}.yaml"
        cases[f"bomb 10**{levels}"].write_text(bomb(levels), encoding="utf-8")
    hostile = {
        "recursive alias": HEAD + SECTION + "loop: &a [*a]\n",
        "900 nested [": HEAD + SECTION + "deep: " + "[" * 900 + "]" * 900 + "\n",
        "under size limit": near_limit(),
        "over size limit": "#" * (MAX_BYTES + 1),
    }
    for name, text in hostile.items():
        cases[name] = folder / (name.replace(" ", "-") + ".yaml")
        cases[name].write_text(text, encoding="utf-8")
    ok = True
    print(f"{'case':<18} {'bytes':>9} {'median':>9} {'worst':>9} {'peak':>9}  outcome")
    for name, path in cases.items():
        median, worst, peak, outcome = measure(partial(load_outline, path), args.runs)
        size = path.stat().st_size
        print(
            f"{name:<18} {size:>9,} {median * 1000:>7.1f}ms {worst * 1000:>7.1f}ms "
            f"{peak:>6.1f}MiB  {outcome}"
        )
        if name.startswith("bomb"):
            ok &= worst < 0.5 and peak < 50 and outcome != "ok"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs")
    print(f"{'PASS' if ok else 'FAIL'}: every alias bomb fails under 0.5 s and 50 MiB")


if __name__ == "__main__":
    main()
