"""One row per job; one row per live worker process."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobStatus(models.TextChoices):
    """The django-tasks statuses; FAILED is final (the dead letter), a retry waits as READY."""

    READY = "READY", pgettext_lazy("job status", "Waiting")
    RUNNING = "RUNNING", pgettext_lazy("job status", "Running")
    SUCCESSFUL = "SUCCESSFUL", pgettext_lazy("job status", "Done")
    FAILED = "FAILED", pgettext_lazy("job status", "Failed")


class Job(models.Model):
    """A call of a task: what to run, when, by whom, how often it was tried, what came out."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_path = models.CharField(max_length=255)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    queue_name = models.CharField(max_length=32, default="default")
    priority = models.SmallIntegerField(default=0)
    backend_name = models.CharField(max_length=32, default="default")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.READY)
    # When the job may next be claimed: at enqueue (or its run_after), then after each backoff.
    available_at = models.DateTimeField()
    deferred = models.BooleanField(default=False, help_text="enqueued with a run_after")
    enqueued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    last_attempted_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    worker_id = models.CharField(max_length=64, blank=True)
    worker_ids = models.JSONField(default=list)
    # A running job belongs to its worker only until this moment; the worker's heartbeat moves
    # it forward. Past it, any worker may take the job back (the worker is presumed dead).
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    return_value = models.JSONField(null=True, blank=True)
    # [{"exception_class_path", "message", "traceback", "at", "worker_id"}], one per failed try.
    errors = models.JSONField(default=list)
    # Periodic work: "<schedule name>@<slot>" so that many workers enqueue each slot once.
    unique_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # The dead letter: a failed job stays visible until an administrator retries or dismisses it.
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(
                fields=["queue_name", "-priority", "available_at"],
                name="jobs_ready_idx",
                condition=Q(status="READY"),
            ),
            models.Index(
                fields=["lease_expires_at"], name="jobs_running_idx", condition=Q(status="RUNNING")
            ),
            models.Index(fields=["status", "finished_at"], name="jobs_finished_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__gte=-100, priority__lte=100), name="jobs_priority_range"
            ),
            models.CheckConstraint(
                condition=~Q(status="RUNNING") | Q(lease_expires_at__isnull=False),
                name="jobs_running_has_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_path} ({self.status})"

    @property
    def task_name(self) -> str:
        return self.task_path.rsplit(".", 1)[-1]

    @property
    def last_error(self) -> dict[str, str]:
        return self.errors[-1] if self.errors else {}


class WorkerProcess(models.Model):
    """A `tegak worker` process that said it is alive (its row goes when it stops cleanly)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker process")
        verbose_name_plural = _("worker processes")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"
