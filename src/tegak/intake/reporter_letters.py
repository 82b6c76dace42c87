"""Letters an upper app offers the reporter on the tracking page (the pemberitahuan hasil,
UU 25/2009 Pasal 50 ayat (9)).

Intake sits below `documents` and may not import it (docs/DEVELOPING.md, "Layers"): the
documents app registers, from its `AppConfig.ready()`, how to find the letters addressed to a
report's complainant and how to read one as a file; the tracking page asks here (pulling).
Without a registration there is nothing to offer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (find the letters for a report, read one: (bytes, content type, file extension))
Finder = Callable[[Any], list[Any]]
Reader = Callable[[Any], tuple[bytes, str, str]]
_PROVIDER: list[tuple[Finder, Reader]] = []


def register(find: Finder, read: Reader) -> None:
    """Set the provider (the documents app, once at start-up)."""
    _PROVIDER[:] = [(find, read)]


def letters_for(report: Any) -> list[Any]:
    """The letters addressed to this report's complainant, in the order the page lists them."""
    return _PROVIDER[0][0](report) if _PROVIDER else []


def read(letter: Any) -> tuple[bytes, str, str]:
    """The letter's PDF: its bytes, content type and file extension."""
    if not _PROVIDER:
        raise LookupError("no provider of reporter letters is registered")
    return _PROVIDER[0][1](letter)
