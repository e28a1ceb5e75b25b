"""The colours a template really shows: backgrounds and placeholder text, resolved to RRGGBB.

Maps DrawingML colour elements (`a:srgbClr`, `a:schemeClr` through the master's `p:clrMap`
and the theme's colour scheme, `a:sysClr`, with their `tint`, `shade`, `lumMod` and `lumOff`)
→ RRGGBB; a master's or layout's `p:bg` → its solid colour; and a placeholder's first-level
text colour, looked up as PowerPoint does: the layout placeholder's list style, the master
placeholder's, then the master's title, body or other text style.
"""

from __future__ import annotations

import colorsys
from xml.etree.ElementTree import Element as XmlElement

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

_SCHEME_ALIAS = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_STYLE = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle", "obj": "bodyStyle"}
_STYLE.update(subTitle="bodyStyle")

Scheme = tuple[dict[str, str], dict[str, str]]
"""(the master's colour map, the theme's colour scheme slots as RRGGBB)."""


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _srgb(c: float) -> float:
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _modified(value: str, element: XmlElement) -> str:
    """RRGGBB after the colour element's tint, shade, lumMod and lumOff (in file order)."""
    rgb = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    for change in element:
        kind = change.tag.rsplit("}", 1)[-1]
        try:
            amount = int(change.get("val") or "0") / 100000
        except ValueError:
            continue
        if kind == "tint":  # towards white, in linear light (as PowerPoint draws it)
            rgb = [_srgb(_linear(c) * amount + (1 - amount)) for c in rgb]
        elif kind == "shade":
            rgb = [_srgb(_linear(c) * amount) for c in rgb]
        elif kind in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(*rgb)
            lum = lum * amount if kind == "lumMod" else lum + amount
            rgb = list(colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s))
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


def resolve(holder: XmlElement | None, scheme: Scheme) -> str | None:
    """The RRGGBB of the colour element inside `holder` (a fill or a `p:bgRef`), if any."""
    if holder is None:
        return None
    color_map, slots = scheme
    for element in holder:
        kind = element.tag.rsplit("}", 1)[-1]
        value = None
        if kind == "srgbClr":
            value = element.get("val")
        elif kind == "sysClr":
            value = element.get("lastClr")
        elif kind == "schemeClr":
            name = element.get("val") or ""
            value = slots.get(color_map.get(name, _SCHEME_ALIAS.get(name, name)))
        else:
            continue
        if not value or len(value) != 6:
            return None
        return _modified(value.upper(), element)
    return None


def background(root: XmlElement, scheme: Scheme) -> str | bool | None:
    """A master's or layout's `p:bg` → RRGGBB when solid; None when it is a picture or a
    gradient; False when it sets none (the master's shows)."""
    bg = root.find(f"{_P}cSld/{_P}bg")
    if bg is None:
        return False
    fill = bg.find(f"{_P}bgPr/{_A}solidFill")
    return resolve(fill if fill is not None else bg.find(f"{_P}bgRef"), scheme)


def _list_colour(shape: XmlElement | None, scheme: Scheme) -> str | None:
    if shape is None:
        return None
    fill = shape.find(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr/{_A}solidFill")
    return resolve(fill, scheme)


def text_colour(
    kind: str,
    layout_shape: XmlElement | None,
    master_shape: XmlElement | None,
    master: XmlElement,
    scheme: Scheme,
) -> str | None:
    """The first-level text colour of a placeholder of type `kind`: its layout list style,
    its master placeholder's, then the master's text style for it."""
    for shape in (layout_shape, master_shape):
        found = _list_colour(shape, scheme)
        if found is not None:
            return found
    style = _STYLE.get(kind, "otherStyle")
    fill = master.find(f"{_P}txStyles/{_P}{style}/{_A}lvl1pPr/{_A}defRPr/{_A}solidFill")
    return resolve(fill, scheme)


__all__ = ["Scheme", "background", "resolve", "text_colour"]
