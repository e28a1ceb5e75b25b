"""Themes: colours, font roles and sizes, read from a YAML theme file (see docs/themes.md).

Maps `themes/NAME.yaml` (or any path) → a frozen `Theme`. Built-in themes are found in the
installed package (`briefgen/_builtin_themes`, from a wheel) or in the source tree's `themes/`.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from briefgen.errors import BriefgenError, Diagnostic, ThemeError
from briefgen.outline import (
    DataPath,
    Position,
    SourceMap,
    in_file_order,
    model_diagnostics,
    read_yaml,
)

DEFAULT_THEME = "party-red"

MIN_POINTS = 6.0
MAX_POINTS = 200.0
"""Every font size of a theme lies in this range (pt): below 6 pt nothing reads, above 200 pt
not one line of a title fits on the slide."""

MAX_EXTENDS = 8
"""Most theme files in one `extends:` chain (the built-in party-red-office uses two)."""

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Face(_Frozen):
    """A typeface named for Latin (`a:latin`) and East Asian (`a:ea`) text."""

    latin: str
    ea: str


class FontSet(_Frozen):
    """The faces of the three font roles."""

    sans: Face
    serif: Face
    quote: Face


class Fonts(_Frozen):
    """The portable (free Noto CJK) and office (Windows faces) settings."""

    portable: FontSet
    office: FontSet


class HandoutFaces(_Frozen):
    """The faces of a printed handout (GB/T 9704-2012): title 小标宋, headings 黑体, 楷体, 仿宋."""

    title: Face
    heading: Face
    kai: Face
    fang: Face
    numbers: Face
    """Page numbers (宋体-class, half-width digits)."""


class HandoutFonts(_Frozen):
    """The handout's portable (free faces from Debian) and office (faces offices have) sets."""

    portable: HandoutFaces = HandoutFaces(
        title=Face(latin="Noto Serif CJK SC", ea="Noto Serif CJK SC"),
        heading=Face(latin="Noto Sans CJK SC", ea="Noto Sans CJK SC"),
        kai=Face(latin="AR PL UKai CN", ea="AR PL UKai CN"),
        fang=Face(latin="FandolFang", ea="FandolFang"),
        numbers=Face(latin="Noto Serif CJK SC", ea="Noto Serif CJK SC"),
    )
    office: HandoutFaces = HandoutFaces(
        title=Face(latin="Times New Roman", ea="方正小标宋简体"),
        heading=Face(latin="Times New Roman", ea="黑体"),
        kai=Face(latin="Times New Roman", ea="楷体_GB2312"),
        fang=Face(latin="Times New Roman", ea="仿宋_GB2312"),
        numbers=Face(latin="Times New Roman", ea="宋体"),
    )


class Colors(_Frozen):
    """Named theme colours as #RRGGBB."""

    primary: str
    accent: str
    gold: str
    cream: str
    ink: str
    grey: str
    white: str = "#FFFFFF"

    @field_validator("*")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError(f'colour {value!r} must be written #RRGGBB, e.g. "#A40000"')
        return value.upper()


def _points(default: float, alias: str | None = None) -> Any:
    """A font size field: a finite number of points within MIN_POINTS … MAX_POINTS."""
    return Field(default, alias=alias, ge=MIN_POINTS, le=MAX_POINTS, allow_inf_nan=False)


class Sizes(_Frozen):
    """Font sizes in points (`sizes:`), each within MIN_POINTS … MAX_POINTS."""

    title: float = _points(30)
    min_title: float = _points(22, "min-title")
    body: float = _points(24)
    min_body: float = _points(18, "min-body")
    max_body: float = _points(28, "max-body")
    """Body text of a short slide (points, terms, questions) grows up to this size; a theme
    whose `body` is larger and says no `max-body` gets `body` itself."""
    sub: float = _points(20)
    cover_title: float = _points(44, "cover-title")
    min_cover_title: float = _points(32, "min-cover-title")
    divider_title: float = _points(48, "divider-title")
    quote: float = _points(28)
    footer: float = _points(12)

    @model_validator(mode="after")
    def _minimum_below_start(self) -> Sizes:
        for start, least in (
            ("title", "min_title"),
            ("body", "min_body"),
            ("cover_title", "min_cover_title"),
        ):
            low, high = getattr(self, least), getattr(self, start)
            if low > high:
                key = start.replace("_", "-")
                raise ValueError(
                    f"min-{key} ({low:g} pt) is larger than {key} ({high:g} pt): the smallest "
                    f"size a {key} may shrink to must not exceed its start size"
                )
        if self.body > self.max_body:
            if "max_body" in self.model_fields_set:
                raise ValueError(
                    f"max-body ({self.max_body:g} pt) is smaller than body ({self.body:g} pt): "
                    "the largest size a short slide's text may grow to must be at least its "
                    "start size"
                )
            object.__setattr__(self, "max_body", self.body)  # frozen: set once, while validating
        return self


