"""The django-tasks backend: `.enqueue()` writes a row; `tegak worker` runs it."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued
from django_tasks.utils import normalize_json

from tegak.core import onerow
from tegak.jobs import policy
from tegak.jobs.models import Job

T = TypeVar("T")


class JobBackend(BaseTaskBackend):
    """Jobs in the project's own database (SQLite or PostgreSQL), leased, retried, scheduled."""

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        # (function, priority, queue, takes context, backend) of the tasks already checked
        self._valid: set[tuple[Any, ...]] = set()

    supports_defer = True
    supports_async_task = False
    supports_get_result = True
    supports_priority = True

    def validate_task(self, task: Task) -> None:
        """django-tasks' checks, once per task and settings: they read the function's
        signature, which cost more than writing the job row. A task with a `run_after` is
        checked every time (its date is part of what is checked)."""
        if task.run_after is not None:
            super().validate_task(task)
            return
        key = (task.func, task.priority, task.queue_name, task.takes_context, task.backend)
        if key not in self._valid:
            super().validate_task(task)
            self._valid.add(key)

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        """Store the job; it runs once it is available and a worker is free."""
        self.validate_task(task)
        job = Job(
            task_path=task.module_path,
            args=normalize_json(list(args)),
            kwargs=normalize_json(dict(kwargs)),
            queue_name=task.queue_name,
            priority=task.priority,
            backend_name=self.alias,
            available_at=task.run_after or timezone.now(),
            deferred=task.run_after is not None,
            max_attempts=policy.max_attempts(task.module_path),
        )
        onerow.insert(job)
        result = result_of(job, task)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:
        try:
            job = Job.objects.get(pk=result_id)
        except (Job.DoesNotExist, ValidationError) as error:
            raise TaskResultDoesNotExist(result_id) from error
        return result_of(job)


def task_of(job: Job) -> Task:
    """The Task a job calls, with the job's own priority and queue."""
    task = import_string(job.task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{job.task_path} is not a task")
    return task.using(
        priority=job.priority,
        queue_name=job.queue_name,
        run_after=job.available_at if job.deferred else None,
        backend=job.backend_name,
    )


def result_of(job: Job, task: Task | None = None) -> TaskResult:
    """The django-tasks view of a job."""
    result: TaskResult = TaskResult(
        task=task or task_of(job),
        id=str(job.pk),
        status=TaskResultStatus(job.status),
        enqueued_at=job.enqueued_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        last_attempted_at=job.last_attempted_at,
        args=job.args,
        kwargs=job.kwargs,
        backend=job.backend_name,
        errors=[
            TaskError(
                exception_class_path=error.get("exception_class_path", ""),
                traceback=error.get("traceback", ""),
            )
            for error in job.errors
        ],
        worker_ids=list(job.worker_ids),
    )
    object.__setattr__(result, "_return_value", job.return_value)
    return result
