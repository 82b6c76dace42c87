"""The sanction types open to an employee (`tegak.law.sanction_types`): the national ones for a PNS,
the instansi rule's for a PPPK or non-ASN employee (PP 49/2018 Pasal 52; readings 7, J6, J7)."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.law.sanction_types import sanction_types
from tegak.people.models import Instansi

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 16)
TERMINATION = "local:pemutusan_perjanjian_kerja_dengan_hormat"


def _instansi(code: str, local_rule_id: str = "") -> Instansi:
    return Instansi.objects.create(
        code=code, name=code, level="kabupaten_kota", time_zone="WIB", local_rule_id=local_rule_id
    )


@pytest.mark.parametrize(
    ("code", "local_rule_id", "status", "first", "absent", "dismissals"),
    [
        pytest.param(
            "kota-sukamaju",
            "",
            "PNS",
            "teguran_lisan",
            TERMINATION,
            {"pdh_taps", "ptdh"},
            id="pns-pp-94-2021-pasal-8",
        ),
        pytest.param(
            "kota-sukamaju",
            "",
            "PPPK",
            "teguran_lisan",
            "potong_tukin_25_6_bulan",
            {"pdh_taps", "ptdh", TERMINATION},
            id="pppk-perwal-12-2024-pp-79-pasal-10-b",
        ),
        pytest.param(
            "kota-lain",
            "local:kota-sukamaju:pppk-2024",
            "PPPK",
            "teguran_lisan",
            "potong_tukin_25_6_bulan",
            {"pdh_taps", "ptdh", TERMINATION},
            id="pppk-rule-named-by-the-instansi",
        ),
        pytest.param(
            "kota-sukamaju",
            "",
            "NON_ASN",
            "teguran_lisan",
            "potong_tukin_25_6_bulan",
            {"pdh_taps", "ptdh"},
            id="non-asn-not-under-pp-79-j4",
        ),
        pytest.param(
            "kota-tanpa-aturan",
            "",
            "PPPK",
            "teguran_lisan",
            TERMINATION,
            {"pdh_taps", "ptdh"},
            id="pppk-without-a-rule-national-list",
        ),
    ],
)
def test_the_types_and_the_dismissals_follow_the_employees_status_and_rule(
    code, local_rule_id, status, first, absent, dismissals
):
    types = sanction_types(_instansi(code, local_rule_id), status, {}, DAY)
    assert types.codes[0] == first and absent not in types.codes
    marked = {item for item in [*types.codes, "pdh_taps", "ptdh"] if types.dismissal(item)}
    assert marked == dismissals


def test_an_instansi_type_is_labelled_in_the_rules_words():
    """In the rule's words; on a form with a capital as the national types (seed walk: one
    option of the Bekasi TKK list read "pemutusan perjanjian kerja secara sepihak")."""
    types = sanction_types(_instansi("kota-sukamaju"), "PPPK", {}, DAY)
    assert types.label("local:penundaan_kgb_2_tahun") == (
        "penundaan kenaikan gaji berkala PPPK selama 2 tahun"
    )
    assert dict(types.choices())["local:penundaan_kgb_2_tahun"] == (
        "Penundaan kenaikan gaji berkala PPPK selama 2 tahun"
    )


def test_the_rule_in_force_on_the_findings_day_is_used():
    """Perwal Sukamaju 8/2018 until 2023, 13/2024 from 2024 (both have the same types; the rule
    object says which)."""
    instansi = _instansi("kota-sukamaju")
    old = sanction_types(instansi, "NON_ASN", {"as_of": "2022-03-01"}, DAY)
    new = sanction_types(instansi, "NON_ASN", {"as_of": "2024-03-01"}, DAY)
    assert old.rule is not None and old.rule.id == "local:kota-sukamaju:non-asn-2018"
    assert new.rule is not None and new.rule.id == "local:kota-sukamaju:non-asn-2024"


PNS_2022 = {"regulation_id": "pp-94-2021", "as_of": "2022-10-03"}
PNS_2021 = {"regulation_id": "pp-53-2010", "as_of": "2021-03-15"}


@pytest.mark.parametrize(
    ("finding", "tukin_from", "offered", "not_offered"),
    [
        pytest.param(
            PNS_2022,
            None,
            {"penundaan_kgb_1_tahun", "penurunan_pangkat_1_tahun", "penurunan_jabatan_12_bulan"},
            {"potong_tukin_25_6_bulan", "penurunan_pangkat_3_tahun", "pembebasan_jabatan"},
            id="pp-94-interim-sedang-pasal-42-2-reading-6",
        ),
        pytest.param(
            PNS_2022,
            date(2022, 1, 1),
            {"potong_tukin_25_6_bulan", "penurunan_jabatan_12_bulan", "pdh_taps"},
            {"penundaan_kgb_1_tahun", "penurunan_pangkat_3_tahun"},
            id="pp-94-tukin-cuts-once-in-force",
        ),
        pytest.param(
            PNS_2022,
            date(2023, 1, 1),
            {"penundaan_kgb_1_tahun"},
            {"potong_tukin_25_12_bulan"},
            id="pp-94-tukin-cuts-not-before-their-day",
        ),
        pytest.param(
            PNS_2021,
            date(2021, 1, 1),
            {"penurunan_pangkat_3_tahun", "pemindahan_penurunan_jabatan", "pembebasan_jabatan"},
            {
                "potong_tukin_25_6_bulan",
                "penurunan_jabatan_12_bulan",
                "pembebasan_jabatan_12_bulan",
            },
            id="pp-53-pasal-7-before-31-august-2021",
        ),
    ],
)
def test_a_pns_is_offered_the_types_of_the_regulation_and_day_of_the_finding(
    finding, tukin_from, offered, not_offered
):
    types = sanction_types(_instansi("kota-sukamaju"), "PNS", finding, DAY, tukin_from=tukin_from)
    assert offered <= set(types.codes) and not not_offered & set(types.codes), types.codes
    # Lightest first, whatever the regulation.
    assert types.codes[0] == "teguran_lisan"


def test_a_type_the_finding_allows_stays_open_and_each_type_has_its_level():
    finding = {**PNS_2022, "allowed_sanctions": ["potong_tukin_25_6_bulan"]}
    types = sanction_types(_instansi("kota-sukamaju"), "CPNS", finding, DAY)
    assert "potong_tukin_25_6_bulan" in types.codes
    assert types.level("penurunan_pangkat_3_tahun") == "berat"
    assert types.level("penurunan_pangkat_1_tahun") == "sedang"
    assert types.level("teguran_tertulis") == "ringan"
