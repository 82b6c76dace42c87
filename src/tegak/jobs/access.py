"""Who may see the background jobs: the installation's operators."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from tegak.accounts.models import Role, RoleAssignment
from tegak.jobs.models import Job


def can_operate_jobs(user: Any) -> bool:
    """Superusers and every instansi's administrators (jobs carry only ids, no instansi)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()


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
