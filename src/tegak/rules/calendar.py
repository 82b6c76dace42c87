"""Working days: national holidays and cuti bersama, each instansi's own days, weekly schedules.

National holidays and cuti bersama come from the `holidays` package (Indonesia, categories
`public` and `government`), which follows the yearly SKB 3 Menteri. An instansi adds its regional
days or corrects an estimated date with `CalendarRegistry.with_overrides`. Weekly schedules are
effective-dated (`Schedule.versions`) and know Ramadan hours (Perpres 21/2023 Pasal 4).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta, timezone
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import holidays as holidays_package

from tegak.rules.config import RulesInputError
from tegak.rules.messages import say
from tegak.rules.parsing import parse_date, parse_time, require_object

TIMEZONES: dict[str, timezone] = {
    "WIB": timezone(timedelta(hours=7), "WIB"),
    "WITA": timezone(timedelta(hours=8), "WITA"),
    "WIT": timezone(timedelta(hours=9), "WIT"),
}
OFFSET_TO_ZONE = {tz.utcoffset(None): name for name, tz in TIMEZONES.items()}
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
IDUL_FITRI = "Hari Raya Idul Fitri"

# 1 Ramadan as set by the Ministry of Religious Affairs (isbat); later years are estimates that
# an instansi corrects through its schedule's `ramadan` periods. The last day of Ramadan is the
# day before Idul Fitri in the holiday data.
RAMADAN_STARTS: dict[int, date] = {
    2018: date(2018, 5, 17),
    2019: date(2019, 5, 6),
    2020: date(2020, 4, 24),
    2021: date(2021, 4, 13),
    2022: date(2022, 4, 3),
    2023: date(2023, 3, 23),
    2024: date(2024, 3, 12),
    2025: date(2025, 3, 1),
    2026: date(2026, 2, 19),
    2027: date(2027, 2, 8),
    2028: date(2028, 1, 28),
    2029: date(2029, 1, 16),
    2030: date(2030, 1, 6),
}


@lru_cache(maxsize=256)
def _national_year(year: int) -> dict[date, tuple[str, str]]:
    """National holidays and cuti bersama of one year: day -> (name, kind). Static data."""
    days: dict[date, tuple[str, str]] = {}
    government = holidays_package.Indonesia(years=year, categories=("government",), language="id")
    for day, name in government.items():
        days[day] = (str(name), "cuti_bersama")
    public = holidays_package.Indonesia(years=year, categories=("public",), language="id")
    for day, name in public.items():
        # A day that is both keeps the holiday's name: the holiday is the stronger reason.
        days[day] = (str(name).split("; ")[0], "holiday")
    return days


ESTIMATED = "(perkiraan)"


@lru_cache(maxsize=256)
def is_decreed(year: int) -> bool:
    """Whether the year's SKB 3 Menteri (holidays and cuti bersama) is in the holiday data:
    a year without any cuti bersama has not been decreed yet (its days are estimates)."""
    return bool(holidays_package.Indonesia(years=year, categories=("government",)))


@lru_cache(maxsize=256)
def _estimated_days(year: int) -> tuple[tuple[date, str], ...]:
    return tuple(
        sorted((day, name) for day, (name, _) in _national_year(year).items() if ESTIMATED in name)
    )


def national_days(year: int) -> dict[date, tuple[str, str]]:
    """A copy of the national holidays and cuti bersama of `year`."""
    return dict(_national_year(year))


def ramadan_period(year: int) -> tuple[date, date] | None:
    """First and last day of Ramadan in `year` (None when unknown)."""
    start = RAMADAN_STARTS.get(year)
    if start is None:
        return None
    fitri = sorted(
        day
        for day, (name, kind) in _national_year(year).items()
        if name.removesuffix(f" {ESTIMATED}") == IDUL_FITRI
    )
    end = fitri[0] - timedelta(days=1) if fitri else start + timedelta(days=29)
    return start, end


@dataclass(frozen=True)
class Calendar:
    """The national calendar, or an instansi's: extra days off, removed days, weekend days."""

    id: str
    extra_days: Mapping[date, str] = field(default_factory=dict)
    removed_days: frozenset[date] = frozenset()
    weekend: frozenset[int] = frozenset({5, 6})  # Perpres 21/2023 Pasal 3: Monday to Friday
    basis: tuple[str, ...] = ()

    def day_off(self, day: date) -> tuple[str, str] | None:
        """(name, kind) when `day` is a holiday, cuti bersama or regional day; None otherwise."""
        if day in self.removed_days:
            return None
        extra = self.extra_days.get(day)
        if extra is not None:
            return extra, "regional"
        return _national_year(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """Not a weekend, holiday, cuti bersama or regional day."""
        return day.weekday() not in self.weekend and self.day_off(day) is None

    def estimate_on(self, day: date) -> tuple[str, str] | None:
        """(reason, name) when what the calendar says of `day` is not yet certain: an estimated
        holiday ("perkiraan": e.g. an Islamic holiday before the isbat) or a day of a year whose
        holidays and cuti bersama are not yet decreed. None when the day is settled."""
        if day in self.extra_days or day in self.removed_days:
            return None  # the instansi has said what the day is
        found = _national_year(day.year).get(day)
        if found is not None and ESTIMATED in found[0]:
            return "estimated", found[0]
        if not is_decreed(day.year):
            return "undecreed", ""
        return None

    def estimates_between(self, start: date, end: date) -> tuple[list[tuple[date, str]], list[int]]:
        """The estimated days off after `start` up to `end` (the days a count skipped or
        would skip), and the years in that span whose calendar is not yet decreed."""
        estimated = [
            (day, name)
            for year in range(start.year, end.year + 1)
            for day, name in _estimated_days(year)
            if start < day <= end
            and day.weekday() not in self.weekend
            and day not in self.extra_days
            and day not in self.removed_days
        ]
        years = [year for year in range(start.year, end.year + 1) if not is_decreed(year)]
        return estimated, years


@dataclass(frozen=True)
class DayHours:
    """Working hours of one weekday: start, end and breaks (local time)."""

    start: time
    end: time
    breaks: tuple[tuple[time, time], ...] = ()


@dataclass(frozen=True)
class ScheduleVersion:
    """Weekly hours in force from `valid_from` until `valid_until` (inclusive; None = open)."""

    valid_from: date
    valid_until: date | None
    days: Mapping[int, DayHours]
    ramadan_days: Mapping[int, DayHours] | None
    basis: tuple[str, ...]
    ramadan_basis: tuple[str, ...] = ()
    # Whether this version's hours were checked against their text; None = as the schedule.
    verified: bool | None = None


@dataclass(frozen=True)
class RamadanHours:
    """One year's Ramadan period with the hours a circular letter set for it (first..last day).

    Regional circulars change the Ramadan hours every year, so a schedule may carry them per
    period; a day in such a period takes these hours instead of its version's `ramadan` week.
    """

    start: date
    end: date
    days: Mapping[int, DayHours]
    basis: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """An effective-dated weekly schedule tied to a calendar and a time zone."""

    id: str
    name: str
    timezone: str  # "WIB", "WITA", "WIT", or "local" (read in the moment's own zone)
    calendar_id: str
    versions: tuple[ScheduleVersion, ...]
    ramadan_periods: tuple[tuple[date, date], ...] = ()
    verified: bool = True
    ramadan_hours: tuple[RamadanHours, ...] = ()

    def version_on(self, day: date) -> ScheduleVersion | None:
        """The version in force on `day`."""
        for version in self.versions:
            if version.valid_from <= day and (
                version.valid_until is None or day <= version.valid_until
            ):
                return version
        return None

    def ramadan_hours_on(self, day: date) -> RamadanHours | None:
        """The Ramadan period with its own hours that covers `day`, if any."""
        for period in self.ramadan_hours:
            if period.start <= day <= period.end:
                return period
        return None

    def in_ramadan(self, day: date) -> bool:
        """Whether `day` falls in Ramadan (own periods first, then the national table)."""
        for start, end in self.ramadan_periods:
            if start <= day <= end:
                return True
        if self.ramadan_hours_on(day) is not None:
            return True
        period = ramadan_period(day.year)
        return period is not None and period[0] <= day <= period[1]


@dataclass(frozen=True)
class DaySchedule:
    """The hours of one working day under a schedule."""

    start: time
    end: time
    breaks: tuple[tuple[time, time], ...]
    ramadan: bool
    timezone: str
    basis: tuple[str, ...]


class CalendarRegistry:
    """Calendars and schedules by id; immutable: the `with_*`/`add_*` methods return a copy."""

    def __init__(
        self, calendars: Mapping[str, Calendar], schedules: Mapping[str, Schedule]
    ) -> None:
        self._calendars = dict(calendars)
        self._schedules = dict(schedules)

    def calendar(self, calendar_id: str) -> Calendar:
        """The calendar, or KeyError."""
        return self._calendars[calendar_id]

    def schedule(self, schedule_id: str) -> Schedule:
        """The schedule, or KeyError."""
        return self._schedules[schedule_id]

    @property
    def calendar_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self._calendars))

    @property
    def schedule_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self._schedules))

    def with_overrides(
        self,
        calendar_id: str,
        *,
        extra_days: Mapping[date, str] | None = None,
        removed_days: Iterable[date] | None = None,
        weekend: Iterable[int] | None = None,
        base: str = "national",
    ) -> CalendarRegistry:
        """A registry where `calendar_id` adds `extra_days` and drops `removed_days`.

        When the calendar exists its own days are kept and these are added; otherwise it is
        created from `base` (the national calendar by default).
        """
        existing = self._calendars.get(calendar_id) or replace(
            self._calendars[base], id=calendar_id
        )
        merged_extra = dict(existing.extra_days)
        merged_extra.update(extra_days or {})
        removed = frozenset(existing.removed_days) | frozenset(removed_days or ())
        for day in removed:
            merged_extra.pop(day, None)
        updated = replace(
            existing,
            extra_days=merged_extra,
            removed_days=removed,
            weekend=frozenset(weekend) if weekend is not None else existing.weekend,
        )
        return CalendarRegistry({**self._calendars, calendar_id: updated}, self._schedules)

    def extended(
        self,
        *,
        calendars: Mapping[str, Calendar] | None = None,
        schedules: Mapping[str, Schedule] | None = None,
    ) -> CalendarRegistry:
        """A registry that also knows these calendars and schedules (replacing same ids)."""
        merged_calendars = {**self._calendars, **(calendars or {})}
        for schedule in (schedules or {}).values():
            if schedule.calendar_id not in merged_calendars:
                raise KeyError(f"unknown calendar {schedule.calendar_id!r}")
        return CalendarRegistry(merged_calendars, {**self._schedules, **(schedules or {})})

    def add_schedule(self, schedule: Schedule) -> CalendarRegistry:
        """A registry that also knows `schedule` (replacing one with the same id)."""
        if schedule.calendar_id not in self._calendars:
            raise KeyError(f"unknown calendar {schedule.calendar_id!r}")
        return CalendarRegistry(self._calendars, {**self._schedules, schedule.id: schedule})

    def add_schedule_from_dict(self, schedule_id: str, data: Mapping[str, Any]) -> CalendarRegistry:
        """Add a schedule given in the JSON format of `data/schedules.json`."""
        return self.add_schedule(schedule_from_dict(schedule_id, data, field="schedule"))


