"""The pipeline's driver: build one deck, batch builds, `check`, output formats, the manifest
and atomic writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from briefgen.results import BatchResult, DistrictResult, Outcome, Progress

    from ._atomic import atomic_write_bytes
    from ._batch import run_batch
    from ._check import check_file, check_files
    from ._manifest import file_sha256
    from ._outputs import (
        FORMATS,
        OUTPUTS,
        Output,
        RenderInput,
        Target,
        output_for,
        output_targets,
        write_file,
        write_outputs,
        write_pptx,
    )
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
    "FORMATS",
    "OUTPUTS",
    "BatchResult",
    "BuildResult",
    "DistrictResult",
    "Outcome",
    "Output",
    "Progress",
    "RenderInput",
    "Target",
    "atomic_write_bytes",
    "build_file",
    "check_file",
    "check_files",
    "file_sha256",
    "find_district",
    "lay_out",
    "lay_out_file",
    "output_for",
    "output_targets",
    "plan_for",
    "run_batch",
    "theme_file",
    "theme_for",
    "write_file",
    "write_outputs",
    "write_pptx",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "atomic_write_bytes": "._atomic",
        "BatchResult": "briefgen.results",
        "build_file": "._pipeline",
        "BuildResult": "._pipeline",
        "check_file": "._check",
        "check_files": "._check",
        "DistrictResult": "briefgen.results",
        "file_sha256": "._manifest",
        "FORMATS": "._outputs",
        "OUTPUTS": "._outputs",
        "Output": "._outputs",
        "output_for": "._outputs",
        "output_targets": "._outputs",
        "RenderInput": "._outputs",
        "Target": "._outputs",
        "write_file": "._outputs",
        "write_outputs": "._outputs",
        "write_pptx": "._outputs",
        "find_district": "._pipeline",
        "lay_out": "._pipeline",
        "lay_out_file": "._pipeline",
        "plan_for": "._pipeline",
        "Outcome": "briefgen.results",
        "Progress": "briefgen.results",
        "run_batch": "._batch",
        "theme_file": "._pipeline",
        "theme_for": "._pipeline",
    },
)
