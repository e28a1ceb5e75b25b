"""`briefgen draft`: draft an outline from the plain text of a communiqué or news report.

Maps a text file (UTF-8 ± BOM, GB18030/GBK) → a commented YAML outline that passes
`briefgen check`: sections by lead phrase, `items` slides for enumerations, a glossary of quoted
terms, and every paragraph word for word in the notes. The rules live in `rules.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import BriefgenError, Diagnostic, OutlineError
from briefgen.outline import MAX_BYTES, parse_yaml

from ._compose import compose
from ._emit import emit, is_unedited_draft, to_data
from ._read import SourceError, clean_text, key_only, match_key, read_source_text
from ._rules import Rules, RulesError, builtin_rules, load_rules, numeral_terms


class DraftError(BriefgenError):
    """The draft cannot be written where it was asked to go."""


@dataclass(frozen=True, slots=True)
class DraftResult:
    """A drafted outline: its YAML text, notes for the trainer, and what was found."""

    yaml_text: str
    notes: tuple[str, ...]
    sections: int
    slides: int
    lists: int
    terms: int
    structured: bool

    def summary(self) -> str:
        """One line: counts of sections, slides, lists and terms."""
        return (
            f"{self.sections} section(s), {self.slides} slide(s), {self.lists} list(s), "
            f"{self.terms} key term(s); review the lines marked REVIEW and TODO"
        )


@dataclass(frozen=True, slots=True)
class DraftReport:
    """What `draft_file` did: the result, and the file written (None: for standard output)."""

    result: DraftResult
    path: Path | None


def draft_outline(
    text: str, *, name: str, rules: Rules | None = None, source_name: str | None = None
) -> DraftResult:
    """Plain text → a drafted outline, checked to read back and validate before it is returned.

    `name` titles the outline when the text has no headline; `source_name` is the text file's
    name for the header comment. Raises `SourceError` for a text with nothing in it."""
    cleaned, notes = clean_text(text)
    if not cleaned.strip():
        raise SourceError(
            Diagnostic("the text is empty: there is nothing to draft", file=source_name)
        )
    composition = compose(cleaned, rules or builtin_rules(), name=name, source_name=source_name)
    notes.extend(composition.notes)
    if "{{" in cleaned:
        notes.append(
            "the text contains '{{': briefgen reads {{ name }} in an outline as a variable; "
            "check those lines"
        )
    expected = to_data(composition.outline)
    yaml_text = emit(composition.outline)
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_BYTES:
        raise SourceError(
            Diagnostic(
                f"the text drafts to an outline of {size // 1024} KiB, over the "
                f"{MAX_BYTES // 1024} KiB `briefgen check` reads; draft the text in parts "
                "(one file per part of the communiqué)",
                file=source_name,
            )
        )
    if not _reads_back(yaml_text, expected):
        yaml_text = emit(composition.outline, plain=False)
        if not _reads_back(yaml_text, expected):  # pragma: no cover - quoting is total
            raise RuntimeError("the drafted YAML does not read back as drafted")
    outline = composition.outline
    return DraftResult(
        yaml_text=yaml_text,
        notes=tuple(notes),
        sections=len(outline.sections),
        slides=sum(len(s.slides) for s in outline.sections),
        lists=composition.lists,
        terms=composition.terms,
        structured=composition.structured,
    )


def _reads_back(yaml_text: str, expected: object) -> bool:
    """True when the YAML parses to `expected` and validates as an outline."""
    from briefgen.outline import validate_outline

    try:
        data, source_map = parse_yaml(yaml_text, "<draft>")
        if data != expected:
            return False
        validate_outline(data, source_map, Path("<draft>"))
    except OutlineError:
        return False
    return True


def default_output(source: Path) -> Path:
    """Where `briefgen draft TEXT` writes without `-o`: `<stem>.yaml` in the current folder."""
    return Path(f"{source.stem or 'draft'}.yaml")


def draft_file(
    source: Path, output: Path | None = None, *, force: bool = False, rules: Path | None = None
) -> DraftReport:
    """Draft `source` and write it to `output` (default `<stem>.yaml`; `-` for stdout).

    An existing file is replaced only when it is an unedited draft, or with `force`."""
    text, notes = read_source_text(source)
    result = draft_outline(text, name=source.stem, rules=load_rules(rules), source_name=source.name)
    result = DraftResult(
        result.yaml_text,
        (*notes, *result.notes),
        result.sections,
        result.slides,
        result.lists,
        result.terms,
        result.structured,
    )
    if output is not None and str(output) == "-":
        return DraftReport(result, None)
    target = output or default_output(source)
    write_draft(target, result.yaml_text, force=force, source=source)
    return DraftReport(result, target)


def write_draft(
    target: Path, yaml_text: str, *, force: bool = False, source: Path | None = None
) -> None:
    """Write the draft atomically; refuse to replace the text itself or an edited outline.

    A failed write is a `BuildError` worded by build's `write_file`, like every other file.
    """
    from briefgen.build import write_file

    file = str(target)
    if source is not None and target.exists() and target.resolve() == source.resolve():
        raise DraftError(
            Diagnostic("this is the text being drafted; choose another name with -o", file=file)
        )
    if target.is_dir():
        raise DraftError(Diagnostic("this is a folder; give a file name with -o", file=file))
    if target.exists() and not force:
        try:
            existing = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            existing = ""
        if not is_unedited_draft(existing):
            raise DraftError(
                Diagnostic(
                    "the file already exists and is not an unedited draft (it may hold your "
                    "edits); choose another name with -o, or add --force to replace it",
                    file=file,
                )
            )
    write_file(target, yaml_text.encode("utf-8"), noun="draft")


__all__ = [
    "DraftError",
    "DraftReport",
    "DraftResult",
    "Rules",
    "RulesError",
    "SourceError",
    "builtin_rules",
    "clean_text",
    "default_output",
    "draft_file",
    "draft_outline",
    "key_only",
    "load_rules",
    "match_key",
    "numeral_terms",
    "read_source_text",
    "write_draft",
]
