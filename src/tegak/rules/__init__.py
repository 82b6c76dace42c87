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
from tegak.rules.deadlines import STEPS, deadlines
from tegak.rules.engine import assess, authority_for
from tegak.rules.instansi import InstansiRule, find_instansi_rule, instansi_rule, rule_from_dict
from tegak.rules.sanctions import SANCTIONS, Sanction
from tegak.rules.working_time import working_time

__all__ = [
    "ENGINE_VERSION",
    "SANCTIONS",
    "STEPS",
    "AbsenceCount",
    "Calendar",
    "CalendarRegistry",
    "DayHours",
    "DayRecord",
    "DaySchedule",
    "InstansiRule",
    "Provision",
    "Regulation",
    "RulesConfig",
    "RulesInputError",
    "Sanction",
    "Schedule",
    "ScheduleVersion",
    "add_working_days",
    "assess",
    "authority_for",
    "count_absences",
    "counterpart",
    "day_schedule",
    "deadlines",
    "default_registry",
    "find_instansi_rule",
    "find_regulation",
    "holiday_kind",
    "holiday_name",
    "instansi_rule",
    "is_working_day",
    "longest_unexcused_run",
    "provision",
    "provisions",
    "ramadan_period",
    "regulation",
    "regulations",
    "rule_from_dict",
    "working_days_between",
    "working_time",
]
