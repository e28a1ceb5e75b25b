"""Output formats and the one place files are written: deck → bytes → file, atomically.

Maps a format name (`pptx`) → an `Output`: its file suffix, what the file is called in
messages, and the renderer (in `render/`) that turns a `RenderInput` into bytes. `build` and
`batch` both write through `write_outputs`, and `write_file` is the only code that words
"cannot write …". Adding a format (docx, md, pdf) is one entry in `OUTPUTS`, plus its name in
`FORMATS` if `build` and `batch` should write it by default.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from briefgen._record import record
from briefgen.errors import BuildError, Diagnostic
from briefgen.results import OutputFile

from ._atomic import MAX_NAME_BYTES, atomic_write_bytes
from ._manifest import sha256_bytes

if TYPE_CHECKING:
    from briefgen.layout import LaidDeck
    from briefgen.plan import DeckPlan
    from briefgen.theme import Theme


@record
class RenderInput:
    """What every output is made from: the laid-out deck, its theme, and the plan it was laid
    out from (the renderer-neutral content a handout is drawn from).

    One object rather than loose arguments, so a format that needs more adds a field here
    instead of changing every renderer. `plan` is None for a deck that did not come from an
    outline (read back from a .pptx, or made by hand in a test).
    """

    deck: LaidDeck
    theme: Theme
    plan: DeckPlan | None = None
    folder: Path | None = None
    """The folder the files are written to: the Markdown handout's image links are relative to
    it (absolute paths when None)."""


class Output(Protocol):
    """One output format: `render` turns a `RenderInput` (deck, theme, plan) into the file's
    bytes."""

    @property
    def format(self) -> str:
        """The format's name, its key in `OUTPUTS` and `FORMATS` (`pptx`)."""
        ...

    @property
    def suffix(self) -> str:
        """What the file's name adds to the stem, ending in the extension (`.pptx`,
        `-handout.docx`)."""
        ...

    @property
    def noun(self) -> str:
        """What the file is called in messages (`deck`: "cannot write the deck")."""
        ...

    @property
    def opened_in(self) -> str:
        """The programs that lock such a file while it is open (`PowerPoint or WPS`)."""
        ...

    def render(self, source: RenderInput) -> bytes:
        """The file's bytes (the same bytes for the same input)."""
        ...


@record
class RendererOutput:
    """An `Output` that calls a renderer function (imported lazily, inside `renderer`)."""

    format: str
    suffix: str
    noun: str
    opened_in: str
    renderer: Callable[[RenderInput], bytes]

    def render(self, source: RenderInput) -> bytes:
        """The renderer's bytes for `source`."""
        return self.renderer(source)


def _render_pptx(source: RenderInput) -> bytes:
    from briefgen.render import render_pptx

    from ._template import template_of

    on = template_of(source.theme)
    return render_pptx(source.deck, source.theme, on.roles if on else None)


def _plan(source: RenderInput, noun: str) -> DeckPlan:
    """The deck plan a handout is drawn from; a deck without one cannot have a handout."""
    if source.plan is None:
        raise BuildError(
            Diagnostic(f"a {noun} is made from an outline; this deck was not built from one")
        )
    return source.plan


def _render_docx(source: RenderInput) -> bytes:
    from briefgen.render import render_docx

    return render_docx(_plan(source, "handout"), source.theme)


def _render_md(source: RenderInput) -> bytes:
    from briefgen.render import render_markdown

    plan = _plan(source, "Markdown handout")
    folder = source.folder.absolute() if source.folder is not None else None
    return render_markdown(plan, relative_to=folder).encode("utf-8")


OUTPUTS: dict[str, Output] = {
    "pptx": RendererOutput("pptx", ".pptx", "deck", "PowerPoint or WPS", _render_pptx),
    "docx": RendererOutput("docx", "-handout.docx", "handout", "Word or WPS", _render_docx),
    "md": RendererOutput("md", "-handout.md", "Markdown handout", "an editor", _render_md),
}
"""Every output format by name."""

FORMATS: tuple[str, ...] = ("pptx",)
"""The formats `build` and `batch` write, in this order (the first is the deck itself)."""


