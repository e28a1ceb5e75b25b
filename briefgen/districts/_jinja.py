"""The sandboxed Jinja2 engine behind outline templates (imported only when a text needs it).

Maps a text with filters, comparisons or `{% if %}` + the variables of one district → the
filled-in text. Jinja2's `SandboxedEnvironment` with `StrictUndefined`; on top of that
sandbox, each template's syntax tree is checked against an allowlist (no loops, calls,
imports, assignments or access to names starting with `_`), filters are an allowlist with no
file, random or unbounded ones, and `*`, `+` and `%` are size-checked, so an outline can never
run code, read files or exhaust memory. Before parsing, a template's length, bracket and
`{% if %}` nesting and integer literals are bounded (so the parser and Python's compiler never
hit their own limits), it may repeat (`*`) only a few times, and every value it prints must
be text, a number or a date. Each distinct text is compiled once per process.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from collections.abc import Mapping
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from ._template_values import MAX_TEXT, DistrictValue, TemplateProblem

_FILTERS = [
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "first",
    "float",
    "int",
    "last",
    "length",
    "lower",
    "replace",
    "round",
    "string",
    "title",
    "trim",
    "truncate",
    "upper",
]

_ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Filter,
    nodes.Test,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.Add,
    nodes.Sub,
    nodes.Mul,
    nodes.Div,
    nodes.FloorDiv,
    nodes.Mod,
    nodes.Neg,
    nodes.Pos,
    nodes.Tuple,
    nodes.List,
    nodes.Keyword,
    nodes.Slice,
)

_REFUSED_WORDS: dict[type[nodes.Node], str] = {
    nodes.For: "{% for %} loops",
    nodes.Assign: "{% set %}",
    nodes.AssignBlock: "{% set %}",
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.Call: "calling functions or methods, such as x.upper()",
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}",
    nodes.FilterBlock: "{% filter %}",
    nodes.With: "{% with %}",
    nodes.Pow: "the ** operator",
    nodes.Dict: "{…} mappings",
}

_LANGUAGE = "outline text may use {{ variable }}, {{ variable|filter }} and {% if %} only"

MAX_SOURCE = 20_000
"""Longest text handed to the engine (a template is a line or a paragraph)."""

MAX_NESTING = 20
"""Deepest nesting of brackets inside a tag, and of `{% if %}` blocks."""

MAX_DIGITS = 30
"""Longest integer literal in a tag."""

MAX_REPEATS = 8
"""Most `*` operators in one template: each result is bounded, and so is their number."""

_TAG = re.compile(r"\{[{%].*?(?:[}%]\}|$)", re.DOTALL)
_IF = re.compile(r"\{%[-+]?\s*(if|endif)\b")
_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")
_PRINTABLE = (str, int, float, datetime.date, DistrictValue)


def _size(value: Any, budget: int = MAX_TEXT) -> int:
    """Characters `value` holds (text, and text inside lists), counted up to past `budget`."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        total = len(value)
        for item in value:
            if total > budget:
                break
            total += _size(item, budget - total)
        return total
    return 1


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox with size-checked `*`, `+` and `%`."""

    intercepted_binops = frozenset({"*", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting of text is not allowed; write {{ name }} instead")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(count, int)
                    and count > 0
                    and _size(seq) * count > MAX_TEXT
                ):
                    raise SecurityError(f"repeating text beyond {MAX_TEXT:,} characters")
        if (
            operator == "+"
            and isinstance(left, str | list | tuple)
            and _size(left) + _size(right) > MAX_TEXT
        ):
            raise SecurityError(f"joining texts beyond {MAX_TEXT:,} characters")
        return super().call_binop(context, operator, left, right)


def _replace(value: Any, old: str, new: str, count: int | None = None) -> str:
    """The `replace` filter, refusing results beyond `MAX_TEXT`."""
    text, old, new = str(value), str(old), str(new)
    grows = text.count(old) if old else len(text) + 1
    if len(text) + grows * max(len(new) - len(old), 0) > MAX_TEXT:
        raise SecurityError(f"replace would make a text longer than {MAX_TEXT:,} characters")
    return text.replace(old, new, -1 if count is None else count)


@functools.cache
def environment() -> SandboxedEnvironment:
    """The one sandboxed environment: no loader, no globals, allowlisted filters."""
    env = _Sandbox(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.clear()
    env.filters = {name: FILTERS[name] for name in _FILTERS}
    env.filters["replace"] = _replace
    env.finalize = _printable
    return env


def _printable(value: Any) -> Any:
    """What `{{ … }}` prints must be text, a number or a date, never a method, class or list."""
    if isinstance(value, Undefined) or (
        isinstance(value, _PRINTABLE) and not isinstance(value, bool)
    ):
        return value  # an undefined name is explained when Jinja prints it
    if callable(value):
        what = "a method or function (such as .upper): use a filter instead, {{ x|upper }}"
    elif isinstance(value, list | tuple | dict):
        what = "a list: print one entry ({{ x[0] }}) or use |first, |last or |length"
    elif isinstance(value, bool) or value is None:
        what = f"{str(value).lower()}: print text or a number"
    else:
        what = "a value that is neither text nor a number"
    raise TemplateProblem(f"the placeholder gives {what}", r"\{\{")


def _check_source(source: str) -> None:
    """Bound what the parser and Python's compiler see, before they see it."""
    if len(source) > MAX_SOURCE:
        raise TemplateProblem(
            f"a text with {{% %}} or filters may be at most {MAX_SOURCE:,} characters; "
            "split it or write it out",
            r"\{[{%]",
        )
    depth = 0
    for match in _IF.finditer(source):
        depth += 1 if match.group(1) == "if" else -1
        if depth > MAX_NESTING:
            raise TemplateProblem(
                f"{{% if %}} is nested more than {MAX_NESTING} deep; simplify the conditions",
                re.escape(match.group()),
                source.count("\n", 0, match.start()) + 1,
            )
    for tag in _TAG.finditer(source):
        text = tag.group()
        line = source.count("\n", 0, tag.start()) + 1
        number = _LONG_NUMBER.search(text)
        if number is not None:
            raise TemplateProblem(
                f"a number in a placeholder has more than {MAX_DIGITS} digits",
                re.escape(number.group()[:20]),
                line,
            )
        depth = deepest = 0
        for ch in text:
            if ch in "([{":
                depth += 1
                deepest = max(deepest, depth)
            elif ch in ")]}":
                depth -= 1
        if deepest > MAX_NESTING + 2:  # the tag's own braces count too
            raise TemplateProblem(
                f"brackets are nested more than {MAX_NESTING} deep in a placeholder; simplify it",
                r"\{[{%]",
                line,
            )


