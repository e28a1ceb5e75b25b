"""Stage 1–2: read the YAML outline with positions and validate it into the immutable `Outline`."""

from __future__ import annotations

from briefgen.errors import DataPath, format_path  # their home is errors; kept here for callers

from ._loader import (
    VARIABLE,
    LoadedOutline,
    lint_outline,
    load_outline,
    used_variables,
    validate_outline,
)
from ._model import CONTENT_KINDS, Image, Item, Outline, Section, Slide, Table, Term, outline_schema
from ._source import (
    MAX_BYTES,
    Position,
    SourceMap,
    control_characters,
    decode_outline,
    parse_yaml,
    read_yaml,
)
from ._textfile import Undecodable, decode_text, read_bytes
from ._validation import in_file_order, model_diagnostics

__all__ = [
    "CONTENT_KINDS",
    "MAX_BYTES",
    "VARIABLE",
    "DataPath",
    "Image",
    "Item",
    "LoadedOutline",
    "Outline",
    "Position",
    "Section",
    "Slide",
    "SourceMap",
    "Table",
    "Term",
    "Undecodable",
    "control_characters",
    "decode_outline",
    "decode_text",
    "format_path",
    "in_file_order",
    "lint_outline",
    "load_outline",
    "model_diagnostics",
    "outline_schema",
    "parse_yaml",
    "read_bytes",
    "read_yaml",
    "used_variables",
    "validate_outline",
]
