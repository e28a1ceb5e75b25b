"""The deck's zip writer writes the bytes `zipfile` writes, and reuses compressed members."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.build import lay_out, theme_for
from briefgen.outline import load_outline
from briefgen.render import _package as package
from briefgen.render.pptx import render_pptx

EXAMPLE = Path(__file__).resolve().parents[1] / "briefs" / "wenzhou-2020-plenum.yaml"

_names = st.one_of(
    st.from_regex(r"ppt/media/image[0-9]{1,3}\.png", fullmatch=True),
    st.from_regex(r"ppt/slides/slide[0-9]{1,3}\.xml", fullmatch=True),
    st.text(alphabet="abc/._鹿城区", min_size=1, max_size=12),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_names, st.binary(max_size=3000)), max_size=8, unique_by=lambda e: e[0]))
def test_the_writer_writes_what_zipfile_writes(entries: list[tuple[str, bytes]]) -> None:
    written = package._zip(entries)
    assert written == package.zipfile_zip(entries)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == entries


def test_the_example_deck_is_zipped_as_zipfile_zips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_outline(EXAMPLE)
    theme = theme_for(loaded)
    seen: list[list[tuple[str, bytes]]] = []
    writer = package._zip

    def spy(entries: list[tuple[str, bytes]]) -> bytes:
        seen.append(list(entries))
        return writer(entries)

    monkeypatch.setattr(package, "_zip", spy)
    data = render_pptx(lay_out(loaded, theme), theme)
    [entries] = seen
    assert data == package.zipfile_zip(entries)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("ppt/slides/slide1.xml").compress_type == zipfile.ZIP_DEFLATED


def test_a_member_met_again_is_not_compressed_again() -> None:
    package._deflated.cache_clear()
    entries = [("ppt/slides/slide1.xml", b"<a/>" * 500), ("docProps/app.xml", b"<b/>" * 50)]
    first = package._zip(entries)
    second = package._zip([(name, bytes(data)) for name, data in entries])  # equal, not same
    assert first == second
    info = package._deflated.cache_info()
    assert (info.misses, info.hits) == (2, 2)
