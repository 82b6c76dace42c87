"""Writes an operator makes on the dead letter: try a failed job again, or dismiss it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.jobs import policy
from tegak.jobs.access import can_operate_jobs
from tegak.jobs.models import Job, JobStatus


def job_retry(*, actor: Any, job: Job) -> Job:
    """Give a failed job a fresh set of tries, now."""
    if not can_operate_jobs(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.FAILED:
            raise InputError("job", _("Only a failed job can be tried again."))
        locked.status = JobStatus.READY
        locked.available_at = timezone.now()
        locked.attempts = 0
        locked.max_attempts = policy.max_attempts(locked.task_path)
        locked.finished_at = None
        locked.dismissed_at = None
        locked.dismissed_by = None
        locked.save()
        audit_record(
            actor=actor,
            action="job.retried",
            target=locked,
            data={"task": locked.task_path, "tries_before": len(locked.errors)},
        )
    return locked


def job_dismiss(*, actor: Any, job: Job) -> Job:
    """Take a failed job off the list (it is kept, then forgotten with the old results)."""
    if not can_operate_jobs(actor):
        raise PermissionDenied
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.FAILED or locked.dismissed_at is not None:
            raise InputError("job", _("Only a failed job still on the list can be dismissed."))
        locked.dismissed_at = timezone.now()
        locked.dismissed_by = actor
        locked.save(update_fields=["dismissed_at", "dismissed_by"])
        audit_record(
            actor=actor, action="job.dismissed", target=locked, data={"task": locked.task_path}
        )
    return locked
