"""The pptx package: a cached skeleton from python-pptx's template, and deterministic zipping.

Maps a theme → the static parts every deck shares (masters, layouts, themes with our colours
and CJK faces, props), and (skeleton, serialised slides, images, metadata) → the bytes of a
.pptx whose zip entries, order and timestamps depend only on the input, so the same deck and
theme always give byte-identical files. Dates come from SOURCE_DATE_EPOCH, then the deck's
date, then 2000-01-01 — never from the clock.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from briefgen._record import record
from briefgen.theme import Theme

from . import _package_xml as px
from ._base import Base, load_base
from ._stamps import _zip_time, document_date, parse_deck_date

_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}
_IMAGE_TYPES |= {"tiff": "image/tiff"}


@record
class Image:
    """One image file's bytes, its extension (png, jpeg, …) and its size in pixels."""

    data: bytes
    ext: str
    width_px: int
    height_px: int


@record
class SlideParts:
    """One slide serialised: slide XML, notes XML, and its images in relationship order.

    The slide XML refers to images as rId3, rId4, … (rId1 is the layout, rId2 the notes).
    """

    slide: bytes
    notes: bytes
    images: tuple[Image, ...] = ()


@lru_cache(maxsize=8)
def skeleton(theme: Theme) -> Base:
    """The static parts for `theme`: the shipped base (python-pptx's template with a notes
    master, see `_base`) with its theme parts patched for our colours and CJK faces.

    Slide size is written per deck in presentation.xml, so one skeleton serves every size.
    """
    base = load_base()
    parts = tuple(
        (name, px.theme_xml(blob, theme) if name.startswith("ppt/theme/") else blob)
        for name, blob in base.parts
    )
    return replace(base, parts=parts)


def assemble(
    base: Base,
    slides: Sequence[SlideParts],
    *,
    width: int,
    height: int,
    core: bytes,
    app: bytes,
) -> bytes:
    """Every part of the deck, zipped in a fixed order with fixed timestamps and permissions."""
    media: dict[bytes, str] = {}  # sha256 → zip name, numbered in order of first use
    media_data: list[tuple[str, bytes]] = []
    slide_entries: list[tuple[str, bytes]] = []
    overrides = list(base.overrides)
    for number, parts in enumerate(slides, start=1):
        slide, notes = f"ppt/slides/slide{number}.xml", f"ppt/notesSlides/notesSlide{number}.xml"
        rels = [("rId1", px.RT_LAYOUT, base.layout), ("rId2", px.RT_NOTES, "../" + notes[4:])]
        for index, image in enumerate(parts.images, start=3):
            digest = hashlib.sha256(image.data).digest()
            if digest not in media:
                media[digest] = f"ppt/media/image{len(media) + 1}.{image.ext}"
                media_data.append((media[digest], image.data))
            rels.append((f"rId{index}", px.RT_IMAGE, "../" + media[digest][4:]))
        slide_entries += [
            (slide, parts.slide),
            (f"ppt/slides/_rels/slide{number}.xml.rels", px.rels_xml(rels)),
            (notes, parts.notes),
            (
                f"ppt/notesSlides/_rels/notesSlide{number}.xml.rels",
                px.rels_xml(
                    [
                        ("rId1", px.RT_NOTES_MASTER, base.notes_master),
                        ("rId2", px.RT_SLIDE, "../" + slide[4:]),
                    ]
                ),
            ),
        ]
        overrides += [("/" + slide, px.CT_SLIDE), ("/" + notes, px.CT_NOTES)]
    pres_rels = [
        (f"rId{i}", kind, target) for i, (kind, target) in enumerate(base.presentation_rels, 1)
    ]
    first_slide = len(pres_rels) + 1
    slide_rids = [f"rId{first_slide + i}" for i in range(len(slides))]
    pres_rels += [(rid, px.RT_SLIDE, f"slides/slide{i}.xml") for i, rid in enumerate(slide_rids, 1)]
    rid_of = {kind: rid for rid, kind, _ in pres_rels}
    presentation = px.presentation_xml(
        base.presentation,
        width,
        height,
        rid_of[px.RT_MASTER],
        rid_of[px.RT_NOTES_MASTER],
        slide_rids,
    )
    overrides += [
        ("/ppt/presentation.xml", px.CT_PRESENTATION),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ]
    extensions = {"png", "jpeg"} | {name.rpartition(".")[2] for name, _ in media_data}
    defaults = [
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
        *((ext, _IMAGE_TYPES[ext]) for ext in sorted(extensions)),
    ]
    package_rels = [
        ("rId1", px.RT_DOCUMENT, "ppt/presentation.xml"),
        ("rId2", px.RT_CORE, "docProps/core.xml"),
        ("rId3", px.RT_APP, "docProps/app.xml"),
    ]
    entries = [
        ("[Content_Types].xml", px.content_types_xml(defaults, sorted(overrides))),
        ("_rels/.rels", px.rels_xml(package_rels)),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
        ("ppt/presentation.xml", presentation),
        ("ppt/_rels/presentation.xml.rels", px.rels_xml(pres_rels)),
        *base.parts,
        *slide_entries,
        *media_data,
    ]
    return _zip(entries)


