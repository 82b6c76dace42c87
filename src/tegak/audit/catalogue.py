"""The catalogue of audit events: each app names its actions in one enum (`models.TextChoices`:
the action and its label, English message id with an Indonesian translation) and says which keys
each event's data carries.

An app registers its enum from `AppConfig.ready()`:

    catalogue.register(JobAction, keys={JobAction.RETRIED: {"task", "tries_before"}, ...})

From then on `audit_record` refuses, in that app's namespace (the action's first part, `job.`),
an action that is not in the enum or data with a key the catalogue does not list — a programming
error, raised before anything is written. Namespaces not yet catalogued are listed in
`tests/audit/test_catalogue.py:UNCATALOGUED`, which may only shrink.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class EventKind:
    action: str
    label: Any  # a lazy translation
    keys: frozenset[str]


_kinds: dict[str, EventKind] = {}
_namespaces: set[str] = set()


def namespace_of(action: str) -> str:
    return action.split(".", 1)[0]


def register(actions: type[models.TextChoices], *, keys: Mapping[Any, Iterable[str]]) -> None:
    """Catalogue every action of one app's enum (all in one namespace), with its data keys."""
    missing = {str(action) for action in actions} - {str(action) for action in keys}
    if missing:
        raise ValueError(f"data keys not given for {sorted(missing)}")
    namespaces = {namespace_of(str(action)) for action in actions}
    if len(namespaces) != 1:
        raise ValueError(f"one namespace per enum, not {sorted(namespaces)}")
    for action in actions:
        _kinds[str(action)] = EventKind(str(action), action.label, frozenset(keys[action]))
    _namespaces.update(namespaces)


def kind_of(action: str) -> EventKind | None:
    return _kinds.get(action)


def label(action: str) -> str:
    """The action's label in the active language (the action itself if uncatalogued)."""
    kind = _kinds.get(action)
    return str(kind.label) if kind else action


def check(action: str, data: Mapping[str, Any]) -> None:
    """Refuse an uncatalogued action, or undeclared data keys, in a catalogued namespace."""
    if namespace_of(action) not in _namespaces:
        return
    kind = _kinds.get(action)
    if kind is None:
        raise ValueError(f"audit action {action!r} is not in its app's catalogue of events")
    extra = set(data) - kind.keys
    if extra:
        raise ValueError(f"audit action {action!r} does not carry {sorted(extra)}")


def catalogued_namespaces() -> frozenset[str]:
    return frozenset(_namespaces)
