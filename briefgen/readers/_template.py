"""Read a department's PowerPoint template (.pptx or .potx) into plain data.

Maps a template file → `Template`: which application saved it, its slide size, its masters and
layouts (each layout's name, `type`, solid background colour and placeholders with their type,
idx, name and box, a box or background the layout does not set being its master's), the theme's fonts (`+mj-ea`/`+mn-ea` resolved to
the real East Asian faces, or flagged empty) and colour scheme, embedded fonts, sample slides,
and every part a deck on it keeps (everything the presentation reaches except the sample slides
and what only they reach), as bytes. Standard library only (`zipfile`, `ElementTree`), through
the bounded `Package`; `render/` writes decks onto it, `build/` maps its layouts to slide roles.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element as XmlElement

from briefgen._record import record
from briefgen.errors import BriefgenError, Diagnostic

from ._package import DeckReadError, Package
from ._template_colors import Scheme, text_colour
from ._template_colors import background as solid_background

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

CT_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
CT_PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
EMU_PER_CM = 360000

_SKIPPED_FROM_PRESENTATION = {"slide", "notesMaster", "handoutMaster"}
"""Presentation relationships a deck on the template does not keep (the writer adds its own
notes master; a handout master is never used by briefgen's decks)."""


class TemplateError(BriefgenError):
    """A template that cannot be used: not a .pptx/.potx, damaged, or without usable layouts."""


@record
class Placeholder:
    """One placeholder of a layout: its `type` (`body` when the XML names none), idx, name and
    box in EMU (x, y, w, h), the master's box when the layout inherits it."""

    type: str
    idx: int | None
    name: str
    box: tuple[int, int, int, int] | None
    typed: bool = True
    """Whether the XML names the type (an object placeholder names only its idx)."""
    color: str | None = None
    """Its first-level text colour as RRGGBB (the layout's, its master's, or the master's
    text style), None when the template names none."""


@record
class Layout:
    """One slide layout: its name, `type` attribute, part name, master and placeholders."""

    name: str
    type: str
    part: str
    master: str
    placeholders: tuple[Placeholder, ...]
    background: str | None = None
    """The background its slides show (the layout's own, else its master's) as RRGGBB, when
    it is one solid colour; None for a picture, a gradient or none found (taken as white)."""

    def find(self, *types: str) -> Placeholder | None:
        """The first placeholder of one of `types` (in the order asked), if any."""
        for kind in types:
            for ph in self.placeholders:
                if ph.type == kind:
                    return ph
        return None

    def signature(self) -> frozenset[str]:
        """The placeholder types it holds, `obj` counted as `body`."""
        return frozenset("body" if ph.type == "obj" else ph.type for ph in self.placeholders)


@record
class ThemeFonts:
    """The template theme's major (headings) and minor (body) faces; an `ea` of "" is empty
    (neither the `a:ea` slot nor a `Hans` script font names a face)."""

    major_latin: str
    major_ea: str
    minor_latin: str
    minor_ea: str


@dataclass(frozen=True, slots=True)
class Template:
    """A template read: what inspect shows and what a deck built on it needs, as plain data."""

    file: str
    sha256: str
    potx: bool
    application: str
    width: int
    height: int
    masters: tuple[str, ...]
    layouts: tuple[Layout, ...]
    fonts: ThemeFonts
    colors: tuple[tuple[str, str], ...]
    """The colour scheme's slots (dk1, lt1, dk2, lt2, accent1…6, hlink, folHlink) as RRGGBB."""
    embedded_fonts: tuple[str, ...]
    sample_slides: tuple[str, ...]
    parts: tuple[tuple[str, bytes], ...] = field(repr=False)
    """Every kept part (masters, layouts, themes, media, …), bytes as in the template."""
    content_types: tuple[tuple[str, str], ...] = field(repr=False)
    """The kept parts' content types, (/part/name, type)."""
    defaults: tuple[tuple[str, str], ...] = field(repr=False)
    """The template's default content types by extension."""
    presentation: bytes = field(repr=False)
    presentation_rels: tuple[tuple[str, str, str], ...] = field(repr=False)
    """The kept relationships of the presentation part: (rId, type URI, target)."""

    @property
    def aspect(self) -> str:
        """`16:9`, `4:3`, `16:10` or `custom`."""
        ratio = round(self.width / self.height, 2)
        return {1.78: "16:9", 1.33: "4:3", 1.6: "16:10"}.get(ratio, "custom")

    def layout(self, name: str) -> Layout | None:
        """The layout of this name, if any."""
        return next((layout for layout in self.layouts if layout.name == name), None)

    def color(self, slot: str) -> str | None:
        """A colour scheme slot's RRGGBB, if the scheme gives one."""
        return dict(self.colors).get(slot)


def _ph(shape: XmlElement) -> XmlElement | None:
    return shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")


def _box(shape: XmlElement) -> tuple[int, int, int, int] | None:
    xfrm = shape.find(f"{_P}spPr/{_A}xfrm")
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    if off is None or ext is None:
        return None
    try:
        values = (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy"))
        x, y, w, h = (int(v or 0) for v in values)
    except ValueError:
        return None
    return (x, y, w, h)


_MASTER_TYPE = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "body": "body"}


def _placeholder_shapes(root: XmlElement) -> list[tuple[str, XmlElement]]:
    """(type, shape) of each placeholder (`body` when the XML names no type)."""
    found = []
    for shape in root.iter(f"{_P}sp"):
        ph = _ph(shape)
        if ph is not None:
            found.append((ph.get("type") or "body", shape))
    return found


def _placeholders(
    root: XmlElement,
    inherited: dict[str, tuple[int, int, int, int]],
    master: XmlElement | None = None,
    scheme: Scheme = ({}, {}),
) -> list[Placeholder]:
    on_master: dict[str, XmlElement] = {}
    for kind, shape in [] if master is None else _placeholder_shapes(master):
        on_master.setdefault(_MASTER_TYPE.get(kind, kind), shape)
    found: list[Placeholder] = []
    for kind, shape in _placeholder_shapes(root):
        ph = _ph(shape)
        assert ph is not None
        idx_text = ph.get("idx")
        idx = int(idx_text) if idx_text and idx_text.isdigit() else None
        name_el = shape.find(f"{_P}nvSpPr/{_P}cNvPr")
        name = name_el.get("name", "") if name_el is not None else ""
        box = _box(shape) or inherited.get(_MASTER_TYPE.get(kind, kind))
        colour = None
        if master is not None:
            ours = on_master.get(_MASTER_TYPE.get(kind, kind))
            colour = text_colour(kind, shape, ours, master, scheme)
        typed = ph.get("type") is not None
        found.append(Placeholder(kind, idx, name, box, typed=typed, color=colour))
    return found


def _fonts(theme: XmlElement | None) -> ThemeFonts:
    def pick(group: str) -> tuple[str, str]:
        element = None if theme is None else theme.find(f".//{_A}fontScheme/{_A}{group}")
        if element is None:
            return ("", "")
        latin = element.find(f"{_A}latin")
        ea = element.find(f"{_A}ea")
        ea_face = (ea.get("typeface") or "") if ea is not None else ""
        if not ea_face:
            for script in element.findall(f"{_A}font"):
                if script.get("script") == "Hans":
                    ea_face = script.get("typeface") or ""
        return ((latin.get("typeface") or "") if latin is not None else "", ea_face)

    major, minor = pick("majorFont"), pick("minorFont")
    return ThemeFonts(major[0], major[1], minor[0], minor[1])


def _colors(theme: XmlElement | None) -> tuple[tuple[str, str], ...]:
    scheme = None if theme is None else theme.find(f".//{_A}clrScheme")
    if scheme is None:
        return ()
    found: list[tuple[str, str]] = []
    for slot in scheme:
        tag = slot.tag.rsplit("}", 1)[-1]
        srgb = slot.find(f"{_A}srgbClr")
        sys = slot.find(f"{_A}sysClr")
        value = (
            srgb.get("val")
            if srgb is not None
            else (sys.get("lastClr") if sys is not None else None)
        )
        if value and len(value) == 6:
            found.append((tag, value.upper()))
    return tuple(found)


def _reachable(package: Package, roots: list[str]) -> list[str]:
    """Every part reached from `roots` through internal relationships, roots first."""
    seen: list[str] = []
    todo = list(roots)
    while todo:
        part = todo.pop(0)
        if part in seen or not package.has(part):
            continue
        seen.append(part)
        todo.extend(rel.target for rel in package.related(part).values())
    return seen


def _sha256(path: Path) -> str:
    """The file's SHA-256, read in blocks (a template may be large; only its parts are bounded)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _application(package: Package) -> str:
    if not package.has("docProps/app.xml"):
        return "unknown"
    root = package.xml("docProps/app.xml")
    app = (root.findtext(f"{_EP}Application") or "").strip()
    version = (root.findtext(f"{_EP}AppVersion") or "").strip()
    return " ".join(part for part in (app, version) if part) or "unknown"


def _main_part(package: Package) -> str:
    if not package.has("_rels/.rels"):
        raise package.error("it has no package relationships (_rels/.rels); it is not a .pptx")
    for rel in package.xml("_rels/.rels").iter(f"{_REL}Relationship"):
        if (rel.get("Type") or "").endswith("/officeDocument"):
            return (rel.get("Target") or "").lstrip("/")
    raise package.error("it names no main document; it is not a .pptx or .potx")


def _read(path: Path, display: str) -> Template:
    try:
        package = Package(path)
    except DeckReadError as exc:
        [problem] = exc.diagnostics
        message = problem.message.replace("a PowerPoint deck (.pptx)", "a PowerPoint template")
        raise TemplateError(
            Diagnostic(
                f"{message}; save the department's template from PowerPoint or WPS as .pptx "
                "or .potx and give that file",
                file=display,
            )
        ) from None
    package.file = display
    try:
        main = _main_part(package)
        if not package.has(main):
            raise package.error(f"its main part {main} is missing; the file is damaged")
        types_root = package.xml("[Content_Types].xml")
        overrides = {
            (o.get("PartName") or "").lstrip("/"): o.get("ContentType") or ""
            for o in types_root.iter(f"{_CT}Override")
        }
        defaults = tuple(
            ((d.get("Extension") or "").lower(), d.get("ContentType") or "")
            for d in types_root.iter(f"{_CT}Default")
        )
        main_type = overrides.get(main, "")
        if "presentationml" not in main_type:
            raise package.error(
                "it is not a PowerPoint presentation or template (its main part is "
                f"{main_type or 'of no known type'}); save it from PowerPoint or WPS as .pptx or .potx"
            )
        presentation = package.read(main)
        pres = package.xml(main)
        size = pres.find(f"{_P}sldSz")
        if size is None:
            raise package.error("it gives no slide size (p:sldSz); the file is damaged")
        width, height = int(size.get("cx") or 0), int(size.get("cy") or 0)
        if width <= 0 or height <= 0:
            raise package.error("its slide size is zero; the file is damaged")
        if main != "ppt/presentation.xml":
            raise package.error(
                f"its main part is {main}, not ppt/presentation.xml; open it in PowerPoint or "
                "WPS and save it again as .pptx or .potx"
            )
        related = package.related(main)
        rels_root = package.xml(_rels_name(main))
        pres_rels: list[tuple[str, str, str]] = []
        for rel in rels_root.iter(f"{_REL}Relationship"):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            if kind in _SKIPPED_FROM_PRESENTATION:
                continue
            pres_rels.append((rel.get("Id") or "", rel.get("Type") or "", rel.get("Target") or ""))
        kept_roots = [
            r.target for r in related.values() if r.kind not in _SKIPPED_FROM_PRESENTATION
        ]
        masters = tuple(r.target for r in related.values() if r.kind == "slideMaster")
        if not masters:
            raise package.error("it has no slide master; save it again from PowerPoint or WPS")
        slides = tuple(sorted(r.target for r in related.values() if r.kind == "slide"))
        kept = _reachable(package, kept_roots)
        layouts: list[Layout] = []
        theme_root: XmlElement | None = None
        for master in masters:
            master_root = package.xml(master)
            inherited: dict[str, tuple[int, int, int, int]] = {}
            for ph in _placeholders(master_root, {}):
                if ph.box is not None:
                    inherited.setdefault(_MASTER_TYPE.get(ph.type, ph.type), ph.box)
            master_theme: XmlElement | None = None
            for master_rel in package.related(master).values():
                if master_rel.kind == "theme" and master_theme is None:
                    master_theme = package.xml(master_rel.target)
            theme_root = theme_root if theme_root is not None else master_theme
            clr_map = master_root.find(f"{_P}clrMap")
            scheme: Scheme = (
                dict(clr_map.attrib) if clr_map is not None else {},
                dict(_colors(master_theme)),
            )
            master_bg = solid_background(master_root, scheme)
            order = master_root.find(f"{_P}sldLayoutIdLst")
            master_rels = package.related(master)
            ids = [] if order is None else [e.get(f"{_R}id") or "" for e in order]
            for rid in ids:
                rel_found = master_rels.get(rid)
                if rel_found is None or not package.has(rel_found.target):
                    continue
                root = package.xml(rel_found.target)
                c_sld = root.find(f"{_P}cSld")
                name = (c_sld.get("name") or "") if c_sld is not None else ""
                own_bg = solid_background(root, scheme)
                background = master_bg if own_bg is False else own_bg
                layouts.append(
                    Layout(
                        name=name or posixpath.basename(rel_found.target),
                        type=root.get("type") or "cust",
                        part=rel_found.target,
                        master=master,
                        placeholders=tuple(_placeholders(root, inherited, master_root, scheme)),
                        background=background if isinstance(background, str) else None,
                    )
                )
        embedded = pres.find(f"{_P}embeddedFontLst")
        embedded_fonts = tuple(
            (font.get("typeface") or "")
            for font in ([] if embedded is None else embedded.iter(f"{_P}font"))
        )
        parts = tuple((name, package.read(name)) for name in kept)
        rels_parts = tuple(
            (_rels_name(name), package.read(_rels_name(name)))
            for name in kept
            if package.has(_rels_name(name))
        )
        content_types = tuple(("/" + name, overrides[name]) for name in kept if name in overrides)
        return Template(
            file=display,
            sha256=_sha256(path),
            potx=main_type == CT_TEMPLATE_MAIN,
            application=_application(package),
            width=width,
            height=height,
            masters=masters,
            layouts=tuple(layouts),
            fonts=_fonts(theme_root),
            colors=_colors(theme_root),
            embedded_fonts=embedded_fonts,
            sample_slides=slides,
            parts=tuple(sorted(parts + rels_parts)),
            content_types=tuple(sorted(content_types)),
            defaults=defaults,
            presentation=presentation,
            presentation_rels=tuple(pres_rels),
        )
    except DeckReadError as exc:
        raise TemplateError(*exc.diagnostics) from None
    finally:
        package.close()


@lru_cache(maxsize=8)
def _cached(path: str, display: str, stamp: tuple[int, int]) -> Template:
    return _read(Path(path), display)


def read_template(path: Path | str) -> Template:
    """A .pptx or .potx template → `Template`, read once per file version in a process.

    Raises `TemplateError` (naming the file and what to do) when it is not a PowerPoint
    presentation or template, is damaged, or has no slide master.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pptx", ".potx"):
        raise TemplateError(
            Diagnostic(
                f"a template is a PowerPoint .pptx or .potx file, not {suffix or 'a file without a suffix'}; "
                "save the department's template from PowerPoint or WPS as .pptx or .potx",
                file=str(path),
            )
        )
    try:
        info = path.stat()
    except OSError as exc:
        raise TemplateError(
            Diagnostic(
                f"template not found ({exc.strerror or exc}); check the path of the "
                "department's .pptx or .potx file",
                file=str(path),
            )
        ) from None
    return _cached(str(path.resolve()), str(path), (info.st_mtime_ns, info.st_size))


def cm(emu: int) -> float:
    """EMU → centimetres, rounded to 0.01."""
    return round(emu / EMU_PER_CM, 2)


__all__ = [
    "CT_PRESENTATION_MAIN",
    "CT_TEMPLATE_MAIN",
    "Layout",
    "Placeholder",
    "Template",
    "TemplateError",
    "ThemeFonts",
    "cm",
    "read_template",
]
