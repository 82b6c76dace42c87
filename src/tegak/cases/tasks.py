"""Background jobs of the case file (run by `tegak worker`): they take ids and are idempotent."""

from __future__ import annotations

from django_tasks import task

from tegak.cases.reminders import clocks_sweep as _sweep


@task()
def clock_check(clock_ids: list[int]) -> dict[str, int]:
    """Remind before a deadline, escalate after it; running twice sends nothing twice."""
    return _sweep(clock_ids=clock_ids)


@task()
def clocks_sweep_all() -> dict[str, int]:
    """Look at every open clock (for `tegak cases sweep` or a daily schedule)."""
    return _sweep(clock_ids=None)
