"""The administrator's page of background jobs: see what failed, try it again or dismiss it."""

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


def test_the_administrator_sees_the_failed_job_and_no_worker_warning(
    verified_client, administrator
):
    _failed_job()
    response = verified_client(administrator).get(reverse("jobs:overview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tegak.cases.tasks.clock_check" in page
    assert "builtins.RuntimeError" in page
    assert "mail server refused" not in page  # messages may quote data: superusers only
    assert "Tidak ada pekerja yang berjalan" in page


def test_a_superuser_also_reads_the_message(verified_client, db):
    from tegak.accounts.models import User

    _failed_job()
    root = User.objects.create_superuser("akar", password="kata-sandi-uji-123")
    page = verified_client(root).get(reverse("jobs:overview")).content.decode()
    assert "mail server refused" in page


def test_a_live_worker_is_listed(verified_client, administrator):
    runner = JobRunner(worker_id="host:1:abc")
    runner.register()
    page = verified_client(administrator).get(reverse("jobs:overview")).content.decode()
    assert "Tidak ada pekerja yang berjalan" not in page


def test_try_again_gives_fresh_tries_and_is_audited(verified_client, administrator):
    job = _failed_job()
    client = verified_client(administrator)
    response = client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.READY, 0)
    assert len(job.errors) == 1  # the history stays
    event = AuditEvent.objects.get(action="job.retried")
    assert event.actor_id == administrator.pk
    assert event.target_id == str(job.pk)


def test_dismiss_takes_it_off_the_list_and_is_audited(verified_client, administrator):
    job = _failed_job()
    client = verified_client(administrator)
    client.post(reverse("jobs:dismiss", args=[job.pk]))
    job.refresh_from_db()
    assert job.dismissed_by == administrator
    assert AuditEvent.objects.filter(action="job.dismissed").count() == 1
    page = client.get(reverse("jobs:overview")).content.decode()
    assert "tegak.cases.tasks.clock_check" not in page
    # Dismissing twice is refused in words, nothing written.
    client.post(reverse("jobs:dismiss", args=[job.pk]))
    assert AuditEvent.objects.filter(action="job.dismissed").count() == 1


def test_a_job_that_did_not_fail_cannot_be_retried(verified_client, administrator):
    job = _failed_job()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCESSFUL)
    response = verified_client(administrator).post(
        reverse("jobs:retry", args=[job.pk]), follow=True
    )
    assert "Hanya tugas yang gagal yang dapat dicoba lagi" in response.content.decode()
    assert not AuditEvent.objects.filter(action="job.retried").exists()


@pytest.mark.parametrize("persona", ["intake_officer", "examiner", "custodian"])
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