# ---------------------------------------------------------------------------------------------
# Schedules from JSON


def _hours_from_dict(value: Any, field: str) -> DayHours:
    data = require_object(value, field)
    start = parse_time(data.get("start"), f"{field}.start")
    end = parse_time(data.get("end"), f"{field}.end")
    if end <= start:
        raise RulesInputError(f"{field}.end", "must be later than the start")
    breaks: list[tuple[time, time]] = []
    raw_breaks = data.get("breaks", [])
    if not isinstance(raw_breaks, list):
        raise RulesInputError(f"{field}.breaks", "must be a list of [start, end] pairs")
    for index, pair in enumerate(raw_breaks):
        path = f"{field}.breaks[{index}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise RulesInputError(path, 'must be a pair ["HH:MM", "HH:MM"]')
        begin, finish = parse_time(pair[0], f"{path}[0]"), parse_time(pair[1], f"{path}[1]")
        if not start <= begin < finish <= end:
            raise RulesInputError(path, "must lie inside the working day, start before end")
        for other_index, (other_begin, other_finish) in enumerate(breaks):
            if begin < other_finish and other_begin < finish:
                raise RulesInputError(
                    path, say("overlaps break {other_index}", other_index=other_index + 1)
                )
        breaks.append((begin, finish))
    return DayHours(start, end, tuple(sorted(breaks)))