class Emphasis(_Frozen):
    """Automatic emphasis rules."""

    quoted_terms: bool = Field(True, alias="quoted-terms")


FOOTER_FIELDS = ("organiser", "date", "presenter", "place", "title")
"""The deck metadata a footer may show, written `{organiser}` and so on."""

_FOOTER_FIELD = re.compile(r"\{([^{}]*)\}")


class Footer(_Frozen):
    """Footer text (`{field}`s of deck metadata, nothing more) and slide numbers."""

    text: str = "{organiser} · {date}"
    numbers: bool = True

    @field_validator("text")
    @classmethod
    def _fields_only(cls, value: str) -> str:
        known = ", ".join(f"{{{name}}}" for name in FOOTER_FIELDS)
        if len(value) > 500:
            raise ValueError("the footer text may be at most 500 characters")
        for match in _FOOTER_FIELD.finditer(value):
            if match.group(1) not in FOOTER_FIELDS:
                raise ValueError(
                    f"{match.group()} is not a footer field; write {known} as they are, "
                    "without format specs such as :>10 or attributes"
                )
        return value


TemplateRole = Literal["cover", "agenda", "divider", "content", "image", "quote", "closing"]
"""The slide roles a template's layouts are chosen for."""


class Theme(_Frozen):
    """A whole theme file."""

    briefgen_theme: int = Field(1, alias="briefgen-theme")
    name: str
    label: str | None = None
    slide_size: Literal["16:9", "4:3"] = Field("16:9", alias="slide-size")
    """PowerPoint's widescreen (13.333 × 7.5 in) or standard (10 × 7.5 in) slides."""
    colors: Colors
    font_set: Literal["portable", "office"] = Field("portable", alias="font-set")
    fonts: Fonts
    sizes: Sizes = Sizes()
    emphasis: Emphasis = Emphasis()
    footer: Footer = Footer()
    title_bar: Literal["filled", "ruled"] = Field("filled", alias="title-bar")
    """Content slides' title bar: filled in `primary` with the title in `white` over a `gold`
    rule; or `ruled`, on the slide's white ground, the title in `ink` over a `primary` rule."""
    cover: Literal["filled", "plain"] = "filled"
    """Cover, closing and divider: filled in `primary` (the divider a `primary` panel on
    `cream`); or `plain`, on the white ground with `primary` rules, numerals and titles."""
    dividers: Literal["auto", "always", "never"] = "auto"
    """Section divider slides; an outline's own `dividers:` wins."""
    handout: Literal["gongwen", "plain"] = "gongwen"
    """The printed handout's shape: GB/T 9704-2012 official-document style, or plainer."""
    handout_fonts: HandoutFonts = Field(HandoutFonts(), alias="handout-fonts")
    template: str | None = None
    """A department's .pptx/.potx template the deck is built on (a path, relative to the
    theme file that names it; resolved when the theme is read). docs/templates.md."""
    layouts: dict[TemplateRole, str] = {}
    """Template layout names by slide role, where the automatic choice is wrong."""

    _user_colors: frozenset[str] = PrivateAttr(default=frozenset())
    _source_map: Any = PrivateAttr(default=None)

    def user_colors(self) -> frozenset[str]:
        """The colour roles a theme file outside the built-in themes sets (a template's
        colour scheme fills the others)."""
        return self._user_colors

    def diagnostic(self, path: tuple[str | int, ...], message: str) -> Diagnostic:
        """An error at `path` in the theme file that set it (FILE:LINE:COL)."""
        if self._source_map is None:
            return Diagnostic(message)
        found: Diagnostic = self._source_map.diagnostic(path, message)
        return found

    @field_validator("briefgen_theme")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != 1:
            raise ValueError(
                f"this briefgen reads theme format 1, the file says {value}: write "
                "'briefgen-theme: 1' or upgrade briefgen"
            )
        return value

    _hash: int | None = PrivateAttr(default=None)

    def __hash__(self) -> int:
        """The hash of every field, computed once: a theme keys the layout and render caches,
        and pydantic would otherwise hash the whole nested model on every lookup. Read from
        `__pydantic_private__` (a slot): `self._hash` takes pydantic's slow `__getattr__`,
        and a batch looks the theme up ~700 times per district."""
        private = self.__pydantic_private__
        found = private.get("_hash") if private is not None else None
        if found is None:
            values = (
                tuple(sorted(v.items())) if isinstance(v, dict) else v
                for v in self.__dict__.values()
            )  # `layouts:` is the one mapping
            found = self._hash = hash((type(self), tuple(values)))
        return int(found)

    def __eq__(self, other: object) -> bool:
        """Equal fields (the cached hash, a private attribute, does not count)."""
        if self is other:
            return True
        return type(other) is type(self) and self.__dict__ == other.__dict__

    def face(self, role: str) -> Face:
        """The face of a font role (`sans`, `serif`, `quote`) in the chosen font set."""
        fonts: FontSet = getattr(self.fonts, self.font_set)
        face: Face = getattr(fonts, role)
        return face

    def handout_face(self, role: str) -> Face:
        """A handout face (`title`, `heading`, `kai`, `fang`, `numbers`) in the chosen font set."""
        faces: HandoutFaces = getattr(self.handout_fonts, self.font_set)
        face: Face = getattr(faces, role)
        return face

    def color(self, name: str) -> str:
        """A colour by theme name (`primary`, …) or literal #RRGGBB → `RRGGBB`."""
        value = name if name.startswith("#") else str(getattr(self.colors, name))
        return value.lstrip("#").upper()


