"""The only way a document template is rendered: sandboxed, over plain data, placeholders allowed.

Administrators upload their own DOCX templates (docxtpl, i.e. Jinja inside Word). A Jinja template
is a program, so three independent walls stand between it and the server (issue #12 item 1):

1. **An allow-list of the template's syntax.** Every template docxtpl compiles (body, headers,
   footers, footnotes, document properties) is parsed and walked before it may run: only output,
   `if`, `for` over the kind's lists, the kind's placeholders and their fields, constants,
   comparisons, `and`/`or`/`not`, `~`, `+`/`-`, and a short list of filters and tests. No calls,
   no `set`, `import`, `include`, `macro`, `with`, no `_`-names, no subscripts but a constant index
   or a loop counter.
2. **Plain data.** The context is copied into dicts, lists, strings, numbers and dates; a model
   object, a settings module or anything else with methods worth calling is refused (TypeError).
3. **Jinja's immutable sandbox** with no globals, so even a construct the walk missed meets
   `SecurityError` on `__class__` and friends, and cannot change the data it was given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import jinja2
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Filters a letter may need; none of them can grow text without bound or read attributes by name.
ALLOWED_FILTERS = frozenset(
    {
        "capitalize",
        "d",
        "default",
        "e",
        "escape",
        "first",
        "int",
        "join",
        "last",
        "length",
        "lower",
        "round",
        "string",
        "title",
        "trim",
        "truncate",
        "upper",
        "wordcount",
    }
)
ALLOWED_TESTS = frozenset(
    {
        "defined",
        "undefined",
        "none",
        "number",
        "string",
        "even",
        "odd",
        "eq",
        "equalto",
        "ne",
        "lt",
        "le",
        "gt",
        "ge",
    }
)
LOOP_FIELDS = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length"})
# Loops inside loops multiply the output; letters need two levels at most.
MAX_LOOP_DEPTH = 3

# What a template may name: each placeholder with the fields its value has (None: a plain value
# or a list of plain values, which has no fields).
Names = Mapping[str, frozenset[str] | None]

PLAIN_SCALARS = (str, int, float, bool, Decimal, date, datetime, time, type(None))


class TemplateNotAllowed(jinja2.TemplateError):
    """A template that uses something document templates may not; `problems` says what."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class Text(str):
    """Text a template may print, compare, slice and filter, but not loop over letter by letter:
    loops nested three deep over a letter's text of a few thousand characters would keep the job
    worker busy for days (a template's loops run over lists: allegations, copies, legal basis).
    Found by the red-team pass of 2026-12-07."""

    __slots__ = ()

    def __iter__(self) -> Any:
        raise jinja2.TemplateRuntimeError(_("a loop over the letters of a text"))


def plain_data(value: Any, *, path: str = "context") -> Any:
    """A copy of `value` made of dicts, lists and plain scalars (text as `Text`); TypeError for
    anything else."""
    if isinstance(value, Promise):
        return Text(value)
    if isinstance(value, str):
        return Text(value)  # drops SafeString and other subclasses
    if isinstance(value, PLAIN_SCALARS):
        return value
    if isinstance(value, Mapping):
        copy = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be text, not {type(key).__name__}")
            copy[key] = plain_data(item, path=f"{path}.{key}")
        return copy
    if isinstance(value, list | tuple):
        return [plain_data(item, path=f"{path}[{index}]") for index, item in enumerate(value)]
    raise TypeError(f"{path}: only plain data may reach a template, not {type(value).__name__}")


def names_of(context: Mapping[str, Any]) -> dict[str, frozenset[str] | None]:
    """The placeholders a plain context offers, each with the fields of its value."""
    names: dict[str, frozenset[str] | None] = {}
    for key, value in context.items():
        if isinstance(value, Mapping):
            names[key] = frozenset(value)
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            fields: set[str] = set()
            for item in value:
                if isinstance(item, Mapping):
                    fields.update(item)
            names[key] = frozenset(fields)
        else:
            names[key] = None
    return names


def names_of_schema(schema: Mapping[str, Iterable[str] | None]) -> dict[str, frozenset[str] | None]:
    """The placeholders a document kind's schema offers (same shape as `names_of`)."""
    return {key: (frozenset(fields) if fields else None) for key, fields in schema.items()}


