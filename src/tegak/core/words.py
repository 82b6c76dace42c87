"""Numbers and dates in words, as Indonesian letters and minutes write them (English too), from
kept libraries: num2words for numbers, Babel (CLDR) for names of days and months.

    number_in_words(1250)                 'seribu dua ratus lima puluh'
    number_with_words(14)                 '14 (empat belas)'
    long_date(date(2022, 8, 26))          '26 Agustus 2022'
    long_date(..., with_day=True)         'Jumat, 26 Agustus 2022'
    date_in_words(date(2022, 8, 26))      'hari Jumat tanggal dua puluh enam bulan Agustus tahun
                                           dua ribu dua puluh dua'
    day_name(day), month_name(month)      'Jumat', 'Agustus'
    clock_time(time(15, 0), "WIB")        '15.00 WIB'
    name_with_titles("Budi Santoso", "Dr.", "S.H., M.H.")   'Dr. Budi Santoso, S.H., M.H.'

`language` is "id" (default) or "en".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from babel.dates import format_date, get_day_names, get_month_names
from num2words import num2words

LIMIT = 10**15
# num2words writes a lone thousand after a larger scale as "satu ribu"; Indonesian says
# "seribu" (1,001,000 = "satu juta seribu"), as it does at the start.
_LONE_THOUSAND = re.compile(r"(^|\b(?:juta|miliar|triliun) )satu ribu\b")


def _language(language: str) -> str:
    return "en" if language.startswith("en") else "id"


def number_in_words(number: int, language: str = "id") -> str:
    """A whole number in words ('terbilang'), 0 up to 10^15, negative as 'minus ...'."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("number_in_words takes a whole number")
    if abs(number) >= LIMIT:
        raise ValueError(f"number_in_words handles numbers below {LIMIT}")
    lang = _language(language)
    if number < 0:
        return f"minus {number_in_words(-number, lang)}"
    words = str(num2words(number, lang=lang))
    if lang == "id":
        words = _LONE_THOUSAND.sub(r"\1seribu", words)
    return words


def number_with_words(number: int, language: str = "id") -> str:
    """'14 (empat belas)': the figure followed by its words."""
    return f"{number} ({number_in_words(number, language)})"


def day_name(day: date, language: str = "id") -> str:
    """The weekday's name ('Jumat')."""
    names = get_day_names("wide", locale=_language(language))
    return str(names[day.weekday()])


def month_name(month: int, language: str = "id") -> str:
    """The month's name, 1 = Januari."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1 to 12")
    return str(get_month_names("wide", locale=_language(language))[month])


def long_date(day: date, *, with_day: bool = False, language: str = "id") -> str:
    """'26 Agustus 2022', or 'Jumat, 26 Agustus 2022' with the weekday."""
    pattern = "EEEE, d MMMM y" if with_day else "d MMMM y"
    return str(format_date(day, pattern, locale=_language(language)))


def shown_date(day: date) -> str:
    """A date as a person reads it on a page or in a message, in the active language:
    '6 September 2021' (Indonesian and English alike). Machine outputs (the API, CSV, the
    CLI's JSON, a date input's value) keep ISO 8601."""
    from django.utils import formats

    return str(formats.date_format(day, "j F Y"))


def date_in_words(day: date, language: str = "id") -> str:
    """The date spelt out, as minutes (berita acara) write it."""
    lang = _language(language)
    if lang == "en":
        return (
            f"{day_name(day, lang)}, the {number_in_words(day.day, lang)} day of "
            f"{month_name(day.month, lang)} in the year {number_in_words(day.year, lang)}"
        )
    return (
        f"hari {day_name(day)} tanggal {number_in_words(day.day)} bulan {month_name(day.month)} "
        f"tahun {number_in_words(day.year)}"
    )


def clock_time(moment: time | datetime, zone: str = "") -> str:
    """'15.00 WIB': hours and minutes with a full stop, as Indonesian letters write them."""
    text = f"{moment.hour:02d}.{moment.minute:02d}"
    return f"{text} {zone}".strip()


def name_with_titles(name: str, front_title: str = "", back_title: str = "") -> str:
    """'Dr. Budi Santoso, S.H., M.H.': front titles before, back titles after a comma."""
    text = " ".join(part for part in (front_title.strip(), name.strip()) if part)
    back = back_title.strip().lstrip(",").strip()
    return f"{text}, {back}" if back else text


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def shown_iso(value: str | date | None) -> str:
    """`shown_date` for a date kept as ISO text in stored facts or an answer ("2021-09-06"
    -> "6 September 2021"; a moment "2021-09-06T15:00:00+07:00" -> "6 September 2021 15:00",
    the clock as it was written; a period "2021-09-01..2021-09-30" -> "1 September 2021 –
    30 September 2021"). Text that is not an ISO date is returned as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return f"{shown_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return shown_date(value)
    text = str(value).strip()
    first, dots, last = text.partition("..")
    if dots and _ISO_DAY.fullmatch(first) and _ISO_DAY.fullmatch(last):
        return f"{shown_iso(first)} – {shown_iso(last)}"  # a period, "2021-09-01..2021-09-30"
    try:
        if len(text) > 10 and text[10] in "T ":
            moment = datetime.fromisoformat(text)
            return f"{shown_date(moment.date())} {moment:%H:%M}"
        return shown_date(date.fromisoformat(text))
    except ValueError:
        return text
