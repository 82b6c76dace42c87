"""The acknowledgment and first-answer clocks of a report.

Acknowledge within 3 working days (the instansi may change it). First answer within 14 days of
receipt: UU 25/2009 Pasal 44(3) says "paling lambat 14 (empat belas) hari sejak pengaduan
diterima" without saying working days, so the default counts calendar days (the stricter
reading); an instansi may count working days instead (`IntakeSettings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tegak.intake.conf import acknowledge_working_days, first_answer_days
from tegak.people.models import Instansi
from tegak.rules import add_working_days as rules_add_working_days


@dataclass(frozen=True)
class ClockSettings:
    acknowledge_working_days: int
    first_answer_days: int
    first_answer_counting: str
    calendar_id: str


def clock_settings(instansi: Instansi) -> ClockSettings:
    """The instansi's own clock settings, or the defaults."""
    from tegak.intake.models import IntakeSettings

    row: IntakeSettings | None
    if Instansi.intake_settings.is_cached(instansi):
        # Read with the instansi (`select_related("intake_settings")`, the public form does).
        row = getattr(instansi, "intake_settings", None)
    else:
        row = IntakeSettings.objects.filter(instansi=instansi).first()
    if row is None:
        return ClockSettings(
            acknowledge_working_days(), first_answer_days(), "calendar", "national"
        )
    return ClockSettings(
        row.acknowledge_working_days,
        row.first_answer_days,
        row.first_answer_counting,
        row.calendar_id,
    )


def add_working_days(start: date, days: int, calendar_id: str) -> date:
    """Working days come from the rules engine (weekends, holidays, cuti bersama)."""
    return rules_add_working_days(start, days, calendar_id)


def local_date(moment: datetime, instansi: Instansi) -> date:
    """The calendar day of a moment in the instansi's own time zone."""
    return moment.astimezone(ZoneInfo(instansi.zoneinfo_name)).date()


def due_dates(instansi: Instansi, received_at: datetime) -> tuple[date, date]:
    """(acknowledge by, first answer by) for a report received at that moment."""
    rules = clock_settings(instansi)
    received_on = local_date(received_at, instansi)
    acknowledge_due = add_working_days(
        received_on, rules.acknowledge_working_days, rules.calendar_id
    )
    if rules.first_answer_counting == "working":
        answer_due = add_working_days(received_on, rules.first_answer_days, rules.calendar_id)
    else:
        answer_due = received_on + timedelta(days=rules.first_answer_days)
    return acknowledge_due, answer_due
