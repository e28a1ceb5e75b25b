"""Hostile class 4b, archives: `preview DECK.pptx` reads only the parts a deck references,
checks sizes and compression ratios before inflating, refuses DOCTYPE/entities, and names
the slide whose attributes are malformed."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from _hostile_run import clean, refused, run_limited
from pptx import Presentation
from pptx.util import Inches, Pt

from briefgen.readers import DeckReadError, read_pptx
from briefgen.readers._package import MAX_PART

Change = bytes | Callable[[bytes], bytes]


def base_deck(path: Path) -> Path:
    """Two slides: a title slide, and a numbered list with sizes, levels and notes."""
    prs = Presentation()
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = "学习贯彻"
    body = prs.slides.add_slide(prs.slide_layouts[1])
    body.shapes.title.text = "要点"
    frame = body.placeholders[1].text_frame
    frame.text = "第一点"
    second = frame.add_paragraph()
    second.text = "第二点"
    second.level = 1
    second.runs[0].font.size = Pt(20)
    pPr = frame.paragraphs[0]._p.get_or_add_pPr()
    pPr.append(pPr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}buAutoNum",
                               {"type": "arabicPeriod", "startAt": "3"}))  # fmt: skip
    box = body.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
    box.text_frame.text = "文本框"
    body.notes_slide.notes_text_frame.text = "备注"
    prs.save(str(path))
    return path


def rewrite(source: Path, target: Path, changes: dict[str, Change]) -> Path:
    """A copy of `source` with members replaced (bytes) or edited (a function of the bytes)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            change = changes.get(info.filename)
            if change is not None:
                data = change(data) if callable(change) else change
            new.writestr(info.filename, data)
    return target


def add_zeros(path: Path, name: str, size: int) -> None:
    """Append a member of `size` zero bytes, streamed (it compresses about 1000 to 1)."""
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open(name, "w", force_zip64=True) as out,
    ):
        chunk = bytes(1 << 20)
        for _ in range(size >> 20):
            out.write(chunk)


def test_the_standard_library_reader_reads_the_base_deck(tmp_path: Path) -> None:
    deck = read_pptx(base_deck(tmp_path / "d.pptx"))
    texts = [
        p.text for e in deck.slides[1].elements if hasattr(e, "paragraphs") for p in e.paragraphs
    ]
    assert texts == ["要点", "第一点", "第二点", "文本框"]
    bullets = [
        p.bullet for e in deck.slides[1].elements if hasattr(e, "paragraphs") for p in e.paragraphs
    ]
    assert bullets[1] == "3."
    assert deck.slides[1].notes == "备注"


@pytest.mark.parametrize(
    ("member", "size", "words"),
    [
        ("ppt/slides/slide2.xml", 64 << 20, "over the 16 MiB limit"),
        ("ppt/slides/slide2.xml", 12 << 20, "compressed"),
    ],
    ids=["declared-size", "ratio"],
)
def test_a_zip_bomb_in_a_referenced_part_is_refused_before_inflating(
    tmp_path: Path, member: str, size: int, words: str
) -> None:
    base = base_deck(tmp_path / "base.pptx")
    bomb = tmp_path / "bomb.pptx"
    with zipfile.ZipFile(base) as z:
        kept = {n: z.read(n) for n in z.namelist()}
    # The slide's own XML, then spaces after its root element: well-formed, and huge.
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in kept.items():
            if name != member:
                z.writestr(name, data)
        with z.open(member, "w", force_zip64=True) as out:
            out.write(kept[member])
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                out.write(chunk)
    assert bomb.stat().st_size < 2 * size // 100
    done = run_limited(["preview", "--all", "bomb.pptx"], tmp_path)
    assert words in refused(done, "bomb.pptx")


def test_unreferenced_and_image_members_are_never_inflated(tmp_path: Path) -> None:
    deck = base_deck(tmp_path / "d.pptx")
    add_zeros(deck, "ppt/media/unreferenced.bin", 2 * MAX_PART)
    add_zeros(deck, "customXml/huge.xml", 2 * MAX_PART)
    done = run_limited(["preview", "--all", "d.pptx"], tmp_path)
    assert done.returncode == 0, done.stderr
    clean(done.stdout + done.stderr)
    assert "第二点" in done.stdout


def test_doctype_and_entities_are_refused(tmp_path: Path) -> None:
    base = base_deck(tmp_path / "base.pptx")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )

    def with_doctype(data: bytes) -> bytes:
        return laughs + data.split(b"?>", 1)[1]

    rewrite(base, tmp_path / "x.pptx", {"ppt/slides/slide1.xml": with_doctype})
    done = run_limited(["preview", "--all", "x.pptx"], tmp_path)
    assert "DOCTYPE" in refused(done, "x.pptx")


@pytest.mark.parametrize(
    ("old", "new"),
    [(b'sz="2000"', b'sz="abc"'), (b'lvl="1"', b'lvl="x"'), (b'startAt="3"', b'startAt="zz"')],
    ids=["sz", "lvl", "startAt"],
)
def test_malformed_attributes_name_the_broken_slide(tmp_path: Path, old: bytes, new: bytes) -> None:
    base = base_deck(tmp_path / "base.pptx")

    def broken(data: bytes) -> bytes:
        assert old in data
        return data.replace(old, new)

    rewrite(base, tmp_path / "bad.pptx", {"ppt/slides/slide2.xml": broken})
    done = run_limited(["preview", "--all", "bad.pptx"], tmp_path)
    message = refused(done, "bad.pptx")
    assert "slide 2 (ppt/slides/slide2.xml) is damaged" in message
    assert new.split(b"=")[0].decode() in message


def test_not_a_deck_is_a_named_error(tmp_path: Path) -> None:
    (tmp_path / "fake.pptx").write_bytes(b"PK\x03\x04 not really")
    refused(run_limited(["preview", "--all", "fake.pptx"], tmp_path), "fake.pptx")
    with zipfile.ZipFile(tmp_path / "empty.pptx", "w") as z:
        z.writestr("hello.txt", "你好")
    with pytest.raises(DeckReadError):
        read_pptx(tmp_path / "empty.pptx")
    refused(run_limited(["preview", "--all", "empty.pptx"], tmp_path), "empty.pptx")
