"""The reference commands: `schema`, `themes` (and `themes show`) and `template inspect`.

Each parses its options and calls one library function (`briefgen.outline`, `briefgen.theme`,
`briefgen.build`), then prints what it returns, as JSON or a Rich view from `briefgen.render`.
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ._cli_app import ThemeOption, app, state
from ._cli_author import Format
from ._cli_complete import complete_theme
from ._cli_help import PANEL_OUTPUT, PANEL_REFERENCE, PANEL_SHOW, HelpCommand, HelpGroup, examples
from ._edge import error_edge

TEMPLATE = "模板.pptx"
"""The department's template in the examples (the tests put a fixture there)."""


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_REFERENCE,
    epilog=examples(
        ("Save the schema for your editor", "briefgen schema > outline.schema.json"),
    ),
)
def schema() -> None:
    """Print the JSON Schema of the outline format (for editor autocompletion)."""
    from briefgen.outline import outline_schema

    with error_edge(debug=state["debug"]):
        print(json.dumps(outline_schema(), ensure_ascii=False, indent=2))


themes_app = typer.Typer(
    cls=HelpGroup,
    help="List the built-in themes and the theme files in this folder; `show NAME` previews one.",
    epilog=examples(
        ("List the themes", "briefgen themes"),
        ("Preview one", "briefgen themes show gongwen"),
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)
app.add_typer(themes_app, name="themes", rich_help_panel=PANEL_REFERENCE)


@themes_app.callback()
def themes(ctx: typer.Context) -> None:
    """List the built-in themes and the theme files in this folder (name, label, file, extends)."""
    if ctx.invoked_subcommand is None:
        from briefgen.render import make_console, theme_table
        from briefgen.theme import theme_entries

        with error_edge(debug=state["debug"]):
            make_console().print(theme_table(theme_entries(Path())))


@themes_app.command(
    "show",
    cls=HelpCommand,
    epilog=examples(
        ("A theme's colours, faces and a sample slide", "briefgen themes show gov-blue"),
        ("Narrower", "briefgen themes show party-red-office --width 60"),
    ),
)
def themes_show(
    name: Annotated[
        str,
        typer.Argument(
            help="A theme name (see `briefgen themes`) or file.",
            metavar="NAME",
            autocompletion=complete_theme,
        ),
    ],
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=20,
            metavar="COLUMNS",
            help="Slide width.",
            show_default="the terminal's",
            rich_help_panel=PANEL_SHOW,
        ),
    ] = None,
) -> None:
    """Preview a theme: colour swatches, font roles (installed or not) and a sample slide."""
    from briefgen.build import theme_preview
    from briefgen.render import ThemeView, make_console

    with error_edge(debug=state["debug"]):
        shown = theme_preview(name, Path())
        source = "built-in theme" if shown.builtin else str(shown.file)
        total = len(shown.deck.slides)
        view = ThemeView(shown.theme, source, shown.installed, shown.slide, total, width=width)
        make_console(width=width).print(view)


template_app = typer.Typer(
    cls=HelpGroup,
    help="Inspect a department's PowerPoint template (.pptx or .potx) before building on it.",
    epilog=examples(
        ("What briefgen would use of a template", f"briefgen template inspect {TEMPLATE}"),
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(template_app, name="template", rich_help_panel=PANEL_REFERENCE)


@template_app.command(
    "inspect",
    cls=HelpCommand,
    epilog=examples(
        (
            "Its size, layouts and the layout of each slide role",
            f"briefgen template inspect {TEMPLATE}",
        ),
        ("As JSON", f"briefgen template inspect {TEMPLATE} --format json"),
        (
            "Write a theme that maps the roles to its layouts, to edit",
            f"briefgen template inspect {TEMPLATE} --write-map 模板主题.yaml",
        ),
    ),
)
def template_inspect(
    file: Annotated[Path, typer.Argument(help="The template (.pptx or .potx).", metavar="FILE")],
    format: Annotated[
        Format, typer.Option("--format", help="text or json.", rich_help_panel=PANEL_OUTPUT)
    ] = Format.text,
    write_map: Annotated[
        Path | None,
        typer.Option(
            "--write-map",
            metavar="THEME.yaml",
            help="Write a theme file with the template and its layouts: map, to edit.",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    theme: ThemeOption = None,
) -> None:
    """Show a template's size, masters, layouts and placeholders, and the layout each slide
    role would use and why."""
    from briefgen.build import inspect_template

    with error_edge(debug=state["debug"]):
        report = inspect_template(file, theme=theme, write_map=write_map)
    if format is Format.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        from briefgen.render import make_console, template_view

        make_console().print(template_view(report))
    if report.written is not None:
        print(
            f"{report.written}: theme with the layouts: map written; edit it, then build "
            f"with --theme {report.written}",
            file=sys.stderr,
        )


__all__ = ["schema", "template_inspect", "themes", "themes_show"]
