"""The commands that make files: `build` (a deck), `handout` (its handout) and `batch`.

Each parses its options and calls one `briefgen.build` function; the shared options come
from `_cli_app`, and errors become messages in `_edge.error_edge`.
"""

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
from ._cli_complete import complete_districts, complete_formats, complete_theme
from ._cli_help import (
    PANEL_DESIGN,
    PANEL_DISTRICTS,
    PANEL_MAKE,
    PANEL_OUTPUT,
    PANEL_RUN,
    HelpCommand,
    examples,
)
from ._edge import Exit, error_edge


class DeckFormat(StrEnum):
    """Output format of `build`."""

    pptx = "pptx"
    pdf = "pdf"


class HandoutFormat(StrEnum):
    """Output format of `handout`."""

    docx = "docx"
    md = "md"
    pdf = "pdf"


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_MAKE,
    epilog=examples(
        ("The example deck, in out/wenzhou-2020-plenum.pptx", f"briefgen build {EXAMPLE}"),
        (
            "With another theme, to a file of your choice",
            f"briefgen build {EXAMPLE} --theme party-red-office -o 学习课件.pptx",
        ),
        (
            "On the department's PowerPoint template",
            f"briefgen build {EXAMPLE} --template 模板.pptx -o 模板课件.pptx",
        ),
        ("One district's deck", f"briefgen build {EXAMPLE} --roster {ROSTER} --district 鹿城区"),
    ),
)
def build(
    outline: Annotated[Path, typer.Argument(help="The outline file (.yaml).", metavar="OUTLINE")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write the deck; with --district, where batch writes it "
            "(out/<outline>/<district>.pptx).",
            show_default="out/<outline>.pptx",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    theme: ThemeOption = None,
    roster: RosterOption = None,
    district: Annotated[str | None, district_option("Build this district's deck.")] = None,
    format: Annotated[
        DeckFormat | None,
        typer.Option(
            "--format",
            help="pptx, or pdf (via LibreOffice).",
            show_default="from -o, else pptx",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    sheet: SheetOption = None,
    template: TemplateOption = None,
) -> None:
    """Build a PowerPoint deck (16:9, or 4:3 by the theme), or its PDF, from an outline (written atomically)."""
    from briefgen.build import build_file

    from ._edge import print_diagnostics

    with error_edge(debug=state["debug"]):
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


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_MAKE,
    epilog=examples(
        ("The handout, in out/wenzhou-2020-plenum-handout.docx", f"briefgen handout {EXAMPLE}"),
        (
            "As Markdown, with the speaker notes",
            f"briefgen handout {EXAMPLE} -o 辅导材料.md --with-notes",
        ),
    ),
)
def handout(
    outline: Annotated[Path, typer.Argument(help="The outline file (.yaml).", metavar="OUTLINE")],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE.docx|FILE.md|FILE.pdf",
            help="Where to write the handout.",
            show_default="out/<outline>-handout.docx",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    format: Annotated[
        HandoutFormat | None,
        typer.Option(
            "--format",
            help="docx, md or pdf.",
            show_default="from -o, else docx",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    with_notes: Annotated[
        bool,
        typer.Option(
            "--with-notes",
            help="Add the speaker notes as 辅导说明 after each part.",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = False,
    theme: Annotated[
        str | None,
        typer.Option(
            "--theme",
            metavar="NAME|FILE",
            help="Built-in theme name or theme file path.",
            autocompletion=complete_theme,
            rich_help_panel=PANEL_DESIGN,
        ),
    ] = None,
    roster: RosterOption = None,
    district: Annotated[str | None, district_option("Write this district's handout.")] = None,
) -> None:
    """Write the printed study handout (学习辅导材料) of the deck: .docx, Markdown or PDF."""
    from briefgen.build import handout_file

    from ._edge import print_diagnostics

    with error_edge(debug=state["debug"]):
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


def _batch_formats(ctx: typer.Context, value: str | None) -> str | None:
    """Check `batch --format` before anything runs: an unknown name is a command-line error."""
    if value is None or ctx.resilient_parsing:  # completing a later option: no error now
        return value
    from briefgen.build import parse_formats

    try:
        parse_formats(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


@app.command(
    cls=HelpCommand,
    rich_help_panel=PANEL_MAKE,
    epilog=examples(
        (
            "Every district's deck, in out/wenzhou-2020-plenum/",
            f"briefgen batch {EXAMPLE} --roster {ROSTER}",
        ),
        (
            "Two districts, each with its handout",
            f"briefgen batch {EXAMPLE} --roster {ROSTER} --only 鹿城区,龙湾区 --format pptx,docx",
        ),
    ),
)
def batch(
    outline: Annotated[Path, typer.Argument(help="The outline file (.yaml).", metavar="OUTLINE")],
    roster: Annotated[
        Path,
        typer.Option(
            "--roster",
            metavar="ROSTER",
            help="District roster (.yaml, .csv, .xlsx, .xls or .ods): one deck each.",
            rich_help_panel=PANEL_DISTRICTS,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FOLDER",
            help="Folder for the decks.",
            show_default="out/<outline>/",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j",
            "--jobs",
            min=1,
            metavar="N",
            help="Worker processes.",
            show_default="the number of CPUs",
            rich_help_panel=PANEL_RUN,
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="NAME",
            help="Build only these districts (repeatable; or separate names with , or 、 and "
            "quote a name that contains one).",
            autocompletion=complete_districts,
            rich_help_panel=PANEL_DISTRICTS,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rebuild every deck, even those up to date.",
            rich_help_panel=PANEL_RUN,
        ),
    ] = False,
    theme: ThemeOption = None,
    sheet: SheetOption = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMATS",
            callback=_batch_formats,
            autocompletion=complete_formats,
            help="Comma-separated: pptx, docx (handout), md (handout), pdf (of the deck and "
            "the .docx handout, via LibreOffice).",
            show_default="pptx",
            rich_help_panel=PANEL_OUTPUT,
        ),
    ] = None,
    template: TemplateOption = None,
) -> None:
    """Build one deck per district of a roster, in parallel; unchanged decks are skipped."""
    with error_edge(debug=state["debug"]):  # from the first import: Ctrl-C is exit 130
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


__all__ = ["DeckFormat", "HandoutFormat", "batch", "build", "handout"]
