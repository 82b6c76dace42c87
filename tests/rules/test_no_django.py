"""The law lives in plain Python: no module under tegak.rules imports Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tegak.rules

PACKAGE = Path(tegak.rules.__file__).parent


def test_no_module_imports_django_in_the_source():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] in {"django", "ninja"}
            ]
            offenders += [
                f"{path.name}: {name}"
                for name in names
                if name.startswith("tegak.") and not name.startswith("tegak.rules")
            ]
    assert offenders == []


def test_importing_the_package_loads_no_django():
    code = (
        "import sys, tegak.rules, tegak.rules.cli;"
        "import tegak.rules as r;"
        "r.assess({'employee': {'status': 'PNS', 'position': 'pelaksana',"
        " 'instansi_level': 'pusat'},"
        " 'offences': [{'provision': 'pp-94-2021:5:a', 'committed_on': '2024-01-02'}]});"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
