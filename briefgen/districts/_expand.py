"""Expand an outline for one district: fill in `{{ variables }}`, pick slides, add extra slides.

Maps (`LoadedOutline`, `District` or None) → a new frozen `Outline` in which every text is
filled in, slides limited by `only:`/`except:` are kept or dropped, and the district's extra
slides sit in their section. Variables are the outline's `variables:` overridden by the
district's roster fields; `{{ district }}` (and `{{ district.name }}`) is the district's name.
Without a district, `{{ district }}` is the `district:` default under `variables:`, slides with
`only:` are dropped and slides with `except:` kept. Slides without placeholders are reused as
they are (same objects), so caches keyed on them hit across districts.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from briefgen.errors import Diagnostic, OutlineError, RosterError
from briefgen.outline import (
    DataPath,
    LoadedOutline,
    Outline,
    Position,
    Section,
    Slide,
    SourceMap,
    format_path,
)

from ._template import DistrictValue, TemplateProblem, is_template, render

if TYPE_CHECKING:
    from ._roster import District, ExtraSlides

_TOP_TEXT = (
    "title",
    "subtitle",
    "kicker",
    "meeting",
    "source",
    "organiser",
    "presenter",
    "date",
    "place",
    "audience",
    "closing",
)
"""Outline fields that are filled in (`theme` is not: it is read before expansion)."""

_NOT_TEXT = frozenset({"only", "except", "ordinal"})
"""Slide keys whose strings are names or choices, never filled in."""

MAX_SLIDE_TEXT = 200_000
"""Most characters one slide (with its notes) may hold once its variables are filled in."""

MAX_GROWTH = 2_000_000
"""Most characters filling in variables may add to a whole outline (its file is ≤ 2 MiB)."""


def _text_size(value: Any) -> int:
    """Characters in all the strings of dumped slide data."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_size(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(_text_size(v) for v in value)
    return 0


@dataclass(frozen=True, slots=True)
class SlideOrigin:
    """Where a slide of the expanded outline was written: a file and a data path in it."""

    file: str
    path: DataPath


@dataclass(frozen=True, slots=True)
class Expansion:
    """An outline expanded for one district, with the origin of every slide (by section)."""

    outline: Outline
    district: str | None
    origins: tuple[tuple[SlideOrigin, ...], ...]
    """`origins[s][k]` is where slide k of section s came from (outline or roster)."""


@dataclass(frozen=True, slots=True)
class _Site:
    """A file whose positions diagnostics use: its source map and its path on disk."""

    source_map: SourceMap
    path: Path | None


def template_context(outline: Outline, district: District | None) -> dict[str, Any]:
    """The variables one district's templates see."""
    values: dict[str, str] = dict(outline.variables)
    if district is not None:
        values.update(district.variables)
    context: dict[str, Any] = dict(values)
    name = district.name if district is not None else values.get("district")
    if name is not None:
        context["district"] = DistrictValue(name, values)
    return context


def _norm(name: str) -> str:
    return " ".join(name.split())


def keeps(slide: Slide, district: str | None) -> bool:
    """Whether a slide belongs in this district's deck (`only:`/`except:`)."""
    if district is None:
        return slide.only is None
    name = _norm(district)
    if slide.only is not None:
        return name in {_norm(n) for n in slide.only}
    if slide.except_ is not None:
        return name not in {_norm(n) for n in slide.except_}
    return True


