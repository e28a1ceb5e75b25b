"""The base package every deck starts from, shipped as data so a build need not import pptx.

Maps python-pptx's default template (plus the notes master python-pptx adds on demand) →
`base.zip` beside this module: the static parts, their content types and relationships.
`make_base()` derives it from python-pptx (slow: imports pptx, lxml, PIL); `load_base()`
reads the shipped copy (fast). `python -m briefgen.render._base` rewrites the shipped copy,
and a test checks it still equals what the installed python-pptx makes.
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

from briefgen._record import record

from . import _package_xml as px

BASE_FILE = Path(__file__).with_name("base.zip")
_MANIFEST = "briefgen-base.json"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@record
class Base:
    """The unthemed static parts of a deck: parts, content types, presentation and its rels."""

    parts: tuple[tuple[str, bytes], ...]
    overrides: tuple[tuple[str, str], ...]
    presentation: bytes
    presentation_rels: tuple[tuple[str, str], ...]
    layout: str
    notes_master: str
    pptx_version: str


def _relative(partname: str) -> str:
    """/ppt/slideLayouts/x.xml → ../slideLayouts/x.xml (as seen from ppt/slides/)."""
    return "../" + partname.removeprefix("/ppt/")


def _rels_name(partname: str) -> str:
    folder, _, name = partname.lstrip("/").rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def make_base() -> Base:
    """Derive the base from python-pptx's default template (imports pptx)."""
    import pptx
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation()
    _ = prs.notes_master  # creates the notes master (and its theme) in the package
    skip = {RT.PRINTER_SETTINGS, RT.THUMBNAIL, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES}
    pres_part = prs.part
    parts: list[tuple[str, bytes]] = []
    overrides: list[tuple[str, str]] = []
    for part in prs.part.package.iter_parts():
        name = str(part.partname)
        if part is pres_part or part.content_type.startswith("image/") or name.endswith(".bin"):
            continue
        if name.startswith("/docProps/"):
            continue
        parts.append((name.lstrip("/"), part.blob))
        overrides.append((name, part.content_type))
        rels = sorted(
            (rel.rId, rel.reltype, rel.target_ref)
            for rel in part.rels.values()
            if rel.reltype not in skip
        )
        if rels:
            parts.append((_rels_name(name), px.rels_xml(rels)))
    pres_rels = sorted(
        ((rel.reltype, str(rel.target_part.partname)) for rel in pres_part.rels.values()
         if rel.reltype not in skip and rel.reltype != RT.SLIDE),
        key=lambda item: (item[0] != RT.SLIDE_MASTER, item[0] != RT.NOTES_MASTER, item),
    )  # fmt: skip
    layout = prs.slide_layouts.get_by_name("Blank") or prs.slide_layouts[6]
    return Base(
        parts=tuple(sorted(parts)),
        overrides=tuple(sorted(overrides)),
        presentation=pres_part.blob,
        presentation_rels=tuple((kind, name.removeprefix("/ppt/")) for kind, name in pres_rels),
        layout=_relative(str(layout.part.partname)),
        notes_master=_relative(str(prs.notes_master.part.partname)),
        pptx_version=str(pptx.__version__),
    )


def base_bytes(base: Base) -> bytes:
    """The base as a deterministic zip: its parts plus a JSON manifest."""
    manifest = {
        "overrides": base.overrides,
        "presentation_rels": base.presentation_rels,
        "layout": base.layout,
        "notes_master": base.notes_master,
        "pptx_version": base.pptx_version,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [
            (_MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode()),
            ("ppt/presentation.xml", base.presentation),
            *base.parts,
        ]
        for name, data in entries:
            info = zipfile.ZipInfo(name, _ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def load_base() -> Base:
    """The shipped base (no pptx import)."""
    with zipfile.ZipFile(BASE_FILE) as archive:
        manifest = json.loads(archive.read(_MANIFEST))
        names = [n for n in archive.namelist() if n not in (_MANIFEST, "ppt/presentation.xml")]
        parts = tuple((name, archive.read(name)) for name in names)
        presentation = archive.read("ppt/presentation.xml")
    return Base(
        parts=parts,
        overrides=tuple((a, b) for a, b in manifest["overrides"]),
        presentation=presentation,
        presentation_rels=tuple((a, b) for a, b in manifest["presentation_rels"]),
        layout=manifest["layout"],
        notes_master=manifest["notes_master"],
        pptx_version=manifest["pptx_version"],
    )


def main() -> None:
    """Rewrite the shipped base from the installed python-pptx."""
    BASE_FILE.write_bytes(base_bytes(make_base()))
    print(f"wrote {BASE_FILE}")


if __name__ == "__main__":
    main()


__all__ = ["BASE_FILE", "Base", "base_bytes", "load_base", "make_base"]
