"""Attendance counting: daily statuses in, the count PP 94/2021 Pasal 9-11 and 15 works on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tegak.rules.calendar import CalendarRegistry, default_registry

STATUSES = frozenset(
    {"present", "absent_unexcused", "absent_excused", "weekend", "holiday", "cuti_bersama"}
)
# Days that are not working days: inside a run of unexcused days they neither count nor break it.
NON_WORKING = frozenset({"weekend", "holiday", "cuti_bersama"})
DEFAULT_MINUTES_PER_DAY = 450  # 7 hours 30 minutes (secondary source: KMK 5/KMK.01/2022)


@dataclass(frozen=True)
class DayRecord:
    """One employee's status on one day, with lateness and early leave in minutes."""

    day: date
    status: str
    late_minutes: int = 0
    early_leave_minutes: int = 0

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.late_minutes < 0 or self.early_leave_minutes < 0:
            raise ValueError("minutes cannot be negative")


@dataclass(frozen=True)
class AbsenceCount:
    """The legal count for one calendar year (PP 94/2021 Pasal 15(1) and its explanation)."""

    year: int
    unexcused_days: int
    late_minutes: int
    early_leave_minutes: int
    lateness_days: int
    counted_days: int
    longest_consecutive_unexcused: int


def _runs(
    records: Iterable[DayRecord],
    calendar_id: str | None,
    registry: CalendarRegistry | None,
) -> list[tuple[date, date, int]]:
    """Runs of consecutive unexcused working days: (first day, last day, length)."""
    ordered = sorted(records, key=lambda record: record.day)
    calendar = (registry or default_registry()).calendar(calendar_id) if calendar_id else None
    runs: list[tuple[date, date, int]] = []
    first: date | None = None
    last: date | None = None
    length = 0
    previous: date | None = None
    for record in ordered:
        if previous is not None and length and record.day - previous > timedelta(days=1):
            # Days missing from the input break a run unless none of them is a working day.
            gap = previous + timedelta(days=1)
            while gap < record.day:
                working = (
                    calendar.is_working_day(gap) if calendar is not None else gap.weekday() < 5
                )
                if working:
                    break
                gap += timedelta(days=1)
            if gap < record.day:
                runs.append((first or previous, last or previous, length))
                first, last, length = None, None, 0
        previous = record.day
        if record.status == "absent_unexcused":
            if length == 0:
                first = record.day
            last = record.day
            length += 1
        elif record.status in NON_WORKING:
            continue
        elif length:
            runs.append((first or record.day, last or record.day, length))
            first, last, length = None, None, 0
    if length:
        runs.append((first or date.min, last or date.min, length))
    return runs


def longest_unexcused_run(
    records: Iterable[DayRecord],
    *,
    calendar_id: str | None = None,
    registry: CalendarRegistry | None = None,
) -> int:
    """The longest run of unexcused working days; weekends and holidays inside it do not break it.

    PP 94/2021 Pasal 11(2)(d)(4) ("secara terus menerus selama 10 hari kerja"). Days missing from
    the records break a run when they are working days (Saturday and Sunday only, unless a
    `calendar_id` is given to tell holidays apart).
    """
    return max((length for _, _, length in _runs(records, calendar_id, registry)), default=0)


def count_absences(
    records: Iterable[DayRecord],
    year: int,
    *,
    minutes_per_day: int = DEFAULT_MINUTES_PER_DAY,
    calendar_id: str | None = None,
    registry: CalendarRegistry | None = None,
) -> AbsenceCount:
    """Unexcused days, lateness converted to days, and the longest run, for one calendar year.

    The cumulative count runs January to December (PP 94/2021 Pasal 15(1) and its explanation).
    Lateness and early leave add up; every `minutes_per_day` minutes make one day (secondary
    source; configurable). A run of consecutive days is counted whole when any of its days falls
    in `year` (Pasal 15(1) limits the cumulative count only).
    """
    if minutes_per_day <= 0:
        raise ValueError("minutes_per_day must be positive")
    all_records = list(records)
    in_year = [record for record in all_records if record.day.year == year]
    unexcused = sum(1 for record in in_year if record.status == "absent_unexcused")
    late = sum(record.late_minutes for record in in_year)
    early = sum(record.early_leave_minutes for record in in_year)
    lateness_days = (late + early) // minutes_per_day
    longest = max(
        (
            length
            for first, last, length in _runs(all_records, calendar_id, registry)
            if first.year <= year <= last.year
        ),
        default=0,
    )
    return AbsenceCount(
        year=year,
        unexcused_days=unexcused,
        late_minutes=late,
        early_leave_minutes=early,
        lateness_days=lateness_days,
        counted_days=unexcused + lateness_days,
        longest_consecutive_unexcused=longest,
    )
