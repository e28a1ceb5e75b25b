"""Records: `@dataclass(frozen=True, slots=True)` classes made at a tenth of the start-up cost.

Maps a class body of annotated fields (with defaults) → the same class as the standard
decorator makes it: `__slots__`, `__init__` (and `__post_init__`), `__repr__`, `__eq__`,
`__hash__`, `__match_args__`, frozen `__setattr__`/`__delattr__` (raising
`dataclasses.FrozenInstanceError`), pickling, and `__dataclass_fields__`, so
`dataclasses.replace`, `fields`, `asdict` and `is_dataclass` work on it unchanged.

Why: `dataclasses` compiles six functions per class, one `exec` each, and builds the class
twice for its slots; a cold `briefgen build` made about fifty such classes at ≈0.5 ms each.
A record compiles its `__init__`, `__eq__` and `__hash__` (as the dataclass's, so as fast and
with the same hashes) in one `exec`; `__repr__` is a closure. Only what briefgen's records
use is supported: frozen classes (mutable ones stay dataclasses), plain defaults (no
`field(...)`), no `ClassVar` or `InitVar` fields, no base class; anything else raises
`TypeError` at import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
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


def _source(names: list[str], defaults: dict[str, object], post: bool) -> str:
    """The generated methods' source, compiled in one `exec` per class: `__init__`, and
    `__eq__`/`__hash__` over the fields' tuple, as the dataclass's (so the same hashes)."""
    params = ", ".join(f"{n}=_d_{n}" if n in defaults else n for n in names)
    body = [f"_setattr(self, {n!r}, {n})" for n in names]
    if post:
        body.append("self.__post_init__()")
    own = "".join(f"self.{n}," for n in names)
    other = "".join(f"other.{n}," for n in names)
    return "\n".join(
        [
            "def _make(_setattr, " + "".join(f"_d_{n}, " for n in defaults) + "):",
            f"  def __init__(self, {params}):",
            *(f"    {line}" for line in body or ["pass"]),
            "  def __eq__(self, other):",
            "    if other.__class__ is self.__class__:",
            f"      return ({own}) == ({other})",
            "    return NotImplemented",
            "  def __hash__(self):",
            f"    return hash(({own}))",
            "  return __init__, __eq__, __hash__",
        ]
    )


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
    scope: dict[str, Any] = {}
    exec(_source(names, defaults, post), scope)
    init, eq, hashing = scope["_make"](object.__setattr__, *defaults.values())
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
