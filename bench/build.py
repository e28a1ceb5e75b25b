"""Benchmark a cold `briefgen build` of the example against pandoc and a plain python-pptx script.

Run from the repo root: .venv/bin/python bench/build.py [--runs N] [--outline YAML] [--check]

Maps one outline → a printed report:
- cold builds: `briefgen build` (the installed console script, a fresh process per run), pandoc
  on an equivalent Markdown deck, and the python-pptx peer in `bench/_peers.py` writing the same
  slides as briefgen; interleaved round-robin after one untimed warm-up each, median of N runs,
  per deck its slide count, time per slide and briefgen's per-slide ratio to each peer;
- the floor, timed in the same rounds: what a cold build pays before its own work with typer
  and a validated model kept (typer, its pydantic coercion, yaml; then the models' schemas),
  as a share of pandoc's whole build;
- start-up: `briefgen --help`, `--version` and `import briefgen.cli` against `python -c pass`
  and (CPU ratio) `python -c 'import typer'`, and which heavy packages `-X importtime` sees at
  start-up (pptx must not be one);
- the stages of a build timed inside one fresh process (interpreter start, import,
  load+validate, theme, expand, layout, render, write, interpreter exit), cold and again warm
  in the same process, and the exit again with `gc.freeze()` just before it;
- wall and CPU time throughout (on a busy machine the CPU time is the steadier reading);
- the issues' targets as PASS/FAIL lines, each judged on the CPU time as well as the wall time
  (a busy machine inflates wall times of both sides unequally); `--check`: exit 1 if one fails.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any, NamedTuple

_T0, _C0 = time.time(), time.process_time()
"""When this script started running, and the CPU time the interpreter's start-up had taken."""

if TYPE_CHECKING:
    from pathlib import Path

Case = tuple[str, list[str], "Path | None"]
"""A timed command: label, argv, the file it writes (deleted before each run) or None."""


class Timing(NamedTuple):
    """One command's timed runs: wall seconds and the child's CPU seconds (user + system)."""

    wall: list[float]
    cpu: list[float]


_STAGES_CHILD = "--stages-child"
_HEAVY = ("pptx", "lxml", "PIL", "rich", "pydantic", "yaml", "jinja2")
"""Packages the CLI should not pay for before it knows which command runs."""


Pair = list[float]
"""[wall seconds, CPU seconds]."""


class _Laps:
    """Wall and CPU time of consecutive stages: `lap(name)` ends stage `name`, starts the next."""

    def __init__(self, row: dict[str, Pair]) -> None:
        self.row = row
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.row[name] = [wall - self.wall, cpu - self.cpu]
        self.wall, self.cpu = wall, cpu


def _timed_build(outline: str, out: str, row: dict[str, Pair]) -> int:
    """One build, stage by stage; each stage's times (with its lazy imports) go into `row`."""
    laps = _Laps(row)
    from briefgen.build import theme_for
    from briefgen.outline import load_outline

    loaded = load_outline(outline)
    laps.lap("load+validate (load_outline)")
    theme = theme_for(loaded)
    laps.lap("theme (theme_for)")
    from briefgen.districts import expand_outline

    expanded = expand_outline(loaded, None)
    laps.lap("expand (expand_outline)")
    from briefgen.plan import plan_deck

    plan = plan_deck(expanded, theme, image_base=loaded.path.parent)
    laps.lap("plan (plan_deck)")
    from briefgen.layout import layout_deck

    deck = layout_deck(
        plan,
        theme,
        locate=lambda path, message: loaded.diagnostic(path, message, severity="warning"),
    )
    laps.lap("layout (layout_deck)")
    from briefgen.render.pptx import render_pptx

    data = render_pptx(deck, theme)
    laps.lap("render (render_pptx)")
    from pathlib import Path

    from briefgen.build import atomic_write_bytes

    atomic_write_bytes(Path(out), data)
    laps.lap("write (atomic_write_bytes)")
    return len(deck.slides)


