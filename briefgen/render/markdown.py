"""The Markdown handout: the same parts as the .docx, for the web and WeChat editors.

Maps `DeckPlan` → Markdown text (CommonMark with pipe tables): the title as `#`, each
section as `## 一、…`, each part as `### （一）…`, points as paragraphs, sub-points and
questions as numbered lines, framework heads in bold, quotes as `>` blocks, terms and tables
as pipe tables, pictures as `![caption](path)`, and a question's ruled lines as rules.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from briefgen.plan import DeckPlan

from ._handout import Para, Part, Picture, Table, handout_parts

_INLINE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: inline marks and line-start markers escaped."""
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)


def _cell(text: str) -> str:
    return escape(text).replace("|", "\\|").replace("\n", "<br>")


def _table(table: Table) -> str:
    width = (
        max(len(table.header), *(len(r) for r in table.rows)) if table.rows else len(table.header)
    )
    header = list(table.header) + [""] * (width - len(table.header))
    lines = ["| " + " | ".join(_cell(c) for c in header) + " |"]
    lines.append("|" + "---|" * width)
    for row in table.rows:
        cells = list(row) + [""] * (width - len(row))
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def _para(part: Para) -> str:
    text = escape(part.text)
    kind = part.kind
    if kind == "title":
        return f"# {escape(part.label)}{text}"
    if kind == "subtitle":
        return f"**——{text}**" if not part.text.startswith("—") else f"**{text}**"
    if kind == "heading":
        return f"## {part.label}{text}"
    if kind == "subheading":
        return f"### {part.label}{text}"
    if kind in ("sub", "question"):
        return f"{part.label} {text}"
    if kind == "item":
        return f"**{escape(part.label + part.head)}**{text}"
    if kind == "quote":
        return f"> {text}"
    if kind == "attribution":
        return f"> {text}"
    if kind == "caption":
        return f"*{text}*"
    if kind == "rule":
        return "___"
    if kind == "notes":
        return f"**【{part.label}】**{text}" if part.label else text
    return text  # body, meta, closing


def _image_link(path: str, relative_to: Path | None) -> str:
    """An image's path as a link: relative to the Markdown file's folder when one is given."""
    if relative_to is not None:
        with contextlib.suppress(ValueError):  # another drive on Windows: keep it absolute
            path = os.path.relpath(path, relative_to)
    return Path(path).as_posix().replace(" ", "%20")


def render_markdown(
    plan: DeckPlan, *, with_notes: bool = False, relative_to: Path | None = None
) -> str:
    """The handout as Markdown text (UTF-8, LF line ends, one blank line between blocks).

    Image links are relative to `relative_to` (the folder the Markdown is written to).
    """
    blocks: list[str] = []
    parts: tuple[Part, ...] = handout_parts(plan, with_notes=with_notes)
    previous: Part | None = None
    for part in parts:
        if isinstance(part, Table):
            blocks.append(_table(part))
        elif isinstance(part, Picture):
            blocks.append(f"![{escape(part.caption)}]({_image_link(part.path, relative_to)})")
            if part.caption:
                blocks.append(f"*{escape(part.caption)}*")
        elif part.kind == "attribution" and isinstance(previous, Para) and previous.kind == "quote":
            blocks[-1] += f"\n>\n> {escape(part.text)}"
        elif part.kind == "meta" and isinstance(previous, Para) and previous.kind == "meta":
            blocks[-1] += f"  \n{escape(part.text)}"
        else:
            blocks.append(_para(part))
        previous = part
    return "\n\n".join(blocks) + "\n"


__all__ = ["escape", "render_markdown"]
