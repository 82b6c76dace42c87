"""Subscriptions to audit events: handlers run in the transaction or after it commits, never after
a rollback, and only for the actions they asked for."""

from __future__ import annotations

import pytest
from django.db import transaction

from tegak.audit import events
from tegak.audit.models import AuditEvent
from tegak.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    seen: list[tuple[str, str]] = []
    made = []

    def listen(pattern: str, when: str) -> None:
        def handler(event) -> None:
            seen.append((when, event.action))

        made.append(events.subscribe(pattern, handler, when=when))

    yield listen, seen
    for subscription in made:
        events.unsubscribe(subscription)


def test_in_transaction_handlers_run_at_once_and_commit_handlers_after_commit(
    heard, django_capture_on_commit_callbacks
):
    listen, seen = heard
    listen("test.thing_*", events.IN_TRANSACTION)
    listen("test.thing_done", events.ON_COMMIT)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        audit_record(actor=None, action="test.thing_done")
        assert seen == [("transaction", "test.thing_done")]
    assert seen == [("transaction", "test.thing_done"), ("commit", "test.thing_done")]


def test_a_rolled_back_event_reaches_no_commit_handler(heard, django_capture_on_commit_callbacks):
    listen, seen = heard
    listen("test.*", events.ON_COMMIT)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        audit_record(actor=None, action="test.thing_done")
        raise RuntimeError("the step failed")
    assert callbacks == [] and seen == []


def test_other_actions_reach_no_handler(heard, django_capture_on_commit_callbacks):
    listen, seen = heard
    listen("test.thing_done", events.IN_TRANSACTION)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        audit_record(actor=None, action="test.thing_undone")
        audit_record(actor=None, action="other.thing_done")
    assert seen == []


def test_an_in_transaction_handler_that_fails_rolls_the_step_back():
    def refuse(event) -> None:
        raise ValueError("no")

    subscription = events.subscribe("test.refused", refuse, when=events.IN_TRANSACTION)
    try:
        with pytest.raises(ValueError), transaction.atomic():
            audit_record(actor=None, action="test.refused")
    finally:
        events.unsubscribe(subscription)
    assert not AuditEvent.objects.filter(action="test.refused").exists()


def test_subscribing_twice_keeps_one_subscription_and_when_is_checked():
    def handler(event) -> None:
        return None

    first = events.subscribe("test.twice", handler)
    second = events.subscribe("test.twice", handler)
    try:
        assert first == second
        assert [each for each in events.subscriptions("test.twice") if each.handler is handler] == [
            first
        ]
    finally:
        events.unsubscribe(first)
    with pytest.raises(ValueError):
        events.subscribe("test.twice", handler, when="later")
