"""Writes to the instansi's stored legal configuration: schedules and their versions, Ramadan
periods, the schedule of each unit, calendar days, discipline rule versions, the "verified
against the text" mark, and rule packs imported whole.

Every item is checked by the engine's own parser before it is stored (nothing half-saved); a
basis document may not be dated after the day it takes effect. A version is never edited: a new
version starts from its effective date, and a correction on the same date replaces the old row
(kept, marked superseded) — refused for a rule version an open case's finding relied on.
"""

from tegak.law.services.common import BasisInput
from tegak.law.services.packs import pack_import
from tegak.law.services.rules import item_verify, rule_version_add, rule_version_correct
from tegak.law.services.schedules import (
    calendar_day_change,
    calendar_day_remove,
    calendar_day_set,
    default_schedule_set,
    ramadan_period_add,
    schedule_create,
    schedule_version_add,
    schedule_version_correct,
    unit_schedule_set,
)

__all__ = [
    "BasisInput",
    "calendar_day_change",
    "calendar_day_remove",
    "calendar_day_set",
    "default_schedule_set",
    "item_verify",
    "pack_import",
    "ramadan_period_add",
    "rule_version_add",
    "rule_version_correct",
    "schedule_create",
    "schedule_version_add",
    "schedule_version_correct",
    "unit_schedule_set",
]
