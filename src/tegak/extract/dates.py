"""Dates and times written in Indonesian, found with regular expressions.

Candidates are found by pattern (month names, day names including "Jum'at", numeric D/M/Y,
ranges, relative words) and checked by the calendar; a date that does not exist is dropped. We do
not use dateparser here: on free text it is slow and guesses (see stack-notes, gotcha 4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tegak.extract.text import lower_ascii, quick, quick_lower

MONTHS: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agt": 8,
    "agu": 8,
    "ags": 8,
    "agst": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
}

# Monday is 0, as in `date.weekday()`.
WEEKDAYS: dict[str, int] = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jumaat": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
# "Jum'at", "Jum’at", "Jum`at", "Jumat".
_DOW = r"(?:Senin|Selasa|Rabu|Kamis|Jum[’'`‘]?a?at|Sabtu|Minggu|Ahad)\b"
# A day name just before a date ("Kamis, 22 September 2022", "Senin (6/9/2021)"), found by
# looking back from the date: scanning for it everywhere made the date patterns slow.
_DOW_BEFORE = re.compile(
    rf"(?:(?:hari\s+)?(?P<dow>{_DOW})\s*,?\s*(?:\(\s*)?)?(?:(?:tanggal|tgl\.?)\s*)?$",
    re.IGNORECASE,
)
_RANGE = r"\s*(?:-|–|—|s\.\s?d\.?|s/d|sd|sampai(?:\s+dengan)?|hingga|sampai\s+tanggal)\s*"
_YEAR = r"(?:,?\s+(?P<{name}>(?:19|20)\d\d)\b)"

LONG_DATE = quick(
    rf"(?<!\d)(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH}){_YEAR.format(name='y1')}?)?"
    + rf"(?:{_RANGE}(?:{_DOW}\s*,?\s*)?(?P<d2>\d{{1,2}}))?"
    + rf"\s+(?P<m2>{_MONTH}){_YEAR.format(name='y2')}?",
    re.IGNORECASE,
)
NUMERIC_DATE = quick(
    r"(?<![\d/.\-])(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})"
    + r"(?:(?P=sep)(?P<y>(?:19|20)\d\d|\d\d))?(?![\d/])(?:\s*\))?",
    re.IGNORECASE,
)
ISO_DATE = quick(r"(?<![\d/])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d/])")
# Case-insensitive: run on `lower_ascii(text)` (same offsets).
RELATIVE = quick_lower(
    rf"\b(?P<word>kemarin\s+lusa|kemarin|hari\s+ini|tadi\s+(?:pagi|siang|sore)"
    rf"|(?P<n>\d{{1,2}}|satu|dua|tiga|empat|lima|enam|tujuh)\s+hari\s+(?:yang\s+)?lalu"
    rf"|(?:hari\s+)?(?P<rdow>{_DOW})\s+(?:lalu|kemarin|yang\s+lalu|pekan\s+lalu|minggu\s+lalu))"
)

_TZ = r"(?P<tz{n}>WIB|WITA|WIT)\b"
_PERIOD = r"(?P<period{n}>pagi|siang|sore|petang|malam|dini\s+hari)\b"
TIME = quick(
    r"(?:(?P<lead>pukul|pkl\.?|jam)\s*(?P<h>\d{1,2})(?:[.:](?P<m>\d\d))?"
    r"|\b(?P<h_bare>\d{1,2})[.:](?P<m_bare>\d\d)(?=\s*(?:WIB|WITA|WIT)\b))(?![\d.:]\d)"
    + r"(?:\s*"
    + _PERIOD.format(n="")
    + r")?"
    + r"(?:\s*(?:-|–|—|s\.\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*(?:pukul\s*)?"
    + r"(?P<h2>\d{1,2})(?:[.:](?P<m2>\d\d))?(?:\s*"
    + _PERIOD.format(n="2")
    + r")?)?"
    + r"(?:\s*"
    + _TZ.format(n="")
    + r")?",
    re.IGNORECASE,
)
# Words before a time that make it part of a schedule ("jam pulang kerja ... pukul 16.00").
SCHEDULE_CUE = re.compile(
    r"jam\s+(?:pulang|masuk|kantor)|pulang\s+kerja|masuk\s+kerja|jam\s+kerja\s+"
    r"(?:berakhir|selesai|dimulai|mulai)|berakhir|dimulai|apel\s+pagi",
    re.IGNORECASE,
)
_EVENT_CUE = re.compile(r"terjadi|kejadian|peristiwa|insiden", re.IGNORECASE)
_START_CUE = re.compile(r"masuk|dimulai|mulai|apel", re.IGNORECASE)


@dataclass(slots=True)
class DateMention:
    """One date (or range of dates) in the text."""

    start: int
    end: int
    day: date
    day_end: date | None = None
    weekday_stated: int | None = None
    year_inferred: bool = False
    relative: str | None = None


@dataclass(slots=True)
class TimeMention:
    """One clock time in the text, with its end when it is a range."""

    start: int
    end: int
    hour: int
    minute: int
    timezone: str | None
    end_hour: int | None = None
    end_minute: int | None = None
    schedule_cue: str | None = None


@dataclass(slots=True)
class DateNote:
    """A date-like phrase we could not place on the calendar, and why."""

    start: int
    end: int
    code: str


def _weekday(name: str | None) -> int | None:
    if not name:
        return None
    key = re.sub(r"[’'`‘]", "", name.lower())
    return WEEKDAYS.get(key)


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    value = int(raw)
    return value + 2000 if value < 100 else value


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, reported_on: date | None) -> date | None:
    """The latest such day on or before the report date: a year-less date is in the past."""
    if reported_on is None:
        return None
    for year in (reported_on.year, reported_on.year - 1):
        candidate = _make(year, month, day)
        if candidate is not None and candidate <= reported_on:
            return candidate
    return None


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in taken)


def find_dates(
    text: str, reported_on: date | None, lowered: str | None = None
) -> tuple[list[DateMention], list[DateNote]]:
    """Every date in the text, in order, and notes on the ones that need a report date."""
    mentions: list[DateMention] = []
    notes: list[DateNote] = []
    taken: list[tuple[int, int]] = []

    for match in LONG_DATE.finditer(text):
        start, dow = _day_name_before(text, match.start())
        _long_date(match, start, dow, reported_on, mentions, notes, taken)
    for match in ISO_DATE.finditer(text):
        if _overlaps(taken, match.start(), match.end()):
            continue
        day = _make(int(match["y"]), int(match["m"]), int(match["d"]))
        if day is not None:
            mentions.append(DateMention(match.start(), match.end(), day))
            taken.append((match.start(), match.end()))
    for match in NUMERIC_DATE.finditer(text):
        if _overlaps(taken, match.start(), match.end()):
            continue
        start, dow = _day_name_before(text, match.start())
        _numeric_date(match, start, dow, reported_on, mentions, notes, taken)
    for match in RELATIVE.finditer(lower_ascii(text) if lowered is None else lowered):
        if _overlaps(taken, match.start(), match.end()):
            continue
        _relative_date(text, match, reported_on, mentions, notes, taken)
    mentions.sort(key=lambda mention: mention.start)
    notes.sort(key=lambda note: note.start)
    return mentions, notes


def _day_name_before(text: str, start: int) -> tuple[int, str | None]:
    """Where the date really starts when a day name precedes it, and that day name."""
    found = _DOW_BEFORE.search(text, max(0, start - 36), start)
    if found is None:
        return start, None
    return found.start(), found["dow"]


def _long_date(
    match: re.Match[str],
    start: int,
    dow: str | None,
    reported_on: date | None,
    mentions: list[DateMention],
    notes: list[DateNote],
    taken: list[tuple[int, int]],
) -> None:
    month2 = MONTHS[match["m2"].lower().rstrip(".")]
    year2 = _year(match["y2"])
    month1 = MONTHS[match["m1"].lower().rstrip(".")] if match["m1"] else month2
    year1 = _year(match["y1"]) or year2
    day1, day2 = int(match["d1"]), match["d2"]
    inferred = False
    if year2 is None:
        last = _infer_year(month2, int(day2 or day1), reported_on)
        if last is None:
            notes.append(DateNote(start, match.end(), "year_missing"))
            taken.append((start, match.end()))
            return
        year2 = last.year
        year1 = year2 - 1 if month1 > month2 else year2
        inferred = True
    assert year1 is not None
    first = _make(year1, month1, day1)
    last_day = _make(year2, month2, int(day2)) if day2 else None
    if first is None or (day2 and (last_day is None or last_day < first)):
        return
    mentions.append(
        DateMention(
            start,
            match.end(),
            first,
            last_day,
            _weekday(dow),
            year_inferred=inferred,
        )
    )
    taken.append((start, match.end()))


def _numeric_date(
    match: re.Match[str],
    start: int,
    dow: str | None,
    reported_on: date | None,
    mentions: list[DateMention],
    notes: list[DateNote],
    taken: list[tuple[int, int]],
) -> None:
    day, month = int(match["d"]), int(match["m"])
    year = _year(match["y"])
    if year is None:
        # "Jumat (26/8)" only: a bare "26/8" could be a fraction or a score.
        if not dow or match["sep"] != "/":
            return
        found = _infer_year(month, day, reported_on)
        if found is None:
            notes.append(DateNote(start, match.end(), "year_missing"))
            taken.append((start, match.end()))
            return
        mentions.append(
            DateMention(start, match.end(), found, None, _weekday(dow), year_inferred=True)
        )
        taken.append((start, match.end()))
        return
    if match["sep"] == "." and not dow and match["y"] and len(match["y"]) == 2:
        return  # "1.2.21" is more often a list number or a version than a date
    found_day = _make(year, month, day)
    if found_day is None:
        return
    mentions.append(DateMention(start, match.end(), found_day, None, _weekday(dow)))
    taken.append((start, match.end()))


def _relative_date(
    text: str,
    match: re.Match[str],
    reported_on: date | None,
    mentions: list[DateMention],
    notes: list[DateNote],
    taken: list[tuple[int, int]],
) -> None:
    word = " ".join(match["word"].lower().split())
    if match["rdow"] and text[match.start("rdow")] == "m" and not word.startswith("hari"):
        return  # "minggu lalu" is "last week", not "last Sunday"
    taken.append((match.start(), match.end()))
    if reported_on is None:
        notes.append(DateNote(match.start(), match.end(), "needs_reported_on"))
        return
    weekday = _weekday(match["rdow"])
    if weekday is not None:
        if word.endswith(("pekan lalu", "minggu lalu")) and word.count(" ") >= 2:
            # "Senin pekan lalu": that day of the previous calendar week.
            monday = reported_on - timedelta(days=reported_on.weekday() + 7)
            day = monday + timedelta(days=weekday)
        else:
            day = reported_on - timedelta(days=(reported_on.weekday() - weekday) % 7 or 7)
    elif match["n"]:
        count = int(match["n"]) if match["n"].isdigit() else _WORD_COUNTS[match["n"].lower()]
        day = reported_on - timedelta(days=count)
    elif word.startswith("kemarin lusa"):
        day = reported_on - timedelta(days=2)
    elif word.startswith("kemarin"):
        day = reported_on - timedelta(days=1)
    else:
        day = reported_on
    mentions.append(DateMention(match.start(), match.end(), day, None, weekday, relative=word))


_WORD_COUNTS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7}


def _to_24h(hour: int, period: str | None) -> int | None:
    """Read "jam 3 sore" as 15:00; None when the hour does not fit the period."""
    if period is None:
        return hour if 0 <= hour <= 24 else None
    period = " ".join(period.lower().split())
    if period in {"pagi", "dini hari"}:
        return hour if 0 <= hour <= 11 else (0 if hour == 12 else None)
    if period == "siang":
        if 10 <= hour <= 15:
            return hour
        return hour + 12 if 1 <= hour <= 3 else None
    if period in {"sore", "petang"}:
        if 15 <= hour <= 19:
            return hour
        return hour + 12 if 3 <= hour <= 7 else None
    # malam
    if 18 <= hour <= 24:
        return hour % 24
    if 6 <= hour <= 11:
        return hour + 12
    if hour == 12:
        return 0
    return hour if 0 <= hour <= 4 else None


def find_times(text: str) -> tuple[list[TimeMention], list[DateNote]]:
    """Every clock time, with its zone, and notes on hours too ambiguous to read."""
    times: list[TimeMention] = []
    notes: list[DateNote] = []
    for match in TIME.finditer(text):
        raw_hour = match["h"] if match["h"] is not None else match["h_bare"]
        raw_minute = match["m"] if match["h"] is not None else match["m_bare"]
        hour = int(raw_hour)
        minute = int(raw_minute) if raw_minute else 0
        period = match["period"]
        if (
            raw_minute is None
            and period is None
            and match["tz"] is None
            and ((match["lead"] or "").lower() == "jam" or 1 <= hour <= 6)
            and match["h2"] is None
        ):
            # "jam 3" alone is 03:00 or 15:00, and "jam 8" may be a duration: say so.
            notes.append(DateNote(match.start(), match.end(), "time_ambiguous"))
            continue
        hour24 = _to_24h(hour, period)
        if hour24 is None or minute > 59 or (hour24 > 23 and minute):
            continue
        end_hour = end_minute = None
        if match["h2"] is not None:
            end_period = match["period2"] or period
            end_hour = _to_24h(int(match["h2"]), end_period)
            end_minute = int(match["m2"]) if match["m2"] else 0
            if end_hour is None or end_minute > 59:
                end_hour = end_minute = None
        mention = TimeMention(
            match.start(),
            match.end(),
            hour24 % 24,
            minute,
            match["tz"].upper() if match["tz"] else None,
            end_hour,
            end_minute,
        )
        mention.schedule_cue = _schedule_cue(text, match.start())
        times.append(mention)
    return times, notes


def _schedule_cue(text: str, position: int) -> str | None:
    """`day_end` / `day_start` when the time states working hours rather than an event."""
    window = text[max(0, position - 90) : position]
    cues = list(SCHEDULE_CUE.finditer(window))
    if not cues:
        return None
    last = cues[-1]
    if _EVENT_CUE.search(window, last.end()):
        return None
    return "day_start" if _START_CUE.search(last.group(0)) else "day_end"
