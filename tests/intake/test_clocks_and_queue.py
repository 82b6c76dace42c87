"""Clocks, the queue order, duplicate suggestions, and the rest of the authorization matrix."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from tegak.audit.models import AuditEvent
from tegak.intake import selectors, services
from tegak.intake.models import Evidence, IdentityDisclosureRequest, IntakeSettings, Report

from .conftest import jpeg_with_gps, upload

JAKARTA = ZoneInfo("Asia/Jakarta")
PERSONAS = [
    "administrator",
    "intake_officer",
    "examiner",
    "authorised_official",
    "custodian",
    "outsider",
]


@time_machine.travel(datetime(2025, 11, 21, 10, 0, tzinfo=JAKARTA), tick=False)  # a Friday
def test_acknowledge_in_working_days_and_answer_in_calendar_days(instansi, report_input):
    report, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="k")
    # Mon 24, Tue 25, Wed 26: three working days after Friday (UU 25/2009 is silent; 3 is ours)
    assert report.acknowledge_due == date(2025, 11, 26)
    # UU 25/2009 Pasal 44(3): "paling lambat 14 (empat belas) hari sejak pengaduan diterima"
    assert report.first_answer_due == date(2025, 12, 5)


@time_machine.travel(datetime(2025, 12, 23, 10, 0, tzinfo=JAKARTA), tick=False)
def test_holidays_come_from_the_rules_engine(instansi, report_input):
    from tegak.rules import is_working_day

    report, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="k")
    day, counted = date(2025, 12, 23), 0
    while counted < 3:
        day += timedelta(days=1)
        counted += is_working_day(day)
    assert report.acknowledge_due == day
    assert report.acknowledge_due > date(2025, 12, 26)  # Christmas is not a working day


@time_machine.travel(datetime(2025, 11, 21, 10, 0, tzinfo=JAKARTA), tick=False)
def test_an_instansi_may_count_the_first_answer_in_working_days(instansi, report_input):
    IntakeSettings.objects.create(
        instansi=instansi,
        acknowledge_working_days=1,
        first_answer_days=10,
        first_answer_counting="working",
    )
    report, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="k")
    assert report.acknowledge_due == date(2025, 11, 24)
    assert report.first_answer_due == date(2025, 12, 5)


def test_queue_shows_overdue_first_and_only_own_instansi(
    intake_officer, outsider, instansi, report_input
):
    with time_machine.travel(datetime(2025, 1, 6, 9, 0, tzinfo=JAKARTA), tick=False):
        old, _ = services.report_submit(
            instansi=instansi, data=report_input(occurred_on=date(2025, 1, 2)), client_key="a"
        )
    with time_machine.travel(datetime(2025, 2, 3, 9, 0, tzinfo=JAKARTA), tick=False):
        new, _ = services.report_submit(
            instansi=instansi, data=report_input(occurred_on=date(2025, 1, 30)), client_key="b"
        )
        queue = list(selectors.report_queue(intake_officer))
        assert [report.pk for report in queue] == [old.pk, new.pk]
        assert queue[0].is_overdue and not queue[1].is_overdue
        services.message_send(
            actor=intake_officer, report=old, body="Sudah kami terima.", internal=False
        )
        assert not any(report.is_overdue for report in selectors.report_queue(intake_officer))
    assert list(selectors.report_queue(outsider)) == []


def test_duplicates_are_suggested_for_the_same_person_and_day(
    intake_officer, instansi, report_input, employee
):
    first, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="a")
    second, _ = services.report_submit(
        instansi=instansi, data=report_input(accused_text="Pak Budi di sekretariat"), client_key="b"
    )
    other_day, _ = services.report_submit(
        instansi=instansi, data=report_input(occurred_on=date(2022, 7, 1)), client_key="c"
    )
    assert list(selectors.duplicate_candidates(intake_officer, first)) == []  # texts differ
    services.report_link_employee(actor=intake_officer, report=first, employee=employee)
    services.report_link_employee(actor=intake_officer, report=second, employee=employee)
    services.report_link_employee(actor=intake_officer, report=other_day, employee=employee)
    assert list(selectors.duplicate_candidates(intake_officer, second)) == [first]


MORE_CALLS = {
    "merge": lambda user, report, other: services.report_merge(
        actor=user, report=report, into=other
    ),
    "evidence": lambda user, report, other: services.staff_evidence_add(
        actor=user, report=report, files=[upload("a.jpg", jpeg_with_gps())], links=[]
    ),
    "unlink": lambda user, report, other: services.report_unlink_employee(
        actor=user, report=report, employee=report.accused.get().employee
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(MORE_CALLS))
def test_more_triage_matrix(
    request, persona, action, instansi, report_input, intake_officer, employee
):
    user = request.getfixturevalue(persona)
    report, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="a")
    other, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="b")
    services.report_link_employee(actor=intake_officer, report=report, employee=employee)
    before = (AuditEvent.objects.count(), Evidence.objects.count(), report.accused.count())
    if persona != "intake_officer":
        with pytest.raises(PermissionDenied):
            MORE_CALLS[action](user, report, other)
        report.refresh_from_db()
        assert report.status == "received"
        assert (
            AuditEvent.objects.count(),
            Evidence.objects.count(),
            report.accused.count(),
        ) == before
        return
    MORE_CALLS[action](user, report, other)
    assert AuditEvent.objects.count() == before[0] + 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_disclosure_request_matrix(request, persona, instansi, report_input):
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(reporter_mode="confidential", identity={"name": "A"}),
        client_key="k",
    )
    user = request.getfixturevalue(persona)
    reason = "Keterangan pelapor diperlukan dalam pemeriksaan."
    events = AuditEvent.objects.count()
    if persona != "intake_officer":
        with pytest.raises(PermissionDenied):
            services.disclosure_request_create(actor=user, report=report, reason=reason)
        assert (
            IdentityDisclosureRequest.objects.count() == 0 and AuditEvent.objects.count() == events
        )
        return
    services.disclosure_request_create(actor=user, report=report, reason=reason)
    assert IdentityDisclosureRequest.objects.count() == 1


def test_report_reference_is_not_the_receipt_code(submitted):
    report, code = submitted
    assert Report.objects.get(pk=report.pk).reference.startswith("LAP-")
    assert code not in report.reference
