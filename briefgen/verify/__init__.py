"""`check --source`: quotations and 提法 compared word for word with the communiqué."""

from __future__ import annotations

from ._verify import SourceIndex, char_diff, verify_against_source

__all__ = [
    "SourceIndex",
    "char_diff",
    "verify_against_source",
]