_LOCAL = struct.Struct("<4s2B4HL2L2H")
"""A zip local file header: signature, versions, flags, method, time, date, CRC, sizes, lengths."""
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
"""A zip central directory entry: the local header's fields plus attributes and its offset."""
_END = struct.Struct("<4s4H2LH")
"""The end of central directory record."""
_VERSION = 20
"""zip 2.0 (deflate), as `zipfile` writes for entries of under 4 GiB."""


@lru_cache(maxsize=512)
def _deflated(data: bytes) -> tuple[int, bytes]:
    """The CRC-32 and raw deflate stream (level 6) of one member, remembered: in a batch, the
    parts every district shares (masters, layouts, notes, relationships, unchanged slides) are
    compressed once per process instead of once per deck. Bounded (the ~170 shared members
    and two decks' own), so memory stays flat."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), packer.compress(data) + packer.flush()


def _zip(entries: Sequence[tuple[str, bytes]]) -> bytes:
    """Entries → zip bytes: given order, fixed time, 0644 Unix permissions, media stored.

    Written here rather than by `zipfile` so compressed members can be reused; the bytes are
    those `zipfile_zip` writes for the same entries (a test compares them). A deck too big
    for a plain zip (65,535 members or 2 GiB) goes to `zipfile_zip`, which writes zip64.
    """
    if len(entries) >= 0xFFFF or sum(len(data) for _, data in entries) >= 1 << 31:
        return zipfile_zip(entries)
    year, month, day, hour, minute, second = _zip_time()
    date = (year - 1980) << 9 | month << 5 | day
    time = hour << 11 | minute << 5 | second // 2
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, data in entries:
        try:
            filename, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), 0x800
        if name.startswith("ppt/media/"):
            method, crc, packed = 0, zlib.crc32(data), data
        else:
            method, (crc, packed) = 8, _deflated(data)
        sizes = (crc, len(packed), len(data), len(filename))
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, method, time, date, *sizes, 0)
        chunks += (header, filename, packed)
        fields = (_VERSION, 3, _VERSION, 0, flags, method, time, date, *sizes)
        unix_0644 = 0o100644 << 16  # made by Unix (3), a regular file, rw-r--r--
        entry = _CENTRAL.pack(b"PK\x01\x02", *fields, 0, 0, 0, 0, unix_0644, offset)
        directory += (entry, filename)
        offset += len(header) + len(filename) + len(packed)
    listing = b"".join(directory)
    count = len(entries)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(listing), offset, 0)
    return b"".join(chunks) + listing + end


def zipfile_zip(entries: Sequence[tuple[str, bytes]]) -> bytes:
    """`_zip` by the standard library's `zipfile`: the reference its bytes are checked against."""
    import io
    import zipfile

    when = _zip_time()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            stored = name.startswith("ppt/media/")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return buffer.getvalue()


__all__ = [
    "Image",
    "SlideParts",
    "assemble",
    "document_date",
    "parse_deck_date",
    "skeleton",
    "zipfile_zip",
]
