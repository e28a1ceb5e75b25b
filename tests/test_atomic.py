"""atomic_write_bytes: new content lands whole, failures leave the old file and no debris."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefgen.build import _atomic, atomic_write_bytes


def test_writes_new_file_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "out" / "nested" / "deck.pptx"
    atomic_write_bytes(target, b"hello \xe4\xb8\xad")
    assert target.read_bytes() == b"hello \xe4\xb8\xad"
    assert sorted(p.name for p in target.parent.iterdir()) == ["deck.pptx"]


def test_replaces_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_new_file_mode_follows_umask(tmp_path: Path) -> None:
    target = tmp_path / "fresh.bin"
    atomic_write_bytes(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_atomic._umask()


def test_failing_replace_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the old deck")
    seen: list[Path] = []

    def broken_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(Path(src))
        assert Path(src).read_bytes() == b"the new deck"  # fully written before the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_bytes(target, b"the new deck")
    assert target.read_bytes() == b"the old deck"
    assert seen and seen[0].parent == tmp_path  # the temp file sat beside the target
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_failing_write_midway_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the old deck")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        atomic_write_bytes(target, b"x" * 100_000)
    assert target.read_bytes() == b"the old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_interrupt_is_cleaned_up_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"data")
    assert list(tmp_path.iterdir()) == []
