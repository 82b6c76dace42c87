"""Checks on registry identifiers: the NIP of ASN staff, the registration number of non-ASN staff.

A NIP (Nomor Induk Pegawai, Peraturan BKN on NIP) has 18 digits:

    YYYYMMDD  birth date
    YYYYMM    month of appointment (TMT CPNS)
    G         gender: 1 male, 2 female
    NNN       sequence, 001-999

The NI PPPK of contract civil servants has the same shape, with the code ``21`` where a NIP has
the month of appointment (see docs/people.md). Non-ASN contract staff have no NIP: the field
holds the instansi's own registration number instead (letters, digits, dots, dashes, slashes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.core.words import shown_date

NIP_LENGTH = 18
MIN_AGE_AT_APPOINTMENT = 17
MAX_AGE_AT_APPOINTMENT = 70
EARLIEST_BIRTH_YEAR = 1930
# Month slot of an NI PPPK: not a month, a marker for PPPK (unverified against a BKN text).
PPPK_MONTH_CODE = 21
PPPK_STATUSES = {"PPPK", "PPPK_PARUH_WAKTU"}
REGISTRATION_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{2,29}$")
GOLONGAN_PNS = re.compile(r"^(I|II|III|IV)\s*/?\s*([a-eA-E])$")
GOLONGAN_PPPK = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$")


@dataclass(frozen=True)
class NipFacts:
    """What an 18-digit NIP encodes."""

    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for an NI PPPK (the month slot holds the code 21)
    gender: str  # "L" or "P", as in Employee.gender
    sequence: int


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def parse_nip(nip: str, *, status: str | None = None, today: date | None = None) -> NipFacts:
    """The facts a NIP encodes, or ValidationError saying in plain words what is wrong."""
    today = today or timezone.localdate()
    value = (nip or "").strip()
    if not value.isdigit() or not value.isascii() or len(value) != NIP_LENGTH:
        raise ValidationError(
            _("The NIP must be exactly 18 digits (found %(count)d characters).")
            % {"count": len(value)},
            code="nip_format",
        )
    try:
        birth = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValidationError(
            _("The NIP does not start with a real birth date (YYYYMMDD)."), code="nip_birth"
        ) from None
    if birth.year < EARLIEST_BIRTH_YEAR or _add_years(birth, MIN_AGE_AT_APPOINTMENT) > today:
        raise ValidationError(
            _("The birth date in the NIP (%(date)s) is not plausible for an employee.")
            % {"date": shown_date(birth)},
            code="nip_birth",
        )
    year, month_code = int(value[8:12]), int(value[12:14])
    pppk = status in PPPK_STATUSES and month_code == PPPK_MONTH_CODE
    if not pppk and not 1 <= month_code <= 12:
        raise ValidationError(
            _("The appointment month in the NIP (digits 13-14) must be 01 to 12."),
            code="nip_appointment",
        )
    month = None if pppk else month_code
    appointment_first = date(year, month or 1, 1)
    appointment_last = date(year, month or 12, 1)
    if appointment_last < _add_years(birth, MIN_AGE_AT_APPOINTMENT).replace(day=1):
        raise ValidationError(
            _("The appointment date in the NIP is before the employee's 17th birthday."),
            code="nip_appointment",
        )
    if appointment_first > _add_years(birth, MAX_AGE_AT_APPOINTMENT):
        raise ValidationError(
            _("The appointment date in the NIP is after the employee turned 70."),
            code="nip_appointment",
        )
    if appointment_first > today:
        raise ValidationError(
            _("The appointment date in the NIP is in the future."), code="nip_appointment"
        )
    gender_digit = value[14]
    if gender_digit not in {"1", "2"}:
        raise ValidationError(
            _("The gender digit of the NIP (digit 15) must be 1 (male) or 2 (female)."),
            code="nip_gender",
        )
    sequence = int(value[15:18])
    if sequence == 0:
        raise ValidationError(
            _("The sequence number of the NIP (the last three digits) must be 001 to 999."),
            code="nip_sequence",
        )
    return NipFacts(
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        gender="L" if gender_digit == "1" else "P",
        sequence=sequence,
    )


def validate_registration_number(value: str) -> str:
    """A non-ASN registration number: 3-30 letters, digits, dots, dashes or slashes."""
    value = (value or "").strip()
    if not REGISTRATION_NUMBER.match(value):
        raise ValidationError(
            _(
                "A non-ASN registration number has 3 to 30 letters, digits, dots, dashes or "
                "slashes, and starts with a letter or digit."
            ),
            code="registration_number",
        )
    return value


def validate_employee_number(
    value: str, *, status: str, today: date | None = None
) -> NipFacts | None:
    """Check the `nip` field for the status: a NIP for ASN, a registration number for non-ASN."""
    if status == "NON_ASN":
        validate_registration_number(value)
        return None
    return parse_nip(value, status=status, today=today)


def normalise_golongan(value: str, *, status: str) -> str:
    """The rank in its usual spelling (III/a for PNS, IX for PPPK), or ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    if status in {"PNS", "CPNS"}:
        match = GOLONGAN_PNS.match(value.upper().replace(" ", ""))
        if match:
            return f"{match.group(1)}/{match.group(2).lower()}"
        raise ValidationError(
            _("The rank of a PNS is written like III/a (I to IV, a to e)."), code="golongan"
        )
    if status in PPPK_STATUSES:
        if GOLONGAN_PPPK.match(value.upper()):
            return value.upper()
        raise ValidationError(
            _("The rank of a PPPK is a Roman numeral from I to XVII."), code="golongan"
        )
    raise ValidationError(_("Non-ASN contract staff have no rank (golongan)."), code="golongan")
