"""The commands for writing outlines: `check`, `preview` and `draft`.

Each parses its options and calls one library function (`briefgen.build`, `briefgen.draft`) or shows what it returns; errors become messages in `_edge.error_edge`.
"""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._cli_app import (
    EXAMPLE,
    ROSTER,
    RosterOption,
    SheetOption,
    TemplateOption,
    ThemeOption,
    app,
    district_option,
    state,
)
from ._cli_help import PANEL_DISTRICTS, PANEL_OUTPUT, PANEL_SHOW, PANEL_WRITE, HelpCommand, examples
from ._edge import Exit, error_edge


class Format(StrEnum):
    """Output format of `check`."""

    text = "text"
    json = "json"


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_WRITE,
    epilog=examples(
        ("Check the example outline", f"briefgen check {EXAMPLE}"),
        ("Its problems as JSON, for an editor", f"briefgen check {EXAMPLE} --format json"),
        ("With every district of a roster", f"briefgen check {EXAMPLE} --roster {ROSTER}"),
    ),
)
def check(
    outlines: Annotated[
        list[Path], typer.Argument(help="Outline files to check.", metavar="OUTLINE...")
    ],
    format: Annotated[
        Format, typer.Option("--format", help="text or json.", rich_help_panel=PANEL_OUTPUT)
    ] = Format.text,
    source: Annotated[
        Path | None,
        typer.Option(
            "--source",
            metavar="TEXT",
            help="The communiqué's text: verify quotations verbatim.",
        ),
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            metavar="ROSTER",
            help="Check every district of this roster, as batch builds it.",
            rich_help_panel=PANEL_DISTRICTS,
        ),
    ] = None,
    sheet: SheetOption = None,
) -> None:
    """Validate outlines: every error and warning with FILE:LINE:COL. Exit 1 if any error."""
    from briefgen.build import check_files

    with error_edge(debug=state["debug"]):
        results = check_files(outlines, source=source, roster=roster, sheet=sheet)
    failed = any(r.failed for r in results)
    if format is Format.json:
        payload = [r.to_json() for r in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        from ._edge import print_diagnostics

        for result in results:
            print_diagnostics(result.diagnostics)
            print(result.summary(), file=sys.stderr)
    raise Exit(1 if failed else 0)


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_WRITE,
    epilog=examples(
        ("Page through the example deck (q quits)", f"briefgen preview {EXAMPLE}"),
        ("Print slide 3 with its speaker notes", f"briefgen preview {EXAMPLE} --slide 3 --notes"),
    ),
)
def preview(
    source: Annotated[
        Path,
        typer.Argument(help="The outline (.yaml), or a built deck (.pptx).", metavar="OUTLINE"),
    ],
    all_slides: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Print every slide one after another (no pager).",
            rich_help_panel=PANEL_SHOW,
        ),
    ] = False,
    slide: Annotated[
        int | None,
        typer.Option(
            "--slide", min=1, metavar="N", help="Print only slide N.", rich_help_panel=PANEL_SHOW
        ),
    ] = None,
    notes: Annotated[
        bool,
        typer.Option(
            "--notes", help="Show the speaker notes under each slide.", rich_help_panel=PANEL_SHOW
        ),
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Pager: reload when the outline or theme file is saved.",
            rich_help_panel=PANEL_SHOW,
        ),
    ] = False,
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
    theme: ThemeOption = None,
    no_color: Annotated[
        bool,
        typer.Option(
            "--no-color",
            help="No colours (also when NO_COLOR is set).",
            rich_help_panel=PANEL_SHOW,
        ),
    ] = False,
    roster: RosterOption = None,
    district: Annotated[str | None, district_option("Show this district's deck.")] = None,
    sheet: SheetOption = None,
    template: TemplateOption = None,
) -> None:
    """Show the deck `build` writes, slide by slide, in the terminal (a pager on a TTY)."""
    from briefgen.build import DeckSource
    from briefgen.render import DeckView, make_console, run_pager

    console = make_console(no_color=no_color, width=width)
    tty = console.is_terminal and sys.stdin.isatty()
    interactive = tty and not all_slides and (slide is None or watch)
    if watch and not interactive:
        raise typer.BadParameter(
            "--watch needs the pager: run it in a terminal, without --all", param_hint="'--watch'"
        )
    deck_source = DeckSource(
        source, theme=theme, roster=roster, district=district, sheet=sheet, template=template
    )
    with error_edge(debug=state["debug"]):
        if watch:
            deck_source.reload()  # an invalid outline shows in the pager until the next save
        else:
            deck_source.load()
    deck = deck_source.deck
    total = len(deck) if deck is not None else 0
    if slide is not None and deck is not None and slide > total:
        raise typer.BadParameter(f"the deck has {total} slides", param_hint="'--slide'")
    with error_edge(debug=state["debug"]):
        if interactive:
            run_pager(
                deck_source,
                make_console(no_color=no_color, width=None),
                watch=watch,
                start=slide or 1,
                notes=notes,
                width=width,
            )
        elif deck is not None and deck_source.theme is not None:
            console.print(DeckView(deck, deck_source.theme, width=width, notes=notes, only=slide))


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_WRITE,
    epilog=examples(
        ("Draft 公报.yaml from the communiqué's text", "briefgen draft 公报.txt"),
        ("Print the draft instead", "briefgen draft 公报.txt -o -"),
    ),
)
def draft(
    text: Annotated[
        Path, typer.Argument(help="The communiqué or news report as plain text.", metavar="TEXT")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="OUTLINE.yaml",
            help="Where to write the draft; '-' prints it.",
            show_default="TEXT's name with .yaml, in the current folder",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an existing outline even if it was edited.",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = False,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", metavar="RULES.yaml", help="Extra drafting rules (docs/draft.md)."),
    ] = None,
) -> None:
    """Draft an outline from a communiqué's text, to review before building."""
    from .draft import draft_file

    with error_edge(debug=state["debug"]):
        if output is not None and str(output) != "-":
            from briefgen.build import check_file_name

            check_file_name(output, (".yaml", ".yml"), "draft")
        report = draft_file(text, output, force=force, rules=rules)
    for note in report.result.notes:
        print(f"note: {note}", file=sys.stderr)
    if report.path is None:
        sys.stdout.write(report.result.yaml_text)
    else:
        print(f"{report.path}: {report.result.summary()}", file=sys.stderr)


__all__ = ["Format", "check", "draft", "preview"]
