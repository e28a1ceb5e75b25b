"""Stage 6, renderers: the only modules that import lxml, python-pptx or rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from ._base import base_bytes, load_base, make_base
    from ._cells import Kinsoku
    from ._diagnostics import diagnostics_text, diagnostics_view, stderr_console, wants_colour
    from ._handout import handout_parts, part_strings
    from ._overlays import HelpView, TocView
    from ._pager import parse_keys, run_pager
    from ._pager_screen import PagerSource, screen, status_line
    from ._pager_state import PagerState, slide_texts
    from ._slide_view import SlideView, panel_height
    from ._theme_view import ThemeView, theme_table
    from .batch_view import BatchView, closing_line, print_summary, summary_table
    from .docx import render_docx
    from .markdown import render_markdown
    from .pptx import fit_box, render_pptx
    from .template_view import template_view
    from .terminal import DeckView, make_console

__all__ = [
    "BatchView",
    "DeckView",
    "HelpView",
    "Kinsoku",
    "PagerSource",
    "PagerState",
    "SlideView",
    "ThemeView",
    "TocView",
    "base_bytes",
    "closing_line",
    "diagnostics_text",
    "diagnostics_view",
    "fit_box",
    "handout_parts",
    "load_base",
    "make_base",
    "make_console",
    "panel_height",
    "parse_keys",
    "part_strings",
    "print_summary",
    "render_docx",
    "render_markdown",
    "render_pptx",
    "run_pager",
    "screen",
    "slide_texts",
    "status_line",
    "stderr_console",
    "summary_table",
    "template_view",
    "theme_table",
    "wants_colour",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "diagnostics_text": "._diagnostics",
        "diagnostics_view": "._diagnostics",
        "stderr_console": "._diagnostics",
        "wants_colour": "._diagnostics",
        "base_bytes": "._base",
        "BatchView": ".batch_view",
        "closing_line": ".batch_view",
        "PagerSource": "._pager_screen",
        "DeckView": ".terminal",
        "fit_box": ".pptx",
        "handout_parts": "._handout",
        "part_strings": "._handout",
        "render_docx": ".docx",
        "render_markdown": ".markdown",
        "HelpView": "._overlays",
        "Kinsoku": "._cells",
        "load_base": "._base",
        "make_base": "._base",
        "make_console": ".terminal",
        "PagerState": "._pager_state",
        "panel_height": "._slide_view",
        "parse_keys": "._pager",
        "print_summary": ".batch_view",
        "render_pptx": ".pptx",
        "run_pager": "._pager",
        "screen": "._pager_screen",
        "slide_texts": "._pager_state",
        "SlideView": "._slide_view",
        "status_line": "._pager_screen",
        "summary_table": ".batch_view",
        "TocView": "._overlays",
        "ThemeView": "._theme_view",
        "theme_table": "._theme_view",
        "template_view": ".template_view",
    },
)
