"""The jobs app's own periodic work."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from tegak.jobs import policy
from tegak.jobs.models import Job, JobStatus, WorkerProcess

logger = logging.getLogger(__name__)


@task()
def housekeeping() -> dict[str, int]:
    """Forget finished jobs after JOB_RESULTS_KEEP_DAYS (failed ones only once an administrator
    dismissed them) and workers that vanished long ago."""
    now = timezone.now()
    keep_until = now - timedelta(days=settings.JOB_RESULTS_KEEP_DAYS)
    removed = {
        "jobs_done": Job.objects.filter(
            status=JobStatus.SUCCESSFUL, finished_at__lt=keep_until
        ).delete()[0],
        "jobs_failed_dismissed": Job.objects.filter(
            status=JobStatus.FAILED, dismissed_at__lt=keep_until
        ).delete()[0],
        "workers_gone": WorkerProcess.objects.filter(
            seen_at__lt=now - 10 * policy.lease()
        ).delete()[0],
    }
    logger.info("job housekeeping removed %s", removed)
    return removed


@task()
def storage_sweep() -> dict[str, Any]:
    """Temporary uploads and stored files without a row, older than the grace period: removed,
    and said (audit event `storage.swept`, and this job's result)."""
    from tegak.jobs.sweep import sweep

    return sweep().as_dict()
