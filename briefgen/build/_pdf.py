"""PDF output: convert a written .pptx or .docx with LibreOffice headless, atomically.

Maps (document bytes, its kind) → PDF bytes, by running `soffice --headless --convert-to pdf`
in a private temporary folder with its own `-env:UserInstallation` profile and a timeout, so
conversions never share or lock a user's LibreOffice profile. Before converting, every face
the document names is checked with fontconfig (`fc-match`): a face that would fall back is a
warning naming the face and the Debian package that provides it. LibreOffice is not a
renderer of ours (it lays the page out itself), and this module runs a process and writes
files, so it lives in `build/`, not `render/`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefgen.errors import BuildError, Diagnostic

from ._handout import write_output

if TYPE_CHECKING:
    from briefgen.theme import Theme

Kind = Literal["pptx", "docx"]

TIMEOUT_SECONDS = 180.0

_COMPONENT = {
    "pptx": ("Impress", "libsdlo.so", "libreoffice-impress"),
    "docx": ("Writer", "libswlo.so", "libreoffice-writer"),
}
"""LibreOffice component per input: its name, the library that shows it is installed, and
the Debian/Ubuntu package that installs it."""

FACE_PACKAGES = {
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "AR PL UKai CN": "fonts-arphic-ukai",
    "AR PL UMing CN": "fonts-arphic-uming",
    "FandolFang": "texlive-lang-chinese",
    "FandolKai": "texlive-lang-chinese",
    "FandolSong": "texlive-lang-chinese",
    "FandolHei": "texlive-lang-chinese",
}
"""Free faces the built-in themes name → the Debian package with the font files."""

FANDOL_DIR = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
_AFTER_INSTALL = {
    "texlive-lang-chinese": (
        f", then let fontconfig see it: `mkdir -p ~/.local/share/fonts && ln -s {FANDOL_DIR} "
        "~/.local/share/fonts/fandol && fc-cache -f`"
    ),
}
"""Packages whose fonts fontconfig does not read until linked where it looks."""


def _soffice() -> Path | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return Path(found) if found else None


def require_libreoffice(kind: Kind, where: Path | str) -> Path:
    """The soffice program, or a `BuildError` naming the package and install command."""
    name, library, package = _COMPONENT[kind]
    soffice = _soffice()
    if soffice is not None:
        program = soffice.resolve().parent
        if not (program / library).exists() and (program / "soffice.bin").exists():
            soffice = None  # LibreOffice is there, but not this component
    if soffice is None:
        raise BuildError(
            Diagnostic(
                f"PDF output needs LibreOffice {name}, which is not installed; install it with "
                f"`sudo apt-get install {package}` (Debian/Ubuntu) and run again",
                file=str(where),
            )
        )
    return soffice


def missing_faces(faces: Iterable[str]) -> list[str]:
    """The faces fontconfig would replace by another (none when fc-match is not there)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return []
    missing = []
    for face in dict.fromkeys(faces):
        try:
            found = subprocess.run(
                [fc_match, "-f", "%{family}", face],
                capture_output=True, text=True, timeout=10, check=False,
            ).stdout  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return []
        if face.casefold() not in (f.strip().casefold() for f in found.split(",")):
            missing.append(face)
    return missing


def face_warnings(faces: Iterable[str], where: str) -> list[Diagnostic]:
    """A warning for each face the PDF would show in another face."""
    warnings = []
    for face in missing_faces(faces):
        package = FACE_PACKAGES.get(face)
        todo = (
            f"install it with `sudo apt-get install {package}`{_AFTER_INSTALL.get(package, '')}"
            if package
            else "install the font, or choose a theme whose faces are installed"
        )
        warnings.append(
            Diagnostic(
                f"the face {face} is not installed, so the PDF shows another face in its "
                f"place; {todo}",
                file=where,
                severity="warning",
            )
        )
    return warnings


def conversion_command(
    soffice: Path, profile: Path, outdir: Path, sources: Sequence[Path]
) -> list[str]:
    """The soffice command converting `sources` to PDFs in `outdir`, headless, with the
    private profile folder `profile` (so it never meets a LibreOffice the trainer has open)."""
    return [
        str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources),
    ]  # fmt: skip


def deck_faces(theme: Theme) -> list[str]:
    """Every face name a deck's runs use (for the fontconfig check before its PDF)."""
    faces = [theme.face(role) for role in ("sans", "serif", "quote")]
    return [name for face in faces for name in (face.ea, face.latin)]


def convert_to_pdf(data: bytes, kind: Kind, where: Path) -> bytes:
    """Convert .pptx/.docx bytes to PDF bytes with a private LibreOffice profile.

    `where` is the PDF to be written: it names the file in messages.
    """
    soffice = require_libreoffice(kind, where)
    name = where.stem or "document"
    with tempfile.TemporaryDirectory(prefix="briefgen-pdf-") as folder:
        work = Path(folder)
        source = work / f"{name}.{kind}"
        source.write_bytes(data)
        command = conversion_command(soffice, work / "profile", work / "out", [source])
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise BuildError(
                Diagnostic(
                    f"LibreOffice did not finish converting {name}.{kind} to PDF within "
                    f"{TIMEOUT_SECONDS:g} s; close other LibreOffice windows and run again",
                    file=str(where),
                )
            ) from None
        except OSError as exc:
            raise BuildError(
                Diagnostic(f"cannot run LibreOffice ({exc.strerror})", file=str(where))
            ) from None
        pdf = work / "out" / f"{name}.pdf"
        if not pdf.is_file():
            raise BuildError(
                Diagnostic(
                    f"LibreOffice made no PDF from {name}.{kind}; open the .{kind} in "
                    "LibreOffice to see why, or run again",
                    file=str(where),
                )
            )
        return pdf.read_bytes()


def write_pdf(data: bytes, kind: Kind, out: Path) -> Path:
    """Convert and write the PDF atomically (a failed conversion leaves `out` as it was)."""
    return write_output(out, convert_to_pdf(data, kind, out), "PDF")


__all__ = [
    "FACE_PACKAGES",
    "TIMEOUT_SECONDS",
    "conversion_command",
    "convert_to_pdf",
    "deck_faces",
    "face_warnings",
    "missing_faces",
    "require_libreoffice",
    "write_pdf",
]
