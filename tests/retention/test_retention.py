"""Retention by law (UU 27/2022): dated records of an instansi reach the end of their periods;
a dry run lists them and deletes nothing; scheduled deletion (switched on only after a dry run)
removes them with a tombstone each and the files from storage; open cases and legal holds keep
everything tied to them; the audit chain still verifies afterwards."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tegak.attendance.models import DailyCheckIn
from tegak.audit.models import AuditEvent
from tegak.audit.verify import verify_events
from tegak.cases import services as cases
from tegak.cases.models import Case, CaseStatus
from tegak.core.errors import InputError
from tegak.intake import services as intake
from tegak.intake.models import Evidence, Report
from tegak.intake.services import ReportInput
from tegak.retention import services
from tegak.retention.engine import months_before
from tegak.retention.models import RetentionRun, Tombstone
from tegak.retention.tasks import retention_actor
from tests.intake.conftest import png_with_text, upload
from tests.review.conftest import staff_client

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Pak Budi menerima amplop di ruang rapat lantai dua"
IDENTITY = {"name": "Siti Pelapor Rahasia", "phone": "081299887766"}
AS_OF = date(2030, 1, 15)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192


def _submit(instansi, *, files=()):
    report, _code = intake.report_submit(
        instansi=instansi,
        data=ReportInput(
            description=SECRET_TEXT,
            accused_text="Staf Uji",
            occurred_on=date(2026, 10, 2),
            reporter_mode="confidential",
            identity=IDENTITY,
            notice_contact="pelapor.rahasia@example.org",
            files=list(files),
        ),
        client_key="uji-retensi",
    )
    return report


def _rejected(instansi, officer, *, closed_on, files=()):
    report = _submit(instansi, files=files)
    intake.report_reject(actor=officer, report=report, reason="Bukan pelanggaran disiplin.")
    Report.objects.filter(pk=report.pk).update(
        closed_at=datetime.combine(closed_on, datetime.min.time(), tzinfo=UTC)
    )
    report.refresh_from_db()
    return report


def _final_case_with_report(verified_report, org, staff, *, final_on):
    report = verified_report(org.staff)
    case = cases.case_open_from_reports(
        actor=staff.intake,
        reports=[report],
        allegations=[{"employee": org.staff, "provision": "pp-94-2021:3:f"}],
    )
    # The dated part of the data set: the case ended on `final_on`.
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.FINAL, closed_on=final_on)
    return Report.objects.get(pk=report.pk), case


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2030, 1, 15), 24) == date(2028, 1, 15)
    assert months_before(date(2030, 3, 31), 1) == date(2030, 2, 28)
    assert months_before(date(2030, 1, 15), 13) == date(2028, 12, 15)


def test_dry_run_lists_what_would_go_and_deletes_nothing(instansi, intake_officer, administrator):
    old = _rejected(instansi, intake_officer, closed_on=date(2027, 6, 1))
    recent = _rejected(instansi, intake_officer, closed_on=date(2029, 6, 1))
    run = services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    assert run.counts == {"report_not_taken_up": 1}
    assert [item["reference"] for item in run.items] == [old.reference]
    assert run.items[0]["due_on"] == "2029-06-01"
    assert Report.objects.filter(pk__in=[old.pk, recent.pk]).count() == 2
    event = AuditEvent.objects.filter(action="retention.dry_run").get()
    assert event.data["counts"] == {"report_not_taken_up": 1}
    # The list holds numbers and dates, nothing the reporter wrote.
    assert SECRET_TEXT not in json.dumps(run.items)


def test_deletion_needs_a_dry_run_first_and_the_switch_on(instansi, administrator):
    with pytest.raises(InputError) as refused:
        services.deletion_switch(actor=administrator, instansi=instansi, enabled=True)
    assert refused.value.field == "enabled"
    with pytest.raises(InputError):
        services.delete_due(actor=retention_actor(), instansi=instansi, as_of=AS_OF)
    # A person (even the administrator) does not delete by hand: the process with the right does.
    services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    services.deletion_switch(actor=administrator, instansi=instansi, enabled=True)
    with pytest.raises(PermissionDenied):
        services.delete_due(actor=administrator, instansi=instansi, as_of=AS_OF)


def test_a_report_not_taken_up_is_deleted_with_its_files_and_leaves_a_tombstone(
    instansi, intake_officer, administrator, settings, django_capture_on_commit_callbacks
):
    old = _rejected(
        instansi,
        intake_officer,
        closed_on=date(2027, 6, 1),
        files=[upload("foto.png", png_with_text())],
    )
    kept = _rejected(instansi, intake_officer, closed_on=date(2029, 6, 1))
    evidence = Evidence.objects.get(report=old)
    stored = Path(settings.MEDIA_ROOT) / evidence.original.name
    assert stored.exists()
    reference, report_id = old.reference, old.pk
    services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    services.deletion_switch(actor=administrator, instansi=instansi, enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.delete_due(actor=retention_actor(), instansi=instansi, as_of=AS_OF)
    assert run.counts == {"report_not_taken_up": 1}
    assert not Report.objects.filter(pk=report_id).exists()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not stored.exists()
    assert Report.objects.filter(pk=kept.pk).exists()
    stone = Tombstone.objects.get()
    assert stone.target_reference == reference
    assert stone.record_class == "report_not_taken_up"
    assert stone.period_from == date(2027, 6, 1) and stone.months == 24
    assert "UU 27/2022" in stone.basis
    assert len(stone.content_sha256) == 64
    # No personal data anywhere in the database any more: not in the tombstone, not elsewhere.
    with connection.cursor() as cursor:
        for table in ("retention_tombstone", "retention_retentionrun", "audit_auditevent"):
            cursor.execute(f"SELECT * FROM {table}")
            dump = repr(cursor.fetchall())
            for leak in (SECRET_TEXT, IDENTITY["name"], IDENTITY["phone"], "pelapor.rahasia"):
                assert leak not in dump, (table, leak)
    # The audit chain is untouched by the deletion and still verifies.
    assert verify_events().intact
    deleted = AuditEvent.objects.get(action="retention.deleted")
    assert deleted.actor_label == "retention"
    assert deleted.data["tombstones"] == 1
    # Running again deletes nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.delete_due(actor=retention_actor(), instansi=instansi, as_of=AS_OF)
    assert again.counts == {}


def test_open_cases_and_legal_holds_keep_everything_tied_to_them(
    instansi, intake_officer, administrator, verified_report, org, staff
):
    _report, case = _final_case_with_report(verified_report, org, staff, final_on=date(2027, 3, 1))
    held_report = _rejected(instansi, intake_officer, closed_on=date(2027, 6, 1))
    services.hold_place(
        actor=administrator,
        instansi=instansi,
        report=held_report,
        reason="Gugatan PTUN nomor 12/G/2029 atas penolakan laporan.",
    )
    services.hold_place(
        actor=administrator, instansi=instansi, case=case, reason="Pemeriksaan oleh Ombudsman."
    )
    DailyCheckIn.objects.create(
        employee=org.staff,
        day=date(2026, 3, 2),
        first_at=datetime(2026, 3, 2, 0, 30, tzinfo=UTC),
        last_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    run = services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    # The held report and everything of the held case (its accused's attendance too) stay.
    assert run.counts == {}
    hold = services.hold_release(
        actor=administrator,
        hold=case_hold(case),
        reason="Pemeriksaan Ombudsman selesai.",
    )
    assert hold.released_by == administrator
    run = services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    assert run.counts.get("attendance_raw") == 1
    # The case file itself is due for the archivist only ten years after it became final.
    assert "closed_case" not in run.counts
    assert "report_not_taken_up" not in run.counts
    events = list(
        AuditEvent.objects.filter(action__startswith="retention.hold").values_list(
            "action", flat=True
        )
    )
    assert sorted(events) == [
        "retention.hold_placed",
        "retention.hold_placed",
        "retention.hold_released",
    ]


def case_hold(case):
    from tegak.retention.models import LegalHold

    return LegalHold.objects.get(case=case, released_at=None)


def test_an_open_case_keeps_its_accuseds_attendance_and_its_report(
    instansi, administrator, open_case, org
):
    case = open_case()
    assert case.status == CaseStatus.OPEN
    DailyCheckIn.objects.create(
        employee=org.staff,
        day=date(2026, 3, 2),
        first_at=datetime(2026, 3, 2, 0, 30, tzinfo=UTC),
        last_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    run = services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    assert "attendance_raw" not in run.counts


def test_the_instansi_sets_its_own_period_within_bounds_and_it_is_audited(
    instansi, intake_officer, administrator
):
    _rejected(instansi, intake_officer, closed_on=date(2029, 6, 1))
    assert services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF).counts == {}
    services.policy_set(
        actor=administrator, instansi=instansi, record_class="report_not_taken_up", months=6
    )
    assert services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF).counts == {
        "report_not_taken_up": 1
    }
    for bad in (0, 5000):
        with pytest.raises(InputError) as refused:
            services.policy_set(
                actor=administrator,
                instansi=instansi,
                record_class="report_not_taken_up",
                months=bad,
            )
        assert refused.value.field == "months"
    with pytest.raises(InputError):
        services.policy_set(actor=administrator, instansi=instansi, record_class="audit", months=12)
    event = AuditEvent.objects.filter(action="retention.policy_set").get()
    assert event.data == {"record_class": "report_not_taken_up", "months": 6, "before": 24}


def test_a_final_cases_reporter_identity_and_messages_go_but_the_report_stays(
    instansi, administrator, verified_report, org, staff, django_capture_on_commit_callbacks
):
    report, case = _final_case_with_report(verified_report, org, staff, final_on=date(2027, 3, 1))
    Report.objects.filter(pk=report.pk).update(
        reporter_mode="confidential",
        identity_sealed="tk2.1.sealed-token-for-test",
        notice_contact_sealed="tk2.1.another",
    )
    services.dry_run(actor=administrator, instansi=instansi, as_of=AS_OF)
    services.deletion_switch(actor=administrator, instansi=instansi, enabled=True)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.delete_due(actor=retention_actor(), instansi=instansi, as_of=AS_OF)
    assert run.counts.get("reporter_identity") == 1
    report.refresh_from_db()
    assert report.identity_sealed == "" and report.notice_contact_sealed == ""
    assert Report.objects.filter(pk=report.pk).exists()
    assert Case.objects.filter(pk=case.pk).exists()  # case files are listed, never deleted
    assert Tombstone.objects.filter(record_class="closed_case").count() == 0


def test_the_command_prints_the_policy_and_a_dry_run(instansi, intake_officer):
    old = _rejected(instansi, intake_officer, closed_on=date(2027, 6, 1))
    out = StringIO()
    call_command("retention", "policy", "--instansi", instansi.code, stdout=out)
    assert "report_not_taken_up" in out.getvalue() and "24 months" in out.getvalue()
    out = StringIO()
    call_command(
        "retention",
        "dry-run",
        "--instansi",
        instansi.code,
        "--as-of",
        "2030-01-15",
        "--json",
        stdout=out,
    )
    answer = json.loads(out.getvalue())
    assert answer["counts"] == {"report_not_taken_up": 1}
    assert answer["items"][0]["reference"] == old.reference
    assert Report.objects.filter(pk=old.pk).exists()
    assert RetentionRun.objects.filter(dry_run=True).count() == 1


def test_the_page_is_for_the_instansis_administrators(
    instansi, administrator, intake_officer, outsider
):
    url = reverse("retention:page", args=[instansi.code])
    assert staff_client(outsider).get(url).status_code == 404
    assert staff_client(intake_officer).get(url).status_code == 404
    client = staff_client(administrator)
    page = client.get(url)
    assert page.status_code == 200
    assert "Jadwal Retensi Arsip" in page.content.decode()
    # A hold placed on the page by number, and refused with a clear message on a wrong one.
    refused = client.post(
        url, {"action": "hold", "hold-target": "LAP-1999-000001", "hold-reason": "Gugatan."}
    )
    assert refused.status_code == 400
    assert "Tidak ada perkara atau laporan" in refused.content.decode()
    report = _rejected(instansi, intake_officer, closed_on=date(2027, 6, 1))
    placed = client.post(
        url, {"action": "hold", "hold-target": report.reference, "hold-reason": "Gugatan PTUN."}
    )
    assert placed.status_code == 302
    assert client.post(url, {"action": "dry_run"}).status_code == 302
    assert RetentionRun.objects.get().counts == {}
