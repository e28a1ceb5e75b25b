"""The pipeline's driver: build one deck, batch builds, `check`, output formats, the manifest
and atomic writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from briefgen.results import BatchResult, DistrictResult, Outcome, Progress

    from ._atomic import atomic_write_bytes
    from ._batch import run_batch
    from ._batch_formats import BatchFormats, known_formats, parse_formats
    from ._check import check_file, check_files
    from ._handout import HandoutResult, handout_file, write_output
    from ._manifest import file_sha256
    from ._output_names import check_file_name
    from ._outputs import (
        FORMATS,
        OUTPUTS,
        Output,
        RendererOutput,
        RenderInput,
        Target,
        output_for,
        output_targets,
        write_file,
        write_outputs,
        write_pptx,
    )
    from ._pdf import convert_to_pdf, face_warnings, missing_faces, require_libreoffice
    from ._pipeline import (
        BuildResult,
        LaidOut,
        build_file,
        find_district,
        lay_out,
        lay_out_file,
        lay_out_outline,
        plan_and_lay_out,
        plan_for,
        theme_file,
        theme_for,
    )
    from ._preview_source import DeckSource
    from ._template import OnTemplate, apply_template, inspect_template, template_of
    from ._theme_preview import ThemePreview, theme_preview

__all__ = [
    "FORMATS",
    "OUTPUTS",
    "BatchFormats",
    "BatchResult",
    "BuildResult",
    "DeckSource",
    "DistrictResult",
    "HandoutResult",
    "LaidOut",
    "OnTemplate",
    "Outcome",
    "Output",
    "Progress",
    "RenderInput",
    "RendererOutput",
    "Target",
    "ThemePreview",
    "apply_template",
    "atomic_write_bytes",
    "build_file",
    "check_file",
    "check_file_name",
    "check_files",
    "convert_to_pdf",
    "face_warnings",
    "file_sha256",
    "find_district",
    "handout_file",
    "inspect_template",
    "known_formats",
    "lay_out",
    "lay_out_file",
    "lay_out_outline",
    "missing_faces",
    "output_for",
    "output_targets",
    "parse_formats",
    "plan_and_lay_out",
    "plan_for",
    "require_libreoffice",
    "run_batch",
    "template_of",
    "theme_file",
    "theme_for",
    "theme_preview",
    "write_file",
    "write_output",
    "write_outputs",
    "write_pptx",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "atomic_write_bytes": "._atomic",
        "BatchFormats": "._batch_formats",
        "BatchResult": "briefgen.results",
        "known_formats": "._batch_formats",
        "parse_formats": "._batch_formats",
        "build_file": "._pipeline",
        "BuildResult": "._pipeline",
        "check_file": "._check",
        "check_file_name": "._output_names",
        "check_files": "._check",
        "convert_to_pdf": "._pdf",
        "face_warnings": "._pdf",
        "HandoutResult": "._handout",
        "handout_file": "._handout",
        "missing_faces": "._pdf",
        "require_libreoffice": "._pdf",
        "write_output": "._handout",
        "DistrictResult": "briefgen.results",
        "file_sha256": "._manifest",
        "DeckSource": "._preview_source",
        "LaidOut": "._pipeline",
        "lay_out_outline": "._pipeline",
        "FORMATS": "._outputs",
        "OUTPUTS": "._outputs",
        "Output": "._outputs",
        "output_for": "._outputs",
        "output_targets": "._outputs",
        "RenderInput": "._outputs",
        "RendererOutput": "._outputs",
        "Target": "._outputs",
        "write_file": "._outputs",
        "write_outputs": "._outputs",
        "write_pptx": "._outputs",
        "find_district": "._pipeline",
        "lay_out": "._pipeline",
        "lay_out_file": "._pipeline",
        "plan_and_lay_out": "._pipeline",
        "plan_for": "._pipeline",
        "Outcome": "briefgen.results",
        "Progress": "briefgen.results",
        "run_batch": "._batch",
        "theme_file": "._pipeline",
        "theme_for": "._pipeline",
        "ThemePreview": "._theme_preview",
        "theme_preview": "._theme_preview",
        "inspect_template": "._template",
        "OnTemplate": "._template",
        "apply_template": "._template",
        "template_of": "._template",
    },
)
