"""Read a communiqué's text file, clean it, and normalise punctuation for matching.

Maps a file (UTF-8 with or without a BOM, UTF-16 with a BOM, GB18030/GBK) → (text, notes).
`clean_text` maps raw text → the text the drafter works on (same length per character, so
offsets stay meaningful); `match_key` maps text → the form `check --source` compares, with
each character's origin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from briefgen.errors import BriefgenError, Diagnostic
from briefgen.outline import Undecodable, decode_text, read_bytes

MAX_SOURCE_BYTES = 8 * 1024 * 1024
"""Largest text file read: a communiqué is a few dozen kilobytes."""

_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff\ud800-\udfff]"
)
_KEY_MAP = {
    ",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？",
    '"': "“", "”": "“", "〝": "“", "〞": "“", "＂": "“",
    "'": "‘", "’": "‘",
    "\u00b7": "·", "\u30fb": "·", "\u2022": "·", "\u2027": "·", "\uff65": "·",
}  # fmt: skip


class SourceError(BriefgenError):
    """The communiqué's text cannot be read."""


def is_cjk(ch: str) -> bool:
    """True for a Han character, CJK punctuation, a full-width form or a Chinese quote mark."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or code in (0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7)
    )


def is_han(ch: str) -> bool:
    """True for a Han character (汉字), including 〇."""
    code = ord(ch)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or code == 0x3007
    )


def cjk_share(text: str) -> float:
    """The share of Han characters among the letters of `text` (0.0 for no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(is_han(ch) for ch in letters) / len(letters)


def decode_source(raw: bytes, file: str) -> tuple[str, list[str]]:
    """Bytes → (text, notes): UTF-8 (± BOM), UTF-16 with a BOM, else GB18030 with a note."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceError(
            Diagnostic(
                f"the file is {len(raw) // 1024} KiB, over the {MAX_SOURCE_BYTES // 1024} KiB "
                "limit for a communiqué's text; check you chose the right file",
                file=file,
            )
        )
    try:
        decoded = decode_text(raw)
    except Undecodable as bad:
        raise SourceError(
            Diagnostic(
                f"the file is neither UTF-8 nor GB18030/GBK (byte 0x{bad.byte:02X} "
                f"at offset {bad.offset}); save it as UTF-8 text in your editor",
                file=file,
            )
        ) from None
    if decoded.encoding == "utf-16":
        return decoded.text, ["read as UTF-16 (it has a UTF-16 byte-order mark)"]
    if decoded.encoding == "gb18030":
        return decoded.text, [
            "read as GB18030/GBK (a Windows Chinese encoding), not UTF-8; if the text looks "
            "garbled, save it as UTF-8 and run again"
        ]
    return decoded.text, []


def read_source_text(path: Path) -> tuple[str, list[str]]:
    """A text file → (text, notes on the encoding); `SourceError` if it cannot be read."""
    file = str(path)
    raw = read_bytes(
        path, file, limit=MAX_SOURCE_BYTES, what="a communiqué's text", error=SourceError
    )
    return decode_source(raw, file)


def clean_text(text: str) -> tuple[str, list[str]]:
    """Raw text → working text: one kind of line break, no invisible characters, no tabs,
    and the half-width , ; : ( ) ! ? next to Chinese made full-width. Notes say what changed."""
    notes: list[str] = []
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    invisible = len(_INVISIBLE.findall(text))
    if invisible:
        text = _INVISIBLE.sub("", text)
        notes.append(
            f"removed {invisible} invisible control or zero-width character(s) "
            "(they often come from copying out of a web page or PDF)"
        )
    text = text.replace("\t", " ").replace("\u00a0", " ")
    text = "\n".join(line.rstrip(" \u3000") for line in text.split("\n"))
    return to_full_width(text), notes


def to_full_width(text: str) -> str:
    """Half-width , ; : ( ) ! ? with a Chinese neighbour → full-width (one char for one char)."""
    if not any(ch in _FULL_WIDTH for ch in text):
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in _FULL_WIDTH:
            continue
        before = _neighbour(text, i, -1)
        after = _neighbour(text, i, 1)
        if ch == "(":
            near = after
        elif ch == ")":
            near = before
        else:
            near = before or after
        if near and is_cjk(near):
            chars[i] = _FULL_WIDTH[ch]
    return "".join(chars)


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \u3000":
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


@cache
def _key_of(ch: str) -> str:
    if ch.isspace() or _INVISIBLE.fullmatch(ch):
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c.isspace():
            continue
        out.append(_KEY_MAP.get(c, c))
    return "".join(out)


def match_key(text: str) -> tuple[str, list[int]]:
    """Text → (key, origin): whitespace dropped, width and quote-mark variants folded, so that
    `，` and `,`, `（` and `(`, `”` and `"` compare equal; origin[i] is key[i]'s index in text."""
    key: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        mapped = _key_of(ch)
        for c in mapped:
            key.append(c)
            origin.append(index)
    return "".join(key), origin


def key_only(text: str) -> str:
    """`match_key` without the origins."""
    return "".join(_key_of(ch) for ch in text)


__all__ = [
    "MAX_SOURCE_BYTES",
    "SourceError",
    "cjk_share",
    "clean_text",
    "decode_source",
    "is_cjk",
    "is_han",
    "key_only",
    "match_key",
    "read_source_text",
    "to_full_width",
]
