"""Roster entries (plain data from YAML, CSV or a spreadsheet) → `District`s or `RosterFailure`s.

Maps each entry → a frozen `District` (name, variables, extra slides, position) or, when the
entry cannot be built, a `RosterFailure` with why; checks that no two names share a file. Extra
slides come inline (`extra:` in YAML) or from a YAML file the entry names (`extra: 鹿城区.yaml`,
relative to the roster), which is how CSV and spreadsheet rosters carry them.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefgen._record import record
from briefgen.errors import BriefgenError, Diagnostic, RosterError
from briefgen.outline import DataPath, Position, Slide, SourceMap, model_diagnostics, read_yaml

from ._columns import OutlineNames
from ._filenames import collision_key, safe_file_stem
from ._roster import District, ExtraSlides, Roster, RosterFailure, normalise_name

RESERVED = frozenset({"name", "extra"})
"""Entry keys that are not variables."""

_EXTRA_KEYS = ("section", "after", "slides")


def build_roster(
    path: Path,
    file: str,
    entries: list[Any],
    source_map: SourceMap,
    warnings: list[Diagnostic],
    entry_problems: dict[int, list[Diagnostic]],
    names: OutlineNames | None = None,
    sheet: str | None = None,
) -> Roster:
    """Every entry → a district or a failure; RosterError if two would share a file."""
    if not entries:
        raise RosterError(source_map.diagnostic(("districts",), "the roster has no districts"))
    maps = _split_source_map(source_map, len(entries))
    districts: list[District] = []
    failures: list[RosterFailure] = []
    for index, entry in enumerate(entries):
        result = _entry(
            _EntryContext(path, file, maps[index], names, sheet, warnings),
            index,
            entry,
            entry_problems.get(index, []),
        )
        if isinstance(result, District):
            districts.append(result)
        else:
            failures.append(result)
    _check_collisions(districts, failures, source_map)
    return Roster(path, file, tuple(districts), tuple(failures), tuple(warnings))


def _split_source_map(source_map: SourceMap, count: int) -> list[SourceMap]:
    """One small source map per entry, so a district carries only its own positions."""
    maps = [replace(source_map, values={}, keys={}) for _ in range(count)]
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


@record
class _EntryContext:
    """What every entry of one roster is read with: the files, positions and the outline."""

    roster: Path
    file: str
    source_map: SourceMap
    names: OutlineNames | None
    sheet: str | None
    warnings: list[Diagnostic]


def _entry(
    context: _EntryContext, index: int, entry: Any, known_problems: list[Diagnostic]
) -> District | RosterFailure:
    source_map = context.source_map
    where: DataPath = ("districts", index)
    problems: list[Diagnostic] = list(known_problems)
    extra_map = source_map
    if isinstance(entry, dict) and isinstance(entry.get("extra"), str):
        entry, extra_map = _extras_file(context, entry, (*where, "extra"), problems)
    canonical = hashlib.sha256(
        json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    if not isinstance(entry, dict):
        message = "each entry is a mapping that starts with 'name:' (e.g. '- name: 鹿城区')"
        return RosterFailure(index, None, (source_map.diagnostic(where, message),), canonical)
    raw_name = entry.get("name")
    name = normalise_name(raw_name) if isinstance(raw_name, str) else ""
    if not name:
        problems.append(
            source_map.diagnostic(where, "the entry has no 'name:'; every district needs one")
        )
    variables = _variables(context, where, entry, problems)
    notes = _empty_cover_fields(context, where, entry, name)
    extra = _extras(entry.get("extra"), (*where, "extra"), extra_map, problems)
    if problems:
        return RosterFailure(index, name or None, tuple(problems), canonical)
    position = source_map.position(where)
    return District(
        name=name,
        variables=variables,
        extra=extra,
        file=context.file,
        line=position.line if position else None,
        column=position.column if position else None,
        path=where,
        entry=canonical,
        source_map=extra_map if extra else None,
        sheet=context.sheet,
        warnings=tuple(notes),
    )


def _variables(
    context: _EntryContext, where: DataPath, entry: dict[str, Any], problems: list[Diagnostic]
) -> dict[str, str]:
    """The entry's fields other than `name` and `extra`: its variables."""
    source_map = context.source_map
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
            context.warnings.append(
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
    return variables


def _empty_cover_fields(
    context: _EntryContext, where: DataPath, entry: dict[str, Any], name: str
) -> list[Diagnostic]:
    """A warning for each field the cover shows that this entry leaves empty."""
    if context.names is None or not name:
        return []
    found = []
    for key, value in entry.items():
        if key in RESERVED or key not in context.names.cover:
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            default = context.names.cover[key]
            shown = (
                f"the cover shows the outline's default {default!r} instead"
                if default is not None
                else "the outline has no default for it either"
            )
            found.append(
                context.source_map.diagnostic(
                    (*where, key),
                    f"{key!r} is empty for district {name}: {shown}; fill it in",
                    severity="warning",
                )
            )
    return found


def _extras_file(
    context: _EntryContext, entry: dict[str, Any], where: DataPath, problems: list[Diagnostic]
) -> tuple[dict[str, Any], SourceMap]:
    """`extra: FILE.yaml` → the entry with that file's extra slides, and the file's positions.

    The file holds what a YAML roster entry's `extra:` holds (a list of `- section: …` items),
    or a mapping with `extra:`. Its name is relative to the roster's folder.
    """
    named = str(entry["extra"]).strip()
    target = context.roster.parent / named
    try:
        data, file_map = read_yaml(target, display=str(target))
    except BriefgenError as exc:
        reason = exc.diagnostics[0].message if exc.diagnostics else "unreadable"
        if not target.is_file():
            reason = (
                f"no such file {target}; the extra slides' file is named relative to the "
                "roster's folder"
            )
            problems.append(context.source_map.diagnostic(where, reason))
        else:
            problems.extend(exc.diagnostics)
        return {**entry, "extra": None}, context.source_map
    shifted = replace(file_map, values={}, keys={})
    if isinstance(data, dict) and set(data) == {"extra"}:
        data = data["extra"]
        base: DataPath = ()
    else:
        base = ("extra",)
    for table, attr in ((file_map.values, "values"), (file_map.keys, "keys")):
        getattr(shifted, attr).update({(*where[:-1], *base, *p): v for p, v in table.items()})
    shifted.values[()] = file_map.values.get((), Position(1, 1))
    return {**entry, "extra": data}, shifted


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


__all__ = ["RESERVED", "build_roster"]
