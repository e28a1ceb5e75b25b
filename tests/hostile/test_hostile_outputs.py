"""Hostile class 2, outputs: `build` never replaces one of its inputs, a device, a FIFO, a
socket or a folder, and follows a symbolic link only to a regular file."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from _hostile_run import ROOT, refused, run_limited

from briefgen.build._atomic import UnsafeOutput, atomic_write_bytes, writable_target

EXAMPLE = ROOT / "briefs" / "wenzhou-2020-plenum.yaml"
ROSTER = ROOT / "briefs" / "wenzhou-districts.yaml"

OUTLINE = """\
briefgen: 1
title: 标题
sections:
  - title: 第一部分
    slides:
      - title: 图片
        image: {path: photo.png, caption: 说明}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "o.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before


def test_the_outline_as_output_is_refused(folder: Path) -> None:
    before = (folder / "o.yaml").read_bytes()
    done = run_limited(["build", "o.yaml", "-o", "o.yaml"], folder)
    assert "the outline o.yaml itself" in refused(done, "o.yaml")
    unchanged(folder / "o.yaml", before)


def test_a_hard_link_or_symlink_to_the_outline_is_refused(folder: Path) -> None:
    before = (folder / "o.yaml").read_bytes()
    os.link(folder / "o.yaml", folder / "hard.pptx")
    (folder / "soft.pptx").symlink_to("o.yaml")
    for name in ("hard.pptx", "soft.pptx", "sub/../o.yaml"):
        (folder / "sub").mkdir(exist_ok=True)
        done = run_limited(["build", "o.yaml", "-o", name], folder)
        assert "the outline" in refused(done, name)
    unchanged(folder / "o.yaml", before)


def test_the_roster_theme_and_image_as_output_are_refused(folder: Path) -> None:
    roster = folder / "r.yaml"
    roster.write_bytes(ROSTER.read_bytes())
    args = ["build", "o.yaml", "--roster", "r.yaml", "--district", "鹿城区", "-o", "r.yaml"]
    assert "the roster" in refused(run_limited(args, folder), "r.yaml")
    unchanged(roster, ROSTER.read_bytes())
    theme = folder / "t.yaml"
    theme.write_text("extends: party-red\nname: mine\n", encoding="utf-8")
    done = run_limited(["build", "o.yaml", "--theme", "t.yaml", "-o", "t.yaml"], folder)
    assert "the theme" in refused(done, "t.yaml")
    (folder / "i.yaml").write_text(OUTLINE, encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(folder / "photo.png")
    before = (folder / "photo.png").read_bytes()
    done = run_limited(["build", "i.yaml", "-o", "photo.png"], folder)
    assert "the image" in refused(done, "photo.png")
    unchanged(folder / "photo.png", before)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_device_is_never_replaced(folder: Path) -> None:
    device = os.stat("/dev/full")
    done = run_limited(["build", "o.yaml", "-o", "/dev/full"], folder)
    assert "is a device, not a file" in refused(done, "/dev/full")
    after = os.stat("/dev/full")
    assert (after.st_ino, after.st_rdev, after.st_mode) == (
        device.st_ino,
        device.st_rdev,
        device.st_mode,
    )


def test_fifo_socket_folder_and_bad_links_are_refused(folder: Path) -> None:
    os.mkfifo(folder / "pipe.pptx")
    (folder / "dir.pptx").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.pptx"))
    (folder / "to-dev.pptx").symlink_to("/dev/null")
    (folder / "dangling.pptx").symlink_to("nowhere.pptx")
    expected = {
        "pipe.pptx": "named pipe",
        "dir.pptx": "folder",
        "sock.pptx": "socket",
        "to-dev.pptx": "symbolic link to a device",
        "dangling.pptx": "leads nowhere",
    }
    try:
        for name, words in expected.items():
            done = run_limited(["build", "o.yaml", "-o", name], folder)
            assert words in refused(done, name)
    finally:
        sock.close()
    assert (folder / "dir.pptx").is_dir() and (folder / "to-dev.pptx").is_symlink()


def test_a_symlink_to_a_regular_file_is_written_through(folder: Path) -> None:
    (folder / "real.pptx").write_bytes(b"old")
    (folder / "link.pptx").symlink_to("real.pptx")
    done = run_limited(["build", "o.yaml", "-o", "link.pptx"], folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "link.pptx").is_symlink()
    assert (folder / "real.pptx").read_bytes()[:2] == b"PK"


def test_atomic_write_refuses_what_is_not_a_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(UnsafeOutput):
        atomic_write_bytes(tmp_path / "fifo", b"x")
    assert writable_target(tmp_path / "new") == tmp_path / "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # no temp file left
