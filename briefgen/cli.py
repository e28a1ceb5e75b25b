"""The `briefgen` command line: a thin typer shell over the library's functions.

Each command parses its options, calls one library function, and prints what it returns.
Errors become messages and exit codes in `_edge.error_edge`, nowhere else.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ._edge import EXIT_INTERRUPTED, Exit, error_edge, report_interrupt

app = typer.Typer(
    name="briefgen",
    help="Turn a YAML outline of a communiqué into a PowerPoint study deck (课件).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


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
    _state["debug"] = debug


def _known_theme(value: str | None) -> str | None:
    """`--theme` must name a built-in theme or an existing file: otherwise a usage error."""
    if value is None:
        return None
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
    typer.Option("--theme", help="Built-in theme name or theme file path.", callback=_known_theme),
]


TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE",
        help="The department's PowerPoint template (.pptx or .potx) to build on.",
    ),
]


class Format(StrEnum):
    """Output format of `check`."""

    text = "text"
    json = "json"


@app.command()
def check(
    outlines: Annotated[
        list[Path], typer.Argument(help="Outline files to check.", metavar="OUTLINE...")
    ],
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    source: Annotated[
        Path | None,
        typer.Option("--source", help="The communiqué's text: verify quotations verbatim."),
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="Check every district of this roster, as batch builds it."),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The roster's sheet (spreadsheets).")
    ] = None,
) -> None:
    """Validate outlines: every error and warning with FILE:LINE:COL. Exit 1 if any error."""
    from briefgen.build import check_files

    with error_edge(debug=_state["debug"]):
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


class DeckFormat(StrEnum):
    """Output format of `build`."""

    pptx = "pptx"
    pdf = "pdf"


class HandoutFormat(StrEnum):
    """Output format of `handout`."""

    docx = "docx"
    md = "md"
    pdf = "pdf"


@app.command()
def build(
    outline: Annotated[Path, typer.Argument(help="The outline file (.yaml).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the deck [out/<outline>.pptx; with --district, the file batch "
            "writes: out/<outline>/<district>.pptx].",
        ),
    ] = None,
    theme: ThemeOption = None,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="District roster (.yaml, .csv, .xlsx, .xls or .ods)."),
    ] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Build this district's deck.")
    ] = None,
    format: Annotated[
        DeckFormat | None,
        typer.Option("--format", help="pptx, or pdf (via LibreOffice) [from -o, else pptx]."),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help="The roster's sheet [the first]."),
    ] = None,
    template: TemplateOption = None,
) -> None:
    """Build a PowerPoint deck (16:9, or 4:3 by the theme), or its PDF, from an outline (written atomically)."""
    from briefgen.build import build_file

    from ._edge import print_diagnostics

    with error_edge(debug=_state["debug"]):
        result = build_file(
            outline,
            output,
            theme=theme,
            roster=roster,
            district=district,
            format=format.value if format else None,
            sheet=sheet,
            template=template,
        )
        print_diagnostics(result.warnings)
        print(result.summary())


@app.command()
def handout(
    outline: Annotated[Path, typer.Argument(help="The outline file (.yaml).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE.docx|FILE.md|FILE.pdf",
            help="Where to write the handout [out/<outline>-handout.docx].",
        ),
    ] = None,
    format: Annotated[
        HandoutFormat | None,
        typer.Option("--format", help="docx, md or pdf [from -o, else docx]."),
    ] = None,
    with_notes: Annotated[
        bool,
        typer.Option("--with-notes", help="Add the speaker notes as 辅导说明 after each part."),
    ] = False,
    theme: Annotated[
        str | None, typer.Option("--theme", help="Built-in theme name or theme file path.")
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="District roster (.yaml, .csv, .xlsx, .xls or .ods)."),
    ] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Write this district's handout.")
    ] = None,
) -> None:
    """Write the printed study handout (学习辅导材料) of the deck: .docx, Markdown or PDF."""
    from briefgen.build import handout_file

    from ._edge import print_diagnostics

    with error_edge(debug=_state["debug"]):
        result = handout_file(
            outline,
            output,
            format=format.value if format else None,
            theme=theme,
            roster=roster,
            district=district,
            with_notes=with_notes,
        )
        print_diagnostics(result.warnings)
        print(result.summary())


@app.command()
def preview(
    source: Annotated[
        Path,
        typer.Argument(help="The outline (.yaml), or a built deck (.pptx).", metavar="OUTLINE"),
    ],
    all_slides: Annotated[
        bool, typer.Option("--all", help="Print every slide one after another (no pager).")
    ] = False,
    slide: Annotated[
        int | None, typer.Option("--slide", min=1, metavar="N", help="Print only slide N.")
    ] = None,
    notes: Annotated[
        bool, typer.Option("--notes", help="Show the speaker notes under each slide.")
    ] = False,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Pager: reload when the outline or theme file is saved."),
    ] = False,
    width: Annotated[
        int | None,
        typer.Option("--width", min=20, metavar="COLUMNS", help="Slide width [the terminal's]."),
    ] = None,
    theme: ThemeOption = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours (also when NO_COLOR is set).")
    ] = False,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="District roster (.yaml, .csv, .xlsx, .xls or .ods)."),
    ] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Show this district's deck.")
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help="The roster's sheet [the first]."),
    ] = None,
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
    with error_edge(debug=_state["debug"]):
        if watch:
            deck_source.reload()  # an invalid outline shows in the pager until the next save
        else:
            deck_source.load()
    deck = deck_source.deck
    total = len(deck) if deck is not None else 0
    if slide is not None and deck is not None and slide > total:
        raise typer.BadParameter(f"the deck has {total} slides", param_hint="'--slide'")
    with error_edge(debug=_state["debug"]):
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


def _batch_formats(value: str | None) -> str | None:
    """Check `batch --format` before anything runs: an unknown name is a command-line error."""
    if value is None:
        return None
    from briefgen.build import parse_formats

    try:
        parse_formats(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


@app.command()
def batch(
    outline: Annotated[Path, typer.Argument(help="The outline file (.yaml).", metavar="OUTLINE")],
    roster: Annotated[
        Path,
        typer.Option(
            "--roster", help="District roster (.yaml, .csv, .xlsx, .xls or .ods): one deck each."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Folder for the decks [out/<outline>/]."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", min=1, help="Worker processes [the number of CPUs]."),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="NAME",
            help="Build only these districts (repeatable; or separate names with , or 、 and "
            "quote a name that contains one).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild every deck, even those up to date.")
    ] = False,
    theme: ThemeOption = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help="The roster's sheet [the first]."),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMATS",
            callback=_batch_formats,
            help="Comma-separated: pptx, docx (handout), md (handout), pdf (of the deck and "
            "the .docx handout, via LibreOffice) [pptx].",
        ),
    ] = None,
    template: TemplateOption = None,
) -> None:
    """Build one deck per district of a roster, in parallel; unchanged decks are skipped."""
    with error_edge(debug=_state["debug"]):  # from the first import: Ctrl-C is exit 130
        from briefgen.build import run_batch
        from briefgen.render import BatchView, print_summary

        from ._edge import print_diagnostics

        view = BatchView()
        try:
            result = run_batch(
                outline,
                roster,
                output,
                jobs=jobs,
                only=list(only or ()),
                force=force,
                theme=theme,
                formats=format,
                on_progress=view,
                sheet=sheet,
                template=template,
            )
        finally:
            view.close()
        print_summary(result)
        print_diagnostics(result.problems)  # after the decks: the manifest could not be written
    raise Exit(1 if result.failed else 0)


@app.command()
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
            help="Where to write the draft [TEXT's name with .yaml, in the current folder]; "
            "'-' prints it.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing outline even if it was edited.")
    ] = False,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", metavar="RULES.yaml", help="Extra drafting rules (docs/draft.md)."),
    ] = None,
) -> None:
    """Draft an outline from a communiqué's text, to review before building."""
    from .draft import draft_file

    with error_edge(debug=_state["debug"]):
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


