"""The columnar attendance pipeline: check-ins -> days -> daily status -> yearly counts.

Plain Polars (lazy) and `tegak.rules`, no Django: the same functions serve the import, the report,
the pages and `bench/attendance.py`. The law (which days are working days, their hours, how minutes
become days) comes from `tegak.rules`; this module only applies it to many rows at once. The
per-employee aggregation must agree with `tegak.rules.count_absences`, the reference (the tests
compare both on generated data).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl

# Day kinds of the calendar frame, and the statuses of a day (the `DayRecord.status` values).
WORKING = "working"
PRESENT = "present"
ABSENT_UNEXCUSED = "absent_unexcused"
ABSENT_EXCUSED = "absent_excused"
NO_SCHEDULE = "no_schedule"
NO_WORK_STATUSES = ("weekend", "holiday", "cuti_bersama", NO_SCHEDULE)

CALENDAR_SCHEMA = {
    "day": pl.Date,
    "kind": pl.Utf8,
    "day_name": pl.Utf8,
    "start_second": pl.Int32,
    "end_second": pl.Int32,
}
DAILY_SCHEMA = {
    "employee_id": pl.Int64,
    "day": pl.Date,
    "first_second": pl.Int32,
    "last_second": pl.Int32,
}
EXCUSE_SCHEMA = {
    "employee_id": pl.Int64,
    "day": pl.Date,
    "reason": pl.Utf8,
    "excuses_absence": pl.Boolean,
    "waives_minutes": pl.Boolean,
}


@dataclass(frozen=True)
class CalendarOverride:
    """An instansi's own day: regional holiday, cuti bersama, or a working-day correction."""

    day: date
    kind: str  # holiday | cuti_bersama | working
    name: str


def days_between(start: date, end: date) -> list[date]:
    """Every day from start to end, inclusive."""
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def calendar_frame(
    schedule_id: str,
    start: date,
    end: date,
    *,
    overrides: Iterable[CalendarOverride] = (),
    registry: Any = None,
) -> pl.DataFrame:
    """One row per day: its kind and, for working days, the start and end of work in seconds.

    `tegak.rules.day_schedule` decides (about 365 calls a year, never one per check-in); the
    instansi's `overrides` only name the kind of a day the rules already know is off (a regional
    cuti bersama rather than a regional holiday). A day the schedule has no version for is
    `no_schedule`: check-ins are kept, nothing is counted.
    """
    from tegak.rules import RulesInputError, day_schedule, default_registry, holiday_kind
    from tegak.rules import holiday_name as rules_holiday_name

    registry = registry or default_registry()
    calendar_id = registry.schedule(schedule_id).calendar_id
    weekend = registry.calendar(calendar_id).weekend
    own = {override.day: override for override in overrides}
    rows: list[dict[str, Any]] = []
    for day in days_between(start, end):
        try:
            schedule = day_schedule(schedule_id, day, registry=registry)
        except RulesInputError:
            rows.append(_row(day, NO_SCHEDULE, None))
            continue
        if schedule is not None:
            name = own[day].name if day in own else None
            rows.append(_row(day, WORKING, name, _seconds(schedule.start), _seconds(schedule.end)))
            continue
        kind = holiday_kind(day, calendar_id, registry=registry)
        name = rules_holiday_name(day, calendar_id, registry=registry)
        if day in own and own[day].kind != WORKING:
            kind, name = own[day].kind, own[day].name
        if day.weekday() in weekend or kind is None:
            rows.append(_row(day, "weekend", name))
        else:
            rows.append(_row(day, "cuti_bersama" if kind == "cuti_bersama" else "holiday", name))
    return pl.DataFrame(rows, schema=CALENDAR_SCHEMA, orient="row")


def _row(
    day: date, kind: str, name: str | None, start: int | None = None, end: int | None = None
) -> dict[str, Any]:
    return {"day": day, "kind": kind, "day_name": name, "start_second": start, "end_second": end}


def _seconds(moment: Any) -> int:
    return int(moment.hour) * 3600 + int(moment.minute) * 60 + int(moment.second)


MICROSECONDS_PER_DAY = 86_400_000_000
DAY_KEY = 1 << 20  # days since 1970 fit in 20 bits until the year 4840


