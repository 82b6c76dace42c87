"""The worker's bookkeeping writes wait out a busy database for a bounded time."""

from __future__ import annotations

import itertools
import logging
import time

import pytest
from django.db.utils import OperationalError
from django.utils import timezone

from tegak.jobs.models import WorkerProcess
from tegak.jobs.patience import patiently

pytestmark = pytest.mark.django_db


def _busy_for(tries: int):
    """A write that finds the database busy the first `tries` times, then writes for real."""
    calls = []

    def write() -> int:
        calls.append(time.monotonic())
        if len(calls) <= tries:
            raise OperationalError("database is locked")
        WorkerProcess.objects.create(
            worker_id="w", hostname="h", pid=1, started_at=timezone.now(), seen_at=timezone.now()
        )
        return len(calls)

    return write, calls


def test_a_write_that_meets_a_busy_database_is_tried_again_after_short_pauses(caplog):
    write, calls = _busy_for(3)
    with caplog.at_level(logging.WARNING, logger="tegak.jobs.patience"):
        assert patiently(write, what="test write", within=5) == 4
    assert WorkerProcess.objects.filter(worker_id="w").count() == 1
    pauses = [later - earlier for earlier, later in itertools.pairwise(calls)]
    assert all(0.001 < pause < 0.25 for pause in pauses)  # milliseconds, not seconds
    assert "test write: written after waiting" in caplog.text


def test_a_database_busy_past_the_patience_is_given_up_with_an_error(caplog):
    write, calls = _busy_for(10_000)
    started = time.monotonic()
    with (
        caplog.at_level(logging.ERROR, logger="tegak.jobs.patience"),
        pytest.raises(OperationalError),
    ):
        patiently(write, what="test write", within=0.3)
    assert 0.3 <= time.monotonic() - started < 1.5
    assert 3 < len(calls) < 200  # tried again and again, with growing pauses between
    assert "test write: database busy or unreachable" in caplog.text
    assert not WorkerProcess.objects.exists()


def test_the_default_patience_is_the_lease(settings):
    settings.JOB_LEASE_SECONDS = 0.2
    write, _calls = _busy_for(10_000)
    started = time.monotonic()
    with pytest.raises(OperationalError):
        patiently(write, what="test write")
    assert 0.2 <= time.monotonic() - started < 1.0
