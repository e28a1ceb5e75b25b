"""Output names a command does not write: `build -o deck.pdf`, `batch -o all.pptx`, `draft -o x.txt`.

Maps the `-o` a trainer typed and what the command writes (a file ending, or a folder) → nothing,
or a `BuildError` at that name which says what the command writes and, for a PDF, how to get
one. Exit 1, like every other output problem (the outline given as the output, a device): the
name is a file the trainer chose, and the message points at it as at any other file.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from briefgen.errors import BuildError, Diagnostic

DOCUMENT_SUFFIXES = frozenset(
    {".pptx", ".ppt", ".pps", ".ppsx", ".odp", ".dps", ".key", ".pdf", ".png", ".jpg"}
    | {".docx", ".doc", ".wps", ".xlsx", ".xls", ".et", ".ods", ".csv", ".zip"}
    | {".yaml", ".yml", ".json", ".txt", ".md", ".html"}
)
"""Endings of files a trainer may type after `-o`; a folder for `batch` has none of them."""

_SAVE_AS = frozenset({".pdf", ".odp", ".ppt", ".dps", ".pps", ".ppsx"})
"""Formats an office program makes from a .pptx."""


def check_file_name(output: Path, writes: tuple[str, ...], command: str) -> None:
    """`BuildError` unless `output` ends in one of `writes` (a device or folder is left to the
    writer, which says what it is)."""
    suffix = output.suffix.lower()
    if suffix in writes or (output.exists() and not output.is_file()):
        return
    raise BuildError(Diagnostic(_what_it_writes(output, writes, command), file=str(output)))


def output_format(
    out: Path | None, chosen: str | None, *, formats: Mapping[str, str], command: str
) -> str:
    """The format named by `--format`, else by the output's ending (`formats` maps endings
    such as `.pptx` to formats), else the first one; a `BuildError` at the name otherwise."""
    by_suffix = formats.get(out.suffix.lower()) if out is not None else None
    if chosen is not None and by_suffix is not None and chosen != by_suffix:
        raise BuildError(
            Diagnostic(
                f"--format {chosen} does not match the output file {out}; "
                f"give the file a .{chosen} name, or leave --format out",
                file=str(out),
            )
        )
    if chosen is None and out is not None and by_suffix is None:
        reason = _what_it_writes(out, tuple(formats), command)
        raise BuildError(Diagnostic(f"cannot tell the format of {out}: {reason}", file=str(out)))
    return chosen or by_suffix or next(iter(formats.values()))


def _what_it_writes(output: Path, writes: tuple[str, ...], command: str) -> str:
    """Why `output` is no name for what `command` writes, and what to do instead."""
    suffix = output.suffix.lower()
    ending = f"ends in {output.suffix!r}" if suffix else "has no ending"
    message = f"{command} writes {' or '.join(writes)} files only, and this name {ending}"
    if suffix in _SAVE_AS:
        message += (
            "; write a .pptx and save it as this format in PowerPoint, WPS or LibreOffice "
            "(or: soffice --headless --convert-to pdf DECK.pptx)"
        )
    else:
        message += f"; give a name ending in {writes[0]}"
    return message


def check_folder_name(folder: Path, command: str) -> None:
    """`BuildError` if `folder` looks like a document's name: `batch -o` names a folder."""
    if folder.suffix.lower() in DOCUMENT_SUFFIXES and not folder.is_dir():
        raise BuildError(
            Diagnostic(
                f"{command} writes a folder with one deck per district, and this is a "
                f"{folder.suffix} file name; give a folder, e.g. -o out/decks",
                file=str(folder),
            )
        )


__all__ = ["DOCUMENT_SUFFIXES", "check_file_name", "check_folder_name", "output_format"]