def daily_from_checkins(checkins: pl.LazyFrame) -> pl.LazyFrame:
    """Per employee and local day: the first check-in (arrival) and the last (departure).

    `checkins` has `employee_id` and `local` (the wall-clock datetime in the instansi's zone,
    naive). Grouping on one integer key (employee and day) and doing the time arithmetic on
    integers is several times faster than grouping on two columns and extracting hours.
    """
    moment = pl.col("local").dt.cast_time_unit("us").cast(pl.Int64)

    def second_of_day(name: str) -> pl.Expr:
        return ((pl.col(name) % MICROSECONDS_PER_DAY) // 1_000_000).cast(pl.Int32)

    return (
        checkins.select(
            key=pl.col("employee_id") * DAY_KEY + moment // MICROSECONDS_PER_DAY, moment=moment
        )
        .group_by("key")
        .agg(first=pl.col("moment").min(), last=pl.col("moment").max())
        .select(
            employee_id=pl.col("key") // DAY_KEY,
            day=(pl.col("key") % DAY_KEY).cast(pl.Int32).cast(pl.Date),
            first_second=second_of_day("first"),
            last_second=second_of_day("last"),
        )
    )


def excuses_from_periods(periods: pl.LazyFrame) -> pl.LazyFrame:
    """Expand lawful-reason periods (`employee_id, start, end, reason, excuses_absence,
    waives_minutes` and optionally `weekdays`, a list of ISO weekdays, empty for all) into one row
    per employee and day, merging reasons that overlap."""
    expanded = periods.with_columns(day=pl.date_ranges("start", "end", interval="1d")).explode(
        "day"
    )
    if "weekdays" in periods.collect_schema().names():
        expanded = expanded.filter(
            (pl.col("weekdays").list.len() == 0)
            | pl.col("weekdays").list.contains(pl.col("day").dt.weekday().cast(pl.Int8))
        )
    return expanded.group_by("employee_id", "day").agg(
        reason=pl.col("reason").sort().first(),
        excuses_absence=pl.col("excuses_absence").any(),
        waives_minutes=pl.col("waives_minutes").any(),
    )


def daily_status(
    employees: pl.LazyFrame,
    calendar: pl.LazyFrame,
    daily: pl.LazyFrame,
    excuses: pl.LazyFrame,
) -> pl.LazyFrame:
    """The status of every employee on every day of the calendar frame.

    A working day with check-ins is present (late when the first is after the start, early when the
    last is before the end, unless a lawful reason waives the minutes); without check-ins it is
    absent with a lawful reason when one covers the day, else unexcused. Other days keep their kind.
    """
    grid = employees.select("employee_id").join(calendar, how="cross")
    joined = grid.join(daily, on=["employee_id", "day"], how="left").join(
        excuses, on=["employee_id", "day"], how="left"
    )
    working = pl.col("kind") == WORKING
    checked_in = pl.col("first_second").is_not_null()
    waived = pl.col("waives_minutes").fill_null(False)
    late = (
        pl.when(working & checked_in & ~waived)
        .then(((pl.col("first_second") - pl.col("start_second")) // 60).clip(lower_bound=0))
        .otherwise(0)
    )
    early = (
        pl.when(working & checked_in & ~waived)
        .then(((pl.col("end_second") - pl.col("last_second")) // 60).clip(lower_bound=0))
        .otherwise(0)
    )
    status = (
        pl.when(~working)
        .then(pl.col("kind"))
        .when(checked_in)
        .then(pl.lit(PRESENT))
        .when(pl.col("excuses_absence").fill_null(False))
        .then(pl.lit(ABSENT_EXCUSED))
        .otherwise(pl.lit(ABSENT_UNEXCUSED))
    )
    return joined.with_columns(
        status=status,
        late_minutes=late.cast(pl.Int32),
        early_leave_minutes=early.cast(pl.Int32),
    )


BITS = 62  # bits used per Int64 word (the top ones stay free, so shifting cannot overflow)
FULL = (1 << BITS) - 1


def _shift_up(words: list[pl.Expr], by: int, fill: pl.Expr) -> list[pl.Expr]:
    """A bitset of several words moved `by` bits towards higher day numbers; `fill` (0 or FULL)
    is what enters from below day 0."""
    whole, rest = divmod(by, BITS)

    def source(index: int) -> pl.Expr:
        return words[index] if index >= 0 else fill

    moved = []
    for index in range(len(words)):
        upper, lower = source(index - whole), source(index - whole - 1)
        if rest == 0:
            moved.append(upper)
        else:
            moved.append(
                ((upper & ((1 << (BITS - rest)) - 1)) * (1 << rest))
                | (lower // (1 << (BITS - rest)))
            )
    return moved


def day_bits() -> dict[str, pl.Expr]:
    """For a frame with `key` (employee and working-day number): the employee, the word of the
    bitset the day falls in, and the day's bit in that word."""
    day = pl.col("key") % DAY_KEY
    powers = pl.Series([1 << bit for bit in range(BITS)], dtype=pl.Int64)
    return {
        "employee_id": pl.col("key") // DAY_KEY,
        "word": day // BITS,
        "bit": pl.lit(powers).gather(day % BITS),
    }


def longest_gaps(words: pl.LazyFrame, total: int) -> pl.LazyFrame:
    """Per employee with any covered day: the longest run of uncovered working days.

    `words` has `employee_id, word, bits`: the covered working days (numbered 0..total-1) as a
    bitset of 62-bit words (built by one group-by, no sort; see `day_bits`). The longest run of
    uncovered days is found for every employee at once: doubling gives where runs of 1, 2, 4, …
    days end, and a binary descent adds the largest steps that still fit.
    """
    count = max((total + BITS - 1) // BITS, 1)
    frame = words.group_by("employee_id").agg(
        [
            pl.col("bits").filter(pl.col("word") == index).first().alias(f"c{index}")
            for index in range(count)
        ]
    )

    def universe(index: int) -> int:
        return (1 << max(min(BITS, total - index * BITS), 0)) - 1

    zero = pl.lit(0, pl.Int64)
    # Level 0: where runs of at least 1 uncovered day end (the uncovered days themselves).
    frame = frame.select(
        "employee_id",
        *[(pl.col(f"c{i}").fill_null(0) ^ universe(i)).alias(f"r0_{i}") for i in range(count)],
    )
    steps = [1]
    while steps[-1] * 2 <= total:
        level, half = len(steps), steps[-1]
        previous = [pl.col(f"r{level - 1}_{i}") for i in range(count)]
        shifted = _shift_up(previous, half, zero)
        frame = frame.with_columns(
            [
                (a & b).alias(f"r{level}_{i}")
                for i, (a, b) in enumerate(zip(previous, shifted, strict=True))
            ]
        )
        steps.append(half * 2)
    # Descent: `m` marks where runs of `longest` days end (everywhere, for length 0).
    frame = frame.with_columns(
        [pl.lit(FULL, pl.Int64).alias(f"m{i}") for i in range(count)], longest=zero
    )
    for level in reversed(range(len(steps))):
        step = steps[level]
        ends = [pl.col(f"m{i}") for i in range(count)]
        fill = pl.when(pl.col("longest") == 0).then(pl.lit(FULL, pl.Int64)).otherwise(zero)
        # A run of longest + step days ends at p when a run of `step` ends at p and one of
        # `longest` ends at p - step.
        candidate = [
            pl.col(f"r{level}_{i}") & moved for i, moved in enumerate(_shift_up(ends, step, fill))
        ]
        found = pl.any_horizontal([word != 0 for word in candidate])
        frame = frame.with_columns(
            [
                pl.when(found).then(word).otherwise(pl.col(f"m{i}")).alias(f"m{i}")
                for i, word in enumerate(candidate)
            ],
            longest=pl.when(found).then(pl.col("longest") + step).otherwise(pl.col("longest")),
        )
    return frame.select("employee_id", "longest")


def yearly_counts(
    employees: pl.LazyFrame,
    calendar: pl.DataFrame,
    daily: pl.LazyFrame,
    excuses: pl.LazyFrame,
    *,
    minutes_per_day: int = 450,
) -> pl.LazyFrame:
    """Per employee: the counts of `tegak.rules.count_absences` over the calendar's days.

    Works on the rows that exist (days with check-ins or a lawful reason), not on a grid of every
    employee and day: with the working days numbered 0..W-1, unexcused days are W minus the
    covered working days, and the longest unexcused run is the widest gap between covered days
    (or before the first, or after the last). Weekends, holidays and cuti bersama have no number,
    so they neither count nor break a run (legal-brief §1.6); a present or excused day breaks it.
    `leading_unexcused` / `trailing_unexcused`: the uncovered working days before the first and
    after the last covered one (all of them when none is covered), for runs that go on into the
    year before or after.
    """
    first_day = calendar["day"].min() if calendar.height else date(1970, 1, 1)
    working = calendar.sort("day").with_columns(
        w=pl.when(pl.col("kind") == WORKING).then(
            (pl.col("kind") == WORKING).cum_sum().cast(pl.Int64) - 1
        )
    )
    total = int(working.filter(pl.col("kind") == WORKING).height)
    # Per day of the calendar, looked up by position (no join): the working-day number and hours.
    offset = (pl.col("day") - pl.lit(first_day)).dt.total_days()
    inside = offset.is_between(0, working.height - 1)

    def numbered(frame: pl.LazyFrame) -> pl.LazyFrame:
        return (
            frame.filter(inside)
            .with_columns(
                w=pl.lit(working["w"]).gather(offset),
                start_second=pl.lit(working["start_second"]).gather(offset),
                end_second=pl.lit(working["end_second"]).gather(offset),
            )
            .filter(pl.col("w").is_not_null())
        )

    late = ((pl.col("first_second") - pl.col("start_second")) // 60).clip(lower_bound=0)
    early = ((pl.col("end_second") - pl.col("last_second")) // 60).clip(lower_bound=0)
    key = pl.col("employee_id") * DAY_KEY + pl.col("w")
    employee = pl.col("key") // DAY_KEY
    present = numbered(daily).select(key=key, late=late.cast(pl.Int64), early=early.cast(pl.Int64))
    excused = numbered(excuses.filter(pl.col("excuses_absence"))).select(key=key)
    waiving = numbered(excuses.filter(pl.col("waives_minutes"))).select(key=key)
    # Lawful reasons are few: joins keep them on the small side (a semi join probes the many
    # present days against them) instead of hashing every present day.
    waived = (
        present.join(waiving, on="key", how="semi")
        .group_by(employee_id=employee)
        .agg(waived_late=pl.col("late").sum(), waived_early=pl.col("early").sum())
    )
    overlap = (
        present.join(excused, on="key", how="semi")
        .group_by(employee_id=employee)
        .agg(overlap=pl.len().cast(pl.Int64))
    )
    # Covered working days (present, or absent with a lawful reason), one integer key per
    # employee-day: one group-by sums the minutes; `longest_gaps` finds the longest run of
    # uncovered days from the same keys. A day both present and excused appears twice: bitsets
    # ignore the repeat, and `overlap` takes it out of the count.
    keys = pl.concat(
        [present, excused.with_columns(late=pl.lit(0, pl.Int64), early=pl.lit(0, pl.Int64))]
    )
    words = (
        keys.with_columns(**day_bits())
        .group_by("employee_id", "word")
        .agg(
            bits=pl.col("bit").bitwise_or(),
            rows=pl.len().cast(pl.Int64),
            late=pl.col("late").sum(),
            early=pl.col("early").sum(),
        )
    )
    # With the first and last covered working days (from the words' lowest and highest bits):
    # the uncovered days before the first and after the last are where a run crossing into the
    # year before or after starts (selectors).
    runs = words.group_by("employee_id").agg(
        pl.col("rows").sum(),
        pl.col("late").sum(),
        pl.col("early").sum(),
        first_w=(pl.col("word") * BITS + pl.col("bits").bitwise_trailing_zeros()).min(),
        last_w=(pl.col("word") * BITS + 63 - pl.col("bits").bitwise_leading_zeros()).max(),
    )
    covered = (
        runs.join(waived, on="employee_id", how="left")
        .join(overlap, on="employee_id", how="left")
        .join(longest_gaps(words, total), on="employee_id", how="left")
        .select(
            "employee_id",
            "longest",
            "first_w",
            "last_w",
            covered=pl.col("rows") - pl.col("overlap").fill_null(0),
            late_minutes=pl.col("late") - pl.col("waived_late").fill_null(0),
            early_leave_minutes=pl.col("early") - pl.col("waived_early").fill_null(0),
        )
    )
    return (
        employees.select("employee_id")
        .join(covered, on="employee_id", how="left")
        .select(
            "employee_id",
            unexcused_days=(total - pl.col("covered").fill_null(0)).cast(pl.Int64),
            late_minutes=pl.col("late_minutes").fill_null(0),
            early_leave_minutes=pl.col("early_leave_minutes").fill_null(0),
            longest_consecutive_unexcused=pl.when(pl.col("covered").is_null())
            .then(pl.lit(total))
            .otherwise(pl.col("longest"))
            .cast(pl.Int64),
            leading_unexcused=pl.col("first_w").fill_null(total).cast(pl.Int64),
            trailing_unexcused=(total - 1 - pl.col("last_w").fill_null(-1)).cast(pl.Int64),
        )
        .with_columns(
            lateness_days=(pl.col("late_minutes") + pl.col("early_leave_minutes"))
            // minutes_per_day
        )
        .with_columns(counted_days=pl.col("unexcused_days") + pl.col("lateness_days"))
    )


def empty(schema: dict[str, Any]) -> pl.LazyFrame:
    """An empty lazy frame with the given schema."""
    return pl.LazyFrame(schema=schema)
