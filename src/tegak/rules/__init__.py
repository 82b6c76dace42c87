"""The discipline law by date, in plain Python (no Django).

Facts in, a finding out, with the articles it rests on; every answer can be re-computed for any
past `as_of` date. See docs/rules.md and docs/legal-questions.md.
"""

from tegak.rules.attendance import AbsenceCount, DayRecord, count_absences, longest_unexcused_run
from tegak.rules.calendar import (
    Calendar,
    CalendarRegistry,
    DayHours,
    DaySchedule,
    Schedule,
    ScheduleVersion,
    add_working_days,
    day_schedule,
    default_registry,
    holiday_kind,
    holiday_name,
    is_working_day,
    ramadan_period,
    working_days_between,
)
from tegak.rules.catalog import (
    Provision,
    Regulation,
    counterpart,
    find_regulation,
    provision,
    provisions,
    regulation,
    regulations,
)
from tegak.rules.config import ENGINE_VERSION, RulesConfig, RulesInputError
from tegak.rules.working_time import working_time

__all__ = [
    "ENGINE_VERSION",
    "AbsenceCount",
    "Calendar",
    "CalendarRegistry",
    "DayHours",
    "DayRecord",
    "DaySchedule",
    "Provision",
    "Regulation",
    "RulesConfig",
    "RulesInputError",
    "Schedule",
    "ScheduleVersion",
    "add_working_days",
    "count_absences",
    "counterpart",
    "day_schedule",
    "default_registry",
    "find_regulation",
    "holiday_kind",
    "holiday_name",
    "is_working_day",
    "longest_unexcused_run",
    "provision",
    "provisions",
    "ramadan_period",
    "regulation",
    "regulations",
    "working_days_between",
    "working_time",
]