def _check_tree(tree: nodes.Node) -> None:
    repeats = sum(1 for _ in tree.find_all(nodes.Mul))
    if repeats > MAX_REPEATS:
        raise TemplateProblem(
            f"refused: more than {MAX_REPEATS} repetitions ('*') in one text; {_LANGUAGE}",
            r"\{[{%]",
        )
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise TemplateProblem(
                f"refused: '.{node.attr}' reaches into Python internals; {_LANGUAGE}",
                re.escape("." + node.attr),
                node.lineno,
            )
        if (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and str(node.arg.value).startswith("_")
        ):
            raise TemplateProblem(
                f"refused: [{node.arg.value!r}] reaches into Python internals; {_LANGUAGE}",
                re.escape(str(node.arg.value)),
                node.lineno,
            )
        if not isinstance(node, _ALLOWED_NODES):
            what = next(
                (w for cls, w in _REFUSED_WORDS.items() if isinstance(node, cls)),
                type(node).__name__,
            )
            raise TemplateProblem(f"refused: {what}; {_LANGUAGE}", r"\{[{%]", node.lineno)


@functools.lru_cache(maxsize=8192)
def compile_template(source: str) -> Template:
    """Parse, check and compile a text once; `TemplateProblem` if it is not allowed."""
    env = environment()
    _check_source(source)
    try:
        tree = env.parse(source)
        _check_tree(tree)
        return env.from_string(tree)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(_syntax_message(exc), r"\{[{%#]", exc.lineno) from None
    except TemplateError as exc:
        raise TemplateProblem(f"template: {exc.message or exc}", r"\{[{%]") from None
    except (RecursionError, MemoryError, SyntaxError, ValueError, OverflowError):
        # The checks above keep the parser and compiler within their limits; if one is still
        # reached, it is the template that is too complex, not a bug to report.
        raise TemplateProblem(
            f"the text is too complex to fill in; simplify its placeholders ({_LANGUAGE})",
            r"\{[{%]",
        ) from None


