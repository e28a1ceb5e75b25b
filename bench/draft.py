"""Benchmark `briefgen draft`: time grows linearly with the text, and 10,000 characters take
under half a second.

Run from the repo root: .venv/bin/python bench/draft.py [--runs N] [--check]

Maps three generated texts, each at 1×, 10× and 100× its base size → a printed table:
- communiqué: tests/fixtures/draft/national-plenum.txt (sections, a 12-paragraph task list,
  这就是 and 坚持… lists, quoted terms, credits) repeated, one copy after another;
- quoted terms: paragraphs of “…” terms, all different (80, 800, 8,000 terms; 8,000 once took
  83 s and 4 GB);
- lists in one paragraph: 一是…；二是…；三是… groups in a single paragraph (40, 400, 4,000;
  400 once drafted a 10 MB outline).
For each: characters, median wall and CPU time of N runs of `draft_outline` in this process
(after one untimed warm-up), the outline's size, and the ratio of each size's time to the
size before it (10 is linear, 100 quadratic), with the time per 1,000 characters. The peak
memory of the process is printed at the end. Targets, as PASS/FAIL lines: per-character time
at 100× within 2.5× of that at 1× for every text, every outline within the loader's 2 MiB, and
a 10,000-character communiqué under 0.5 s (`--check`: exit 1 if any fails). Plain python only:
time.perf_counter, time.process_time and resource.getrusage.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from briefgen.draft import draft_outline  # noqa: E402
from briefgen.outline._source import MAX_BYTES  # noqa: E402

BASE = REPO / "tests" / "fixtures" / "draft" / "national-plenum.txt"
SCALES = (1, 10, 100)
TARGET_CHARS = 10_000
TARGET_SECONDS = 0.5
LINEAR_SLACK = 2.5
_WORDS = "发展建设推进全面加强创新改革开放治理服务民生文化生态安全"


def _word(n: int, size: int = 4) -> str:
    """A deterministic 4-character Chinese word, different for each n."""
    out = []
    for _ in range(size):
        n, k = divmod(n, len(_WORDS))
        out.append(_WORDS[k])
    return "".join(out)


def communique(scale: int) -> str:
    """The national-plenum fixture, repeated `scale` times."""
    text = BASE.read_text("utf-8").strip()
    return "\n".join([text] * scale) + "\n"


def quoted_terms(scale: int) -> str:
    """80 × scale different quoted terms, 20 to a paragraph under a lead phrase."""
    sentences = [f"要落实“{_word(n)}{n}”的要求。" for n in range(80 * scale)]
    paragraphs = ["某市委全体会议举行"]
    for start in range(0, len(sentences), 20):
        paragraphs.append("全会强调，" + "".join(sentences[start : start + 20]))
    return "\n".join(paragraphs) + "\n"


def lists_in_one_paragraph(scale: int) -> str:
    """40 × scale marked lists (一是…；二是…；三是…) in a single paragraph."""
    groups = "".join(
        f"一是抓好{_word(n)}；二是抓好{_word(n + 1)}；三是抓好{_word(n + 2)}。"
        for n in range(40 * scale)
    )
    return f"某镇召开会议\n会议强调，{groups}\n"


def ten_thousand() -> str:
    """Whole paragraphs of the communiqué up to about 10,000 characters."""
    lines = communique(10).splitlines()
    out: list[str] = []
    while lines and sum(len(line) + 1 for line in out) + len(lines[0]) < TARGET_CHARS:
        out.append(lines.pop(0))
    return "\n".join(out) + "\n"


def timed(text: str, runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of `draft_outline(text)` and the outline's size in bytes."""
    result = draft_outline(text, name="bench")  # warm-up: rules, regexes, imports
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        draft_outline(text, name="bench")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), len(result.yaml_text.encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (default 5)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    texts: dict[str, Callable[[int], str]] = {
        "communiqué": communique,
        "quoted terms": quoted_terms,
        "lists in one paragraph": lists_in_one_paragraph,
    }
    ok = True
    header = f"{'text':24} {'scale':>5} {'chars':>9} {'wall s':>8} {'cpu s':>8} {'outline KiB':>12} {'× time':>7} {'ms/1k chars':>12}"
    print(header)
    for name, make in texts.items():
        per_char: list[float] = []
        previous: float | None = None
        for scale in SCALES:
            text = make(1 if scale == 1 else scale)
            runs = args.runs if scale < 100 else max(1, args.runs // 2)
            wall, cpu, size = timed(text, runs)
            ratio = f"{wall / previous:7.1f}" if previous else f"{'':7}"
            per_char.append(wall / len(text) * 1000)
            print(
                f"{name:24} {scale:>4}× {len(text):>9,} {wall:>8.3f} {cpu:>8.3f} "
                f"{size / 1024:>12.0f} {ratio} {per_char[-1] * 1000:>12.2f}"
            )
            if size > MAX_BYTES:
                ok = False
                print(f"FAIL: {name} at {scale}× drafts {size:,} bytes, over {MAX_BYTES:,}")
            previous = wall
        spread = per_char[-1] / per_char[0]
        linear = spread <= LINEAR_SLACK
        ok &= linear
        print(
            f"{'PASS' if linear else 'FAIL'}: {name}: time per character at 100× is "
            f"{spread:.2f}× that at 1× (linear: about 1; at most {LINEAR_SLACK})"
        )
    text = ten_thousand()
    wall, cpu, _ = timed(text, args.runs)
    fast = wall < TARGET_SECONDS
    ok &= fast
    print(
        f"{'PASS' if fast else 'FAIL'}: a {len(text):,}-character communiqué drafts in "
        f"{wall:.3f} s wall ({cpu:.3f} s CPU), target under {TARGET_SECONDS} s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MiB")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
