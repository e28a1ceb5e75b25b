"""Records: `@dataclass(frozen=True, slots=True)` classes made at a tenth of the start-up cost.

Maps a class body of annotated fields (with defaults) → the same class as the standard
decorator makes it: `__slots__`, `__init__` (and `__post_init__`), `__repr__`, `__eq__`,
`__hash__`, `__match_args__`, frozen `__setattr__`/`__delattr__` (raising
`dataclasses.FrozenInstanceError`), pickling, and `__dataclass_fields__`, so
`dataclasses.replace`, `fields`, `asdict` and `is_dataclass` work on it unchanged.

Why: `dataclasses` compiles six functions per class, one `exec` each, and builds the class
twice for its slots; a cold `briefgen build` made about fifty such classes at ≈0.5 ms each.
A record's `__init__`, `__eq__` and `__hash__` (as the dataclass's, so as fast and with the
same hashes) are compiled once per shape (field count, `__post_init__` or not) and renamed
for each class, since compiling was two thirds of a record's cost (65 records, 13 shapes, in
a cold build); `__repr__` is a closure. Only what briefgen's records
use is supported: frozen classes (mutable ones stay dataclasses), plain defaults (no
`field(...)`), no `ClassVar` or `InitVar` fields, no base class; anything else raises
`TypeError` at import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import CodeType, FunctionType
from typing import Any, TypeVar, cast, dataclass_transform

_C = TypeVar("_C", bound=type)

_NO_DEFAULT = object()
_MISSING: Any = dataclasses.MISSING


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[object]:
    return [getattr(self, name) for name in self.__slots__]


def _setstate(self: Any, state: list[object]) -> None:
    for name, value in zip(self.__slots__, state, strict=True):
        object.__setattr__(self, name, value)


def _source(count: int, post: bool) -> str:
    """The methods' source for `count` fields named ``_f0`` … (renamed per class by
    `_methods`): `__init__`, and `__eq__`/`__hash__` over the fields' tuple, as the
    dataclass's (so the same hashes). ``_setattr`` is a global of the functions."""
    names = [f"_f{i}" for i in range(count)]
    body = [f"_setattr(self, {n!r}, {n})" for n in names]
    if post:
        body.append("self.__post_init__()")
    own = "".join(f"self.{n}," for n in names)
    other = "".join(f"other.{n}," for n in names)
    return "\n".join(
        [
            f"def __init__(self, {', '.join(names)}):",
            *(f"  {line}" for line in body or ["pass"]),
            "def __eq__(self, other):",
            "  if other.__class__ is self.__class__:",
            f"    return ({own}) == ({other})",
            "  return NotImplemented",
            "def __hash__(self):",
            f"  return hash(({own}))",
        ]
    )


_GLOBALS: dict[str, Any] = {"_setattr": object.__setattr__, "__builtins__": __builtins__}
"""The generated methods' globals: only what their bodies name."""

_TEMPLATES: dict[tuple[int, bool], tuple[CodeType, CodeType, CodeType]] = {}
"""Compiled methods by (field count, has `__post_init__`): a build's 65 records have 13 shapes."""


def _template(count: int, post: bool) -> tuple[CodeType, CodeType, CodeType]:
    """The compiled `__init__`, `__eq__` and `__hash__` of one shape, compiled once."""
    found = _TEMPLATES.get((count, post))
    if found is None:
        scope: dict[str, Any] = {}
        exec(_source(count, post), _GLOBALS, scope)
        init, eq, hashing = (scope[name].__code__ for name in ("__init__", "__eq__", "__hash__"))
        found = _TEMPLATES[(count, post)] = (init, eq, hashing)
    return found


def _methods(
    names: list[str], defaults: tuple[object, ...], post: bool, qualname: str
) -> tuple[Callable[..., None], Callable[..., object], Callable[..., int]]:
    """`__init__`, `__eq__` and `__hash__` of a record: its shape's compiled methods with the
    template names ``_f0`` … replaced by the field names (code objects are renamed, not
    compiled again: compiling took two thirds of a record's cost)."""
    rename = {f"_f{i}": name for i, name in enumerate(names)}

    def renamed(code: CodeType) -> CodeType:
        return code.replace(
            co_varnames=tuple(rename.get(n, n) for n in code.co_varnames),
            co_names=tuple(rename.get(n, n) for n in code.co_names),
            co_consts=tuple(rename.get(c, c) if isinstance(c, str) else c for c in code.co_consts),
            co_qualname=f"{qualname}.{code.co_name}",
        )

    init, eq, hashing = (
        FunctionType(renamed(code), _GLOBALS, code.co_name) for code in _template(len(names), post)
    )
    init.__defaults__ = defaults or None
    return init, eq, hashing


def _repr(names: list[str]) -> Callable[[object], str]:
    """`__repr__` over the fields, as the dataclass's (no need to be fast)."""

    def __repr__(self: object) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _build(cls: type) -> type:
    if cls.__bases__ != (object,):
        raise TypeError(f"record {cls.__qualname__}: records do not inherit")
    namespace = dict(cls.__dict__)
    annotations: dict[str, Any] = namespace.get("__annotations__", {})
    names = list(annotations)
    defaults: dict[str, object] = {}
    for name in names:
        kind = str(annotations[name])
        if kind.startswith(("ClassVar", "typing.ClassVar", "InitVar", "dataclasses.InitVar")):
            raise TypeError(f"record {cls.__qualname__}.{name}: ClassVar/InitVar unsupported")
        value = namespace.pop(name, _NO_DEFAULT)
        if isinstance(value, dataclasses.Field):
            raise TypeError(f"record {cls.__qualname__}.{name}: use a plain default")
        if value is not _NO_DEFAULT:
            defaults[name] = value
        elif defaults:
            raise TypeError(f"record {cls.__qualname__}.{name}: no default after a default")
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    post = "__post_init__" in namespace
    init, eq, hashing = _methods(names, tuple(defaults.values()), post, cls.__qualname__)
    rep = _repr(names)
    fields: dict[str, dataclasses.Field[Any]] = {}
    for name in names:
        spec = cast(
            "dataclasses.Field[Any]", dataclasses.field(default=defaults.get(name, _MISSING))
        )
        spec.name, spec.type = name, annotations[name]
        spec._field_type = dataclasses._FIELD  # type: ignore[attr-defined]  # what fields() reads
        fields[name] = spec
    for method in (init, rep, eq, hashing):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
    for name, method in (("__init__", init), ("__repr__", rep), ("__eq__", eq)):
        namespace.setdefault(name, method)  # as dataclasses: a method of the body is kept
    if namespace.get("__hash__") is None:
        namespace["__hash__"] = hashing
    namespace.update(
        __slots__=tuple(names),
        __match_args__=tuple(names),
        __dataclass_fields__=fields,
        __setattr__=_frozen_setattr,
        __delattr__=_frozen_delattr,
        __getstate__=_getstate,
        __setstate__=_setstate,
    )
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made


@dataclass_transform(frozen_default=True)
def record(cls: _C, /) -> _C:
    """Make `cls` a frozen, slotted record of its annotated fields."""
    return _build(cls)  # type: ignore[return-value]


__all__ = ["record"]
