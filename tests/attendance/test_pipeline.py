"""The columnar pipeline against answers known by hand, and against `tegak.rules.count_absences`."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import polars as pl
import pytest

from tegak.attendance import pipeline
from tegak.attendance.pipeline import NO_WORK_STATUSES as NO_WORK
from tegak.rules import DayRecord, count_absences

SCHEDULE = "national-perpres-21-2023"
JANUARY = (date(2025, 1, 1), date(2025, 1, 31))


def january_calendar() -> pl.DataFrame:
    return pipeline.calendar_frame(SCHEDULE, *JANUARY)


def checkin_rows(employee_id: int, day: date, arrive: str, leave: str) -> list[dict]:
    return [
        {"employee_id": employee_id, "local": datetime.combine(day, time.fromisoformat(arrive))},
        {"employee_id": employee_id, "local": datetime.combine(day, time.fromisoformat(leave))},
    ]


def working_days(calendar: pl.DataFrame) -> list[date]:
    return calendar.filter(pl.col("kind") == "working")["day"].to_list()


def counts_for(checkins: list[dict], excuses: list[dict] | None = None, ids=(1,)) -> dict:
    calendar = january_calendar()
    employees = pl.DataFrame({"employee_id": list(ids)}, schema={"employee_id": pl.Int64})
    daily = pipeline.daily_from_checkins(
        pl.DataFrame(checkins, schema={"employee_id": pl.Int64, "local": pl.Datetime("us")}).lazy()
    )
    periods = pl.DataFrame(
        excuses or [],
        schema={
            "employee_id": pl.Int64,
            "start": pl.Date,
            "end": pl.Date,
            "reason": pl.Utf8,
            "excuses_absence": pl.Boolean,
            "waives_minutes": pl.Boolean,
        },
    )
    frame = pipeline.yearly_counts(
        employees.lazy(),
        calendar,
        daily,
        pipeline.excuses_from_periods(periods.lazy()),
        minutes_per_day=450,
    ).collect()
    return {row["employee_id"]: row for row in frame.iter_rows(named=True)}


def test_january_2025_calendar_knows_weekends_holidays_and_cuti_bersama():
    kinds = dict(january_calendar().select("day", "kind").iter_rows())
    assert kinds[date(2025, 1, 1)] == "holiday"  # Tahun Baru Masehi
    assert kinds[date(2025, 1, 4)] == "weekend"
    assert kinds[date(2025, 1, 27)] == "holiday"  # Isra Mikraj
    assert kinds[date(2025, 1, 28)] == "cuti_bersama"  # Imlek
    assert kinds[date(2025, 1, 29)] == "holiday"  # Imlek
    # 23 weekdays, minus 3 holidays and 1 cuti bersama on weekdays.
    assert len(working_days(january_calendar())) == 19


def test_present_every_working_day_on_time_counts_nothing():
    rows = []
    for day in working_days(january_calendar()):
        end = "16:30" if day.weekday() == 4 else "16:00"
        rows += checkin_rows(1, day, "07:30", end)
    counts = counts_for(rows)[1]
    assert counts["unexcused_days"] == 0
    assert counts["late_minutes"] == counts["early_leave_minutes"] == 0
    assert counts["counted_days"] == 0
    assert counts["longest_consecutive_unexcused"] == 0


def test_absence_across_a_weekend_is_one_run():
    absent = {date(2025, 1, 10), date(2025, 1, 13), date(2025, 1, 14)}  # Fri, Mon, Tue
    rows = []
    for day in working_days(january_calendar()):
        if day not in absent:
            rows += checkin_rows(1, day, "07:00", "17:00")
    counts = counts_for(rows)[1]
    assert counts["unexcused_days"] == 3
    assert counts["longest_consecutive_unexcused"] == 3


def test_run_crosses_holidays_and_cuti_bersama_without_counting_them():
    # Fri 24 Jan; then 25-26 weekend, 27 holiday, 28 cuti bersama, 29 holiday; Thu 30, Fri 31.
    absent = {date(2025, 1, 24), date(2025, 1, 30), date(2025, 1, 31)}
    rows = []
    for day in working_days(january_calendar()):
        if day not in absent:
            rows += checkin_rows(1, day, "07:00", "17:00")
    counts = counts_for(rows)[1]
    assert counts["unexcused_days"] == 3
    assert counts["longest_consecutive_unexcused"] == 3


def test_leave_excuses_absence_and_breaks_a_run():
    absent = {date(2025, 1, 13), date(2025, 1, 14), date(2025, 1, 15), date(2025, 1, 16)}
    rows = []
    for day in working_days(january_calendar()):
        if day not in absent:
            rows += checkin_rows(1, day, "07:00", "17:00")
    leave = [
        {
            "employee_id": 1,
            "start": date(2025, 1, 14),
            "end": date(2025, 1, 14),
            "reason": "cuti_sakit",
            "excuses_absence": True,
            "waives_minutes": True,
        }
    ]
    counts = counts_for(rows, leave)[1]
    assert counts["unexcused_days"] == 3  # 13, 15, 16
    assert counts["longest_consecutive_unexcused"] == 2  # 15-16; the 14th breaks it


def test_lateness_converts_at_450_minutes_per_day():
    rows = []
    for day in working_days(january_calendar()):
        end = "16:30" if day.weekday() == 4 else "16:00"
        rows += checkin_rows(1, day, "08:15", end)  # 45 minutes late, 19 days
    counts = counts_for(rows)[1]
    assert counts["late_minutes"] == 19 * 45 == 855
    assert counts["lateness_days"] == 1  # 855 // 450
    assert counts["counted_days"] == 1


def test_early_leave_follows_the_friday_end_of_the_day():
    rows = []
    for day in working_days(january_calendar()):
        rows += checkin_rows(1, day, "07:30", "16:00")  # on time Mon-Thu, 30 min early on Fri
    fridays = sum(1 for day in working_days(january_calendar()) if day.weekday() == 4)
    counts = counts_for(rows)[1]
    assert fridays == 5
    assert counts["early_leave_minutes"] == 5 * 30
    assert counts["late_minutes"] == 0


def test_nobody_checked_in_means_every_working_day_is_unexcused():
    counts = counts_for([], ids=(1, 2))
    assert counts[2]["unexcused_days"] == 19
    assert counts[2]["longest_consecutive_unexcused"] == 19


def test_a_single_check_in_is_both_arrival_and_departure():
    day = date(2025, 1, 2)  # Thursday, ends 16:00
    rows = [{"employee_id": 1, "local": datetime(2025, 1, 2, 7, 20)}]
    daily = pipeline.daily_from_checkins(
        pl.DataFrame(rows, schema={"employee_id": pl.Int64, "local": pl.Datetime("us")}).lazy()
    ).collect()
    statuses = pipeline.daily_status(
        pl.DataFrame({"employee_id": [1]}).lazy(),
        january_calendar().lazy(),
        daily.lazy(),
        pipeline.empty(pipeline.EXCUSE_SCHEMA),
    ).collect()
    row = statuses.filter(pl.col("day") == day).row(0, named=True)
    assert row["status"] == "present"
    assert row["late_minutes"] == 0
    assert row["early_leave_minutes"] == 16 * 60 - (7 * 60 + 20)


@pytest.mark.parametrize("seed", [1, 2, 3], ids=["seed-1", "seed-2", "seed-3"])
def test_columnar_counts_agree_with_the_rules_reference(seed):
    """Random check-ins, leave and flexible work: the Polars aggregation must give exactly what
    `tegak.rules.count_absences` gives for the daily statuses."""
    generator = random.Random(seed)
    start, end = date(2025, 3, 1), date(2025, 6, 30)
    calendar = pipeline.calendar_frame(SCHEDULE, start, end)
    ids = list(range(1, 41))
    rows = []
    periods = []
    for employee_id in ids:
        absent_rate = generator.choice([0.0, 0.05, 0.2, 0.6])
        day = start
        while day <= end:
            if generator.random() >= absent_rate:
                arrive = datetime.combine(day, time(7, 0)) + timedelta(
                    minutes=generator.randint(0, 90), seconds=generator.randint(0, 59)
                )
                rows.append({"employee_id": employee_id, "local": arrive})
                if generator.random() > 0.1:
                    leave = datetime.combine(day, time(15, 0)) + timedelta(
                        minutes=generator.randint(0, 120)
                    )
                    rows.append({"employee_id": employee_id, "local": leave})
            day += timedelta(days=1)
        for _ in range(generator.randint(0, 3)):
            first = start + timedelta(days=generator.randint(0, 110))
            periods.append(
                {
                    "employee_id": employee_id,
                    "start": first,
                    "end": first + timedelta(days=generator.randint(0, 6)),
                    "reason": generator.choice(["cuti_tahunan", "dinas_luar", "flexible_work"]),
                    "excuses_absence": generator.random() > 0.3,
                    "waives_minutes": generator.random() > 0.3,
                }
            )
    employees = pl.DataFrame({"employee_id": ids}, schema={"employee_id": pl.Int64})
    daily = pipeline.daily_from_checkins(
        pl.DataFrame(rows, schema={"employee_id": pl.Int64, "local": pl.Datetime("us")}).lazy()
    ).collect()
    excuses = pipeline.excuses_from_periods(
        pl.DataFrame(
            periods,
            schema={
                "employee_id": pl.Int64,
                "start": pl.Date,
                "end": pl.Date,
                "reason": pl.Utf8,
                "excuses_absence": pl.Boolean,
                "waives_minutes": pl.Boolean,
            },
        ).lazy()
    ).collect()
    statuses = pipeline.daily_status(
        employees.lazy(), calendar.lazy(), daily.lazy(), excuses.lazy()
    ).collect()
    columnar = {
        row["employee_id"]: row
        for row in pipeline.yearly_counts(
            employees.lazy(), calendar, daily.lazy(), excuses.lazy(), minutes_per_day=450
        )
        .collect()
        .iter_rows(named=True)
    }
    for employee_id in ids:
        records = [
            DayRecord(row["day"], row["status"], row["late_minutes"], row["early_leave_minutes"])
            for row in statuses.filter(pl.col("employee_id") == employee_id).iter_rows(named=True)
        ]
        reference = count_absences(records, 2025, minutes_per_day=450)
        mine = columnar[employee_id]
        assert (
            mine["unexcused_days"],
            mine["late_minutes"],
            mine["early_leave_minutes"],
            mine["lateness_days"],
            mine["counted_days"],
            mine["longest_consecutive_unexcused"],
        ) == (
            reference.unexcused_days,
            reference.late_minutes,
            reference.early_leave_minutes,
            reference.lateness_days,
            reference.counted_days,
            reference.longest_consecutive_unexcused,
        ), employee_id
        # The uncovered working days before the first and after the last covered one (where a
        # run across new year starts): counted from the day-by-day statuses.
        worked = [
            record.status
            for record in sorted(records, key=lambda record: record.day)
            if record.status not in NO_WORK
        ]
        covered = [index for index, status in enumerate(worked) if status != "absent_unexcused"]
        leading = covered[0] if covered else len(worked)
        trailing = len(worked) - 1 - covered[-1] if covered else len(worked)
        assert (mine["leading_unexcused"], mine["trailing_unexcused"]) == (leading, trailing)


@pytest.mark.parametrize("total", [1, 5, 61, 62, 63, 124, 130, 262, 366], ids=lambda n: f"{n}-days")
def test_longest_gap_bitsets_match_a_plain_count_across_word_boundaries(total):
    generator = random.Random(total)
    keys, expected = [], {}
    for employee_id in range(40):
        rate = generator.choice([0.02, 0.3, 0.9, 0.99, 1.0])
        covered = {day for day in range(total) if generator.random() < rate} or {0}
        longest = run = 0
        for day in range(total):
            run = 0 if day in covered else run + 1
            longest = max(longest, run)
        expected[employee_id] = longest
        keys += [employee_id * pipeline.DAY_KEY + day for day in covered]
    words = (
        pl.DataFrame({"key": keys}, schema={"key": pl.Int64})
        .lazy()
        .with_columns(**pipeline.day_bits())
        .group_by("employee_id", "word")
        .agg(bits=pl.col("bit").bitwise_or())
    )
    found = dict(pipeline.longest_gaps(words, total).collect().iter_rows())
    assert found == expected
