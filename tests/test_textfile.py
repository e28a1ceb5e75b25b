"""The shared text-file reader: encodings sniffed the same way for outlines, rosters, sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import RosterError
from briefgen.outline import Undecodable, decode_text, read_bytes

TEXT = "全会强调，五年看头年、开局是关键。\nOK"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_each_accepted_encoding_gives_back_the_text(raw: bytes, encoding: str) -> None:
    decoded = decode_text(raw)
    assert (decoded.text, decoded.encoding) == (TEXT, encoding)


def test_fallbacks_can_be_refused_and_the_bad_byte_is_positioned() -> None:
    raw = "第一行\n第二行：".encode() + "温州".encode("gb18030")
    with pytest.raises(Undecodable) as info:
        decode_text(raw, gb18030=False)
    bad = info.value
    assert (bad.line, bad.column) == (2, 5)
    assert bad.byte == raw[bad.offset]
    with pytest.raises(Undecodable) as whole:
        decode_text(TEXT.encode("gb18030"), gb18030=False)
    assert whole.value.gb18030_text == TEXT  # so a caller can say "it looks like GBK"
    with pytest.raises(Undecodable):
        decode_text(TEXT.encode("utf-16"), utf16=False, gb18030=False)


def test_bytes_that_are_no_chinese_text_are_not_taken_for_gb18030() -> None:
    with pytest.raises(Undecodable):
        decode_text(b"caf\xe9 cr\xe8me")  # Latin-1


def test_read_bytes_raises_the_callers_error_kind(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="no such file"):
        read_bytes(tmp_path / "none.csv", "none.csv", limit=10, what="a roster", error=RosterError)
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(RosterError, match="over the 1 KiB limit for a roster"):
        read_bytes(big, "big.csv", limit=1024, what="a roster", error=RosterError)
    with pytest.raises(RosterError, match="folder"):
        read_bytes(tmp_path, "x", limit=10, what="a roster", error=RosterError)
