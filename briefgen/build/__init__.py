"""The pipeline's driver: build one deck, batch builds, `check`, the manifest and atomic writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from ._atomic import atomic_write_bytes
    from ._batch import run_batch
    from ._check import check_file, check_files
    from ._manifest import file_sha256
    from ._pipeline import (
        BuildResult,
        build_file,
        find_district,
        lay_out,
        lay_out_file,
        theme_file,
        theme_for,
    )
    from ._results import BatchResult, DistrictResult, Progress

__all__ = [
    "BatchResult",
    "BuildResult",
    "DistrictResult",
    "Progress",
    "atomic_write_bytes",
    "build_file",
    "check_file",
    "check_files",
    "file_sha256",
    "find_district",
    "lay_out",
    "lay_out_file",
    "run_batch",
    "theme_file",
    "theme_for",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "atomic_write_bytes": "._atomic",
        "BatchResult": "._results",
        "build_file": "._pipeline",
        "BuildResult": "._pipeline",
        "check_file": "._check",
        "check_files": "._check",
        "DistrictResult": "._results",
        "file_sha256": "._manifest",
        "find_district": "._pipeline",
        "lay_out": "._pipeline",
        "lay_out_file": "._pipeline",
        "Progress": "._results",
        "run_batch": "._batch",
        "theme_file": "._pipeline",
        "theme_for": "._pipeline",
    },
)
