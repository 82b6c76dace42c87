"""Per-unit schedules in counting (#15): a 5-day unit and a 6-day unit side by side, each
counted with its own hours; a unit that changes schedule, and an employee who moves unit."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.attendance import selectors
from tegak.attendance.services import attendance_import
from tegak.law import services as law
from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

pytestmark = pytest.mark.django_db

BREAK = [["12:00", "13:00"]]
FIVE_DAYS = {
    **{
        day: {"start": "07:30", "end": "16:00", "breaks": BREAK}
        for day in ("mon", "tue", "wed", "thu")
    },
    "fri": {"start": "07:30", "end": "16:30", "breaks": [["11:30", "13:00"]]},
}
SIX_DAYS = {
    day: {"start": "07:30", "end": "14:00"} for day in ("mon", "tue", "wed", "thu", "fri", "sat")
}
TODAY = date(2025, 2, 20)


@pytest.fixture
def two_units(instansi, administrator):
    """Dinas (5-day, the instansi's default) and its UPT (6-day), one employee in each."""
    five = law.schedule_create(
        actor=administrator, instansi=instansi, code="lima-hari", name="Lima hari"
    )
    law.schedule_version_add(
        actor=administrator, schedule=five, valid_from=date(2025, 1, 1), days=FIVE_DAYS
    )
    six = law.schedule_create(
        actor=administrator, instansi=instansi, code="enam-hari", name="Enam hari"
    )
    law.schedule_version_add(
        actor=administrator, schedule=six, valid_from=date(2025, 1, 1), days=SIX_DAYS
    )
    law.default_schedule_set(actor=administrator, instansi=instansi, schedule_code="lima-hari")
    dinas = OrgUnit.objects.create(
        instansi=instansi, code="DINKES", name="Dinas Kesehatan", kind="dinas"
    )
    upt = OrgUnit.objects.create(
        instansi=instansi, code="PKM", name="UPT Puskesmas", kind="upt", parent=dinas
    )
    law.unit_schedule_set(actor=administrator, unit=upt, schedule=six, valid_from=date(2025, 1, 1))
    people = {}
    for unit, nip, name in (
        (dinas, "199001012015011001", "Ani Dinas"),
        (upt, "199001012015011002", "Budi Puskesmas"),
    ):
        post = Position.objects.create(
            instansi=instansi, unit=unit, name=f"Staf {unit.code}", kind="pelaksana"
        )
        employee = Employee.objects.create(instansi=instansi, nip=nip, name=name, status="PNS")
        PositionAssignment.objects.create(employee=employee, position=post, start=date(2020, 1, 1))
        people[unit.code] = employee
    instansi.refresh_from_db()
    return {
        "dinas": people["DINKES"],
        "upt": people["PKM"],
        "five": five,
        "six": six,
        "upt_unit": upt,
    }


def load(instansi, lines: list[str]) -> None:
    attendance_import(
        actor="test",
        instansi=instansi,
        checkins=("nip,timestamp\n" + "\n".join(lines) + "\n").encode(),
        today=TODAY,
    )


def week(nip: str, days: list[str], arrive: str = "07:30", leave: str = "14:00") -> list[str]:
    return [line for day in days for line in (f"{nip},{day} {arrive}", f"{nip},{day} {leave}")]


MON_TO_FRI = ["2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "2025-02-07"]


def counts(instansi) -> dict[str, dict]:
    frame = selectors.yearly_counts(instansi, 2025, today=TODAY).frame
    return {row["nip"]: row for row in frame.iter_rows(named=True)}


def test_each_unit_is_counted_with_its_own_hours(instansi, two_units):
    dinas, upt = two_units["dinas"], two_units["upt"]
    # Both leave at 14:00 Monday to Friday; the 6-day UPT also works on Saturday, and its
    # employee misses Saturday 8 February; Monday 10 February ends the data.
    load(
        instansi,
        week(dinas.nip, MON_TO_FRI)
        + week(upt.nip, MON_TO_FRI)
        + week(dinas.nip, ["2025-02-10"], leave="16:00")
        + week(upt.nip, ["2025-02-10"]),
    )
    result = counts(instansi)
    # The 5-day unit ends at 16:00 (Friday 16:30): 4 x 120 + 150 minutes early.
    assert result[dinas.nip]["early_leave_minutes"] == 4 * 120 + 150
    assert result[dinas.nip]["unexcused_days"] == 0  # Saturday is its weekend
    # The 6-day unit ends at 14:00: not early; its Saturday is a working day it missed.
    assert result[upt.nip]["early_leave_minutes"] == 0
    assert result[upt.nip]["unexcused_days"] == 1

    days = selectors.statuses(instansi, date(2025, 2, 8), date(2025, 2, 8))
    by_employee = {row["employee_id"]: row["status"] for row in days.iter_rows(named=True)}
    assert by_employee == {dinas.pk: "weekend", upt.pk: "absent_unexcused"}


def test_a_unit_that_changes_schedule_is_counted_with_each_from_its_date(
    instansi, administrator, two_units
):
    upt = two_units["upt"]
    # From Thursday 6 February the UPT follows the 5-day hours (a decree of the head of Dinas).
    law.unit_schedule_set(
        actor=administrator,
        unit=two_units["upt_unit"],
        schedule=two_units["five"],
        valid_from=date(2025, 2, 6),
    )
    load(instansi, week(upt.nip, MON_TO_FRI) + week(upt.nip, ["2025-02-10"], leave="16:00"))
    result = counts(instansi)[upt.nip]
    # Mon-Wed under the 6-day hours: on time. Thu 120 and Fri 150 minutes early under the 5-day.
    assert result["early_leave_minutes"] == 120 + 150
    assert result["unexcused_days"] == 0  # Saturday 8 February is a weekend by then


def test_an_employee_who_moves_unit_follows_the_new_unit_from_the_move(instansi, two_units):
    dinas = two_units["dinas"]
    PositionAssignment.objects.filter(employee=dinas).update(end=date(2025, 2, 5))
    post = Position.objects.get(unit=two_units["upt_unit"])
    PositionAssignment.objects.create(employee=dinas, position=post, start=date(2025, 2, 6))
    load(instansi, week(dinas.nip, MON_TO_FRI) + week(dinas.nip, ["2025-02-08", "2025-02-10"]))
    result = counts(instansi)[dinas.nip]
    # Mon-Wed in the Dinas (16:00): 3 x 120 minutes early; from Thursday in the UPT (14:00).
    assert result["early_leave_minutes"] == 3 * 120
    assert result["unexcused_days"] == 0


def test_the_case_timeline_shows_the_hours_of_the_employees_unit(instansi, two_units):
    from tegak.attendance.timeline import attendance_for_timeline

    upt = two_units["upt"]
    load(instansi, week(upt.nip, ["2025-02-07", "2025-02-08", "2025-02-10"]))
    entries = {
        entry["day"]: entry
        for entry in attendance_for_timeline(upt, [date(2025, 2, 7), date(2025, 2, 8)])
    }
    assert entries[date(2025, 2, 7)]["schedule"]["end"].strftime("%H:%M") == "14:00"
    assert entries[date(2025, 2, 8)]["schedule"] is not None  # Saturday: a working day there
    assert entries[date(2025, 2, 8)]["status"] == "present"
