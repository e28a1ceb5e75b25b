"""Lazy public names for a package: `from briefgen.render import DeckView` imports rich only then.

Maps a package's `{name: private module}` table → a module `__getattr__` (PEP 562), so a
package's `__init__` can export every public name in `__all__` without importing the heavy
modules (rich, jinja2, concurrent.futures) that a plain build never needs.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], object]:
    """A module `__getattr__` that imports `exports[name]` (relative to `package`) on first use."""

    def __getattr__(name: str) -> object:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__


__all__ = ["lazy_exports"]
