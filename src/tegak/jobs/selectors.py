"""What the operators' page shows: the queue, the workers, the periodic work, the dead letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from tegak.jobs import periodic, policy
from tegak.jobs.models import Job, JobStatus, WorkerProcess


@dataclass(frozen=True)
class QueueState:
    ready_now: int
    waiting: int
    retrying: int
    running: int
    failed: int


@dataclass(frozen=True)
class PeriodicState:
    name: str
    task_path: str
    last_slot_job: Job | None


def queue_state(now: datetime | None = None) -> QueueState:
    """How many jobs are in each state (the failed ones not yet dismissed)."""
    now = now or timezone.now()
    ready = Job.objects.filter(status=JobStatus.READY)
    return QueueState(
        ready_now=ready.filter(available_at__lte=now).count(),
        waiting=ready.filter(available_at__gt=now, attempts=0).count(),
        retrying=ready.filter(available_at__gt=now, attempts__gt=0).count(),
        running=Job.objects.filter(status=JobStatus.RUNNING).count(),
        failed=failed_jobs().count(),
    )


def failed_jobs() -> QuerySet[Job]:
    """The dead letter: failed for good and not dismissed, newest first."""
    return Job.objects.filter(status=JobStatus.FAILED, dismissed_at__isnull=True).order_by(
        "-finished_at"
    )


def live_workers(now: datetime | None = None) -> QuerySet[WorkerProcess]:
    """Worker processes whose last heartbeat is recent (three beats)."""
    now = now or timezone.now()
    return WorkerProcess.objects.filter(seen_at__gte=now - policy.lease()).order_by("started_at")


def periodic_states() -> list[PeriodicState]:
    """Each schedule with the job of its most recent enqueued slot."""
    states = []
    for schedule in periodic.schedules():
        last = (
            Job.objects.filter(unique_key__startswith=f"{schedule.name}@")
            .order_by("-enqueued_at")
            .first()
        )
        states.append(PeriodicState(schedule.name, schedule.task_path, last))
    return states


def failed_counts_by_task() -> list[dict[str, Any]]:
    return list(failed_jobs().values("task_path").annotate(count=Count("id")).order_by("-count"))
