"""District rosters: which districts get a deck, with which variables and extra slides.

Maps a roster file (YAML; CSV, .xlsx, .xls or .ods from Excel, WPS or LibreOffice) → `Roster`:
one frozen `District` per entry (its name, its variables, its extra slides, and where it stands
in the file). An entry that cannot be read becomes a `RosterFailure` so that the other
districts still get built. `docs/batch.md` documents the format key by key.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefgenError, Diagnostic, RosterError
from briefgen.outline import DataPath, Position, Slide, SourceMap, format_path, read_yaml

from ._filenames import safe_file_stem

if TYPE_CHECKING:
    from briefgen.outline import LoadedOutline

    from ._columns import OutlineNames

TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
"""Text tables read as CSV."""


@dataclass(frozen=True, slots=True)
class ExtraSlides:
    """Slides one district adds to a section of the outline (`extra[]` in the roster)."""

    section: str
    """Title of the outline section that receives the slides (as written, or as rendered)."""
    slides: tuple[Slide, ...]
    after: str | None = None
    """Title of the slide in that section to insert after; None appends at the section's end."""
    path: DataPath = ()
    """Data path of this `extra[]` item in the roster, e.g. ('districts', 3, 'extra', 0)."""


@dataclass(frozen=True, slots=True)
class District:
    """One roster entry: the district's name, its variables, extra slides and roster position."""

    name: str
    variables: dict[str, str] = field(default_factory=dict, hash=False)
    extra: tuple[ExtraSlides, ...] = ()
    file: str | None = None
    """The roster file, for messages."""
    line: int | None = None
    column: int | None = None
    path: DataPath = ()
    """Data path of the entry in the roster, e.g. ('districts', 3)."""
    entry: str = field(default="", compare=False, repr=False)
    """SHA-256 of the entry as canonical JSON: what the incremental build hashes."""
    source_map: SourceMap | None = field(default=None, compare=False, hash=False, repr=False)
    """Positions of this entry's extra slides (in the roster, or in the file `extra:` names),
    kept only for entries with extra slides (whose templates may need positioned errors);
    districts stay small for rosters of thousands."""
    sheet: str | None = None
    """The sheet of a spreadsheet roster (then `line` is the district's row); None otherwise."""
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False, hash=False, repr=False)
    """What the entry leaves out that the deck shows (an empty presenter cell, …)."""

    def location(self) -> str:
        """`ROSTER:LINE:COL` of the entry, or `ROSTER, sheet S, row N` in a spreadsheet."""
        if self.sheet is not None:
            return f"{self.file}, sheet {self.sheet}, row {self.line}"
        return Diagnostic("", file=self.file, line=self.line, column=self.column).location()

    def diagnostic(self, path: DataPath, message: str, *, severity: str = "error") -> Diagnostic:
        """A diagnostic positioned at `path` in the roster (falling back to the entry)."""
        if self.source_map is not None:
            return self.source_map.diagnostic(path, message, severity=severity)
        if self.sheet is not None:
            return Diagnostic(
                message,
                file=self.file,
                path=f"sheet {self.sheet}, row {self.line}",
                severity="warning" if severity == "warning" else "error",
            )
        return Diagnostic(
            message,
            file=self.file,
            line=self.line,
            column=self.column,
            path=format_path(path),
            severity="warning" if severity == "warning" else "error",
        )

    @property
    def file_stem(self) -> str:
        """The sanitised output file name (without `.pptx`)."""
        return safe_file_stem(self.name)


@dataclass(frozen=True, slots=True)
class RosterFailure:
    """A roster entry that cannot be built, with why."""

    index: int
    name: str | None
    diagnostics: tuple[Diagnostic, ...]
    entry: str = ""
    """SHA-256 of the entry, as for `District.entry`."""

    @property
    def label(self) -> str:
        """The district's name, or `entry N` when it has none."""
        return self.name or f"entry {self.index + 1}"


