"""Which template layout each slide role uses, and why.

Maps a `Template` + a theme's explicit `layouts:` map → `RoleMap`: for each role (cover,
agenda, divider, content, image, quote, closing) the layout found, in this order: the explicit
map, the layout's `type` attribute, known Chinese and English layout names, then the
placeholders a role needs. A role found nowhere gets the template's blank layout (or its
emptiest) with the drawn frame, and a warning naming the role and listing the layouts there
are; except `image` (picture slides), which without a picture layout goes as content does.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping

from briefgen._record import record
from briefgen.errors import Diagnostic

from ._template import Layout, Template, TemplateError

ROLES = ("cover", "agenda", "divider", "content", "image", "quote", "closing")
"""The slide roles a template's layouts are found for."""

_TYPES: dict[str, tuple[str, ...]] = {
    "cover": ("title",),
    "agenda": ("obj", "tx"),
    "divider": ("secHead",),
    "content": ("obj", "tx"),
    "image": ("picTx",),
    "quote": ("titleOnly",),
    "closing": ("title",),
}
_NAMES: dict[str, tuple[str, ...]] = {
    "cover": ("标题幻灯片", "封面", "Title Slide", "Title"),
    "agenda": ("目录", "Agenda", "Contents", "标题和内容", "Title and Content", "Title, Content"),
    "divider": ("节标题", "章节标题", "Section Header", "Section Title"),
    "content": ("标题和内容", "正文", "Title and Content", "Title, Content"),
    "image": ("图片与标题", "图片", "Picture with Caption", "Picture"),
    "quote": ("引用", "引文", "Quote", "仅标题", "Title Only"),
    "closing": ("结束页", "结束", "Closing", "End", "标题幻灯片", "Title Slide", "Title"),
}
_BLANK_NAMES = ("空白", "Blank")


def _signature_fits(role: str, layout: Layout) -> bool:
    kinds = layout.signature()
    has_title = bool(kinds & {"title", "ctrTitle"})
    if role in ("cover", "closing"):
        return "ctrTitle" in kinds or (has_title and "subTitle" in kinds)
    if role == "divider":
        return has_title and "body" in kinds and "ctrTitle" not in kinds
    if role in ("content", "agenda"):
        return has_title and "body" in kinds and "subTitle" not in kinds
    if role == "image":
        return has_title and "pic" in kinds
    return has_title and not kinds & {"body", "subTitle", "pic", "tbl", "chart"}


@record
class RoleChoice:
    """One role's layout (None: drawn on the fallback layout) and why it was chosen."""

    role: str
    layout: Layout | None
    reason: str


@record
class RoleMap:
    """Every role's choice, the layout drawn slides go on, and warnings for missing roles."""

    template: Template
    choices: tuple[RoleChoice, ...]
    fallback: Layout
    warnings: tuple[Diagnostic, ...]

    def layout(self, role: str) -> Layout | None:
        """The template layout of `role`, or None when it is drawn on `fallback`."""
        return next((c.layout for c in self.choices if c.role == role), None)

    def slide_layout(self, role: str) -> Layout:
        """The layout a slide of `role` goes on: its own, else the fallback."""
        return self.layout(role) or self.fallback


def _by_name(template: Template, names: tuple[str, ...]) -> Layout | None:
    wanted = {name.casefold(): name for name in names}
    for name in names:
        for layout in template.layouts:
            if layout.name.casefold() == name.casefold() and name.casefold() in wanted:
                return layout
    return None


def _fallback(template: Template) -> Layout:
    for layout in template.layouts:
        if layout.type == "blank" or layout.name in _BLANK_NAMES:
            return layout
    return min(template.layouts, key=lambda layout: len(layout.placeholders))


def available(template: Template) -> str:
    """The template's layouts, for messages: `标题幻灯片 (title), 空白 (blank)`."""
    return ", ".join(f"{layout.name} ({layout.type})" for layout in template.layouts)


ExplicitError = Callable[[str, str], Diagnostic]
"""(role, message) → an error positioned at that role's entry of the `layouts:` map."""


def map_roles(
    template: Template,
    explicit: Mapping[str, str] | None = None,
    *,
    explicit_error: ExplicitError | None = None,
) -> RoleMap:
    """Each role's layout in the template: explicit map, `type`, known names, placeholders.

    Raises `TemplateError` when the template has no layout at all, or when the explicit map
    names a layout it does not have (listing those it has, with a did-you-mean).
    """
    if not template.layouts:
        raise TemplateError(
            Diagnostic(
                "the template has no slide layouts, so no slide can be placed on it; open it "
                "in PowerPoint (View → Slide Master) and add at least a title and a content layout",
                file=template.file,
            )
        )
    explicit = explicit or {}
    choices: list[RoleChoice] = []
    for role in ROLES:
        name = explicit.get(role)
        if name is not None:
            layout = template.layout(name)
            if layout is None:
                names = [layout.name for layout in template.layouts]
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.4)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                message = (
                    f"the template {template.file} has no layout named "
                    f"{name!r}.{hint} Its layouts are: {available(template)}"
                )
                where = (
                    explicit_error(role, message)
                    if explicit_error
                    else Diagnostic(f"layouts: {role}: {message}", file=template.file)
                )
                raise TemplateError(where)
            choices.append(RoleChoice(role, layout, f"layouts: map names {name!r}"))
            continue
        found = next(
            (
                (layout, f"layout type {layout.type!r}")
                for kind in _TYPES[role]
                for layout in template.layouts
                if layout.type == kind and _usable(role, layout)
            ),
            None,
        )
        if found is None:
            by_name = _by_name(template, _NAMES[role])
            if by_name is not None and _usable(role, by_name):
                found = (by_name, f"known layout name {by_name.name!r}")
        if found is None:
            by_signature = next(
                (layout for layout in template.layouts if _signature_fits(role, layout)), None
            )
            if by_signature is not None:
                kinds = ", ".join(sorted(by_signature.signature()))
                found = (by_signature, f"its placeholders fit ({kinds})")
        if found is None and role == "image":
            content = next(c for c in choices if c.role == "content")
            reason = "no picture layout: as the content slides"
            choices.append(RoleChoice(role, content.layout, reason))
        elif found is None:
            choices.append(RoleChoice(role, None, "no layout found by type, name or placeholders"))
        else:
            choices.append(RoleChoice(role, found[0], found[1]))
    fallback = _fallback(template)
    warnings = tuple(
        Diagnostic(
            f"the template has no layout for the {c.role} slides; they are drawn on its "
            f"{fallback.name!r} layout. Its layouts are: {available(template)}. Name one in "
            f"the theme's layouts: map (briefgen template inspect --write-map)",
            file=template.file,
            severity="warning",
        )
        for c in choices
        if c.layout is None and c.role != "image"  # image follows content, which warns
    )
    return RoleMap(template, tuple(choices), fallback, warnings)


def _usable(role: str, layout: Layout) -> bool:
    """A layout matched by type or name still needs a title placeholder to take the title
    (and, for picture slides, a picture placeholder)."""
    if role == "image" and layout.find("pic") is None:
        return False
    return layout.find("title", "ctrTitle") is not None


__all__ = ["ROLES", "ExplicitError", "RoleChoice", "RoleMap", "available", "map_roles"]
