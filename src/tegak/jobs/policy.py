"""How often a job is tried, how long it waits between tries, how long a worker may hold it."""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings


def max_attempts(task_path: str) -> int:
    """Tries a job gets: the default for every job (jobs are idempotent, STYLE.md rule 7) unless
    `JOB_POLICIES` says otherwise for a job that must not run twice."""
    policy = settings.JOB_POLICIES.get(task_path, {})
    return max(1, int(policy.get("max_attempts", settings.JOB_MAX_ATTEMPTS)))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff with jitter after the given number of tries: base, 2×base, 4×base…
    up to the cap, each shortened by up to a half so that many failed jobs do not return at
    once."""
    base = settings.JOB_RETRY_BASE_SECONDS
    ceiling = settings.JOB_RETRY_MAX_SECONDS
    delay = min(ceiling, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * random.uniform(0.5, 1.0))


def lease() -> timedelta:
    """How long a claimed job belongs to its worker without a heartbeat."""
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


def heartbeat_seconds() -> float:
    """A worker renews its lease three times per lease, so one missed beat loses nothing."""
    return max(0.2, settings.JOB_LEASE_SECONDS / 3)


def time_limit_seconds() -> int:
    """A job still running after this long is treated as hung: its worker stops and is
    replaced, and the job is retried (or failed) like any other."""
    return int(settings.JOB_TIME_LIMIT_SECONDS)


def write_patience() -> timedelta:
    """How long a worker keeps trying to write its own bookkeeping (a job's outcome, its
    registration) while the database is busy: a lease, after which the job's reclaim takes it
    back anyway and tries it again."""
    return lease()


def grown_too_large() -> bool:
    """Whether this process's peak memory passed `TEGAK_WORKER_RECYCLE_MB` (0: never): the
    worker then ends after its job and is replaced, since the memory a job once took is not
    given back to the system (second red-team pass of 2026-12-07)."""
    import resource

    limit = int(settings.WORKER_RECYCLE_MB)
    if limit <= 0:
        return False
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return peak_kb > limit * 1024
