"""The pager's state machine: which slide or overlay is shown, what is typed, the search.

Maps (state, key name) → the next `PagerState`, purely: no terminal, no deck, no drawing, so
every key sequence can be tested directly. `slide_texts` gives each slide's searchable text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from briefgen.layout import LaidDeck

View = Literal["slide", "toc", "help"]
Entry = Literal["", "jump", "search"]

NEXT_KEYS = frozenset({"right", "l", " ", "space", "n", "pagedown"})
PREV_KEYS = frozenset({"left", "h", "p", "pageup"})


@dataclass(frozen=True, slots=True)
class PagerState:
    """Where the pager is: slide, overlay, what is being typed, search, notes, scroll.

    `texts` holds each slide's searchable text (case-folded), so that `handle` stays pure.
    """

    total: int
    index: int = 0
    view: View = "slide"
    notes: bool = False
    entry: Entry = ""
    buffer: str = ""
    query: str = ""
    texts: tuple[str, ...] = ()
    toc_index: int = 0
    scroll: int = 0
    message: str = ""
    quit: bool = False

    @classmethod
    def for_texts(cls, texts: Sequence[str], *, index: int = 0, notes: bool = False) -> PagerState:
        """A fresh state over slides with these texts, on slide `index` (0-based)."""
        folded = tuple(t.casefold() for t in texts)
        return cls(total=len(folded), texts=folded, notes=notes).go(index)

    @property
    def number(self) -> int:
        """The current slide's 1-based number (0 for an empty deck)."""
        return self.index + 1 if self.total else 0

    def go(self, index: int, message: str = "") -> PagerState:
        """On slide `index`, clamped to the deck, scrolled to the top."""
        index = max(0, min(index, self.total - 1)) if self.total else 0
        return replace(self, index=index, toc_index=index, scroll=0, view="slide", message=message)

    def with_texts(self, texts: Sequence[str]) -> PagerState:
        """After a reload: the new slides' texts, staying on the same slide number."""
        folded = tuple(t.casefold() for t in texts)
        moved = replace(self, total=len(folded), texts=folded)
        index = max(0, min(self.index, moved.total - 1)) if moved.total else 0
        return replace(moved, index=index, toc_index=min(self.toc_index, max(0, moved.total - 1)))

    def scrolled(self, limit: int) -> PagerState:
        """The scroll offset clamped to `limit` rows (what the drawn screen allows)."""
        return replace(self, scroll=max(0, min(self.scroll, limit)))

    def handle(self, key: str) -> PagerState:
        """The state after one key (`right`, `enter`, `escape`, `backspace`, or a character)."""
        state = replace(self, message="")
        if key == "ctrl-c":
            return replace(state, quit=True)
        if state.entry:
            return state._typing(key)
        if state.view == "help":
            return replace(state, view="slide")
        if state.view == "toc":
            return state._toc(key)
        return state._slide(key)

    # -- modes ----------------------------------------------------------------------------

    def _slide(self, key: str) -> PagerState:
        if key in NEXT_KEYS:
            if self.index + 1 >= self.total:
                return replace(self, message="last slide")
            return self.go(self.index + 1)
        if key in PREV_KEYS:
            if self.index == 0:
                return replace(self, message="first slide")
            return self.go(self.index - 1)
        if key in ("g", "home"):
            return self.go(0)
        if key in ("G", "end"):
            return self.go(self.total - 1)
        if key in ("down", "j"):
            return replace(self, scroll=self.scroll + 1)
        if key in ("up", "k"):
            return replace(self, scroll=max(0, self.scroll - 1))
        if key == "o":
            return replace(self, notes=not self.notes)
        if key == "t":
            return replace(self, view="toc", toc_index=self.index)
        if key == "?":
            return replace(self, view="help")
        if key == "q":
            return replace(self, quit=True)
        if key == "/":
            return replace(self, entry="search", buffer="")
        if key.isdigit() and key.isascii():
            return replace(self, entry="jump", buffer=key)
        if key == "enter" and self.query:
            return self.search(self.query, start=self.index + 1)
        return self

    def _toc(self, key: str) -> PagerState:
        if key in ("down", "j", "right", "l", " ", "space"):
            return replace(self, toc_index=min(self.toc_index + 1, max(0, self.total - 1)))
        if key in ("up", "k", "left", "h"):
            return replace(self, toc_index=max(0, self.toc_index - 1))
        if key in ("g", "home"):
            return replace(self, toc_index=0)
        if key in ("G", "end"):
            return replace(self, toc_index=max(0, self.total - 1))
        if key == "enter":
            return self.go(self.toc_index)
        if key in ("t", "q", "escape"):
            return replace(self, view="slide")
        if key == "?":
            return replace(self, view="help")
        if key.isdigit() and key.isascii():
            return replace(self, entry="jump", buffer=key)
        return self

    def _typing(self, key: str) -> PagerState:
        if key == "escape":
            return replace(self, entry="", buffer="")
        if key == "backspace":
            if not self.buffer:
                return replace(self, entry="")
            return replace(self, buffer=self.buffer[:-1])
        if key == "enter":
            done = replace(self, entry="", buffer="")
            if self.entry == "search":
                if not self.buffer:
                    return done
                return done.search(self.buffer, start=self.index)
            if not self.buffer:
                return done
            number = int(self.buffer)
            if not 1 <= number <= self.total:
                return replace(done, message=f"no slide {number}: the deck has {self.total}")
            return done.go(number - 1)
        if self.entry == "jump":
            if key.isdigit() and key.isascii():
                return replace(self, buffer=self.buffer + key)
            # Anything else ends the number and acts as itself.
            return replace(self, entry="", buffer="").handle(key)
        if key == "space":
            key = " "
        if len(key) == 1 and key.isprintable():
            return replace(self, buffer=self.buffer + key)
        return self

    def search(self, query: str, *, start: int) -> PagerState:
        """Go to the first slide from `start` on (wrapping) whose text contains `query`."""
        needle = query.casefold()
        hits = [i for i, text in enumerate(self.texts) if needle in text]
        found = replace(self, query=query)
        if not hits:
            return replace(found, message=f"no slide contains “{query}”")
        after = [i for i in hits if i >= start]
        target = after[0] if after else hits[0]
        wrapped = "" if after else " (from the top)"
        return found.go(target, f"match {hits.index(target) + 1} of {len(hits)}{wrapped}")


def slide_texts(deck: LaidDeck | None) -> list[str]:
    """Each slide's searchable text: title and everything drawn on it."""
    if deck is None:
        return []
    return [f"{s.title}\n{s.text}" for s in deck.slides]


__all__ = ["NEXT_KEYS", "PREV_KEYS", "Entry", "PagerState", "View", "slide_texts"]