class _Walk:
    """Walk a parsed template and list every construct outside the allow-list."""

    def __init__(self, names: Names):
        self.names = names
        self.problems: list[str] = []

    def refuse(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    # Scope: loop variable -> the placeholder (or placeholder field) it runs over.
    def statements(self, body: list[nodes.Node], scope: dict[str, str], depth: int) -> None:
        for node in body:
            self.statement(node, scope, depth)

    def statement(self, node: nodes.Node, scope: dict[str, str], depth: int) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expression(child, scope, depth)
        elif isinstance(node, nodes.If):
            self.expression(node.test, scope, depth)
            self.statements(node.body, scope, depth)
            for branch in node.elif_:
                self.statement(branch, scope, depth)
            self.statements(node.else_, scope, depth)
        elif isinstance(node, nodes.For):
            self.loop(node, scope, depth)
        else:
            self.refuse(_describe(node))

    def loop(self, node: nodes.For, scope: dict[str, str], depth: int) -> None:
        if depth >= MAX_LOOP_DEPTH:
            self.refuse(_("loops nested more than %(depth)d deep") % {"depth": MAX_LOOP_DEPTH})
            return
        if node.recursive or node.test is not None:
            self.refuse(_("a filtered or recursive loop"))
        if not isinstance(node.target, nodes.Name):
            self.refuse(_("a loop over several names at once"))
            return
        source = self.iterable(node.iter, scope)
        inner = dict(scope)
        inner[node.target.name] = source or ""
        self.statements(node.body, inner, depth + 1)
        self.statements(node.else_, scope, depth)

    def iterable(self, node: nodes.Node, scope: dict[str, str]) -> str | None:
        """The placeholder a loop runs over (`allegations`, or `employee.field`), or None."""
        if isinstance(node, nodes.Name) and node.name in self.names:
            return node.name
        if isinstance(node, nodes.Getattr):
            self.expression(node, scope, 0)
            return None
        self.refuse(_("a loop over something other than a placeholder"))
        return None

    def fields_of(self, node: nodes.Node, scope: dict[str, str]) -> frozenset[str] | str | None:
        """The fields of the value `node` names, "loop" for the loop helper, or "" when unknown."""
        if isinstance(node, nodes.Name):
            if node.name == "loop" and scope:
                return "loop"
            if node.name in scope:
                source = scope[node.name]
                return self.names.get(source) if source in self.names else None
            if node.name in self.names:
                return self.names[node.name]
            self.refuse(_("the unknown placeholder %(name)s") % {"name": node.name})
            return ""
        if isinstance(node, nodes.Getitem):
            self.subscript(node, scope)
            if isinstance(node.node, nodes.Name) and node.node.name in self.names:
                return self.names[node.node.name]
            return ""
        self.expression(node, scope, 0)
        return None

    def attribute(self, node: nodes.Getattr, scope: dict[str, str]) -> None:
        if node.attr.startswith("_"):
            self.refuse(_("the hidden attribute %(name)s") % {"name": node.attr})
            return
        fields = self.fields_of(node.node, scope)
        if fields == "loop":
            if node.attr not in LOOP_FIELDS:
                self.refuse(_("the loop field %(name)s") % {"name": node.attr})
        elif fields == "":
            return  # already refused
        elif fields is None or node.attr not in fields:
            self.refuse(_("the unknown field %(name)s") % {"name": node.attr})

    def subscript(self, node: nodes.Getitem, scope: dict[str, str]) -> None:
        argument = node.arg
        if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
            self.attribute(nodes.Getattr(node.node, argument.value, "load"), scope)
            return
        small_number = (
            isinstance(argument, nodes.Const)
            and isinstance(argument.value, int)
            and not isinstance(argument.value, bool)
            and 0 <= argument.value < 1000
        )
        loop_counter = (
            isinstance(argument, nodes.Getattr)
            and isinstance(argument.node, nodes.Name)
            and argument.node.name == "loop"
            and bool(scope)
            and argument.attr in LOOP_FIELDS
        )
        if not (small_number or loop_counter):
            self.refuse(_("an index that is not a small whole number or a loop counter"))
            return
        # 'abc'[loop.index0] numbers items a., b., c.; otherwise an index picks a list's item.
        constant_text = isinstance(node.node, nodes.Const) and isinstance(node.node.value, str)
        if not (
            constant_text or (isinstance(node.node, nodes.Name) and node.node.name in self.names)
        ):
            self.refuse(_("an index on something other than a placeholder"))

    def expression(self, node: nodes.Node, scope: dict[str, str], depth: int) -> None:
        if isinstance(node, nodes.Const):
            if not isinstance(node.value, str | int | float | bool | type(None)):
                self.refuse(_describe(node))
        elif isinstance(node, nodes.Name):
            self.fields_of(node, scope)
        elif isinstance(node, nodes.Getattr):
            self.attribute(node, scope)
        elif isinstance(node, nodes.Getitem):
            self.subscript(node, scope)
        elif isinstance(node, nodes.Filter | nodes.Test):
            self.filter_or_test(node, scope)
        elif isinstance(node, nodes.And | nodes.Or | nodes.Add | nodes.Sub):
            self.expression(node.left, scope, depth)
            self.expression(node.right, scope, depth)
        elif isinstance(node, nodes.Not | nodes.Neg | nodes.Pos):
            self.expression(node.node, scope, depth)
        elif isinstance(node, nodes.Concat):
            for child in node.nodes:
                self.expression(child, scope, depth)
        elif isinstance(node, nodes.CondExpr):
            self.expression(node.test, scope, depth)
            self.expression(node.expr1, scope, depth)
            if node.expr2 is not None:
                self.expression(node.expr2, scope, depth)
        elif isinstance(node, nodes.Compare):
            self.expression(node.expr, scope, depth)
            for operand in node.ops:
                if operand.op not in {"eq", "ne", "lt", "lteq", "gt", "gteq"}:
                    self.refuse(_("the comparison %(op)s") % {"op": operand.op})
                self.expression(operand.expr, scope, depth)
        else:
            self.refuse(_describe(node))

    def filter_or_test(self, node: nodes.Filter | nodes.Test, scope: dict[str, str]) -> None:
        allowed = ALLOWED_FILTERS if isinstance(node, nodes.Filter) else ALLOWED_TESTS
        if node.name not in allowed:
            what = (
                _("the filter %(name)s")
                if isinstance(node, nodes.Filter)
                else _("the test %(name)s")
            )
            self.refuse(what % {"name": node.name})
        if node.dyn_args is not None or node.dyn_kwargs is not None:
            self.refuse(_("arguments spread with * or **"))
        if node.node is not None:
            self.expression(node.node, scope, 0)
        for argument in node.args:
            self.expression(argument, scope, 0)
        for keyword in node.kwargs:
            self.expression(keyword.value, scope, 0)


def _describe(node: nodes.Node) -> str:
    """A plain name for a construct that is not allowed (never the data it would reach)."""
    labels = {
        nodes.Call: _("a function or method call"),
        nodes.Assign: "{% set %}",
        nodes.AssignBlock: "{% set %}",
        nodes.Import: "{% import %}",
        nodes.FromImport: "{% import %}",
        nodes.Include: "{% include %}",
        nodes.Extends: "{% extends %}",
        nodes.Block: "{% block %}",
        nodes.Macro: "{% macro %}",
        nodes.CallBlock: "{% call %}",
        nodes.FilterBlock: "{% filter %}",
        nodes.With: "{% with %}",
        nodes.Slice: _("a slice [a:b]"),
        nodes.List: _("a list written in the template"),
        nodes.Tuple: _("a list written in the template"),
        nodes.Dict: _("a dictionary written in the template"),
        nodes.Mul: _("multiplication"),
        nodes.Pow: _("powers"),
        nodes.Mod: _("the percent operator"),
        nodes.Div: _("division"),
        nodes.FloorDiv: _("division"),
    }
    for kind, label in labels.items():
        if isinstance(node, kind):
            return label
    return _("the construct %(name)s") % {"name": type(node).__name__}


def template_problems(tree: nodes.Template, names: Names) -> list[str]:
    """Everything in a parsed template that document templates may not use (empty: allowed)."""
    walk = _Walk(names)
    walk.statements(tree.body, {}, 0)
    return walk.problems


@jinja2.pass_environment
def _first(environment: jinja2.Environment, value: Any) -> Any:
    if isinstance(value, str):
        return value[:1]
    return jinja2.filters.do_first(environment, value)


@jinja2.pass_environment
def _last(environment: jinja2.Environment, value: Any) -> Any:
    if isinstance(value, str):
        return value[-1:]
    return jinja2.filters.do_last(environment, value)


class DocumentEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, no globals, few filters; every source checked before it runs."""

    def __init__(self, names: Names):
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self.filters = {name: self.filters[name] for name in ALLOWED_FILTERS}
        # The first and last letter of a text without looping over it (`Text` refuses loops).
        self.filters["first"] = _first
        self.filters["last"] = _last
        self.tests = {name: self.tests[name] for name in ALLOWED_TESTS}
        self.globals = {}
        self.allowed_names = names

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        problems = template_problems(tree, self.allowed_names)
        if problems:
            raise TemplateNotAllowed(problems)
        return tree


def describe_problems(problems: list[str]) -> str:
    """The refusal in plain words, for an administrator."""
    return _("it uses what a document template may not: %(what)s") % {"what": "; ".join(problems)}
