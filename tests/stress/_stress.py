"""The stress corpus: build every stress outline, convert all decks with one LibreOffice
call, and read each PDF page's words back.

Maps `tests/stress/*.yaml` (plus the example brief) → `StressDeck`s: the .pptx, the
`LaidDeck` it was rendered from, the build's warnings, and LibreOffice's words per page. An
outline `X.yaml` with a `X-roster.yaml` beside it is batch-built with that roster (one deck
per district). `_stress_words.py` gives each word its shape, `_stress_checks.py` checks them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from _deckfixtures import EXAMPLE

from briefgen.build import plan_for, run_batch, theme_for
from briefgen.districts import District, expand, load_roster
from briefgen.errors import DataPath, Diagnostic
from briefgen.layout import (
    LaidDeck,
    LaidSlide,
    layout_deck,
)
from briefgen.outline import Outline, load_outline
from briefgen.theme import Theme

STRESS_DIR = Path(__file__).resolve().parent
TOLERANCE_PT = 2.0
"""How far (points) a word may stand outside its shape's box: anti-aliasing, not layout."""
PDF_TOOLS = ("soffice", "pdftotext")
CONVERT_TIMEOUT_S = 1200
"""One soffice process converts every deck of the session; this bounds it."""
XHTML = "{http://www.w3.org/1999/xhtml}"
CONTINUED = "（续）"
SHORTENED = "…"

BODY_ROLES = frozenset(
    {"body", "sub", "head", "ordinal", "item-text", "quote", "attribution", "term",
     "explain", "question", "caption"}
)  # fmt: skip
"""Text roles of a content slide's body area (table cells too): never below 18 pt."""


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True, slots=True)
class Case:
    """One stress outline, with the roster it is batch-built with (if it has one)."""

    name: str
    outline: Path
    roster: Path | None = None


def cases(folder: Path = STRESS_DIR) -> list[Case]:
    """Every outline of `folder` (`X-roster.yaml` pairs with `X.yaml`), then the example."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if path.stem.endswith("-roster"):
            continue
        roster = path.with_name(f"{path.stem}-roster.yaml")
        found.append(Case(path.stem, path, roster if roster.is_file() else None))
    found.append(Case("example", EXAMPLE))
    return found


@dataclass(frozen=True, slots=True)
class Word:
    """A word LibreOffice drew, as `pdftotext -bbox-layout` reports it (points, top-left)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the word's box."""
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True, slots=True)
class Page:
    """One PDF page: its size in points and its words in reading order."""

    width: float
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class StressDeck:
    """One built deck of the corpus: where it came from, what was laid out and drawn."""

    label: str
    """The outline's name, with `/district` for a batch-built deck."""
    outline: Path
    pptx: Path
    deck: LaidDeck
    theme: Theme
    expanded: Outline
    """The outline after district expansion: every text the deck must show."""
    warnings: tuple[Diagnostic, ...]
    """What the build returned (the positioned warnings a trainer sees)."""
    slide_sites: tuple[Diagnostic, ...]
    """Per slide, where the build would position a warning about it (`locate`)."""
    pages: tuple[Page, ...] = field(default=())

    def where(self, slide: LaidSlide) -> str:
        """`outline slide N 《title》` for messages."""
        return f"{self.label} slide {slide.number} 《{slide.title[:24]}》"


def _sites(deck: LaidDeck, locate: Callable[[DataPath, str], Diagnostic]) -> tuple[Diagnostic, ...]:
    out = []
    for slide in deck.slides:
        origin: DataPath = slide.origin
        if not origin and slide.section_number is not None:
            origin = ("sections", slide.section_number - 1)
        out.append(locate(origin, "") if origin else Diagnostic("", severity="warning"))
    return tuple(out)


def _laid(
    loaded_path: Path, theme: Theme, district: District | None
) -> tuple[LaidDeck, Outline, tuple[Diagnostic, ...]]:
    loaded = load_outline(loaded_path)
    plan, locate = plan_for(loaded, theme, district=district)
    deck = layout_deck(plan, theme, locate=locate)
    return deck, expand(loaded, district).outline, _sites(deck, locate)


