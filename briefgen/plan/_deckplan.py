"""The deck plan: every slide of the deck and every text on it, as renderer-neutral data.

Maps one expanded outline → `DeckPlan` (like pandoc's `documentToPresentation`): the slides
in order (cover, agenda, dividers, content, closing), each with its kind, section, source
path, notes and text blocks with their roles and emphasis. No geometry, no font sizes: the
layout turns a plan into a `LaidDeck` (continuation and item detail slides come from there),
and the handout reads the plan directly.
"""

from __future__ import annotations

from typing import Literal

from briefgen._record import record
from briefgen.errors import DataPath

SlideKind = Literal[
    "cover",
    "agenda",
    "divider",
    "points",
    "items",
    "item",
    "quote",
    "terms",
    "questions",
    "table",
    "image",
    "empty",
    "closing",
]
"""What a slide shows. `item` is a detail slide of framework items (made by layout)."""

BlockRole = Literal[
    "kicker",
    "title",
    "subtitle",
    "meta",
    "agenda-entry",
    "lead",
    "point",
    "sub",
    "item-head",
    "item-text",
    "quote",
    "attribution",
    "term",
    "explanation",
    "question",
    "caption",
    "closing",
]
"""What a planned text is; each renderer chooses how a role looks."""


@record
class Span:
    """A character range [start, end) of a text drawn with emphasis (a quoted 提法)."""

    start: int
    end: int


@record
class Block:
    """One text of a slide: its role, words, label (一是, 1., 一) and emphasised spans."""

    role: BlockRole
    text: str
    label: str | None = None
    """An ordinal or number shown before the text: item labels, question numbers, agenda numerals."""
    emphasis: tuple[Span, ...] = ()
    origin: DataPath = ()
    """Where the text was written, relative to the slide's own `origin` (for warnings)."""


@record
class PlannedTable:
    """A table's header and rows, as written."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@record
class PlannedImage:
    """A picture: its file (absolute path) and description."""

    path: str
    description: str = ""


@record
class SectionRef:
    """The section a slide belongs to: its number (1-based), title and lead."""

    number: int
    title: str
    lead: str | None = None


@record
class PlannedSlide:
    """One slide of the plan: kind, title, section, source path, notes and content."""

    kind: SlideKind
    title: str
    blocks: tuple[Block, ...] = ()
    section: SectionRef | None = None
    origin: DataPath = ()
    """Data path of the outline slide, e.g. ('sections', 2, 'slides', 0); () for framing slides."""
    notes: str = ""
    minutes: float | None = None
    table: PlannedTable | None = None
    image: PlannedImage | None = None

    def role(self, role: BlockRole) -> tuple[Block, ...]:
        """The slide's blocks of one role, in order."""
        return tuple(block for block in self.blocks if block.role == role)


@record
class PlanNotice:
    """A warning about the outline as a whole (data path, message), positioned by the caller."""

    path: DataPath
    message: str


@record
class DeckInfo:
    """Deck-level metadata: core properties, footers and the handout's title block."""

    title: str
    subtitle: str | None = None
    kicker: str | None = None
    organiser: str | None = None
    date: str | None = None
    presenter: str | None = None
    place: str | None = None
    meeting: str | None = None
    district: str | None = None


@record
class DeckPlan:
    """The whole deck as data: metadata, the slides in order and outline-level notices."""

    info: DeckInfo
    slides: tuple[PlannedSlide, ...]
    notices: tuple[PlanNotice, ...] = ()

    def __len__(self) -> int:
        return len(self.slides)


__all__ = [
    "Block",
    "BlockRole",
    "DeckInfo",
    "DeckPlan",
    "PlanNotice",
    "PlannedImage",
    "PlannedSlide",
    "PlannedTable",
    "SectionRef",
    "SlideKind",
    "Span",
]
