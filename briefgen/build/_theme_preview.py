"""What `briefgen themes show NAME` previews: the theme, whether its faces are installed,
and a sample slide laid out in it.

Maps a theme name (built in, a theme file in the current folder by its name, or a path) →
`ThemePreview`: the loaded `Theme`, each face name → installed or not (fontconfig), and a
small sample deck laid out exactly as `build` lays out decks, with the slide to show.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import Diagnostic, ThemeError
from briefgen.theme import (
    Theme,
    builtin_theme_dirs,
    builtin_themes,
    load_theme,
    theme_entries,
)

if TYPE_CHECKING:
    from briefgen.layout import LaidDeck, LaidSlide

SAMPLE_OUTLINE = """\
briefgen: 1
title: 学习贯彻全会精神
organiser: 中共××区委宣传部
date: 二〇二〇年十二月
sections:
  - title: 会议概况
    slides:
      - title: 会议主题和主要议程
        points:
          - 高举习近平新时代中国特色社会主义思想伟大旗帜
          - text: 审议通过“十四五”规划建议
            sub:
              - 奋力续写好新时代温州创新史
          - 动员全市上下接续奋斗、砥砺前行
"""
"""The outline of the sample deck; its points slide is the one shown."""


@dataclass(frozen=True, slots=True)
class ThemePreview:
    """A theme with its faces' installation and a sample slide drawn in it."""

    theme: Theme
    file: Path
    builtin: bool
    """Whether `file` is a built-in theme (not a file the trainer named)."""
    installed: dict[str, bool | None]
    """Each face name of both font sets → installed (None: no fontconfig to ask)."""
    deck: LaidDeck
    slide: LaidSlide
    """The sample deck's content slide (title bar, section label, bullets, emphasis)."""


def find_theme(name: str, folder: Path) -> Path:
    """A built-in theme's name, the name (or file stem) of a theme file in `folder`, or a
    path → the theme file; an unknown name is a `ThemeError` with the closest names."""
    import difflib

    from briefgen.theme import resolve_theme_path

    files = [e for e in theme_entries(folder) if not e.builtin]
    local = {e.file.stem: e.file for e in files} | {e.name: e.file for e in files}
    if name not in builtin_themes() and name in local:
        return local[name]
    try:
        return resolve_theme_path(name, relative_to=folder)
    except ThemeError:
        if any(sep in name for sep in "/\\") or name.endswith((".yaml", ".yml")):
            raise
    known = [*builtin_themes(), *sorted({e.name for e in files} - set(builtin_themes()))]
    guess = difflib.get_close_matches(name, [*known, *local], n=1, cutoff=0.5)
    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
    raise ThemeError(
        Diagnostic(
            f"there is no theme {name!r}{hint}; the themes are {', '.join(known)} (see "
            "`briefgen themes`), or give the path of a theme file (ending in .yaml)",
            file=name,
        )
    )


def installed_faces(theme: Theme) -> dict[str, bool | None]:
    """Every face name of the theme's two font sets → whether fontconfig has it."""
    from ._pdf import missing_faces

    names = [
        name
        for fonts in (theme.fonts.portable, theme.fonts.office)
        for role in ("sans", "serif", "quote")
        for name in (getattr(fonts, role).latin, getattr(fonts, role).ea)
    ]
    if shutil.which("fc-match") is None:
        return dict.fromkeys(names)
    missing = set(missing_faces(names))
    return {name: name not in missing for name in names}


def theme_preview(name: str, folder: Path) -> ThemePreview:
    """Load the theme `name` (see `find_theme`) and lay out the sample deck in it."""
    from briefgen.layout import layout_deck
    from briefgen.outline import parse_yaml, validate_outline
    from briefgen.plan import plan_deck

    path = find_theme(name, folder)
    theme = load_theme(str(path))
    data, source_map = parse_yaml(SAMPLE_OUTLINE, "<sample>")
    loaded = validate_outline(data, source_map, Path("<sample>"))
    deck = layout_deck(plan_deck(loaded.outline, theme), theme)
    slide = next(s for s in deck.slides if s.kind == "points")
    builtin = any(path.parent == folder for folder in builtin_theme_dirs())
    return ThemePreview(theme, path, builtin, installed_faces(theme), deck, slide)


__all__ = ["SAMPLE_OUTLINE", "ThemePreview", "find_theme", "installed_faces", "theme_preview"]
