"""Retention on the demo agency with dated data (issue #19: "retention against a demo with dated
data"): `tegak retention dry-run` lists, `tegak retention run` deletes in batches until nothing
is due, and afterwards exactly what the periods name is gone — reports that led to no case,
the raw attendance of employees not accused in an open case, the sealed identity and contact of
a reporter whose case has long been final, those reporters' addresses in the outbox — while
everything else stays: the cases, the reports in them, reports still in triage, the accused's
attendance, the public statistics; the audit chain still verifies."""

from __future__ import annotations

import io
import json
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tegak.accounts import demo as accounts_demo
from tegak.accounts.models import User
from tegak.attendance import demo as attendance_demo
from tegak.attendance.models import DailyCheckIn
from tegak.audit.models import AuditEvent
from tegak.audit.verify import verify_events
from tegak.cases import demo as cases_demo
from tegak.cases import services as cases
from tegak.cases.models import Accused, Case, CaseStatus
from tegak.connectors.models import MessageState, OutboundMessage, RecipientKind
from tegak.intake import demo as intake_demo
from tegak.intake import services as intake
from tegak.intake.models import Report, ReportMessage
from tegak.intake.services import ReportInput
from tegak.people import demo as people_demo
from tegak.people.demo import DEMO_INSTANSI_CODE
from tegak.people.models import Employee, Instansi
from tegak.portal import aggregates
from tegak.portal import demo as portal_demo
from tegak.retention import engine, services
from tegak.retention.models import RetentionRun, Tombstone

pytestmark = pytest.mark.django_db

IDENTITY = {"name": "Wulan Pelapor Demo", "phone": "081355577799"}