def builtin_theme_dirs() -> list[Path]:
    """Where built-in themes live: the wheel's package data, then the source tree."""
    package = Path(__file__).resolve().parent.parent
    return [package / "_builtin_themes", package.parent / "themes"]


def builtin_themes() -> list[str]:
    """Names of the built-in themes."""
    names: set[str] = set()
    for folder in builtin_theme_dirs():
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def resolve_theme_path(name_or_path: str, *, relative_to: Path | None = None) -> Path:
    """A built-in theme name or a path (relative to the outline) → the theme file.

    Raises `ThemeError` naming the theme; callers that know where the name was written (an
    outline's `theme:`, a theme's `extends:`) reposition it there with `resolve_theme_at`.
    """
    candidate = Path(name_or_path)
    if _is_path(name_or_path):
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        if candidate.is_file():
            return candidate
        raise ThemeError(Diagnostic("theme file not found; check the path", file=str(candidate)))
    for folder in builtin_theme_dirs():
        path = folder / f"{name_or_path}.yaml"
        if path.is_file():
            return path
    raise ThemeError(Diagnostic(unknown_theme_message(name_or_path), file=name_or_path))


def _is_path(name_or_path: str) -> bool:
    """True if a theme is given as a file path rather than a built-in name."""
    return Path(name_or_path).suffix in {".yaml", ".yml"} or any(
        sep in name_or_path for sep in "/\\"
    )


def unknown_theme_message(name: str) -> str:
    """What to say about a theme name that is neither built in nor a file."""
    names = builtin_themes()
    known = ", ".join(names) or "none"
    guess = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
    return (
        f"there is no built-in theme {name!r}{hint}; the built-in themes are {known}, or give "
        "the path of a theme file (ending in .yaml)"
    )


def resolve_theme_at(
    source_map: SourceMap, path: DataPath, name: str, *, relative_to: Path
) -> Path:
    """`resolve_theme_path(name)`, with a failure reported where `name` is written (the
    `source_map`'s FILE:LINE:COL at `path`)."""
    try:
        return resolve_theme_path(name, relative_to=relative_to)
    except ThemeError as exc:
        [problem] = exc.diagnostics
        message = problem.message
        if _is_path(name):  # say which file was looked for
            message = (
                f"theme file not found: {problem.file}; a path here is relative to the "
                "folder of this file"
            )
        raise ThemeError(source_map.diagnostic(path, message)) from None


