"""Reading the text files trainers hand us: size guard, friendly I/O errors, encoding sniffing.

Maps a path → bytes (or one positioned `BriefgenError` of the caller's kind), and bytes →
text with the encoding it was read in: UTF-8 (± BOM), UTF-16 with a BOM, or GB18030/GBK,
the encoding Windows Notepad and Excel in China often save. Outlines, rosters and source
texts each decide which of these they accept and what to say about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from briefgen._record import record
from briefgen.errors import BriefgenError, Diagnostic

Encoding = Literal["utf-8", "utf-16", "gb18030"]


@record
class Decoded:
    """A file's text and the encoding it was read in."""

    text: str
    encoding: Encoding


@dataclass(frozen=True, slots=True)
class Undecodable(Exception):
    """Neither UTF-8 nor an accepted fallback: the first byte that is not UTF-8, and where."""

    offset: int
    byte: int
    line: int
    column: int
    gb18030_text: str | None
    """The text read as GB18030, when that works (to tell a GBK file from garbage)."""


def read_bytes(
    path: Path, file: str, *, limit: int, what: str, error: type[BriefgenError]
) -> bytes:
    """The file's bytes; `error` for a missing file, a folder, or a file over `limit` bytes."""
    if path.is_dir():
        raise error(Diagnostic("this is a folder, not a file", file=file))
    try:
        if path.stat().st_size > limit:
            raise error(
                Diagnostic(
                    f"the file is over the {limit // 1024} KiB limit for {what}; "
                    "check you chose the right file",
                    file=file,
                )
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise error(Diagnostic("no such file; check the path", file=file)) from None
    except IsADirectoryError:
        raise error(Diagnostic("this is a folder, not a file", file=file)) from None
    except OSError as exc:
        raise error(Diagnostic(f"cannot read the file: {exc.strerror}", file=file)) from None


def has_chinese(text: str) -> bool:
    """Whether the text holds any CJK unified ideograph."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def decode_text(raw: bytes, *, utf16: bool = True, gb18030: bool = True) -> Decoded:
    """UTF-8 (a BOM is dropped), else UTF-16 with a BOM, else GB18030 holding Chinese text.

    Raises `Undecodable` with the position of the first non-UTF-8 byte otherwise.
    """
    if utf16 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
    try:
        fallback: str | None = raw.decode("gb18030")
    except UnicodeDecodeError:
        fallback = None
    if gb18030 and fallback is not None and has_chinese(fallback):
        return Decoded(fallback, "gb18030")
    before = raw[:start].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    raise Undecodable(start, raw[start], line, column, fallback)


__all__ = ["Decoded", "Encoding", "Undecodable", "decode_text", "has_chinese", "read_bytes"]
