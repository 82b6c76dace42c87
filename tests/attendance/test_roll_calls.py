"""Morning roll call (apel pagi, #15): recorded from a roll list or per unit, counted per year
with lawful reasons, and fed through the one door to a rule's roll-call bands; the attendance
report and the unit page show the count."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.attendance import roll_calls, selectors
from tegak.attendance.models import LeaveRecord, RollCall
from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.law import services as law
from tests.conftest import make_user
from tests.law.test_stored_configuration import TKK_RULE

from .helpers import checkin_csv

pytestmark = pytest.mark.django_db
TODAY = date(2025, 4, 1)


@pytest.fixture
def admin(instansi):
    return make_user("admin-apel", instansi, "administrator")


def roll_list(office, days, *, absent=(), reasons=None) -> bytes:
    reasons = reasons or {}
    lines = ["nip,tanggal,hadir,alasan"]
    for day in days:
        for employee in office.staff:
            missed = (employee.nip, day) in absent
            reason = reasons.get((employee.nip, day), "") if missed else ""
            lines.append(f"{employee.nip},{day.isoformat()},{'tidak' if missed else 'ya'},{reason}")
    return ("\n".join(lines) + "\n").encode()


def test_a_roll_list_with_bad_rows_names_each_and_records_nothing(office, admin):
    content = (
        "nip,tanggal,hadir,alasan\n"
        f"{office.staff[0].nip},2025-01-06,ya,\n"
        "000,2025-01-06,ya,\n"
        f"{office.staff[1].nip},06/01/2025,mungkin,\n"
        f"{office.staff[2].nip},2025-13-01,tidak,\n"
        f"{office.staff[2].nip},2025-01-07,tidak,liburan\n"
        f"{office.staff[0].nip},2025-01-06,tidak,\n"
    ).encode()
    with pytest.raises(InputError) as error:
        roll_calls.roll_call_import(
            actor=admin, instansi=office.instansi, content=content, today=TODAY
        )
    found = {(item["line"], item["field"]) for item in error.value.details}
    assert found == {(3, "nip"), (4, "hadir"), (5, "tanggal"), (6, "alasan"), (7, "tanggal")}
    assert error.value.field == "file"
    assert RollCall.objects.count() == 0
    assert not AuditEvent.objects.filter(action="attendance.roll_calls_imported").exists()


def test_missed_roll_calls_count_per_year_without_lawful_reasons(office, admin):
    staff = office.staff
    days = [date(2025, 1, d) for d in (6, 7, 8, 9, 10, 13)]
    absent = {(staff[0].nip, day) for day in days} | {(staff[1].nip, days[0])}
    reasons = {(staff[0].nip, days[0]): "dinas_luar"}
    LeaveRecord.objects.create(employee=staff[0], start=days[1], end=days[2], kind="cuti_sakit")
    summary = roll_calls.roll_call_import(
        actor=admin,
        instansi=office.instansi,
        content=roll_list(office, days, absent=absent, reasons=reasons),
        today=TODAY,
    )
    assert summary["created"] == 18
    again = roll_calls.roll_call_import(
        actor=admin,
        instansi=office.instansi,
        content=roll_list(office, days, absent=absent, reasons=reasons),
        today=TODAY,
    )
    assert again["created"] == 0 and RollCall.objects.count() == 18
    # staff 0: six missed, one with a duty letter given, two covered by sick leave -> 3.
    counts = roll_calls.missed_roll_calls(office.instansi, 2025)
    assert counts == {staff[0].pk: 3, staff[1].pk: 1}
    assert roll_calls.missed_roll_calls(office.instansi, 2024) is None


def test_a_unit_roll_call_is_entered_on_its_page(office, admin, verified_client):
    client = verified_client(admin)
    url = f"/staf/kehadiran/apel/unit/{office.unit.pk}/"
    page = client.get(url, {"tanggal": "2025-01-06"})
    assert page.status_code == 200
    data = {"tanggal": "2025-01-06"}
    for employee in [office.head, *office.staff]:
        data[f"present-{employee.pk}"] = "1"
    data.pop(f"present-{office.staff[1].pk}")
    data[f"reason-{office.staff[2].pk}"] = "izin"  # present: the reason is not kept
    response = client.post(url, data)
    assert response.status_code == 302
    missed = RollCall.objects.get(employee=office.staff[1], day=date(2025, 1, 6))
    assert missed.present is False and missed.reason == "" and missed.source == "unit_entry"
    assert RollCall.objects.get(employee=office.staff[2]).reason == ""
    assert roll_calls.missed_roll_calls(office.instansi, 2025) == {office.staff[1].pk: 1}


def test_the_roll_call_count_reaches_the_rules_bands_and_the_report(office, admin):
    from tegak.attendance.services import attendance_import

    staff = office.staff[0]
    staff.status = "NON_ASN"
    staff.save()
    law.rule_version_add(
        actor=admin,
        instansi=office.instansi,
        rule_id="tkk",
        content=TKK_RULE,
        in_force_from=date(2024, 1, 1),
    )
    attendance_import(
        actor=admin,
        instansi=office.instansi,
        checkins=checkin_csv(
            [office.head, *office.staff], date(2025, 1, 1), date(2025, 3, 31)
        ).encode(),
        today=TODAY,
    )
    days = [
        day
        for day in (
            date(2025, 1, 1).fromordinal(date(2025, 1, 2).toordinal() + n) for n in range(40)
        )
        if day.weekday() < 5
    ][:16]
    roll_calls.roll_call_import(
        actor=admin,
        instansi=office.instansi,
        content=roll_list(office, days, absent={(staff.nip, day) for day in days}),
        today=TODAY,
    )
    rows = {
        row["nip"]: row for row in selectors.report(office.instansi, 2025, as_of=TODAY, today=TODAY)
    }
    row = rows[staff.nip]
    assert row["missed_roll_calls"] == 16 and row["unexcused_days"] == 0
    assert row["finding"]["sanction"] == "local:putus_kontrak"
    assert any("16 missed morning roll call" in note for note in row["finding"]["notes"])
    assert set(rows) == {staff.nip}


def test_the_alert_list_shows_missed_roll_calls_beside_the_rules_thresholds(
    office, admin, verified_client
):
    """The alert raised by 16 missed roll calls shows the count in its own column with the
    thresholds of the rule version that decided it; the unit page names them too."""
    from tegak.attendance.models import AttendanceAlert
    from tegak.attendance.services import attendance_alerts_refresh

    test_the_roll_call_count_reaches_the_rules_bands_and_the_report(office, admin)
    staff = office.staff[0]
    attendance_alerts_refresh(actor=admin, instansi=office.instansi, year=2025, today=TODAY)
    alert = AttendanceAlert.objects.get(employee=staff)
    assert alert.counts["missed_roll_calls"] == 16
    client = verified_client(admin)
    page = client.get("/staf/kehadiran/", {"instansi": office.instansi.code, "tahun": 2025})
    header = page.content.decode().split("<tbody>")[0]
    assert "Apel tidak diikuti" in header
    [row] = [
        row.split("</tr>")[0]
        for row in page.content.decode().split('class="alert-row"')[1:]
        if staff.nip in row
    ]
    cell = row.split('class="roll-calls">')[1].split("</td>")[0]
    assert "<strong>16</strong>" in cell, cell
    assert "4–15: Teguran lisan" in cell and "16 atau lebih: pemutusan perjanjian kerja" in cell
    assert "Perwal Uji 7/2025" in cell
    unit = client.get(f"/staf/kehadiran/unit/{office.unit.pk}/", {"tahun": 2025})
    assert "4–15: Teguran lisan" in unit.content.decode()
