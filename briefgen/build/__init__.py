"""The pipeline's driver: build one deck, batch builds, `check`, the manifest and atomic writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from ._atomic import atomic_write_bytes
    from ._batch import BatchResult, DistrictResult, Progress, run_batch
    from ._batch_outputs import parse_formats
    from ._check import check_file, check_files
    from ._handout import HandoutResult, handout_file, write_output
    from ._manifest import file_sha256
    from ._pdf import convert_to_pdf, face_warnings, missing_faces, require_libreoffice
    from ._pipeline import (
        BuildResult,
        build_file,
        find_district,
        lay_out,
        lay_out_file,
        plan_for,
        theme_file,
        theme_for,
    )

__all__ = [
    "BatchResult",
    "BuildResult",
    "DistrictResult",
    "HandoutResult",
    "Progress",
    "atomic_write_bytes",
    "build_file",
    "check_file",
    "check_files",
    "convert_to_pdf",
    "face_warnings",
    "file_sha256",
    "find_district",
    "handout_file",
    "lay_out",
    "lay_out_file",
    "missing_faces",
    "parse_formats",
    "plan_for",
    "require_libreoffice",
    "run_batch",
    "theme_file",
    "theme_for",
    "write_output",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "atomic_write_bytes": "._atomic",
        "BatchResult": "._batch",
        "build_file": "._pipeline",
        "BuildResult": "._pipeline",
        "check_file": "._check",
        "check_files": "._check",
        "convert_to_pdf": "._pdf",
        "face_warnings": "._pdf",
        "HandoutResult": "._handout",
        "handout_file": "._handout",
        "missing_faces": "._pdf",
        "parse_formats": "._batch_outputs",
        "require_libreoffice": "._pdf",
        "write_output": "._handout",
        "DistrictResult": "._batch",
        "file_sha256": "._manifest",
        "find_district": "._pipeline",
        "lay_out": "._pipeline",
        "lay_out_file": "._pipeline",
        "plan_for": "._pipeline",
        "Progress": "._batch",
        "run_batch": "._batch",
        "theme_file": "._pipeline",
        "theme_for": "._pipeline",
    },
)
