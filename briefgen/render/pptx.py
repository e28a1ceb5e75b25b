"""The .pptx renderer: draws a `LaidDeck` exactly as laid out, as a deterministic PowerPoint file.

Maps `LaidDeck` + `Theme` → .pptx bytes. Each `LaidSlide` becomes one slide (text boxes, filled
shapes, pictures, tables, in z-order) with a notes page; the renderer never measures, wraps
or shrinks text. Identical slides (as in batch builds for many districts) are serialised once.
python-pptx is used only, lazily, for the template skeleton; slide XML is written directly.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BuildError, Diagnostic, format_path
from briefgen.images import image_problem
from briefgen.layout import (
    Box,
    Element,
    LaidDeck,
    LaidSlide,
    Length,
    Picture,
    Rect,
    TableBlock,
    TextBlock,
    slide_role,
)
from briefgen.theme import Theme

from . import _oxml as ox
from . import _package_xml as px
from ._package import Image, SlideParts, assemble, document_date, skeleton

if TYPE_CHECKING:
    from briefgen.readers import Layout, RoleMap

_FORMATS = {"png": "png", "jpeg": "jpeg", "mpo": "jpeg", "gif": "gif", "bmp": "bmp", "tiff": "tiff"}

Stamp = tuple[int, int]
"""(mtime in ns, size) of an image file: a changed file is read and placed afresh."""


class _ImageProblem(Exception):
    """An image that cannot be used; becomes a `BuildError` naming the slide."""


def _stamp(path: str) -> Stamp:
    try:
        info = Path(path).stat()
    except OSError as exc:
        raise _ImageProblem(f"image not found: {path} ({exc.strerror or exc})") from None
    return (info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=64)
def _load_image(path: str, stamp: Stamp) -> Image:
    """An image file → its bytes, format and pixel size (via Pillow, a python-pptx dependency)."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    problem = image_problem(Path(path))  # bounded, fully decoded once, PNG/JPEG/GIF/BMP only
    if problem is not None:
        raise _ImageProblem(problem)
    try:
        data = Path(path).read_bytes()
        with PILImage.open(io.BytesIO(data)) as picture:
            fmt = (picture.format or "").lower()
            width, height = picture.size
    except (OSError, UnidentifiedImageError) as exc:
        raise _ImageProblem(f"cannot read image {path}: {exc}") from None
    if fmt not in _FORMATS:
        raise _ImageProblem(
            f"image {path} is {fmt.upper() or 'of an unknown format'}; use PNG or JPEG"
        )
    if width <= 0 or height <= 0:
        raise _ImageProblem(f"image {path} has no pixels")
    return Image(data=data, ext=_FORMATS[fmt], width_px=width, height_px=height)


def fit_box(box: Box, width_px: int, height_px: int) -> Box:
    """The largest box with the image's aspect ratio inside `box`, centred in it."""
    ratio = width_px / height_px
    if box.h and box.w / box.h > ratio:
        h = int(box.h)
        w = round(h * ratio)
    else:
        w = int(box.w)
        h = round(w / ratio)
    x = int(box.x) + (int(box.w) - w) // 2
    y = int(box.y) + (int(box.h) - h) // 2
    return Box(Length(x), Length(y), Length(w), Length(h))


def _check_table(table: TableBlock) -> None:
    columns = len(table.column_widths)
    for row in (table.header, *table.rows) if table.header else table.rows:
        if len(row) != columns:
            raise ValueError(f"table row has {len(row)} cells for {columns} columns: {row!r}")


