"""Rich building blocks of the terminal preview: colours, pre-rendered lines, CJK wrapping.

Maps theme colour names → Rich colours (`Palette`), and text → renderables that wrap the way
the slides do: `Kinsoku` breaks lines by the layout engine's 避头尾 rules at the render width,
`Hanging` draws a bullet, ordinal or quotation rule before wrapped text, `Lines` replays rows
already rendered. No slide knowledge here; `_slide_view` composes these into slide panels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from briefgen.errors import Diagnostic
from briefgen.theme import Theme


@dataclass(frozen=True, slots=True)
class Palette:
    """Theme colour names → Rich colour strings (`#RRGGBB`)."""

    colors: dict[str, str]

    @classmethod
    def from_theme(cls, theme: Theme) -> Palette:
        """Every named colour of the theme."""
        names = theme.colors.model_dump()
        return cls({name: f"#{theme.color(name)}" for name in names})

    def __call__(self, name: str) -> str:
        """A colour by theme name or `#RRGGBB`; unknown names fall back to ink."""
        if name.startswith("#"):
            return name
        return self.colors.get(name, self.colors.get("ink", "default"))

    def is_dark(self, name: str) -> bool:
        """Whether white text reads better than ink on this colour."""
        value = self(name).lstrip("#")
        if len(value) != 6:
            return False
        r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


class Lines:
    """Pre-rendered lines (each padded to the same width) as a renderable."""

    def __init__(self, lines: Sequence[Sequence[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


class Kinsoku:
    """Text wrapped to the render width by the layout's 避头尾 line breaker, not Rich's.

    Rich would fold CJK text at any character and start lines with `，` or `”`; this breaks
    where the slide itself may break (terminal cells are half an em wide), so the preview
    shows no line the deck would not have. Emphasis and highlight spans are kept.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(2, widest), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from briefgen.layout import break_lines

        text, width = self.text, options.max_width
        if width < 2 or (text.cell_len <= width and "\n" not in text.plain):
            yield text
            return
        offsets: list[int] = []
        position = 0
        for line in break_lines(text.plain, width / 2):
            position += len(line)
            offsets.append(position)
        pieces = text.divide(offsets[:-1])
        for piece in pieces:
            if piece.plain.endswith("\n"):
                piece.right_crop(1)
        yield Text("\n", style=text.style).join(pieces)


class Hanging:
    """`body` after a `prefix` (bullet, ordinal, quote rule) with its other lines indented.

    The cheap equivalent of a two-column grid: `indent` spaces, the prefix, `gap` spaces,
    then the body wrapped to the rest of the width. With `repeat` the prefix starts every
    line (the rule down the side of a quotation).
    """

    def __init__(
        self,
        prefix: Text,
        body: RenderableType,
        *,
        gap: int = 1,
        indent: int = 0,
        repeat: bool = False,
    ) -> None:
        self.prefix = prefix
        self.body = body
        self.gap = gap if prefix.plain else 0
        self.indent = indent
        self.repeat = repeat

    @property
    def offset(self) -> int:
        """Columns before the body."""
        return self.indent + self.prefix.cell_len + self.gap

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options, self.body)
        return Measurement(inner.minimum + self.offset, inner.maximum + self.offset)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        offset = self.offset
        inner = options.update_width(max(1, options.max_width - offset))
        prefix = Segment.apply_style(
            self.prefix.render(console, end=""), console.get_style(self.prefix.style)
        )
        first = [Segment(" " * self.indent), *prefix, Segment(" " * self.gap)]
        other = first if self.repeat else [Segment(" " * offset)]
        for index, line in enumerate(console.render_lines(self.body, inner, pad=False)):
            yield from (other if index else first)
            yield from line
            yield Segment.line()


def warning_line(warning: Diagnostic, style: str) -> Hanging:
    """`⚠ FILE:LINE:COL: … warning: message`, wrapped lines indented under the message."""
    return Hanging(Text("⚠", style=style), Text(str(warning), style=style, overflow="fold"))


__all__ = ["Hanging", "Kinsoku", "Lines", "Palette", "warning_line"]
