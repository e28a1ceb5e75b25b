"""The `briefgen` typer app: its root options, and the options several commands share.

Maps the command line's common parts onto typer: the `app` every command module registers
on, `--debug`/`--version`, and the declarations of `--theme`, `--roster`, `--sheet` and
`--district` (with their completion and help panel), so each command declares them alike.
"""

from pathlib import Path
from typing import Annotated, Any

import typer

from ._cli_complete import complete_district, complete_theme
from ._cli_help import PANEL_DESIGN, PANEL_DISTRICTS, HelpGroup, examples

EXAMPLE = "briefs/wenzhou-2020-plenum.yaml"
"""The shipped example outline and roster, which every command's examples use."""
ROSTER = "briefs/wenzhou-districts.yaml"

app = typer.Typer(
    name="briefgen",
    help="Turn a YAML outline of a communiqué into a PowerPoint study deck (课件).",
    epilog=examples(
        ("Check the example outline", f"briefgen check {EXAMPLE}"),
        ("Build its deck into out/", f"briefgen build {EXAMPLE}"),
        ("Show one command's options", "briefgen batch --help"),
    ),
    cls=HelpGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # HelpGroup and HelpCommand choose Rich or plain text for help
)

state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks (for reporting bugs).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Turn a YAML outline of a communiqué into a PowerPoint study deck (课件)."""
    state["debug"] = debug


def known_theme(ctx: typer.Context, value: str | None) -> str | None:
    """`--theme` must name a built-in theme or an existing file: otherwise a usage error."""
    if value is None or ctx.resilient_parsing:  # completing a later option: no error now
        return value
    from briefgen.errors import ThemeError
    from briefgen.theme import resolve_theme_path

    try:
        resolve_theme_path(value)
    except ThemeError as exc:
        [problem] = exc.diagnostics
        where = "" if problem.file == value else f"{problem.file}: "
        raise typer.BadParameter(where + problem.message) from None
    return value


ThemeOption = Annotated[
    str | None,
    typer.Option(
        "--theme",
        metavar="NAME|FILE",
        help="Built-in theme name or theme file path.",
        callback=known_theme,
        autocompletion=complete_theme,
        rich_help_panel=PANEL_DESIGN,
    ),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE",
        help="The department's PowerPoint template (.pptx or .potx) to build on.",
        rich_help_panel=PANEL_DESIGN,
    ),
]
RosterOption = Annotated[
    Path | None,
    typer.Option(
        "--roster",
        metavar="ROSTER",
        help="District roster (.yaml, .csv, .xlsx, .xls or .ods).",
        rich_help_panel=PANEL_DISTRICTS,
    ),
]
SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help="The roster's sheet.",
        show_default="the first",
        rich_help_panel=PANEL_DISTRICTS,
    ),
]


def district_option(help: str) -> Any:
    """`--district NAME`, completed from the `--roster` typed before it."""
    return typer.Option(
        "--district",
        metavar="NAME",
        help=help,
        autocompletion=complete_district,
        rich_help_panel=PANEL_DISTRICTS,
    )


__all__ = [
    "EXAMPLE",
    "ROSTER",
    "RosterOption",
    "SheetOption",
    "TemplateOption",
    "ThemeOption",
    "app",
    "district_option",
    "known_theme",
    "state",
]