@lru_cache(maxsize=256)
def _draw(
    elements: tuple[Element, ...],
    background: str | None,
    notes: str,
    theme: Theme,
    stamps: tuple[Stamp, ...],
    layout: Layout | None = None,
) -> SlideParts:
    """What a slide draws → its serialised parts (cached: equal slides are written once).

    On a template `layout`, text (and a picture) laid out for a placeholder fills the layout's
    placeholder of that type; a layout's placeholders nothing fills are left off the slide (so
    no "Click to add text" prompt shows); a `background` of None leaves the slide the layout's
    background."""
    shapes: list[str] = []
    images: list[Image] = []
    stamp_iter = iter(stamps)
    used: set[int] = set()
    for shape_id, element in enumerate(elements, start=2):
        if isinstance(element, TextBlock) and element.placeholder and layout is not None:
            from ._template_package import placeholder_xml  # only on a template

            ph = placeholder_xml(element.placeholder, layout, used)
            shapes.append(_placeholder_shape_xml(element, theme, shape_id, ph))
        elif isinstance(element, TextBlock | Rect):
            shapes.append(_shape_xml(element, theme, shape_id))
        elif isinstance(element, Picture):
            image = _load_image(element.path, next(stamp_iter))
            images.append(image)
            box = fit_box(element.box, image.width_px, image.height_px)
            rid = f"rId{len(images) + 2}"
            ph = (
                placeholder_xml(element.placeholder, layout, used)
                if element.placeholder and layout is not None
                else None
            )
            shapes.append(ox.picture_shape(box, rid, element.description, shape_id, ph))
        else:
            _check_table(element)
            shapes.append(ox.table_shape(element, theme, shape_id))
    return SlideParts(
        slide=ox.slide_xml(background, shapes, theme),
        notes=_notes_xml(notes, theme),
        images=tuple(images),
    )


@lru_cache(maxsize=4096)
def _shape_xml(element: TextBlock | Rect, theme: Theme, shape_id: int) -> str:
    """One text box or filled shape → XML, cached: in a batch, slides that differ only in
    their footer (organiser · date) re-serialise the footer alone."""
    if isinstance(element, TextBlock):
        return ox.text_shape(element, theme, shape_id)
    return ox.rect_shape(element, theme, shape_id)


@lru_cache(maxsize=4096)
def _placeholder_shape_xml(element: TextBlock, theme: Theme, shape_id: int, ph: str | None) -> str:
    """A text filling a template placeholder → XML, cached like `_shape_xml`."""
    return ox.text_shape(element, theme, shape_id, ph)


@lru_cache(maxsize=256)
def _notes_xml(notes: str, theme: Theme) -> bytes:
    """Speaker notes → notes slide XML, cached (the notes are shared by every district)."""
    return ox.notes_xml(notes, theme)


def _slide_parts(slide: LaidSlide, theme: Theme, template: RoleMap | None = None) -> SlideParts:
    """One slide → slide XML, notes XML and images; cached on what is drawn.

    The cache key is the slide's elements, background and notes (not its number, warnings or
    origin), the theme, each picture file's (mtime, size) and, on a template, its layout.
    """
    try:
        stamps = tuple(_stamp(e.path) for e in slide.elements if isinstance(e, Picture))
        if template is None:
            return _draw(slide.elements, slide.background, slide.notes, theme, stamps)
        role = slide_role(slide.kind)
        own = template.layout(role)
        background = None if own is not None else slide.background
        layout = own or template.fallback
        return _draw(slide.elements, background, slide.notes, theme, stamps, layout)
    except _ImageProblem as exc:
        raise BuildError(
            Diagnostic(
                f"slide {slide.number} 《{slide.title}》: {exc}", path=format_path(slide.origin)
            )
        ) from None


def render_pptx(deck: LaidDeck, theme: Theme, template: RoleMap | None = None) -> bytes:
    """A laid-out deck → the bytes of its .pptx (byte-identical for the same deck and theme),
    on python-pptx's template, or on a department's `template` (its masters and layouts, each
    slide on its role's layout)."""
    parts = [_slide_parts(slide, theme, template) for slide in deck.slides]
    info = deck.info
    core = px.core_xml(
        title=info.title,
        creator=info.organiser or "briefgen",
        subject=info.subtitle,
        category=info.district,
        when=document_date(info.date),
    )
    app = px.app_xml(len(parts), info.organiser, px.presentation_format(deck.width, deck.height))
    if template is not None:
        from ._template_package import assemble_on_template  # the template reader with it

        layouts = [template.slide_layout(slide_role(slide.kind)) for slide in deck.slides]
        return assemble_on_template(template, parts, layouts, core=core, app=app)
    return assemble(
        skeleton(theme),
        parts,
        width=int(deck.width),
        height=int(deck.height),
        core=core,
        app=app,
    )


__all__ = ["fit_box", "render_pptx"]
