"""Who may see the background jobs: the installation's operators (its superusers)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from tegak.jobs.models import Job


def can_operate_jobs(user: Any) -> bool:
    """Superusers only. The queue, the workers and the periodic work are the installation's,
    and a job carries only ids, no instansi: an administrator of one instansi saw every
    agency's failed jobs and could retry or dismiss them (red-team pass, docs/security.md)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


def can_read_job_errors(user: Any) -> bool:
    """An error's message and traceback may quote data: superusers only."""
    return bool(getattr(user, "is_superuser", False))


def job_for(user: Any, job_id: uuid.UUID) -> Job:
    """One job, or 404 for anyone who may not operate jobs."""
    if not can_operate_jobs(user):
        raise Http404
    try:
        return Job.objects.get(pk=job_id)
    except Job.DoesNotExist as error:
        raise Http404 from error
