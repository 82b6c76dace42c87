"""The attendance pages: the superior's alert and one-step case, calendars, summaries, timeline."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.attendance.models import AttendanceAlert, LeaveRecord
from tegak.attendance.services import attendance_import
from tegak.audit.models import AuditEvent

from ..conftest import make_user
from .helpers import checkin_csv, days


@pytest.fixture
def loaded(office):
    content = checkin_csv(
        [office.head, *office.staff],
        date(2025, 1, 1),
        date(2025, 1, 31),
        absent={
            office.staff[0].nip: days("2025-01-10", "2025-01-13", "2025-01-14", "2025-01-22"),
            office.staff[2].nip: days("2025-01-20", "2025-01-21"),  # on sick leave
        },
        arrive={office.staff[1].nip: "08:30"},
    ).encode()
    leave = f"nip,start,end,kind\n{office.staff[2].nip},2025-01-20,2025-01-21,cuti_sakit\n"
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=content,
        leave=leave.encode(),
        today=date(2025, 2, 1),
    )
    return office


@pytest.fixture
def superior_user(loaded):
    user = make_user("atasan-uji", loaded.instansi)
    user.employee = loaded.head
    user.save()
    return user


def test_superior_sees_the_alert_and_opens_the_case_in_one_step(
    loaded, superior_user, verified_client
):
    from tegak.cases.models import Case

    client = verified_client(superior_user)
    page = client.get(reverse("attendance:overview"))
    assert page.status_code == 200
    html = page.content.decode()
    assert loaded.staff[0].nip in html
    assert "teguran tertulis" in html.lower()
    alert = AttendanceAlert.objects.get(employee=loaded.staff[0])
    response = client.post(reverse("attendance:alert_open_case", args=[alert.pk]), follow=True)
    assert response.status_code == 200
    alert.refresh_from_db()
    case = Case.objects.get(pk=alert.opened_case_id)
    assert alert.opened_case_reference == case.register_number
    assert alert.opened_by == superior_user
    assert case.instansi == loaded.instansi
    assert AuditEvent.objects.filter(
        action="attendance.alert_case_opened", actor_id=superior_user.pk
    ).exists()
    assert case.register_number in response.content.decode()
    # The offence is dated on the last day counted (the check-ins end on 31 January), not on
    # the year's last day, which no count reached.
    allegation = case.allegations.get()
    assert allegation.committed_on == date(2025, 1, 31)
    assert alert.counts["counted_until"] == "2025-01-31"
    # A second click opens nothing more.
    client.post(reverse("attendance:alert_open_case", args=[alert.pk]))
    assert Case.objects.count() == 1


def test_someone_else_cannot_open_the_case_and_nothing_changes(loaded, outsider, verified_client):
    alert = AttendanceAlert.objects.get(employee=loaded.staff[0])
    events = AuditEvent.objects.count()
    client = verified_client(outsider)
    response = client.post(reverse("attendance:alert_open_case", args=[alert.pk]))
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.opened_case_reference == ""
    assert AuditEvent.objects.count() == events


def test_outsider_sees_no_calendar_unit_or_timeline(loaded, outsider, verified_client):
    client = verified_client(outsider)
    employee = loaded.staff[0]
    for url in (
        reverse("attendance:employee_month", args=[employee.pk, 2025, 1]),
        reverse("attendance:unit", args=[loaded.unit.pk]),
        reverse("attendance:timeline", args=[employee.pk]) + "?hari=2025-01-10",
    ):
        assert client.get(url).status_code == 404, url


def test_month_calendar_shows_statuses_and_check_in_times(loaded, administrator, verified_client):
    client = verified_client(administrator)
    url = reverse("attendance:employee_month", args=[loaded.staff[0].pk, 2025, 1])
    html = client.get(url).content.decode()
    assert 'data-day="2025-01-10"' in html
    cell = html.split('data-day="2025-01-10"')[0].rsplit("<td", 1)[1]
    assert "status-absent_unexcused" in cell
    present = html.split('data-day="2025-01-09"')[1].split("</td>")[0]
    assert "07:25" in present and "16:35" in present
    assert "status-cuti_bersama" in html.split('data-day="2025-01-28"')[0].rsplit("<td", 1)[1]


def test_unit_summary_and_agency_trend_have_charts_and_tables(
    loaded, administrator, verified_client
):
    client = verified_client(administrator)
    unit = client.get(reverse("attendance:unit", args=[loaded.unit.pk]) + "?tahun=2025")
    html = unit.content.decode()
    assert "<svg" in html and "<title" in html
    assert loaded.staff[0].nip in html
    overview = client.get(reverse("attendance:overview") + "?tahun=2025").content.decode()
    assert 'aria-labelledby="trend-title"' in overview
    assert "<table" in overview


def test_timeline_partial_shows_check_ins_leave_and_working_hours(
    loaded, administrator, verified_client
):
    client = verified_client(administrator)
    url = reverse("attendance:timeline", args=[loaded.staff[2].pk])
    html = client.get(url + "?hari=2025-01-20&hari=2025-01-24").content.decode()
    assert LeaveRecord.objects.filter(employee=loaded.staff[2]).exists()
    assert 'data-day="2025-01-20"' in html and 'data-day="2025-01-24"' in html
    friday = html.split('data-day="2025-01-24"')[1]
    assert "07:30" in friday and "16:30" in friday  # the Friday schedule
    assert "07:25" in friday and "16:35" in friday  # the check-ins
    monday = html.split('data-day="2025-01-20"')[1].split("</article>")[0]
    assert (
        "status-absent_excused" in html.split('data-day="2025-01-20"')[0].rsplit("<article", 1)[1]
    )
    assert "No check-in" in monday or "Tidak ada" in monday
    assert "cuti" in monday.lower() or "sick" in monday.lower()
    bad = client.get(url + "?hari=kemarin")
    assert bad.status_code == 400


def test_timeline_selector_puts_evidence_times_on_the_day(loaded):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tegak.attendance.selectors import attendance_for_timeline

    evidence = datetime(2025, 1, 24, 15, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    entries = attendance_for_timeline(
        loaded.staff[1], [date(2025, 1, 24)], marks=[{"at": evidence, "label": "nota karaoke"}]
    )
    (entry,) = entries
    assert entry["status"] == "present"
    assert entry["late_minutes"] == 60
    assert entry["schedule"]["end"].strftime("%H:%M") == "16:30"
    assert [item["at"].strftime("%H:%M") for item in entry["check_ins"]] == ["08:30", "16:35"]
    assert entry["marks"][0]["label"] == "nota karaoke"
    assert "nota karaoke 15:00" in str(entry["bar"])


def test_days_without_any_data_yet_are_shown_but_not_counted(
    loaded, administrator, verified_client
):
    client = verified_client(administrator)
    url = reverse("attendance:employee_month", args=[loaded.staff[0].pk, 2025, 2])
    html = client.get(url).content.decode()
    cells = html.split("<tbody>")[1]
    assert "status-absent_unexcused" not in cells
    assert "status-outside" in cells


def _upload(client, office, content: bytes, capture):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("presensi.csv", content, content_type="text/csv")
    with capture(execute=True):
        return client.post(
            reverse("attendance:import"),
            {"instansi": office.instansi.pk, "checkins": upload, "format": ""},
        )


def test_administrator_imports_through_the_page_and_sees_every_skipped_line(
    office, administrator, verified_client, django_capture_on_commit_callbacks
):
    from tegak.attendance.models import DailyCheckIn, ImportRun
    from tegak.jobs.runner import drain

    client = verified_client(administrator)
    nip = office.staff[0].nip
    content = f"nip,timestamp\n{nip},2025-01-02 07:30\n123,2025-01-02 07:30\n".encode()
    response = _upload(client, office, content, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    # The request only kept the file: nothing is read or written until the worker runs it.
    assert response.status_code == 302
    assert response["Location"] == reverse("attendance:import_run", args=[run.pk])
    assert DailyCheckIn.objects.count() == 0
    waiting = client.get(response["Location"]).content.decode()
    assert 'data-status="waiting"' in waiting and 'http-equiv="refresh"' in waiting
    # With JavaScript the page follows the run without reloading; without, it refreshes.
    assert '<noscript><meta http-equiv="refresh"' in waiting
    assert "attendance/import_run" in waiting and ".js" in waiting
    progress_url = reverse("attendance:import_run_progress", args=[run.pk])
    before = client.get(progress_url).json()
    assert before["status"] == "waiting" and not before["finished"]
    assert before["rows_total"] == 0 and before["status_label"] == "Menunggu pekerja latar"
    with django_capture_on_commit_callbacks(execute=True):
        assert drain() >= 1
    assert DailyCheckIn.objects.filter(employee=office.staff[0]).count() == 1
    run.refresh_from_db()
    assert run.status == "done" and run.rows_done == 2
    after = client.get(progress_url).json()
    assert after["finished"] and (after["rows_done"], after["rows_total"]) == (2, 2)
    assert after["rows_text"] == "2 dari 2 baris tertulis"
    assert not run.checkins  # the upload is deleted once read
    html = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in html
    assert '<dd id="rows-done">2</dd>' in html
    skipped = html.split('class="issues-skipped"')[1].split("</table>")[0]
    assert "<td>3</td>" in skipped and "123" in skipped
    assert "WIB (Asia/Jakarta)" in html


def test_while_the_rows_are_saved_the_page_says_so_instead_of_0_of_n(
    office, administrator, verified_client, django_capture_on_commit_callbacks
):
    """The rows are checked and written in one transaction, so the count cannot move until
    they are all committed: in that phase the page and its JSON say the rows are being saved
    (an indeterminate bar), not '0 of 2 rows written' jumping to '2 of 2' at the commit."""
    from tegak.attendance.models import ImportRun
    from tegak.audit import events
    from tegak.jobs.runner import drain

    client = verified_client(administrator)
    nip = office.staff[0].nip
    content = f"nip,timestamp\n{nip},2025-01-02 07:30\n{nip},2025-01-03 07:31\n".encode()
    response = _upload(client, office, content, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    progress_url = reverse("attendance:import_run_progress", args=[run.pk])
    seen = {}

    def at_the_commit(event):
        # Inside the import's write transaction: every row is written, nothing committed yet.
        seen["progress"] = client.get(progress_url).json()
        seen["html"] = client.get(response["Location"]).content.decode()

    subscription = events.subscribe(
        "attendance.imported", at_the_commit, when=events.IN_TRANSACTION
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert drain() >= 1
    finally:
        events.unsubscribe(subscription)
    saving = seen["progress"]
    assert saving["phase"] == "saving" and saving["status"] == "running"
    assert saving["status_label"] == "Menyimpan baris"
    assert saving["rows_total"] == 2
    assert saving["rows_text"] == "2 baris terbaca: diperiksa dan disimpan sekaligus."
    assert "0 dari 2" not in seen["html"]
    assert 'data-phase="saving"' in seen["html"] and "Menyimpan baris" in seen["html"]
    bar = seen["html"].split('<progress id="rows-bar"')[1].split(">")[0]
    assert "value=" not in bar  # indeterminate: no count to show yet
    done = client.get(progress_url).json()
    assert done["phase"] == "done" and done["rows_text"] == "2 dari 2 baris tertulis"


def test_import_page_refuses_a_wrong_file_and_is_only_for_administrators(
    office, administrator, examiner, verified_client, django_capture_on_commit_callbacks
):
    from tegak.attendance.models import DailyCheckIn, ImportRun
    from tegak.jobs.runner import drain

    client = verified_client(administrator)
    response = _upload(
        client, office, b"nama,jam\nBudi,07:30\n", django_capture_on_commit_callbacks
    )
    drain()
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.error_field == "checkins"
    html = client.get(response["Location"]).content.decode()
    assert "nip" in html and "timestamp" in html and 'role="alert"' in html
    assert DailyCheckIn.objects.count() == 0
    client.logout()
    other = verified_client(examiner)
    assert other.get(reverse("attendance:import")).status_code == 404
    assert other.get(response["Location"]).status_code == 404


def test_the_identity_custodian_sees_no_attendance(loaded, custodian, verified_client):
    """The custodian's task is reporters' identities; attendance is not needed for it."""
    client = verified_client(custodian)
    employee = loaded.staff[0]
    for url in (
        reverse("attendance:employee_month", args=[employee.pk, 2025, 1]),
        reverse("attendance:unit", args=[loaded.unit.pk]),
        reverse("attendance:timeline", args=[employee.pk]) + "?hari=2025-01-10",
    ):
        assert client.get(url).status_code == 404, url


def test_the_import_page_leaves_the_alerts_to_a_job_after_the_import_commits(
    office, administrator, verified_client, django_capture_on_commit_callbacks
):
    from tegak.audit.models import AuditEvent
    from tegak.jobs.models import Job, JobStatus
    from tegak.jobs.runner import drain

    client = verified_client(administrator)
    content = f"nip,timestamp\n{office.staff[0].nip},2025-01-02 07:30\n".encode()
    response = _upload(client, office, content, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        drain()
    assert "latar belakang untuk tahun 2025" in client.get(response["Location"]).content.decode()
    assert not AuditEvent.objects.filter(action="attendance.alerts_refreshed").exists()
    job = Job.objects.get(task_path="tegak.attendance.tasks.alerts_refresh")
    assert job.args == [office.instansi.pk, 2025]
    assert drain() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCESSFUL
    refreshed = AuditEvent.objects.get(action="attendance.alerts_refreshed")
    assert refreshed.data["year"] == 2025


def test_an_import_whose_file_breaks_the_reader_fails_and_says_so(
    office, administrator, verified_client, django_capture_on_commit_callbacks
):
    """Found by the 2026-12-07 attack: a file that raised an error no reader expected left the
    run "running" for ever (its retry found it taken), and `--wait` never returned."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tegak.attendance.models import DailyCheckIn, ImportRun, LeaveRecord
    from tegak.jobs.runner import drain

    client = verified_client(administrator)
    nip = office.staff[0].nip
    # The year -2026 that once broke the check-in reader is now skipped by its line as a wrong
    # clock (49b0963). A leave date of year 0 still breaks the reader: Polars reads
    # "0000-01-01" as a date that Python's date cannot hold (ValueError), no reader expects it.
    checkins = f"nip,timestamp\n{nip},2026-11-05 07:30:00\n".encode()
    leave = f"nip,start,end,kind\n{nip},0000-01-01,0000-01-02,izin\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("attendance:import"),
            {
                "instansi": office.instansi.pk,
                "checkins": SimpleUploadedFile("presensi.csv", checkins, content_type="text/csv"),
                "leave": SimpleUploadedFile("cuti.csv", leave, content_type="text/csv"),
                "format": "",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        drain()
    run = ImportRun.objects.get()
    assert run.status == "failed", (run.status, run.error)
    assert run.finished_at is not None
    assert "ValueError" in run.error
    # Nothing is stored, not even the good check-in read before the leave file broke.
    assert DailyCheckIn.objects.count() == 0 and LeaveRecord.objects.count() == 0
    page = client.get(reverse("attendance:import_run", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "Berkas tidak dapat dibaca (ValueError)" in page and "Tidak ada yang disimpan" in page
