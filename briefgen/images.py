"""Images named by an outline: bounded, fully decoded once, and of a format decks can hold.

Maps an image file → None when a deck can embed it, or what is wrong in trainer's words: not
PNG/JPEG/GIF/BMP, over `MAX_PIXELS` (decompression bombs) or `MAX_IMAGE_BYTES`, truncated
or damaged. Each file is fully decoded once per content (cached by SHA-256), so a batch of
districts decodes a picture once however many decks show it. Pillow (a python-pptx
dependency) is imported only when an outline has an image.
"""

from __future__ import annotations

import hashlib
import warnings
from functools import lru_cache
from pathlib import Path

MAX_PIXELS = 25_000_000
"""Largest picture decoded: 25 megapixels (a 4K projector shows 8.3); 100 MB once decoded."""

MAX_IMAGE_BYTES = 30 * 1024 * 1024
"""Largest image file read."""

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "GIF": "gif", "BMP": "bmp"}
"""Pillow's format names → the file type embedded in the deck (MPO is a camera's JPEG)."""

ACCEPTED = "PNG, JPEG, GIF or BMP"


def image_problem(path: Path) -> str | None:
    """None if `path` is an image a deck can show, else what is wrong and what to do."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read image {path}: {exc.strerror or exc}"
    if info.st_size > MAX_IMAGE_BYTES:
        return (
            f"image {path} is {info.st_size // (1024 * 1024)} MiB, over the "
            f"{MAX_IMAGE_BYTES // (1024 * 1024)} MiB limit; save it smaller (a slide needs "
            "at most 1920×1080 pixels)"
        )
    return _problem_of_file(str(path), info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=256)
def _problem_of_file(path: str, mtime_ns: int, size: int) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return f"cannot read image {path}: {exc.strerror or exc}"
    problem = _problem_of_bytes(hashlib.sha256(data).hexdigest(), data)
    return problem.format(path=path) if problem else None


@lru_cache(maxsize=256)
def _problem_of_bytes(digest: str, data: bytes) -> str | None:
    """The problem of an image's content (keyed by its hash), with `{path}` to fill in."""
    import io

    from PIL import Image, UnidentifiedImageError

    # Pillow's own guard stays as a backstop far above ours (it warns past this and refuses
    # past twice this); ours, below, refuses sooner and names the size.
    Image.MAX_IMAGE_PIXELS = 20 * MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                kind = picture.format or ""
                width, height = picture.size
                if kind not in IMAGE_FORMATS:
                    return (
                        f"image {{path}} is {kind or 'of an unknown format'}; save it as {ACCEPTED}"
                    )
                if width <= 0 or height <= 0:
                    return "image {path} has no pixels"
                if width * height > MAX_PIXELS:
                    return _too_large(width, height)
                picture.load()  # decode every pixel: a truncated file fails here, not later
    except Image.DecompressionBombError:
        return _too_large(None, None)
    except UnidentifiedImageError:
        return f"cannot read image {{path}}: it is not a picture; save it as {ACCEPTED}"
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        reason = str(exc).replace("{", "(").replace("}", ")") or type(exc).__name__
        return f"image {{path}} is damaged or truncated ({reason}); export it again"
    return None


def _too_large(width: int | None, height: int | None) -> str:
    size = f" ({width}×{height} pixels)" if width and height else ""
    return (
        f"image {{path}} is too large{size}: at most {MAX_PIXELS // 1_000_000} megapixels; "
        "scale it down (a slide needs at most 1920×1080)"
    )


__all__ = ["ACCEPTED", "IMAGE_FORMATS", "MAX_IMAGE_BYTES", "MAX_PIXELS", "image_problem"]
