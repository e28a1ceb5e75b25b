"""Hostile class 4a, images: decompression bombs, huge, truncated and unsupported pictures are
positioned errors in `check` and `build` alike; each picture is decoded once per content."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from _hostile_run import refused, run_limited
from PIL import Image

from briefgen.images import _problem_of_bytes, image_problem

OUTLINE = """\
briefgen: 1
title: 标题
sections:
  - title: 第一部分
    slides:
      - title: 图片
        image: {{path: {path}, caption: 说明}}
dividers: always  # the slide count asserted below includes the divider
"""


def claimed_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")


def make(folder: Path, name: str) -> None:
    path = folder / name
    if name == "bomb.png":
        path.write_bytes(claimed_png(30000, 30000))
    elif name == "huge.png":
        path.write_bytes(claimed_png(12000, 12000))
    elif name == "truncated.png":
        Image.new("RGB", (400, 300), "red").save(folder / "whole.png")
        whole = (folder / "whole.png").read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif name == "not-an-image.png":
        path.write_text("这不是图片", encoding="utf-8")
    else:
        Image.new("RGB", (40, 30), "red").save(path)


CASES = {
    "bomb.png": "too large",
    "huge.png": "too large (12000×12000 pixels)",
    "truncated.png": "damaged or truncated",
    "not-an-image.png": "it is not a picture",
    "photo.tiff": "is TIFF; save it as PNG, JPEG, GIF or BMP",
    "photo.webp": "is WEBP; save it as PNG, JPEG, GIF or BMP",
}


@pytest.mark.parametrize(("name", "words"), CASES.items(), ids=CASES.keys())
def test_bad_images_are_positioned_errors_in_check_and_build(
    tmp_path: Path, name: str, words: str
) -> None:
    make(tmp_path, name)
    (tmp_path / "o.yaml").write_text(OUTLINE.format(path=name), encoding="utf-8")
    for command in ("check", "build"):
        done = run_limited([command, "o.yaml"], tmp_path)
        assert words in refused(done, "o.yaml:7:23"), command
        assert "DecompressionBomb" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg", "photo.gif", "photo.bmp"])
def test_accepted_formats_build(tmp_path: Path, name: str) -> None:
    make(tmp_path, name)
    (tmp_path / "o.yaml").write_text(OUTLINE.format(path=name), encoding="utf-8")
    done = run_limited(["build", "o.yaml", "-o", "deck.pptx"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "5 slides" in done.stdout + done.stderr


def test_each_picture_content_is_decoded_once(tmp_path: Path) -> None:
    Image.new("RGB", (64, 48), "blue").save(tmp_path / "a.png")
    (tmp_path / "b.png").write_bytes((tmp_path / "a.png").read_bytes())
    before = _problem_of_bytes.cache_info()
    assert image_problem(tmp_path / "a.png") is None
    assert image_problem(tmp_path / "b.png") is None
    after = _problem_of_bytes.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 1
