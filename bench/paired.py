"""Time two commands against each other, alternating them run by run: the CPU ratio B ÷ A.

Run: python bench/paired.py [--runs N] [--cwd DIR] "COMMAND A" "COMMAND B"

Maps two shell commands → each one's median CPU time (user + system of the command and its
children, from getrusage) and the median of the per-round ratios B ÷ A with their quartiles.
One untimed run of each first; then N rounds, A B in even rounds and B A in odd ones, so a
machine that gets busier or quieter during the run weighs on both alike. The figures that
bench/README.md marks *paired* come from here, for example issue 9's must-hold (a cold build
no slower than at 41bb795):

    git worktree add --detach /tmp/base 41bb795
    python bench/paired.py --runs 21 --cwd /tmp \\
        "PYTHONPATH=/tmp/base .venv/bin/python -m briefgen build briefs/x.yaml -o /tmp/a.pptx" \\
        "PYTHONPATH=$PWD .venv/bin/python -m briefgen build briefs/x.yaml -o /tmp/b.pptx"

(with absolute paths: from another folder than the repo, `python -m briefgen` finds the
code on PYTHONPATH, not the current folder's). Bytecode is written as usual
(PYTHONDONTWRITEBYTECODE is removed from the environment), so neither side compiles.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess


def cpu_seconds(command: str, cwd: str | None, env: dict[str, str]) -> float:
    """Run `command` in a shell; the CPU seconds it and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, shell=True, cwd=cwd, env=env, check=False,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", metavar="A", help="the peer (the denominator)")
    parser.add_argument("b", metavar="B", help="the command measured against it")
    parser.add_argument("--runs", type=int, default=21, help="rounds (default 21)")
    parser.add_argument("--cwd", default=None, help="folder to run both in")
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for command in (args.a, args.b):
        cpu_seconds(command, args.cwd, env)
    times_a: list[float] = []
    times_b: list[float] = []
    for round_ in range(args.runs):
        if round_ % 2:
            b = cpu_seconds(args.b, args.cwd, env)
            a = cpu_seconds(args.a, args.cwd, env)
        else:
            a = cpu_seconds(args.a, args.cwd, env)
            b = cpu_seconds(args.b, args.cwd, env)
        times_a.append(a)
        times_b.append(b)
    ratios = [b / a for a, b in zip(times_a, times_b, strict=True) if a > 0]
    low, _, high = statistics.quantiles(ratios, n=4)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the end: {load}")
    print(f"A: {1000 * statistics.median(times_a):7.1f} ms CPU  {args.a}")
    print(f"B: {1000 * statistics.median(times_b):7.1f} ms CPU  {args.b}")
    print(
        f"B ÷ A: {statistics.median(ratios):.3f} (quartiles {low:.3f}–{high:.3f}, "
        f"{len(ratios)} rounds)"
    )


if __name__ == "__main__":
    main()