template_app = typer.Typer(
    help="Inspect a department's PowerPoint template (.pptx or .potx) before building on it.",
    no_args_is_help=True,
)
app.add_typer(template_app, name="template")


@template_app.command("inspect")
def template_inspect(
    file: Annotated[Path, typer.Argument(help="The template (.pptx or .potx).", metavar="FILE")],
    format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    write_map: Annotated[
        Path | None,
        typer.Option(
            "--write-map",
            metavar="THEME.yaml",
            help="Write a theme file with the template and its layouts: map, to edit.",
        ),
    ] = None,
    theme: ThemeOption = None,
) -> None:
    """Show a template's size, masters, layouts and placeholders, and the layout each slide
    role would use and why."""
    from briefgen.build import inspect_template

    with error_edge(debug=_state["debug"]):
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


@app.command()
def schema() -> None:
    """Print the JSON Schema of the outline format (for editor autocompletion)."""
    from briefgen.outline import outline_schema

    with error_edge(debug=_state["debug"]):
        print(json.dumps(outline_schema(), ensure_ascii=False, indent=2))


themes_app = typer.Typer(
    help="List the built-in themes and the theme files in this folder; `show NAME` previews one.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(themes_app, name="themes")


@themes_app.callback()
def themes(ctx: typer.Context) -> None:
    """List the built-in themes and the theme files in this folder (name, label, file, extends)."""
    if ctx.invoked_subcommand is None:
        from briefgen.render import make_console, theme_table
        from briefgen.theme import theme_entries

        with error_edge(debug=_state["debug"]):
            make_console().print(theme_table(theme_entries(Path())))


@themes_app.command("show")
def themes_show(
    name: Annotated[str, typer.Argument(help="A theme name (see `briefgen themes`) or file.")],
    width: Annotated[
        int | None,
        typer.Option("--width", min=20, metavar="COLUMNS", help="Slide width [the terminal's]."),
    ] = None,
) -> None:
    """Preview a theme: colour swatches, font roles (installed or not) and a sample slide."""
    from briefgen.build import theme_preview
    from briefgen.render import ThemeView, make_console

    with error_edge(debug=_state["debug"]):
        shown = theme_preview(name, Path())
        source = "built-in theme" if shown.builtin else str(shown.file)
        total = len(shown.deck.slides)
        view = ThemeView(shown.theme, source, shown.installed, shown.slide, total, width=width)
        make_console(width=width).print(view)


def main() -> None:
    """Console-script entry point."""
    import atexit
    import gc

    # The process is about to end: skip the collector's full passes over every object
    # (about 0.1 s of a cold build) by freezing what is left at exit.
    atexit.register(gc.freeze)
    try:
        app()
    except SystemExit as leaving:
        if leaving.code == EXIT_INTERRUPTED:  # typer's own, silent, outside error_edge
            report_interrupt()
        raise


__all__ = ["app", "main"]
