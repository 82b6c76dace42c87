"""`working-time`: was this moment inside the working hours of the schedule in force that day?"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from tegak.rules.calendar import (
    OFFSET_TO_ZONE,
    TIMEZONES,
    CalendarRegistry,
    Schedule,
    default_registry,
    holiday_kind,
    holiday_name,
    schedule_day,
    schedule_from_dict,
)
from tegak.rules.config import RulesInputError
from tegak.rules.parsing import require_object


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _parse_moment(payload: dict[str, Any]) -> tuple[datetime, str | None]:
    raw = payload.get("at")
    if not isinstance(raw, str):
        raise RulesInputError("at", "must be a date and time (ISO 8601 with an offset)")
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise RulesInputError("at", f"{raw!r} is not a real date and time (ISO 8601)") from None
    zone = payload.get("timezone")
    if zone is not None and zone not in TIMEZONES:
        raise RulesInputError("timezone", "must be WIB, WITA or WIT")
    if moment.tzinfo is None:
        if zone is None:
            raise RulesInputError("at", 'needs an offset (e.g. +07:00) or "timezone": "WIB"')
        moment = moment.replace(tzinfo=TIMEZONES[zone])
    return moment, zone


def _schedule(payload: dict[str, Any], registry: CalendarRegistry) -> Schedule:
    value = payload.get("schedule", "national-perpres-21-2023")
    if isinstance(value, str):
        try:
            return registry.schedule(value)
        except KeyError:
            known = ", ".join(registry.schedule_ids)
            raise RulesInputError(
                "schedule", f"unknown schedule {value!r}; known: {known}"
            ) from None
    data = require_object(value, "schedule")
    schedule = schedule_from_dict(str(data.get("id", "inline")), data, field="schedule")
    try:
        registry.calendar(schedule.calendar_id)
    except KeyError:
        raise RulesInputError(
            "schedule.calendar", f"unknown calendar {schedule.calendar_id!r}"
        ) from None
    return schedule


def _local_zone(schedule: Schedule, moment: datetime, requested: str | None) -> str:
    """The zone the schedule's local hours are read in."""
    if schedule.timezone != "local":
        return schedule.timezone
    if requested is not None:
        return requested
    offset = moment.utcoffset()
    return OFFSET_TO_ZONE.get(offset, "WIB") if offset is not None else "WIB"


def working_time(
    payload: dict[str, Any],
    *,
    calendars: CalendarRegistry | None = None,
    config: object | None = None,
) -> dict[str, Any]:
    """Answer the `tegak rules working-time` request (CONTRACTS.md); `config` is unused."""
    data = require_object(payload, "$")
    registry = calendars or default_registry()
    moment, requested_zone = _parse_moment(data)
    schedule = _schedule(data, registry)
    zone = _local_zone(schedule, moment, requested_zone)
    local = moment.astimezone(TIMEZONES[zone])
    day = local.date()
    hours = schedule_day(schedule, day, registry=registry)
    calendar_id = schedule.calendar_id
    answer: dict[str, Any] = {
        "working_day": hours is not None,
        "within_working_hours": False,
        "on_break": False,
        "day_start": None,
        "day_end": None,
        "minutes_to_end": None,
        "holiday": holiday_name(day, calendar_id, registry=registry),
        "holiday_kind": holiday_kind(day, calendar_id, registry=registry),
        "schedule": schedule.id,
        "local_time": local.strftime("%Y-%m-%dT%H:%M"),
        "timezone": zone,
        "ramadan": False,
        "verified": schedule.verified,
        "basis": [],
    }
    version = schedule.version_on(day)
    if version is not None:
        answer["basis"] = list(version.basis)
    if hours is None:
        return answer
    now = local.hour * 60 + local.minute + local.second / 60
    start, end = _minutes(hours.start), _minutes(hours.end)
    within = start <= now < end
    on_break = any(_minutes(begin) <= now < _minutes(finish) for begin, finish in hours.breaks)
    answer.update(
        {
            "within_working_hours": within,
            "on_break": within and on_break,
            "day_start": hours.start.strftime("%H:%M"),
            "day_end": hours.end.strftime("%H:%M"),
            "minutes_to_end": int(end - now) if now < end else 0,
            "ramadan": hours.ramadan,
            "basis": list(hours.basis),
        }
    )
    return answer
