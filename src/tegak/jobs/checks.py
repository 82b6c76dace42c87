"""A wrong PERIODIC_JOBS or JOB_POLICIES entry is reported when Tegak starts, not at 02.30."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string
from django_tasks.base import Task

from tegak.jobs.periodic import ScheduleError, parse


def _task_error(path: str, where: str) -> checks.Error | None:
    try:
        found = import_string(path)
    except ImportError:
        return checks.Error(f"{where}: no task at {path!r}", id="tegak.jobs.E001")
    if not isinstance(found, Task):
        return checks.Error(f"{where}: {path!r} is not a @task()", id="tegak.jobs.E001")
    return None


@checks.register()
def check_job_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for name, spec in settings.PERIODIC_JOBS.items():
        try:
            schedule = parse(name, spec)
        except ScheduleError as error:
            errors.append(checks.Error(str(error), id="tegak.jobs.E002"))
            continue
        if problem := _task_error(schedule.task_path, f"PERIODIC_JOBS[{name!r}]"):
            errors.append(problem)
    for path in settings.JOB_POLICIES:
        if problem := _task_error(path, "JOB_POLICIES"):
            errors.append(problem)
    return errors
