"""One laid-out slide in the terminal: a 16:9 Rich panel in the theme's colours.

Maps a `LaidSlide` (the very slide `build` writes; nothing is paginated again) → `SlideView`:
the title bar, the body drawn by role (ordinals in a hanging column, quotes with a rule,
tables in the slide's proportions) and the footer with continuation and warnings, inside a
rounded border with `N/TOTAL · kind · section` in its top edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from briefgen.layout import LaidSlide, Paragraph, Picture, TableBlock, TextBlock
from briefgen.theme import Theme

from ._cells import Hanging, Kinsoku, Palette, warning_line

CENTERED_KINDS = frozenset({"cover", "closing", "divider"})
"""Slide kinds drawn centred, without a title bar."""

SKIPPED_ROLES = frozenset({"page"})
"""Roles the preview replaces with its own chrome (`N/TOTAL` in the header)."""

MIN_WIDTH = 20
"""Narrowest panel drawn; narrower consoles still get a (wrapped) panel of this width."""


def _paragraph_text(paragraph: Paragraph, style: str, emphasis: str, highlight: str | None) -> Text:
    text = Text(paragraph.text, style=style, overflow="fold")
    for span in paragraph.emphasis:
        text.stylize(emphasis, span.start, span.end)
    if highlight:
        text.highlight_words([highlight], "reverse", case_sensitive=False)
    return text


class _SlideRenderer:
    """Turns one slide's elements into header, body and footer renderables by role."""

    def __init__(self, slide: LaidSlide, palette: Palette, highlight: str | None) -> None:
        self.slide = slide
        self.p = palette
        self.highlight = highlight or None
        self.dark = palette.is_dark(slide.background)
        self.fg = palette("white") if self.dark else palette("ink")
        self.muted = palette("cream") if self.dark else palette("grey")
        self.strong = palette("gold") if self.dark else palette("primary")

    # -- text helpers -------------------------------------------------------------------

    def text(self, value: str, style: str = "", justify: str | None = None) -> Text:
        """Plain text with the search highlight."""
        result = Text(value, style=style, justify=justify, overflow="fold")  # type: ignore[arg-type]
        if self.highlight:
            result.highlight_words([self.highlight], "reverse", case_sensitive=False)
        return result

    def wrapped(self, value: str, style: str = "", justify: str | None = None) -> Kinsoku:
        """`text`, wrapped by 避头尾 rules at render time."""
        return Kinsoku(self.text(value, style, justify))

    def paragraphs(self, block: TextBlock, style: str, *, indent: int = 0) -> RenderableType:
        """A block's paragraphs, bullets in a hanging column, sub-levels indented."""
        emphasis = f"bold {self.p(block.emphasis_color)}"
        bullet_style = f"bold {self.p(block.bullet_color)}"
        rows: list[RenderableType] = []
        for paragraph in block.paragraphs:
            body = _paragraph_text(paragraph, style, emphasis, self.highlight)
            left = indent + 2 * paragraph.level
            bullet = Text((paragraph.bullet or "").strip(), style=bullet_style)
            if bullet or left:
                rows.append(Hanging(bullet, Kinsoku(body), indent=left))
            else:
                rows.append(Kinsoku(body))
        return Group(*rows)

    # -- the three parts ----------------------------------------------------------------

    def header(self) -> list[RenderableType]:
        """The title bar (title left, section right) and its rule: a filled bar for a light
        title (gold rule), the slide's ground for a dark one (a `ruled` theme, primary rule)."""
        titles = self._blocks("title")
        if self.slide.kind in CENTERED_KINDS or not titles:
            return []
        ink = self.p(titles[0].color)
        filled = not self.p.is_dark(titles[0].color)  # a light title sits on a filled bar
        bar_style = f"{ink} on {self.p('primary')}" if filled else ink
        grid = Table.grid(expand=True, padding=(0, 1), pad_edge=True)
        grid.add_column(ratio=3, overflow="fold")
        grid.add_column(ratio=1, justify="right", overflow="fold")
        title = self.wrapped(titles[0].text, "bold")
        sections = self._blocks("section")
        label = self.p(sections[0].color) if sections else self.muted
        section = self.wrapped("\n".join(b.text for b in sections), label, "right")
        grid.add_row(title, section)
        rule_style = self.p("gold" if filled else "primary")
        rule = Text("━" * 400, style=rule_style, no_wrap=True, overflow="crop")
        return [Padding(grid, (0, 0), style=bar_style), rule]

    def footer(self, footer_blocks: list[TextBlock]) -> list[RenderableType]:
        """Footer text of the slide, continuation and warnings, under a hairline."""
        lines: list[RenderableType] = []
        page, pages = self.slide.part
        for block in footer_blocks:
            lines.append(self.wrapped(block.text, self.muted))
        if page > 1:  # page 1 carries the layout's own "continued on …" warning
            lines.append(Text(f"↪ continued: page {page} of {pages}", style=self.muted))
        for warning in self.slide.warnings:
            lines.append(warning_line(warning, f"bold {self.p('accent')}"))
        if not lines:
            return []
        rule = Text("─" * 400, style=self.muted, no_wrap=True, overflow="crop")
        return [rule, Padding(Group(*lines), (0, 1))]

    def body(self) -> tuple[list[tuple[str, RenderableType]], list[TextBlock]]:
        """(role, renderable) of the body in drawing order, and the footer blocks set aside.

        Blocks the layout put in one group (a card's ordinal, head and text; an agenda tile's
        numeral and title) are drawn as one entry, the group's first block in a hanging column.
        """
        out: list[tuple[str, RenderableType]] = []
        footers: list[TextBlock] = []
        titles = self._blocks("title")
        bar = self.slide.kind not in CENTERED_KINDS and bool(titles)
        in_bar = {id(b) for b in titles[:1]} | {id(b) for b in self._blocks("section")}
        pending: list[RenderableType] | None = None
        label: Text | None = None
        group: int | None = None
        group_role = ""

        def flush() -> None:
            nonlocal pending, label, group
            if pending is not None and label is not None:
                out.append((group_role, Hanging(label, Group(*pending), gap=2)))
            pending, label, group = None, None, None

        for element in self.slide.elements:
            if isinstance(element, TextBlock):
                role = element.role
                if role in SKIPPED_ROLES or (bar and id(element) in in_bar):
                    continue
                if role == "footer":
                    footers.append(element)
                    continue
                if element.group is not None and element.group == group:
                    assert pending is not None
                    pending.append(self.block(element))
                    continue
                flush()
                if element.group is not None:
                    style = "bold " + self.strong
                    label = self.text(element.text.replace("\n", ""), style)
                    pending, group, group_role = [], element.group, role
                    continue
                out.append((role, self.block(element)))
            elif isinstance(element, TableBlock):
                flush()
                out.append(("table", self.table(element)))
            elif isinstance(element, Picture):
                flush()
                name = element.description or element.path.rsplit("/", 1)[-1]
                image = self.wrapped(f"[image: {name}]", f"italic {self.muted}", "center")
                out.append(("picture", image))
        flush()
        return out, footers

    # -- blocks by role -------------------------------------------------------------------

    def block(self, block: TextBlock) -> RenderableType:
        """One text block, styled by its role; unknown roles show their text plainly."""
        role, p = block.role, self.p
        centered = self.slide.kind in CENTERED_KINDS
        if role == "title":
            style = "bold " + (p("white") if self.dark else p("primary"))
            return self.centered(block, style) if centered else self.paragraphs(block, "bold")
        if role in ("kicker", "divider-number"):
            return self.centered(block, "bold " + p(block.color))
        if role in ("subtitle", "meta", "closing", "divider-lead"):
            style = ("bold " if role == "closing" else "") + self.muted
            if role == "closing":
                style = "bold " + self.fg
            return self.centered(block, style) if centered else self.paragraphs(block, style)
        if role == "divider-title":
            return self.centered(block, "bold " + self.strong)
        if role in ("head", "agenda-title"):
            return self.paragraphs(block, "bold " + self.fg)
        if role in ("sub", "item-text", "explain", "caption"):
            indent = 2 if role == "explain" else 0
            style = ("italic " if role == "caption" else "") + self.muted
            if role == "caption":
                return self.centered(block, style)
            return self.paragraphs(block, style, indent=indent)
        if role == "term":
            return self.paragraphs(block, "bold " + self.strong)
        if role == "quote":
            rule = Text("┃", style=self.strong)
            return Hanging(rule, self.paragraphs(block, self.fg), repeat=True)
        if role == "attribution":
            return Group(*(self.wrapped(q.text, self.muted, "right") for q in block.paragraphs))
        return self.paragraphs(block, self.fg)

    def centered(self, block: TextBlock, style: str) -> RenderableType:
        """A block centred on the slide (cover, divider, closing)."""
        rows: list[RenderableType] = []
        for paragraph in block.paragraphs:
            label = f"{paragraph.bullet} " if paragraph.bullet else ""
            rows.append(self.wrapped(label + paragraph.text, style, "center"))
        return Group(*rows)

    def table(self, element: TableBlock) -> RenderableType:
        """A laid-out table as a Rich table, columns in the slide's proportions."""
        table = Table(
            box=box.SIMPLE_HEAVY,
            expand=True,
            header_style="bold " + self.strong,
            border_style=self.muted,
            style=self.fg,
            show_header=bool(element.header),
            pad_edge=False,
        )
        count = max([len(element.header), *(len(r) for r in element.rows)], default=0)
        widths = list(element.column_widths) + [1] * count
        for index in range(count):
            cell = element.header[index].text if index < len(element.header) else ""
            table.add_column(self.wrapped(cell), ratio=max(1, int(widths[index])), overflow="fold")
        for row in element.rows:
            table.add_row(*(self.wrapped(cell.mark + cell.text) for cell in row))
        return table

    def _blocks(self, role: str) -> list[TextBlock]:
        return [e for e in self.slide.elements if isinstance(e, TextBlock) and e.role == role]


