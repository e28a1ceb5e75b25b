"""Building on a department's template: which template, its role map, geometry and theme.

Maps (the `--template` option, the outline's `template:`, the theme's `template:`) → the
template file to use, and a template → `OnTemplate`: the role map (`readers.map_roles`, with
the theme's `layouts:`), the `Geometry` whose frames are the chosen layouts' placeholder boxes
at the template's own slide size, and the theme with the template's faces (`+mj-ea`/`+mn-ea`
resolved) as its office face set and, for colour roles no user theme file sets, its colour
scheme. Read once per
file version in a process (the reader caches), so a batch parses its template once.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen._record import record
from briefgen.errors import Diagnostic

if TYPE_CHECKING:
    from briefgen.layout import Frame, Geometry
    from briefgen.outline import LoadedOutline
    from briefgen.readers import Layout, Placeholder, RoleMap, Template, TemplateReport
    from briefgen.theme import Theme


@record
class OnTemplate:
    """A template ready to build on: its role map, the geometry and the adjusted theme."""

    roles: RoleMap
    geometry: Geometry
    theme: Theme

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Roles the template has no layout for (drawn on its blank layout)."""
        return self.roles.warnings


def template_file(
    loaded: LoadedOutline, theme: Theme, template: str | Path | None = None
) -> Path | None:
    """The template to build on: `--template` (relative to the current folder), else the
    outline's `template:` (relative to the outline), else the theme's (relative to the theme
    file, resolved when it was read); None for none. A template named in a file that is not
    there is an error at FILE:LINE:COL of its `template:`."""
    from briefgen.errors import OutlineError, ThemeError

    if template is None and not theme.template and not loaded.outline.template:
        return None  # the common case: no template, and the template reader is not imported
    from briefgen.readers import TemplateError

    if template is not None:
        path = Path(template)
        if not path.is_file():
            raise TemplateError(
                Diagnostic(
                    "template not found; give the path of the department's .pptx or .potx "
                    "file (relative to the current folder)",
                    file=str(path),
                )
            )
        return path
    named = loaded.outline.template
    if named:
        path = loaded.path.parent / named
        if not path.is_file():
            raise OutlineError(
                loaded.diagnostic(
                    ("template",),
                    f"template not found: {path}; a path here is relative to the outline's folder",
                )
            )
        return path
    if theme.template:
        path = Path(theme.template)
        if not path.is_file():
            raise ThemeError(
                theme.diagnostic(
                    ("template",),
                    f"template not found: {path}; a path here is relative to the theme file's folder",
                )
            )
        return path
    return None


def apply_template(
    loaded: LoadedOutline, theme: Theme, template: str | Path | None = None
) -> Theme:
    """`theme` ready for the template the build uses (see `template_file`): the template's
    faces and colours, and its path in `template`, from which layout takes the
    geometry and the pptx writer the package; `theme` itself when there is none."""
    path = template_file(loaded, theme, template)
    if path is None:
        return theme
    named = str(path)  # as given: messages name the file the way the user wrote it
    pinned = theme if theme.template == named else _with(theme, template=named)
    return on_template(path, pinned).theme


def _with(theme: Theme, **changes: Any) -> Theme:
    copy = theme.model_copy(update=changes)
    copy._hash = None
    copy._user_colors = theme.user_colors()
    copy._source_map = theme._source_map
    return copy


def _box(ph: Placeholder | None) -> Any:
    from briefgen.layout import Box, Length

    if ph is None or ph.box is None:
        return None
    x, y, w, h = ph.box
    return Box(Length(x), Length(y), Length(w), Length(h))


def frame_of(layout: Layout) -> Frame:
    """A template layout → the boxes of its title, body, subtitle, picture, date, footer
    and slide number (each placeholder found by its type), its background colour and the
    template's text colour of each placeholder type."""
    from briefgen.layout import Frame

    has_subtitle = layout.find("subTitle") is not None
    return Frame(
        title=_box(layout.find("title", "ctrTitle")),
        body=None if has_subtitle else _box(layout.find("body")),
        subtitle=_box(layout.find("subTitle")),
        footer=_box(layout.find("ftr")),
        page=_box(layout.find("sldNum")),
        picture=_box(layout.find("pic")),
        date=_box(layout.find("dt")),
        background=f"#{layout.background}" if layout.background else "white",
        colors=tuple(
            dict.fromkeys((ph.type, f"#{ph.color}") for ph in layout.placeholders if ph.color)
        ),
    )


def template_geometry(roles: RoleMap) -> Geometry:
    """The template's slide size (as it is: 4:3 stays 4:3) and each found role's frame."""
    from briefgen.layout import Geometry, Length

    template = roles.template
    frames = tuple((c.role, frame_of(c.layout)) for c in roles.choices if c.layout is not None)
    return Geometry.on_template(Length(template.width), Length(template.height), frames)


