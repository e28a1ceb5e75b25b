"""A warm batch: files whose size and time are as recorded are not read again (issue 14)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_batch import OUTLINE, ROSTER, write

from briefgen.build import _manifest, run_batch
from briefgen.build._manifest import inputs_hash, inputs_hasher, stat_file


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    outline = write(tmp_path, "outline.yaml", OUTLINE)
    roster = write(tmp_path, "roster.yaml", ROSTER)
    out = tmp_path / "out"
    assert [r.status for r in run_batch(outline, roster, out, jobs=1).results] == ["built"] * 3
    return outline, roster, out


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the up-to-date check reads and hashes."""
    seen: list[str] = []
    real = _manifest.file_sha256

    def counting(path: Path) -> str | None:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(_manifest, "file_sha256", counting)
    return seen


def test_a_warm_run_reads_no_deck(built: tuple[Path, Path, Path], hashed: list[str]) -> None:
    outline, roster, out = built
    assert stat_file(out).is_file()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["manifest.json", "鹿城区.pptx", "龙湾区.pptx", "瓯海区.pptx"]
    )  # the record is kept outside the output folder
    written = (out / "manifest.json").stat().st_mtime_ns, stat_file(out).stat().st_mtime_ns
    second = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in second.results] == ["unchanged"] * 3
    assert hashed == []
    # nothing changed, so neither the manifest nor the record is written again (no fsync)
    assert (
        (out / "manifest.json").stat().st_mtime_ns,
        stat_file(out).stat().st_mtime_ns,
    ) == written


def test_a_same_size_edit_is_found_by_its_time(
    built: tuple[Path, Path, Path], hashed: list[str]
) -> None:
    outline, roster, out = built
    deck = out / "龙湾区.pptx"
    size = deck.stat().st_size
    deck.write_bytes(b"x" * size)  # same size, other bytes, a new modification time
    result = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in result.results] == ["unchanged", "built", "unchanged"]
    assert hashed == ["龙湾区.pptx"]
    assert deck.read_bytes()[:2] == b"PK"


def test_a_touched_file_is_hashed_once_and_kept(
    built: tuple[Path, Path, Path], hashed: list[str]
) -> None:
    outline, roster, out = built
    deck = out / "瓯海区.pptx"
    before = deck.read_bytes()
    stat = deck.stat()
    os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    first = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in first.results] == ["unchanged"] * 3
    assert hashed == ["瓯海区.pptx"] and deck.read_bytes() == before
    hashed.clear()
    assert [r.status for r in run_batch(outline, roster, out, jobs=1).results] == ["unchanged"] * 3
    assert hashed == []  # its new time was recorded


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_without_a_usable_record_every_file_is_hashed(
    built: tuple[Path, Path, Path], hashed: list[str], damage: str
) -> None:
    outline, roster, out = built
    if damage == "missing":
        stat_file(out).unlink()
    else:
        stat_file(out).write_text('{"files": [1, 2]}', encoding="utf-8")
    result = run_batch(outline, roster, out, jobs=1)
    assert [r.status for r in result.results] == ["unchanged"] * 3
    assert sorted(hashed) == sorted(["鹿城区.pptx", "龙湾区.pptx", "瓯海区.pptx"])


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=6), _json, max_size=4), st.text(max_size=6), _json)
def test_the_shared_inputs_hasher_gives_inputs_hash(
    common: dict[str, Any], key: str, value: Any
) -> None:
    assert inputs_hasher(common, key)(value) == inputs_hash({**common, key: value})
