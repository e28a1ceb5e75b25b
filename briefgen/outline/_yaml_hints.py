"""YAML syntax errors explained from the lines around them, in a trainer's words.

Maps a libyaml `MarkedYAMLError` and the file's text → one `Diagnostic` at the place to fix,
with a hint read from what the lines show: a tab or a full-width space in the indentation, an
unclosed quote, a key indented more than the key above it (so YAML reads it as more text), a
line whose indentation matches none of the entries above it, or a ':' inside plain text.
"""

from __future__ import annotations

import yaml

from briefgen._record import record
from briefgen.errors import Diagnostic

_INDENTATION = ("expected '-' indicator", "expected key", "<block end>")
"""libyaml's problems that mean a line's indentation fits no open list or mapping."""


@record
class _Line:
    """One non-blank, non-comment line: its number, where its entry starts, and its text."""

    number: int
    """1-based line number."""
    start: int
    """1-based column of the first character (of the `- ` of a list entry)."""
    key_start: int
    """1-based column where a key starts (after any `- `)."""
    text: str

    @property
    def label(self) -> str:
        """The line's start as a trainer reads it: `'minutes:'`, `'- title:'`, `'- 一'`."""
        return self._label(self.text.strip())

    @property
    def key_label(self) -> str:
        """The line's key without a list entry's `- `: `'title:'`."""
        body = self.text.strip()
        while body.startswith("- "):
            body = body[2:].lstrip(" ")
        return self._label(body)

    @staticmethod
    def _label(body: str) -> str:
        head = body.split(": ", 1)[0].split(" #", 1)[0]
        if body.startswith(head) and body[len(head) :].startswith(":"):
            head += ":"
        return f"'{head[:24]}'"

    @property
    def has_value(self) -> bool:
        """True for `key: value` (text after the colon), False for `key:` that opens a block."""
        body = self.text.strip().removeprefix("- ")
        if ": " not in body:
            return False
        value = body.split(": ", 1)[1].split(" #", 1)[0].strip()
        return bool(value) and value[0] not in "|>"


def _line(lines: list[str], index: int) -> _Line | None:
    """The line at 0-based `index`, or None if it is blank or a comment."""
    if index < 0 or index >= len(lines):
        return None
    text = lines[index].rstrip()
    body = text.lstrip(" ")
    if not body or body.startswith("#"):
        return None
    start = len(text) - len(body) + 1
    key_start = start
    while body.startswith("- "):
        stripped = body[2:].lstrip(" ")
        key_start += len(body) - len(stripped)
        body = stripped
    return _Line(index + 1, start, key_start, text)


def _above(lines: list[str], index: int) -> list[_Line]:
    """The non-blank lines above line `index` (0-based), nearest first."""
    found = []
    for i in range(index - 1, -1, -1):
        line = _line(lines, i)
        if line is not None:
            found.append(line)
    return found


def yaml_error(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    """The error at the place to fix, with a hint from the lines around it."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    context = f"{exc.context} " if exc.context else ""
    lines = text.splitlines()
    line = mark.line if mark else 0
    column = mark.column if mark else 0
    found = lines[line][column] if line < len(lines) and column < len(lines[line]) else ""
    indent = (
        lines[line][: len(lines[line]) - len(lines[line].lstrip())] if line < len(lines) else ""
    )
    hint = ""
    if "\t" in problem or "'\\t'" in problem or found == "\t" or "\t" in indent:
        hint = "; indent with spaces, not tabs"
    elif "\u3000" in problem or "'\\u3000'" in problem or found == "\u3000" or "\u3000" in indent:
        hint = "; a full-width space (　) is used for indentation: use ordinary spaces"
    elif (
        "quoted scalar" in context
        and ("end of stream" in problem or "document separator" in problem)
        and exc.context_mark is not None
    ):
        line, column = exc.context_mark.line, exc.context_mark.column
        opened = lines[line] if line < len(lines) else ""
        quote = opened[column] if column < len(opened) else '"'
        hint = (
            f"; the quote {quote} opened here is never closed: end the text with {quote} on "
            "this line, or use Chinese quotes “ ” inside it"
        )
        problem, context = "unclosed quote", ""
    elif "mapping values are not allowed" in problem:
        hint, column = _colon_hint(lines, line, column)
        problem = "a key is indented too far" if "further right" in hint else "a ':' inside text"
        context = ""
    elif any(k in problem for k in _INDENTATION):
        hint, column = _indentation_hint(lines, line, column)
        problem, context = "this line's indentation matches no list or mapping above it", ""
    elif "could not find expected ':'" in problem and exc.context_mark:
        # The scanner notices a missing ':' only on the next line; point at the key itself.
        mark = exc.context_mark
        line, column = mark.line, mark.column
        if line < len(lines) and "：" in lines[line]:
            hint = "; a full-width colon '：' cannot end a key: type an ASCII ':' and a space"
    return Diagnostic(
        f"YAML syntax: {context}{problem}{hint}",
        file=file,
        line=line + 1 if mark else None,
        column=column + 1 if mark else None,
    )


def _colon_hint(lines: list[str], index: int, column: int) -> tuple[str, int]:
    """A ':' where YAML expects none: an over-indented key, or a colon inside plain text."""
    here = _line(lines, index)
    text = lines[index] if index < len(lines) else ""
    before = text[:column].strip().removeprefix("- ")
    if here is not None and ": " not in before and not before.endswith(":"):
        above = _above(lines, index)
        parent = above[0] if above else None
        if parent is not None and here.key_start > parent.key_start and parent.has_value:
            return (
                f"; {here.key_label} starts in column {here.key_start}, further right than "
                f"{parent.key_label} on line {parent.number} (column {parent.key_start}), so "
                f"YAML reads it as more text of {parent.key_label}: start it in column "
                f"{parent.key_start} (keys of one mapping start in the same column)",
                here.key_start - 1,
            )
    return "; a ':' inside text needs the whole text in quotes, or use a full-width '：'", column


def _indentation_hint(lines: list[str], index: int, column: int) -> tuple[str, int]:
    """A line whose indentation fits no entry above it: name the columns it sits between."""
    here = _line(lines, index)
    if here is None:
        return (
            "; check the indentation: entries of one list or mapping start in the same column",
            column,
        )
    deeper: tuple[_Line, int] | None = None
    shallower: tuple[_Line, int] | None = None
    for line in _above(lines, index):
        columns = {line.start, line.key_start}
        right = [c for c in columns if c > here.start]
        left = [c for c in columns if c < here.start]
        if deeper is None and right:
            deeper = (line, min(right))
        if shallower is None and left:
            shallower = (line, max(left))
        if shallower is not None:
            break
    where = f"{here.label} starts in column {here.start}"
    around = []
    if deeper is not None and shallower is not None and deeper[0] is shallower[0]:
        line = deeper[0]
        around.append(
            f"the '- ' (column {shallower[1]}) and the key {line.key_label} (column {deeper[1]}) "
            f"of line {line.number}"
        )
    else:
        for line, start in (entry for entry in (deeper, shallower) if entry is not None):
            around.append(f"{line.label} on line {line.number} (column {start})")
    if around:
        where += ", between " + " and ".join(around)
    return (
        f"; check the indentation: {where}; entries of one list or mapping start in the "
        "same column: move it to the column of the entries it belongs with",
        here.start - 1,
    )


__all__ = ["yaml_error"]
