"""Numbers and dates in words from num2words and Babel give what Indonesian letters write (the
same answers as the hand-written documents.formatting they replace)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tegak.core import words
from tegak.documents import formatting

NUMBERS = [
    *range(0, 2100),
    10_000,
    11_000,
    21_000,
    100_000,
    101_000,
    1_000_000,
    1_001_000,
    1_001_001,
    2_001_000,
    1_000_001_000,
    1_000_000_001_000,
    12_345_678_901_234,
    999_999_999_999_999,
]


def test_numbers_match_the_letters_wording():
    assert [words.number_in_words(n) for n in NUMBERS] == [formatting.terbilang(n) for n in NUMBERS]
    assert words.number_in_words(1_001_000) == "satu juta seribu"
    assert words.number_in_words(21_000) == "dua puluh satu ribu"
    assert words.number_in_words(-5) == "minus lima"
    assert words.number_with_words(14) == "14 (empat belas)"
    assert words.number_in_words(21, "en") == "twenty-one"


def test_out_of_range_and_non_integers_are_refused():
    with pytest.raises(ValueError):
        words.number_in_words(10**15)
    with pytest.raises(TypeError):
        words.number_in_words(True)
    with pytest.raises(TypeError):
        words.number_in_words(1.5)  # type: ignore[arg-type]


def test_dates_match_the_letters_wording():
    day = date(2022, 1, 1)
    for offset in range(0, 800, 7):
        current = day + timedelta(days=offset)
        assert words.long_date(current) == formatting.long_date(current)
        assert words.long_date(current, with_day=True) == formatting.long_date(
            current, with_day=True
        )
        assert words.date_in_words(current) == formatting.date_in_words(current)
    friday = date(2022, 8, 26)
    assert words.long_date(friday, with_day=True) == "Jumat, 26 Agustus 2022"
    assert words.date_in_words(friday) == (
        "hari Jumat tanggal dua puluh enam bulan Agustus tahun dua ribu dua puluh dua"
    )
    assert words.long_date(friday, language="en") == "26 August 2022"
    assert words.month_name(8, "en") == "August" and words.day_name(friday, "en") == "Friday"