def _stages_child(outline: str, out: str, freeze: bool) -> None:
    """In a fresh process: time each stage of a build twice (cold, then warm); print JSON.

    This file's module-level imports are only `sys`, `time` and `typing`, so the first import of
    briefgen and each stage's lazy imports are counted where a real build pays for them. The
    warm pass clears the renderer's per-slide and compressed-member caches, so every slide is
    serialised and compressed again.
    With `freeze`, `gc.freeze()` runs last, so that interpreter finalisation skips the
    collector's passes over every live object.
    """
    cold: dict[str, Pair] = {}
    laps = _Laps(cold)
    from briefgen._entry import prepare_process

    prepare_process()  # as the command does: the collector's thresholds, no pydantic plugins
    import briefgen.build._pipeline  # noqa: F401  (what `build` imports first)

    laps.lap("import briefgen.build")
    slides = _timed_build(outline, out, cold)
    from briefgen.render import _package
    from briefgen.render import pptx as renderer

    renderer._draw.cache_clear()
    _package._deflated.cache_clear()
    warm: dict[str, Pair] = {}
    _timed_build(outline, out, warm)
    import json

    ends = {"t0": _T0, "c0": _C0, "t1": time.time(), "c1": time.process_time()}
    print(json.dumps({"cold": cold, "warm": warm, "slides": slides, **ends}), flush=True)
    if freeze:
        import gc

        gc.freeze()


def _repo() -> Path:
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def _env() -> dict[str, str]:
    """The timed processes' environment: bytecode caching on, as in an installed package.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes), every run would compile briefgen's
    modules from source again while the peers' .pyc files were written by pip at install; the
    untimed warm-up writes briefgen's, as `pip install` would.
    """
    import os

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(label: str, argv: list[str], out: Path | None) -> tuple[float, float, str]:
    """Run one command from the repo root: wall time, CPU time, stdout (exit on failure).

    The CPU time (user + system of the child, from getrusage) is what a busy machine does not
    inflate; the wall time is what the user waits.
    """
    import resource
    import subprocess

    if out is not None:
        out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        argv, cwd=_repo(), capture_output=True, text=True, check=False, env=_env()
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode != 0 or (out is not None and not out.exists()):
        raise SystemExit(f"{label} failed (exit {proc.returncode}):\n{proc.stderr}")
    return elapsed, cpu, proc.stdout


def interleaved(cases: list[Case], runs: int) -> dict[str, Timing]:
    """Times of each command: one untimed warm-up each, then `runs` round-robin rounds.

    Round r starts with case r mod n, so no command always runs first or after the same one.
    """
    times = {label: Timing([], []) for label, _, _ in cases}
    for case in cases:
        _run(*case)
    for round_ in range(runs):
        k = round_ % len(cases)
        for label, argv, out in cases[k:] + cases[:k]:
            wall, cpu, _ = _run(label, argv, out)
            times[label].wall.append(wall)
            times[label].cpu.append(cpu)
    return times


def import_profile(code: list[str], top: int = 6) -> dict[str, Any]:
    """`python -X importtime ARGS` (one run): modules imported, self time per package, heavy ones."""
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *code],
        cwd=_repo(),
        capture_output=True,
        text=True,
        check=False,
    )
    by_package: dict[str, float] = {}
    cli_cumulative = 0.0
    modules: list[str] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        name = name.strip()
        modules.append(name)
        root = name.split(".")[0]
        by_package[root] = by_package.get(root, 0.0) + int(self_us) / 1e6
        if name == "briefgen.cli":
            cli_cumulative = int(cumulative_us) / 1e6
    heavy = sorted({m.split(".")[0] for m in modules} & set(_HEAVY))
    return {
        "modules": len(modules),
        "total": sum(by_package.values()),
        "cli": cli_cumulative,
        "top": sorted(by_package.items(), key=lambda kv: -kv[1])[:top],
        "heavy": heavy,
    }


