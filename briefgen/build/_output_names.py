"""Output names a command does not write: `build -o deck.pdf`, `batch -o all.pptx`, `draft -o x.txt`.

Maps the `-o` a trainer typed and what the command writes (a file ending, or a folder) → nothing,
or a `BuildError` at that name which says what the command writes and, for a PDF, how to get
one. Exit 1, like every other output problem (the outline given as the output, a device): the
name is a file the trainer chose, and the message points at it as at any other file.
"""

from __future__ import annotations

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
    ending = f"ends in {output.suffix!r}" if suffix else "has no ending"
    message = f"{command} writes {' or '.join(writes)} files only, and this name {ending}"
    if suffix in _SAVE_AS:
        message += (
            "; write a .pptx and save it as this format in PowerPoint, WPS or LibreOffice "
            "(or: soffice --headless --convert-to pdf DECK.pptx)"
        )
    else:
        message += f"; give a name ending in {writes[0]}"
    raise BuildError(Diagnostic(message, file=str(output)))


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


__all__ = ["DOCUMENT_SUFFIXES", "check_file_name", "check_folder_name"]
