"""Themes: colours, font roles and sizes, read from a YAML theme file (see docs/themes.md).

Maps `themes/NAME.yaml` (or any path) → a frozen `Theme`. Built-in themes are found in the
installed package (`briefgen/_builtin_themes`, from a wheel) or in the source tree's `themes/`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from briefgen.errors import BriefgenError, Diagnostic, ThemeError
from briefgen.outline import SourceMap, in_file_order, model_diagnostics, read_yaml

DEFAULT_THEME = "party-red"

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


class Sizes(_Frozen):
    """Font sizes in points."""

    title: float = 30
    min_title: float = Field(22, alias="min-title")
    body: float = 24
    min_body: float = Field(18, alias="min-body")
    sub: float = 20
    cover_title: float = Field(44, alias="cover-title")
    min_cover_title: float = Field(32, alias="min-cover-title")
    divider_title: float = Field(48, alias="divider-title")
    quote: float = 28
    footer: float = 12


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
    dividers: Literal["auto", "always", "never"] = "auto"
    """Section divider slides; an outline's own `dividers:` wins."""
    handout: Literal["gongwen", "plain"] = "gongwen"
    """The printed handout's shape: GB/T 9704-2012 official-document style, or plainer."""
    handout_fonts: HandoutFonts = Field(HandoutFonts(), alias="handout-fonts")

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
    """A built-in theme name or a path (relative to the outline) → the theme file."""
    candidate = Path(name_or_path)
    if candidate.suffix in {".yaml", ".yml"} or "/" in name_or_path or "\\" in name_or_path:
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        if candidate.is_file():
            return candidate
        raise ThemeError(Diagnostic(f"theme file not found: {candidate}", file=str(candidate)))
    for folder in builtin_theme_dirs():
        path = folder / f"{name_or_path}.yaml"
        if path.is_file():
            return path
    known = ", ".join(builtin_themes()) or "none"
    raise ThemeError(
        Diagnostic(f"unknown theme {name_or_path!r}; built-in themes: {known}, or give a path")
    )


def load_theme(name_or_path: str | None = None, *, relative_to: Path | None = None) -> Theme:
    """Read and validate a theme by built-in name or path; the default is party-red."""
    path = resolve_theme_path(name_or_path or DEFAULT_THEME, relative_to=relative_to)
    data, source_map = _theme_data(path, seen=())
    try:
        return Theme.model_validate(data)
    except ValidationError as exc:
        problems = model_diagnostics(exc.errors(), data, source_map, Theme)
        raise ThemeError(tuple(in_file_order(problems))) from None


def _theme_data(path: Path, *, seen: tuple[Path, ...]) -> tuple[dict[str, Any], SourceMap]:
    """A theme file's keys, on top of the theme it `extends:` (a name or a path beside it)."""
    try:
        data, source_map = read_yaml(path)
    except BriefgenError as exc:
        raise ThemeError(exc.diagnostics) from None
    if not isinstance(data, dict):
        raise ThemeError(source_map.diagnostic((), "a theme file must be a mapping of keys"))
    base = data.pop("extends", None)
    if base is None:
        return data, source_map
    if not isinstance(base, str) or path.resolve() in seen:
        raise ThemeError(
            source_map.diagnostic(("extends",), "'extends' names one other theme, without loops")
        )
    parent, _ = _theme_data(
        resolve_theme_path(base, relative_to=path.parent), seen=(*seen, path.resolve())
    )
    return _merge(parent, data), source_map


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
    "Theme",
    "builtin_theme_dirs",
    "builtin_themes",
    "load_theme",
    "resolve_theme_path",
    "theme_data",
]
