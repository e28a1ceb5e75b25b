"""The package layout's rules, read from the code with `ast` (docs/architecture.md).

- only `briefgen/render/` imports python-pptx, python-docx, lxml or rich;
- `render/` imports nothing from the outline, districts or build stages;
- a package imports another package only through its public names (its `__init__`'s
  `__all__`), never a `_private` module or name;
- each package's `__all__` names what it really exports.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "briefgen"
RENDER_ONLY = ("pptx", "docx", "lxml", "rich")
FRONT_STAGES = ("outline", "districts", "build")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(path: Path) -> str | None:
    """The stage package a file belongs to (`render`, `layout` …), or None at the top level."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def _imports(path: Path) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(line, absolute module, imported names) for every import in one file, nested ones too."""
    package = ".".join(("briefgen", *path.relative_to(PACKAGE).parts[:-1]))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                if path.name != "__init__.py" or node.level > 1:
                    base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            yield node.lineno, module, tuple(alias.name for alias in node.names)


def test_only_render_imports_pptx_lxml_or_rich() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}"
        for path in _modules()
        if _stage(path) != "render"
        for line, module, _ in _imports(path)
        if module.split(".")[0] in RENDER_ONLY
    ]
    assert offenders == []


def test_render_imports_no_front_stage() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}"
        for path in _modules()
        if _stage(path) == "render"
        for line, module, _ in _imports(path)
        if module.split(".")[:2] in (["briefgen", stage] for stage in FRONT_STAGES)
    ]
    assert offenders == []


def test_packages_meet_only_through_public_names() -> None:
    offenders = []
    for path in _modules():
        own = _stage(path)
        for line, module, names in _imports(path):
            parts = module.split(".")
            if parts[0] != "briefgen" or len(parts) < 2 or parts[1] == own:
                continue
            private = [p for p in parts[2:] if p.startswith("_")]
            private += [n for n in names if n.startswith("_")]
            if private:
                offenders.append(f"{path.relative_to(PACKAGE)}:{line}: {module} {names}")
    assert offenders == []


def test_the_checker_resolves_relative_imports() -> None:
    """The walker resolves relative imports, so a hidden `from .._x import y` is caught."""
    found = {(module, names) for _, module, names in _imports(PACKAGE / "render" / "pptx.py")}
    assert ("briefgen.render", ("_oxml",)) in found


@pytest.mark.parametrize(
    "package",
    sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")),
)
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(f"briefgen.{package}")
    names = getattr(module, "__all__", None)
    assert names, f"briefgen.{package} exports nothing in __all__"
    for name in names:
        assert getattr(module, name) is not None, name
