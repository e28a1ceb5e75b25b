"""Benchmark how a cold `briefgen build` grows with the deck: 50, 500 and 5,000 slides.

Run from the repo root: .venv/bin/python bench/scale.py [--sizes 50,500,5000] [--runs 3]

Maps generated outlines (bench-made, every slide's text distinct so no cache hides the work:
points with sub-points, numbered items, quotes, terms and questions, ten slides a section)
→ per size, in fresh processes: the median CPU time (user + system) and wall time, the peak
resident memory (ru_maxrss of that one process, from `os.wait4`), the slide count of the deck
it wrote, and per slide:
- CPU per slide, and the marginal CPU per slide (the time above the smallest deck's, over the
  slides above its count: the interpreter start and imports taken out);
- memory per slide the same two ways.
Targets (issue 14), as PASS/FAIL lines: CPU per slide at the largest size within 1.2 × that at
the middle one (both ways), and marginal memory per slide not growing (within 1.2 ×).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_PHRASES = (
    "坚持创新在现代化建设全局中的核心地位",
    "加快构建以国内大循环为主体的新发展格局",
    "全面推进乡村振兴和城乡区域协调发展",
    "持续深化“最多跑一次”改革和数字化转型",
    "统筹发展和安全，守住不发生系统性风险的底线",
    "推动共同富裕取得更为明显的实质性进展",
    "建设更高水平的平安温州和法治温州",
    "把党的领导贯穿经济社会发展全过程",
)


def _text(i: int, k: int) -> str:
    """A distinct line: a phrase and the slide's own number (so line breaks are not cached)."""
    return f"{_PHRASES[(i + k) % len(_PHRASES)]}（{i + 1}-{k + 1}）"


def generated_outline(slides: int) -> str:
    """A valid outline of `slides` content slides in sections of ten, every text distinct."""
    out = [
        "briefgen: 1",
        f"title: 规模测试课件（{slides}页）",
        "organiser: 中共××区委宣传部",
        "date: 二〇二〇年十二月",
        "dividers: never",
        "sections:",
    ]
    for i in range(slides):
        if i % 10 == 0:
            out += [f"  - title: 第{i // 10 + 1}部分", "    slides:"]
        out.append(f"      - title: 学习要点{i + 1}")
        kind = i % 5
        if kind == 0:
            out += [
                "        points:",
                f"          - {_text(i, 0)}",
                f"          - text: {_text(i, 1)}",
            ]
            out += ["            sub:", f"              - {_text(i, 2)}"]
        elif kind == 1:
            out += ["        items:"]
            out += [
                f"          - head: 要点{k + 1}\n            text: {_text(i, k)}" for k in range(3)
            ]
        elif kind == 2:
            out += ["        quote:", f"          text: {_text(i, 0)}，{_text(i, 1)}"]
            out += ["          attribution: 全会公报"]
        elif kind == 3:
            out += ["        terms:"]
            out += [
                f"          - term: 提法{i}-{k}\n            explain: {_text(i, k)}"
                for k in range(2)
            ]
        else:
            out += [
                "        questions:",
                f"          - {_text(i, 0)}？",
                f"          - {_text(i, 1)}？",
            ]
        out.append(f"        notes: {_text(i, 3)}。")
    return "\n".join(out) + "\n"


def _briefgen() -> list[str]:
    script = Path(sys.executable).parent / "briefgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def run(argv: list[str]) -> tuple[float, float, float]:
    """One fresh process: (CPU seconds, wall seconds, peak RSS in MiB) of that process alone."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as in an installed package
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{err[-2000:]}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def _slides(path: Path) -> int:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return sum(
            1 for n in archive.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")
        )


def _target(ok: bool, what: str) -> None:
    print(f"{'PASS' if ok else 'FAIL':<6}{what}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per size [3]")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"briefgen scale benchmark: sizes {sizes}, {args.runs} runs each, load {load}")
    rows: dict[int, tuple[int, float, float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="briefgen-scale-") as name:
        folder = Path(name)
        for size in sizes:
            outline = folder / f"scale-{size}.yaml"
            outline.write_text(generated_outline(size), encoding="utf-8")
            out = folder / f"scale-{size}.pptx"
            argv = [*_briefgen(), "build", str(outline), "-o", str(out)]
            run(argv)  # untimed warm-up: bytecode and font caches written
            times = [run(argv) for _ in range(args.runs)]
            cpu = statistics.median(t[0] for t in times)
            wall = statistics.median(t[1] for t in times)
            rss = statistics.median(t[2] for t in times)
            rows[size] = (_slides(out), cpu, wall, rss)
    smallest = min(rows)
    base = rows[smallest]
    print(
        f"\n{'outline slides':>14}{'deck slides':>12}{'cpu s':>8}{'wall s':>8}{'peak MiB':>9}"
        f"{'cpu ms/slide':>13}{'marginal':>9}{'KiB/slide':>10}{'marginal':>9}"
    )
    per: dict[int, tuple[float, float, float, float]] = {}
    for size, (slides, cpu, wall, rss) in rows.items():
        extra = slides - base[0]
        marginal_cpu = (cpu - base[1]) / extra if extra else float("nan")
        marginal_mem = (rss - base[3]) * 1024 / extra if extra else float("nan")
        per[size] = (cpu / slides, marginal_cpu, rss * 1024 / slides, marginal_mem)
        print(
            f"{size:>14}{slides:>12}{cpu:>8.2f}{wall:>8.2f}{rss:>9.1f}"
            f"{cpu / slides * 1000:>13.2f}{marginal_cpu * 1000:>9.2f}"
            f"{rss * 1024 / slides:>10.1f}{marginal_mem:>9.1f}"
        )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    if len(sizes) >= 3:
        middle, largest = sorted(sizes)[-2], max(sizes)
        ratio = per[largest][0] / per[middle][0]
        marginal = per[largest][1] / per[middle][1]
        memory = per[largest][3] / per[middle][3]
        _target(
            ratio <= 1.2 and marginal <= 1.2,
            f"CPU per slide at {largest} within 1.2 × that at {middle}: {ratio:.2f} × "
            f"(marginal {marginal:.2f} ×)",
        )
        _target(memory <= 1.2, f"marginal memory per slide not growing: {memory:.2f} ×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