class _Expander:
    """One expansion: the context, where to report, and the problems found so far."""

    def __init__(self, loaded: LoadedOutline, district: District | None) -> None:
        self.loaded = loaded
        self.district = district
        self.context = template_context(loaded.outline, district)
        self.outline_site = _Site(loaded.source_map, loaded.path)
        self.roster_site = (
            _Site(district.source_map, Path(district.file) if district.file else None)
            if district is not None and district.source_map is not None
            else None
        )
        self.problems: list[Diagnostic] = []
        self.growth = 0
        """Characters filling in has added so far (bounded by `MAX_GROWTH`)."""

    def text(self, value: str, path: DataPath, site: _Site) -> str:
        """Fill in one text; on a problem, record it and return the text unchanged."""
        if not is_template(value) or self.growth > MAX_GROWTH:
            return value
        try:
            filled = render(value, self.context)
        except TemplateProblem as problem:
            self.problems.append(self._diagnostic(problem, value, path, site))
            return value
        self.growth += max(0, len(filled) - len(value))
        if self.growth > MAX_GROWTH:
            who = f" for district {self.district.name}" if self.district else ""
            self.problems.append(
                site.source_map.diagnostic(
                    path,
                    f"filling in the variables{who} makes the outline over {MAX_GROWTH:,} "
                    "characters longer; use shorter variables or fewer placeholders",
                )
            )
            return value
        return filled

    def _diagnostic(
        self, problem: TemplateProblem, value: str, path: DataPath, site: _Site
    ) -> Diagnostic:
        message = problem.message
        district = self.district
        if problem.missing is not None:
            if district is not None:
                message += f" for district {district.name} ({district.location()})"
                remedy = (
                    f"define it under 'variables:' in the outline, or give the district a "
                    f"'{problem.missing}' field in the roster"
                )
            elif problem.missing == "district":
                remedy = (
                    "build with --roster ROSTER --district NAME, or add 'district:' with a "
                    "default under 'variables:'"
                )
            else:
                remedy = "define it under 'variables:' in the outline, or build with --roster"
            message += f"; {problem.hint}{remedy}"
        elif district is not None:
            message += f" (district {district.name})"
        position = _locate(site, path, value, problem)
        return Diagnostic(
            message,
            file=site.source_map.file,
            line=position.line if position else None,
            column=position.column if position else None,
            path=format_path(path),
        )

    def tree(self, value: Any, path: DataPath, site: _Site) -> Any:
        """Fill in every text of dumped slide data (not `only`/`except`/`ordinal`)."""
        if isinstance(value, str):
            return self.text(value, path, site)
        if isinstance(value, dict):
            return {
                k: v if k in _NOT_TEXT else self.tree(v, (*path, k), site) for k, v in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.tree(v, (*path, i), site) for i, v in enumerate(value)]
        return value

    def slide(
        self, slide: Slide, dumped: dict[str, Any] | None, path: DataPath, site: _Site
    ) -> Slide:
        """The slide with its texts filled in (the same object if it has no placeholders)."""
        if dumped is None:
            return slide
        before = len(self.problems)
        data = self.tree(dumped, path, site)
        if len(self.problems) > before:
            return slide
        if _text_size(data) > MAX_SLIDE_TEXT:
            who = f" for district {self.district.name}" if self.district else ""
            self.problems.append(
                site.source_map.diagnostic(
                    path,
                    f"once its variables are filled in{who}, the slide holds over "
                    f"{MAX_SLIDE_TEXT:,} characters; shorten it or split it into several slides",
                )
            )
            return slide
        try:
            return Slide.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
                reason = str(err.get("msg", "invalid")).removeprefix("Value error, ")
                if err["type"] == "string_too_short":
                    reason = "the text is empty once the variables are filled in"
                who = f" for district {self.district.name}" if self.district else ""
                self.problems.append(site.source_map.diagnostic((*path, *loc), reason + who))
            return slide


@dataclass(frozen=True, slots=True)
class _Plan:
    """What in one outline needs filling in, worked out once and reused for every district."""

    top: tuple[str, ...]
    sections: tuple[tuple[bool, tuple[dict[str, Any] | None, ...]], ...]
    """Per section: whether its title/lead are templates, and each slide's dump or None."""


_PLANS: dict[int, tuple[LoadedOutline, _Plan]] = {}


def _plan(loaded: LoadedOutline) -> _Plan:
    cached = _PLANS.get(id(loaded))
    if cached is not None and cached[0] is loaded:
        return cached[1]
    outline = loaded.outline
    top = tuple(f for f in _TOP_TEXT if is_template(getattr(outline, f) or ""))
    sections = tuple(
        (
            is_template(section.title) or is_template(section.lead or ""),
            tuple(_slide_dump(slide) for slide in section.slides),
        )
        for section in outline.sections
    )
    plan = _Plan(top, sections)
    if len(_PLANS) >= 8:
        _PLANS.pop(next(iter(_PLANS)))
    _PLANS[id(loaded)] = (loaded, plan)
    return plan


