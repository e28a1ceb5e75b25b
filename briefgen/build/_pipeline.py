"""The build pipeline: load → validate → expand for a district → lay out → render.

Maps an outline file (plus optional theme, roster and district) → a `LaidDeck`, and a
`LaidDeck` → a .pptx written atomically. `build`, `preview` and `batch` all go through here,
so the terminal and the .pptx always show the same slides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import Diagnostic
from briefgen.layout import LaidDeck
from briefgen.outline import LoadedOutline, load_outline
from briefgen.theme import Theme, load_theme

if TYPE_CHECKING:
    from briefgen.districts import District


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What `build` wrote: the file, its slide count and the layout's warnings."""

    path: Path
    slides: int
    warnings: tuple[Diagnostic, ...]

    def summary(self) -> str:
        """One line: path, slides, warnings."""
        return f"{self.path}: {self.slides} slides, {len(self.warnings)} warning(s)"


def theme_for(loaded: LoadedOutline, theme: str | None = None) -> Theme:
    """The theme named on the command line, else by the outline, else the default."""
    return load_theme(str(theme_file(loaded, theme)))


def theme_file(loaded: LoadedOutline, theme: str | None = None) -> Path:
    """The theme file to read (and for `--watch`, to watch).

    A path typed on the command line is relative to the current folder; a path written in
    the outline is relative to the outline file.
    """
    from briefgen.theme import DEFAULT_THEME, resolve_theme_at, resolve_theme_path

    if theme is not None:
        return resolve_theme_path(theme)
    if loaded.outline.theme is None:
        return resolve_theme_path(DEFAULT_THEME)
    return resolve_theme_at(
        loaded.source_map, ("theme",), loaded.outline.theme, relative_to=loaded.path.parent
    )


def lay_out(loaded: LoadedOutline, theme: Theme, *, district: District | None = None) -> LaidDeck:
    """Expand the outline for `district` (or its own defaults) and lay out the deck.

    Layout warnings are positioned where the slide was written: in the outline, or in the
    roster for a district's extra slides (the expanded outline's indexes differ from both
    when a district drops or gains slides).
    """
    from briefgen.districts import expand
    from briefgen.layout import layout_deck

    expansion = expand(loaded, district)

    def locate(path: tuple[str | int, ...], message: str) -> Diagnostic:
        found = loaded.diagnostic(path, message, severity="warning")
        if len(path) >= 4 and path[0] == "sections" and path[2] == "slides":
            s, k = path[1], path[3]
            assert isinstance(s, int) and isinstance(k, int)
            origin = expansion.origins[s][k]
            inner = (*origin.path, *path[4:])
            if origin.file == loaded.file or district is None:
                found = loaded.diagnostic(inner, message, severity="warning")
            else:
                found = district.diagnostic(inner, message, severity="warning")
        if district is not None:
            return replace(found, message=f"{message} [district {district.name}]")
        return found

    return layout_deck(
        expansion.outline,
        theme,
        locate=locate,
        image_base=loaded.path.parent,
        district=district.name if district else None,
    )


def find_district(roster: Path | None, district: str | None) -> District | None:
    """The named district of a roster; both options or neither must be given."""
    from briefgen.errors import RosterError

    if roster is None and district is None:
        return None
    if roster is None or district is None:
        raise RosterError(Diagnostic("--roster and --district go together: give both or neither"))
    from briefgen.districts import load_roster

    return load_roster(roster).district(district)


def lay_out_file(
    path: Path | str,
    *,
    theme: str | None = None,
    roster: Path | None = None,
    district: str | None = None,
) -> tuple[LaidDeck, Theme]:
    """An outline file → (laid-out deck, theme)."""
    loaded = load_outline(path)
    chosen = theme_for(loaded, theme)
    return lay_out(loaded, chosen, district=find_district(roster, district)), chosen


def default_output(outline: Path) -> Path:
    """`out/<outline-stem>.pptx`, relative to the current folder."""
    return Path("out") / f"{outline.stem}.pptx"


def build_file(
    path: Path | str,
    out: Path | None = None,
    *,
    theme: str | None = None,
    roster: Path | None = None,
    district: str | None = None,
) -> BuildResult:
    """Build one deck: lay out, render and write atomically (the old file survives a failure)."""
    from briefgen.render.pptx import write_pptx

    path = Path(path)
    loaded = load_outline(path)
    chosen = theme_for(loaded, theme)
    where = find_district(roster, district)
    deck = lay_out(loaded, chosen, district=where)
    if out is None:
        out = default_output(path)
        if where is not None:
            out = out.with_name(f"{path.stem}-{where.file_stem}.pptx")
    written = write_pptx(deck, chosen, out)
    return BuildResult(written, len(deck.slides), deck.warnings)


__all__ = [
    "BuildResult",
    "build_file",
    "default_output",
    "find_district",
    "lay_out",
    "lay_out_file",
    "theme_file",
    "theme_for",
]
