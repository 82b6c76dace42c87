"""Attendance counting (PP 94/2021 Pasal 9-11, 15) as a pure function."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tegak.rules import DayRecord, count_absences, is_working_day, longest_unexcused_run


def week(start: date, statuses: list[str]) -> list[DayRecord]:
    return [
        DayRecord(start + timedelta(days=index), status) for index, status in enumerate(statuses)
    ]


def test_counts_per_calendar_year_pasal_15_ayat_1():
    records = [
        DayRecord(date(2024, 12, 30), "absent_unexcused"),
        DayRecord(date(2025, 1, 2), "absent_unexcused"),
        DayRecord(date(2025, 3, 3), "absent_unexcused", late_minutes=300),
        DayRecord(date(2025, 3, 4), "present", late_minutes=100, early_leave_minutes=60),
        DayRecord(date(2025, 3, 5), "absent_excused"),
    ]
    count = count_absences(records, 2025)
    assert count.unexcused_days == 2
    assert (count.late_minutes, count.early_leave_minutes) == (400, 60)
    assert count.lateness_days == 1  # 460 minutes, 450 a day
    assert count.counted_days == 3


def test_minutes_per_day_is_configurable():
    records = [DayRecord(date(2025, 3, 4), "present", late_minutes=480)]
    assert count_absences(records, 2025, minutes_per_day=480).lateness_days == 1
    assert count_absences(records, 2025, minutes_per_day=481).lateness_days == 0


def test_a_weekend_inside_a_run_does_not_break_it_pasal_11_ayat_2_huruf_d_angka_4():
    # Mon 2025-11-03 .. Fri 11-07 absent, weekend, Mon 11-10 .. Fri 11-14 absent: 10 working days.
    statuses = ["absent_unexcused"] * 5 + ["weekend", "weekend"] + ["absent_unexcused"] * 5
    records = week(date(2025, 11, 3), statuses)
    assert longest_unexcused_run(records) == 10
    assert count_absences(records, 2025).longest_consecutive_unexcused == 10


def test_a_present_or_excused_day_breaks_a_run():
    records = week(
        date(2025, 11, 3),
        ["absent_unexcused", "absent_unexcused", "absent_excused", "absent_unexcused"],
    )
    assert longest_unexcused_run(records) == 2


def test_missing_weekend_records_do_not_break_a_run_but_missing_working_days_do():
    friday_and_monday = [
        DayRecord(date(2025, 11, 7), "absent_unexcused"),
        DayRecord(date(2025, 11, 10), "absent_unexcused"),
    ]
    assert longest_unexcused_run(friday_and_monday) == 2
    thursday_and_monday = [
        DayRecord(date(2025, 11, 6), "absent_unexcused"),
        DayRecord(date(2025, 11, 10), "absent_unexcused"),
    ]
    assert longest_unexcused_run(thursday_and_monday) == 1


def test_missing_holiday_records_do_not_break_a_run_with_a_calendar():
    # 2025-08-15 (Fri) and 2025-08-19 (Tue) around the weekend, 17 Aug and cuti bersama 18 Aug.
    records = [
        DayRecord(date(2025, 8, 15), "absent_unexcused"),
        DayRecord(date(2025, 8, 19), "absent_unexcused"),
    ]
    assert longest_unexcused_run(records) == 1
    assert longest_unexcused_run(records, calendar_id="national") == 2


def test_a_run_across_new_year_counts_whole():
    records = week(
        date(2024, 12, 30), ["absent_unexcused", "absent_unexcused", "holiday", "absent_unexcused"]
    )
    assert count_absences(records, 2025).longest_consecutive_unexcused == 3
    assert count_absences(records, 2025).unexcused_days == 1


def test_bad_records_are_rejected():
    with pytest.raises(ValueError):
        DayRecord(date(2025, 1, 1), "asleep")
    with pytest.raises(ValueError):
        DayRecord(date(2025, 1, 2), "present", late_minutes=-1)


STATUS = st.sampled_from(["present", "absent_unexcused", "absent_excused"])


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31)),
    statuses=st.lists(STATUS, min_size=1, max_size=40),
)
def test_a_weekend_never_breaks_a_streak(start, statuses):
    """Inserting weekend/holiday records between working days never shortens the longest run."""
    days = []
    day = start
    for status in statuses:
        while not is_working_day(day):
            day += timedelta(days=1)
        days.append(DayRecord(day, status))
        day += timedelta(days=1)
    # Without the non-working days in the input, and with them marked explicitly.
    with_weekends = list(days)
    for record in days:
        following = record.day + timedelta(days=1)
        while not is_working_day(following):
            with_weekends.append(
                DayRecord(following, "weekend" if following.weekday() >= 5 else "holiday")
            )
            following += timedelta(days=1)
    longest = 0
    run = 0
    for status in statuses:
        run = run + 1 if status == "absent_unexcused" else 0
        longest = max(longest, run)
    assert longest_unexcused_run(with_weekends) == longest
    assert longest_unexcused_run(days, calendar_id="national") == longest
