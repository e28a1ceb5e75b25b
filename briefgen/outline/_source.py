"""Read YAML safely into plain data plus a map from data paths to FILE:LINE:COL positions.

Maps a file on disk to (`data`, `SourceMap`). Guards against what trainers and attackers send:
non-UTF-8 bytes (GBK/GB18030 recognised), empty files, control characters, oversized files,
Python tags and alias bombs. Scalars stay strings (no YAML 1.1 surprises such as `no` → False
or `2020-12-01` → date); pydantic coerces them where the model asks for a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from briefgen.errors import DataPath, Diagnostic, OutlineError, format_path

from . import _textfile as textfile
from ._blocks import block_text
from ._yaml_hints import yaml_error

MAX_BYTES = 2 * 1024 * 1024
"""Largest YAML file read: an outline is a few dozen kilobytes."""

MAX_NODES = 50_000
"""Most values aliases (*name) may add by repeating what they point to; the file size bounds
the rest."""

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings: an outline needs fewer than ten levels."""

_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
"""Control characters in a loaded value: the raw-text set plus carriage return, which YAML
turns into a line break when typed raw and so can only have come from an escape (`"\\r"`)."""
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Zero-width and bidirectional controls: legal, but invisible and able to reorder text."""
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x0d": "carriage return",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x0c": "form feed",
}


class Position(NamedTuple):
    """A 1-based line and column in a file (a tuple: a roster of 1,000 districts makes 12,000
    of them, and a tuple is made in a third of a record's time)."""

    line: int
    column: int


@dataclass(slots=True)
class SourceMap:
    """Where each value (and each mapping key) of the loaded data stands in the file."""

    file: str
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    """Findings of reading that do not stop it (zero-width and bidi controls)."""

    def position(self, path: DataPath, *, key: bool = False) -> Position | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        if key and path in self.keys:
            return self.keys[path]
        probe = path
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))

    def diagnostic(
        self, path: DataPath, message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        """A diagnostic for `path` with this file's position filled in."""
        pos = self.position(path, key=key)
        return Diagnostic(
            message=message,
            file=self.file,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
            path=format_path(path),
            severity="warning" if severity == "warning" else "error",
        )


def decode_outline(raw: bytes, file: str) -> str:
    """Bytes → text, refusing what is not UTF-8 with a message that says how to convert it."""
    if len(raw) > MAX_BYTES:
        raise OutlineError(
            Diagnostic(
                f"the file is {len(raw) // 1024} KiB, over the {MAX_BYTES // 1024} KiB limit; "
                "is this really an outline? Split it or check you chose the right file",
                file=file,
            )
        )
    try:
        return textfile.decode_text(raw, utf16=False, gb18030=False).text
    except textfile.Undecodable as bad:
        hint = "save it as UTF-8 in your editor"
        if bad.gb18030_text is not None and textfile.has_chinese(bad.gb18030_text):
            hint = (
                "it looks like GBK/GB18030 (a Windows Chinese encoding): save it as UTF-8 "
                f"in your editor, or run: iconv -f GB18030 -t UTF-8 {file} > utf8.yaml"
            )
        raise OutlineError(
            Diagnostic(
                f"the file is not UTF-8 (byte 0x{bad.byte:02X} at offset {bad.offset}); {hint}",
                file=file,
                line=bad.line,
                column=bad.column,
            )
        ) from None


def character_name(ch: str) -> str:
    """A control character as trainers can look it up: `ESC`, `U+202E`."""
    return _CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}")


def control_characters(text: str, file: str) -> list[Diagnostic]:
    """One diagnostic per control character that has no business in an outline."""
    found: list[Diagnostic] = []
    for match in _CONTROL.finditer(text):
        ch = match.group()
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        found.append(
            Diagnostic(
                f"control character {character_name(ch)} in the text; delete it (it is "
                "invisible in most editors and often comes from copying out of a PDF or Word)",
                file=file,
                line=line,
                column=column,
            )
        )
    return found


def _escaped_control(value: str) -> str | None:
    """The message for a control character that a value holds (written as an escape)."""
    match = _CONTROL_IN_VALUE.search(value)
    if match is None:
        return None
    return (
        f"control character {character_name(match.group())} in the text (written as an "
        "escape such as \\e or \\x1b); delete it: it does not show on a slide, and in a "
        "terminal it can retitle the window, clear the screen or write the clipboard"
    )


def _invisible(value: str) -> str | None:
    """The warning for a zero-width or bidi control that a value holds, or None."""
    match = _INVISIBLE.search(value)
    if match is None:
        return None
    return (
        f"invisible character {character_name(match.group())} (zero-width or text-direction "
        "control) in the text; delete it unless you mean it: it can hide or reorder what the "
        "text seems to say"
    )


_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class _TextLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, with every untagged value taken as text, a list or a mapping.

    An outline's values are all read as text (`_Converter` never looks at 1.5 or `yes` as a
    number or a boolean; the model converts what it expects), so the implicit resolvers'
    regular expressions, which libyaml's composer calls in Python for every plain value (a
    tenth of reading a 1,000-district roster), are skipped. A value written with an explicit
    tag keeps it, and `_ALLOWED_TAGS` still judges it."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _loader() -> type[yaml.SafeLoader]:
    return _TextLoader


