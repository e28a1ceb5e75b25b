"""The build pipeline: load → validate → expand for a district → plan → lay out → render.

Maps an outline file (plus optional theme, roster and district) → its `DeckPlan` and
`LaidDeck`, and those → the output files (`_outputs`), written atomically. `build`, `preview`
and `batch` all lay out through here, so the terminal and the .pptx show the same slides.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen._record import record
from briefgen.errors import DataPath, Diagnostic
from briefgen.outline import LoadedOutline, load_outline
from briefgen.theme import Theme, load_theme

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefgen.districts import District
    from briefgen.layout import LaidDeck  # imported by lay_out, not by `handout`
    from briefgen.plan import DeckPlan

    Locate = Callable[[DataPath, str], Diagnostic]


@record
class BuildResult:
    """What `build` wrote: the file, its slide count and its warnings (the same as `check`'s)."""

    path: Path
    slides: int
    warnings: tuple[Diagnostic, ...]

    def summary(self) -> str:
        """One line: path, slides, warnings."""
        return f"{self.path}: {self.slides} slides, {len(self.warnings)} warning(s)"


def theme_for(
    loaded: LoadedOutline, theme: str | None = None, template: str | Path | None = None
) -> Theme:
    """The theme named on the command line, else by the outline, else the default; on the
    template `--template` names (else the outline's, else the theme's), if any."""
    from ._template import apply_template

    return apply_template(loaded, load_theme(str(theme_file(loaded, theme))), template)


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


def plan_and_lay_out(
    loaded: LoadedOutline, theme: Theme, *, district: District | None = None
) -> tuple[DeckPlan, LaidDeck]:
    """Expand (once), plan and lay out the deck for `district` (or the outline's defaults);
    the plan is kept for outputs drawn from it (handouts)."""
    from briefgen.layout import layout_deck

    from ._template import template_of

    plan, locate = plan_for(loaded, theme, district=district)
    on = template_of(theme)
    deck = layout_deck(plan, theme, locate=locate, geometry=on.geometry if on else None)
    if on is not None and on.warnings:
        deck = replace(deck, warnings=(*on.warnings, *deck.warnings))
    if district is not None and district.warnings:
        deck = replace(deck, warnings=(*district.warnings, *deck.warnings))
    return plan, deck


def lay_out(loaded: LoadedOutline, theme: Theme, *, district: District | None = None) -> LaidDeck:
    """Expand, plan and lay out the deck for `district` (or the outline's own defaults)."""
    return plan_and_lay_out(loaded, theme, district=district)[1]


def find_district(
    roster: Path | None,
    district: str | None,
    *,
    outline: LoadedOutline | None = None,
    sheet: str | None = None,
) -> District | None:
    """The named district of a roster; both options or neither must be given.

    With `outline`, the roster's columns are matched against the outline's variables.
    """
    from briefgen.errors import RosterError

    if roster is None and sheet is not None:
        raise RosterError(Diagnostic("--sheet chooses a sheet of the roster: give --roster too"))
    if roster is None and district is None:
        return None
    if roster is None or district is None:
        raise RosterError(Diagnostic("--roster and --district go together: give both or neither"))
    from briefgen.districts import load_roster

    return load_roster(roster, outline=outline, sheet=sheet).district(district)


@record
class LaidOut:
    """An outline file laid out: the plan, the deck, its theme, the district, the files read."""

    plan: DeckPlan
    deck: LaidDeck
    theme: Theme
    district: District | None
    files: tuple[Path, ...]
    """The outline, its theme file and the roster (what `preview --watch` watches)."""


def lay_out_outline(
    path: Path | str,
    *,
    theme: str | None = None,
    roster: Path | None = None,
    district: str | None = None,
    sheet: str | None = None,
    template: str | Path | None = None,
) -> LaidOut:
    """An outline file (for a roster's district, if given) → its laid-out deck and theme.

    The outline is read once: it gives the deck and says which theme file to read.
    """
    from ._template import apply_template

    path = Path(path)
    loaded = load_outline(path)
    theme_path = theme_file(loaded, theme)
    chosen = apply_template(loaded, load_theme(str(theme_path)), template)
    where = find_district(roster, district, outline=loaded, sheet=sheet)
    plan, deck = plan_and_lay_out(loaded, chosen, district=where)
    on_file = (Path(chosen.template),) if chosen.template else ()
    files = (path, theme_path, *((roster,) if roster is not None else ()), *on_file)
    return LaidOut(plan, deck, chosen, where, files)


def lay_out_file(
    path: Path | str,
    *,
    theme: str | None = None,
    roster: Path | None = None,
    district: str | None = None,
    sheet: str | None = None,
) -> tuple[LaidDeck, Theme]:
    """An outline file → (laid-out deck, theme)."""
    laid = lay_out_outline(path, theme=theme, roster=roster, district=district, sheet=sheet)
    return laid.deck, laid.theme


def default_stem(outline: Path, district: District | None = None) -> Path:
    """`out/<outline-stem>`, relative to the current folder; each output format adds its
    suffix (`.pptx`). A district's files go where `batch` writes them:
    `out/<outline-stem>/<district>`."""
    folder = default_out_dir(outline)
    return folder / district.file_stem if district is not None else folder


def default_out_dir(outline: Path) -> Path:
    """`out/<outline-stem>/`, relative to the current folder: where `batch` writes its decks."""
    return Path("out") / Path(outline).stem


def input_files(
    loaded: LoadedOutline, theme: str | None = None, roster: Path | None = None
) -> list[tuple[str, Path]]:
    """Every file a build reads, named for messages: outline, roster, theme and images."""
    found: list[tuple[str, Path]] = [("outline", loaded.path)]
    if roster is not None:
        found.append(("roster", Path(roster)))
    found.append(("theme", theme_file(loaded, theme)))
    if loaded.outline.template:
        found.append(("template", loaded.path.parent / loaded.outline.template))
    for section in loaded.outline.sections:
        for slide in section.slides:
            if slide.image is not None:
                found.append(("image", loaded.path.parent / slide.image.path))
    return found


def build_file(
    path: Path | str,
    out: Path | None = None,
    *,
    theme: str | None = None,
    roster: Path | None = None,
    district: str | None = None,
    format: str | None = None,
    sheet: str | None = None,
    template: str | Path | None = None,
) -> BuildResult:
    """Build one deck: lay out, render and write atomically (the old file survives a failure).

    `out` names the deck itself; without it the files go to `out/<outline>.<suffix>`, or for a
    district to `out/<outline>/<district>.<suffix>`, the files `batch` writes. `format` (or an output named .pdf)
    `pdf` writes the deck's PDF instead, converted by LibreOffice Impress.
    """
    from . import _outputs as outputs
    from ._atomic import refuse_input_as_output, writable_target
    from ._output_names import output_format
    from ._outputs import RenderInput, Target, output_for, output_targets, write_outputs

    path = Path(path)
    loaded = load_outline(path)
    reads = input_files(loaded, theme, roster)
    if template is not None:
        reads.append(("template", Path(template)))
    if out is not None:  # an input or a device named as the output is the first thing to say
        refuse_input_as_output(out, reads)
        try:
            writable_target(out)
        except OSError as exc:
            raise outputs.cannot_write(exc, out, "deck") from None
    kind = output_format(out, format, formats={".pptx": "pptx", ".pdf": "pdf"}, command="build")
    chosen = theme_for(loaded, theme, template)
    where = find_district(roster, district, outline=loaded, sheet=sheet)
    pdf = kind == "pdf"
    if out is None:
        targets = output_targets(default_stem(path, where))
    else:
        targets = (Target(output_for(outputs.FORMATS[0]), out),)
    if pdf:
        from ._pdf import convert_to_pdf, deck_faces, face_warnings, require_libreoffice

        out = out or targets[0].path.with_suffix(".pdf")
        require_libreoffice("pptx", out)  # before the work, so a missing Impress fails fast
        targets = ()
    for written in (*(t.path for t in targets), *((out,) if pdf and out else ())):
        refuse_input_as_output(written, reads)
    plan, deck = plan_and_lay_out(loaded, chosen, district=where)
    if pdf and out is not None:
        pptx = output_for("pptx").render(RenderInput(deck, chosen, plan))
        outputs.write_file(out, convert_to_pdf(pptx, "pptx", out), noun="PDF")
        warnings = (*loaded.warnings, *deck.warnings, *face_warnings(deck_faces(chosen), str(out)))
        return BuildResult(out, len(deck.slides), warnings)
    write_outputs(RenderInput(deck, chosen, plan), targets)
    return BuildResult(targets[0].path, len(deck.slides), (*loaded.warnings, *deck.warnings))


__all__ = [
    "BuildResult",
    "LaidOut",
    "build_file",
    "default_out_dir",
    "default_stem",
    "find_district",
    "input_files",
    "lay_out",
    "lay_out_file",
    "lay_out_outline",
    "plan_and_lay_out",
    "plan_for",
    "theme_file",
    "theme_for",
]
