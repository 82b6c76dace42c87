"""Tampering with the audit log is seen by staff, not only on the command line: the worker checks
the chain every night (and on request), the auditors' page shows the outcome, and the dashboard
of those who watch the chain says when it is broken (red-team pass of 2026-12-07)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from tegak.audit.models import AuditEvent, AuditVerification
from tegak.audit.services import audit_record
from tegak.jobs.runner import drain
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _write(count: int) -> None:
    for number in range(count):
        with transaction.atomic():
            audit_record(actor=None, action="test.step", target_id=str(number), data={"i": 1})


def test_the_nightly_check_is_scheduled():
    assert settings.PERIODIC_JOBS["audit.verify"]["task"] == "tegak.audit.tasks.verify"


def test_an_auditor_sees_an_edited_event_on_the_page_and_the_dashboard(instansi, verified_client):
    _write(4)
    auditor = make_user("pengaudit", instansi, "auditor")
    client = verified_client(auditor)
    page = client.get(reverse("audit:integrity"))
    assert page.status_code == 200 and "belum pernah diperiksa" in page.content.decode()
    # Asked from the page: the worker runs the check.
    assert client.post(reverse("audit:verify_now")).status_code == 302
    assert drain() == 1
    assert AuditVerification.objects.get().intact
    assert "Utuh" in client.get(reverse("audit:integrity")).content.decode()
    # Someone edits event #3 in the database, around the application.
    AuditEvent.objects.filter(sequence=3).update(data={"i": 99})
    client.post(reverse("audit:verify_now"))
    drain()
    latest = AuditVerification.objects.first()
    assert not latest.intact and latest.broken_sequence == 3
    body = client.get(reverse("audit:integrity")).content.decode()
    assert "Rantai log audit rusak" in body and "#3" in body and "isinya diubah" in body
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    assert "Rantai log audit rusak" in dashboard


def test_only_those_who_watch_the_chain_see_its_checks(instansi, verified_client):
    AuditVerification.objects.create(
        ran_at="2026-12-07T02:50:00Z", intact=False, broken_sequence=3, reason="x"
    )
    examiner = make_user("pemeriksa-3", instansi, "examiner")
    client = verified_client(examiner)
    assert client.get(reverse("audit:integrity")).status_code == 404
    assert client.post(reverse("audit:verify_now")).status_code == 404
    assert "Rantai log audit rusak" not in client.get(reverse("dashboard:home")).content.decode()
