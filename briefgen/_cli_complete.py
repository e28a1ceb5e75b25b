"""Shell completion of option values: theme names, batch formats, and a roster's districts.

Maps `--theme`, `batch --format` and `--district`/`--only` onto the library's own lists
(`theme.builtin_themes`, `build.known_formats`, `districts.load_roster(...).names()`). Each
completer is called by typer's completion machinery (`_BRIEFGEN_COMPLETE=complete_bash` …)
with the context parsed so far; a completer never fails: a roster that cannot be read
completes nothing.
"""

from pathlib import Path

import typer

MAX_ROSTER_BYTES = 8 * 1024 * 1024
"""A roster larger than this is not read for completion (a keypress must stay quick)."""

_SEPARATORS = (",", "、", "，")


def complete_theme(incomplete: str) -> list[str]:
    """Built-in theme names starting with what was typed (a path completes as a file)."""
    from briefgen.theme import builtin_themes

    return [name for name in builtin_themes() if name.startswith(incomplete)]


def complete_formats(incomplete: str) -> list[str]:
    """`batch --format`: the next comma-separated format after those already typed."""
    from briefgen.build import known_formats

    head, last = _split_last(incomplete)
    typed = set(head.replace("，", ",").split(",")) if head else set()
    return [head + name for name in known_formats() if name.startswith(last) and name not in typed]


def complete_district(ctx: typer.Context, incomplete: str) -> list[str]:
    """`--district`: the district names of the `--roster` given before it."""
    return [name for name in _roster_names(ctx) if name.startswith(incomplete)]


def complete_districts(ctx: typer.Context, incomplete: str) -> list[str]:
    """`--only`: the next of the `--roster`'s district names after those already typed."""
    head, last = _split_last(incomplete)
    typed = {part.strip() for part in head.replace("、", ",").replace("，", ",").split(",")}
    return [
        head + name for name in _roster_names(ctx) if name.startswith(last) and name not in typed
    ]


def _split_last(incomplete: str) -> tuple[str, str]:
    """`a,b,c` → (`a,b,`, `c`): the finished names with their separator, and the one typed."""
    cut = max(incomplete.rfind(sep) for sep in _SEPARATORS) + 1
    return incomplete[:cut], incomplete[cut:]


def _roster_names(ctx: typer.Context) -> list[str]:
    """The names in the roster named by `--roster` (and `--sheet`), or none if unreadable."""
    roster = ctx.params.get("roster")
    if not isinstance(roster, Path):
        return []
    sheet = ctx.params.get("sheet")
    try:
        if not roster.is_file() or roster.stat().st_size > MAX_ROSTER_BYTES:
            return []
        from briefgen.districts import load_roster

        return load_roster(roster, sheet=sheet if isinstance(sheet, str) else None).names()
    except Exception:  # completion shows nothing rather than a traceback in the shell
        return []


__all__ = ["complete_district", "complete_districts", "complete_formats", "complete_theme"]
