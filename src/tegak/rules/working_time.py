"""`working-time`: was this moment inside the working hours of the schedule in force that day?"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
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
from tegak.rules.messages import Text, say
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
        raise RulesInputError(
            "at", say("{raw!r} is not a real date and time (ISO 8601)", raw=raw)
        ) from None
    zone = payload.get("timezone")
    if zone is not None and (not isinstance(zone, str) or zone not in TIMEZONES):
        raise RulesInputError("timezone", "must be WIB, WITA or WIT")
    if moment.tzinfo is None:
        if zone is None:
            raise RulesInputError("at", 'needs an offset (e.g. +07:00) or "timezone": "WIB"')
        moment = moment.replace(tzinfo=TIMEZONES[zone])
    _in_range(moment, UTC)
    return moment, zone


def _in_range(moment: datetime, zone: tzinfo) -> datetime:
    """The moment read in `zone`, or an error on `at` when that falls outside 0001-9999."""
    try:
        local = moment.astimezone(zone)
        # The working day is looked up with its neighbours (the day after, for the hours).
        local.date() + timedelta(days=1)
        local.date() - timedelta(days=1)
    except OverflowError:
        raise RulesInputError(
            "at", "lies too close to the first or last day the calendar can hold (0001-9999)"
        ) from None
    return local


def _schedule(payload: dict[str, Any], registry: CalendarRegistry) -> Schedule:
    value = payload.get("schedule", "national-perpres-21-2023")
    if isinstance(value, str):
        try:
            return registry.schedule(value)
        except KeyError:
            known = ", ".join(registry.schedule_ids)
            raise RulesInputError(
                "schedule",
                say("unknown schedule {value!r}; known: {known}", value=value, known=known),
            ) from None
    data = require_object(value, "schedule")
    schedule = schedule_from_dict(str(data.get("id", "inline")), data, field="schedule")
    try:
        registry.calendar(schedule.calendar_id)
    except KeyError:
        raise RulesInputError(
            "schedule.calendar",
            say("unknown calendar {calendar_id!r}", calendar_id=schedule.calendar_id),
        ) from None
    return schedule


Say = Text


def _local_zone(
    schedule: Schedule, moment: datetime, requested: str | None, notes: list[Say]
) -> str:
    """The zone the schedule's local hours are read in, with a note when the moment was given
    in another zone (Perpres 21/2023 Pasal 4 ayat (3): working hours are local time)."""
    offset = moment.utcoffset()
    given = OFFSET_TO_ZONE.get(offset) if offset is not None else None
    written = _offset_text(moment)
    if schedule.timezone != "local":
        if requested is None and given != schedule.timezone:
            notes.append(
                say(
                    "The moment was given at UTC{written}, not in {timezone}, the local time "
                    "of schedule {id}; working hours are local time (Perpres 21/2023 Pasal 4 "
                    "ayat (3), 'waktu setempat'): read as {timezone}. Check that the offset "
                    "is right",
                    written=written,
                    timezone=schedule.timezone,
                    id=schedule.id,
                )
            )
        return schedule.timezone
    if requested is not None:
        if given is not None and given != requested:
            # Two Indonesian zones that disagree: likely a mistake in one of them.
            notes.append(
                say(
                    "The moment was given at UTC{written} ({given}) and is read in {timezone}, "
                    'as "timezone" asks: {local} local time. Check which of the two is right',
                    written=written,
                    given=given,
                    timezone=requested,
                    local=moment.astimezone(TIMEZONES[requested]).strftime("%H:%M"),
                )
            )
        return requested
    if given is None:
        notes.append(
            say(
                "UTC{written} is not an Indonesian time zone (WIB +07:00, WITA +08:00, "
                "WIT +09:00); the moment is read in WIB. Give the local offset or "
                '"timezone"',
                written=written,
            )
        )
        return "WIB"
    return given


def _offset_text(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


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
    notes: list[Say] = []
    zone = _local_zone(schedule, moment, requested_zone, notes)
    local = _in_range(moment, TIMEZONES[zone])
    day = local.date()
    hours = schedule_day(schedule, day, registry=registry)
    calendar_id = schedule.calendar_id
    version = schedule.version_on(day)
    verified = schedule.verified
    if version is not None and version.verified is not None:
        verified = verified and version.verified
    estimate = registry.calendar(calendar_id).estimate_on(day)
    if estimate is not None:
        reason, name = estimate
        notes.append(
            say(
                "{day} is {name}, an estimated date: whether it is a day off depends on the "
                "year's SKB 3 Menteri",
                day=day,
                name=name,
            )
            if reason == "estimated"
            else say(
                "The holidays and cuti bersama of {year} are not yet decreed (SKB 3 Menteri): "
                "{day} may still become a day off",
                year=day.year,
                day=day,
            )
        )
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
        "verified": verified,
        "basis": [],
        "provisional": estimate is not None,
        "notes": [note.en for note in notes],
        "notes_id": [note.id for note in notes],
    }
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
