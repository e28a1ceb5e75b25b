"""Stage 3: rosters, district variables, the sandboxed templates, and `expand` for one district."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen._lazy import lazy_exports

if TYPE_CHECKING:
    from ._expand import expand, expand_outline
    from ._filenames import MAX_STEM, collision_key, safe_file_stem
    from ._jinja import render_full
    from ._roster import District, Roster, RosterFailure, load_roster, normalise_name
    from ._select import keeps, unknown_district_names
    from ._template import DistrictValue, TemplateProblem, clear_cache, plain_parts, render

__all__ = [
    "MAX_STEM",
    "District",
    "DistrictValue",
    "Roster",
    "RosterFailure",
    "TemplateProblem",
    "clear_cache",
    "collision_key",
    "expand",
    "expand_outline",
    "keeps",
    "load_roster",
    "normalise_name",
    "plain_parts",
    "render",
    "render_full",
    "safe_file_stem",
    "unknown_district_names",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "clear_cache": "._template",
        "collision_key": "._filenames",
        "District": "._roster",
        "DistrictValue": "._template",
        "expand": "._expand",
        "expand_outline": "._expand",
        "keeps": "._select",
        "load_roster": "._roster",
        "MAX_STEM": "._filenames",
        "normalise_name": "._roster",
        "plain_parts": "._template",
        "render": "._template",
        "render_full": "._jinja",
        "Roster": "._roster",
        "RosterFailure": "._roster",
        "safe_file_stem": "._filenames",
        "TemplateProblem": "._template",
        "unknown_district_names": "._select",
    },
)
