"""Background jobs of accounts (scheduled by `tegak worker`, see PERIODIC_JOBS)."""

from __future__ import annotations

import logging
from datetime import timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def prune_sessions() -> dict[str, int]:
    """Remove expired sessions and login records past their keeping time (UU 27/2022: personal
    data kept no longer than its purpose needs; the purpose here is security review)."""
    now = timezone.now()
    expired_sessions = Session.objects.filter(expire_date__lt=now).count()
    # The session engine's own clean-up (the database engine deletes expired rows).
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    keep_until = now - timedelta(days=settings.LOGIN_RECORDS_KEEP_DAYS)
    cooled_off = now - timedelta(hours=settings.AXES_COOLOFF_TIME)
    removed = {
        "sessions": expired_sessions,
        "login_records": AccessLog.objects.filter(attempt_time__lt=keep_until).delete()[0],
        "failed_login_records": AccessFailureLog.objects.filter(
            attempt_time__lt=keep_until
        ).delete()[0],
        "lockout_counters": AccessAttempt.objects.filter(attempt_time__lt=cooled_off).delete()[0],
    }
    logger.info("pruned %s", ", ".join(f"{count} {name}" for name, count in removed.items()))
    return removed
