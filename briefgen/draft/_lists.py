"""The drafted lists: `Item` (head and text), `Enumeration` (a list found in the text) and
`Unit` (a piece of a paragraph: a sentence or a list).

Maps an item's text after its marker → `Item` (head: the clause before the first comma), and a
list's lead-in → a slide title (实践启示我们 → 实践启示).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._rules import Rules, numeral_terms
from ._segment import balanced, first_clause, first_sentence, trim

SKIP_AFTER_MARKER = "，,：:、 　.．"
CLAUSE_START = "。！？!?；;：:，,\n "


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a drafted list: the head (clause before the first comma) and the rest."""

    head: str
    text: str | None = None


@dataclass(slots=True)
class Enumeration:
    """A list found in the text, ready to become an `items` slide."""

    kind: str  # marked | parallel | prefix | colon | suffix | count | series | lead
    rule: str
    items: list[Item]
    ordinal: str = "是"
    intro: str = ""
    context: str = ""
    before: str = ""
    title: str | None = None
    confident: bool = True
    paragraphs: list[int] = field(default_factory=list)

    def pair_title(self, rules: Rules) -> None:
        """Title the list with a numeral term of the same count (五大新坐标), nearest first."""
        if self.title is not None:
            return
        matches = [t for t in numeral_terms(self.context, rules) if t[0] == len(self.items)]
        if matches:
            self.title = matches[-1][1]


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of a paragraph in source order: a plain sentence, or a list (`enum`)."""

    text: str
    enum: Enumeration | None = None
    inline: bool = False


def item_of(body: str) -> Item:
    """Item text after its marker → head (first clause) and the rest of the first sentence."""
    body = body.lstrip(SKIP_AFTER_MARKER)
    head, delim, rest = first_clause(first_sentence(body))
    if delim in "。！？!?":
        return Item(trim(head) or trim(body) or body.strip())
    return Item(trim(head) or body.strip(), trim(rest) or None)


def usable_title(text: str, rules: Rules) -> str | None:
    """A list's lead-in as a slide title (实践启示我们 → 实践启示), or None if unfit."""
    title = trim(text)
    for suffix in rules.title_strip_suffixes:
        if title.endswith(suffix) and len(title) > len(suffix) + 1:
            title = title[: -len(suffix)]
    title = trim(title)
    if 2 <= len(title) <= 24 and balanced(title):
        return title
    return None


__all__ = ["CLAUSE_START", "Enumeration", "Item", "Unit", "item_of", "usable_title"]
