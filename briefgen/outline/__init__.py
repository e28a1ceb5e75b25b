"""Stage 1–2: read the YAML outline with positions and validate it into the immutable `Outline`."""

from __future__ import annotations

from ._images import ACCEPTED, IMAGE_FORMATS, MAX_PIXELS, image_problem
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
    DataPath,
    Position,
    SourceMap,
    control_characters,
    decode_outline,
    format_path,
    parse_yaml,
    read_yaml,
)
from ._textfile import Undecodable, decode_text, read_bytes
from ._validation import in_file_order, model_diagnostics

__all__ = [
    "ACCEPTED",
    "CONTENT_KINDS",
    "IMAGE_FORMATS",
    "MAX_BYTES",
    "MAX_PIXELS",
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
    "image_problem",
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
