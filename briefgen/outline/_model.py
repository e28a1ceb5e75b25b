"""The outline model: frozen pydantic classes that map one-to-one onto the YAML outline format.

Every later stage (expand, layout, render) sees only these objects, never raw YAML.
Field names are the YAML keys; `docs/outline-format.md` documents them key by key.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

FORMAT_VERSION = 1

MAX_MINUTES = 1440
"""Longest time budget in minutes (`minutes`, `duration`): a session lasts at most a day."""

MAX_TABLE_COLUMNS = 12
"""Widest table: at the smallest body size, twelve columns still fit two characters each
across a 16:9 slide; more cannot be read from the back of a room."""

CONTENT_KINDS: tuple[str, ...] = (
    "points",
    "items",
    "quote",
    "terms",
    "questions",
    "table",
    "image",
)


def content_conflict(slide: dict[str, Any]) -> str | None:
    """Why a raw slide mapping breaks the one-kind-of-content rule, or None."""
    kinds = [kind for kind in CONTENT_KINDS if slide.get(kind) is not None]
    if len(kinds) > 1:
        return (
            "a slide holds one kind of content, but this one has "
            + " and ".join(repr(k) for k in kinds)
            + ": split it into two slides"
        )
    if slide.get("only") is not None and slide.get("except") is not None:
        return "use either 'only' or 'except' on a slide, not both"
    return None


class _Frozen(BaseModel):
    """Base: immutable, unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _text_to_point(value: Any) -> Any:
    """Let a bare string stand for a point without sub-points."""
    if isinstance(value, str):
        return {"text": value}
    return value


def _text_to_quote(value: Any) -> Any:
    """Let a bare string stand for a quote without attribution."""
    if isinstance(value, str):
        return {"text": value}
    return value


def _text_to_image(value: Any) -> Any:
    """Let a bare string stand for an image path without caption."""
    if isinstance(value, str):
        return {"path": value}
    return value


Text = Annotated[str, Field(min_length=1)]


class Point(_Frozen):
    """A bullet (`points[]`): its text and at most one level of sub-points (`sub`)."""

    text: Text
    sub: tuple[Text, ...] = ()


class Item(_Frozen):
    """One entry of a numbered framework (`items[]`): a short `head` and optional `text`."""

    head: Text
    text: str | None = None


class Quote(_Frozen):
    """A verbatim passage of the communiqué (`quote`), with its attribution."""

    text: Text
    attribution: str | None = None


class Term(_Frozen):
    """A key term / 提法 (`terms[]`) with its explanation."""

    term: Text
    explain: str | None = None


class Table(_Frozen):
    """A table (`table`): a header row and body rows of equal width."""

    header: tuple[str, ...] = Field(min_length=1, max_length=MAX_TABLE_COLUMNS)
    rows: tuple[tuple[str, ...], ...]

    @model_validator(mode="after")
    def _rows_match_header(self) -> Table:
        for index, row in enumerate(self.rows, start=1):
            if len(row) != len(self.header):
                raise ValueError(
                    f"row {index} has {len(row)} cells but the header has {len(self.header)}"
                )
        return self


class Image(_Frozen):
    """A picture (`image`): a path relative to the outline file, with a caption."""

    path: Text
    caption: str | None = None


Ordinal = Literal["是", "要", "、", "第", "（）"]


class Slide(_Frozen):
    """A content slide (`sections[].slides[]`): title, notes, time budget and one kind of content."""

    title: Text
    notes: str | None = None
    minutes: float | None = Field(default=None, gt=0, le=MAX_MINUTES, allow_inf_nan=False)
    points: (
        tuple[
            Annotated[Point, BeforeValidator(_text_to_point, json_schema_input_type=Point | str)],
            ...,
        ]
        | None
    ) = None
    items: tuple[Item, ...] | None = Field(default=None, min_length=1)
    ordinal: Ordinal = "是"
    quote: (
        Annotated[Quote, BeforeValidator(_text_to_quote, json_schema_input_type=Quote | str)] | None
    ) = None
    terms: tuple[Term, ...] | None = Field(default=None, min_length=1)
    questions: tuple[Text, ...] | None = Field(default=None, min_length=1)
    table: Table | None = None
    image: (
        Annotated[Image, BeforeValidator(_text_to_image, json_schema_input_type=Image | str)] | None
    ) = None
    only: tuple[str, ...] | None = None
    except_: tuple[str, ...] | None = Field(default=None, alias="except")

    @model_validator(mode="after")
    def _one_kind_of_content(self) -> Slide:
        problem = content_conflict(self.model_dump(by_alias=True))
        if problem:
            raise ValueError(problem)
        return self

    @property
    def kind(self) -> str:
        """The content kind (`points`, `items`, …), or `empty` for a title-only slide."""
        for kind in CONTENT_KINDS:
            if getattr(self, kind) is not None:
                return kind
        return "empty"


class Section(_Frozen):
    """A chapter (`sections[]`): listed on the agenda, opened by a divider slide."""

    title: Text
    lead: str | None = None
    slides: tuple[Slide, ...] = ()


class Outline(_Frozen):
    """A whole outline file: format version, deck metadata, theme, variables and sections."""

    briefgen: int = Field(
        description="Format version; write `briefgen: 1`.",
        json_schema_extra={"const": FORMAT_VERSION},
    )
    title: Text
    subtitle: str | None = None
    kicker: str | None = Field(default=None, description="Small line above the cover title.")
    meeting: str | None = None
    source: str | None = None
    organiser: str | None = None
    presenter: str | None = None
    date: str | None = None
    place: str | None = None
    audience: str | None = None
    duration: float | None = Field(
        default=None,
        gt=0,
        le=MAX_MINUTES,
        allow_inf_nan=False,
        description="Session length in minutes.",
    )
    theme: str | None = None
    template: str | None = Field(
        default=None,
        description="A department's PowerPoint template (.pptx or .potx) to build on, relative "
        "to this file. Overrides the theme's. See docs/templates.md.",
    )
    closing: str | None = Field(default=None, description="The closing slide's line.")
    dividers: Literal["auto", "always", "never"] | None = Field(
        default=None,
        description="Section divider slides: `auto` (default: for sections of 3+ slides, or "
        "every section in a deck of 20+ slides), `always` or `never`. Overrides the theme.",
    )
    variables: dict[str, str] = Field(default_factory=dict)
    sections: tuple[Section, ...] = ()

    @field_validator("briefgen")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(
                f"this briefgen reads outline format {FORMAT_VERSION}, the file says {value}: "
                f"write 'briefgen: {FORMAT_VERSION}' or upgrade briefgen"
            )
        return value

    def slides(self) -> list[tuple[Section, Slide]]:
        """Every content slide with its section, in order."""
        return [(section, slide) for section in self.sections for slide in section.slides]


def outline_schema() -> dict[str, Any]:
    """The outline format's JSON Schema (draft 2020-12), generated from `Outline`."""
    result = Outline.model_json_schema(by_alias=True)
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = "briefgen outline"
    return result


__all__ = [
    "CONTENT_KINDS",
    "FORMAT_VERSION",
    "MAX_MINUTES",
    "MAX_TABLE_COLUMNS",
    "Image",
    "Item",
    "Outline",
    "Point",
    "Quote",
    "Section",
    "Slide",
    "Table",
    "Term",
    "content_conflict",
    "outline_schema",
]