@dataclass(frozen=True, slots=True)
class Roster:
    """A whole roster file: its districts in file order, failed entries and warnings."""

    path: Path
    file: str
    districts: tuple[District, ...]
    failures: tuple[RosterFailure, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()

    def names(self) -> list[str]:
        """Every named entry, built or failed, in file order."""
        named = [(d.path[-1] if d.path else 0, d.name) for d in self.districts]
        named += [(f.index, f.name) for f in self.failures if f.name]
        return [name for _, name in sorted(named, key=lambda pair: int(pair[0]))]

    def district(self, name: str) -> District:
        """The district called `name`; RosterError (with a guess) if none or if it is broken."""
        wanted = normalise_name(name)
        for district in self.districts:
            if district.name == wanted:
                return district
        for failure in self.failures:
            if failure.name == wanted:
                raise RosterError(failure.diagnostics)
        raise RosterError(self._unknown(name))

    def select(self, names: list[str] | tuple[str, ...]) -> Roster:
        """The roster limited to `names` (for `--only`); RosterError naming any unknown name."""
        wanted = {normalise_name(n) for n in names}
        unknown = [n for n in names if normalise_name(n) not in set(self.names())]
        if unknown:
            raise RosterError(tuple(self._unknown(n) for n in unknown))
        return Roster(
            self.path,
            self.file,
            tuple(d for d in self.districts if d.name in wanted),
            tuple(f for f in self.failures if f.name in wanted),
            self.warnings,
        )

    def _unknown(self, name: str) -> Diagnostic:
        known = self.names()
        guess = difflib.get_close_matches(normalise_name(name), known, n=1, cutoff=0.3)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        listing = "、".join(known[:20]) + ("…" if len(known) > 20 else "")
        return Diagnostic(
            f"no district named {name!r} in the roster{hint}; it has: {listing}", file=self.file
        )


def normalise_name(name: str) -> str:
    """A district name as compared and shown: NFC, surrounding whitespace removed."""
    return unicodedata.normalize("NFC", name).strip()


def load_roster(
    path: Path | str, *, outline: LoadedOutline | None = None, sheet: str | None = None
) -> Roster:
    """Read a roster (.yaml/.yml, .csv/.tsv/.txt, .xlsx/.xls/.ods); RosterError if unusable.

    With `outline`, a table's columns must each be a roster field or one of the outline's
    variables (else RosterError naming the column), and empty cells the cover shows warn.
    `sheet` chooses a spreadsheet's sheet (default: the first). Problems inside one entry do
    not raise: that entry becomes a `RosterFailure`.
    """
    from ._columns import outline_names
    from ._entries import build_roster
    from ._sheet import SPREADSHEET_SUFFIXES

    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    names = outline_names(outline) if outline is not None else None
    warnings: list[Diagnostic] = []
    entry_problems: dict[int, list[Diagnostic]] = {}
    chosen_sheet: str | None = None
    try:
        if suffix in TABLE_SUFFIXES or suffix in SPREADSHEET_SUFFIXES:
            entries, source_map, entry_problems, notes, chosen_sheet = _read_table(
                path, file, names, sheet
            )
            warnings.extend(notes)
        elif suffix in {".yaml", ".yml"}:
            entries, source_map = _read_yaml_roster(path, file)
            warnings.extend(source_map.warnings)
        elif suffix in {".et", ".numbers"}:
            raise RosterError(
                Diagnostic(
                    "this spreadsheet format cannot be read: save it as .xlsx (in WPS: "
                    "File › Save As › 'Excel workbook (.xlsx)') and give briefgen that file",
                    file=file,
                )
            )
        else:
            raise RosterError(
                Diagnostic(
                    "a roster is a .yaml, .csv, .xlsx, .xls or .ods file; rename it or convert it",
                    file=file,
                )
            )
    except RosterError:
        raise
    except BriefgenError as exc:
        raise RosterError(exc.diagnostics) from None
    return build_roster(
        path, file, entries, source_map, warnings, entry_problems, names, chosen_sheet
    )


def _read_table(
    path: Path, file: str, names: OutlineNames | None, sheet: str | None
) -> tuple[list[Any], SourceMap, dict[int, list[Diagnostic]], list[Diagnostic], str | None]:
    """A CSV file or one sheet of a spreadsheet → (entries, positions, problems, notes, sheet)."""
    from ._tabular import grid_entries

    if path.suffix.lower() in TABLE_SUFFIXES:
        if sheet is not None:
            raise RosterError(
                Diagnostic(
                    "--sheet chooses a sheet of a spreadsheet; this is a CSV file", file=file
                )
            )
        from ._csv import read_csv_grid

        grid = read_csv_grid(path, file)
    else:
        from ._sheet import read_sheet_grid

        grid = read_sheet_grid(path, file, sheet)
    entries, source_map, problems = grid_entries(grid, names)
    return entries, source_map, problems, grid.notes, grid.sheet


def _read_yaml_roster(path: Path, file: str) -> tuple[list[Any], SourceMap]:
    data, source_map = read_yaml(path, display=file)
    if isinstance(data, list):
        shifted = SourceMap(file)
        shifted.values = {("districts", *p): v for p, v in source_map.values.items()}
        shifted.keys = {("districts", *p): v for p, v in source_map.keys.items()}
        shifted.values[()] = source_map.values.get((), Position(1, 1))
        shifted.warnings = source_map.warnings
        return data, shifted
    if not isinstance(data, dict):
        raise RosterError(
            source_map.diagnostic((), "a roster starts with 'districts:' and a list of entries")
        )
    unknown = [key for key in data if key != "districts"]
    if unknown:
        raise RosterError(
            tuple(
                source_map.diagnostic(
                    (key,), f"unknown key {key!r}; a roster has only 'districts:'", key=True
                )
                for key in unknown
            )
        )
    entries = data.get("districts")
    if not isinstance(entries, list):
        raise RosterError(
            source_map.diagnostic(
                ("districts",),
                "'districts:' must be a list of entries, each starting with '- name:'",
            )
        )
    return entries, source_map


__all__ = [
    "TABLE_SUFFIXES",
    "District",
    "ExtraSlides",
    "Roster",
    "RosterFailure",
    "load_roster",
    "normalise_name",
]