class _Converter:
    """Walks composed YAML nodes into plain data, recording positions and problems."""

    def __init__(self, file: str, text: str) -> None:
        self.map = SourceMap(file)
        self.text = text
        self.problems: list[Diagnostic] = []
        self.budget = MAX_NODES
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, path: DataPath) -> Any:
        if id(node) in self.seen:  # reached again through an alias: a repeat, on budget
            self.budget -= 1
            if self.budget < 0:
                raise _TooLarge(node)
        else:
            self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise _TooDeep(node)
        values = self.map.values
        if path not in values:
            mark = node.start_mark
            values[path] = Position(mark.line + 1, mark.column + 1)
        if node.tag not in _ALLOWED_TAGS:
            self.problems.append(
                self.map.diagnostic(
                    path,
                    f"YAML tag {node.tag!r} is not allowed; outlines hold plain text, "
                    "lists and mappings only",
                )
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            value: str = node.value
            if not value.isprintable():
                self._check_characters(node, value, path)
            if not node.style and value in _NULLS:  # libyaml marks plain style "", PyYAML None
                return None
            if node.style in ("|", ">"):
                return block_text(node, value, self.text)
            return value
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        assert isinstance(node, yaml.SequenceNode)
        return [self.convert(child, (*path, i)) for i, child in enumerate(node.value)]

    def _check_characters(self, node: yaml.Node, value: str, path: DataPath) -> None:
        """Control characters are errors, invisible ones warnings, however they were written."""
        if value.isprintable():
            return
        problem = _escaped_control(value)
        if problem is not None:
            self.problems.append(_at_node(node, problem, self.map.file, format_path(path)))
            return
        warning = _invisible(value)
        if warning is not None:
            pos = _pos(node)
            self.map.warnings.append(
                Diagnostic(
                    warning,
                    file=self.map.file,
                    line=pos.line,
                    column=pos.column,
                    path=format_path(path),
                    severity="warning",
                )
            )

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys = self.map.keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    _at_node(
                        key_node,
                        "a key must be plain text, not a list or mapping",
                        self.map.file,
                        format_path(path),
                    )
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if not key.isprintable():
                self._check_characters(key_node, key, path)
            if key in out:
                first = keys[child]
                self.problems.append(
                    _at_node(
                        key_node,
                        f"key {key!r} appears twice (first at line {first.line}); "
                        "merge the two or rename one, or the first would be lost",
                        self.map.file,
                        format_path(child),
                    )
                )
                continue
            mark = key_node.start_mark
            keys[child] = Position(mark.line + 1, mark.column + 1)
            out[key] = self.convert(value_node, child)
        return out


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooDeep(_TooLarge):
    """Nesting past `MAX_DEPTH` (or an alias that contains itself), before Python's stack runs out."""


def _pos(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _at_node(node: yaml.Node, message: str, file: str, path: str = "") -> Diagnostic:
    """An error positioned at the start of a YAML node."""
    pos = _pos(node)
    return Diagnostic(message, file=file, line=pos.line, column=pos.column, path=path)


def parse_yaml(text: str, file: str) -> tuple[Any, SourceMap]:
    """YAML text → (plain data, source map); raises `OutlineError` listing every problem found."""
    problems = control_characters(text, file)
    if problems:
        raise OutlineError(tuple(problems))
    empty = OutlineError(
        Diagnostic(
            "the file is empty; start from the example in docs/outline-format.md",
            file=file,
            line=1,
            column=1,
        )
    )
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise empty
    try:
        nodes = list(_compose_all(text))
    except yaml.MarkedYAMLError as exc:
        raise OutlineError(yaml_error(exc, file, text)) from None
    except yaml.YAMLError as exc:
        raise OutlineError(Diagnostic(f"YAML syntax: {exc}", file=file)) from None
    if not nodes:  # only a document marker, a byte-order mark or line separators
        raise empty
    if len(nodes) > 1:
        second = nodes[1]
        raise OutlineError(
            _at_node(
                second,
                "the file holds more than one YAML document ('---'); keep one outline per file",
                file,
            )
        )
    converter = _Converter(file, text)
    try:
        data = converter.convert(nodes[0], ())
    except _TooDeep as exc:
        raise OutlineError(
            _at_node(
                exc.node,
                f"lists and mappings are nested more than {MAX_DEPTH} levels deep, or an alias "
                "(*name) contains itself; an outline needs only a few levels",
                file,
            )
        ) from None
    except _TooLarge as exc:
        raise OutlineError(
            _at_node(
                exc.node,
                f"nested YAML aliases (*name) expand the document by more than {MAX_NODES:,} "
                "values; write the content out instead of aliasing it",
                file,
            )
        ) from None
    if converter.problems:
        raise OutlineError(tuple(converter.problems))
    return data, converter.map


def _compose_all(text: str) -> Iterator[yaml.Node]:
    loader = _loader()(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                yield node
    finally:
        loader.dispose()


def read_yaml(path: Path, *, display: str | None = None) -> tuple[Any, SourceMap]:
    """A YAML file → (plain data, source map), with every guard applied."""
    file = display or str(path)
    raw = textfile.read_bytes(path, file, limit=MAX_BYTES, what="an outline", error=OutlineError)
    return parse_yaml(decode_outline(raw, file), file)


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "DataPath",
    "Position",
    "SourceMap",
    "character_name",
    "decode_outline",
    "format_path",
    "parse_yaml",
    "read_yaml",
]