def output_for(name: str) -> Output:
    """The output format called `name`; a `BuildError` listing the known ones otherwise."""
    try:
        return OUTPUTS[name]
    except KeyError:
        known = ", ".join(sorted(OUTPUTS))
        raise BuildError(
            Diagnostic(f"unknown output format {name!r}; briefgen writes: {known}")
        ) from None


@record
class Target:
    """One file to write: its format and its path."""

    output: Output
    path: Path


def output_targets(stem: Path, formats: Sequence[str] | None = None) -> tuple[Target, ...]:
    """The files for a stem path: `out/鹿城区` → `out/鹿城区.pptx`, `out/鹿城区-handout.docx`
    (one per format, by default those in `FORMATS`)."""
    targets = []
    for name in FORMATS if formats is None else formats:
        output = output_for(name)
        targets.append(Target(output, stem.with_name(stem.name + output.suffix)))
    return tuple(targets)


_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
"""errno values that mean no space is left (the disk, or the user's quota)."""

_LOCKED = frozenset({errno.EBUSY, errno.ETXTBSY})
"""errno values (besides a PermissionError) that mean another program holds the file."""


def cannot_write(
    exc: OSError, path: Path, noun: str, opened_in: str = "another program"
) -> BuildError:
    """The error for a file that could not be written, with what to do about it.

    Only an error that means a locked file (PermissionError, EBUSY, ETXTBSY: PowerPoint and
    WPS lock the decks they have open) gets the "is it open" hint.
    """
    message = f"cannot write the {noun}: {exc.strerror or exc}"
    blocker = _file_in_the_way(path)
    if exc.errno == errno.ENAMETOOLONG:
        size = len(os.fsencode(path.name))
        message += (
            f": the name is {size} bytes long, and with the temporary name used while writing "
            f"it exceeds the {MAX_NAME_BYTES} bytes a file system allows; shorten the name (a "
            "Chinese character takes 3 bytes)"
        )
    elif exc.errno in _FULL:
        message += ": the disk is full; free some space and run again"
    elif exc.errno == errno.EROFS:
        message += ": choose another output folder"
    elif blocker is not None:
        message = f"cannot write the {noun}: {blocker} is a file, not a folder; choose another path"
    elif isinstance(exc, PermissionError) or exc.errno in _LOCKED:
        message += f" (is it open in {opened_in}? close it and run again)"
    return BuildError(Diagnostic(message, file=str(path)))


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of `path` if it is a file (so no folder can be made)."""
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def write_file(
    path: Path, data: bytes, *, noun: str = "file", opened_in: str = "another program"
) -> None:
    """Write `data` to `path` atomically; a failure raises `BuildError` and leaves the old file.

    `noun` and `opened_in` word the message: "cannot write the deck: … (is it open in
    PowerPoint or WPS? …)".
    """
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise cannot_write(exc, path, noun, opened_in) from None


def write_outputs(source: RenderInput, targets: Sequence[Target]) -> tuple[OutputFile, ...]:
    """Render and write every target; each file's name and SHA-256, in the targets' order.

    Every format is rendered before any file is written, so a renderer's error leaves all the
    old files as they were.
    """
    rendered = [(target, target.output.render(source)) for target in targets]
    written = []
    for target, data in rendered:
        write_file(target.path, data, noun=target.output.noun, opened_in=target.output.opened_in)
        written.append(OutputFile(target.path.name, sha256_bytes(data)))
    return tuple(written)


def write_pptx(deck: LaidDeck, theme: Theme, path: Path) -> Path:
    """Render `deck` as a .pptx and write it to `path` atomically; returns `path`."""
    write_outputs(RenderInput(deck, theme), (Target(OUTPUTS["pptx"], Path(path)),))
    return Path(path)


__all__ = [
    "FORMATS",
    "OUTPUTS",
    "Output",
    "RenderInput",
    "RendererOutput",
    "Target",
    "cannot_write",
    "output_for",
    "output_targets",
    "write_file",
    "write_outputs",
    "write_pptx",
]
