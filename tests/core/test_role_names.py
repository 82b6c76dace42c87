"""Staff roles are spelled one way, `tegak.core.access.Role`: no role name written as a string
where a role is compared, filtered on or listed (#18: 79 role-name literals were found)."""

from __future__ import annotations

import ast
from pathlib import Path

import tegak
from tegak.core.access import Role

SOURCE = Path(tegak.__file__).parent
ROLE_NAMES = {str(role) for role in Role}
# The law's own words for officials (the engine's authority roles), fixtures and history.
SKIPPED = ("rules/", "migrations/", "people/demo/")


def _role_strings(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def is_role(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in ROLE_NAMES
        )

    for node in ast.walk(tree):
        candidates: list[ast.AST] = []
        if isinstance(node, ast.keyword) and node.arg and "role" in node.arg:
            candidates.append(node.value)
            if isinstance(node.value, ast.List | ast.Set | ast.Tuple):
                candidates += node.value.elts
        elif isinstance(node, ast.Set):
            candidates += node.elts
        elif isinstance(node, ast.Compare):
            candidates += [node.left, *node.comparators]
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.List | ast.Set | ast.Tuple):
                    candidates += side.elts
        found += [(item.lineno, item.value) for item in candidates if is_role(item)]  # type: ignore[attr-defined]
    return found


def test_no_role_name_is_written_as_a_string():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith(SKIPPED):
            continue
        for line, name in _role_strings(ast.parse(path.read_text())):
            offenders.append(f"{relative}:{line}: {name!r}")
    assert offenders == []


def test_the_guard_sees_a_role_written_as_a_string():
    code = (
        'def f(user, roles):\n    return "examiner" in roles or user.roles.filter(role="auditor")'
    )
    assert [name for _, name in _role_strings(ast.parse(code))] == ["examiner", "auditor"]
