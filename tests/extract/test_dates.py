"""Dates and times as Indonesian texts write them, one phrase at a time."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.extract import extract

REPORTED = date(2024, 9, 18)  # a Wednesday


def _events(text: str, reported_on: date | None = REPORTED) -> list[tuple]:
    return [
        (e["date"], e.get("date_end"), e.get("time"), e.get("time_end"), e.get("timezone"))
        for e in extract(text, reported_on=reported_on)["events"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Kejadian pada Jum'at, 26 Agustus 2022.", ("2022-08-26",), id="jumat-apostrophe"
        ),
        pytest.param("Kejadian pada Jumat 26 Agustus 2022.", ("2022-08-26",), id="jumat-plain"),
        pytest.param(
            "Kejadian pada Jum`at 26 Agt 2022.", ("2022-08-26",), id="backtick-abbr-month"
        ),
        pytest.param(
            "Rapat pada 3 Nopember 2023 di kantor.", ("2023-11-03",), id="old-spelling-month"
        ),
        pytest.param("Diperiksa tanggal 2024-02-29 di kantor.", ("2024-02-29",), id="iso"),
        pytest.param("Pada Selasa (9/1/24) ia absen.", ("2024-01-09",), id="two-digit-year"),
        pytest.param("Pada 12-03-2024 ia absen.", ("2024-03-12",), id="dashes"),
        pytest.param(
            "Cuti 1 s.d. 3 Maret 2024 ditolak.", ("2024-03-01", "2024-03-03"), id="sd-range"
        ),
        pytest.param(
            "Libur 30 Desember 2023 sampai 2 Januari 2024.",
            ("2023-12-30", "2024-01-02"),
            id="range-across-years",
        ),
        pytest.param(
            "Pada Jumat (26/8) ia tidak masuk.", ("2024-08-26",), id="day-month-after-day-name"
        ),
    ],
)
def test_dates(text, expected):
    (found,) = _events(text)
    assert found[: len(expected)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Tanggal 31 Februari 2024 tidak ada.", id="day-that-does-not-exist"),
        pytest.param("Skor akhir 3/4 untuk tim tamu.", id="fraction-is-not-a-date"),
        pytest.param("Versi 1.2.21 dirilis.", id="version-number"),
        pytest.param("Nomor 800/6519/BKPPD-PKA sudah terbit.", id="letter-number"),
    ],
)
def test_not_dates(text):
    assert _events(text) == []


@pytest.mark.parametrize(
    ("text", "time", "zone"),
    [
        pytest.param("Senin, 4 Maret 2024 pukul 15.00 WIB", "15:00", "WIB", id="pukul-wib"),
        pytest.param("Senin, 4 Maret 2024 pkl. 09.30 WITA", "09:30", "WITA", id="pkl-wita"),
        pytest.param("Senin, 4 Maret 2024 sekitar 21.45 WIT", "21:45", "WIT", id="bare-time-wit"),
        pytest.param("Senin, 4 Maret 2024 jam 3 sore", "15:00", None, id="jam-3-sore"),
        pytest.param("Senin, 4 Maret 2024 jam 10 malam", "22:00", None, id="jam-10-malam"),
        pytest.param("Senin, 4 Maret 2024 jam 7 pagi", "07:00", None, id="jam-7-pagi"),
        pytest.param("Senin, 4 Maret 2024 pukul 12.30 siang", "12:30", None, id="siang"),
    ],
)
def test_times_join_their_date(text, time, zone):
    ((day, _, found_time, _, found_zone),) = _events(text)
    assert (day, found_time, found_zone) == ("2024-03-04", time, zone)


def test_time_range():
    ((_, _, start, end, zone),) = _events("Rapat Senin, 4 Maret 2024 pukul 13.00-15.00 WIB.")
    assert (start, end, zone) == ("13:00", "15:00", "WIB")


def test_hour_without_part_of_day_is_a_note_not_a_guess():
    answer = extract("Pegawai itu datang jam 3 pada Selasa, 9 Januari 2024.")
    assert "time" not in answer["events"][0]
    assert [note["code"] for note in answer["notes"]] == ["time_ambiguous"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("kemarin", "2024-09-17", id="kemarin"),
        pytest.param("kemarin lusa", "2024-09-16", id="kemarin-lusa"),
        pytest.param("hari ini", "2024-09-18", id="hari-ini"),
        pytest.param("tadi pagi", "2024-09-18", id="tadi-pagi"),
        pytest.param("3 hari lalu", "2024-09-15", id="three-days-ago"),
        pytest.param("Senin lalu", "2024-09-16", id="senin-lalu"),
        pytest.param("Rabu lalu", "2024-09-11", id="same-weekday-is-a-week-back"),
        pytest.param("Jumat pekan lalu", "2024-09-13", id="friday-of-last-week"),
        pytest.param("hari Minggu lalu", "2024-09-15", id="last-sunday"),
    ],
)
def test_relative_dates_from_the_report_date(words, expected):
    ((day, *_),) = _events(f"Pegawai itu bolos {words} dan tidak memberi kabar.")
    assert day == expected


def test_minggu_lalu_is_last_week_not_a_day():
    assert _events("Pegawai itu bolos minggu lalu dan tidak memberi kabar.") == []


def test_day_name_that_does_not_fit_the_date_is_noted():
    answer = extract("Kejadian pada Senin, 26 Agustus 2022 di kantor.")
    assert answer["events"][0]["date"] == "2022-08-26"
    assert answer["events"][0]["weekday_mismatch"] is True
    assert "weekday_mismatch" in [note["code"] for note in answer["notes"]]
