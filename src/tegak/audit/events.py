"""Subscriptions to audit events: how a lower app makes upper apps act without importing them.

A service records its one audit event (`tegak.audit.services.audit_record`) as always. An upper
app that must react — the portal refreshing its register after a step of a case — subscribes to
the actions it cares about in its `AppConfig.ready()`:

    from tegak.audit import events
    events.subscribe("case.*", refresh_register, when=events.ON_COMMIT)

`when=IN_TRANSACTION` runs the handler inside the service's transaction, right after the event is
written (an exception then rolls the whole step back); `when=ON_COMMIT` runs it once the
transaction has committed and never if it rolls back — the place to enqueue a job. Patterns are
shell-style (`fnmatch`): `"case.opened"`, `"case.*"`, `"*"`. Handlers receive the stored
`AuditEvent` and must not record audit events of their own inside the transaction (one event per
service call).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from tegak.audit.models import AuditEvent

IN_TRANSACTION = "transaction"
ON_COMMIT = "commit"

Handler = Callable[["AuditEvent"], None]


@dataclass(frozen=True)
class Subscription:
    pattern: str
    handler: Handler
    when: str


_subscriptions: list[Subscription] = []


def subscribe(pattern: str, handler: Handler, *, when: str = ON_COMMIT) -> Subscription:
    """Call `handler(event)` for every recorded event whose action matches `pattern`.

    Subscribing the same handler to the same pattern twice (an app's `ready()` run again) keeps
    one subscription."""
    if when not in (IN_TRANSACTION, ON_COMMIT):
        raise ValueError(f"when must be {IN_TRANSACTION!r} or {ON_COMMIT!r}, not {when!r}")
    subscription = Subscription(pattern=pattern, handler=handler, when=when)
    if subscription not in _subscriptions:
        _subscriptions.append(subscription)
    return subscription


def unsubscribe(subscription: Subscription) -> None:
    """Remove a subscription (tests that subscribe for their own duration)."""
    if subscription in _subscriptions:
        _subscriptions.remove(subscription)


def subscriptions(action: str) -> list[Subscription]:
    """The subscriptions that an event with this action reaches, in the order they were made."""
    return [each for each in _subscriptions if fnmatchcase(action, each.pattern)]


def publish(event: AuditEvent) -> None:
    """Hand a just-written event to its subscribers (called by `audit_record` only)."""
    for subscription in subscriptions(event.action):
        if subscription.when == IN_TRANSACTION:
            subscription.handler(event)
        else:
            transaction.on_commit(partial(subscription.handler, event))
