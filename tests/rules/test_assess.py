"""`assess`: one row per rule, with the article it checks in the row."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import tegak.rules as rules
from tegak.rules import RulesConfig, RulesInputError


def request(
    provision: str,
    *,
    impact: str | None = None,
    absence: dict[str, Any] | None = None,
    position: str = "pelaksana",
    status: str = "PNS",
    instansi_level: str = "kabupaten_kota",
    as_of: str = "2025-11-25",
    committed_on: str = "2025-06-02",
    examined_on: str | None = None,
    prior: list[dict[str, Any]] | None = None,
    **employee: Any,
) -> dict[str, Any]:
    offence: dict[str, Any] = {
        "provision": provision,
        "committed_on": committed_on,
        "examined_on": examined_on,
        "impact": impact,
    }
    if absence is not None:
        offence["absence"] = absence
    return {
        "as_of": as_of,
        "employee": {
            "status": status,
            "position": position,
            "instansi_level": instansi_level,
            **employee,
        },
        "offences": [offence],
        "prior_sanctions": prior or [],
    }


def days(unexcused: int, consecutive: int = 0, late: int = 0, year: int = 2025) -> dict[str, Any]:
    return {
        "year": year,
        "unexcused_days": unexcused,
        "late_minutes": late,
        "longest_consecutive_days": consecutive,
    }


ATTENDANCE_ROWS = [
    # (id, unexcused, consecutive, level, sanction, article)
    ("2-days-none", 2, 0, None, None, "PP 94/2021 Pasal 9 ayat (2) huruf b angka 1"),
    ("3-days", 3, 0, "ringan", "teguran_lisan", "PP 94/2021 Pasal 9 ayat (2) huruf b angka 1"),
    ("4-days", 4, 0, "ringan", "teguran_tertulis", "PP 94/2021 Pasal 9 ayat (2) huruf b angka 2"),
    ("6-days", 6, 0, "ringan", "teguran_tertulis", "PP 94/2021 Pasal 9 ayat (2) huruf b angka 2"),
    (
        "7-days",
        7,
        0,
        "ringan",
        "pernyataan_tidak_puas",
        "PP 94/2021 Pasal 9 ayat (2) huruf b angka 3",
    ),
    (
        "10-days",
        10,
        0,
        "ringan",
        "pernyataan_tidak_puas",
        "PP 94/2021 Pasal 9 ayat (2) huruf b angka 3",
    ),
    (
        "11-days",
        11,
        0,
        "sedang",
        "penundaan_kgb_1_tahun",
        "PP 94/2021 Pasal 10 ayat (2) huruf f angka 1",
    ),
    (
        "14-days",
        14,
        0,
        "sedang",
        "penundaan_pangkat_1_tahun",
        "PP 94/2021 Pasal 10 ayat (2) huruf f angka 2",
    ),
    (
        "17-days",
        17,
        0,
        "sedang",
        "penurunan_pangkat_1_tahun",
        "PP 94/2021 Pasal 10 ayat (2) huruf f angka 3",
    ),
    (
        "20-days",
        20,
        0,
        "sedang",
        "penurunan_pangkat_1_tahun",
        "PP 94/2021 Pasal 10 ayat (2) huruf f angka 3",
    ),
    (
        "21-days",
        21,
        0,
        "berat",
        "penurunan_jabatan_12_bulan",
        "PP 94/2021 Pasal 11 ayat (2) huruf d angka 1",
    ),
    (
        "25-days",
        25,
        0,
        "berat",
        "pembebasan_jabatan_12_bulan",
        "PP 94/2021 Pasal 11 ayat (2) huruf d angka 2",
    ),
    ("28-days", 28, 0, "berat", "pdh_taps", "PP 94/2021 Pasal 11 ayat (2) huruf d angka 3"),
    ("10-in-a-row", 10, 10, "berat", "pdh_taps", "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4"),
    (
        "9-in-a-row",
        9,
        9,
        "ringan",
        "pernyataan_tidak_puas",
        "PP 94/2021 Pasal 9 ayat (2) huruf b angka 3",
    ),
]


@pytest.mark.parametrize(
    ("unexcused", "consecutive", "level", "sanction", "article"),
    [pytest.param(*row[1:], id=row[0]) for row in ATTENDANCE_ROWS],
)
def test_attendance_thresholds_pp_94(unexcused, consecutive, level, sanction, article):
    answer = rules.assess(
        request("pp-94-2021:4:f", absence=days(unexcused, consecutive), position="administrator")
    )
    assert answer["level"] == level
    assert answer["sanction"] == sanction
    assert article in answer["basis"]


def test_tukin_cut_types_once_the_pp_on_gaji_dan_tunjangan_is_in_force_pasal_42_ayat_1():
    config = RulesConfig(sedang_tukin_from=date(2025, 1, 1))
    answer = rules.assess(request("pp-94-2021:4:f", absence=days(14)), config=config)
    assert answer["sanction"] == "potong_tukin_25_9_bulan"
    assert answer["allowed_sanctions"] == ["potong_tukin_25_9_bulan"]
    assert "PP 94/2021 Pasal 42 ayat (2)" not in answer["basis"]


def test_ten_consecutive_days_stop_the_salary_pasal_15_ayat_2():
    answer = rules.assess(request("pp-94-2021:4:f", absence=days(10, 10)))
    assert any("Pasal 15 ayat (2)" in note for note in answer["notes"])


def test_lateness_converted_to_days_450_minutes_each():
    answer = rules.assess(request("pp-94-2021:4:f", absence=days(2, late=450)))
    assert answer["sanction"] == "teguran_lisan"  # 2 + 1 = 3 days
    config = RulesConfig(count_lateness=False)
    assert (
        rules.assess(request("pp-94-2021:4:f", absence=days(2, late=450)), config=config)["level"]
        is None
    )


def test_ptdh_setting_for_the_uu_20_2023_conflict():
    config = RulesConfig(berat_dismissal="ptdh")
    answer = rules.assess(request("pp-94-2021:4:f", absence=days(30)), config=config)
    assert answer["sanction"] == "ptdh"
    assert "UU 20/2023 Pasal 52 ayat (3) huruf g dan ayat (4)" in answer["basis"]


LEVEL_ROWS = [
    # (id, provision, impact, level, article)
    (
        "3a-always-berat",
        "pp-94-2021:3:a",
        "unit_kerja",
        "berat",
        "PP 94/2021 Pasal 11 ayat (1) huruf a",
    ),
    (
        "3b-uk-sedang",
        "pp-94-2021:3:b",
        "unit_kerja",
        "sedang",
        "PP 94/2021 Pasal 10 ayat (1) huruf a",
    ),
    (
        "3b-negara-berat",
        "pp-94-2021:3:b",
        "negara",
        "berat",
        "PP 94/2021 Pasal 11 ayat (1) huruf b",
    ),
    (
        "3c-uk-ringan",
        "pp-94-2021:3:c",
        "unit_kerja",
        "ringan",
        "PP 94/2021 Pasal 9 ayat (1) huruf a",
    ),
    (
        "3d-instansi-sedang",
        "pp-94-2021:3:d",
        "instansi",
        "sedang",
        "PP 94/2021 Pasal 10 ayat (1) huruf c",
    ),
    (
        "3e-negara-berat",
        "pp-94-2021:3:e",
        "negara",
        "berat",
        "PP 94/2021 Pasal 11 ayat (1) huruf e",
    ),
    (
        "3f-uk-ringan",
        "pp-94-2021:3:f",
        "unit_kerja",
        "ringan",
        "PP 94/2021 Pasal 9 ayat (1) huruf d",
    ),
    (
        "3g-instansi-sedang",
        "pp-94-2021:3:g",
        "instansi",
        "sedang",
        "PP 94/2021 Pasal 10 ayat (1) huruf f",
    ),
    (
        "3h-negara-berat",
        "pp-94-2021:3:h",
        "negara",
        "berat",
        "PP 94/2021 Pasal 11 ayat (1) huruf h",
    ),
    ("4a-sedang", "pp-94-2021:4:a", None, "sedang", "PP 94/2021 Pasal 10 ayat (2) huruf a"),
    ("4b-sedang", "pp-94-2021:4:b", None, "sedang", "PP 94/2021 Pasal 10 ayat (2) huruf b"),
    (
        "4c-uk-ringan",
        "pp-94-2021:4:c",
        "unit_kerja",
        "ringan",
        "PP 94/2021 Pasal 9 ayat (2) huruf a",
    ),
    (
        "4c-negara-berat",
        "pp-94-2021:4:c",
        "negara",
        "berat",
        "PP 94/2021 Pasal 11 ayat (2) huruf a",
    ),
    (
        "4d-instansi-sedang",
        "pp-94-2021:4:d",
        "instansi",
        "sedang",
        "PP 94/2021 Pasal 10 ayat (2) huruf d",
    ),
    (
        "4g-uk-ringan",
        "pp-94-2021:4:g",
        "unit_kerja",
        "ringan",
        "PP 94/2021 Pasal 9 ayat (2) huruf c",
    ),
    (
        "4h-instansi-sedang",
        "pp-94-2021:4:h",
        "instansi",
        "sedang",
        "PP 94/2021 Pasal 10 ayat (2) huruf h",
    ),
    ("4i-always-berat", "pp-94-2021:4:i", None, "berat", "PP 94/2021 Pasal 11 ayat (2) huruf e"),
    ("5a-berat", "pp-94-2021:5:a", None, "berat", "PP 94/2021 Pasal 14 huruf a"),
    ("5b-berat", "pp-94-2021:5:b", None, "berat", "PP 94/2021 Pasal 14 huruf b"),
    ("5c-berat", "pp-94-2021:5:c", None, "berat", "PP 94/2021 Pasal 14 huruf c"),
    ("5d-berat", "pp-94-2021:5:d", None, "berat", "PP 94/2021 Pasal 14 huruf c"),
    ("5e-berat", "pp-94-2021:5:e", None, "berat", "PP 94/2021 Pasal 14 huruf d"),
    ("5f-uk-ringan", "pp-94-2021:5:f", "unit_kerja", "ringan", "PP 94/2021 Pasal 12 huruf a"),
    ("5f-negara-berat", "pp-94-2021:5:f", "negara", "berat", "PP 94/2021 Pasal 14 huruf e"),
    ("5g-uk-sedang", "pp-94-2021:5:g", "unit_kerja", "sedang", "PP 94/2021 Pasal 13 huruf b"),
    ("5g-negara-berat", "pp-94-2021:5:g", "negara", "berat", "PP 94/2021 Pasal 14 huruf f"),
    ("5h-instansi-sedang", "pp-94-2021:5:h", "instansi", "sedang", "PP 94/2021 Pasal 13 huruf c"),
    ("5i-uk-ringan", "pp-94-2021:5:i", "unit_kerja", "ringan", "PP 94/2021 Pasal 12 huruf c"),
    ("5j-instansi-sedang", "pp-94-2021:5:j", "instansi", "sedang", "PP 94/2021 Pasal 13 huruf f"),
    ("5k-berat", "pp-94-2021:5:k", None, "berat", "PP 94/2021 Pasal 14 huruf g"),
    ("5l-berat", "pp-94-2021:5:l", None, "berat", "PP 94/2021 Pasal 14 huruf h"),
    ("5m-instansi-sedang", "pp-94-2021:5:m", "instansi", "sedang", "PP 94/2021 Pasal 13 huruf e"),
    ("5n2-sedang", "pp-94-2021:5:n:2", None, "sedang", "PP 94/2021 Pasal 13 huruf g"),
    ("5n3-berat", "pp-94-2021:5:n:3", None, "berat", "PP 94/2021 Pasal 14 huruf i angka 1"),
    ("5n7-berat", "pp-94-2021:5:n:7", None, "berat", "PP 94/2021 Pasal 14 huruf i angka 5"),
    ("41-marriage-berat", "pp-94-2021:41", None, "berat", "PP 94/2021 Pasal 41"),
]


@pytest.mark.parametrize(
    ("provision", "impact", "level", "article"),
    [pytest.param(*row[1:], id=row[0]) for row in LEVEL_ROWS],
)
def test_levels_by_provision_and_impact_pasal_9_to_14(provision, impact, level, article):
    answer = rules.assess(request(provision, impact=impact, position="administrator"))
    assert answer["level"] == level
    assert article in answer["basis"]
    assert answer["human_review"] == []
    assert answer["sanction"] in answer["allowed_sanctions"]


GAP_ROWS = [
    ("5h-negara-gap", "pp-94-2021:5:h", "negara", "PP 94/2021 Pasal 5 huruf h"),
    ("5m-unit-kerja-gap", "pp-94-2021:5:m", "unit_kerja", "PP 94/2021 Pasal 5 huruf m"),
    ("5n1-no-level", "pp-94-2021:5:n:1", None, "PP 94/2021 Pasal 5 huruf n angka 1"),
    ("impact-missing", "pp-94-2021:3:c", None, "PP 94/2021 Pasal 3 huruf c"),
    ("4d-unit-kerja-gap", "pp-94-2021:4:d", "unit_kerja", "PP 94/2021 Pasal 4 huruf d"),
]


@pytest.mark.parametrize(
    ("provision", "impact", "citation"), [pytest.param(*row[1:], id=row[0]) for row in GAP_ROWS]
)
def test_gaps_in_the_law_go_to_a_person_never_a_guess(provision, impact, citation):
    answer = rules.assess(request(provision, impact=impact))
    assert answer["level"] is None
    assert answer["sanction"] is None
    assert any(citation in reason for reason in answer["human_review"])


@pytest.mark.parametrize(
    ("position", "level"),
    [
        pytest.param("administrator", "sedang", id="4e-administrator-pasal-10-2-e"),
        pytest.param("fungsional_ahli_muda", "sedang", id="4e-functional-pasal-10-2-e"),
        pytest.param("jpt_pratama", "berat", id="4e-jpt-pasal-11-2-c"),
        pytest.param("pelaksana", None, id="4e-pelaksana-human-review"),
    ],
)
def test_wealth_report_level_by_position(position, level):
    answer = rules.assess(request("pp-94-2021:4:e", position=position))
    assert answer["level"] == level


def test_berat_types_pasal_8_ayat_4_and_sedang_interim():
    berat = rules.assess(request("pp-94-2021:5:a", position="administrator"))
    assert berat["allowed_sanctions"] == [
        "penurunan_jabatan_12_bulan",
        "pembebasan_jabatan_12_bulan",
        "pdh_taps",
    ]
    sedang = rules.assess(request("pp-94-2021:5:n:2"))
    assert sedang["allowed_sanctions"] == [
        "penundaan_kgb_1_tahun",
        "penundaan_pangkat_1_tahun",
        "penurunan_pangkat_1_tahun",
    ]
    assert "PP 94/2021 Pasal 42 ayat (2)" in sedang["basis"]


# ---- authority (Pasal 16-25, 27) -------------------------------------------------------------

AUTHORITY_ROWS = [
    # (id, position, instansi_level, provision, impact/absence, role, article)
    (
        "kota-pelaksana-ringan",
        "pelaksana",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "unit_kerja",
        "atasan_langsung",
        "PP 94/2021 Pasal 23 ayat (1) huruf a",
    ),
    (
        "kota-pelaksana-sedang",
        "pelaksana",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "instansi",
        "atasan_dari_atasan_langsung",
        "PP 94/2021 Pasal 22 ayat (1) huruf b",
    ),
    (
        "kota-pelaksana-berat",
        "pelaksana",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "negara",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (3) huruf c",
    ),
    (
        "kota-administrator-ringan",
        "administrator",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "unit_kerja",
        "atasan_langsung",
        "PP 94/2021 Pasal 21 huruf a",
    ),
    (
        "kota-administrator-sedang-ppk",
        "administrator",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "instansi",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (3) huruf c",
    ),
    (
        "kota-jpt-pratama-ringan-ppk",
        "jpt_pratama",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "unit_kerja",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (3) huruf a",
    ),
    (
        "kota-jf-sedang",
        "fungsional_ahli_muda",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "instansi",
        "atasan_langsung",
        "PP 94/2021 Pasal 22 ayat (1) huruf c",
    ),
    (
        "kota-jf-berat",
        "fungsional_ahli_muda",
        "kabupaten_kota",
        "pp-94-2021:3:c",
        "negara",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (3) huruf d",
    ),
    (
        "jf-ahli-utama-dismissal-president",
        "fungsional_ahli_utama",
        "kabupaten_kota",
        "pp-94-2021:4:f",
        28,
        "presiden",
        "PP 94/2021 Pasal 17 ayat (2) huruf b",
    ),
    (
        "jf-ahli-utama-demotion-ppk",
        "fungsional_ahli_utama",
        "kabupaten_kota",
        "pp-94-2021:4:f",
        21,
        "ppk",
        "PP 94/2021 Pasal 18 ayat (3) huruf b",
    ),
    (
        "pusat-jpt-pratama-ringan",
        "jpt_pratama",
        "pusat",
        "pp-94-2021:3:c",
        "unit_kerja",
        "jpt_madya",
        "PP 94/2021 Pasal 20 huruf a",
    ),
    (
        "pusat-jpt-pratama-sedang",
        "jpt_pratama",
        "pusat",
        "pp-94-2021:3:c",
        "instansi",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (2) huruf a",
    ),
    (
        "pusat-jpt-madya-ringan",
        "jpt_madya",
        "pusat",
        "pp-94-2021:3:c",
        "unit_kerja",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (1)",
    ),
    (
        "pusat-jpt-madya-dismissal",
        "jpt_madya",
        "pusat",
        "pp-94-2021:4:f",
        30,
        "presiden",
        "PP 94/2021 Pasal 17 ayat (2) huruf a",
    ),
    (
        "jpt-utama-president",
        "jpt_utama",
        "pusat",
        "pp-94-2021:3:c",
        "unit_kerja",
        "presiden",
        "PP 94/2021 Pasal 17 ayat (1) huruf a",
    ),
    (
        "provinsi-pelaksana-sedang",
        "pelaksana",
        "provinsi",
        "pp-94-2021:3:c",
        "instansi",
        "atasan_dari_atasan_langsung",
        "PP 94/2021 Pasal 22 ayat (1) huruf b",
    ),
    (
        "provinsi-pelaksana-berat",
        "pelaksana",
        "provinsi",
        "pp-94-2021:3:c",
        "negara",
        "ppk",
        "PP 94/2021 Pasal 18 ayat (2) huruf c",
    ),
]


@pytest.mark.parametrize(
    ("position", "instansi_level", "provision", "fact", "role", "article"),
    [pytest.param(*row[1:], id=row[0]) for row in AUTHORITY_ROWS],
)
def test_lowest_competent_official(position, instansi_level, provision, fact, role, article):
    if isinstance(fact, int):
        payload = request(
            provision, absence=days(fact), position=position, instansi_level=instansi_level
        )
    else:
        payload = request(provision, impact=fact, position=position, instansi_level=instansi_level)
    answer = rules.assess(payload)
    assert answer["authority"]["role"] == role
    assert article in answer["authority"]["basis"]


def test_pasal_23_ayat_1_huruf_b_reading_is_a_setting():
    # A pelaksana two levels below a pengawas (e.g. under a coordinator): sedang.
    payload = request(
        "pp-94-2021:3:c", impact="instansi", chain=["pengawas", "pengawas", "administrator"]
    )
    assert rules.assess(payload)["authority"]["basis"][0] == "PP 94/2021 Pasal 23 ayat (1) huruf b"
    strict = rules.assess(payload, config=RulesConfig(pengawas_sedang_two_levels=False))
    assert strict["authority"]["role"] == "ppk"


# ---- examination team (Pasal 29) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("impact", "team", "article"),
    [
        pytest.param("unit_kerja", "none", None, id="ringan-no-team"),
        pytest.param(
            "instansi", "optional", "PP 94/2021 Pasal 29 ayat (1)", id="sedang-optional-29-1"
        ),
        pytest.param(
            "negara", "required", "PP 94/2021 Pasal 29 ayat (2)", id="berat-required-29-2"
        ),
    ],
)
def test_examination_team(impact, team, article):
    answer = rules.assess(request("pp-94-2021:3:d", impact=impact))
    assert answer["examination_team"] == team
    if article:
        assert article in answer["examination_team_basis"]


def test_direct_superior_involved_pasal_29_ayat_6():
    answer = rules.assess(request("pp-94-2021:5:a", direct_superior_involved=True))
    assert "PP 94/2021 Pasal 29 ayat (6)" in answer["examination_team_basis"]


# ---- Pasal 35 ---------------------------------------------------------------------------------


def test_several_offences_give_the_heaviest_one_pasal_35_ayat_1():
    payload = request("pp-94-2021:3:c", impact="unit_kerja")
    payload["offences"].append(
        {"provision": "pp-94-2021:5:j", "committed_on": "2025-06-03", "impact": "instansi"}
    )
    answer = rules.assess(payload)
    assert answer["level"] == "sedang"
    assert "PP 94/2021 Pasal 35 ayat (1)" in answer["basis"]
    assert "PP 94/2021 Pasal 13 huruf f" in answer["basis"]
    assert len(answer["offences"]) == 2


def test_repeat_of_a_similar_offence_is_heavier_pasal_35_ayat_2():
    prior = [
        {
            "sanction": "pernyataan_tidak_puas",
            "provision": "pp-94-2021:5:j",
            "decided_on": "2024-03-01",
        }
    ]
    answer = rules.assess(request("pp-94-2021:5:j", impact="unit_kerja", prior=prior))
    assert answer["level"] == "sedang"
    assert answer["sanction"] == "penundaan_kgb_1_tahun"
    assert "PP 94/2021 Pasal 35 ayat (2)" in answer["basis"]
    within = [
        {"sanction": "teguran_lisan", "provision": "pp-94-2021:5:j", "decided_on": "2024-03-01"}
    ]
    answer = rules.assess(request("pp-94-2021:5:j", impact="unit_kerja", prior=within))
    assert answer["allowed_sanctions"] == ["teguran_tertulis", "pernyataan_tidak_puas"]


def test_repeat_rule_matches_a_pp_53_prior_through_its_counterpart():
    prior = [
        {"sanction": "teguran_tertulis", "provision": "pp-53-2010:4:11", "decided_on": "2020-03-01"}
    ]
    answer = rules.assess(request("pp-94-2021:5:j", impact="unit_kerja", prior=prior))
    assert answer["sanction"] == "pernyataan_tidak_puas"


def test_dissimilar_prior_does_not_escalate():
    prior = [
        {
            "sanction": "pernyataan_tidak_puas",
            "provision": "pp-94-2021:5:i",
            "decided_on": "2024-03-01",
        }
    ]
    assert (
        rules.assess(request("pp-94-2021:5:j", impact="unit_kerja", prior=prior))["level"]
        == "ringan"
    )


def test_repeat_rule_does_not_apply_to_attendance_by_default():
    prior = [
        {"sanction": "teguran_tertulis", "provision": "pp-94-2021:4:f", "decided_on": "2024-03-01"}
    ]
    payload = request("pp-94-2021:4:f", absence=days(3), prior=prior)
    assert rules.assess(payload)["sanction"] == "teguran_lisan"
    config = RulesConfig(repeat_rule_for_attendance=True)
    assert rules.assess(payload, config=config)["sanction"] == "pernyataan_tidak_puas"


# ---- transition (Pasal 40-42) -----------------------------------------------------------------


def test_old_offence_not_yet_examined_follows_pp_94_pasal_40_ayat_3():
    answer = rules.assess(
        request("pp-53-2010:3:11", absence=days(12, year=2021), committed_on="2021-06-01")
    )
    assert answer["regulation"] == "PP 94/2021"
    assert "PP 94/2021 Pasal 40 ayat (3)" in answer["basis"]
    assert answer["offences"][0]["provision"] == "pp-94-2021:4:f"
    assert (
        answer["level"] == "sedang"
    )  # 12 days: sedang under PP 94 (pernyataan tidak puas under PP 53)


def test_examined_before_pp_94_pasal_40_ayat_4():
    answer = rules.assess(
        request("pp-53-2010:4:1", committed_on="2021-05-01", examined_on="2021-07-01")
    )
    assert "PP 94/2021 Pasal 40 ayat (4)" in answer["basis"]
    assert answer["level"] == "berat"


def test_assessment_made_before_pp_94_uses_pp_53():
    answer = rules.assess(
        request(
            "pp-94-2021:4:f",
            absence=days(12, year=2020),
            as_of="2021-03-01",
            committed_on="2020-12-01",
        )
    )
    assert answer["regulation"] == "PP 53/2010"
    assert answer["sanction"] == "pernyataan_tidak_puas"
    assert "PP 53/2010 Pasal 8 angka 9 huruf c" in answer["basis"]


def test_provision_without_counterpart_goes_to_review():
    answer = rules.assess(request("pp-53-2010:3:12", committed_on="2021-05-01"))
    assert answer["level"] is None
    assert answer["human_review"]


# ---- PPPK and non-ASN: instansi rules (PP 49/2018 Pasal 52) -----------------------------------


def test_pppk_follow_the_instansi_rule():
    payload = request("pp-94-2021:4:f", absence=days(21), status="PPPK", instansi="kota-sukamaju")
    answer = rules.assess(payload)
    assert answer["regulation_id"] == "local:kota-sukamaju:pppk-2024"
    assert answer["sanction"] == "local:pemutusan_perjanjian_kerja_dengan_hormat"
    assert "Perwal Sukamaju 12/2024 Pasal 8 ayat (3)" in answer["basis"]
    assert answer["authority"]["role"] == "ppk"
    assert answer["examination_team"] == "required"


def test_non_asn_contract_termination_and_own_provisions():
    payload = request(
        "pp-94-2021:4:f", absence=days(12), status="NON_ASN", instansi="kota-sukamaju"
    )
    assert rules.assess(payload)["sanction"] == "local:pemutusan_kontrak"
    own = request(
        "local:kota-sukamaju:non-asn-2024:6:a", status="NON_ASN", instansi="kota-sukamaju"
    )
    answer = rules.assess(own)
    assert answer["level"] == "ringan"
    assert rules.provision("local:kota-sukamaju:non-asn-2024:6:a").citation.startswith(
        "Perwal Sukamaju"
    )


def test_pppk_without_an_instansi_rule_goes_to_review():
    answer = rules.assess(request("pp-94-2021:5:a", status="PPPK", instansi="kota-lain"))
    assert answer["level"] is None
    assert any("PP 49/2018 Pasal 52" in reason for reason in answer["human_review"])


def test_instansi_rule_not_yet_in_force_is_not_used():
    payload = request(
        "pp-94-2021:5:a",
        status="PPPK",
        instansi="kota-sukamaju",
        committed_on="2023-05-01",
        as_of="2023-06-01",
    )
    assert rules.assess(payload)["level"] is None


def test_inline_instansi_rule_is_validated():
    payload = request("pp-94-2021:5:a", status="PPPK", instansi="kota-x")
    payload["instansi_rule"] = {"id": "local:kota-x:r", "applies_to": ["PPPK"], "sanctions": {}}
    with pytest.raises(RulesInputError) as caught:
        rules.assess(payload)
    assert caught.value.field.startswith("instansi_rule.")


# ---- bad input --------------------------------------------------------------------------------

BAD_ROWS = [
    (
        "unknown-provision",
        lambda p: p["offences"][0].update(provision="pp-94-2021:99:z"),
        "offences[0].provision",
    ),
    ("unknown-status", lambda p: p["employee"].update(status="HONORER"), "employee.status"),
    ("unknown-position", lambda p: p["employee"].update(position="kepala"), "employee.position"),
    (
        "impossible-date",
        lambda p: p["offences"][0].update(committed_on="2025-02-30"),
        "offences[0].committed_on",
    ),
    (
        "future-offence",
        lambda p: p["offences"][0].update(committed_on="2026-01-01"),
        "offences[0].committed_on",
    ),
    (
        "negative-count",
        lambda p: p["offences"][0].update(absence={"unexcused_days": -1}),
        "offences[0].absence.unexcused_days",
    ),
    ("unknown-impact", lambda p: p["offences"][0].update(impact="dunia"), "offences[0].impact"),
    ("no-offences", lambda p: p.update(offences=[]), "offences"),
    (
        "unknown-prior",
        lambda p: p.update(
            prior_sanctions=[{"sanction": "hukuman_mati", "decided_on": "2020-01-01"}]
        ),
        "prior_sanctions[0].sanction",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "field"), [pytest.param(row[1], row[2], id=row[0]) for row in BAD_ROWS]
)
def test_bad_input_names_the_json_path(mutate, field):
    payload = request("pp-94-2021:3:c", impact="unit_kerja")
    mutate(payload)
    with pytest.raises(RulesInputError) as caught:
        rules.assess(payload)
    assert caught.value.field == field
    assert caught.value.message


def test_missing_absence_count_is_review_not_error():
    answer = rules.assess(request("pp-94-2021:4:f"))
    assert answer["level"] is None
    assert answer["human_review"]


def test_messages_come_in_english_and_indonesian_and_sanctions_are_labelled():
    payload = request("pp-94-2021:5:h", impact="negara")
    payload["offences"].append(
        {"provision": "pp-94-2021:4:f", "committed_on": "2025-06-02", "absence": days(12)}
    )
    answer = rules.assess(payload)
    assert len(answer["human_review_id"]) == len(answer["human_review"]) == 1
    assert "peraturan tidak menetapkan tingkat" in answer["human_review_id"][0]
    assert len(answer["notes_id"]) == len(answer["notes"])
    assert any("pelanggaran yang diperiksa bersama" in note for note in answer["notes_id"])
    assert answer["sanction_labels"]["penundaan_kgb_1_tahun"] == {
        "id": "penundaan kenaikan gaji berkala selama 1 tahun",
        "en": "periodic salary rise postponed 1 year",
    }


def test_pp_53_several_offences_cite_pasal_30():
    payload = request("pp-53-2010:4:1", as_of="2021-03-01", committed_on="2021-01-04")
    payload["offences"].append({"provision": "pp-53-2010:4:8", "committed_on": "2021-01-05"})
    answer = rules.assess(payload)
    assert answer["regulation"] == "PP 53/2010"
    assert "PP 53/2010 Pasal 30 ayat (1)" in answer["basis"]
    assert answer["examination_team_basis"] == ["PP 53/2010 Pasal 25 ayat (1)"]
    assert answer["authority"]["role"] is None and answer["human_review"]


@pytest.mark.parametrize(
    ("chain", "impact", "role", "article"),
    [
        pytest.param(
            ["kepala_perwakilan"],
            "unit_kerja",
            "atasan_langsung",
            "PP 94/2021 Pasal 19 huruf a",
            id="head-of-mission-ringan-pasal-19-a",
        ),
        pytest.param(
            ["pengawas", "kepala_perwakilan"],
            "instansi",
            "atasan_dari_atasan_langsung",
            "PP 94/2021 Pasal 19 huruf b",
            id="head-of-mission-sedang-pasal-19-b",
        ),
        pytest.param(
            ["fungsional_ahli_muda_ditunjuk", "administrator"],
            "unit_kerja",
            "atasan_langsung",
            "PP 94/2021 Pasal 23 ayat (2) dan (3)",
            id="designated-ahli-muda-pasal-23-2",
        ),
        pytest.param(
            ["fungsional_ahli_madya_ditunjuk", "jpt_pratama"],
            "unit_kerja",
            "atasan_langsung",
            "PP 94/2021 Pasal 22 ayat (2) dan (3)",
            id="designated-ahli-madya-pasal-22-2",
        ),
        pytest.param(
            ["vacant:pengawas", "administrator"],
            "unit_kerja",
            "atasan_dari_atasan_langsung",
            "PP 94/2021 Pasal 25",
            id="vacant-post-passes-up-pasal-25",
        ),
    ],
)
def test_special_officials_and_vacant_posts(chain, impact, role, article):
    answer = rules.assess(request("pp-94-2021:3:c", impact=impact, chain=chain))
    assert answer["authority"]["role"] == role
    assert article in answer["authority"]["basis"]


def test_unknown_chain_entry_is_bad_input():
    with pytest.raises(RulesInputError) as caught:
        rules.assess(request("pp-94-2021:3:c", impact="unit_kerja", chain=["pengawas", "lurah"]))
    assert caught.value.field == "employee.chain[1]"


def test_non_asn_offence_of_2021_is_judged_by_the_contract_staff_rule_then_in_force():
    # The demo agency's contract-staff rule of 2024 replaced an earlier one (Perwal Sukamaju
    # 8/2018); a TKK's absence in September 2021 (the TikTok seed story's year) is judged by
    # the rule in force on that date, and its sanctions cite that rule.
    old = rules.assess(
        request(
            "pp-94-2021:4:f",
            absence=days(8, year=2021),
            as_of="2021-09-06",
            committed_on="2021-08-31",
            status="NON_ASN",
            instansi="kota-sukamaju",
        )
    )
    assert old["regulation_id"] == "local:kota-sukamaju:non-asn-2018"
    assert old["sanction"] == "pernyataan_tidak_puas"
    assert "Perwal Sukamaju 8/2018" in " ".join(old["basis"])
    new = rules.assess(
        request(
            "pp-94-2021:4:f",
            absence=days(8, year=2024),
            as_of="2024-03-11",
            committed_on="2024-03-01",
            status="NON_ASN",
            instansi="kota-sukamaju",
        )
    )
    assert new["regulation_id"] == "local:kota-sukamaju:non-asn-2024"
    assert "Perwal Sukamaju 13/2024" in " ".join(new["basis"])
