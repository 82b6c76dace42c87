"""Indonesian formatting as official letters print it."""

from __future__ import annotations

from datetime import date, time

import pytest

from tegak.documents.formatting import (
    clock_time,
    date_in_words,
    format_nip,
    long_date,
    name_with_titles,
    number_with_words,
    rank_label,
    terbilang,
)


@pytest.mark.parametrize(
    ("day", "with_day", "expected"),
    [
        pytest.param(date(2022, 8, 26), True, "Jumat, 26 Agustus 2022", id="friday-of-the-party"),
        pytest.param(date(2021, 9, 6), True, "Senin, 6 September 2021", id="monday"),
        pytest.param(date(2024, 2, 29), False, "29 Februari 2024", id="leap-day-no-weekday"),
        pytest.param(date(2023, 12, 31), True, "Minggu, 31 Desember 2023", id="sunday"),
    ],
)
def test_long_date_in_indonesian(day, with_day, expected):
    assert long_date(day, with_day=with_day) == expected


def test_long_date_matches_djangos_indonesian_locale():
    from django.utils import translation
    from django.utils.formats import date_format

    for day in (date(2022, 8, 26), date(2025, 1, 1), date(2025, 5, 17)):
        with translation.override("id"):
            assert long_date(day, with_day=True) == date_format(day, "l, j F Y")


@pytest.mark.parametrize(
    ("number", "words"),
    [
        pytest.param(0, "nol", id="zero"),
        pytest.param(1, "satu", id="one"),
        pytest.param(10, "sepuluh", id="ten"),
        pytest.param(11, "sebelas", id="eleven"),
        pytest.param(14, "empat belas", id="fourteen-working-days-pasal-37"),
        pytest.param(19, "sembilan belas", id="nineteen"),
        pytest.param(20, "dua puluh", id="twenty"),
        pytest.param(26, "dua puluh enam", id="twenty-six"),
        pytest.param(100, "seratus", id="hundred"),
        pytest.param(111, "seratus sebelas", id="hundred-eleven"),
        pytest.param(999, "sembilan ratus sembilan puluh sembilan", id="999"),
        pytest.param(1000, "seribu", id="thousand"),
        pytest.param(1250, "seribu dua ratus lima puluh", id="1250"),
        pytest.param(2022, "dua ribu dua puluh dua", id="year-2022"),
        pytest.param(11000, "sebelas ribu", id="eleven-thousand"),
        pytest.param(100000, "seratus ribu", id="hundred-thousand"),
        pytest.param(1000000, "satu juta", id="million-is-satu-juta"),
        pytest.param(
            2500750, "dua juta lima ratus ribu tujuh ratus lima puluh", id="millions-mixed"
        ),
        pytest.param(1000000000, "satu miliar", id="billion"),
        pytest.param(10**12, "satu triliun", id="trillion"),
        pytest.param(
            10**12 + 1001,
            "satu triliun seribu satu",
            id="trillion-and-a-thousand-and-one",
        ),
        pytest.param(-5, "minus lima", id="negative"),
    ],
)
def test_terbilang(number, words):
    assert terbilang(number) == words


def test_terbilang_refuses_what_it_cannot_say():
    with pytest.raises(ValueError):
        terbilang(10**15)
    with pytest.raises(TypeError):
        terbilang(1.5)  # type: ignore[arg-type]


def test_number_with_words():
    assert number_with_words(14) == "14 (empat belas)"


def test_date_in_words_for_minutes():
    assert date_in_words(date(2022, 8, 26)) == (
        "hari Jumat tanggal dua puluh enam bulan Agustus tahun dua ribu dua puluh dua"
    )


def test_clock_time():
    assert clock_time(time(15, 0), "WIB") == "15.00 WIB"
    assert clock_time(time(7, 30)) == "07.30"


@pytest.mark.parametrize(
    ("name", "front", "back", "expected"),
    [
        pytest.param("Budi Santoso", "", "", "Budi Santoso", id="no-titles"),
        pytest.param(
            "Budi Santoso", "Dr.", "S.H., M.H.", "Dr. Budi Santoso, S.H., M.H.", id="both"
        ),
        pytest.param("Siti Aminah", "", ", S.Kom.", "Siti Aminah, S.Kom.", id="back-with-comma"),
        pytest.param("Andi", "Ir.", "", "Ir. Andi", id="front-only"),
    ],
)
def test_name_with_titles(name, front, back, expected):
    assert name_with_titles(name, front, back) == expected


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        pytest.param("198507262010011002", "19850726 201001 1 002", id="nip-18-digits"),
        pytest.param("19850726 201001 1 002", "19850726 201001 1 002", id="already-grouped"),
        pytest.param("TKK-2019-0042", "TKK-2019-0042", id="contract-registration-as-is"),
    ],
)
def test_format_nip(nip, expected):
    assert format_nip(nip) == expected


@pytest.mark.parametrize(
    ("golongan", "expected"),
    [
        pytest.param("III/a", "Penata Muda, III/a", id="III-a"),
        pytest.param("3a", "Penata Muda, III/a", id="arabic-written"),
        pytest.param("iii-d", "Penata Tingkat I, III/d", id="lowercase-dash"),
        pytest.param("IV/e", "Pembina Utama, IV/e", id="IV-e"),
        pytest.param("II/c", "Pengatur, II/c", id="II-c"),
        pytest.param("IX", "Golongan IX", id="pppk"),
        pytest.param("", "", id="none"),
    ],
)
def test_rank_label(golongan, expected):
    assert rank_label(golongan) == expected
