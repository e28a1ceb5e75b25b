"""The deck `preview` shows, reloadable for `--watch`: from an outline or a built .pptx.

Maps a source file (an outline, through the pipeline's `lay_out_outline`, or a .pptx read back)
→ `DeckSource`, which keeps the last good deck and theme, the diagnostics of a failed reload,
and the files to watch (outline, theme file, roster). The pager in `render/` sees it through
its `PagerSource` protocol and never imports the build stage.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Diagnostic

if TYPE_CHECKING:
    from briefgen.layout import LaidDeck
    from briefgen.theme import Theme

Signature = tuple[int, int, int] | None
"""(mtime in ns, size, inode) of a watched file, or None if it cannot be read."""


def _signature(path: Path) -> Signature:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class DeckSource:
    """A deck from an outline (through the pipeline) or a .pptx (read back), reloadable.

    `deck`/`theme` are the last good load; `error` holds the diagnostics of a failed reload
    (the pager shows them over the last good deck). `poll()` reloads when a watched file's
    mtime, size or inode changed: the outline, its theme file and the roster.
    """

    def __init__(
        self,
        path: Path,
        *,
        theme: str | None = None,
        roster: Path | None = None,
        district: str | None = None,
        sheet: str | None = None,
        template: Path | None = None,
    ) -> None:
        self.path = path
        self.template = template
        self.theme_option = theme
        self.roster = roster
        self.district = district
        self.sheet = sheet
        self.deck: LaidDeck | None = None
        self.theme: Theme | None = None
        self.error: tuple[Diagnostic, ...] = ()
        self.loaded_at = 0.0
        self.generation = 0
        self.watched: tuple[Path, ...] = (path,)
        self._signatures: dict[Path, Signature] = {}

    @property
    def is_pptx(self) -> bool:
        """Whether the source is an existing .pptx rather than an outline."""
        return self.path.suffix.lower() == ".pptx"

    def _load(self) -> tuple[LaidDeck, Theme, tuple[Path, ...]]:
        if self.is_pptx:
            from briefgen.readers import read_pptx
            from briefgen.theme import load_theme, resolve_theme_path

            theme = load_theme(self.theme_option)
            deck = read_pptx(self.path)
            paths = [self.path]
            if self.theme_option:
                paths.append(resolve_theme_path(self.theme_option))
            return deck, theme, tuple(paths)
        from ._pipeline import lay_out_outline

        laid = lay_out_outline(
            self.path,
            theme=self.theme_option,
            roster=self.roster,
            district=self.district,
            sheet=self.sheet,
            template=self.template,
        )
        return laid.deck, laid.theme, laid.files

    def load(self) -> tuple[LaidDeck, Theme]:
        """Load (or reload) the deck; raise `BriefgenError` if the files are invalid."""
        before = {p: _signature(p) for p in self.watched}
        deck, theme, paths = self._load()
        self.deck, self.theme, self.error = deck, theme, ()
        self.watched = paths
        # Signatures from before the load: a save during the load triggers another reload.
        self._signatures = {p: before.get(p, _signature(p)) for p in paths}
        self.loaded_at = time.time()
        self.generation += 1
        return deck, theme

    def reload(self) -> bool:
        """Reload now; on invalid input keep the last good deck and record the error."""
        before = {p: _signature(p) for p in self.watched}
        try:
            self.load()
        except BriefgenError as exc:
            self.error = exc.diagnostics
            self._signatures = before
            self.loaded_at = time.time()
            self.generation += 1
            return False
        return True

    def changed(self) -> bool:
        """Whether a watched file changed since the last load attempt."""
        return any(_signature(p) != self._signatures.get(p) for p in self.watched)

    def poll(self) -> bool:
        """Reload if a watched file changed; whether anything new is to be drawn."""
        if not self.changed():
            return False
        self.reload()
        return True


__all__ = ["DeckSource", "Signature"]
