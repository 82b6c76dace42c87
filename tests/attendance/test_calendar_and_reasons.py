"""The instansi's own calendar days and flexible work change what is counted."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.attendance import selectors
from tegak.attendance.models import FlexibleWorkGrant
from tegak.attendance.services import attendance_import
from tegak.core.access import Role
from tegak.core.errors import InputError
from tegak.law import services as law

from ..conftest import make_user
from .helpers import checkin_csv, days

JANUARY = (date(2025, 1, 1), date(2025, 1, 31))


def own_day(office, day, kind, name):
    """A day of the instansi's own calendar, entered as its administrator does (the page's
    service)."""
    administrator = make_user(f"admin-{day.isoformat()}", office.instansi, Role.ADMINISTRATOR)
    law.calendar_day_set(
        actor=administrator, instansi=office.instansi, day=day, kind=kind, name=name
    )


def load(office, absent):
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=checkin_csv(office.staff, *JANUARY, absent=absent).encode(),
        today=date(2025, 2, 1),
    )


def counts(office, employee):
    result = selectors.yearly_counts(office.instansi, 2025, today=date(2025, 2, 1))
    return next(row for row in result.frame.iter_rows(named=True) if row["nip"] == employee.nip)


def status_on(office, employee, day):
    frame = selectors.statuses(office.instansi, day, day, employees=[employee])
    return frame.row(0, named=True)


def test_a_regional_holiday_is_not_a_working_day(office):
    employee = office.staff[0]
    load(office, {employee.nip: days("2025-01-15")})
    assert counts(office, employee)["unexcused_days"] == 1
    own_day(office, date(2025, 1, 15), "regional_holiday", "Hari Jadi Kota Uji")
    assert counts(office, employee)["unexcused_days"] == 0
    row = status_on(office, employee, date(2025, 1, 15))
    assert row["status"] == "holiday" and row["day_name"] == "Hari Jadi Kota Uji"


def test_a_regional_cuti_bersama_is_labelled_as_such(office):
    own_day(office, date(2025, 1, 16), "cuti_bersama", "Cuti daerah")
    assert status_on(office, office.staff[0], date(2025, 1, 16))["status"] == "cuti_bersama"


def test_a_working_day_correction_makes_a_national_day_off_count(office):
    employee = office.staff[0]
    load(office, {})
    # 28 January 2025 is cuti bersama nationally; this instansi works that day.
    assert status_on(office, employee, date(2025, 1, 28))["status"] == "cuti_bersama"
    own_day(office, date(2025, 1, 28), "working_day_correction", "Pelayanan tetap buka")
    assert status_on(office, employee, date(2025, 1, 28))["status"] == "absent_unexcused"
    assert counts(office, employee)["unexcused_days"] == 1


def test_flexible_work_for_a_unit_on_fridays_is_a_lawful_reason(office):
    employee = office.staff[1]
    # Fri 17 and Thu 23 January absent.
    load(office, {employee.nip: days("2025-01-17", "2025-01-23")})
    FlexibleWorkGrant.objects.create(
        instansi=office.instansi,
        unit=office.unit,
        kind="location",
        start=date(2025, 1, 1),
        end=date(2025, 1, 31),
        weekdays="5",
        source_decree="SE Sekda 800/1/2025",
    )
    friday = status_on(office, employee, date(2025, 1, 17))
    assert friday["status"] == "absent_excused" and friday["reason"] == "flexible_work"
    assert status_on(office, employee, date(2025, 1, 23))["status"] == "absent_unexcused"
    assert counts(office, employee)["unexcused_days"] == 1


def test_flexible_time_waives_lateness_but_not_absence(office):
    employee = office.staff[2]
    attendance_import(
        actor="test",
        instansi=office.instansi,
        checkins=checkin_csv(
            office.staff,
            *JANUARY,
            absent={employee.nip: days("2025-01-07")},
            arrive={employee.nip: "09:00"},
        ).encode(),
        today=date(2025, 2, 1),
    )
    before = counts(office, employee)
    assert before["late_minutes"] == 18 * 90
    FlexibleWorkGrant.objects.create(
        instansi=office.instansi,
        employee=employee,
        kind="time",
        start=date(2025, 1, 1),
        end=date(2025, 1, 31),
    )
    after = counts(office, employee)
    assert after["late_minutes"] == 0
    assert after["unexcused_days"] == 1


def test_an_unknown_schedule_is_a_clear_error(office):
    load(office, {})
    office.instansi.schedule_id = "tidak-ada"
    office.instansi.save()
    with pytest.raises(InputError) as raised:
        selectors.yearly_counts(office.instansi, 2025, today=date(2025, 2, 1))
    assert raised.value.field == "schedule"


def test_a_run_of_absence_across_new_year_is_counted_whole_in_both_years(office):
    """Reading 9 (PP 94/2021 Pasal 11(2)(d) angka 4, 10 working days in a row): a run from
    December into January is one run, counted whole in the count of each year it touches; the
    days themselves stay in their own year (Pasal 15(1))."""
    from .helpers import working_days

    away, brief = office.staff[0], office.staff[1]
    run = working_days(date(2024, 12, 19), date(2025, 1, 10))
    short = working_days(date(2024, 12, 30), date(2025, 1, 2))
    absent = {away.nip: set(run), brief.nip: set(short)}
    for start, end in ((date(2024, 12, 2), date(2024, 12, 31)), JANUARY):
        attendance_import(
            actor="test",
            instansi=office.instansi,
            checkins=checkin_csv(office.staff, start, end, absent=absent).encode(),
            today=date(2025, 2, 1),
        )
    in_2024 = [day for day in run if day.year == 2024]
    for year, own_days in ((2024, len(in_2024)), (2025, len(run) - len(in_2024))):
        frame = selectors.yearly_counts(office.instansi, year, today=date(2025, 2, 1)).frame
        rows = {row["nip"]: row for row in frame.iter_rows(named=True)}
        assert rows[away.nip]["unexcused_days"] == own_days
        assert rows[away.nip]["longest_consecutive_unexcused"] == len(run) >= 10
        assert rows[brief.nip]["longest_consecutive_unexcused"] == len(short)
        assert rows[office.staff[2].nip]["longest_consecutive_unexcused"] == 0
        assert "leading_unexcused" not in frame.columns


def test_a_working_day_nobody_has_data_for_breaks_a_run_across_new_year(office):
    """No data is not absence: when the last days of December were not imported, the January
    run does not reach back over them."""
    from .helpers import working_days

    away = office.staff[0]
    run = working_days(date(2024, 12, 16), date(2025, 1, 10))
    for start, end in ((date(2024, 12, 2), date(2024, 12, 24)), JANUARY):
        attendance_import(
            actor="test",
            instansi=office.instansi,
            checkins=checkin_csv(office.staff, start, end, absent={away.nip: set(run)}).encode(),
            today=date(2025, 2, 1),
        )
    frame = selectors.yearly_counts(office.instansi, 2025, today=date(2025, 2, 1)).frame
    row = next(row for row in frame.iter_rows(named=True) if row["nip"] == away.nip)
    assert row["longest_consecutive_unexcused"] == len([day for day in run if day.year == 2025])
