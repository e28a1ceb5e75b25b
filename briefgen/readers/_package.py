"""A .pptx package read within bounds: the parts a deck references, nothing else, no more.

Maps a zip file → the XML parts asked for (`xml`) and their relationships (`related`), on the
standard library alone (`zipfile`, `xml.etree.ElementTree`). Before a member is inflated its
declared size and compression ratio are checked, reading stops at the size limit whatever the
header claims, the total inflated is capped, and a part with a DOCTYPE or entity declaration is
refused, so a 4 MB file holding a 4 GiB member, or an entity bomb, is an error at once.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree as ET

from briefgen.errors import BriefgenError, Diagnostic

MAX_PART = 16 * 1024 * 1024
"""Largest XML part inflated: a slide is a few kilobytes, a big one a few hundred."""

MAX_TOTAL = 128 * 1024 * 1024
"""Most bytes inflated for one deck, all parts together."""

MAX_RATIO = 100
"""Highest compression ratio accepted for a part over `RATIO_FLOOR` (XML packs 5–20×)."""

RATIO_FLOOR = 1024 * 1024

MAX_MEMBERS = 20_000
"""Most entries in the zip: a deck of a thousand slides has a few thousand."""

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class DeckReadError(BriefgenError):
    """A .pptx file cannot be read back (missing, not a PowerPoint deck, or damaged)."""


class Related(NamedTuple):
    """One relationship of a part: its type (the last word, such as `slide`) and target."""

    kind: str
    target: str


class Package:
    """An opened .pptx: bounded access to its XML parts by name."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        self.inflated = 0
        if not path.is_file():
            raise DeckReadError(Diagnostic("file not found", file=self.file))
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise self.error(
                f"cannot read this file as a PowerPoint deck (.pptx): "
                f"{exc.strerror if isinstance(exc, OSError) and exc.strerror else 'not a zip'}"
            ) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise self.error(f"the package has {len(infos):,} entries; a deck has far fewer")
        self.members = {info.filename: info for info in infos}

    def error(self, message: str) -> DeckReadError:
        """A `DeckReadError` about this file."""
        return DeckReadError(Diagnostic(message, file=self.file))

    def close(self) -> None:
        """Close the zip file."""
        self.zip.close()

    def has(self, name: str) -> bool:
        """Whether the package holds a part of this name."""
        return name in self.members

    def read(self, name: str) -> bytes:
        """A member's bytes, after its size and ratio are checked, never past `MAX_PART`."""
        info = self.members.get(name)
        if info is None:
            raise self.error(f"the part {name} is missing; the deck is damaged")
        if info.file_size > MAX_PART:
            raise self.error(
                f"the part {name} claims {info.file_size:,} bytes, over the "
                f"{MAX_PART // (1024 * 1024)} MiB limit for one part; the file is not a normal deck"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self.error(
                f"the part {name} is compressed {info.file_size // max(info.compress_size, 1):,} "
                f"to 1 (a zip bomb?); a deck's parts compress at most {MAX_RATIO} to 1"
            )
        if self.inflated + info.file_size > MAX_TOTAL:
            raise self.error(f"the deck holds over {MAX_TOTAL // (1024 * 1024)} MiB of XML")
        try:
            with self.zip.open(info) as member:
                data = member.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise self.error(
                f"the part {name} cannot be unpacked ({exc}); the deck is damaged"
            ) from None
        if len(data) > MAX_PART or len(data) != info.file_size:
            raise self.error(f"the part {name} is not the size its header says; it is damaged")
        self.inflated += len(data)
        return data

    def xml(self, name: str) -> ET.Element:
        """A member parsed as XML; DOCTYPE and entity declarations are refused."""
        data = self.read(name)
        head = data[:4096].upper()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
            raise self.error(f"the part {name} declares a DOCTYPE or entities; decks never do")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise self.error(
                f"the part {name} is not well-formed XML ({exc}); it is damaged"
            ) from None

    def related(self, part: str) -> dict[str, Related]:
        """The relationships of `part` (by id), targets resolved to part names; {} if none."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if not self.has(rels):
            return {}
        found: dict[str, Related] = {}
        for rel in self.xml(rels).iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            found[rel.get("Id") or ""] = Related(kind, resolved)
        return found

    def first(self, part: str, kind: str) -> str | None:
        """The target of `part`'s first relationship of `kind`, if any."""
        return next((r.target for r in self.related(part).values() if r.kind == kind), None)


__all__ = ["MAX_PART", "MAX_RATIO", "MAX_TOTAL", "DeckReadError", "Package", "Related"]
