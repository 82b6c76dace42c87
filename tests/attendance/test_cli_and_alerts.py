"""`tegak attendance import|report` (CONTRACTS.md) and the alerts to superiors."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command

from tegak.attendance.models import AttendanceAlert
from tegak.attendance.services import attendance_import

from .helpers import checkin_csv, days

JANUARY = (date(2025, 1, 1), date(2025, 1, 31))


@pytest.fixture
def january(office, tmp_path):
    """January 2025 for the head and three staff, with known answers:

    staff 0: absent Fri 10, Mon 13, Tue 14 (a run across the weekend) and Wed 22 -> 4 days;
    staff 1: 60 minutes late on each of the 19 working days (1,140 min = 2 days) and absent
        Thu 2 -> 1 + 2 = 3 days counted;
    staff 2: on sick leave 20-21 January (the leave file), on time otherwise -> not reported;
    the head: on time every day -> not in the report.
    """
    staff = office.staff
    path = tmp_path / "januari.csv"
    path.write_text(
        checkin_csv(
            [office.head, *staff],
            *JANUARY,
            absent={
                staff[0].nip: days("2025-01-10", "2025-01-13", "2025-01-14", "2025-01-22"),
                staff[1].nip: days("2025-01-02"),
                staff[2].nip: days("2025-01-20", "2025-01-21"),  # on leave, see below
            },
            arrive={staff[1].nip: "08:30"},
        )
    )
    return path


def report(capsys, *extra):
    call_command(
        "attendance", "report", "--year", "2025", "--instansi", "kota-uji", "--json", *extra
    )
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db(transaction=True)
def test_import_then_report_gives_the_contract_counts(office, january, capsys, tmp_path):
    leave = tmp_path / "cuti.csv"
    leave.write_text(
        f"nip,start,end,kind\n{office.staff[2].nip},2025-01-20,2025-01-21,cuti_sakit\n"
    )
    call_command(
        "attendance",
        "import",
        "--checkins",
        str(january),
        "--leave",
        str(leave),
        "--instansi",
        "kota-uji",
    )
    captured = capsys.readouterr()
    output = captured.out
    assert "WIB (Asia/Jakarta)" in output
    # No worker runs in the test: the command said so (on stderr, beside the progress) and ran
    # the import's job itself, without being asked to wait: the contract's import keeps the rows
    # before it returns.
    assert "Tidak ada pekerja latar yang berjalan" in captured.err
    # ... and the alert to the direct superior the import queued was brought up to date too.
    alert = AttendanceAlert.objects.get(employee=office.staff[0])
    assert alert.superior == office.head and alert.threshold == "teguran_tertulis"
    rows = report(capsys, "--as-of", "2025-02-01")
    by_nip = {row["nip"]: row for row in rows}
    assert set(by_nip) == {office.staff[0].nip, office.staff[1].nip}
    first = by_nip[office.staff[0].nip]
    assert {key: first[key] for key in first if key != "finding"} == {
        "nip": office.staff[0].nip,
        "year": 2025,
        "unexcused_days": 4,
        "late_minutes": 0,
        "early_leave_minutes": 0,
        "lateness_days": 0,
        "counted_days": 4,
        "longest_consecutive_unexcused": 3,
    }
    # PP 94/2021 Pasal 9(2)(b)(2): 4-6 days, teguran tertulis (from the rules engine).
    assert first["finding"]["level"] == "ringan"
    assert first["finding"]["sanction"] == "teguran_tertulis"
    assert first["finding"]["basis"]
    second = by_nip[office.staff[1].nip]
    assert second["late_minutes"] == 19 * 60 - 60  # present on 18 days, 60 minutes each
    assert second["unexcused_days"] == 1
    assert second["lateness_days"] == 2
    assert second["counted_days"] == 3
    assert second["finding"]["sanction"] == "teguran_lisan"


def test_report_of_a_year_without_data_is_an_empty_array(office, capsys):
    assert report(capsys) == []


def test_bad_input_exits_2_with_the_field_and_a_plain_message(office, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("attendance", "report", "--year", "2025", "--instansi", "tidak-ada", "--json")
    assert exited.value.code == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["field"] == "instansi"
    assert "tidak-ada" in error["message"]


def test_missing_file_exits_2_naming_the_option(office, capsys, tmp_path):
    with pytest.raises(SystemExit) as exited:
        call_command("attendance", "import", "--checkins", str(tmp_path / "nope.csv"))
    assert exited.value.code == 2
    assert json.loads(capsys.readouterr().err)["error"]["field"] == "checkins"


@pytest.mark.django_db(transaction=True)
def test_import_summary_lists_every_skipped_row_with_line_and_reason(office, tmp_path, capsys):
    path = tmp_path / "campur.csv"
    path.write_text(
        f"nip,timestamp\n{office.staff[0].nip},2025-01-02 07:30\n123,2025-01-02 07:30\n"
        f"{office.staff[0].nip},jam tujuh\n"
    )
    call_command("attendance", "import", "--checkins", str(path), "--json", "--wait")
    summary = json.loads(capsys.readouterr().out)
    assert summary["checkins_kept"] == 1
    assert [(row["line"], row["code"]) for row in summary["skipped"]] == [
        (3, "unknown_nip"),
        (4, "bad_timestamp"),
    ]
    assert all(row["message"] for row in summary["skipped"])


def test_the_command_queues_the_import_as_a_job_like_the_page(office, january, capsys):
    """With --no-wait the command keeps the file and enqueues the same job as the page (#18):
    nothing is read in the command, the run and its job wait for the worker."""
    from tegak.attendance.models import DailyCheckIn, ImportRun

    call_command(
        "attendance", "import", "--checkins", str(january), "--instansi", "kota-uji", "--no-wait"
    )
    run = ImportRun.objects.get()
    assert f"/staf/kehadiran/impor/{run.pk}/" in capsys.readouterr().out
    assert run.status == "waiting" and run.uploaded_by is None and run.checkins
    assert DailyCheckIn.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_waiting_prints_the_progress_and_a_refused_file_exits_2(office, tmp_path, capsys):
    from tegak.attendance.models import DailyCheckIn, ImportRun

    path = tmp_path / "salah.csv"
    path.write_text("nama,jam\nBudi,07:30\n")
    with pytest.raises(SystemExit) as exited:
        call_command("attendance", "import", "--checkins", str(path), "--wait")
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert "Menunggu pekerja latar" in captured.err and "Ditolak" in captured.err
    assert json.loads(captured.err[captured.err.index("{") :])["error"]["field"] == "checkins"
    assert ImportRun.objects.get().status == "failed"
    assert DailyCheckIn.objects.count() == 0


def test_crossing_a_threshold_alerts_the_direct_superior_once(office, january):
    content = january.read_bytes()
    first = attendance_import(
        actor="test", instansi=office.instansi, checkins=content, today=date(2025, 2, 1)
    )
    assert first.alerts_created == 2
    alert = AttendanceAlert.objects.get(employee=office.staff[0])
    assert alert.superior == office.head
    assert alert.threshold == "teguran_tertulis" and alert.level == "ringan"
    assert alert.counts["unexcused_days"] == 4
    assert alert.finding["sanction"] == "teguran_tertulis"
    assert alert.duty_clock_started_at is not None
    again = attendance_import(
        actor="test", instansi=office.instansi, checkins=content, today=date(2025, 2, 1)
    )
    assert again.alerts_created == 0
    assert AttendanceAlert.objects.count() == 2


def test_a_heavier_threshold_makes_a_new_alert(office, january):
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=january.read_bytes(),
        today=date(2025, 3, 1),
    )
    # February: everybody but staff 0 checks in, so staff 0 passes 11 days (sedang).
    february = checkin_csv(
        [office.head, *office.staff[1:]], date(2025, 2, 1), date(2025, 2, 28)
    ).encode()
    attendance_import(
        actor="test", instansi=office.instansi, checkins=february, today=date(2025, 3, 1)
    )
    thresholds = list(
        AttendanceAlert.objects.filter(employee=office.staff[0])
        .order_by("created")
        .values_list("level", flat=True)
    )
    assert thresholds[0] == "ringan"
    assert thresholds[-1] in {"sedang", "berat"}
    assert len(thresholds) == 2


def test_the_alert_job_and_command_are_idempotent(office, january, capsys):
    from tegak.attendance.tasks import alerts_refresh

    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=january.read_bytes(),
        today=date(2025, 2, 1),
        refresh_alerts=False,
    )
    assert AttendanceAlert.objects.count() == 0
    assert alerts_refresh.call(office.instansi.pk, 2025) == 2
    assert alerts_refresh.call(office.instansi.pk, 2025) == 0
    call_command("attendance", "alerts", "--year", "2025", "--instansi", "kota-uji")
    assert "0" in capsys.readouterr().out
    assert AttendanceAlert.objects.count() == 2


def test_today_is_not_counted_before_it_is_over(office):
    from tegak.attendance.selectors import counting_window, yearly_counts

    nip = office.staff[0].nip
    # Thursday 2 and Friday 3 January; the import runs on Friday morning.
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=(
            f"nip,timestamp\n{nip},2025-01-02 07:25\n{nip},2025-01-02 16:40\n"
            f"{nip},2025-01-03 07:20\n"
        ).encode(),
        today=date(2025, 1, 3),
    )
    friday = date(2025, 1, 3)
    assert counting_window(office.instansi, 2025, today=friday) == (
        date(2025, 1, 2),
        date(2025, 1, 2),
    )
    counts = {
        row["nip"]: row
        for row in yearly_counts(office.instansi, 2025, today=friday).frame.iter_rows(named=True)
    }
    assert counts[nip]["early_leave_minutes"] == 0  # Friday's missing departure is not early yet
    assert counts[office.staff[1].nip]["unexcused_days"] == 1  # Thursday only


def test_the_rows_read_are_told_before_anything_is_written(office, tmp_path):
    """The run's page shows the files' row count while the rows are written (#18): the count
    is handed over before the import's one write transaction starts."""
    from tegak.attendance.models import DailyCheckIn

    told: list[tuple[int, int]] = []
    content = (
        f"nip,timestamp\n{office.staff[0].nip},2025-01-02 07:30\n"
        f"{office.staff[1].nip},2025-01-02 07:35\n123,2025-01-02 07:30\n"
    ).encode()
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=content,
        on_read=lambda rows: told.append((rows, DailyCheckIn.objects.count())),
    )
    assert told == [(3, 0)]
    assert DailyCheckIn.objects.count() == 2