def load_theme(name_or_path: str | None = None, *, relative_to: Path | None = None) -> Theme:
    """Read and validate a theme by built-in name or path; the default is party-red."""
    path = resolve_theme_path(name_or_path or DEFAULT_THEME, relative_to=relative_to)
    data, source_map = _theme_data(path, chain=())
    try:
        theme = Theme.model_validate(data)
    except ValidationError as exc:
        problems = model_diagnostics(exc.errors(), data, source_map, Theme)
        raise ThemeError(tuple(in_file_order(problems))) from None
    builtin = [folder.resolve() for folder in builtin_theme_dirs()]
    owners = getattr(source_map, "_owner", None)
    own: set[str] = set()
    for key in theme.colors.model_dump():
        layer = owners(("colors", key), key=False) if owners else source_map
        if ("colors", key) in layer.values and not any(
            Path(layer.file).resolve().is_relative_to(folder) for folder in builtin
        ):
            own.add(key)
    theme._user_colors = frozenset(own)
    theme._source_map = source_map
    return theme


class _LayeredSourceMap(SourceMap):
    """The positions of a theme merged over its `extends:` parents: a value is reported in the
    file that set it (the child first), so a mistake in a parent is shown in the parent."""

    def __init__(self, layers: list[SourceMap]) -> None:
        super().__init__(layers[0].file, layers[0].values, layers[0].keys)
        self.layers = layers

    def _owner(self, path: DataPath, *, key: bool) -> SourceMap:
        probe = path
        while True:
            for layer in self.layers:
                if (key and probe == path and probe in layer.keys) or probe in layer.values:
                    return layer
            if not probe:
                return self.layers[0]
            probe = probe[:-1]

    def position(self, path: DataPath, *, key: bool = False) -> Position | None:
        """The position of `path` in the file that set it."""
        return self._owner(path, key=key).position(path, key=key)

    def diagnostic(
        self, path: DataPath, message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        """A diagnostic for `path` in the file that set it."""
        return self._owner(path, key=key).diagnostic(path, message, key=key, severity=severity)


def _theme_data(path: Path, *, chain: tuple[Path, ...]) -> tuple[dict[str, Any], SourceMap]:
    """A theme file's keys, on top of the theme it `extends:` (a name or a path beside it).

    `chain` holds the resolved paths of the files that extend this one: a file met twice is a
    loop, and a chain longer than MAX_EXTENDS is refused before it exhausts anything.
    """
    try:
        data, source_map = read_yaml(path)
    except BriefgenError as exc:
        raise ThemeError(exc.diagnostics) from None
    if not isinstance(data, dict):
        raise ThemeError(source_map.diagnostic((), "a theme file must be a mapping of keys"))
    if isinstance(data.get("template"), str) and data["template"].strip():
        data["template"] = str(path.parent / data["template"])  # relative to this file
    base = data.pop("extends", None)
    if base is None:
        return data, source_map
    if not isinstance(base, str) or not base.strip():
        raise ThemeError(
            source_map.diagnostic(
                ("extends",), "'extends' names one other theme (a name or a path)"
            )
        )
    here = (*chain, path.resolve())
    if len(here) >= MAX_EXTENDS:
        raise ThemeError(
            source_map.diagnostic(
                ("extends",),
                f"themes extend each other more than {MAX_EXTENDS} deep; extend a theme "
                "nearer the base instead",
            )
        )
    parent_path = resolve_theme_at(source_map, ("extends",), base, relative_to=path.parent)
    if parent_path.resolve() in here:
        raise ThemeError(
            source_map.diagnostic(
                ("extends",),
                f"'extends' makes a loop: {parent_path} extends this file again; a theme "
                "extends one other theme, without loops",
            )
        )
    parent, parent_map = _theme_data(parent_path, chain=here)
    layers = [source_map, *getattr(parent_map, "layers", [parent_map])]
    return _merge(parent, data), _LayeredSourceMap(layers)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` on top of `base`, mapping by mapping (a key set to a value replaces it)."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def theme_data(theme: Theme) -> dict[str, Any]:
    """The theme as plain data (for hashing inputs in incremental builds)."""
    return theme.model_dump(by_alias=True)


__all__ = [
    "DEFAULT_THEME",
    "FOOTER_FIELDS",
    "Face",
    "HandoutFaces",
    "TemplateRole",
    "Theme",
    "builtin_theme_dirs",
    "builtin_themes",
    "load_theme",
    "resolve_theme_at",
    "resolve_theme_path",
    "theme_data",
    "unknown_theme_message",
]
