"""Importing check-ins and leave: valid rows kept, every other reported with its line."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from tegak.attendance.messages import describe
from tegak.attendance.models import DailyCheckIn, DeviceUser, LeaveRecord
from tegak.attendance.services import attendance_import
from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError

TODAY = date(2025, 2, 28)
WIB = ZoneInfo("Asia/Jakarta")


def run(office, checkins=None, leave=None, **options):
    return attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=checkins.encode() if isinstance(checkins, str) else checkins,
        leave=leave.encode() if isinstance(leave, str) else leave,
        today=TODAY,
        **options,
    )


def test_valid_rows_are_kept_and_every_bad_row_is_reported_with_its_line(office):
    nip = office.staff[0].nip
    text = (
        "nip,timestamp,device\n"
        f"{nip},2025-01-02 07:31:00,gerbang\n"  # line 2
        f"{nip},2025-01-02 16:05:00,gerbang\n"  # line 3
        "199999999999999999,2025-01-02 07:40:00,gerbang\n"  # line 4: unknown NIP
        f"{nip},kemarin pagi,gerbang\n"  # line 5: not a time
        f",2025-01-02 07:40:00,gerbang\n"  # line 6: no NIP
        f"{nip},2025-03-05 07:40:00,gerbang\n"  # line 7: future
        f"{nip},2025-01-02 16:05:00,gerbang\n"  # line 8: duplicate of line 3
        f"{nip},2000-01-01 00:00:00,gerbang\n"  # line 9: a machine whose clock was reset
    )
    summary = run(office, text)
    reasons = {issue.line: issue.code for issue in summary.skipped}
    assert reasons == {
        4: "unknown_nip",
        5: "bad_timestamp",
        6: "missing_nip",
        7: "future_timestamp",
        9: "early_timestamp",
    }
    assert summary.duplicates == 1
    assert summary.checkins_kept == 2
    day = DailyCheckIn.objects.get(employee=office.staff[0], day=date(2025, 1, 2))
    assert day.first_at == datetime(2025, 1, 2, 7, 31, tzinfo=WIB)
    assert day.last_at == datetime(2025, 1, 2, 16, 5, tzinfo=WIB)
    assert day.first_device == "gerbang"
    # The message names the reason in Indonesian by default.
    unknown = next(issue for issue in summary.skipped if issue.line == 4)
    assert "199999999999999999" in describe(unknown)
    assert "bukan pegawai" in describe(unknown)
    reset_clock = next(issue for issue in summary.skipped if issue.line == 9)
    assert "2000-01-01" in describe(reset_clock) and "PP 53/2010" in describe(reset_clock)


def test_importing_the_same_file_twice_changes_nothing_and_a_new_day_adds(office):
    nip = office.staff[0].nip
    first = f"nip,timestamp\n{nip},2025-01-02 07:31:00\n{nip},2025-01-02 16:05:00\n"
    run(office, first)
    again = run(office, first)
    assert again.days_new == 0 and again.days_updated == 0 and again.days_unchanged == 1
    assert DailyCheckIn.objects.count() == 1
    more = run(office, f"nip,timestamp\n{nip},2025-01-03 07:20:00\n{nip},2025-01-02 17:00:00\n")
    assert more.days_new == 1 and more.days_updated == 1
    day = DailyCheckIn.objects.get(employee=office.staff[0], day=date(2025, 1, 2))
    assert day.first_at == datetime(2025, 1, 2, 7, 31, tzinfo=WIB)  # the earliest stays
    assert day.last_at == datetime(2025, 1, 2, 17, 0, tzinfo=WIB)  # a later departure wins


def test_naive_times_are_read_in_the_instansi_zone_and_offsets_are_converted(office):
    office.instansi.time_zone = "WITA"
    office.instansi.save()
    nip = office.staff[0].nip
    text = (
        "nip,timestamp\n"
        f"{nip},2025-01-02 07:31\n"  # naive: read in WITA
        f"{nip},2025-01-02T15:00:00+07:00\n"  # WIB offset: 16:00 WITA, noted
    )
    summary = run(office, text)
    assert summary.naive_read_in_zone == 1
    assert summary.time_zone == "WITA" and summary.zoneinfo_name == "Asia/Makassar"
    notes = {issue.line: issue for issue in summary.notes}
    assert notes[3].code == "foreign_offset"
    assert notes[3].detail["offset"] == "+07:00"
    day = DailyCheckIn.objects.get(employee=office.staff[0])
    wita = ZoneInfo("Asia/Makassar")
    assert day.first_at == datetime(2025, 1, 2, 7, 31, tzinfo=wita)
    assert day.last_at == datetime(2025, 1, 2, 16, 0, tzinfo=wita)


def test_check_ins_on_a_day_off_are_kept_with_a_note(office):
    nip = office.staff[0].nip
    summary = run(office, f"nip,timestamp\n{nip},2025-01-04 09:00\n{nip},2025-01-01 09:00\n")
    notes = {issue.line: issue for issue in summary.notes}
    assert notes[2].code == "not_working_day" and notes[2].detail["kind"] == "weekend"
    assert notes[3].detail["kind"] == "holiday"
    assert "Tahun Baru" in notes[3].detail["name"]
    assert DailyCheckIn.objects.filter(employee=office.staff[0]).count() == 2


def test_machine_export_maps_device_ids_to_nip(office):
    device_map = f"device_user_id,nip\n17,{office.staff[1].nip}\n".encode()
    attlog = (
        "   17\t2025-01-02 07:45:10\t1\t0\t1\t0\n"
        "   17\t2025-01-02 16:10:00\t1\t1\t1\t0\n"
        "   99\t2025-01-02 07:45:10\t1\t0\t1\t0\n"
    )
    summary = run(office, attlog, device_map=device_map)
    assert summary.format == "machine"
    assert [(issue.line, issue.code) for issue in summary.skipped] == [(3, "unknown_device_user")]
    assert DeviceUser.objects.get(device_user_id="17").employee == office.staff[1]
    day = DailyCheckIn.objects.get(employee=office.staff[1])
    assert day.first_at == datetime(2025, 1, 2, 7, 45, 10, tzinfo=WIB)
    assert day.last_device == "attlog:1"


def test_xlsx_with_date_cells_is_read_like_the_csv(office):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Timestamp"])
    sheet.append([office.staff[2].nip, datetime(2025, 1, 6, 7, 29)])
    sheet.append([office.staff[2].nip, "2025-01-06 16:01:00"])
    sheet.append(["123", datetime(2025, 1, 6, 7, 29)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = run(office, buffer.getvalue())
    assert summary.format == "xlsx"
    assert [(issue.line, issue.code) for issue in summary.skipped] == [(4, "unknown_nip")]
    day = DailyCheckIn.objects.get(employee=office.staff[2])
    assert day.first_at == datetime(2025, 1, 6, 7, 29, tzinfo=WIB)


@pytest.mark.parametrize(
    "content, fmt, expected",
    [
        (b"PK\x03\x04 not really a workbook", "csv", "XLSX"),
        (b"nama,jam\nBudi,07:30\n", "csv", "nip"),
        (b"\x00\x01\x02binary", None, "bukan"),
    ],
    ids=["xlsx-as-csv", "wrong-columns", "binary"],
)
def test_a_file_of_another_format_is_refused_whole_and_nothing_is_written(
    office, content, fmt, expected
):
    with pytest.raises(InputError) as raised:
        run(office, content, fmt=fmt)
    assert raised.value.field == "checkins"
    assert expected in raised.value.message
    assert DailyCheckIn.objects.count() == 0
    assert not AuditEvent.objects.filter(action="attendance.imported").exists()


def test_leave_rows_overlapping_and_bad_are_reported_and_repeats_ignored(office):
    nip = office.staff[0].nip
    leave = (
        "nip,start,end,kind,reference\n"
        f"{nip},2025-01-06,2025-01-08,cuti_tahunan,800/1/2025\n"  # 2 kept
        f"{nip},2025-01-08,2025-01-09,cuti_sakit,\n"  # 3 overlaps line 2
        f"{nip},2025-01-10,2025-01-09,izin,\n"  # 4 end before start
        f"{nip},2025-01-13,2025-01-13,liburan,\n"  # 5 unknown kind
        f"{nip},13/01/2025,2025-01-14,dinas_luar,\n"  # 6 day-first date: kept
        f"999,2025-01-13,2025-01-13,izin,\n"  # 7 unknown NIP
    )
    summary = run(office, leave=leave)
    codes = {issue.line: issue.code for issue in summary.leave_skipped}
    assert codes == {
        3: "overlapping_leave",
        4: "end_before_start",
        5: "unknown_leave_kind",
        7: "unknown_nip",
    }
    overlap = next(issue for issue in summary.leave_skipped if issue.line == 3)
    assert "baris 2" in describe(overlap)
    assert LeaveRecord.objects.count() == 2
    again = run(office, leave=leave)
    assert again.leave_duplicates == 2 and again.leave_kept == 0
    assert LeaveRecord.objects.count() == 2


def test_the_audit_event_holds_counts_and_nothing_identifying(office):
    nip = office.staff[0].nip
    run(office, f"nip,timestamp\n{nip},2025-01-02 07:31\n999,2025-01-02 07:31\n")
    event = AuditEvent.objects.get(action="attendance.imported")
    assert event.data["checkins_kept"] == 1 and event.data["skipped"] == 1
    assert nip not in str(event.data) and "999" not in str(event.data)


def test_leave_from_xlsx_with_date_cells(office):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nip", "start", "end", "kind", "reference"])
    sheet.append([office.staff[0].nip, date(2025, 1, 6), date(2025, 1, 7), "dinas_luar", "ST/9"])
    sheet.append([office.staff[0].nip, date(2025, 1, 9), date(2025, 1, 8), "izin", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = run(office, leave=buffer.getvalue())
    assert [(issue.line, issue.code) for issue in summary.leave_skipped] == [
        (3, "end_before_start")
    ]
    record = LeaveRecord.objects.get(employee=office.staff[0])
    assert (record.start, record.end, record.kind, record.reference) == (
        date(2025, 1, 6),
        date(2025, 1, 7),
        "dinas_luar",
        "ST/9",
    )