class Stages(NamedTuple):
    """Median [wall, CPU] seconds of each stage, and of what the process spends around them."""

    cold: dict[str, Pair]
    warm: dict[str, Pair]
    start: Pair
    """Interpreter start-up: wall from spawning to this script's first line; CPU until then."""
    exit: Pair
    """Interpreter finalisation: from the last output until the parent sees the process end."""
    exit_frozen: Pair
    """The same when `gc.freeze()` runs just before the end."""


def _medians(pairs: list[Pair]) -> Pair:
    return [_median([p[0] for p in pairs]), _median([p[1] for p in pairs])]


def _stages(outline: Path, out: Path, runs: int) -> Stages:
    """Stage times over `runs` fresh processes, and exit times with and without `gc.freeze()`.

    Runs with and without the freeze alternate; only the stage times of the plain runs count.
    """
    import json

    argv = [sys.executable, __file__, _STAGES_CHILD, str(outline), str(out)]
    cold: dict[str, list[Pair]] = {}
    warm: dict[str, list[Pair]] = {}
    start: list[Pair] = []
    ends: dict[bool, list[Pair]] = {False: [], True: []}
    for round_ in range(runs):
        for freeze in (False, True) if round_ % 2 else (True, False):
            before = time.time()
            _, cpu, stdout = _run("stages", [*argv, "freeze" if freeze else "plain"], out)
            after = time.time()
            result = json.loads(stdout)
            ends[freeze].append([after - result["t1"], cpu - result["c1"]])
            if freeze:
                continue
            start.append([result["t0"] - before, result["c0"]])
            for name, pair in result["cold"].items():
                cold.setdefault(name, []).append(pair)
            for name, pair in result["warm"].items():
                warm.setdefault(name, []).append(pair)
    return Stages(
        {name: _medians(v) for name, v in cold.items()},
        {name: _medians(v) for name, v in warm.items()},
        _medians(start),
        _medians(ends[False]),
        _medians(ends[True]),
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def _span(values: list[float]) -> str:
    return f"({min(values):.3f}–{max(values):.3f})"


def _prepare(outline: Path, folder: Path) -> tuple[Path, Path]:
    """The peers' inputs: deck.md (from the expanded outline), slides.json (from briefgen's deck)."""
    import json

    from _peers import markdown_deck, pptx_spec

    from briefgen.build import lay_out, theme_for
    from briefgen.districts import expand_outline
    from briefgen.outline import load_outline

    loaded = load_outline(outline)
    markdown = folder / "deck.md"
    expanded = expand_outline(loaded, None)
    markdown.write_text(markdown_deck(expanded, loaded.path.parent.resolve()), encoding="utf-8")
    spec = folder / "slides.json"
    deck = lay_out(loaded, theme_for(loaded))
    spec.write_text(json.dumps(pptx_spec(deck), ensure_ascii=False), encoding="utf-8")
    return markdown, spec


def _header(outline: Path, runs: int, pandoc: str | None) -> None:
    import os
    import platform
    import subprocess
    from importlib.metadata import version

    pandoc_version = "missing"
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False)
        pandoc_version = first.stdout.split("\n")[0].removeprefix("pandoc ")
    shown = outline.relative_to(_repo()) if outline.is_relative_to(_repo()) else outline
    print(f"briefgen build benchmark: {shown}")
    print(
        f"Python {platform.python_version()}, python-pptx {version('python-pptx')}, "
        f"pandoc {pandoc_version}, {os.cpu_count()} CPUs"
    )
    _load_note("at the start")
    print(
        f"Each command runs in a fresh process: one untimed warm-up, then {runs} round-robin "
        "rounds; medians (min–max).\n"
    )


