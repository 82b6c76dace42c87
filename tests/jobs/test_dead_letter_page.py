"""The operators' page of background jobs: see what failed, try it again or dismiss it.

The queue is the installation's: its operators are the superusers. An administrator of one
instansi saw the whole queue and could retry or dismiss any job, another agency's failed
notification or the nightly audit check included (red-team pass)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import JobRunner

pytestmark = pytest.mark.django_db


def _failed_job() -> Job:
    return Job.objects.create(
        task_path="tegak.cases.tasks.clock_check",
        args=[[12]],
        status=JobStatus.FAILED,
        available_at=timezone.now(),
        finished_at=timezone.now(),
        attempts=5,
        max_attempts=5,
        errors=[
            {
                "exception_class_path": "builtins.RuntimeError",
                "message": "mail server refused",
                "traceback": "Traceback (most recent call last): …",
                "at": "2026-12-05T10:00:00+07:00",
                "worker_id": "w",
            }
        ],
    )


@pytest.fixture
def operator(db):
    """The installation's operator: a superuser."""
    from tegak.accounts.models import User

    return User.objects.create_superuser("akar", password="kata-sandi-uji-123")


def test_the_operator_sees_the_failed_job_its_message_and_no_worker_warning(
    verified_client, operator
):
    _failed_job()
    response = verified_client(operator).get(reverse("jobs:overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tegak.cases.tasks.clock_check" in page
    assert "builtins.RuntimeError" in page
    assert "mail server refused" in page
    assert "Tidak ada pekerja yang berjalan" in page


def test_an_instansi_administrator_neither_sees_nor_operates_the_installations_jobs(
    verified_client, administrator
):
    """The red-team's attack: an administrator of one instansi dismissed another agency's
    failed job and retried the installation's audit check. Now 404, nothing written."""
    from django.core.exceptions import PermissionDenied

    from tegak.jobs.services import job_dismiss, job_retry

    job = _failed_job()
    client = verified_client(administrator)
    assert client.get(reverse("jobs:overview")).status_code == 404
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:dismiss", args=[job.pk])).status_code == 404
    for service in (job_retry, job_dismiss):
        with pytest.raises(PermissionDenied):
            service(actor=administrator, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.dismissed_at is None and job.attempts == 5
    assert not AuditEvent.objects.exists()


def test_a_live_worker_is_listed(verified_client, operator):
    runner = JobRunner(worker_id="host:1:abc")
    runner.register()
    page = verified_client(operator).get(reverse("jobs:overview")).content.decode()
    assert "Tidak ada pekerja yang berjalan" not in page


def test_try_again_gives_fresh_tries_and_is_audited(verified_client, operator):
    job = _failed_job()
    client = verified_client(operator)
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.READY, 0)
    assert len(job.errors) == 1  # the history stays
    event = AuditEvent.objects.get(action="job.retried")
    assert event.actor_id == operator.pk
    assert event.target_id == str(job.pk)


def test_dismiss_takes_it_off_the_list_and_is_audited(verified_client, operator):
    job = _failed_job()
    client = verified_client(operator)
    client.post(reverse("jobs:dismiss", args=[job.pk]))
    job.refresh_from_db()
    assert job.dismissed_by == operator
    assert AuditEvent.objects.filter(action="job.dismissed").count() == 1
    page = client.get(reverse("jobs:overview")).content.decode()
    assert "tegak.cases.tasks.clock_check" not in page
    # Dismissing twice is refused in words, nothing written.
    client.post(reverse("jobs:dismiss", args=[job.pk]))
    assert AuditEvent.objects.filter(action="job.dismissed").count() == 1


def test_a_job_that_did_not_fail_cannot_be_retried(verified_client, operator):
    job = _failed_job()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCESSFUL)
    response = verified_client(operator).post(reverse("jobs:retry", args=[job.pk]), follow=True)
    assert "Hanya tugas yang gagal yang dapat dicoba lagi" in response.content.decode()
    assert not AuditEvent.objects.filter(action="job.retried").exists()


@pytest.mark.parametrize(
    "persona", ["administrator", "intake_officer", "examiner", "custodian", "outsider"]
)
def test_other_staff_get_404_and_change_nothing(request, verified_client, persona):
    user = request.getfixturevalue(persona)
    job = _failed_job()
    client = verified_client(user)
    assert client.get(reverse("jobs:overview")).status_code == 404
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert client.post(reverse("jobs:dismiss", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.dismissed_at is None
    assert not AuditEvent.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("jobs:overview"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
