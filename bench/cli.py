"""Benchmark what the command line's conventions cost at start-up: help, Rich help, completion.

Run from the repo root: .venv/bin/python bench/cli.py [--runs N]

Maps each case → its median CPU and wall time and its ratio to `python -c 'import typer'`,
taken pair by pair (case, peer, case, peer …, one untimed warm-up each), so a machine whose
speed drifts during the run still gives a fair ratio; and, from `python -X importtime` (one
run), how many modules the case imports and which of rich, pydantic and yaml. The cases:
`briefgen --version`; `--help` as plain text (NO_COLOR=1) and with Rich panels
(FORCE_COLOR=1); `build --help` both ways; and the completion of a command name, `--theme`,
`build --format` and `--district` after `--roster` (`_BRIEFGEN_COMPLETE=complete_bash`).
Every case runs `briefgen._entry.main` with the venv's interpreter, as the console script does.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROSTER = ROOT / "briefs" / "wenzhou-districts.yaml"
ENTRY = "import sys; sys.argv[0] = 'briefgen'; from briefgen._entry import main; main()"
PEER = [sys.executable, "-c", "import typer"]


def _complete(words: str) -> dict[str, str]:
    """The environment bash's completion function gives `briefgen` for `words`."""
    return {
        "_BRIEFGEN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }


CASES: list[tuple[str, list[str], dict[str, str]]] = [
    ("--version", ["--version"], {}),
    ("--help, plain", ["--help"], {"NO_COLOR": "1"}),
    ("--help, Rich panels", ["--help"], {"FORCE_COLOR": "1"}),
    ("build --help, plain", ["build", "--help"], {"NO_COLOR": "1"}),
    ("build --help, Rich panels", ["build", "--help"], {"FORCE_COLOR": "1"}),
    ("complete a command", [], _complete("briefgen b")),
    ("complete --theme", [], _complete("briefgen build x.yaml --theme ")),
    ("complete build --format", [], _complete("briefgen build x.yaml --format ")),
    (
        "complete --district",
        [],
        _complete(f"briefgen build x.yaml --roster {ROSTER} --district "),
    ),
]


def _env(extra: dict[str, str]) -> dict[str, str]:
    drop = {"NO_COLOR", "FORCE_COLOR", "COLUMNS"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("_")}
    return {**env, **extra}


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `argv`, its output thrown away."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = 0
    return wall, usage.ru_utime + usage.ru_stime


def _paired(argv: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    """Medians of the case's CPU and wall time, and of the case/peer ratios pair by pair."""
    peer_env = _env({})
    _run(argv, env), _run(PEER, peer_env)  # warm-up
    cpu, wall, cpu_ratio, wall_ratio = [], [], [], []
    for _ in range(runs):
        case_wall, case_cpu = _run(argv, env)
        peer_wall, peer_cpu = _run(PEER, peer_env)
        cpu.append(case_cpu)
        wall.append(case_wall)
        cpu_ratio.append(case_cpu / peer_cpu)
        wall_ratio.append(case_wall / peer_wall)
    return {
        "cpu": statistics.median(cpu),
        "wall": statistics.median(wall),
        "cpu_ratio": statistics.median(cpu_ratio),
        "wall_ratio": statistics.median(wall_ratio),
    }


def _imports(args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    """How many modules a run imports, and which of rich, pydantic and yaml."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", ENTRY, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", result.stderr, re.M)
    heavy = sorted({n.split(".")[0] for n in names} & {"rich", "pydantic", "yaml"})
    return len(names), heavy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.2f}; {options.runs} pairs per case")
    peer = _paired(PEER, _env({}), 3)
    print(f"python -c 'import typer': CPU {peer['cpu'] * 1000:.0f} ms")
    print(f"{'case':28} {'CPU ms':>7} {'wall ms':>8} {'CPU/typer':>10} {'wall/typer':>11}  imports")
    for label, args, extra in CASES:
        env = _env(extra)
        figures = _paired([sys.executable, "-c", ENTRY, *args], env, options.runs)
        count, heavy = _imports(args, env)
        print(
            f"{label:28} {figures['cpu'] * 1000:7.0f} {figures['wall'] * 1000:8.0f} "
            f"{figures['cpu_ratio']:10.2f} {figures['wall_ratio']:11.2f}  "
            f"{count} modules{', ' + ', '.join(heavy) if heavy else ''}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
