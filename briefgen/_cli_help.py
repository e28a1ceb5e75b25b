"""How `briefgen … --help` looks: Typer's Rich panels on a colour terminal, plain text otherwise.

Maps the command line's help conventions onto typer's command classes: `HelpGroup` and
`HelpCommand` choose the Rich panels or click's plain text each time help is shown (so Rich
is imported only then), write arguments as their metavar (`OUTLINE`, not `{outline}`), and
turn the `examples(...)` epilog of each command into an "Examples:" block. The panel names
the commands and options are grouped under are the `PANEL_*` constants.
"""

import os
import sys
from typing import Any

from typer._click import Context, HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup

PANEL_MAKE = "Make decks and handouts"
PANEL_WRITE = "Write and check outlines"
PANEL_REFERENCE = "Reference"
PANEL_OUTPUT = "Output"
PANEL_DISTRICTS = "Districts"
PANEL_DESIGN = "Design"
PANEL_RUN = "Run"
PANEL_SHOW = "Display"

EXAMPLES_HEADING = "Examples:"
PROMPT = "$ "


def examples(*pairs: tuple[str, str]) -> str:
    """A command's epilog: each (what it does, command line) pair as "what:" and "$ line".

    This is the plain-text form (click keeps a paragraph that starts with `\\b` as written);
    `HelpCommand` restyles it for Rich when help is shown on a terminal.
    """
    lines = ["\b", EXAMPLES_HEADING]
    for what, line in pairs:
        lines += [f"  {what}:", f"    {PROMPT}{line}"]
    return "\n".join(lines)


def example_lines(epilog: str | None) -> list[str]:
    """The command lines of an `examples(...)` epilog (or of plain help text), without "$ "."""
    found = []
    for line in (epilog or "").splitlines():
        stripped = line.strip()
        if stripped.startswith(PROMPT + "briefgen"):
            found.append(stripped.removeprefix(PROMPT))
    return found


def rich_help() -> bool:
    """Whether help is drawn with Rich panels: stdout is a terminal (or FORCE_COLOR is set),
    NO_COLOR is not set, and the terminal is not `dumb`."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _rich_epilog(epilog: str) -> str:
    """The plain `examples(...)` epilog as Rich markup: a bold heading, the lines in colour."""
    styled = []
    for line in epilog.removeprefix("\b\n").splitlines():
        text = line.replace("[", "\\[")
        if line.strip().startswith(PROMPT):
            text = f"[green]{text}[/green]"
        elif line == EXAMPLES_HEADING:
            text = f"[bold]{text}[/bold]"
        styled.append(text)
    return "\n".join(styled)


def _usage_pieces(command: TyperCommand | TyperGroup, ctx: Context) -> list[str]:
    """The usage line's pieces with each argument as its metavar: `OUTLINE`, `[TEXT]`, `OUTLINE...`."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = param.display_name_raw.upper()
            if not name.endswith("...") and param.nargs != 1:
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
        else:
            pieces.extend(param.get_usage_pieces(ctx))
    return pieces


def _format_help(
    command: TyperCommand | TyperGroup, ctx: Context, formatter: HelpFormatter, plain: Any
) -> None:
    """Show help with Rich panels or as click's plain text; `plain` is the parent's method."""
    mode = command.rich_markup_mode
    epilog = command.epilog
    try:
        if rich_help():
            command.rich_markup_mode = "rich"
            if epilog:
                command.epilog = _rich_epilog(epilog)
        else:
            command.rich_markup_mode = None
        plain(ctx, formatter)
    finally:
        command.rich_markup_mode = mode
        command.epilog = epilog


class HelpCommand(TyperCommand):
    """A typer command whose help follows `rich_help()` and names arguments by metavar."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_help(self, ctx, formatter, super().format_help)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return _usage_pieces(self, ctx)


class HelpGroup(TyperGroup):
    """The `briefgen` group (and any sub-group): help as `HelpCommand`'s."""

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _format_help(self, ctx, formatter, super().format_help)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [*_usage_pieces(self, ctx), self.subcommand_metavar]


__all__ = [
    "EXAMPLES_HEADING",
    "PANEL_DESIGN",
    "PANEL_DISTRICTS",
    "PANEL_MAKE",
    "PANEL_OUTPUT",
    "PANEL_REFERENCE",
    "PANEL_RUN",
    "PANEL_SHOW",
    "PANEL_WRITE",
    "HelpCommand",
    "HelpGroup",
    "example_lines",
    "examples",
    "rich_help",
]