def _slide_dump(slide: Slide) -> dict[str, Any] | None:
    """The slide as plain data if any of its texts is a template, else None."""
    data = slide.model_dump(by_alias=True, exclude_none=True)
    if any(_has_template(v) for k, v in data.items() if k not in _NOT_TEXT):
        return data
    return None


def _has_template(value: Any) -> bool:
    if isinstance(value, str):
        return is_template(value)
    if isinstance(value, dict):
        return any(_has_template(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_template(v) for v in value)
    return False


def expand(loaded: LoadedOutline, district: District | None = None) -> Expansion:
    """Expand for one district (or none); OutlineError/RosterError listing every problem."""
    run = _Expander(loaded, district)
    plan = _plan(loaded)
    outline = loaded.outline
    site = run.outline_site
    name = district.name if district is not None else None
    placement = _place_extras(run, district)
    sections: list[Section] = []
    origins: list[tuple[SlideOrigin, ...]] = []
    for s, section in enumerate(outline.sections):
        texts_templated, dumps = plan.sections[s]
        slides: list[Slide] = []
        where: list[SlideOrigin] = []
        extras = placement.get(s, [])
        for k, slide in enumerate(section.slides):
            path: DataPath = ("sections", s, "slides", k)
            if not keeps(slide, name):
                continue
            slides.append(run.slide(slide, dumps[k], path, site))
            where.append(SlideOrigin(loaded.file, path))
            for extra in extras:
                if extra.after is not None and _title_matches(extra.after, slide.title, run):
                    _add_extra(run, extra, slides, where)
        for extra in extras:
            if extra.after is None:
                _add_extra(run, extra, slides, where)
        if section.slides and not slides:
            continue
        same = len(slides) == len(section.slides) and all(
            a is b for a, b in zip(slides, section.slides, strict=True)
        )
        if texts_templated or not same:
            title = _required(run, section.title, ("sections", s, "title"))
            lead = _optional(run, section.lead, ("sections", s, "lead"))
            section = section.model_copy(
                update={"title": title, "lead": lead, "slides": tuple(slides)}
            )
        sections.append(section)
        origins.append(tuple(where))
    update: dict[str, Any] = {"sections": tuple(sections)}
    for field in plan.top:
        value = getattr(outline, field)
        update[field] = (
            _required(run, value, (field,)) if field == "title" else _optional(run, value, (field,))
        )
    update["variables"] = {k: str(v) for k, v in run.context.items()}
    if run.problems:
        raise _error(run.problems, loaded.file)
    return Expansion(outline.model_copy(update=update), name, tuple(origins))


def expand_outline(loaded: LoadedOutline, district: District | None = None) -> Outline:
    """The outline filled in for one district (see `expand`)."""
    return expand(loaded, district).outline


def _required(run: _Expander, value: str, path: DataPath) -> str:
    text = run.text(value, path, run.outline_site)
    if not text.strip():
        who = f" for district {run.district.name}" if run.district else ""
        run.problems.append(
            run.loaded.diagnostic(path, f"the text is empty once the variables are filled in{who}")
        )
        return value
    return text


def _optional(run: _Expander, value: str | None, path: DataPath) -> str | None:
    if value is None:
        return None
    text = run.text(value, path, run.outline_site)
    return text if text.strip() else None


def _title_matches(wanted: str, title: str, run: _Expander) -> bool:
    if _norm(wanted) == _norm(title):
        return True
    if not is_template(title):
        return False
    try:
        return _norm(wanted) == _norm(render(title, run.context))
    except TemplateProblem:
        return False


def _add_extra(
    run: _Expander, extra: ExtraSlides, slides: list[Slide], where: list[SlideOrigin]
) -> None:
    assert run.district is not None and run.roster_site is not None
    for k, slide in enumerate(extra.slides):
        path: DataPath = (*extra.path, "slides", k)
        slides.append(run.slide(slide, _slide_dump(slide), path, run.roster_site))
        where.append(SlideOrigin(run.roster_site.source_map.file, path))


def _place_extras(run: _Expander, district: District | None) -> dict[int, list[ExtraSlides]]:
    """Which section each extra goes to; a roster problem for an unknown section or slide."""
    placement: dict[int, list[ExtraSlides]] = {}
    if district is None or not district.extra:
        return placement
    sections = run.loaded.outline.sections
    for extra in district.extra:
        matches = [
            s
            for s, section in enumerate(sections)
            if _title_matches(extra.section, section.title, run)
        ]
        if not matches:
            names = [section.title for section in sections]
            guess = difflib.get_close_matches(extra.section, names, n=1, cutoff=0.5)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            run.problems.append(
                district.diagnostic(
                    (*extra.path, "section"),
                    f"district {district.name}: the outline {run.loaded.file} has no section "
                    f"{extra.section!r}{hint}; its sections are: {'、'.join(names)}",
                )
            )
            continue
        s = matches[0]
        if extra.after is not None:
            kept = [sl for sl in sections[s].slides if keeps(sl, district.name)]
            if not any(_title_matches(extra.after, sl.title, run) for sl in kept):
                titles = "、".join(sl.title for sl in kept)
                run.problems.append(
                    district.diagnostic(
                        (*extra.path, "after"),
                        f"district {district.name}: section {sections[s].title!r} has no slide "
                        f"{extra.after!r} for this district; its slides are: {titles}",
                    )
                )
                continue
        placement.setdefault(s, []).append(extra)
    return placement


def _error(problems: list[Diagnostic], outline_file: str) -> OutlineError | RosterError:
    unique: list[Diagnostic] = []
    seen: set[str] = set()
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            unique.append(problem)
    unique.sort(key=lambda d: (d.file != outline_file, d.file or "", d.line or 0, d.column or 0))
    if any(p.file == outline_file for p in unique):
        return OutlineError(tuple(unique))
    return RosterError(tuple(unique))


@functools.lru_cache(maxsize=8)
def _file_text(path: Path, mtime_ns: int) -> str:
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def _locate(site: _Site, path: DataPath, value: str, problem: TemplateProblem) -> Position | None:
    """The position of the offending placeholder in the file, or of the text that holds it."""
    start = site.source_map.position(path)
    if start is None or site.path is None or problem.needle is None:
        return start
    try:
        text = _file_text(site.path, site.path.stat().st_mtime_ns)
    except OSError:
        return start
    lines = text.split("\n")
    if start.line > len(lines):
        return start
    offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
    if problem.lineno and problem.lineno > 1:
        block = text[offset : offset + 1] in {"|", ">"}
        for _ in range(problem.lineno - (0 if block else 1)):
            offset = text.find("\n", offset) + 1 or offset
    window = text[offset : offset + 2 * len(value) + 400]
    found = re.search(problem.needle, window)
    if found is None:
        return start
    absolute = offset + found.start()
    line = text.count("\n", 0, absolute) + 1
    column = absolute - (text.rfind("\n", 0, absolute) + 1) + 1
    return Position(line, column)


def unknown_district_names(loaded: LoadedOutline, names: list[str]) -> list[Diagnostic]:
    """Warnings for `only:`/`except:` names that are not in the roster (likely typos)."""
    known = {_norm(n) for n in names}
    found: list[Diagnostic] = []
    for s, section in enumerate(loaded.outline.sections):
        for k, slide in enumerate(section.slides):
            for key, listed in (("only", slide.only), ("except", slide.except_)):
                for i, name in enumerate(listed or ()):
                    if _norm(name) not in known:
                        found.append(
                            loaded.diagnostic(
                                ("sections", s, "slides", k, key, i),
                                f"{name!r} is not a district in the roster",
                                severity="warning",
                            )
                        )
    return found


__all__ = [
    "Expansion",
    "SlideOrigin",
    "expand",
    "expand_outline",
    "keeps",
    "template_context",
    "unknown_district_names",
]
