"""The pptx package on a department's template: its masters and layouts, our slides.

Maps a mapped template (`RoleMap`: the template read as data, and the layout of each slide
role) + serialised slides → the bytes of a .pptx. The template's kept parts (masters,
layouts, themes, logos, background pictures, embedded fonts, properties) are copied byte for
byte; its sample slides and what only they reach are left out, and its presentation part keeps
everything but its slide list (and section list), notes master and handout master, edited as
text so its namespaces and markup compatibility survive. A .potx's main part is written as a
presentation's. Each slide relates to its role's layout; the notes master is briefgen's own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from briefgen.readers import CT_PRESENTATION_MAIN, Layout, Placeholder, RoleMap

from . import _package_xml as px
from ._base import load_base
from ._package import _IMAGE_TYPES, SlideParts, _zip

_CT_NOTES_MASTER = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
_CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
_SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"

_EQUIVALENT = {
    "title": ("title", "ctrTitle"),
    "ctrTitle": ("ctrTitle", "title"),
    "subTitle": ("subTitle", "body"),
    "body": ("body",),
    "ftr": ("ftr",),
    "sldNum": ("sldNum",),
    "dt": ("dt",),
    "pic": ("pic",),
}


def placeholder_xml(wanted: str, layout: Layout, used: set[int]) -> str | None:
    """The `p:ph` for text of placeholder type `wanted` on `layout`: the layout's placeholder
    of that type (or its equivalent), by type and, when the layout has one, idx; None when the
    layout has no such placeholder left (the text is then an ordinary text box)."""
    for kind in _EQUIVALENT.get(wanted, (wanted,)):
        for number, ph in enumerate(layout.placeholders):
            if ph.type != kind or number in used:
                continue
            used.add(number)
            return _ph(ph)
    return None


def _ph(ph: Placeholder) -> str:
    attrs = f' type="{ph.type}"' if ph.typed else ""
    if ph.idx is not None:
        attrs += f' idx="{ph.idx}"'
    return f"<p:ph{attrs}/>"


def _free_name(taken: set[str], stem: str, ext: str) -> str:
    """`stem` + the first number not taken + `.ext` (`ppt/theme/theme2.xml`)."""
    number = 1
    while f"{stem}{number}.{ext}" in taken:
        number += 1
    return f"{stem}{number}.{ext}"


def _next_rid(taken: Sequence[str]) -> int:
    numbers = [int(rid[3:]) for rid in taken if rid.startswith("rId") and rid[3:].isdigit()]
    return max(numbers, default=0) + 1


def _edit_presentation(xml: bytes, notes_rid: str, slide_rids: Sequence[str]) -> bytes:
    """The template's presentation part with our notes master and slide list, its sample
    slides, sections, custom shows and handout master dropped; everything else as it was."""
    text = xml.decode("utf-8")
    found = re.search(r"<(\w+:)?presentation\b", text)
    p = found.group(1) or "" if found else "p:"
    r_found = re.search(
        r'xmlns:(\w+)="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', text
    )
    r = (r_found.group(1) if r_found else "r") + ":"
    for tag in ("notesMasterIdLst", "handoutMasterIdLst", "sldIdLst", "custShowLst"):
        text = re.sub(rf"<{p}{tag}\b[^>]*?/>|<{p}{tag}\b.*?</{p}{tag}>", "", text, flags=re.S)
    text = re.sub(rf'<{p}ext uri="{re.escape(_SECTIONS_EXT)}">.*?</{p}ext>', "", text, flags=re.S)
    text = re.sub(rf"<{p}extLst>\s*</{p}extLst>", "", text)
    inserted = f'<{p}notesMasterIdLst><{p}notesMasterId {r}id="{notes_rid}"/></{p}notesMasterIdLst>'
    if slide_rids:
        ids = "".join(
            f'<{p}sldId id="{256 + i}" {r}id="{rid}"/>' for i, rid in enumerate(slide_rids)
        )
        inserted += f"<{p}sldIdLst>{ids}</{p}sldIdLst>"
    end = f"</{p}sldMasterIdLst>"
    at = text.index(end) + len(end)
    return (text[:at] + inserted + text[at:]).encode("utf-8")


def assemble_on_template(
    mapped: RoleMap,
    slides: Sequence[SlideParts],
    layouts: Sequence[Layout],
    *,
    core: bytes,
    app: bytes,
) -> bytes:
    """Every part of a deck on the template, zipped in a fixed order with fixed timestamps.

    `layouts[i]` is the template layout slide i goes on."""
    template = mapped.template
    parts = list(template.parts)
    taken = {name for name, _ in parts}
    base = load_base()
    base_parts = dict(base.parts)
    notes_master = "ppt/notesMasters/notesMaster1.xml"
    notes_theme = _free_name(taken, "ppt/theme/theme", "xml")
    parts += [
        (notes_master, base_parts[notes_master]),
        (
            "ppt/notesMasters/_rels/notesMaster1.xml.rels",
            px.rels_xml([("rId1", px.RT_THEME, "../theme/" + notes_theme.rsplit("/", 1)[1])]),
        ),
        (notes_theme, base_parts["ppt/theme/theme2.xml"]),
    ]
    overrides = [
        *template.content_types,
        ("/" + notes_master, _CT_NOTES_MASTER),
        ("/" + notes_theme, _CT_THEME),
    ]
    pres_rels = list(template.presentation_rels)
    kinds = {kind for _, kind, _ in pres_rels}
    for kind, name in ((px.RT_PRES_PROPS, "presProps"), (px.RT_VIEW_PROPS, "viewProps")):
        part = f"ppt/{name}.xml"
        if kind in kinds or part in taken:
            continue  # a LibreOffice re-save has no viewProps: PowerPoint would "repair" it
        parts.append((part, base_parts[part]))
        overrides.append(("/" + part, dict(base.overrides)["/" + part]))
        pres_rels.append((f"rId{_next_rid([rid for rid, _, _ in pres_rels])}", kind, f"{name}.xml"))
    media: dict[bytes, str] = {}
    media_data: list[tuple[str, bytes]] = []
    slide_entries: list[tuple[str, bytes]] = []
    for number, (slide_parts, layout) in enumerate(zip(slides, layouts, strict=True), start=1):
        slide, notes = f"ppt/slides/slide{number}.xml", f"ppt/notesSlides/notesSlide{number}.xml"
        rels = [
            ("rId1", px.RT_LAYOUT, "../" + layout.part.removeprefix("ppt/")),
            ("rId2", px.RT_NOTES, "../" + notes[4:]),
        ]
        for index, image in enumerate(slide_parts.images, start=3):
            digest = hashlib.sha256(image.data).digest()
            if digest not in media:
                name = f"ppt/media/briefgen-image{len(media) + 1}.{image.ext}"
                media[digest] = name
                media_data.append((name, image.data))
            rels.append((f"rId{index}", px.RT_IMAGE, "../" + media[digest][4:]))
        slide_entries += [
            (slide, slide_parts.slide),
            (f"ppt/slides/_rels/slide{number}.xml.rels", px.rels_xml(rels)),
            (notes, slide_parts.notes),
            (
                f"ppt/notesSlides/_rels/notesSlide{number}.xml.rels",
                px.rels_xml(
                    [
                        ("rId1", px.RT_NOTES_MASTER, "../notesMasters/notesMaster1.xml"),
                        ("rId2", px.RT_SLIDE, "../" + slide[4:]),
                    ]
                ),
            ),
        ]
        overrides += [("/" + slide, px.CT_SLIDE), ("/" + notes, px.CT_NOTES)]
    first = _next_rid([rid for rid, _, _ in pres_rels])
    notes_rid = f"rId{first}"
    slide_rids = [f"rId{first + i}" for i in range(1, len(slides) + 1)]
    pres_rels.append((notes_rid, px.RT_NOTES_MASTER, "notesMasters/notesMaster1.xml"))
    pres_rels += [(rid, px.RT_SLIDE, f"slides/slide{i}.xml") for i, rid in enumerate(slide_rids, 1)]
    presentation = _edit_presentation(template.presentation, notes_rid, slide_rids)
    overrides += [
        ("/ppt/presentation.xml", CT_PRESENTATION_MAIN),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ]
    defaults = dict(template.defaults)
    defaults.setdefault("rels", "application/vnd.openxmlformats-package.relationships+xml")
    defaults.setdefault("xml", "application/xml")
    for name, _ in media_data:
        ext = name.rpartition(".")[2]
        defaults.setdefault(ext, _IMAGE_TYPES[ext])
    package_rels = [
        ("rId1", px.RT_DOCUMENT, "ppt/presentation.xml"),
        ("rId2", px.RT_CORE, "docProps/core.xml"),
        ("rId3", px.RT_APP, "docProps/app.xml"),
    ]
    entries = [
        ("[Content_Types].xml", px.content_types_xml(sorted(defaults.items()), sorted(overrides))),
        ("_rels/.rels", px.rels_xml(package_rels)),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
        ("ppt/presentation.xml", presentation),
        ("ppt/_rels/presentation.xml.rels", px.rels_xml(sorted(pres_rels, key=_rid_order))),
        *sorted(parts),
        *slide_entries,
        *media_data,
    ]
    return _zip(entries)


def _rid_order(rel: tuple[str, str, str]) -> tuple[int, str]:
    rid = rel[0]
    return (int(rid[3:]) if rid[3:].isdigit() else 1 << 30, rid)


__all__ = ["assemble_on_template", "placeholder_xml"]
