"""`briefgen._record.record` makes the class `@dataclass(frozen=True, slots=True)` makes."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen._record import record


@record
class Point:
    """A record with a default and a method."""

    x: int
    label: str = "p"
    tags: tuple[str, ...] = ()

    def shifted(self, by: int) -> Point:
        return dataclasses.replace(self, x=self.x + by)


@dataclasses.dataclass(frozen=True, slots=True)
class Twin:
    """The same fields as the standard decorator makes them."""

    x: int
    label: str = "p"
    tags: tuple[str, ...] = ()


@record
class One:
    """One field: its hash is still that of a 1-tuple, as the dataclass's."""

    x: int


@dataclasses.dataclass(frozen=True, slots=True)
class OneTwin:
    x: int


@given(st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))
def test_a_record_behaves_as_the_frozen_slotted_dataclass(
    x: int, label: str, tags: list[str]
) -> None:
    ours, theirs = Point(x, label, tuple(tags)), Twin(x, label, tuple(tags))
    assert hash(ours) == hash(theirs)  # same hashes: set and dict orders do not change
    assert repr(ours).removeprefix("Point") == repr(theirs).removeprefix("Twin")
    assert ours == Point(x, label=label, tags=tuple(tags))
    assert ours != Point(x + 1, label, tuple(tags))
    assert ours != theirs  # type: ignore[comparison-overlap]  # another class is never equal
    assert hash(One(x)) == hash(OneTwin(x))
    assert dataclasses.astuple(ours) == dataclasses.astuple(theirs)
    assert pickle.loads(pickle.dumps(ours)) == ours
    assert copy.deepcopy(ours) == ours


def test_a_record_is_frozen_slotted_and_a_dataclass() -> None:
    point = Point(1)
    assert (point.label, point.tags) == ("p", ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    assert not hasattr(point, "__dict__")
    assert Point.__dict__["__slots__"] == ("x", "label", "tags")
    assert dataclasses.is_dataclass(point)
    assert [f.name for f in dataclasses.fields(point)] == ["x", "label", "tags"]
    assert dataclasses.replace(point, label="q") == Point(1, "q")
    assert point.shifted(2) == Point(3)
    assert dataclasses.asdict(point) == {"x": 1, "label": "p", "tags": ()}
    match point:
        case Point(x, label):
            assert (x, label) == (1, "p")
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_a_post_init_runs_and_unsupported_fields_fail_at_import() -> None:
    seen: list[int] = []

    @record
    class Checked:
        x: int

        def __post_init__(self) -> None:
            seen.append(self.x)

    Checked(4)
    assert seen == [4]
    with pytest.raises(TypeError, match="plain default"):

        @record
        class Factory:
            x: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="inherit"):

        @record
        class Child(Checked):
            y: int = 0


@record
class Pair:
    """Two fields, the second with a default."""

    left: int
    right: str = "r"


@record
class Across:
    """The same shape as `Pair` (so the same compiled methods), other field names."""

    up: int
    down: str = "d"


@record
class Empty:
    """No field at all."""


def test_records_of_one_shape_keep_their_own_names_and_defaults() -> None:
    assert Across(up=1) == Across(1, "d") != Across(1, "e")
    assert (Pair(left=2).right, Across(3).down) == ("r", "d")
    assert hash(Across(1)) == hash((1, "d")) and hash(Pair(1)) == hash((1, "r"))
    with pytest.raises(TypeError, match="'up'"):
        Across()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'left'"):
        Across(left=1)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Across(1).up = 2  # type: ignore[misc]
    assert Across.__init__.__qualname__ == "Across.__init__"
    assert Across.__init__.__code__.co_varnames[:3] == ("self", "up", "down")
    assert Empty() == Empty() and hash(Empty()) == hash(())
