"""The package-level OOXML of the pptx writer: relationships, content types, properties.

Maps a deck's parts and metadata → `_rels`, `[Content_Types].xml`, core and app properties,
and patches the python-pptx template's presentation part (slide list and size) and theme
(colours and the CJK faces of the theme fonts).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import datetime

from briefgen.theme import Theme

from ._oxml import _DECL, NS_A, NS_P, NS_R, clean, esc

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_SLIDE = _RT + "slide"
RT_LAYOUT = _RT + "slideLayout"
RT_MASTER = _RT + "slideMaster"
RT_NOTES = _RT + "notesSlide"
RT_NOTES_MASTER = _RT + "notesMaster"
RT_IMAGE = _RT + "image"
RT_THEME = _RT + "theme"
RT_PRES_PROPS = _RT + "presProps"
RT_VIEW_PROPS = _RT + "viewProps"
RT_TABLE_STYLES = _RT + "tableStyles"
RT_DOCUMENT = _RT + "officeDocument"
RT_APP = _RT + "extended-properties"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_SLIDE = _CT + "slide+xml"
CT_NOTES = _CT + "notesSlide+xml"
CT_PRESENTATION = _CT + "presentation.main+xml"


def rels_xml(rels: Iterable[tuple[str, str, str]]) -> bytes:
    """(rId, type, target) triples → a relationships part."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{esc(target)}"/>'
        for rid, kind, target in rels
    )
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    return f'{_DECL}<Relationships xmlns="{ns}">{items}</Relationships>'.encode()


def content_types_xml(
    defaults: Iterable[tuple[str, str]], overrides: Iterable[tuple[str, str]]
) -> bytes:
    """(extension, type) defaults and (/part/name, type) overrides → `[Content_Types].xml`."""
    body = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults)
    body += "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    return f'{_DECL}<Types xmlns="{ns}">{body}</Types>'.encode()


def core_xml(
    title: str, creator: str, subject: str | None, category: str | None, when: datetime
) -> bytes:
    """Dublin Core document properties; `when` is both created and modified (never the clock)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    optional = f"<dc:subject>{esc(subject)}</dc:subject>" if subject else ""
    tail = f"<cp:category>{esc(category)}</cp:category>" if category else ""
    return (
        f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title>{optional}<dc:creator>{esc(creator)}</dc:creator>"
        "<cp:lastModifiedBy>briefgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>{tail}'
        "</cp:coreProperties>"
    ).encode()


def presentation_format(width: int, height: int) -> str:
    """The slide size as docProps/app.xml names it: `16:9`, `4:3`, else `Custom`."""
    ratio = round(width / height, 2)
    return {1.78: "16:9", 1.33: "4:3"}.get(ratio, "Custom")


def app_xml(slides: int, company: str | None, presentation: str = "16:9") -> bytes:
    """Extended properties: application name, presentation format, slide and notes counts,
    company."""
    return (
        f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><TotalTime>0</TotalTime><Words>0</Words><Application>briefgen'
        f"</Application><PresentationFormat>{esc(presentation)}</PresentationFormat>"
        "<Paragraphs>0</Paragraphs>"
        f"<Slides>{slides}</Slides><Notes>{slides}</Notes><HiddenSlides>0</HiddenSlides>"
        f"<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><Company>{esc(company or '')}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _parse(xml: bytes) -> ET.Element:
    for prefix, uri in (("a", NS_A), ("p", NS_P), ("r", NS_R)):
        ET.register_namespace(prefix, uri)
    return ET.fromstring(xml)


def _serialise(root: ET.Element) -> bytes:
    return (_DECL + ET.tostring(root, encoding="unicode")).encode()


def presentation_xml(
    template: bytes,
    width: int,
    height: int,
    master_rid: str,
    notes_master_rid: str,
    slide_rids: Sequence[str],
) -> bytes:
    """The template's `p:presentation` with our master/notes-master/slide id lists and the
    deck's slide size."""
    root = _parse(template)
    p, r = f"{{{NS_P}}}", f"{{{NS_R}}}"
    masters = root.find(f"{p}sldMasterIdLst")
    assert masters is not None and len(masters) == 1, "template has one slide master"
    masters[0].set(f"{r}id", master_rid)
    for tag in ("notesMasterIdLst", "sldIdLst"):
        for old in root.findall(p + tag):
            root.remove(old)
    notes = ET.Element(f"{p}notesMasterIdLst")
    ET.SubElement(notes, f"{p}notesMasterId", {f"{r}id": notes_master_rid})
    root.insert(list(root).index(masters) + 1, notes)
    if slide_rids:  # an empty sldIdLst is a schema error: leave it out
        slides = ET.Element(f"{p}sldIdLst")
        for index, rid in enumerate(slide_rids):
            ET.SubElement(slides, f"{p}sldId", {"id": str(256 + index), f"{r}id": rid})
        root.insert(list(root).index(notes) + 1, slides)
    size = root.find(f"{p}sldSz")
    assert size is not None, "template has a slide size"
    size.attrib.clear()
    size.set("cx", str(width))
    size.set("cy", str(height))
    return _serialise(root)


def theme_xml(template: bytes, theme: Theme) -> bytes:
    """The template theme with our colour scheme and latin + ea faces in major/minor fonts.

    dk1/lt1 ink/white, dk2/lt2 primary/cream, accent1..4 primary/accent/gold/grey,
    hyperlinks accent/grey; major font the serif face (cover, dividers), minor the sans face.
    """
    root = _parse(template)
    a = f"{{{NS_A}}}"
    root.set("name", theme.label or theme.name)
    colours = {
        "dk1": "ink", "lt1": "white", "dk2": "primary", "lt2": "cream",
        "accent1": "primary", "accent2": "accent", "accent3": "gold", "accent4": "grey",
        "hlink": "accent", "folHlink": "grey",
    }  # fmt: skip
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    assert scheme is not None, "template theme has a colour scheme"
    scheme.set("name", theme.name)
    for slot, name in colours.items():
        element = scheme.find(a + slot)
        if element is None:
            continue
        for child in list(element):
            element.remove(child)
        ET.SubElement(element, f"{a}srgbClr", {"val": theme.color(name)})
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    assert fonts is not None, "template theme has a font scheme"
    fonts.set("name", theme.name)
    for tag, role in (("majorFont", "serif"), ("minorFont", "sans")):
        face = theme.face(role)
        group = fonts.find(a + tag)
        if group is None:
            continue
        for slot, typeface in (("latin", face.latin), ("ea", face.ea), ("cs", face.latin)):
            element = group.find(a + slot)
            if element is not None:
                element.set("typeface", clean(typeface))
        for script in group.findall(f"{a}font"):
            if script.get("script") == "Hans":
                script.set("typeface", clean(face.ea))
    return _serialise(root)


__all__ = [
    "CT_NOTES",
    "CT_PRESENTATION",
    "CT_SLIDE",
    "RT_APP",
    "RT_CORE",
    "RT_DOCUMENT",
    "RT_IMAGE",
    "RT_LAYOUT",
    "RT_MASTER",
    "RT_NOTES",
    "RT_NOTES_MASTER",
    "RT_PRES_PROPS",
    "RT_SLIDE",
    "RT_TABLE_STYLES",
    "RT_THEME",
    "RT_VIEW_PROPS",
    "app_xml",
    "content_types_xml",
    "core_xml",
    "presentation_format",
    "presentation_xml",
    "rels_xml",
    "theme_xml",
]
