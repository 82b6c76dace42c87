"""Calendar, schedules and working time: each row names the rule it checks."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tegak.rules as rules
from tegak.rules import RulesInputError


@pytest.mark.parametrize(
    ("day", "working", "holiday", "basis"),
    [
        pytest.param(date(2025, 11, 4), True, None, "Perpres 21/2023 Pasal 3", id="tuesday"),
        pytest.param(date(2025, 11, 8), False, None, "Perpres 21/2023 Pasal 3", id="saturday"),
        pytest.param(
            date(2025, 8, 17),
            False,
            "Hari Kemerdekaan Republik Indonesia",
            "SKB 3 Menteri 2025",
            id="independence-day",
        ),
        pytest.param(
            date(2025, 8, 18),
            False,
            "Cuti Bersama Hari Kemerdekaan Republik Indonesia",
            "SKB 3 Menteri 2025 (cuti bersama)",
            id="cuti-bersama-2025-08-18",
        ),
        pytest.param(
            date(2026, 3, 20),
            False,
            "Cuti Bersama Hari Raya Idul Fitri",
            "SKB 3 Menteri 2026 (cuti bersama)",
            id="cuti-bersama-idul-fitri-2026",
        ),
        pytest.param(
            date(2022, 5, 2), False, "Hari Raya Idul Fitri", "SKB 2022", id="idul-fitri-2022"
        ),
    ],
)
def test_national_working_days(day, working, holiday, basis):
    assert rules.is_working_day(day) is working, basis
    name = rules.holiday_name(day)
    if holiday is None:
        assert name is None
    else:
        assert name is not None and holiday.lower() in name.lower()


def test_regional_day_of_the_demo_agency_is_not_a_working_day_there_only():
    day = date(2025, 7, 17)  # Hari Jadi Kota Sukamaju (fictional)
    assert rules.is_working_day(day, "national")
    assert not rules.is_working_day(day, "kota-sukamaju")
    assert rules.holiday_name(day, "kota-sukamaju") == "Hari Jadi Kota Sukamaju"


def test_overrides_add_a_regional_day_and_correct_an_estimated_national_date():
    registry = rules.default_registry().with_overrides(
        "kab-contoh",
        extra_days={date(2025, 11, 5): "Hari Jadi Kabupaten Contoh"},
        removed_days={date(2025, 12, 26)},  # e.g. cuti bersama revoked by a later decree
    )
    assert not rules.is_working_day(date(2025, 11, 5), "kab-contoh", registry=registry)
    assert rules.is_working_day(date(2025, 12, 26), "kab-contoh", registry=registry)
    # The default registry is not changed.
    assert rules.is_working_day(date(2025, 11, 5), "national")
    assert not rules.is_working_day(date(2025, 12, 26), "national")
    with pytest.raises(RulesInputError):
        rules.is_working_day(date(2025, 11, 5), "kab-contoh")


@pytest.mark.parametrize(
    ("start", "n", "counting", "due"),
    [
        pytest.param(date(2025, 11, 4), 7, "exclusive", date(2025, 11, 13), id="plain-week"),
        pytest.param(date(2025, 11, 4), 7, "inclusive", date(2025, 11, 12), id="inclusive"),
        pytest.param(
            date(2025, 11, 8), 1, "inclusive", date(2025, 11, 10), id="inclusive-from-saturday"
        ),
        # 2025-03-28 cuti bersama, 03-31..04-07 Idul Fitri and cuti bersama.
        pytest.param(date(2025, 3, 27), 1, "exclusive", date(2025, 4, 8), id="across-lebaran-2025"),
        pytest.param(date(2025, 11, 4), 0, "exclusive", date(2025, 11, 4), id="zero-days"),
    ],
)
def test_add_working_days(start, n, counting, due):
    assert rules.add_working_days(start, n, counting=counting) == due


def test_add_working_days_accepts_the_calendar_keyword():
    assert rules.add_working_days(date(2025, 7, 16), 1, calendar="kota-sukamaju") == date(
        2025, 7, 18
    )
    assert rules.add_working_days(date(2025, 7, 16), 1, "kota-sukamaju") == date(2025, 7, 18)


def test_negative_working_days_are_rejected():
    with pytest.raises(RulesInputError):
        rules.add_working_days(date(2025, 1, 1), -1)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)),
    n=st.integers(min_value=1, max_value=70),
    counting=st.sampled_from(["exclusive", "inclusive"]),
)
def test_every_working_day_period_ends_on_a_working_day(start, n, counting):
    due = rules.add_working_days(start, n, counting=counting)
    assert rules.is_working_day(due)
    assert due >= start
    counted = rules.working_days_between(start, due)
    expected = n - 1 if counting == "inclusive" and rules.is_working_day(start) else n
    assert counted == expected


@pytest.mark.parametrize(
    ("schedule", "day", "start", "end", "ramadan", "basis"),
    [
        pytest.param(
            "national-perpres-21-2023",
            date(2025, 11, 3),
            time(7, 30),
            time(16, 0),
            False,
            "Perpres 21/2023 Pasal 4 ayat (1)",
            id="perpres-monday",
        ),
        pytest.param(
            "national-perpres-21-2023",
            date(2025, 11, 7),
            time(7, 30),
            time(16, 30),
            False,
            "Perpres 21/2023 Pasal 4 ayat (5)",
            id="perpres-friday-90-min-break",
        ),
        pytest.param(
            "national-perpres-21-2023",
            date(2025, 3, 10),
            time(8, 0),
            time(15, 0),
            True,
            "Perpres 21/2023 Pasal 4 ayat (2)",
            id="perpres-ramadan",
        ),
        pytest.param(
            "kota-bekasi-2017",
            date(2022, 8, 26),
            time(7, 30),
            time(16, 0),
            False,
            "Perwal Kota Bekasi 06/2017 (reported)",
            id="bekasi-friday-ends-16",
        ),
        pytest.param(
            "kota-sukamaju",
            date(2025, 11, 7),
            time(7, 30),
            time(16, 30),
            False,
            "demo agency",
            id="sukamaju-friday",
        ),
    ],
)
def test_day_schedule(schedule, day, start, end, ramadan, basis):
    hours = rules.day_schedule(schedule, day)
    assert hours is not None, basis
    assert (hours.start, hours.end, hours.ramadan) == (start, end, ramadan)


def test_weekly_hours_follow_perpres_21_2023_pasal_4():
    def weekly(monday: date) -> float:
        total = 0.0
        for offset in range(5):
            hours = rules.day_schedule("national-perpres-21-2023", monday + timedelta(days=offset))
            assert hours is not None
            minutes = (hours.end.hour * 60 + hours.end.minute) - (
                hours.start.hour * 60 + hours.start.minute
            )
            minutes -= sum(
                (b[1].hour * 60 + b[1].minute) - (b[0].hour * 60 + b[0].minute)
                for b in hours.breaks
            )
            total += minutes / 60
        return total

    assert weekly(date(2025, 11, 3)) == 37.5  # Pasal 4 ayat (1)
    assert weekly(date(2025, 3, 10)) == 32.5  # Pasal 4 ayat (2), Ramadan


def test_no_schedule_on_weekends_and_holidays():
    assert rules.day_schedule("national-perpres-21-2023", date(2025, 11, 8)) is None
    assert rules.day_schedule("national-perpres-21-2023", date(2025, 8, 18)) is None


def test_ramadan_ends_the_day_before_idul_fitri():
    assert rules.ramadan_period(2026) == (date(2026, 2, 19), date(2026, 3, 20))


# ---- working-time (CONTRACTS.md) ------------------------------------------------------------


def test_contract_example_karaoke_at_15_on_a_friday_in_bekasi():
    answer = rules.working_time({"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-2017"})
    assert answer["working_day"] is True
    assert answer["within_working_hours"] is True
    assert answer["on_break"] is False
    assert (answer["day_start"], answer["day_end"], answer["minutes_to_end"]) == (
        "07:30",
        "16:00",
        60,
    )
    assert answer["holiday"] is None
    assert answer["schedule"] == "kota-bekasi-2017"
    assert answer["basis"]


@pytest.mark.parametrize(
    ("payload", "within", "on_break", "working_day"),
    [
        pytest.param(
            {"at": "2025-11-07T12:00:00+07:00", "schedule": "national-perpres-21-2023"},
            True,
            True,
            True,
            id="friday-prayer-break",
        ),
        pytest.param(
            {"at": "2025-11-07T16:15:00+07:00", "schedule": "national-perpres-21-2023"},
            True,
            False,
            True,
            id="friday-16-15-perpres",
        ),
        pytest.param(
            {"at": "2025-11-07T16:15:00+07:00", "schedule": "kota-bekasi-2017"},
            False,
            False,
            True,
            id="friday-16-15-bekasi",
        ),
        pytest.param(
            {"at": "2025-11-03T07:29:00", "timezone": "WIB", "schedule": "kota-sukamaju"},
            False,
            False,
            True,
            id="before-start-local-time",
        ),
        pytest.param(
            {"at": "2025-11-03T00:30:00Z", "schedule": "kota-sukamaju"},
            True,
            False,
            True,
            id="utc-converted-to-wib",
        ),
        pytest.param(
            {"at": "2025-11-03T08:00:00+08:00", "schedule": "national-perpres-21-2023"},
            True,
            False,
            True,
            id="local-time-in-wita",
        ),
        pytest.param(
            {"at": "2025-08-18T10:00:00+07:00", "schedule": "national-perpres-21-2023"},
            False,
            False,
            False,
            id="cuti-bersama",
        ),
    ],
)
def test_working_time(payload, within, on_break, working_day):
    answer = rules.working_time(payload)
    assert answer["within_working_hours"] is within
    assert answer["on_break"] is on_break
    assert answer["working_day"] is working_day


def test_holiday_is_named():
    answer = rules.working_time(
        {"at": "2025-08-18T10:00:00+07:00", "schedule": "national-perpres-21-2023"}
    )
    assert answer["holiday"] == "Cuti Bersama Hari Kemerdekaan Republik Indonesia"


def test_inline_schedule():
    schedule = {
        "timezone": "WITA",
        "days": {"mon": {"start": "08:00", "end": "14:00", "breaks": [["12:00", "12:30"]]}},
    }
    inside = rules.working_time({"at": "2025-11-03T13:59:00+08:00", "schedule": schedule})
    assert inside["within_working_hours"] is True
    tuesday = rules.working_time({"at": "2025-11-04T09:00:00+08:00", "schedule": schedule})
    assert tuesday["working_day"] is False


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        pytest.param(
            {"at": "2022-02-30T10:00:00+07:00", "schedule": "kota-bekasi-2017"},
            "at",
            id="impossible-date",
        ),
        pytest.param(
            {"at": "2022-08-26T10:00:00", "schedule": "kota-bekasi-2017"}, "at", id="no-offset"
        ),
        pytest.param(
            {"at": "2022-08-26T10:00:00+07:00", "schedule": "nowhere"},
            "schedule",
            id="unknown-schedule",
        ),
        pytest.param(
            {"at": "2022-08-26T10:00:00", "timezone": "CET"}, "timezone", id="unknown-zone"
        ),
        pytest.param(
            {
                "at": "2022-08-26T10:00:00+07:00",
                "schedule": {"days": {"mon": {"start": "16:00", "end": "08:00"}}},
            },
            "schedule.days.mon.end",
            id="end-before-start",
        ),
        pytest.param(
            {"at": "2010-08-26T10:00:00+07:00", "schedule": "kota-sukamaju"},
            "schedule",
            id="no-version-in-force",
        ),
    ],
)
def test_working_time_bad_input_names_the_field(payload, field):
    with pytest.raises(RulesInputError) as caught:
        rules.working_time(payload)
    assert caught.value.field == field
    assert caught.value.message


@pytest.mark.parametrize(
    ("at", "within", "ramadan", "basis"),
    [
        pytest.param(
            "2023-04-06T14:45:00+07:00",
            False,
            True,
            "SE 800/1584/BKPSDM.PKA (Ramadan 2023)",
            id="bekasi-ramadan-thursday-after-14-30",
        ),
        pytest.param(
            "2023-04-06T14:15:00+07:00",
            True,
            True,
            "SE 800/1584/BKPSDM.PKA (Ramadan 2023)",
            id="bekasi-ramadan-thursday-before-14-30",
        ),
        pytest.param(
            "2023-05-04T15:30:00+07:00",
            True,
            False,
            "Perwal 06/2017 (reported)",
            id="bekasi-after-ramadan",
        ),
    ],
)
def test_bekasi_ramadan_hours(at, within, ramadan, basis):
    answer = rules.working_time({"at": at, "schedule": "kota-bekasi-2017"})
    assert answer["within_working_hours"] is within, basis
    assert answer["ramadan"] is ramadan


def test_instansi_registry_flows_into_working_time_and_deadlines():
    registry = rules.default_registry().with_overrides(
        "kota-sukamaju", extra_days={date(2025, 11, 5): "Hari Jadi Kelurahan (uji)"}
    )
    answer = rules.working_time(
        {"at": "2025-11-05T09:00:00+07:00", "schedule": "kota-sukamaju"}, calendars=registry
    )
    assert answer["working_day"] is False and answer["holiday"] == "Hari Jadi Kelurahan (uji)"
    plain = rules.deadlines(
        {"step": "summons_issued", "on": "2025-11-04", "calendar": "kota-sukamaju"}
    )
    shifted = rules.deadlines(
        {"step": "summons_issued", "on": "2025-11-04", "calendar": "kota-sukamaju"},
        calendars=registry,
    )
    assert (plain["deadlines"][0]["due"], shifted["deadlines"][0]["due"]) == (
        "2025-11-13",
        "2025-11-14",
    )


def test_schedule_added_from_data():
    registry = rules.default_registry().add_schedule_from_dict(
        "kota-sukamaju-2027",
        {
            "timezone": "WIT",
            "calendar": "kota-sukamaju",
            "versions": [
                {
                    "valid_from": "2027-01-01",
                    "basis": ["Perwal (uji)"],
                    "days": {"mon": {"start": "07:00", "end": "15:00"}},
                }
            ],
        },
    )
    hours = rules.day_schedule("kota-sukamaju-2027", date(2027, 1, 4), registry=registry)
    assert hours is not None and hours.timezone == "WIT" and hours.start == time(7, 0)
