"""Where a template problem stands in its file: the placeholder's own LINE:COL.

Maps (a file's source map and path, the text's data path, the `TemplateProblem`) → the
position of the offending `{{ … }}` inside the text, found by reading the file, or the text's
own position when the placeholder cannot be found there.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from briefgen._record import record
from briefgen.outline import DataPath, Position, SourceMap

from ._template import TemplateProblem


@record
class Site:
    """A file whose positions diagnostics use: its source map and its path on disk."""

    source_map: SourceMap
    path: Path | None


@functools.lru_cache(maxsize=8)
def _file_text(path: Path, mtime_ns: int) -> str:
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def locate(site: Site, path: DataPath, value: str, problem: TemplateProblem) -> Position | None:
    """The position of the offending placeholder in the file, or of the text that holds it."""
    start = site.source_map.position(path)
    if start is None or site.path is None or problem.needle is None:
        return start
    try:
        text = _file_text(site.path, site.path.stat().st_mtime_ns)
    except OSError:
        return start
    lines = text.split("\n")
    if start.line > len(lines):
        return start
    offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
    if problem.lineno and problem.lineno > 1:
        block = text[offset : offset + 1] in {"|", ">"}
        for _ in range(problem.lineno - (0 if block else 1)):
            offset = text.find("\n", offset) + 1 or offset
    window = text[offset : offset + 2 * len(value) + 400]
    found = re.search(problem.needle, window)
    if found is None:
        return start
    absolute = offset + found.start()
    line = text.count("\n", 0, absolute) + 1
    column = absolute - (text.rfind("\n", 0, absolute) + 1) + 1
    return Position(line, column)


__all__ = ["Site", "locate"]
