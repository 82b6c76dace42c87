"""The django-tasks API over the job table: enqueue, run, retry with backoff, fail for good."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus

from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import JobRunner, drain

from . import tasks

pytestmark = pytest.mark.django_db


def test_enqueue_stores_the_job_and_the_worker_runs_it():
    result = tasks.add.enqueue(2, 3)
    job = Job.objects.get(pk=result.id)
    assert (job.status, job.args, job.max_attempts) == (JobStatus.READY, [2, 3], 5)
    assert drain() == 1
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5
    assert result.attempts == 1


def test_a_deferred_job_waits_for_its_time():
    later = timezone.now() + timedelta(hours=2)
    result = tasks.add.using(run_after=later).enqueue(1, 1)
    assert drain() == 0
    with time_machine.travel(later + timedelta(seconds=1)):
        assert drain() == 1
    assert tasks.add.get_result(result.id).return_value == 2


def test_a_failing_job_is_retried_with_growing_pauses_then_fails_for_good(tmp_path, settings):
    settings.JOB_MAX_ATTEMPTS = 3
    settings.JOB_RETRY_BASE_SECONDS = 60
    counter = tmp_path / "runs"
    result = tasks.fail_until.enqueue(str(counter), 10)
    pauses = []
    now = timezone.now()
    for _try in range(3):
        with time_machine.travel(now):
            assert drain() == 1
        job = Job.objects.get(pk=result.id)
        if job.status == JobStatus.READY:
            pauses.append((job.available_at - now).total_seconds())
            assert drain() == 0  # not before its pause is over
            now = job.available_at + timedelta(seconds=1)
    job = Job.objects.get(pk=result.id)
    assert job.status == JobStatus.FAILED
    assert job.attempts == 3
    assert [error["exception_class_path"] for error in job.errors] == ["builtins.RuntimeError"] * 3
    assert "failing on purpose, run 3" in job.errors[-1]["message"]
    assert "Traceback" in job.errors[-1]["traceback"]
    # Exponential backoff with jitter: 30–60 s, then 60–120 s.
    assert 30 <= pauses[0] <= 60
    assert 60 <= pauses[1] <= 120
    assert counter.read_text() == "3"


def test_a_job_that_recovers_succeeds_on_a_later_try(tmp_path):
    result = tasks.fail_until.enqueue(str(tmp_path / "runs"), 1)
    drain()
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        drain()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "ran 2 times"
    assert len(result.errors) == 1


def test_a_job_that_must_not_run_twice_is_not_retried(tmp_path, settings):
    settings.JOB_POLICIES = {"tests.jobs.tasks.fail_until": {"max_attempts": 1}}
    result = tasks.fail_until.enqueue(str(tmp_path / "runs"), 1)
    drain()
    assert Job.objects.get(pk=result.id).status == JobStatus.FAILED


def test_a_job_whose_code_is_gone_fails_at_once_without_retries():
    job = Job.objects.create(
        task_path="tegak.nowhere.tasks.vanished", available_at=timezone.now(), max_attempts=5
    )
    drain()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.attempts == 1


def test_claims_follow_priority_then_age():
    low = tasks.add.using(priority=-5).enqueue(0, 0)
    first = tasks.add.enqueue(0, 1)
    second = tasks.add.enqueue(0, 2)
    high = tasks.add.using(priority=10).enqueue(0, 3)
    runner = JobRunner()
    order = []
    while (job := runner.claim()) is not None:
        order.append(str(job.pk))
        runner.execute(job)
    assert order == [high.id, first.id, second.id, low.id]


def test_a_claim_marks_the_job_as_this_workers_and_a_retry_keeps_its_first_start():
    result = tasks.add.enqueue(2, 3)
    first = JobRunner(worker_id="worker-a")
    job = first.claim()
    assert job is not None and str(job.pk) == result.id
    stored = Job.objects.get(pk=job.pk)
    for seen in (job, stored):  # what the worker holds is what was written
        assert seen.status == JobStatus.RUNNING
        assert seen.attempts == 1
        assert seen.worker_id == "worker-a"
        assert seen.worker_ids == ["worker-a"]
        assert seen.started_at == seen.last_attempted_at
        assert seen.lease_expires_at > seen.last_attempted_at
    assert first.claim() is None  # taken: nobody else gets it, this worker included
    started = stored.started_at

    # The worker vanished; the job is made available again and another worker takes it.
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.READY, worker_id="", available_at=timezone.now() - timedelta(seconds=1)
    )
    again = JobRunner(worker_id="worker-b").claim(job.pk)
    assert again is not None
    stored = Job.objects.get(pk=job.pk)
    for seen in (again, stored):
        assert seen.attempts == 2
        assert seen.worker_id == "worker-b"
        assert seen.worker_ids == ["worker-a", "worker-b"]
        assert seen.started_at == started
        assert seen.last_attempted_at > started


def test_a_worker_of_other_queues_or_another_job_takes_nothing():
    result = tasks.add.enqueue(1, 1)
    assert JobRunner(queues=["elsewhere"]).claim() is None
    assert JobRunner().claim(job_id="00000000-0000-0000-0000-000000000000") is None
    assert Job.objects.get(pk=result.id).status == JobStatus.READY


def test_tegak_worker_burst_runs_every_available_job_however_many():
    # It stopped after 1,000 and left the rest waiting, saying nothing.
    from io import StringIO

    from django.core.management import call_command

    for number in range(1001):
        tasks.add.enqueue(number, 1)
    later = tasks.add.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(0, 0)
    output = StringIO()
    call_command("worker", "--burst", stdout=output)
    assert "1001 jobs run" in output.getvalue()
    assert Job.objects.filter(status=JobStatus.SUCCESSFUL).count() == 1001
    assert Job.objects.get(pk=later.id).status == JobStatus.READY  # not available yet


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_grew_past_its_memory_limit_ends_after_its_job(settings):
    """Python keeps the memory a job once took (a big import, a large file): past
    TEGAK_WORKER_RECYCLE_MB the worker process ends after the job in hand, and its supervisor
    starts a fresh one (`tests/jobs/test_worker_processes.py` covers the replacing)."""
    from tegak.jobs.models import Job

    first, second = tasks.add.enqueue(1, 2), tasks.add.enqueue(3, 4)
    settings.WORKER_RECYCLE_MB = 1  # any process is past 1 MB
    runner = JobRunner(idle_seconds=0.05, housekeeping_seconds=3600)
    assert runner.run(periodic_work=False) == 1
    statuses = sorted(
        Job.objects.filter(pk__in=[first.id, second.id]).values_list("status", flat=True)
    )
    assert statuses == ["READY", "SUCCESSFUL"]
    # The fresh process (here: a new runner) takes the job left waiting.
    assert JobRunner(idle_seconds=0.05).run(burst=True, periodic_work=False) == 1
    statuses = set(
        Job.objects.filter(pk__in=[first.id, second.id]).values_list("status", flat=True)
    )
    assert statuses == {"SUCCESSFUL"}
