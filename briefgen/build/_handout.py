"""`briefgen handout`: an outline → the printed study handout (.docx, .md or .pdf), atomically.

Maps an outline file (plus theme, roster and district) → the deck plan (`plan_for`, the same
expansion and plan as `build`) → the handout renderer of the chosen format → one atomic
write. Bad input fails with the same positioned errors as `build`; a failed handout never
leaves a half-written file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from briefgen._record import record
from briefgen.errors import Diagnostic
from briefgen.outline import load_outline
from briefgen.theme import Theme

from ._output_names import output_format
from ._pipeline import find_district, plan_for, theme_for

HandoutFormat = Literal["docx", "md", "pdf"]

SUFFIXES: dict[str, HandoutFormat] = {
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
}
HANDOUT_ROLES = ("title", "heading", "kai", "fang", "numbers")


@record
class HandoutResult:
    """What `handout` wrote: the file, its format and the warnings."""

    path: Path
    format: HandoutFormat
    warnings: tuple[Diagnostic, ...]

    def summary(self) -> str:
        """One line: path, format, warnings."""
        return f"{self.path}: handout ({self.format}), {len(self.warnings)} warning(s)"


def write_output(path: Path, data: bytes, what: str) -> Path:
    """Write one handout output atomically through the one writer (`_outputs.write_file`)."""
    from ._outputs import write_file

    opened_in = "a PDF reader" if what == "PDF" else "Word or WPS"
    write_file(path, data, noun=what, opened_in=opened_in)
    return path


def handout_faces(theme: Theme) -> list[str]:
    """Every face name the handout's runs use (for the fontconfig check before PDF)."""
    if theme.handout == "gongwen":
        faces = [theme.handout_face(role) for role in HANDOUT_ROLES]
    else:
        faces = [theme.face(role) for role in ("sans", "serif", "quote")]
    return [name for face in faces for name in (face.ea, face.latin)]


def handout_file(
    path: Path | str,
    out: Path | None = None,
    *,
    format: str | None = None,
    theme: str | None = None,
    roster: Path | None = None,
    district: str | None = None,
    with_notes: bool = False,
) -> HandoutResult:
    """Build one handout from the deck plan and write it atomically."""
    from ._pdf import face_warnings, require_libreoffice, write_pdf

    path = Path(path)
    kind: HandoutFormat = output_format(out, format, formats=SUFFIXES, command="handout")  # type: ignore[assignment]  # one of SUFFIXES' values
    loaded = load_outline(path)
    chosen = theme_for(loaded, theme)
    where = find_district(roster, district)
    if kind == "pdf":
        require_libreoffice(
            "docx", out or path.with_suffix(".pdf")
        )  # before the work, so a missing Writer fails fast
    plan, locate = plan_for(loaded, chosen, district=where)
    warnings = [locate(notice.path, notice.message) for notice in plan.notices]
    if out is None:
        stem = path.stem if where is None else f"{path.stem}-{where.file_stem}"
        out = Path("out") / f"{stem}-handout.{kind}"
    if kind == "md":
        from briefgen.render import render_markdown

        write_output(
            out,
            render_markdown(
                plan, with_notes=with_notes, relative_to=out.parent.absolute()
            ).encode(),
            "handout",
        )
        return HandoutResult(out, kind, tuple(warnings))
    from briefgen.render import render_docx

    if kind == "docx":
        write_output(out, render_docx(plan, chosen, with_notes=with_notes), "handout")
    else:
        warnings += face_warnings(handout_faces(chosen), str(out))
        write_pdf(render_docx(plan, chosen, with_notes=with_notes), "docx", out)
    return HandoutResult(out, kind, tuple(warnings))


__all__ = [
    "HandoutFormat",
    "HandoutResult",
    "handout_faces",
    "handout_file",
    "write_output",
]
