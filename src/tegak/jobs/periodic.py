"""Periodic work scheduled by `tegak worker` itself (no cron).

`settings.PERIODIC_JOBS` maps a schedule name to a task and either `every_minutes` (slots
aligned on the hour and the day, in UTC) or `daily_at` ("HH:MM", in the server's time zone).
Every worker looks at the schedules every few seconds and enqueues the **latest slot that has
come**, under the unique key `<name>@<slot>`: however many workers on however many machines do
this at once, the database lets exactly one of them insert the row. A worker that was stopped
for a day catches up with one run, not with every slot it missed (the periodic jobs sweep
everything due, so one run is enough).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tegak.jobs import policy
from tegak.jobs.models import Job

logger = logging.getLogger(__name__)
EPOCH = datetime(2000, 1, 3, tzinfo=UTC)  # a Monday: slots of a week or a day line up


@dataclass(frozen=True)
class Schedule:
    name: str
    task_path: str
    every: timedelta | None = None
    daily_at: time | None = None

    def latest_slot(self, now: datetime) -> datetime:
        """The most recent moment, not after `now`, at which this schedule is due."""
        if self.every is not None:
            periods = (now - EPOCH) // self.every
            return EPOCH + periods * self.every
        assert self.daily_at is not None
        local = timezone.localtime(now)
        due = timezone.make_aware(datetime.combine(local.date(), self.daily_at))
        if due > now:
            due = timezone.make_aware(
                datetime.combine(local.date() - timedelta(days=1), self.daily_at)
            )
        return due

    def key(self, slot: datetime) -> str:
        return f"{self.name}@{slot.astimezone(UTC).isoformat(timespec='minutes')}"


class ScheduleError(ValueError):
    pass


def schedules() -> list[Schedule]:
    """The configured schedules, minus those switched off (`TEGAK_PERIODIC_JOBS_OFF`)."""
    switched_off = set(settings.PERIODIC_JOBS_OFF)
    found = []
    for name, spec in settings.PERIODIC_JOBS.items():
        if name in switched_off:
            continue
        found.append(parse(name, spec))
    return found


def parse(name: str, spec: dict[str, object]) -> Schedule:
    """One entry of `PERIODIC_JOBS`, checked."""
    task_path = spec.get("task")
    if not isinstance(task_path, str) or not task_path:
        raise ScheduleError(f"PERIODIC_JOBS[{name!r}] needs a 'task' path")
    every_minutes = spec.get("every_minutes")
    daily_at = spec.get("daily_at")
    if (every_minutes is None) == (daily_at is None):
        raise ScheduleError(f"PERIODIC_JOBS[{name!r}] needs either 'every_minutes' or 'daily_at'")
    if every_minutes is not None:
        if not isinstance(every_minutes, int) or not 1 <= every_minutes <= 7 * 24 * 60:
            raise ScheduleError(f"PERIODIC_JOBS[{name!r}]['every_minutes'] must be 1..10080")
        return Schedule(name, task_path, every=timedelta(minutes=every_minutes))
    try:
        moment = time.fromisoformat(str(daily_at))
    except ValueError as error:
        raise ScheduleError(f"PERIODIC_JOBS[{name!r}]['daily_at'] must be HH:MM") from error
    return Schedule(name, task_path, daily_at=moment)


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every schedule's latest slot unless some worker already did; the keys enqueued."""
    now = now or timezone.now()
    enqueued = []
    for schedule in schedules():
        key = schedule.key(schedule.latest_slot(now))
        if Job.objects.filter(unique_key=key).exists():
            continue
        try:
            with transaction.atomic():
                Job.objects.create(
                    task_path=schedule.task_path,
                    available_at=now,
                    max_attempts=policy.max_attempts(schedule.task_path),
                    unique_key=key,
                )
        except IntegrityError:
            continue  # another worker enqueued this slot a moment ago
        enqueued.append(key)
        logger.info("periodic job enqueued: %s", key)
    return enqueued