def _load_note(when: str) -> None:
    """The load average, and a warning when other processes compete for the CPUs."""
    import os

    load = os.getloadavg()
    cpus = os.cpu_count() or 1
    print(f"Load average {when}: {' '.join(f'{x:.2f}' for x in load)} on {cpus} CPUs", end="")
    if load[0] > cpus * 0.75:
        print(" — a busy machine: wall times are inflated, CPU times are the steadier reading.")
    else:
        print()


def _print_builds(times: dict[str, Timing], slides: dict[str, int], ours: str) -> None:
    wall = {label: _median(t.wall) / slides[label] for label, t in times.items()}
    cpu = {label: _median(t.cpu) / slides[label] for label, t in times.items()}
    print(
        f"{'Cold build':<44}{'slides':>6}{'wall s':>8}{'  (min–max)':<16}{'cpu s':>6}"
        f"{'ms/slide wall':>15}{'cpu':>6}{'briefgen÷peer wall':>20}{'cpu':>7}"
    )
    for label, t in times.items():
        ratios = (
            ("", "")
            if label == ours
            else (f"{wall[ours] / wall[label]:.2f}×", f"{cpu[ours] / cpu[label]:.2f}×")
        )
        print(
            f"{label:<44}{slides[label]:>6}{_median(t.wall):>8.3f}  {_span(t.wall):<14}"
            f"{_median(t.cpu):>6.3f}{wall[label] * 1000:>15.1f}{cpu[label] * 1000:>6.1f}"
            f"{ratios[0]:>20}{ratios[1]:>7}"
        )
    print()


_FLOOR = (
    "from briefgen._pydantic_plugins import skip_plugin_discovery as s; s(); "
    "import typer, typer._adapters, yaml"
)
_FLOORS = (
    ("typer, its pydantic coercion (typer._adapters), yaml", _FLOOR),
    (
        "  + briefgen's outline and theme models",
        _FLOOR + "; import briefgen.outline, briefgen.theme",
    ),
)
"""What any cold build pays before its own work, with typer and a validated model kept:
typer 0.29 coerces every parameter through pydantic (`typer._adapters`), and the outline is
YAML; then the models' schemas (pydantic builds them when their classes are made)."""


def _print_floors(times: dict[str, Timing], labels: list[str], pandoc: str) -> None:
    """The floor's CPU time, timed in the same rounds as the builds, as a share of pandoc's."""
    theirs = _median(times[pandoc].cpu)
    print(f"{'The floor, in the same rounds (no deck made)':<60}{'cpu s':>6}{'÷ pandoc cpu':>15}")
    for label in labels:
        cpu = _median(times[label].cpu)
        print(f"{label:<60}{cpu:>6.3f}{cpu / theirs:>14.2f}×")
    print()


def _print_startup(times: dict[str, Timing], base: str, peer: str) -> None:
    """Each start-up command over `python -c pass`, and as a ratio to `import typer` (CPU)."""
    floor, floor_cpu = _median(times[base].wall), _median(times[base].cpu)
    typer_cpu = _median(times[peer].cpu)
    print(
        f"{'Start-up':<50}{'wall s':>8}{'  (min–max)':<16}{'cpu s':>6}"
        f"{'over python -c pass: wall':>28}{'cpu':>10}{'cpu ÷ import typer':>20}"
    )
    for label, t in times.items():
        extra = (
            ("", "")
            if label == base
            else (f"+{_median(t.wall) - floor:.3f} s", f"+{_median(t.cpu) - floor_cpu:.3f} s")
        )
        print(
            f"{label:<50}{_median(t.wall):>8.3f}  {_span(t.wall):<14}{_median(t.cpu):>6.3f}"
            f"{extra[0]:>28}{extra[1]:>10}{_median(t.cpu) / typer_cpu:>19.2f}×"
        )
    print()


