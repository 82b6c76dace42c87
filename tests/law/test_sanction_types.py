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
    types = sanction_types(_instansi("kota-sukamaju"), "PPPK", {}, DAY)
    assert dict(types.choices())["local:penundaan_kgb_2_tahun"] == (
        "penundaan kenaikan gaji berkala PPPK selama 2 tahun"
    )


def test_the_rule_in_force_on_the_findings_day_is_used():
    """Perwal Sukamaju 8/2018 until 2023, 13/2024 from 2024 (both have the same types; the rule
    object says which)."""
    instansi = _instansi("kota-sukamaju")
    old = sanction_types(instansi, "NON_ASN", {"as_of": "2022-03-01"}, DAY)
    new = sanction_types(instansi, "NON_ASN", {"as_of": "2024-03-01"}, DAY)
    assert old.rule is not None and old.rule.id == "local:kota-sukamaju:non-asn-2018"
    assert new.rule is not None and new.rule.id == "local:kota-sukamaju:non-asn-2024"