def build_case(case: Case, folder: Path) -> list[StressDeck]:
    """Build one outline's deck (or its roster's decks) into `folder`, and lay each out again
    for the data the checks compare against (the layout is deterministic)."""
    from briefgen.build import build_file

    loaded = load_outline(case.outline)
    theme = theme_for(loaded)
    if case.roster is None:
        pptx = folder / f"{case.name}.pptx"
        result = build_file(case.outline, pptx)
        deck, expanded, sites = _laid(case.outline, theme, None)
        return [StressDeck(case.name, case.outline, pptx, deck, theme, expanded,
                           result.warnings, sites)]  # fmt: skip
    out = folder / case.name
    batch = run_batch(case.outline, case.roster, out, jobs=1, formats="pptx")
    roster = load_roster(case.roster, outline=loaded)
    decks = []
    for district_result in batch.results:
        if district_result.status == "failed" or district_result.file is None:
            pytest.fail(f"{case.name}: district {district_result.name} failed: "
                        f"{'; '.join(map(str, district_result.errors))}")  # fmt: skip
        district = roster.district(district_result.name)
        deck, expanded, sites = _laid(case.outline, theme, district)
        warnings = (*batch.warnings, *district_result.warnings)
        decks.append(StressDeck(f"{case.name}/{district.name}", case.outline,
                                out / district_result.file, deck, theme, expanded, warnings,
                                sites))  # fmt: skip
    return decks


def require_tools() -> None:
    """Skip without soffice/poppler on a developer machine; with CI set they must exist."""
    missing = [tool for tool in PDF_TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {', '.join(missing)} are not installed")
        pytest.skip(f"{', '.join(missing)} not installed; CI runs the LibreOffice tests")


def convert_all(decks: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Every .pptx → PDF with ONE soffice call (a private profile, bounded time).

    The decks are staged under numbered names first: two batch outlines may both have a
    district called 鹿城区, and soffice names each PDF after its deck.
    """
    require_tools()
    stage, pdfs = folder / "staged", folder / "pdf"
    stage.mkdir(exist_ok=True)
    pdfs.mkdir(exist_ok=True)
    staged = {deck: stage / f"{n:03d}.pptx" for n, deck in enumerate(decks)}
    for deck, copy in staged.items():
        shutil.copyfile(deck, copy)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, staged.values())],
        check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S,
    )  # fmt: skip
    out = {deck: pdfs / f"{copy.stem}.pdf" for deck, copy in staged.items()}
    missing = [str(deck) for deck, pdf in out.items() if not pdf.is_file()]
    if missing:
        pytest.fail(f"LibreOffice wrote no PDF for {', '.join(missing)}")
    return out


def read_pages(pdf: Path) -> tuple[Page, ...]:
    """A PDF → its pages' sizes and words from `pdftotext -bbox-layout`."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    pages = []
    for page in ET.fromstring(xml).iter(XHTML + "page"):
        words = tuple(
            Word(w.text or "", *(float(w.get(k, "nan")) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(XHTML + "word")
        )
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), words))
    return tuple(pages)


def with_pages(deck: StressDeck, pdf: Path) -> StressDeck:
    """The deck with LibreOffice's words of each page."""
    return replace(deck, pages=read_pages(pdf))


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every stress outline's decks (with their PDFs' words), or why it did not build."""

    decks: dict[str, list[StressDeck]]
    failures: dict[str, str]
    tampered: StressDeck
    """A small deck whose points body was moved down in the .pptx after the build."""
    tampered_slide: int
    """The number of the slide whose body was moved."""


__all__ = [
    "BODY_ROLES",
    "CONTINUED",
    "SHORTENED",
    "STRESS_DIR",
    "TOLERANCE_PT",
    "Case",
    "Corpus",
    "Page",
    "StressDeck",
    "Word",
    "build_case",
    "cases",
    "convert_all",
    "read_pages",
    "require_tools",
    "with_pages",
]
