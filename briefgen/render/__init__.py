"""Stage 6, renderers: the only modules that import lxml, python-pptx or rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from ._base import base_bytes, load_base, make_base
    from ._diagnostics import diagnostics_view, stderr_console
    from ._pager import (
        DeckSource,
        PagerState,
        parse_keys,
        run_pager,
        screen,
        slide_texts,
        status_line,
    )
    from .batch_view import BatchView, closing_line, print_summary, summary_table
    from .pptx import fit_box, render_pptx
    from .terminal import (
        DeckView,
        HelpView,
        Kinsoku,
        SlideView,
        TocView,
        make_console,
        panel_height,
    )

__all__ = [
    "BatchView",
    "DeckSource",
    "DeckView",
    "HelpView",
    "Kinsoku",
    "PagerState",
    "SlideView",
    "TocView",
    "base_bytes",
    "closing_line",
    "diagnostics_view",
    "fit_box",
    "load_base",
    "make_base",
    "make_console",
    "panel_height",
    "parse_keys",
    "print_summary",
    "render_pptx",
    "run_pager",
    "screen",
    "slide_texts",
    "status_line",
    "stderr_console",
    "summary_table",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "diagnostics_view": "._diagnostics",
        "stderr_console": "._diagnostics",
        "base_bytes": "._base",
        "BatchView": ".batch_view",
        "closing_line": ".batch_view",
        "DeckSource": "._pager",
        "DeckView": ".terminal",
        "fit_box": ".pptx",
        "HelpView": ".terminal",
        "Kinsoku": ".terminal",
        "load_base": "._base",
        "make_base": "._base",
        "make_console": ".terminal",
        "PagerState": "._pager",
        "panel_height": ".terminal",
        "parse_keys": "._pager",
        "print_summary": ".batch_view",
        "render_pptx": ".pptx",
        "run_pager": "._pager",
        "screen": "._pager",
        "slide_texts": "._pager",
        "SlideView": ".terminal",
        "status_line": "._pager",
        "summary_table": ".batch_view",
        "TocView": ".terminal",
    },
)
