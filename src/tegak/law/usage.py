"""Which stored findings relied on a version of the instansi's configuration.

The case file sits above `law`, so it tells `law` how to look: an upper app registers a checker
(at start-up, in its `AppConfig.ready`) that answers, for a version label such as
`local:kota-uji:tkk@12`, the open cases whose stored finding used it.
"""

from __future__ import annotations

from collections.abc import Callable

Checker = Callable[[str], list[str]]

_CHECKERS: list[Checker] = []


def register_usage_checker(checker: Checker) -> None:
    """Add a checker (idempotent: the same function is kept once)."""
    if checker not in _CHECKERS:
        _CHECKERS.append(checker)


def open_findings_using(version_label: str) -> list[str]:
    """Short descriptions (e.g. register numbers) of open cases whose finding used the version."""
    found: list[str] = []
    for checker in _CHECKERS:
        found.extend(checker(version_label))
    return found
