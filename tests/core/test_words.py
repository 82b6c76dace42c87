"""Numbers and dates in words from num2words and Babel give what Indonesian letters write. They
replaced documents.formatting's own tables (the same answers for 0-3,000, 3,000 random numbers
below 10^15 and every day of 2019-2026 when they did), which now re-exports them."""

from __future__ import annotations

from datetime import date, time

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
    written = [words.number_in_words(n) for n in NUMBERS]
    assert written[1000] == "seribu" and written[2022] == "dua ribu dua puluh dua"
    assert written[111] == "seratus sebelas" and written[19] == "sembilan belas"
    assert words.number_in_words(1_000_000) == "satu juta"
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


def test_letters_write_dates_names_and_times_with_these_functions():
    """One wording everywhere: the documents' formatting is this module's, not a copy."""
    for name in ("long_date", "date_in_words", "day_name", "month_name", "number_with_words"):
        assert getattr(formatting, name) is getattr(words, name), name
    assert formatting.terbilang is words.number_in_words
    assert formatting.name_with_titles is words.name_with_titles
    assert formatting.clock_time is words.clock_time
    assert words.name_with_titles("Budi Santoso", "Dr.", ", S.H., M.H.") == (
        "Dr. Budi Santoso, S.H., M.H."
    )
    assert words.name_with_titles("Rina Marlina") == "Rina Marlina"
    assert words.clock_time(time(7, 30), "WITA") == "07.30 WITA"
    friday = date(2022, 8, 26)
    assert words.long_date(friday, with_day=True) == "Jumat, 26 Agustus 2022"
    assert words.date_in_words(friday) == (
        "hari Jumat tanggal dua puluh enam bulan Agustus tahun dua ribu dua puluh dua"
    )
    assert words.long_date(friday, language="en") == "26 August 2022"
    assert words.month_name(8, "en") == "August" and words.day_name(friday, "en") == "Friday"
