"""Loading the fictional demo agency. Each app adds an idempotent loader to DEMO_LOADERS."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from typing import Any

# Dotted paths of `load(out)` functions, in dependency order. Running them twice changes nothing.
DEMO_LOADERS: list[str] = [
    "tegak.people.demo.load",
    "tegak.accounts.demo.load",
    "tegak.intake.demo.load",
    "tegak.attendance.demo.load",
    "tegak.cases.demo.load",
    "tegak.hearings.demo.load",
    "tegak.documents.demo.load",
    "tegak.portal.demo.load",
]


def load_demo(out: Any) -> None:
    """Run every loader in order (an app that has no demo module yet is passed over)."""
    for dotted in DEMO_LOADERS:
        module_name, function_name = dotted.rsplit(".", 1)
        if find_spec(module_name) is None:
            continue
        loader: Callable[[Any], None] = getattr(import_module(module_name), function_name)
        loader(out)
