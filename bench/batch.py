"""Benchmark `briefgen batch`: batch/single ratio, decks per second, peak memory, cache sharing.

Run: .venv/bin/python bench/batch.py [--sizes 12,100,1000] [-j 2] [--flat 100,500,1000] [--warm 5]

1. One cold `briefgen build` of the outline, as a subprocess (best of 3 wall and CPU times).
2. `briefgen batch` subprocesses on generated rosters of each size (every deck built: --force),
   with the wall and CPU time (the batch and its workers), decks per second, the ratio to one
   cold build, and the peak resident memory of the whole process tree (the batch process plus
   its workers, sampled from /proc every 20 ms): the sum over the tree, the largest single
   process, and ru_maxrss of the largest child from getrusage.
3. Warm runs: `briefgen batch` again on the largest roster's output with nothing to build
   (median of --warm runs), against one cold build and `python -c 'import typer'`.
4. `-j 1` memory over a long roster: peak RSS of one process building each --flat size. The
   layout's and writer's caches are bounded, so memory grows while they fill (the first few
   hundred districts) and then stays flat: the ratio of the last two sizes is 1.0 when it does.
5. In this process, what sharing saves: districts laid out and rendered one after another with
   the caches kept (what one worker does) against the same with every cache cleared before
   each district (a naive batch that builds each deck from scratch), with cache hit rates.

4. With `--template-run N`: N districts built by `batch` on a department's template
   (`--template`, by default the red test template) against the same batch without one.

Target (issue 12): a 100-district batch on a template ≤ 1.2 × the same batch without (the
template is read once per process, not once per district).
Targets (issue 14), printed as PASS/FAIL: 100 districts ≤ 6 × one cold build (wall, on an idle
machine; the CPU ratio is the steadier reading on a busy one); a warm 1,000-district run
≤ 0.3 s; `-j 1` peak memory flat once the caches are full: at 1,000 districts within 1.1 × that
at 500.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import pkgutil
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUTLINE = REPO / "briefs" / "wenzhou-2020-plenum.yaml"
TEMPLATE = REPO / "tests" / "fixtures" / "templates" / "chinese-red.pptx"
BRIEFGEN = [sys.executable, "-m", "briefgen"]
UNITS = [
    "鹿城区",
    "龙湾区",
    "瓯海区",
    "洞头区",
    "瑞安市",
    "乐清市",
    "龙港市",
    "永嘉县",
    "平阳县",
    "苍南县",
    "文成县",
    "泰顺县",
]


def generated_roster(count: int, folder: Path) -> Path:
    """A roster of `count` districts; every tenth adds a slide to the last section."""
    lines = ["districts:"]
    for i in range(count):
        unit = UNITS[i % len(UNITS)]
        name = unit if i < len(UNITS) else f"{unit}{i // len(UNITS) + 1}片区"
        lines += [
            f"  - name: {name}",
            f"    organiser: 中共{name}委宣传部",
            f"    presenter: 宣讲员{i + 1:04d}",
            f"    place: {name}党校报告厅",
            f"    date: 二〇二〇年十二月{(i % 28) + 1}日",
        ]
        if i % 10 == 0:
            lines += [
                "    extra:",
                "      - section: 学习贯彻",
                "        slides:",
                f"          - title: {name}的重点项目",
                "            points:",
                f"              - {name}开局之年重点项目{i + 1}项",
                "              - 牵头单位和时间节点逐项明确",
            ]
    path = folder / f"roster-{count}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _pss(pid: int) -> int:
    """Proportional set size in KiB (shared pages divided among the processes sharing them)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_memory(root: int) -> tuple[int, int, int]:
    """(sum of PSS, sum of RSS, largest RSS) in KiB over `root` and its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    pss = total = biggest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        pss += _pss(pid)
        total += rss.get(pid, 0)
        biggest = max(biggest, rss.get(pid, 0))
        stack.extend(children.get(pid, []))
    return pss, total, biggest


LAST_CPU = [0.0]
"""CPU seconds (user + system) of the last `run_measured` command and its reaped workers."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str]) -> tuple[float, tuple[int, int, int], str]:
    """Run a command; (wall seconds, peak (tree PSS, tree RSS, largest RSS) in KiB, stdout).

    Its CPU time (with every worker process it reaped) is left in `LAST_CPU[0]`.
    """
    peak = [0, 0, 0]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for index, value in enumerate(_tree_memory(process.pid)):
                peak[index] = max(peak[index], value)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    LAST_CPU[0] = _children_cpu() - cpu_before
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, (peak[0], peak[1], peak[2]), out