def _syntax_message(exc: TemplateSyntaxError) -> str:
    message = exc.message or "invalid template"
    hint = ""
    if "No filter named" in message:
        hint = f"; filters allowed: {', '.join(sorted(set(_FILTERS)))}"
    elif "unexpected '}'" in message or "unexpected end of template" in message:
        hint = "; write a placeholder as {{ name }}, with two braces on each side"
    elif "Encountered unknown tag" in message:
        hint = f"; {_LANGUAGE}"
    return f"template syntax: {message}{hint}"


_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"has no attribute '(?P<name>[^']+)'$")


def render_full(source: str, variables: Mapping[str, Any]) -> str:
    """Fill in one text with the full sandboxed engine; `TemplateProblem` if it cannot."""
    template = compile_template(source)
    try:
        result = template.render(variables)
    except UndefinedError as exc:
        raise _undefined(exc, variables) from None
    except SecurityError as exc:
        raise TemplateProblem(f"refused: {exc}; {_LANGUAGE}", r"\{[{%]") from None
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise TemplateProblem(f"cannot fill in the text: {type(exc).__name__}", r"\{[{%]") from None
    except TemplateError as exc:
        raise TemplateProblem(f"cannot fill in the text: {exc}", r"\{[{%]") from None
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:
        raise TemplateProblem(f"cannot fill in the text: {exc}", r"\{[{%]") from None
    if len(result) > MAX_TEXT:
        raise TemplateProblem(f"the filled-in text is over {MAX_TEXT:,} characters", r"\{[{%]")
    return result


def _undefined(exc: UndefinedError, variables: Mapping[str, Any]) -> TemplateProblem:
    message = exc.message or str(exc)
    match = _UNDEFINED.match(message)
    if match:
        name = match.group("name")
        guess = difflib.get_close_matches(name, list(variables), n=1, cutoff=0.6)
        hint = f"did you mean {{{{ {guess[0]} }}}}? " if guess else ""
        needle = r"\{[{%][^}]*?(?<![\w.])" + re.escape(name) + r"(?!\w)"
        return TemplateProblem(f"{{{{ {name} }}}} is not defined", needle, missing=name, hint=hint)
    match = _NO_ATTRIBUTE.search(message)
    if match:
        name = match.group("name")
        district = variables.get("district")
        fields = ", ".join(sorted(district._fields)) if isinstance(district, DistrictValue) else ""
        hint = f"district has: {fields}; " if fields and "DistrictValue" in message else ""
        needle = r"\{[{%][^}]*?\." + re.escape(name) + r"(?!\w)"
        return TemplateProblem(f"'.{name}' is not defined", needle, missing=name, hint=hint)
    return TemplateProblem(f"cannot fill in the text: {message}", r"\{[{%]")


__all__ = [
    "MAX_DIGITS",
    "MAX_NESTING",
    "MAX_REPEATS",
    "MAX_SOURCE",
    "compile_template",
    "environment",
    "render_full",
]
