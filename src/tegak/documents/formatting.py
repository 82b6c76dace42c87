"""Indonesian formatting for official letters: NIP and ranks here; dates, numbers in words, clock
times and names with titles from `tegak.core.words` (re-exported, so letters and the rest of the
application write them alike).

Pure functions, no Django: a letter reads "Jumat, 26 Agustus 2022" and "14 (empat belas) hari
kerja" whatever the interface language is, so nothing here goes through translation.
"""

from __future__ import annotations

import re

from tegak.core.words import (
    clock_time,
    date_in_words,
    day_name,
    long_date,
    month_name,
    name_with_titles,
    number_with_words,
)
from tegak.core.words import number_in_words as terbilang

__all__ = [
    "clock_time",
    "date_in_words",
    "day_name",
    "format_nip",
    "long_date",
    "month_name",
    "name_with_titles",
    "normalise_golongan",
    "number_with_words",
    "ordinal_word",
    "rank_label",
    "roman_month",
    "terbilang",
]
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


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
