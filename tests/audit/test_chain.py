"""The audit chain: appended in order, and any edit, deletion or reordering is detected."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from tegak.audit.models import AuditEvent
from tegak.audit.services import audit_record
from tegak.audit.verify import verify_events

pytestmark = pytest.mark.django_db


def _write(n: int, actor=None) -> None:
    for i in range(n):
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="test.step",
                target_type="thing",
                target_id=str(i),
                data={"i": i, "note": "langkah"},
            )


def test_events_form_an_intact_chain():
    _write(5)
    report = verify_events()
    assert report.intact and report.events_checked == 5
    sequences = list(AuditEvent.objects.values_list("sequence", flat=True))
    assert sequences == [1, 2, 3, 4, 5]


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="test.step")


def test_an_edited_event_is_detected():
    _write(4)
    AuditEvent.objects.filter(sequence=3).update(data={"i": 99})
    report = verify_events()
    assert not report.intact and report.broken_sequence == 3


def test_a_deleted_event_is_detected():
    _write(4)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 2")
    report = verify_events()
    assert not report.intact and report.broken_sequence == 2


def test_a_deleted_last_event_is_detected():
    _write(3)
    AuditEvent.objects.filter(sequence=3).delete()
    report = verify_events()
    assert not report.intact and report.broken_sequence == 3


def test_reordered_events_are_detected():
    _write(4)
    first, second = AuditEvent.objects.get(sequence=2), AuditEvent.objects.get(sequence=3)
    AuditEvent.objects.filter(pk=first.pk).update(sequence=-1)
    AuditEvent.objects.filter(pk=second.pk).update(sequence=2)
    AuditEvent.objects.filter(pk=first.pk).update(sequence=3)
    report = verify_events()
    assert not report.intact and report.broken_sequence == 2


def test_audit_verify_command_exit_codes(capsys):
    _write(2)
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    AuditEvent.objects.filter(sequence=1).update(action="test.forged")
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert "#1" in capsys.readouterr().err
