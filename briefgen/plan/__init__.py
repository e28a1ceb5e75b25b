"""Stage 4: plan the deck — every slide and text as renderer-neutral data (`DeckPlan`)."""

from __future__ import annotations

from ._deckplan import (
    Block,
    BlockRole,
    DeckInfo,
    DeckPlan,
    PlannedImage,
    PlannedSlide,
    PlannedTable,
    PlanNotice,
    SectionRef,
    SlideKind,
    Span,
)
from ._plan import DividerRule, emphasis_spans, keeps_divider, plan_deck

__all__ = [
    "Block",
    "BlockRole",
    "DeckInfo",
    "DeckPlan",
    "DividerRule",
    "PlanNotice",
    "PlannedImage",
    "PlannedSlide",
    "PlannedTable",
    "SectionRef",
    "SlideKind",
    "Span",
    "emphasis_spans",
    "keeps_divider",
    "plan_deck",
]
