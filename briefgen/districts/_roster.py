"""District rosters: which districts get a deck, with which variables and extra slides.

Maps a roster file (YAML, or CSV saved from Excel) → `Roster`: one frozen `District` per
entry (its name, its variables, its extra slides, and where it stands in the file). An entry
that cannot be read becomes a `RosterFailure` so that the other districts still get built.
`docs/batch.md` documents the format key by key.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen.errors import BriefgenError, Diagnostic, RosterError
from briefgen.outline import (
    DataPath,
    Position,
    Slide,
    SourceMap,
    format_path,
    model_diagnostics,
    read_yaml,
)

from ._csv import read_csv_roster
from ._filenames import collision_key, safe_file_stem

RESERVED = frozenset({"name", "extra"})
"""Entry keys that are not variables."""

_EXTRA_KEYS = ("section", "after", "slides")


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
    """Positions of this entry's values, kept only for entries with extra slides (whose
    templates may need positioned errors); districts stay small for rosters of thousands."""

    def location(self) -> str:
        """`ROSTER:LINE:COL` of the entry."""
        return Diagnostic("", file=self.file, line=self.line, column=self.column).location()

    def diagnostic(self, path: DataPath, message: str, *, severity: str = "error") -> Diagnostic:
        """A diagnostic positioned at `path` in the roster (falling back to the entry)."""
        if self.source_map is not None:
            return self.source_map.diagnostic(path, message, severity=severity)
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


def load_roster(path: Path | str) -> Roster:
    """Read a roster (`.yaml`/`.yml` or `.csv`/`.tsv`); RosterError if the file is unusable.

    Problems inside one entry do not raise: that entry becomes a `RosterFailure`.
    """
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    warnings: list[Diagnostic] = []
    entry_problems: dict[int, list[Diagnostic]] = {}
    try:
        if suffix in {".csv", ".tsv", ".txt"}:
            entries, source_map, notes, entry_problems = read_csv_roster(path, file)
            warnings.extend(notes)
        elif suffix in {".yaml", ".yml"}:
            entries, source_map = _read_yaml_roster(path, file)
            warnings.extend(source_map.warnings)
        elif suffix in {".xlsx", ".xls", ".et"}:
            raise RosterError(
                Diagnostic(
                    "a spreadsheet cannot be read directly: in Excel or WPS choose "
                    "File › Save As › 'CSV UTF-8' and give briefgen the .csv file",
                    file=file,
                )
            )
        else:
            raise RosterError(
                Diagnostic("a roster is a .yaml or a .csv file; rename it or convert it", file=file)
            )
    except RosterError:
        raise
    except BriefgenError as exc:
        raise RosterError(exc.diagnostics) from None
    return _build_roster(path, file, entries, source_map, warnings, entry_problems)


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


def _build_roster(
    path: Path,
    file: str,
    entries: list[Any],
    source_map: SourceMap,
    warnings: list[Diagnostic],
    entry_problems: dict[int, list[Diagnostic]],
) -> Roster:
    if not entries:
        raise RosterError(source_map.diagnostic(("districts",), "the roster has no districts"))
    maps = _split_source_map(source_map, len(entries))
    districts: list[District] = []
    failures: list[RosterFailure] = []
    for index, entry in enumerate(entries):
        result = _entry(index, entry, maps[index], file, warnings, entry_problems.get(index, []))
        if isinstance(result, District):
            districts.append(result)
        else:
            failures.append(result)
    _check_collisions(districts, failures, source_map)
    return Roster(path, file, tuple(districts), tuple(failures), tuple(warnings))


def _split_source_map(source_map: SourceMap, count: int) -> list[SourceMap]:
    """One small source map per entry, so a district carries only its own positions."""
    maps = [SourceMap(source_map.file) for _ in range(count)]
    for table, attr in ((source_map.values, "values"), (source_map.keys, "keys")):
        for data_path, position in table.items():
            if len(data_path) >= 2 and data_path[0] == "districts":
                index = data_path[1]
                if isinstance(index, int) and 0 <= index < count:
                    getattr(maps[index], attr)[data_path] = position
    for index, sub in enumerate(maps):
        entry = source_map.position(("districts", index))
        if entry is not None:
            sub.values.setdefault((), entry)
    return maps


def _entry(
    index: int,
    entry: Any,
    source_map: SourceMap,
    file: str,
    warnings: list[Diagnostic],
    known_problems: list[Diagnostic],
) -> District | RosterFailure:
    where: DataPath = ("districts", index)
    canonical = hashlib.sha256(
        json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    if not isinstance(entry, dict):
        message = "each entry is a mapping that starts with 'name:' (e.g. '- name: 鹿城区')"
        return RosterFailure(index, None, (source_map.diagnostic(where, message),), canonical)
    raw_name = entry.get("name")
    name = normalise_name(raw_name) if isinstance(raw_name, str) else ""
    problems: list[Diagnostic] = list(known_problems)
    if not name:
        problems.append(
            source_map.diagnostic(where, "the entry has no 'name:'; every district needs one")
        )
    variables: dict[str, str] = {}
    for key, value in entry.items():
        if key in RESERVED:
            continue
        at: DataPath = (*where, key)
        if key == "district":
            problems.append(
                source_map.diagnostic(
                    at,
                    "write the district's name as 'name:'; 'district' is filled in from it",
                    key=True,
                )
            )
        elif not key.isidentifier():
            warnings.append(
                source_map.diagnostic(
                    at,
                    f"field {key!r} cannot be used as a variable (use letters, digits and _, "
                    "e.g. 'presenter' or '主讲人'); it is ignored",
                    key=True,
                    severity="warning",
                )
            )
        elif isinstance(value, dict | list):
            problems.append(
                source_map.diagnostic(
                    at, f"field {key!r} must be plain text, not a list or mapping"
                )
            )
        elif value is not None and str(value).strip():
            variables[key] = str(value)
    extra = _extras(entry.get("extra"), (*where, "extra"), source_map, problems)
    if problems:
        return RosterFailure(index, name or None, tuple(problems), canonical)
    position = source_map.position(where)
    return District(
        name=name,
        variables=variables,
        extra=extra,
        file=file,
        line=position.line if position else None,
        column=position.column if position else None,
        path=where,
        entry=canonical,
        source_map=source_map if extra else None,
    )


def _extras(
    value: Any, where: DataPath, source_map: SourceMap, problems: list[Diagnostic]
) -> tuple[ExtraSlides, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(
            source_map.diagnostic(
                where, "'extra:' is a list of '- section: …' entries, each with 'slides:'"
            )
        )
        return ()
    out: list[ExtraSlides] = []
    for i, item in enumerate(value):
        at: DataPath = (*where, i)
        if not isinstance(item, dict):
            problems.append(
                source_map.diagnostic(at, "expected a mapping with 'section:' and 'slides:'")
            )
            continue
        for key in item:
            if key not in _EXTRA_KEYS:
                guess = difflib.get_close_matches(str(key), _EXTRA_KEYS, n=1, cutoff=0.5)
                hint = (
                    f" (did you mean {guess[0]!r}?)"
                    if guess
                    else "; allowed: section, after, slides"
                )
                problems.append(
                    source_map.diagnostic((*at, key), f"unknown key {key!r}{hint}", key=True)
                )
        section = item.get("section")
        after = item.get("after")
        if not isinstance(section, str) or not section.strip():
            problems.append(
                source_map.diagnostic(
                    at, "missing 'section:': the title of the outline section to add to"
                )
            )
        if after is not None and not isinstance(after, str):
            problems.append(
                source_map.diagnostic((*at, "after"), "'after:' is a slide title (text)")
            )
        slides = _slides(item.get("slides"), (*at, "slides"), source_map, problems)
        if isinstance(section, str) and section.strip():
            out.append(
                ExtraSlides(
                    section.strip(),
                    slides,
                    after.strip() if isinstance(after, str) else None,
                    at,
                )
            )
    return tuple(out)


def _slides(
    value: Any, where: DataPath, source_map: SourceMap, problems: list[Diagnostic]
) -> tuple[Slide, ...]:
    if not isinstance(value, list) or not value:
        problems.append(
            source_map.diagnostic(
                where, "'slides:' must list at least one slide, in the outline's slide syntax"
            )
        )
        return ()
    slides: list[Slide] = []
    for k, raw in enumerate(value):
        at: DataPath = (*where, k)
        try:
            slides.append(Slide.model_validate(raw))
        except ValidationError as exc:
            problems.extend(model_diagnostics(exc.errors(), raw, source_map, Slide, base=at))
    return tuple(slides)


def _check_collisions(
    districts: list[District], failures: list[RosterFailure], source_map: SourceMap
) -> None:
    """Two entries whose decks would land in the same file: an error before anything is built."""
    seen: dict[str, tuple[str, DataPath]] = {}
    problems: list[Diagnostic] = []
    named = [(d.name, d.path) for d in districts]
    named += [(f.name, ("districts", f.index)) for f in failures if f.name]
    for name, where in sorted(named, key=lambda pair: int(pair[1][-1])):
        key = collision_key(safe_file_stem(name))
        if key in seen:
            first_name, first_where = seen[key]
            first = source_map.position(first_where)
            same = (
                "the same name"
                if first_name == name
                else "names that differ only in spacing, case or punctuation"
            )
            problems.append(
                source_map.diagnostic(
                    where,
                    f"district {name!r} and {first_name!r} (line {first.line if first else '?'}) "
                    f"are {same} and would both be written to "
                    f"{safe_file_stem(name)}.pptx; rename one",
                )
            )
        else:
            seen[key] = (name, where)
    if problems:
        raise RosterError(tuple(problems))


__all__ = [
    "RESERVED",
    "District",
    "ExtraSlides",
    "Roster",
    "RosterFailure",
    "load_roster",
    "normalise_name",
]