GLUED_ROLES = frozenset({"sub", "item-text", "explain", "attribution", "caption"})
"""Roles drawn right under the block before them (no blank line)."""

RUN_ROLES = frozenset({"body", "sub", "meta", "agenda-number"})
"""Roles whose consecutive blocks (one bullet point each, say) form one run without gaps."""


def _glued(previous: str, role: str) -> bool:
    return role in GLUED_ROLES or (previous in RUN_ROLES and role in RUN_ROLES)


def panel_height(width: int) -> int:
    """Rows of a 16:9 panel `width` columns wide (terminal cells are about 2:1)."""
    return max(6, round(width * 9 / 32))


class SlideView:
    """One laid-out slide as a 16:9 Rich panel: header bar, body, footer with warnings."""

    def __init__(
        self,
        slide: LaidSlide,
        total: int,
        theme: Theme,
        *,
        width: int | None = None,
        notes: bool = False,
        highlight: str | None = None,
    ) -> None:
        self.slide = slide
        self.total = total
        self.theme = theme
        self.width = width
        self.notes = notes
        self.highlight = highlight

    def heading(self) -> str:
        """`N/TOTAL · kind · section`, with `k/n` for continuation pages."""
        slide = self.slide
        kind: str = slide.kind
        if slide.part[1] > 1:
            kind += f" {slide.part[0]}/{slide.part[1]}"
        parts = [f"{slide.number}/{self.total}", kind]
        if slide.section:
            parts.append(slide.section)
        return " · ".join(parts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        width = max(width, min(MIN_WIDTH, options.max_width))
        palette = Palette.from_theme(self.theme)
        r = _SlideRenderer(self.slide, palette, self.highlight)
        base = Style.parse(f"{r.fg} on {palette(self.slide.background)}")
        inner = options.update(width=max(1, width - 2), height=None, no_wrap=False)
        body, footer_blocks = r.body()
        spaced: list[RenderableType] = []
        previous = ""
        for role, renderable in body:
            if spaced and not _glued(previous, role):
                spaced.append(Text(""))
            spaced.append(renderable)
            previous = role

        def lines(renderables: Iterable[RenderableType], pad: int) -> list[list[Segment]]:
            narrower = inner.update_width(max(1, inner.max_width - 2 * pad))
            rendered = console.render_lines(Group(*renderables), narrower, style=base, pad=True)
            if not pad:
                return rendered
            margin = Segment(" " * pad, base)
            return [[margin, *line, margin] for line in rendered]

        head = lines(r.header(), 0)
        main = lines(spaced, 2 if width >= 48 else 1)
        footer = r.footer(footer_blocks)
        foot = lines(footer, 0) if footer else []
        top_gap = 1 if head else 0
        room = panel_height(width) - 2 - len(head) - len(foot) - top_gap
        free = max(0, room - len(main))
        above = free // 2 if self.slide.kind in CENTERED_KINDS else 0
        blank = [Segment(" " * (width - 2), base)]
        gap = [blank] * (top_gap + above)
        rows = [*head, *gap, *main, *([blank] * (free - above)), *foot]
        yield from self._frame(console, options, rows, width, base, palette)
        if self.notes and self.slide.notes.strip():
            label = Text("Notes", style="bold")
            yield Hanging(label, Kinsoku(Text(self.slide.notes.strip())), indent=2)

    def _frame(
        self,
        console: Console,
        options: ConsoleOptions,
        rows: list[list[Segment]],
        width: int,
        base: Style,
        palette: Palette,
    ) -> Iterator[Segment]:
        """The rounded border around pre-rendered rows, the heading in the top edge.

        Drawn directly (not with `rich.panel.Panel`): the rows are already laid out, and a
        second layout pass would double the preview's rendering time.
        """
        edges = box.ROUNDED.substitute(options, safe=True)
        border = base + Style.parse(palette("primary"))
        title = Text(f" {self.heading()} ")
        title.truncate(max(0, width - 4), overflow="ellipsis")
        rest = max(0, width - 3 - title.cell_len)
        yield Segment(edges.top_left + edges.top, border)
        yield Segment(title.plain, base + Style(bold=True))
        yield Segment(edges.top * rest + edges.top_right, border)
        yield Segment.line()
        left, right = Segment(edges.mid_left, border), Segment(edges.mid_right, border)
        for row in rows:
            yield left
            yield from row
            yield right
            yield Segment.line()
        yield Segment(edges.bottom_left + edges.bottom * (width - 2) + edges.bottom_right, border)
        yield Segment.line()


__all__ = ["CENTERED_KINDS", "MIN_WIDTH", "SlideView", "panel_height"]