def _week_from_dict(value: Any, field: str) -> dict[int, DayHours]:
    data = require_object(value, field)
    week: dict[int, DayHours] = {}
    for key, hours in data.items():
        if key not in WEEKDAY_KEYS:
            raise RulesInputError(
                f"{field}.{key}",
                say("unknown weekday; use {weekday_keys}", weekday_keys=", ".join(WEEKDAY_KEYS)),
            )
        week[WEEKDAY_KEYS.index(key)] = _hours_from_dict(hours, f"{field}.{key}")
    if not week:
        raise RulesInputError(field, "needs at least one working weekday")
    return week


def _basis(value: Any, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RulesInputError(field, "must be a list of citations")
    return tuple(value)


def _ramadan_hours_from_dict(data: dict[str, Any], path: str) -> RamadanHours:
    first = parse_date(data.get("from"), f"{path}.from")
    last = parse_date(data.get("until"), f"{path}.until")
    if last < first:
        raise RulesInputError(f"{path}.until", "must not be before the first day")
    if (last - first).days > 31:
        raise RulesInputError(f"{path}.until", "a Ramadan period lasts at most 30 days")
    return RamadanHours(
        start=first,
        end=last,
        days=_week_from_dict(data.get("days"), f"{path}.days"),
        basis=_basis(data.get("basis"), f"{path}.basis"),
    )


def _flag(data: dict[str, Any], key: str, field: str) -> bool:
    value = data.get(key, True)
    if not isinstance(value, bool):
        raise RulesInputError(f"{field}.{key}", "must be true or false")
    return value


def _check_no_overlap(periods: list[tuple[date, date]], field: str) -> None:
    ordered = sorted(enumerate(periods), key=lambda item: item[1][0])
    for (_, (_, previous_end)), (index, (start, _)) in pairwise(ordered):
        if start <= previous_end:
            raise RulesInputError(f"{field}[{index}]", "overlaps another period")


def schedule_from_dict(schedule_id: str, value: Any, *, field: str) -> Schedule:
    """A schedule from JSON: either `versions: [...]` or one version's keys at the top level."""
    data = require_object(value, field)
    zone = data.get("timezone", "WIB")
    if zone not in (*TIMEZONES, "local"):
        raise RulesInputError(f"{field}.timezone", "must be WIB, WITA, WIT or local")
    raw_versions = data.get("versions")
    if raw_versions is None:
        raw_versions = [{**data, "valid_from": data.get("valid_from", "1900-01-01")}]
        version_paths = [field]
    else:
        if not isinstance(raw_versions, list) or not raw_versions:
            raise RulesInputError(f"{field}.versions", "must be a non-empty list")
        version_paths = [f"{field}.versions[{index}]" for index in range(len(raw_versions))]
    versions = []
    for raw, path in zip(raw_versions, version_paths, strict=True):
        item = require_object(raw, path)
        until = item.get("valid_until")
        ramadan = item.get("ramadan")
        verified = item.get("verified") if "versions" in data else None
        if verified is not None and not isinstance(verified, bool):
            raise RulesInputError(f"{path}.verified", "must be true or false")
        versions.append(
            ScheduleVersion(
                valid_from=parse_date(item.get("valid_from"), f"{path}.valid_from"),
                valid_until=None if until is None else parse_date(until, f"{path}.valid_until"),
                days=_week_from_dict(item.get("days"), f"{path}.days"),
                ramadan_days=None
                if ramadan is None
                else _week_from_dict(ramadan, f"{path}.ramadan"),
                basis=_basis(item.get("basis"), f"{path}.basis"),
                ramadan_basis=_basis(item.get("ramadan_basis"), f"{path}.ramadan_basis"),
                verified=verified,
            )
        )
    _check_no_overlap(
        [(version.valid_from, version.valid_until or date.max) for version in versions],
        f"{field}.versions",
    )
    periods: list[tuple[date, date]] = []
    hours: list[RamadanHours] = []
    raw_periods = data.get("ramadan_periods", []) or []
    if not isinstance(raw_periods, list):
        raise RulesInputError(f"{field}.ramadan_periods", "must be a list of periods")
    for index, item in enumerate(raw_periods):
        path = f"{field}.ramadan_periods[{index}]"
        if isinstance(item, dict):
            hours.append(_ramadan_hours_from_dict(item, path))
            continue
        if not isinstance(item, list) or len(item) != 2:
            raise RulesInputError(
                path, 'must be a pair ["YYYY-MM-DD", "YYYY-MM-DD"] or {from, until, days, basis}'
            )
        first, last = parse_date(item[0], f"{path}[0]"), parse_date(item[1], f"{path}[1]")
        if last < first:
            raise RulesInputError(f"{path}[1]", "must not be before the first day")
        periods.append((first, last))
    _check_no_overlap([(period.start, period.end) for period in hours], f"{field}.ramadan_periods")
    calendar_id = data.get("calendar", "national")
    if not isinstance(calendar_id, str):
        raise RulesInputError(f"{field}.calendar", "must be a calendar id")
    return Schedule(
        id=schedule_id,
        name=str(data.get("name", schedule_id)),
        timezone=zone,
        calendar_id=calendar_id,
        versions=tuple(sorted(versions, key=lambda version: version.valid_from)),
        ramadan_periods=tuple(periods),
        verified=_flag(data, "verified", field),
        ramadan_hours=tuple(sorted(hours, key=lambda period: period.start)),
    )


def _load_builtin() -> CalendarRegistry:
    raw = json.loads(resources.files("tegak.rules.data").joinpath("calendars.json").read_text())
    calendars: dict[str, Calendar] = {}
    for calendar_id, item in raw["calendars"].items():
        calendars[calendar_id] = Calendar(
            id=calendar_id,
            extra_days={
                date.fromisoformat(day): name for day, name in item.get("extra_days", {}).items()
            },
            removed_days=frozenset(date.fromisoformat(day) for day in item.get("removed_days", [])),
            basis=tuple(item.get("basis", [])),
        )
    schedules = {
        schedule_id: schedule_from_dict(schedule_id, item, field=f"schedules.{schedule_id}")
        for schedule_id, item in raw["schedules"].items()
    }
    return CalendarRegistry(calendars, schedules)


_DEFAULT = _load_builtin()


def default_registry() -> CalendarRegistry:
    """The built-in calendars (national, demo agency) and schedules."""
    return _DEFAULT


def _calendar(calendar_id: str, registry: CalendarRegistry | None) -> Calendar:
    try:
        return (registry or _DEFAULT).calendar(calendar_id)
    except KeyError:
        raise RulesInputError(
            "calendar", say("unknown calendar {calendar_id!r}", calendar_id=calendar_id)
        ) from None


def is_working_day(
    day: date, calendar_id: str = "national", *, registry: CalendarRegistry | None = None
) -> bool:
    """Whether `day` is a working day (Mon-Fri; not a holiday, cuti bersama or regional day)."""
    return _calendar(calendar_id, registry).is_working_day(day)


def holiday_name(
    day: date, calendar_id: str = "national", *, registry: CalendarRegistry | None = None
) -> str | None:
    """The name of the national holiday, cuti bersama or regional day on `day`, if any."""
    found = _calendar(calendar_id, registry).day_off(day)
    return None if found is None else found[0]


def holiday_kind(
    day: date, calendar_id: str = "national", *, registry: CalendarRegistry | None = None
) -> str | None:
    """`holiday`, `cuti_bersama`, `regional` or None."""
    found = _calendar(calendar_id, registry).day_off(day)
    return None if found is None else found[1]


def add_working_days(
    start: date,
    n: int,
    calendar_id: str = "national",
    *,
    counting: str = "exclusive",
    registry: CalendarRegistry | None = None,
    calendar: str | None = None,
) -> date:
    """The day on which a period of `n` working days that starts on `start` ends.

    "exclusive": the start day is not counted (the n-th working day after `start`).
    "inclusive": the start day counts as day 1 when it is itself a working day.
    `n` = 0 gives `start` itself. (`calendar=` is accepted as another name for `calendar_id`.)
    """
    if n < 0:
        raise RulesInputError("days", "cannot be negative")
    if counting not in ("exclusive", "inclusive"):
        raise RulesInputError("counting", "must be exclusive or inclusive")
    cal = _calendar(calendar if calendar is not None else calendar_id, registry)
    if n == 0:
        return start
    remaining = n
    day = start
    if counting == "inclusive" and cal.is_working_day(start):
        remaining -= 1
    one = timedelta(days=1)
    while remaining > 0:
        day += one
        if cal.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(
    start: date,
    end: date,
    calendar_id: str = "national",
    *,
    registry: CalendarRegistry | None = None,
) -> int:
    """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
    cal = _calendar(calendar_id, registry)
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if cal.is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def day_schedule(
    schedule_id: str, day: date, *, registry: CalendarRegistry | None = None
) -> DaySchedule | None:
    """The hours of `day` under the schedule in force that day; None when it is not a working day.

    Raises RulesInputError when the schedule is unknown or has no version in force on `day`.
    """
    reg = registry or _DEFAULT
    try:
        schedule = reg.schedule(schedule_id)
    except KeyError:
        raise RulesInputError(
            "schedule", say("unknown schedule {schedule_id!r}", schedule_id=schedule_id)
        ) from None
    return schedule_day(schedule, day, registry=reg)


def schedule_day(
    schedule: Schedule, day: date, *, registry: CalendarRegistry | None = None
) -> DaySchedule | None:
    """`day_schedule` for a Schedule object (inline schedules included)."""
    version = schedule.version_on(day)
    if version is None:
        raise RulesInputError(
            "schedule",
            say(
                "schedule {id!r} has no hours in force on {day}",
                id=schedule.id,
                day=day,
            ),
        )
    calendar = _calendar(schedule.calendar_id, registry)
    if calendar.day_off(day) is not None:
        return None
    period = schedule.ramadan_hours_on(day)
    if period is not None:
        week, ramadan = period.days, True
        basis = version.basis + period.basis
    else:
        ramadan = version.ramadan_days is not None and schedule.in_ramadan(day)
        week = version.ramadan_days if ramadan and version.ramadan_days else version.days
        basis = version.basis + (version.ramadan_basis if ramadan else ())
    # The schedule's own week decides which weekdays are worked (a 6-day unit works on
    # Saturday although the calendar's weekend has it); holidays still come from the calendar.
    hours = week.get(day.weekday())
    if hours is None:
        return None
    return DaySchedule(hours.start, hours.end, hours.breaks, ramadan, schedule.timezone, basis)