def _print_imports(label: str, profile: dict[str, Any]) -> None:
    top = ", ".join(f"{name} {seconds * 1000:.1f}" for name, seconds in profile["top"])
    heavy = ", ".join(profile["heavy"]) or "none"
    print(
        f"{label}: {profile['modules']} modules, {profile['total'] * 1000:.1f} ms of imports "
        f"(briefgen.cli cumulative {profile['cli'] * 1000:.1f} ms)"
    )
    print(f"  most self time by package (ms): {top}")
    print(f"  heavy packages imported ({', '.join(_HEAVY)}): {heavy}")


def _print_stages(stages: Stages) -> None:
    def row(name: str, cold: Pair, warm: Pair | None = None) -> None:
        again = f"{_ms(warm[0])}{_ms(warm[1])}" if warm else ""
        print(f"{name:<48}{_ms(cold[0])}{_ms(cold[1])}   {again}")

    print(f"{'Stages inside one fresh process (medians)':<48}{'cold ms':>14}   {'warm ms':>14}")
    print(f"{'':<48}{'wall':>7}{'cpu':>7}   {'wall':>7}{'cpu':>7}")
    row("process start (interpreter up, script compiled)", stages.start)
    for name, pair in stages.cold.items():
        row(name, pair, stages.warm.get(name))
    row("process exit (interpreter finalisation)", stages.exit)
    total = [
        stages.start[i] + sum(p[i] for p in stages.cold.values()) + stages.exit[i] for i in (0, 1)
    ]
    warm = [sum(p[i] for p in stages.warm.values()) for i in (0, 1)]
    row("sum: one cold build without the CLI", total, warm)
    row("  exit if gc.freeze() ran just before it", stages.exit_frozen)
    print(
        "  cold: the first build in a new process, each stage with its lazy imports; warm: a\n"
        "  second build in that process (imports, theme, skeleton and layout caches warm; the\n"
        "  renderer's per-slide cache cleared). The CLI's own cost (typer, and rich for the\n"
        "  summary) is not in this table: see start-up and the -X importtime of a build above.\n"
    )


def _target(ok: bool, what: str, detail: str, word: str = "") -> bool:
    print(f"{word or ('PASS' if ok else 'FAIL'):<14}{what}: {detail}")
    return ok


