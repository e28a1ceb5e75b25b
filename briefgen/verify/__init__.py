"""`check --source`: quotations and 提法 compared word for word with the communiqué."""

from __future__ import annotations

from ._index import SourceIndex, char_diff
from ._verify import verify_against_source

__all__ = [
    "SourceIndex",
    "char_diff",
    "verify_against_source",
]