def cold_build(outline: Path, folder: Path, runs: int = 3) -> tuple[float, float]:
    """Best wall and CPU time of `briefgen build OUTLINE` in a fresh interpreter."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(runs):
        seconds, _, _ = run_measured(
            [*BRIEFGEN, "build", str(outline), "-o", str(folder / "one.pptx")]
        )
        best, best_cpu = min(best, seconds), min(best_cpu, LAST_CPU[0])
    return best, best_cpu


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def warm_runs(command: list[str], runs: int) -> tuple[float, float, float, float]:
    """Median wall and CPU of `command` (nothing to build) and of `python -c 'import typer'`,
    alternated run by run."""
    walls, cpus, typer_walls, typer_cpus = [], [], [], []
    for _ in range(runs):
        seconds, _, out = run_measured(command)
        if "up to date" not in out and "unchanged" not in out:
            raise SystemExit(f"the warm run built something:\n{out[-500:]}")
        walls.append(seconds)
        cpus.append(LAST_CPU[0])
        seconds, _, _ = run_measured([sys.executable, "-c", "import typer"])
        typer_walls.append(seconds)
        typer_cpus.append(LAST_CPU[0])
    return _median(walls), _median(cpus), _median(typer_walls), _median(typer_cpus)


def _target(ok: bool, what: str) -> None:
    print(f"{'PASS' if ok else 'FAIL':<6}{what}")


def _caches() -> list[Any]:
    """Every functools cache in briefgen's layout, render and template modules."""
    import briefgen.layout
    import briefgen.render

    found = []
    names = ["briefgen.districts._template", "briefgen.districts._expand"]
    for package in (briefgen.layout, briefgen.render):
        names += [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attr in vars(module).values():
            if callable(attr) and hasattr(attr, "cache_info") and hasattr(attr, "cache_clear"):
                found.append(attr)
    return found


def in_process(outline: Path, count: int) -> None:
    """Per-district cost in one process with caches kept, and with caches cleared each time."""
    from briefgen.build import lay_out, theme_for
    from briefgen.districts import load_roster
    from briefgen.outline import load_outline
    from briefgen.render.pptx import render_pptx

    with tempfile.TemporaryDirectory() as tmp:
        roster = load_roster(generated_roster(count, Path(tmp)))
    loaded = load_outline(outline)
    theme = theme_for(loaded)
    caches = _caches()

    def one(index: int) -> None:
        deck = lay_out(loaded, theme, district=roster.districts[index])
        render_pptx(deck, theme)

    def timed(step: Callable[[int], None], clear: bool) -> list[float]:
        times = []
        for index in range(count):
            if clear:
                for cache in caches:
                    cache.cache_clear()
            gc.collect()
            started = time.perf_counter()
            step(index)
            times.append(time.perf_counter() - started)
        return times

    naive = timed(one, clear=True)
    for cache in caches:
        cache.cache_clear()
    shared = timed(one, clear=False)
    rest = shared[1:]
    print(f"\nIn one process, {count} districts of {outline.name} (expand + lay out + render):")
    print(
        f"  caches cleared before each district (naive): {1000 * sum(naive) / count:7.1f} ms/deck"
    )
    print(f"  caches kept (one worker), first district:    {1000 * shared[0]:7.1f} ms")
    print(
        f"  caches kept, each further district:          {1000 * sum(rest) / len(rest):7.1f} ms/deck"
    )
    hits = misses = 0
    for cache in caches:
        info = cache.cache_info()
        hits, misses = hits + info.hits, misses + info.misses
    rate = hits / (hits + misses) if hits + misses else 0.0
    print(
        f"  cache hits over all briefgen caches:         {hits:,} hits, {misses:,} misses ({rate:.0%})"
    )
    busiest = sorted(caches, key=lambda c: -(c.cache_info().hits + c.cache_info().misses))[:6]
    for cache in busiest:
        info = cache.cache_info()
        name = f"{cache.__module__.removeprefix('briefgen.')}.{cache.__qualname__}"
        print(
            f"    {name:<40} {info.hits:>8,} hits {info.misses:>7,} misses  size {info.currsize:,}"
        )


def template_run(outline: Path, template: Path, count: int, jobs: int, runs: int = 3) -> None:
    """`batch --force` of `count` districts on `template` and without one (best of `runs`)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        roster = generated_roster(count, folder)
        best: dict[str, float] = {}
        slides: dict[str, int] = {}
        variants = (
            ("without template", []),
            ("with template", ["--template", str(template)]),
        )
        for run in range(runs):  # interleaved, so a change in the machine's load hits both
            for label, extra in variants:
                out = folder / f"out-{run}-{len(extra)}"
                command = [*BRIEFGEN, "batch", str(outline), "--roster", str(roster)]
                command += ["-o", str(out), "-j", str(jobs), "--force", *extra]
                seconds, _, _ = run_measured(command)
                best[label] = min(best.get(label, float("inf")), seconds)
                slides[label] = sum(_slide_count(deck) for deck in out.glob("*.pptx"))
    ratio = best["with template"] / best["without template"]
    per_slide = ratio * slides["without template"] / slides["with template"]
    print(f"\n{count} districts, -j {jobs}, best of {runs}:")
    for label, seconds in best.items():
        print(f"  {label:<17} {seconds:7.2f} s  {slides[label]:,} slides")
    print(f"  ratio {ratio:.2f} × per batch, {per_slide:.2f} × per slide (target ≤ 1.2 ×; the")
    print(f"  template {template.name}'s body placeholder is smaller than the drawn body)")


def _slide_count(deck: Path) -> int:
    import zipfile

    with zipfile.ZipFile(deck) as archive:
        return sum(1 for n in archive.namelist() if n.startswith("ppt/slides/slide"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="12,100,1000")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--outline", type=Path, default=OUTLINE)
    parser.add_argument("--in-process", type=int, default=30, metavar="N")
    parser.add_argument("--template", type=Path, default=TEMPLATE)
    parser.add_argument("--template-run", type=int, default=0, metavar="N")
    parser.add_argument("--warm", type=int, default=5, metavar="RUNS", help="warm runs [5]")
    parser.add_argument("--flat", default="100,500,1000", help="-j 1 roster sizes [100,500,1000]")
    args = parser.parse_args()
    if args.template_run:
        template_run(args.outline, args.template, args.template_run, args.jobs)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    flat = [int(s) for s in args.flat.split(",") if s]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"briefgen batch benchmark: {args.outline.name}, -j {args.jobs}, {os.cpu_count()} CPUs")
    print(f"load average at the start: {load}")
    ratios: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        single, single_cpu = cold_build(args.outline, folder)
        print(
            f"one cold `briefgen build` (best of 3): {single:.2f} s wall, {single_cpu:.2f} s CPU\n"
        )
        print(f"{'districts':>9} {'wall s':>8} {'cpu s':>7} {'decks/s':>8} {'× cold':>7} "
              f"{'cpu × cold':>10} {'PSS MB':>7} {'RSS MB':>7} {'max proc MB':>12}")  # fmt: skip
        for size in sizes:
            roster = generated_roster(size, folder)
            out = folder / f"out-{size}"
            command = [*BRIEFGEN, "batch", str(args.outline), "--roster", str(roster)]
            command += ["-o", str(out), "-j", str(args.jobs), "--force"]
            seconds, (pss, rss, biggest), _ = run_measured(command)
            cpu = LAST_CPU[0]
            built = len(list(out.glob("*.pptx")))
            if built != size:
                raise SystemExit(f"expected {size} decks, found {built}")
            ratios[size] = (seconds / single, cpu / single_cpu)
            print(
                f"{size:>9} {seconds:>8.2f} {cpu:>7.2f} {size / seconds:>8.1f} "
                f"{seconds / single:>7.2f} {cpu / single_cpu:>10.2f} "
                f"{pss / 1024:>7.0f} {rss / 1024:>7.0f} {biggest / 1024:>12.0f}"
            )
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\ngetrusage ru_maxrss: largest child {children:.0f} MB, this process {own:.0f} MB")
        warm = None
        if sizes and args.warm:
            size = max(sizes)
            roster = folder / f"roster-{size}.yaml"
            command = [*BRIEFGEN, "batch", str(args.outline), "--roster", str(roster)]
            command += ["-o", str(folder / f"out-{size}")]
            warm = warm_runs(command, args.warm)
            print(
                f"\nwarm run, {size} districts, nothing to build (median of {args.warm}): "
                f"{warm[0]:.3f} s wall, {warm[1]:.3f} s CPU; "
                f"{warm[0] / single:.2f} × one cold build (wall), "
                f"{warm[1] / warm[3]:.2f} × `python -c 'import typer'` (CPU, {warm[3]:.3f} s)"
            )
        peaks: dict[int, float] = {}
        for size in flat:
            roster = generated_roster(size, folder)
            command = [*BRIEFGEN, "batch", str(args.outline), "--roster", str(roster)]
            command += ["-o", str(folder / f"flat-{size}"), "-j", "1", "--force"]
            _, (_, rss, _), _ = run_measured(command)
            peaks[size] = rss / 1024
        if peaks:
            shown = ", ".join(f"{size}: {mb:.0f} MB" for size, mb in peaks.items())
            print(f"\n-j 1 peak RSS by roster size: {shown}")
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        if 100 in ratios:
            wall, cpu = ratios[100]
            _target(
                wall <= 6, f"100 districts ≤ 6 × one cold build: {wall:.2f} × wall, {cpu:.2f} × CPU"
            )
        if warm is not None and max(sizes) == 1000:
            _target(
                warm[0] <= 0.3,
                f"warm 1,000-district run ≤ 0.3 s: {warm[0]:.3f} s wall, {warm[1]:.3f} s CPU",
            )
        if len(peaks) > 1:
            last, before = sorted(peaks)[-1], sorted(peaks)[-2]
            growth = peaks[last] / peaks[before]
            _target(
                growth <= 1.1,
                f"-j 1 memory flat once the caches are full: {last} vs {before} districts, "
                f"{growth:.2f} ×",
            )
    if args.in_process:
        in_process(args.outline, args.in_process)


if __name__ == "__main__":
    main()
