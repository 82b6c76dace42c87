"""Indonesian formatting for official letters: dates, numbers in words, names, NIP and ranks.

Pure functions, no Django: a letter reads "Jumat, 26 Agustus 2022" and "14 (empat belas) hari
kerja" whatever the interface language is, so nothing here goes through translation.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

_UNITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
# Scale words, largest first (10^12 triliun, 10^9 miliar, 10^6 juta, 10^3 ribu).
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))
TERBILANG_LIMIT = 10**15


def day_name(day: date) -> str:
    """The Indonesian name of the weekday ("Jumat")."""
    return DAY_NAMES[day.weekday()]


def month_name(month: int) -> str:
    """The Indonesian name of a month, 1 = Januari."""
    return MONTH_NAMES[month - 1]


def long_date(day: date, *, with_day: bool = False) -> str:
    """'26 Agustus 2022', or 'Jumat, 26 Agustus 2022' with the weekday."""
    text = f"{day.day} {month_name(day.month)} {day.year}"
    return f"{day_name(day)}, {text}" if with_day else text


def date_in_words(day: date) -> str:
    """The date as minutes (berita acara) spell it out.

    'hari Jumat tanggal dua puluh enam bulan Agustus tahun dua ribu dua puluh dua'.
    """
    return (
        f"hari {day_name(day)} tanggal {terbilang(day.day)} bulan {month_name(day.month)} "
        f"tahun {terbilang(day.year)}"
    )


def clock_time(moment: time | datetime, zone: str = "") -> str:
    """'15.00 WIB': hours and minutes with a full stop, as Indonesian letters write them."""
    text = f"{moment.hour:02d}.{moment.minute:02d}"
    return f"{text} {zone}".strip()


def _below_thousand(number: int) -> str:
    words: list[str] = []
    hundreds, rest = divmod(number, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words.append(f"{_UNITS[hundreds]} ratus")
    if rest:
        if rest < 12:
            words.append(_UNITS[rest])
        elif rest < 20:
            words.append(f"{_UNITS[rest - 10]} belas")
        else:
            tens, units = divmod(rest, 10)
            words.append(f"{_UNITS[tens]} puluh")
            if units:
                words.append(_UNITS[units])
    return " ".join(words)


def terbilang(number: int) -> str:
    """A whole number in Indonesian words (1250 -> 'seribu dua ratus lima puluh').

    Handles 0 up to (not including) 10^15 and negative numbers ("minus ...").
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("terbilang takes a whole number")
    if number < 0:
        return f"minus {terbilang(-number)}"
    if number >= TERBILANG_LIMIT:
        raise ValueError(f"terbilang handles numbers below {TERBILANG_LIMIT}")
    if number == 0:
        return "nol"
    words: list[str] = []
    rest = number
    for scale, name in _SCALES:
        count, rest = divmod(rest, scale)
        if not count:
            continue
        # 1000 is "seribu", but 1,000,000 is "satu juta".
        if count == 1 and scale == 1000:
            words.append("seribu")
        else:
            words.append(f"{_below_thousand(count)} {name}")
    if rest:
        words.append(_below_thousand(rest))
    return " ".join(words)


def number_with_words(number: int) -> str:
    """'14 (empat belas)': the figure followed by its words, as letters write quantities."""
    return f"{number} ({terbilang(number)})"


def name_with_titles(name: str, front_title: str = "", back_title: str = "") -> str:
    """'Dr. Budi Santoso, S.H., M.H.': front titles before, back titles after a comma."""
    text = " ".join(part for part in (front_title.strip(), name.strip()) if part)
    back = back_title.strip().lstrip(",").strip()
    return f"{text}, {back}" if back else text


def format_nip(nip: str) -> str:
    """An 18-digit NIP grouped as birth date, appointment month, sex, sequence.

    '198507262010011002' -> '19850726 201001 1 002'. Anything else (a contract worker's
    registration number) is returned as written.
    """
    digits = re.sub(r"\s+", "", nip or "")
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return (nip or "").strip()


# Pangkat names of PNS golongan ruang (PP 99/2000 Lampiran I).
PANGKAT_NAMES: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
_ROMAN_NUMERALS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
    "XVI": 16,
    "XVII": 17,
}
_ARABIC_TO_ROMAN = {str(value): key for key, value in _ROMAN_NUMERALS.items()}
_GOLONGAN = re.compile(r"^\s*([IVX]+|\d{1,2})\s*[/\-.]?\s*([a-eA-E])?\s*$", re.IGNORECASE)


def normalise_golongan(golongan: str) -> str:
    """'3a', 'III-a', 'iii/A' -> 'III/a'; a PPPK golongan '9' or 'IX' -> 'IX'; '' stays ''."""
    match = _GOLONGAN.match(golongan or "")
    if not match:
        return (golongan or "").strip()
    group, room = match.group(1).upper(), match.group(2)
    if group.isdigit():
        group = _ARABIC_TO_ROMAN.get(str(int(group)), group)
    return f"{group}/{room.lower()}" if room else group


def rank_label(golongan: str) -> str:
    """'Penata Muda, III/a' for a PNS golongan; 'Golongan IX' for PPPK; '' when unknown."""
    code = normalise_golongan(golongan)
    if not code:
        return ""
    if code in PANGKAT_NAMES:
        return f"{PANGKAT_NAMES[code]}, {code}"
    if code in _ROMAN_NUMERALS:
        return f"Golongan {code}"
    return code


def roman_month(month: int) -> str:
    """The month in Roman numerals, used in some letter numbers ('VIII' for August)."""
    return ROMAN_MONTHS[month - 1]


def ordinal_word(number: int) -> str:
    """'KESATU', 'KEDUA', ... the dictum headings of a decree."""
    if number == 1:
        return "KESATU"
    return f"KE{terbilang(number).upper().replace(' ', '')}" if number < 12 else str(number)