def _progress(message: str) -> None:
    sys.stdout.flush()
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; with --check, exit 1 if a target fails."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == [_STAGES_CHILD]:
        _stages_child(args[1], args[2], freeze=args[3:] == ["freeze"])
        return 0
    import argparse
    import shutil
    import tempfile
    from pathlib import Path

    from _peers import count_slides

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command [7]")
    parser.add_argument(
        "--outline", type=Path, default=Path("briefs/wenzhou-2020-plenum.yaml"), help="outline"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    opts = parser.parse_args(args)
    if opts.runs < 1:
        parser.error("--runs must be at least 1")
    outline: Path = opts.outline.resolve()
    runs: int = opts.runs
    script = Path(sys.executable).parent / "briefgen"
    briefgen = [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]
    pandoc = shutil.which("pandoc")
    _header(outline, runs, pandoc)
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as name:
        tmp = Path(name)
        markdown, spec = _prepare(outline, tmp)
        ours = "briefgen build " + ("(console script)" if script.exists() else "(-m briefgen)")
        builds: list[Case] = [
            (ours, [*briefgen, "build", str(outline), "-o", str(tmp / "b.pptx")], tmp / "b.pptx")
        ]
        if pandoc:
            argv = [pandoc, "--slide-level=2", str(markdown), "-o", str(tmp / "p.pptx")]
            builds.append(("pandoc --slide-level=2 deck.md -o deck.pptx", argv, tmp / "p.pptx"))
        peer = [sys.executable, str(Path(__file__).with_name("_peers.py")), str(spec)]
        builds.append(
            ("python-pptx script (bench/_peers.py)", [*peer, str(tmp / "s.pptx")], tmp / "s.pptx")
        )
        floors: list[Case] = [
            (label, [sys.executable, "-c", code], None) for label, code in _FLOORS
        ]
        _progress("timing cold builds …")
        timed = interleaved(builds + floors, runs)
        build_times = {label: timed[label] for label, _, _ in builds}
        slides = {label: count_slides(out) for label, _, out in builds if out is not None}
        _print_builds(build_times, slides, ours)
        if pandoc:
            _print_floors(timed, [label for label, _, _ in floors], builds[1][0])
        else:
            print("pandoc is not installed: its row is skipped.\n")
        _progress("timing start-up …")
        base = "python -c pass"
        startup: list[Case] = [
            (base, [sys.executable, "-c", "pass"], None),
            (
                "python -c 'import briefgen.cli'",
                [sys.executable, "-c", "import briefgen.cli"],
                None,
            ),
            ("python -c 'import typer'", [sys.executable, "-c", "import typer"], None),
            ("briefgen --help", [*briefgen, "--help"], None),
            ("briefgen --version", [*briefgen, "--version"], None),
        ]
        start_times = interleaved(startup, 3 * runs)
        _print_startup(start_times, base, "python -c 'import typer'")
        cli = import_profile(["-c", "import briefgen.cli"])
        helped = import_profile(["-m", "briefgen", "--help"])
        _print_imports("python -X importtime -c 'import briefgen.cli' (one run)", cli)
        _print_imports("python -X importtime -m briefgen --help (one run)", helped)
        built = import_profile(
            ["-m", "briefgen", "build", str(outline), "-o", str(tmp / "i.pptx")], 8
        )
        _print_imports("python -X importtime -m briefgen build (one run)", built)
        print()
        _progress("timing stages …")
        _print_stages(_stages(outline, tmp / "stages.pptx", runs))
    mine = _median(build_times[ours].wall) / slides[ours]
    mine_cpu = _median(build_times[ours].cpu) / slides[ours]
    plain_label = builds[-1][0]
    plain = _median(build_times[plain_label].wall) / slides[plain_label]
    plain_cpu = _median(build_times[plain_label].cpu) / slides[plain_label]
    help_time = _median(start_times["briefgen --help"].wall)
    help_cpu = _median(start_times["briefgen --help"].cpu)
    results = [
        _target(
            mine <= plain and mine_cpu <= plain_cpu,
            "cold build per slide ≤ python-pptx script per slide (wall and CPU)",
            f"{mine * 1000:.1f} ms vs {plain * 1000:.1f} ms, ratio {mine / plain:.2f} "
            f"(cpu: {mine_cpu * 1000:.1f} vs {plain_cpu * 1000:.1f} ms, {mine_cpu / plain_cpu:.2f})",
        ),
        _target(
            help_time < 0.15,
            "briefgen --help < 0.15 s (wall)",
            f"median {help_time:.3f} s (cpu {help_cpu:.3f} s)",
        ),
        _target(
            "pptx" not in cli["heavy"] + helped["heavy"],
            "pptx not imported at start-up",
            f"import briefgen.cli: {', '.join(cli['heavy']) or 'no heavy package'}; "
            f"--help: {', '.join(helped['heavy']) or 'no heavy package'}",
        ),
    ]
    if pandoc:
        label = builds[1][0]
        theirs = _median(build_times[label].wall) / slides[label]
        theirs_cpu = _median(build_times[label].cpu) / slides[label]
        results.append(
            _target(
                mine <= theirs and mine_cpu <= theirs_cpu,
                "cold build per slide ≤ pandoc per slide (wall and CPU)",
                f"{mine * 1000:.1f} ms vs {theirs * 1000:.1f} ms, ratio {mine / theirs:.2f} "
                f"(cpu: {mine_cpu * 1000:.1f} vs {theirs_cpu * 1000:.1f} ms, "
                f"{mine_cpu / theirs_cpu:.2f})",
            )
        )
    _load_note("at the end")
    return 1 if opts.check and not all(results) else 0


__all__ = ["import_profile", "interleaved", "main"]

if __name__ == "__main__":
    sys.exit(main())
