"""Interrupts and kills: a SIGKILLed batch leaves no workers and loses no finished deck, Ctrl-C
is exit 130 at any moment, and temp files of killed writes are cleaned up on the next run.
Each case runs the real CLI under memory and CPU limits (see _bounded.py); Linux only (/proc).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from _bounded import briefgen, live_processes, start

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

OUTLINE = """\
briefgen: 1
title: 学习贯彻全会精神
sections:
  - title: 学习贯彻
    slides:
      - title: "{{ district }}贯彻落实举措"
        points:
          - 谋划{{ district }}发展思路，推动高质量发展
          - 第二点
      - title: 框架
        items:
          - {head: 一是, text: "{{ district }}的第一项"}
          - {head: 二是, text: 第二项}
"""

DISTRICTS = 300


def _files(folder: Path, districts: int = DISTRICTS) -> None:
    (folder / "o.yaml").write_text(OUTLINE, encoding="utf-8")
    names = "".join(f"  - name: 第{n:03d}区\n" for n in range(districts))
    (folder / "r.yaml").write_text("districts:\n" + names, encoding="utf-8")


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.02)
    return False


def _recorded(out: Path) -> set[str]:
    """Names of the decks the killed run recorded as built (journal or manifest)."""
    names: set[str] = set()
    for path in (out / ".manifest.journal", out / "manifest.json"):
        if not path.exists():
            continue
        if path.suffix == ".json":
            lines = [json.dumps(d) for d in json.loads(path.read_text())["districts"]]
        else:
            lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            files = [o["file"] for o in entry.get("outputs", [])]
            if entry.get("status") == "ok" and files and (out / files[0]).is_file():
                names.add(entry["name"])
    return names


def test_sigkill_of_the_batch_leaves_no_workers_and_a_rerun_builds_only_what_is_missing(
    tmp_path: Path,
) -> None:
    _files(tmp_path)
    out = tmp_path / "out"
    batch = start("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", "-j", "2", cwd=tmp_path)
    try:
        assert _wait_for(lambda: len(list(out.glob("*.pptx"))) >= 3, 30), "no decks appeared"
        assert len(live_processes(batch.pid)) >= 3  # the parent and its two workers
        batch.send_signal(signal.SIGKILL)
        batch.wait(10)
        assert _wait_for(lambda: not live_processes(batch.pid), 5), live_processes(batch.pid)
    finally:
        with_workers = live_processes(batch.pid)
        for pid in with_workers:
            os.kill(pid, signal.SIGKILL)
        batch.communicate()
    recorded = _recorded(out)
    assert 0 < len(recorded) < DISTRICTS

    rerun = briefgen("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", "-j", "2", cwd=tmp_path)
    assert rerun.code == 0, rerun.output
    built = DISTRICTS - len(recorded)
    expected = f"{DISTRICTS} districts: {built} built, {len(recorded)} unchanged, 0 failed"
    assert expected in rerun.stdout
    assert not list(out.glob(".*.tmp"))  # temp files of the killed writes are gone
    assert not (out / ".manifest.journal").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["districts"]) == DISTRICTS


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.2, 1.5])
def test_ctrl_c_at_any_moment_is_exit_130_without_a_traceback(tmp_path: Path, delay: float) -> None:
    _files(tmp_path, districts=1000)  # far more than 1.5 s of work
    batch = start("batch", "o.yaml", "--roster", "r.yaml", "-o", "out", "-j", "2", cwd=tmp_path)
    time.sleep(delay)
    os.killpg(batch.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    try:
        _, stderr = batch.communicate(timeout=30)
    finally:
        for pid in live_processes(batch.pid):
            os.kill(pid, signal.SIGKILL)
    assert batch.returncode == 130, stderr
    assert "interrupted" in stderr
    for bad in ("Traceback", "internal error", "Aborted", "RuntimeError"):
        assert bad not in stderr, stderr
    assert _wait_for(lambda: not live_processes(batch.pid), 5)


def test_ctrl_c_while_the_pool_starts_is_an_interrupt_not_a_runtime_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between the pool's manager thread being made and started used to end in
    `RuntimeError: cannot join thread before it is started` (exit 1 instead of 130)."""
    from concurrent.futures import process

    from briefgen.build import run_batch

    def interrupted(self: object) -> None:
        raise KeyboardInterrupt

    _files(tmp_path, districts=8)
    monkeypatch.setattr(process._ExecutorManagerThread, "start", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_batch(tmp_path / "o.yaml", tmp_path / "r.yaml", tmp_path / "out", jobs=2)
    assert (tmp_path / "out" / "manifest.json").is_file()  # what was known is recorded


def test_a_killed_writes_temp_file_is_removed_by_the_next_build(tmp_path: Path) -> None:
    _files(tmp_path, districts=1)
    old = time.time() - 3600
    dead = tmp_path / ".deck.pptx.4194999-abcd1234.tmp"  # a pid that no process has
    legacy = tmp_path / ".deck.pptx.k3j5_x9q.tmp"  # the naming of briefgen before pids
    running = tmp_path / f".deck.pptx.{os.getpid()}-abcd1234.tmp"  # a live writer: kept
    other = tmp_path / ".other.pptx.4194999-abcd1234.tmp"  # another output: kept
    foreign = tmp_path / ".deck.pptx.mine.tmp"  # not our naming: kept
    for path in (dead, legacy, running, other, foreign):
        path.write_bytes(b"PK half a deck")
        os.utime(path, (old, old))
    district = ("--roster", "r.yaml", "--district", "第000区")
    run = briefgen("build", "o.yaml", *district, "-o", "deck.pptx", cwd=tmp_path)
    assert run.code == 0, run.output
    assert not dead.exists() and not legacy.exists()
    assert running.exists() and other.exists() and foreign.exists()


def test_a_temp_file_newer_than_the_build_is_left_alone(tmp_path: Path) -> None:
    """A temp file written after this build started may belong to a build running now."""
    _files(tmp_path, districts=1)
    future = time.time() + 3600
    young = tmp_path / ".deck.pptx.4194999-abcd1234.tmp"
    young.write_bytes(b"PK")
    os.utime(young, (future, future))
    district = ("--roster", "r.yaml", "--district", "第000区")
    run = briefgen("build", "o.yaml", *district, "-o", "deck.pptx", cwd=tmp_path)
    assert run.code == 0, run.output
    assert young.exists()
