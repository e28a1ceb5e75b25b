"""The build pipeline: load → validate → expand for a district → lay out → render.

Maps an outline file (plus optional theme, roster and district) → a `LaidDeck`, and a
`LaidDeck` → a .pptx written atomically. `build`, `preview` and `batch` all go through here,
so the terminal and the .pptx always show the same slides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import DataPath, Diagnostic
from briefgen.outline import LoadedOutline, load_outline
from briefgen.theme import Theme, load_theme

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefgen.districts import District
    from briefgen.layout import LaidDeck  # imported by lay_out, not by `handout`
    from briefgen.plan import DeckPlan

    Locate = Callable[[DataPath, str], Diagnostic]


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
    from briefgen.theme import DEFAULT_THEME, resolve_theme_path

    if theme is not None:
        return resolve_theme_path(theme)
    return resolve_theme_path(loaded.outline.theme or DEFAULT_THEME, relative_to=loaded.path.parent)


def plan_for(
    loaded: LoadedOutline, theme: Theme, *, district: District | None = None
) -> tuple[DeckPlan, Locate]:
    """Expand the outline for `district` (or its own defaults) and plan the deck.

    Returns the plan and the function that positions its warnings where each slide was
    written: in the outline, or in the roster for a district's extra slides (the expanded
    outline's indexes differ from both when a district drops or gains slides).
    """
    from briefgen.districts import expand
    from briefgen.plan import plan_deck

    expansion = expand(loaded, district)

    def locate(path: DataPath, message: str) -> Diagnostic:
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

    plan = plan_deck(
        expansion.outline,
        theme,
        image_base=loaded.path.parent,
        district=district.name if district else None,
    )
    return plan, locate


def lay_out(loaded: LoadedOutline, theme: Theme, *, district: District | None = None) -> LaidDeck:
    """Expand, plan and lay out the deck for `district` (or the outline's own defaults)."""
    from briefgen.layout import layout_deck

    plan, locate = plan_for(loaded, theme, district=district)
    return layout_deck(plan, theme, locate=locate)


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
    format: str | None = None,
) -> BuildResult:
    """Build one deck: lay out, render and write atomically (the old file survives a failure).

    `format` (or an output named .pdf) `pdf` converts the deck with LibreOffice Impress.
    """
    from briefgen.render import render_pptx, write_pptx

    from ._handout import output_format
    from ._pdf import face_warnings, require_libreoffice, write_pdf

    path = Path(path)
    kind = output_format(out, format, formats={".pptx": "pptx", ".pdf": "pdf"})
    loaded = load_outline(path)
    chosen = theme_for(loaded, theme)
    where = find_district(roster, district)
    if kind == "pdf":
        require_libreoffice("pptx", out or path.with_suffix(".pdf"))
    deck = lay_out(loaded, chosen, district=where)
    if out is None:
        stem = path.stem if where is None else f"{path.stem}-{where.file_stem}"
        out = default_output(path).with_name(f"{stem}.{kind}")
    if kind == "pdf":
        faces = [chosen.face(role) for role in ("sans", "serif", "quote")]
        names = [name for face in faces for name in (face.ea, face.latin)]
        warnings = (*deck.warnings, *face_warnings(names, str(out)))
        written = write_pdf(render_pptx(deck, chosen), "pptx", out)
        return BuildResult(written, len(deck.slides), warnings)
    written = write_pptx(deck, chosen, out)
    return BuildResult(written, len(deck.slides), deck.warnings)


__all__ = [
    "BuildResult",
    "build_file",
    "default_output",
    "find_district",
    "lay_out",
    "lay_out_file",
    "plan_for",
    "theme_file",
    "theme_for",
]
