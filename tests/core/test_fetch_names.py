"""One fetch idiom (ADR 0020): an object the actor may act on is fetched with
`<thing>_for(actor, …)` from the app's `access.py`, answering 404 out of scope. The older
`*_get` / `get_*_or_404` spellings are gone and must not come back (#18)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import tegak

SOURCE = Path(tegak.__file__).parent
OLD_NAME = re.compile(r"^(get_\w+_or_404|\w+_get)$")


def _old_names(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and OLD_NAME.match(node.name):
            found.append((node.lineno, node.name))
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name == "get_object_or_404":
                found.append((node.lineno, name))
    return found


def test_no_fetch_is_named_outside_the_for_idiom():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if "migrations/" in relative:
            continue
        for line, name in _old_names(ast.parse(path.read_text())):
            offenders.append(f"{relative}:{line}: {name}")
    assert offenders == []


def test_the_guard_sees_the_old_spellings():
    code = (
        "def case_get(actor, pk): ...\n"
        "def get_unit_or_404(user, pk): ...\n"
        "def case_for(actor, pk): return get_object_or_404(Case, pk=pk)\n"
    )
    assert [name for _, name in _old_names(ast.parse(code))] == [
        "case_get",
        "get_unit_or_404",
        "get_object_or_404",
    ]
