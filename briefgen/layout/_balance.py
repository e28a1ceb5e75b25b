"""Balanced page breaks: a run of blocks cut into a given number of pages of even fullness.

Maps the heights of consecutive blocks (paragraphs of a flow, rows of term cards), the gap
above each and whether a block must stay with the next one → the page ranges, in order:
12 questions go 6 + 6 and not 10 + 2, and no continuation page holds a sliver when the page
before it could give it some of its blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate


class Run:
    """Consecutive blocks to cut into pages: each block's height, the gap above it (dropped
    at the top of a page) and whether a page may not end after it (in EMU). Heights are
    kept as plain ints with running totals, so any page's height is two subtractions."""

    __slots__ = ("_gap_sums", "_sums", "gaps", "heights", "keeps")

    def __init__(self, heights: Sequence[int], gaps: Sequence[int], keeps: Sequence[bool]):
        self.heights = [int(h) for h in heights]
        self.gaps = [int(g) for g in gaps]
        self.keeps = list(keeps)
        self._sums = list(accumulate(self.heights, initial=0))
        self._gap_sums = list(accumulate(self.gaps, initial=0))

    def span(self, start: int, end: int) -> int:
        """The height of blocks `start` … `end` (inclusive) on one page."""
        if end < start:
            return 0
        blocks = self._sums[end + 1] - self._sums[start]
        return blocks + self._gap_sums[end + 1] - self._gap_sums[start + 1]


def chain(run: Run, i: int) -> tuple[int, int]:
    """The blocks that stay together with block `i`: from the first that must stay with the
    next up to `i` to the first after `i` that need not (a point and all its sub-points)."""
    start, end = i, i
    while start > 0 and run.keeps[start - 1]:
        start -= 1
    while end + 1 < len(run.heights) and run.keeps[end]:
        end += 1
    return start, end


def greedy(run: Run, cap: int, start: int = 0) -> list[tuple[int, int]]:
    """Pages of at most `cap` from block `start` on, each filled as far as it goes; blocks
    that must stay together move to the next page together where they fit on one."""
    pages: list[tuple[int, int]] = []
    first, used = start, 0
    n = len(run.heights)
    for i in range(start, n):
        gap = run.gaps[i] if i > first else 0
        need = gap + run.heights[i]
        if run.keeps[i] and i + 1 < n:
            head, tail = chain(run, i)
            together = run.span(max(head, first), tail)
            if together <= cap:  # the rest of its group must fit too
                need = gap + run.span(i, tail)
            else:
                need += run.gaps[i + 1] + run.heights[i + 1]
        if i > first and used + need > cap:
            pages.append((first, i - 1))
            first, used, gap = i, 0, 0
        used += gap + run.heights[i]
    if first < n:
        pages.append((first, n - 1))
    return pages


def balanced(run: Run, limit: int, count: int) -> list[tuple[int, int]]:
    """The blocks on `count` pages of at most `limit` each (a block taller than `limit` alone
    on its page), as evenly full as whole blocks allow: the smallest page height that still
    gives `count` pages is found by bisection, then each page in turn ends at the block that
    brings it nearest to an even share of what is left, as long as the rest still fits."""
    n = len(run.heights)
    if count <= 1 or n == 0:
        return [(0, n - 1)] if n else []
    low, high = min(max(run.heights), limit), limit
    if len(greedy(run, high)) > count:
        return greedy(run, limit)
    while low < high:
        cap = (low + high) // 2
        if len(greedy(run, cap)) <= count:
            high = cap
        else:
            low = cap + 1
    cap = high
    pages: list[tuple[int, int]] = []
    start = 0
    for left in range(count, 0, -1):
        if start >= n:
            break
        if left == 1:
            pages.append((start, n - 1))
            break
        share = run.span(start, n - 1) / left
        best: tuple[float, int] | None = None
        for end in range(start, n - 1):
            height = run.span(start, end)
            if height > cap and end > start:
                break
            if run.keeps[end] and run.span(*chain(run, end)) <= cap:
                continue
            if len(greedy(run, cap, end + 1)) > left - 1:
                continue
            score = abs(height - share)
            if best is None or score < best[0]:
                best = (score, end)
        if best is None:  # nothing balances: fill as the bisection's cap allows
            pages.extend(greedy(run, cap, start))
            break
        pages.append((start, best[1]))
        start = best[1] + 1
    return pages


__all__ = ["Run", "balanced", "chain", "greedy"]
