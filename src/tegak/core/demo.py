"""Loading the fictional demo agency. Each app adds an idempotent loader to DEMO_LOADERS."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

# Dotted paths of `load(out)` functions, in dependency order. Running them twice changes nothing.
DEMO_LOADERS: list[str] = [
    "tegak.people.demo.load",
    "tegak.accounts.demo.load",
]


def load_demo(out: TextIO) -> None:
    """Run every loader in order."""
    for dotted in DEMO_LOADERS:
        module_name, function_name = dotted.rsplit(".", 1)
        loader: Callable[[TextIO], None] = getattr(import_module(module_name), function_name)
        loader(out)
