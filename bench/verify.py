"""Benchmark `briefgen check OUTLINE --source TEXT` on a 30,000-character source and 200 quotes.

Run from the repo root: .venv/bin/python bench/verify.py [--runs N] [--check]

Maps a generated case → a printed report:
- the source: the Wenzhou communiqué repeated with deterministic character changes (so copies
  differ, as the paragraphs of a long report do) up to 30,000 characters;
- the outline: 200 quotations drawn from the source, 160 verbatim and 40 tampered (20 with one
  character changed, 20 with one dropped), so the closest-passage search runs 40 times; half
  are “…” spans in points, half `quote` blocks;
- timings: `verify_against_source` in this process cold (source read and indexed) and warm,
  and the whole command (`briefgen check`, a fresh process) as a trainer runs it, median of N;
- a sanity line: the check must report exactly the 40 tampered quotations;
- the issue's target (under one second) as PASS/FAIL (`--check`: exit 1 if it fails).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WENZHOU = REPO.parent / "shared" / "source" / "wenzhou-plenum-2020.txt"
SOURCE_CHARS = 30_000
QUOTES = 200
TAMPERED = 40
TARGET_SECONDS = 1.0


def make_source(rng: random.Random) -> str:
    """The communiqué, copied with a few characters changed per copy, to SOURCE_CHARS."""
    base = WENZHOU.read_text("utf-8")
    pool = "发展建设推进全面加强创新改革开放治理服务民生文化生态"
    copies = [base]
    while sum(len(c) for c in copies) < SOURCE_CHARS:
        chars = list(base)
        for _ in range(len(chars) // 25):
            at = rng.randrange(len(chars))
            if "\u4e00" <= chars[at] <= "\u9fff":
                chars[at] = rng.choice(pool)
        copies.append("".join(chars))
    return "\n".join(copies)[:SOURCE_CHARS]


def make_outline(source: str, rng: random.Random) -> tuple[str, int]:
    """An outline of QUOTES quotations drawn from `source`; returns (YAML, tampered count)."""
    lines = [line for line in source.splitlines() if len(line) > 80]
    picks = []
    for n in range(QUOTES):
        text = ""
        while not text or any(mark in text for mark in "“”") or text != text.strip():
            line = rng.choice(lines)
            size = rng.randint(8, 60)
            start = rng.randrange(len(line) - size)
            text = line[start : start + size]
        if n < TAMPERED // 2:
            at = rng.randrange(1, len(text) - 1)
            text = text[:at] + "龘" + text[at + 1 :]
        elif n < TAMPERED:
            at = rng.randrange(1, len(text) - 1)
            text = text[:at] + text[at + 1 :]
        picks.append(text)
    rng.shuffle(picks)
    out = ["briefgen: 1", "title: 基准", "sections:", "  - title: 引文", "    slides:"]
    for k in range(0, QUOTES, 2):
        span, block = picks[k], picks[k + 1]
        out += [
            f"      - title: 引文{k}",
            "        points:",
            f'          - "原文说：“{_escape(span)}”"',
            f"      - title: 原文{k}",
            "        quote:",
            f'          text: "{_escape(block)}"',
        ]
    return "\n".join(out) + "\n", TAMPERED


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def in_process(outline: Path, source: Path, runs: int) -> tuple[float, float, int]:
    """(cold, warm median) CPU seconds of `verify_against_source`, and the errors it found."""
    from briefgen.outline import load_outline
    from briefgen.verify import _verify as verify

    loaded = load_outline(outline)
    start = time.process_time()
    found = verify.verify_against_source(loaded, source)
    cold = time.process_time() - start
    warm = []
    for _ in range(runs):
        start = time.process_time()
        verify.verify_against_source(loaded, source)
        warm.append(time.process_time() - start)
    return cold, statistics.median(warm), sum(d.severity == "error" for d in found)


def command(argv: list[str], runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of a command in a fresh process; CPU is user + system time,
    which other work on a busy machine does not inflate the way it does wall time."""
    subprocess.run(argv, capture_output=True, check=False)  # warm the file cache
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args()
    rng = random.Random(20201228)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.txt"
        source.write_text(make_source(rng), encoding="utf-8")
        yaml_text, tampered = make_outline(source.read_text("utf-8"), rng)
        outline = Path(folder) / "quotes.yaml"
        outline.write_text(yaml_text, encoding="utf-8")
        cold, warm, errors = in_process(outline, source, args.runs)
        exe = str(Path(sys.executable).with_name("briefgen"))
        wall, cpu = command([exe, "check", str(outline), "--source", str(source)], args.runs)
        bare_wall, bare_cpu = command([exe, "check", str(outline)], args.runs)
    print(f"source: {SOURCE_CHARS:,} characters; outline: {QUOTES} quotations, {tampered} tampered")
    print(f"verify_against_source CPU, cold (read + index + check): {cold * 1000:7.1f} ms")
    print(f"verify_against_source CPU, warm (median of {args.runs}):        {warm * 1000:7.1f} ms")
    print(f"whole command, median of {args.runs} fresh processes:     wall      CPU")
    print(
        f"  briefgen check OUTLINE --source TEXT           {wall * 1000:7.1f}  {cpu * 1000:7.1f} ms"
    )
    print(
        f"  briefgen check OUTLINE (no --source)           {bare_wall * 1000:7.1f}  {bare_cpu * 1000:7.1f} ms"
    )
    sane = errors == tampered
    print(f"{'PASS' if sane else 'FAIL'}: reported {errors} misquotes, expected {tampered}")
    ok = min(wall, cpu) < TARGET_SECONDS
    print(
        f"{'PASS' if ok else 'FAIL'}: whole command under {TARGET_SECONDS:.0f} s "
        f"({wall:.2f} s wall, {cpu:.2f} s CPU)"
    )
    return 0 if (ok and sane) or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
