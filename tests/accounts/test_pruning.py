"""The worker prunes expired sessions and login records past their keeping time (#12 item 9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from tegak.accounts.tasks import prune_sessions
from tegak.jobs.runner import drain

pytestmark = pytest.mark.django_db


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["who"] = "someone"
    store.set_expiry(timezone.now() + expires_in)
    store.save()
    return store.session_key


def _login_record(model, days_ago: int):
    record = model.objects.create(
        user_agent="Firefox", ip_address="10.0.0.1", username="petugas", http_accept="*/*"
    )
    model.objects.filter(pk=record.pk).update(
        attempt_time=timezone.now() - timedelta(days=days_ago)
    )
    return record


def test_expired_sessions_and_old_login_records_go_recent_ones_stay(settings):
    settings.LOGIN_RECORDS_KEEP_DAYS = 90
    live = _session(timedelta(hours=1))
    expired = _session(timedelta(seconds=-1))
    old_log, new_log = _login_record(AccessLog, 120), _login_record(AccessLog, 10)
    old_failure = _login_record(AccessFailureLog, 91)
    new_failure = _login_record(AccessFailureLog, 1)
    stale_counter = AccessAttempt.objects.create(
        user_agent="x",
        ip_address="10.0.0.2",
        username="a",
        http_accept="*/*",
        failures_since_start=3,
    )
    AccessAttempt.objects.filter(pk=stale_counter.pk).update(
        attempt_time=timezone.now() - timedelta(hours=1)
    )

    prune_sessions.enqueue()
    assert drain() == 1

    assert set(Session.objects.values_list("session_key", flat=True)) == {live}
    assert expired not in Session.objects.values_list("session_key", flat=True)
    assert list(AccessLog.objects.all()) == [new_log]
    assert list(AccessFailureLog.objects.all()) == [new_failure]
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert not AccessFailureLog.objects.filter(pk=old_failure.pk).exists()
    assert not AccessAttempt.objects.exists()  # past the 15-minute cool-off: it counted no more
