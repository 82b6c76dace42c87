"""A job whose worker vanished is taken back; periodic work is enqueued once per slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from tegak.jobs import periodic
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.periodic import Schedule, ScheduleError, enqueue_due, parse
from tegak.jobs.runner import JobRunner, drain, reclaim_expired

from . import tasks

pytestmark = pytest.mark.django_db


def _claimed_by_a_worker_that_then_dies():
    result = tasks.add.enqueue(20, 22)
    job = JobRunner(worker_id="dead-worker").claim()
    assert job is not None and str(job.pk) == result.id
    return result, job


def test_a_running_job_is_not_taken_while_its_lease_holds():
    _result, job = _claimed_by_a_worker_that_then_dies()
    assert reclaim_expired() == 0
    assert drain() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_a_job_whose_worker_vanished_is_taken_back_and_run_by_another(settings):
    result, job = _claimed_by_a_worker_that_then_dies()
    after_lease = job.lease_expires_at + timedelta(seconds=1)
    with time_machine.travel(after_lease):
        assert reclaim_expired() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert job.errors[-1]["exception_class_path"] == "tegak.jobs.runner.WorkerLost"
    with time_machine.travel(job.available_at + timedelta(seconds=1)):
        assert drain() == 1
    result.refresh()
    assert result.return_value == 42
    assert result.worker_ids[0] == "dead-worker"
    assert len(result.worker_ids) == 2


def test_a_job_that_used_its_last_try_on_a_vanished_worker_fails_for_good(settings):
    settings.JOB_POLICIES = {"tests.jobs.tasks.add": {"max_attempts": 1}}
    _result, job = _claimed_by_a_worker_that_then_dies()
    with time_machine.travel(job.lease_expires_at + timedelta(seconds=1)):
        reclaim_expired()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.dismissed_at is None  # on the administrator's list


def test_the_supervisor_takes_back_a_dead_workers_jobs_at_once():
    _result, job = _claimed_by_a_worker_that_then_dies()
    assert reclaim_expired(worker_id="someone-else") == 0
    assert reclaim_expired(worker_id="dead-worker") == 1
    job.refresh_from_db()
    assert job.status == JobStatus.READY


def test_a_late_result_from_a_worker_that_lost_its_job_is_not_recorded():
    _result, job = _claimed_by_a_worker_that_then_dies()
    with time_machine.travel(job.lease_expires_at + timedelta(seconds=1)):
        reclaim_expired()
    JobRunner(worker_id="dead-worker").execute(job)  # it comes back to life and finishes
    job.refresh_from_db()
    assert job.status == JobStatus.READY
    assert job.return_value is None


@pytest.mark.parametrize(
    ("spec", "now", "slot"),
    [
        pytest.param(
            {"task": "x.y", "every_minutes": 60},
            datetime(2026, 12, 5, 10, 59, tzinfo=UTC),
            datetime(2026, 12, 5, 10, 0, tzinfo=UTC),
            id="hourly",
        ),
        pytest.param(
            {"task": "x.y", "every_minutes": 15},
            datetime(2026, 12, 5, 10, 31, tzinfo=UTC),
            datetime(2026, 12, 5, 10, 30, tzinfo=UTC),
            id="quarter-hourly",
        ),
        pytest.param(
            {"task": "x.y", "daily_at": "02:30"},
            datetime(2026, 12, 5, 1, 0, tzinfo=UTC),  # 08.00 WIB: today's 02.30 WIB has come
            datetime(2026, 12, 4, 19, 30, tzinfo=UTC),
            id="daily-today-wib",
        ),
        pytest.param(
            {"task": "x.y", "daily_at": "02:30"},
            datetime(2026, 12, 4, 19, 0, tzinfo=UTC),  # 02.00 WIB: still yesterday's
            datetime(2026, 12, 3, 19, 30, tzinfo=UTC),
            id="daily-before-the-hour-wib",
        ),
    ],
)
def test_the_latest_slot_that_has_come(spec, now, slot):
    assert parse("name", spec).latest_slot(now) == slot


@pytest.mark.parametrize(
    "spec",
    [
        {"every_minutes": 5},
        {"task": "x.y"},
        {"task": "x.y", "every_minutes": 5, "daily_at": "01:00"},
        {"task": "x.y", "every_minutes": 0},
        {"task": "x.y", "daily_at": "25:00"},
    ],
)
def test_a_wrong_schedule_is_refused_by_name(spec):
    with pytest.raises(ScheduleError, match="PERIODIC_JOBS\\['name'\\]"):
        parse("name", spec)


def test_every_worker_asks_but_each_slot_is_enqueued_once(settings):
    settings.PERIODIC_JOBS = {"test.add": {"task": "tests.jobs.tasks.add", "every_minutes": 60}}
    moment = datetime(2026, 12, 5, 10, 5, tzinfo=UTC)
    with time_machine.travel(moment):
        assert enqueue_due() == ["test.add@2026-12-05T10:00+00:00"]
        assert enqueue_due() == []  # a second worker a moment later
    with time_machine.travel(moment + timedelta(minutes=56)):
        assert enqueue_due() == ["test.add@2026-12-05T11:00+00:00"]
    assert Job.objects.filter(unique_key__startswith="test.add@").count() == 2


def test_a_worker_stopped_for_days_catches_up_with_one_run(settings):
    settings.PERIODIC_JOBS = {"test.add": {"task": "tests.jobs.tasks.add", "every_minutes": 60}}
    with time_machine.travel(datetime(2026, 12, 1, 0, 1, tzinfo=UTC)):
        enqueue_due()
    with time_machine.travel(datetime(2026, 12, 5, 0, 1, tzinfo=UTC)):
        assert len(enqueue_due()) == 1


def test_a_schedule_can_be_switched_off(settings):
    settings.PERIODIC_JOBS = {"test.add": {"task": "tests.jobs.tasks.add", "every_minutes": 60}}
    settings.PERIODIC_JOBS_OFF = ["test.add"]
    assert enqueue_due() == []


def test_the_shipped_schedules_name_real_tasks():
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    for schedule in periodic.schedules():
        assert isinstance(schedule, Schedule)
        assert isinstance(import_string(schedule.task_path), Task), schedule.name


def test_the_periodic_sweep_runs_through_the_worker(settings):
    with time_machine.travel(timezone.now()):
        keys = enqueue_due()
    assert any(key.startswith("cases.clocks_sweep@") for key in keys)
    drain()
    sweep = Job.objects.get(unique_key=next(k for k in keys if k.startswith("cases.clocks_sweep")))
    assert sweep.status == JobStatus.SUCCESSFUL


def test_a_periodic_job_naming_no_task_is_reported_at_start(settings):
    from tegak.jobs.checks import check_job_settings

    assert check_job_settings() == []
    settings.PERIODIC_JOBS = {
        "typo": {"task": "tegak.cases.tasks.clock_sweep_al", "daily_at": "01:00"}
    }
    assert [error.id for error in check_job_settings()] == ["tegak.jobs.E001"]