_SCHEME = {"ink": "dk1", "white": "lt1", "primary": "accent1", "accent": "accent2"}
"""Theme colour roles a template's colour scheme fills, and the scheme slot each takes."""


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two RRGGBB colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def template_theme(theme: Theme, template: Template) -> Theme:
    """`theme` with the template's faces as its `office` face set (drawn with `font-set:
    office`; the portable set keeps the free Noto faces, which every machine can measure and
    draw alike) and, where no user theme file sets them and the contrast stays AA, its colour
    scheme (dk1 → ink, lt1 → white, accent1 → primary, accent2 → accent)."""
    data = theme.model_dump(by_alias=True)
    fonts = template.fonts
    chosen = data["fonts"]["office"]  # the template's faces are the office set's
    if fonts.minor_latin and fonts.minor_ea:
        chosen["sans"] = {"latin": fonts.minor_latin, "ea": fonts.minor_ea}
    if fonts.major_latin and fonts.major_ea:
        chosen["serif"] = {"latin": fonts.major_latin, "ea": fonts.major_ea}
    own = theme.user_colors()
    colours = data["colors"]
    for role, slot in _SCHEME.items():
        value = template.color(slot)
        if role in own or value is None:
            continue
        candidate = "#" + value
        white = colours["white"] if role != "white" else candidate
        ink = colours["ink"] if role != "ink" else candidate
        # text on white (ink, accent) and white on primary need 4.5:1
        other = {"ink": white, "white": ink, "primary": white, "accent": white}[role]
        if contrast(candidate, other) >= 4.5:
            colours[role] = candidate
    from briefgen.theme import Theme

    adjusted = Theme.model_validate(data)
    adjusted._user_colors = theme.user_colors()
    adjusted._source_map = theme._source_map
    return adjusted if adjusted != theme else theme


def _names(theme: Theme) -> dict[str, str]:
    """The theme's `layouts:` map, role → layout name."""
    return {str(role): name for role, name in theme.layouts.items()}


@lru_cache(maxsize=8)
def _on_template(template: Template, theme: Theme) -> OnTemplate:
    from briefgen.readers import map_roles

    def explicit_error(role: str, message: str) -> Diagnostic:
        return theme.diagnostic(("layouts", role), message)

    roles = map_roles(template, _names(theme), explicit_error=explicit_error)
    return OnTemplate(roles, template_geometry(roles), template_theme(theme, template))


def on_template(path: Path, theme: Theme) -> OnTemplate:
    """A template file + theme → `OnTemplate` (the file read once per version per process)."""
    from briefgen.readers import read_template

    return _on_template(read_template(path), theme)


def template_of(theme: Theme) -> OnTemplate | None:
    """The template a theme made by `apply_template` builds on (cached), else None."""
    if not theme.template:
        return None
    return on_template(Path(theme.template), theme)


def _write_map(report_roles: RoleMap, path: Path, theme: str | None) -> None:
    from ._atomic import atomic_write_bytes

    template = report_roles.template
    location = Path(template.file).resolve()
    try:
        named = str(location.relative_to(path.resolve().parent))
    except ValueError:
        named = str(location)
    names = ", ".join(layout.name for layout in template.layouts)
    lines = [
        f"# Building on {Path(template.file).name}: written by `briefgen template inspect "
        "--write-map`.",
        "# Edit the layouts: map if a role takes the wrong layout; the template's layouts are:",
        f"#   {names}",
        "briefgen-theme: 1",
        f"extends: {_yaml_str(theme or 'party-red')}",
        f"name: {_yaml_str(path.stem)}",
        f"template: {_yaml_str(named)}",
        "layouts:",
    ]
    for choice in report_roles.choices:
        if choice.layout is None:
            lines.append(
                f"  # {choice.role}: (none found: drawn on {report_roles.fallback.name!r})"
            )
        else:
            lines.append(f"  {choice.role}: {_yaml_str(choice.layout.name)}   # {choice.reason}")
    atomic_write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (safe for names with colons, quotes or #)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def inspect_template(
    file: Path, *, theme: str | None = None, write_map: Path | None = None
) -> TemplateReport:
    """`briefgen template inspect`: read the template, map its roles (with the theme's
    `layouts:` if a theme is given) and, with `write_map`, write a theme file to edit."""
    from briefgen.readers import TemplateReport, map_roles, read_template, warning_signs
    from briefgen.theme import load_theme

    template = read_template(file)
    explicit = _names(load_theme(theme)) if theme else {}
    roles = map_roles(template, explicit)
    written = None
    if write_map is not None:
        from ._output_names import check_file_name

        check_file_name(write_map, (".yaml", ".yml"), "template inspect --write-map")
        _write_map(roles, write_map, theme)
        written = write_map
    return TemplateReport(template, roles, warning_signs(template, roles), written)


__all__ = [
    "OnTemplate",
    "apply_template",
    "contrast",
    "frame_of",
    "inspect_template",
    "on_template",
    "template_file",
    "template_geometry",
    "template_of",
    "template_theme",
]
