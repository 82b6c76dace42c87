"""NIP and registration-number checks: what a personnel officer would type wrong."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from tegak.people.validators import (
    normalise_golongan,
    parse_nip,
    validate_employee_number,
    validate_registration_number,
)

TODAY = date(2026, 11, 25)


def test_valid_nip_gives_birth_date_appointment_gender_and_sequence():
    facts = parse_nip("198507262010011002", today=TODAY)
    assert facts.birth_date == date(1985, 7, 26)
    assert (facts.appointment_year, facts.appointment_month) == (2010, 1)
    assert facts.gender == "L"
    assert facts.sequence == 2


def test_female_digit_gives_p():
    assert parse_nip("199001012015032001", today=TODAY).gender == "P"


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        pytest.param("19850726201001100", "nip_format", id="17-digits"),
        pytest.param("1985072620100110022", "nip_format", id="19-digits"),
        pytest.param("19850726201001100A", "nip_format", id="letter"),
        pytest.param("198507262010 11002", "nip_format", id="space-inside"),
        pytest.param("١٩٨٥٠٧٢٦٢٠١٠٠١١٠٠٢", "nip_format", id="non-ascii-digits"),
        pytest.param("198502302010011002", "nip_birth", id="30-february"),
        pytest.param("198513012010011002", "nip_birth", id="month-13"),
        pytest.param("192001012010011002", "nip_birth", id="born-1920"),
        pytest.param("201501012030011002", "nip_birth", id="born-2015-too-young-today"),
        pytest.param("198507262010131002", "nip_appointment", id="appointment-month-13"),
        pytest.param("198507262010001002", "nip_appointment", id="appointment-month-00"),
        pytest.param("198507262000011002", "nip_appointment", id="appointed-at-14"),
        pytest.param("195001012021011002", "nip_appointment", id="appointed-at-71"),
        pytest.param("198507262027011002", "nip_appointment", id="appointment-in-future"),
        pytest.param("198507262010013002", "nip_gender", id="gender-3"),
        pytest.param("198507262010010002", "nip_gender", id="gender-0"),
        pytest.param("198507262010011000", "nip_sequence", id="sequence-000"),
    ],
)
def test_implausible_nip_is_refused_with_its_reason(nip, code):
    with pytest.raises(ValidationError) as caught:
        parse_nip(nip, status="PNS", today=TODAY)
    assert caught.value.code == code


def test_message_is_in_indonesian_by_default():
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        parse_nip("123", today=TODAY)
    assert "18 angka" in caught.value.messages[0]


def test_pppk_number_may_carry_code_21_in_the_month_slot():
    facts = parse_nip("199203152022212001", status="PPPK", today=TODAY)
    assert facts.appointment_year == 2022
    assert facts.appointment_month is None
    assert facts.gender == "P"


def test_code_21_is_not_a_month_for_pns():
    with pytest.raises(ValidationError):
        parse_nip("199203152022212001", status="PNS", today=TODAY)


def test_non_asn_registration_number_accepts_letters_digits_dots_dashes():
    assert validate_employee_number("TKK-2019.0042", status="NON_ASN") is None
    assert validate_registration_number(" THL/DISDIK/07 ") == "THL/DISDIK/07"


@pytest.mark.parametrize("value", ["", "AB", "TKK 2019", "-TKK", "TKK_2019", "x" * 31])
def test_bad_registration_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        validate_registration_number(value)


def test_asn_needs_a_real_nip_not_a_registration_number():
    with pytest.raises(ValidationError):
        validate_employee_number("TKK-2019.0042", status="PPPK")


@pytest.mark.parametrize(
    ("status", "value", "expected"),
    [
        ("PNS", "III/a", "III/a"),
        ("PNS", "iii/B", "III/b"),
        ("CPNS", "II a", "II/a"),
        ("PNS", "IV/e", "IV/e"),
        ("PPPK", "ix", "IX"),
        ("PPPK_PARUH_WAKTU", "XVII", "XVII"),
        ("PNS", "", ""),
    ],
)
def test_golongan_is_written_the_usual_way(status, value, expected):
    assert normalise_golongan(value, status=status) == expected


@pytest.mark.parametrize(
    ("status", "value"),
    [("PNS", "V/a"), ("PNS", "III/f"), ("PPPK", "XVIII"), ("PPPK", "III/a"), ("NON_ASN", "II")],
)
def test_impossible_golongan_is_refused(status, value):
    with pytest.raises(ValidationError):
        normalise_golongan(value, status=status)


@given(
    birth=st.dates(min_value=date(1940, 1, 1), max_value=date(2000, 12, 31)),
    age_at_appointment=st.integers(min_value=18, max_value=55),
    month=st.integers(min_value=1, max_value=12),
    gender=st.sampled_from("12"),
    sequence=st.integers(min_value=1, max_value=999),
)
def test_any_plausible_nip_parses_back_to_what_it_encodes(
    birth, age_at_appointment, month, gender, sequence
):
    year = min(birth.year + age_at_appointment, TODAY.year - 1)
    assume(year >= birth.year + 18)
    nip = f"{birth:%Y%m%d}{year}{month:02d}{gender}{sequence:03d}"
    facts = parse_nip(nip, today=TODAY)
    assert facts.birth_date == birth
    assert (facts.appointment_year, facts.appointment_month) == (year, month)
    assert facts.gender == ("L" if gender == "1" else "P")
    assert facts.sequence == sequence


@given(st.text(max_size=25))
def test_any_text_is_either_a_valid_nip_or_refused_cleanly(text):
    try:
        facts = parse_nip(text, today=TODAY)
    except ValidationError as error:
        assert error.messages
    else:
        assert len(text.strip()) == 18 and facts.birth_date < TODAY
