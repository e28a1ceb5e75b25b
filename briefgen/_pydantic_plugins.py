"""The command line's pydantic runs without plugin discovery: no plugin is looked for or loaded.

Maps the `briefgen` process → pydantic's plugin loader (`pydantic.plugin._loader`) replaced,
before pydantic makes its first validator, by one whose `get_plugins()` finds none.

Why: when pydantic makes its first validator (a model class, a `TypeAdapter`) it imports its
plugin loader, which imports `importlib.metadata` (with `email`, `zipfile`, `csv` and
`socket`) and scans the entry points of every installed distribution. That costs a cold
`briefgen build` about 12 ms of CPU, 5% of it (`bench/build.py`), for nothing: plugins
observe an application's validation (logfire and the like), briefgen's command line uses
none, and typer already turns them off while it builds its parameters
(`PYDANTIC_DISABLE_PLUGINS`, which skips the scan but not the imports).

Only `_entry.main` installs it, so a program that imports briefgen as a library keeps its
plugins. Should pydantic ask the loader for anything but `get_plugins`, the real loader is
imported then and answers (`_real_attribute`), so a pydantic release that changes the loader
costs the 12 ms again, never a failure.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable

LOADER = "pydantic.plugin._loader"
"""The module pydantic imports its plugins through (`create_schema_validator`)."""


def _no_plugins() -> Iterable[object]:
    """`get_plugins()` of the stand-in: no plugin, and nothing imported to find out."""
    return ()


def _real_attribute(name: str) -> object:
    """Any other name of the loader: drop the stand-in, import the real loader, answer."""
    if name.startswith("__"):
        raise AttributeError(name)
    import importlib

    if getattr(sys.modules.get(LOADER), "__getattr__", None) is _real_attribute:
        del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


def skip_plugin_discovery() -> None:
    """Put the stand-in loader in place, unless pydantic's own is imported already."""
    if LOADER in sys.modules:
        return
    stand_in = types.ModuleType(LOADER, "briefgen: pydantic without plugin discovery.")
    stand_in.get_plugins = _no_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = _real_attribute  # type: ignore[method-assign]
    sys.modules[LOADER] = stand_in


__all__ = ["LOADER", "skip_plugin_discovery"]