@pytest.fixture
def demo(settings, tmp_path):
    """The demo agency (registry, accounts, reports, attendance, the open case, the portal)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    out = io.StringIO()
    for loader in (people_demo, accounts_demo, intake_demo, attendance_demo, cases_demo):
        loader.load(out)
    return Instansi.objects.get(code=DEMO_INSTANSI_CODE)


def _confidential(instansi, summary, contact):
    report, _code = intake.report_submit(
        instansi=instansi,
        data=ReportInput(
            summary=summary,
            description="Pegawai loket meminta uang tambahan untuk mempercepat izin.",
            occurred_on=timezone.localdate() - timedelta(days=30),
            occurred_time=time(10, 0),
            reporter_mode="confidential",
            identity=IDENTITY,
            notice_contact=contact,
        ),
        client_key="demo-retensi",
    )
    return report


@pytest.mark.slow
def test_retention_on_the_dated_demo(demo, monkeypatch):
    officer = User.objects.get(username="intake-officer")
    admin = User.objects.get(username="administrator")
    today = timezone.localdate()
    # Dated data on top of the demo: a rejected report from a reporter who left a contact, and
    # a report that went into a case which became final more than a year ago.
    rejected = _confidential(demo, "Pungutan di loket A", "wulan.a@example.org")
    intake.report_reject(actor=officer, report=rejected, reason="Bukan pelanggaran disiplin.")
    in_case = _confidential(demo, "Pungutan di loket B", "wulan.b@example.org")
    accused_open = set(Accused.objects.values_list("employee_id", flat=True))
    employee = (
        Employee.objects.filter(instansi=demo, active=True)
        .exclude(pk__in=accused_open)
        .order_by("nip")
        .first()
    )
    intake.report_link_employee(actor=officer, report=in_case, employee=employee)
    intake.report_verify(actor=officer, report=in_case)
    intake.reporter_message_send(report=in_case, body="Apakah ada perkembangan?")
    final_case = cases.case_open_from_reports(
        actor=officer,
        reports=[Report.objects.get(pk=in_case.pk)],
        allegations=[{"employee": employee, "provision": "pp-94-2021:3:f"}],
    )
    Case.objects.filter(pk=final_case.pk).update(
        status=CaseStatus.FINAL, closed_on=today - timedelta(days=400)
    )
    portal_demo.load(io.StringIO())

    # Three years on: what closed today is past its 24 months.
    as_of = today.replace(year=today.year + 3) if (today.month, today.day) != (2, 29) else today
    as_of_text = as_of.isoformat()
    open_case = Case.objects.exclude(pk=final_case.pk).get(instansi=demo)
    open_accused = set(open_case.accused.values_list("employee_id", flat=True))
    not_taken_up = set(
        Report.objects.filter(
            instansi=demo, status__in=("rejected", "forwarded", "merged")
        ).values_list("pk", flat=True)
    )
    in_triage = set(
        Report.objects.filter(instansi=demo, status__in=("received", "verified")).values_list(
            "pk", flat=True
        )
    )
    assert rejected.pk in not_taken_up and len(not_taken_up) >= 3 and in_triage
    old_checkins = DailyCheckIn.objects.filter(employee__instansi=demo)
    kept_checkins = old_checkins.filter(employee_id__in=open_accused).count()
    removable_checkins = old_checkins.exclude(employee_id__in=open_accused).count()
    assert kept_checkins and removable_checkins
    reporter_rows = OutboundMessage.objects.filter(
        recipient_kind=RecipientKind.REPORTER, report_id__in=[rejected.pk, in_case.pk]
    )
    assert set(reporter_rows.values_list("report_id", flat=True)) == {rejected.pk, in_case.pk}
    statistics_before = aggregates.stored()

    # The dry run lists and deletes nothing.
    out = io.StringIO()
    call_command(
        "retention",
        "dry-run",
        "--instansi",
        demo.code,
        "--as-of",
        as_of_text,
        "--json",
        stdout=out,
    )
    listed = json.loads(out.getvalue())["counts"]
    assert listed["report_not_taken_up"] == len(not_taken_up)
    assert listed["attendance_raw"] == removable_checkins + 0
    assert listed["reporter_identity"] == 1 and listed["report_messages"] == 1
    assert "evidence" not in listed and "closed_case" not in listed  # 120 months not over
    assert Report.objects.filter(pk__in=not_taken_up).count() == len(not_taken_up)
    assert DailyCheckIn.objects.filter(employee__instansi=demo).count() == (
        kept_checkins + removable_checkins
    )

    # The run, in small batches here, goes on until nothing is due.
    services.deletion_switch(actor=admin, instansi=demo, enabled=True)
    monkeypatch.setattr(engine, "BATCH", 2)
    monkeypatch.setattr(engine, "ATTENDANCE_ROWS", 50)
    monkeypatch.setattr(engine, "ATTENDANCE_BATCH", 3)
    out = io.StringIO()
    call_command("retention", "run", "--instansi", demo.code, "--as-of", as_of_text, stdout=out)
    printed = out.getvalue()
    run = RetentionRun.objects.get(dry_run=False)
    assert run.batches > 2 and run.finished_at is not None
    assert f"{demo.code}: batch {run.batches}:" in printed
    assert run.counts == {name: count for name, count in listed.items()}

    # Gone: exactly what the periods name, each with its tombstone.
    assert not Report.objects.filter(pk__in=not_taken_up).exists()
    assert Tombstone.objects.filter(record_class="report_not_taken_up").count() == len(not_taken_up)
    assert (
        not DailyCheckIn.objects.exclude(employee_id__in=open_accused)
        .filter(employee__instansi=demo)
        .exists()
    )
    assert (
        sum(
            Tombstone.objects.filter(record_class="attendance_raw").values_list(
                "item_count", flat=True
            )
        )
        == removable_checkins
    )
    kept_report = Report.objects.get(pk=in_case.pk)
    assert kept_report.identity_sealed == "" and kept_report.notice_contact_sealed == ""
    assert not ReportMessage.objects.filter(report=kept_report).exists()
    # The reporters' addresses left the outbox with them; unsent messages never will be.
    rows = OutboundMessage.objects.filter(recipient_kind=RecipientKind.REPORTER)
    assert rows.filter(report__isnull=True).exists()
    assert not rows.filter(report_id__in=[in_case.pk]).exclude(address_sealed="").exists()
    assert not rows.filter(report__isnull=True).exclude(address_sealed="").exists()
    assert (
        not rows.filter(address_sealed="")
        .exclude(state__in=[MessageState.FAILED, MessageState.SENT])
        .exists()
    )

    # Stays: the cases, the reports in them and in triage, the accused's attendance.
    assert Case.objects.filter(instansi=demo).count() == 2
    assert Report.objects.filter(pk__in=in_triage | {in_case.pk}).count() == len(in_triage) + 1
    assert DailyCheckIn.objects.filter(employee_id__in=open_accused).count() == kept_checkins
    # The public statistics count cases, which retention never deletes: unchanged, and a full
    # recount gives the same numbers (reading R8 in docs/legal-questions.md).
    assert aggregates.stored() == statistics_before == aggregates.recount()
    # Every batch was audited; the audit chain still verifies.
    assert AuditEvent.objects.filter(action="retention.deleted").count() == run.batches
    assert verify_events().intact

    # Nothing more is due: a second run deletes nothing.
    out = io.StringIO()
    call_command("retention", "run", "--instansi", demo.code, "--as-of", as_of_text, stdout=out)
    assert "nothing due" in out.getvalue()
    assert RetentionRun.objects.filter(dry_run=False).first().counts == {}
