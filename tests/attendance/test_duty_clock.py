"""The superior's duty clock of a case opened from an attendance alert (reading C34).

PP 94/2021 Pasal 26(1) and 28 bind the direct superior once they know of the absences; the alert
tells them. Opening the case weeks later must not give them a fresh 7 working days.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tegak.attendance.models import AttendanceAlert
from tegak.attendance.services import attendance_alert_open_case, attendance_import
from tegak.cases.models import Case, Clock

from .helpers import checkin_csv, days

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def alert(office, administrator):
    # The January check-ins are imported on Monday 3 February 2025: the alert reaches the
    # superior that day (four days absent: teguran tertulis).
    content = checkin_csv(
        [office.head, *office.staff],
        date(2025, 1, 1),
        date(2025, 1, 31),
        absent={office.staff[0].nip: days("2025-01-10", "2025-01-13", "2025-01-14", "2025-01-22")},
    ).encode()
    with time_machine.travel(datetime(2025, 2, 3, 9, 0, tzinfo=WIB), tick=False):
        attendance_import(
            actor="test", instansi=office.instansi, checkins=content, today=date(2025, 2, 3)
        )
    return AttendanceAlert.objects.get(employee=office.staff[0])


def _open_late(alert, actor):
    # The case is opened five weeks later, on Monday 10 March 2025.
    with time_machine.travel(datetime(2025, 3, 10, 10, 0, tzinfo=WIB), tick=False):
        attendance_alert_open_case(actor=actor, alert=alert)
    alert.refresh_from_db()
    return Case.objects.get(pk=alert.opened_case_id)


def test_the_superiors_duty_runs_from_the_alert_not_from_the_day_the_case_is_opened(
    alert, administrator
):
    case = _open_late(alert, administrator)
    assert case.opened_on == date(2025, 3, 10)
    assert case.known_to_superior_on == date(2025, 2, 3)
    duty = Clock.objects.get(case=case, name="superior_must_summon")
    # 7 working days after Monday 3 February 2025 (none of them a holiday): Wednesday 12 February.
    assert duty.due == date(2025, 2, 12)
    assert duty.entered_after_due


def test_the_duty_may_run_from_the_last_day_counted_when_the_installation_says_so(
    alert, administrator, settings
):
    settings.CASES_ATTENDANCE_DUTY_FROM = "threshold"
    case = _open_late(alert, administrator)
    assert case.known_to_superior_on == date(2025, 1, 31)
    duty = Clock.objects.get(case=case, name="superior_must_summon")
    # 7 working days after Friday 31 January 2025 (no holiday in between): Tuesday 11 February.
    assert duty.due == date(2025, 2, 11)
