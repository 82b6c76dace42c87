"""The law at its edges (issue #17): one row per defect or gap, each with the article it checks.

Every row is a request and what a lawyer reading the text expects back. `expect` lists the
fields of the answer that must hold; `review` / `note` are words that must appear in a
`human_review` / `notes` entry (English), `no_review` that no entry may contain them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import tegak.rules as rules
from tegak.rules import RulesInputError


def employee(**fields: Any) -> dict[str, Any]:
    base = {"status": "PNS", "position": "pelaksana", "instansi_level": "kabupaten_kota"}
    return {**base, **fields}


def request(
    provision: str,
    *,
    as_of: str = "2025-11-25",
    committed_on: str = "2025-06-02",
    absence: dict[str, Any] | None = None,
    impact: str | None = None,
    prior: list[dict[str, Any]] | None = None,
    rule: Any = None,
    offence: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    item: dict[str, Any] = {"provision": provision, "committed_on": committed_on}
    if impact is not None:
        item["impact"] = impact
    if absence is not None:
        item["absence"] = absence
    item.update(offence or {})
    payload: dict[str, Any] = {
        "as_of": as_of,
        "employee": employee(**fields),
        "offences": [item],
        "prior_sanctions": prior or [],
    }
    if rule is not None:
        payload["instansi_rule"] = rule
    return payload


SUKAMAJU_PPPK = "local:kota-sukamaju:pppk-2024"

ROWS = [
    # --- Wrong 1: a named instansi rule only for whom and when it applies -----------------------
    pytest.param(
        request(
            "pp-94-2021:4:f",
            absence={"unexcused_days": 28},
            rule=SUKAMAJU_PPPK,
            instansi="kota-sukamaju",
        ),
        {"regulation_id": "pp-94-2021", "sanction": "pdh_taps", "level": "berat"},
        {"note": "PP 94/2021 Pasal 7"},
        "PP 94/2021 Pasal 7; PP 49/2018 Pasal 52 ayat (1)",
        id="W1-pns-given-the-pppk-rule-stays-under-pp-94",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            absence={"unexcused_days": 28, "year": 2023},
            committed_on="2023-06-01",
            rule=SUKAMAJU_PPPK,
            status="PPPK",
            instansi="kota-sukamaju",
        ),
        {"regulation_id": None, "level": None, "sanction": None},
        {"note": "not in force on 1 June 2023", "review": "no such rule is known"},
        "PP 49/2018 Pasal 52 ayat (1): the rule in force when the act was done",
        id="W1-rule-from-2024-not-applied-to-a-2023-offence",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            absence={"unexcused_days": 21},
            rule=SUKAMAJU_PPPK,
            status="PPPK",
            instansi="kota-sukamaju",
        ),
        {
            "regulation_id": SUKAMAJU_PPPK,
            "sanction": "local:pemutusan_perjanjian_kerja_dengan_hormat",
        },
        {"no_review": "not applied"},
        "PP 49/2018 Pasal 52 ayat (1) and (2)",
        id="W1-pppk-rule-in-force-applies",
    ),
    # --- Wrong 2: Pasal 35(2) only for an offence committed after the earlier sanction -----------
    pytest.param(
        request(
            "pp-94-2021:5:j",
            impact="unit_kerja",
            committed_on="2025-03-01",
            prior=[
                {
                    "sanction": "teguran_tertulis",
                    "provision": "pp-94-2021:5:j",
                    "decided_on": "2025-05-01",
                }
            ],
        ),
        {"sanction": "teguran_lisan", "level": "ringan"},
        {"note": "kemudian melakukan"},
        "PP 94/2021 Pasal 35 ayat (2)",
        id="W2-sanction-decided-after-the-offence-is-no-repeat",
    ),
    pytest.param(
        request(
            "pp-94-2021:5:j",
            impact="unit_kerja",
            committed_on="2025-06-01",
            prior=[
                {
                    "sanction": "teguran_tertulis",
                    "provision": "pp-94-2021:5:j",
                    "decided_on": "2025-05-01",
                }
            ],
        ),
        {"sanction": "pernyataan_tidak_puas"},
        {},
        "PP 94/2021 Pasal 35 ayat (2)",
        id="W2-offence-after-the-sanction-is-a-repeat",
    ),
    pytest.param(
        request(
            "pp-94-2021:5:j",
            impact="unit_kerja",
            committed_on="2025-05-01",
            prior=[
                {
                    "sanction": "teguran_tertulis",
                    "provision": "pp-94-2021:5:j",
                    "decided_on": "2025-05-01",
                }
            ],
        ),
        {"sanction": "teguran_lisan"},
        {"review": "the day this offence was committed"},
        "PP 94/2021 Pasal 35 ayat (2)",
        id="W2-same-day-goes-to-a-person",
    ),
    # --- Wrong 3: PP 53 Pasal 10 angka 9 huruf b-c only for structural / functional posts --------
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2020-12-31",
            absence={"unexcused_days": 38, "year": 2020},
            golongan="II/c",
        ),
        {
            "level": "berat",
            "sanction": "penurunan_pangkat_3_tahun",
            "allowed_sanctions": ["penurunan_pangkat_3_tahun"],
        },
        {"review": "cannot be given to a pelaksana"},
        "PP 53/2010 Pasal 10 angka 9 huruf b; Penjelasan Pasal 7 ayat (4) huruf c",
        id="W3-pp53-38-days-pelaksana-no-demotion-of-post",
    ),
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2020-12-31",
            absence={"unexcused_days": 38, "year": 2020},
            position="pengawas",
        ),
        {"level": "berat", "sanction": "pemindahan_penurunan_jabatan"},
        {"no_review": "cannot be given"},
        "PP 53/2010 Pasal 10 angka 9 huruf b",
        id="W3-pp53-38-days-structural-post-keeps-huruf-b",
    ),
    # --- Wrong 4: allowed = lawfully choosable for this employee --------------------------------
    pytest.param(
        request("pp-94-2021:5:a"),
        {
            "level": "berat",
            "allowed_sanctions": ["penurunan_jabatan_12_bulan", "pdh_taps"],
        },
        {"note": "not open to a pelaksana"},
        "PP 94/2021 Penjelasan Pasal 8 ayat (4) huruf b",
        id="W4-no-release-to-pelaksana-for-a-pelaksana",
    ),
    pytest.param(
        request("pp-94-2021:5:a", position="administrator"),
        {
            "allowed_sanctions": [
                "penurunan_jabatan_12_bulan",
                "pembebasan_jabatan_12_bulan",
                "pdh_taps",
            ]
        },
        {},
        "PP 94/2021 Pasal 8 ayat (4)",
        id="W4-administrator-keeps-every-berat-type",
    ),
    pytest.param(
        request("pp-94-2021:4:f", absence={"unexcused_days": 26}),
        {"level": "berat", "sanction": "penurunan_jabatan_12_bulan"},
        {"review": "cannot be given to a pelaksana"},
        "PP 94/2021 Pasal 11 ayat (2) huruf d angka 2; Penjelasan Pasal 8 ayat (4) huruf b",
        id="W4-26-days-pelaksana-lighter-type-and-review",
    ),
    # --- Wrong 5: CPNS before 31 Aug 2021 under PP 53/2010 Pasal 2 ------------------------------
    pytest.param(
        request(
            "pp-53-2010:3:11",
            status="CPNS",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            absence={"unexcused_days": 6, "year": 2021},
            golongan="III/a",
        ),
        {"regulation_id": "pp-53-2010", "basis+": "PP 53/2010 Pasal 2"},
        {"note": "(Pasal 2)", "no_note": "Pasal 43"},
        "PP 53/2010 Pasal 2",
        id="W5-cpns-before-pp-94-cites-pp-53-pasal-2",
    ),
    pytest.param(
        request("pp-94-2021:5:j", impact="unit_kerja", status="CPNS"),
        {"basis+": "PP 94/2021 Pasal 43"},
        {"note": "(Pasal 43)"},
        "PP 94/2021 Pasal 43",
        id="W5-cpns-after-pp-94-cites-pasal-43",
    ),
    # --- Wrong 7: counterparts re-read against both texts -------------------------------------
    pytest.param(
        request(
            "pp-53-2010:3:6", as_of="2022-03-01", committed_on="2021-06-30", impact="unit_kerja"
        ),
        {"level": None, "sanction": None},
        {"review": "no true counterpart"},
        "PP 53/2010 Pasal 3 angka 6; PP 94/2021 Pasal 3 huruf f and g (Penjelasan)",
        id="W7-honour-of-the-state-goes-to-a-person",
    ),
    pytest.param(
        request("pp-53-2010:3:9", as_of="2022-03-01", committed_on="2021-06-30", impact="instansi"),
        {"level": "sedang"},
        {"review": "overlap only in part"},
        "PP 53/2010 Pasal 3 angka 9; PP 94/2021 Pasal 3 huruf e",
        id="W7-partial-counterpart-flagged",
    ),
    # --- Missing 1: CPNS with sedang/berat: dismissal as CPNS ----------------------------------
    pytest.param(
        request("pp-94-2021:4:f", status="CPNS", absence={"unexcused_days": 12}),
        {
            "level": "sedang",
            "consequences": [
                {"code": "pemberhentian_cpns", "basis": "PP 11/2017 Pasal 37 ayat (2) huruf c"}
            ],
        },
        {"note": "dismissed as CPNS"},
        "PP 11/2017 Pasal 37 ayat (2) huruf c",
        id="M1-cpns-sedang-dismissed-as-cpns",
    ),
    pytest.param(
        request("pp-94-2021:4:f", status="CPNS", absence={"unexcused_days": 4}),
        {"level": "ringan", "consequences": []},
        {},
        "PP 11/2017 Pasal 37 ayat (2) huruf c (sedang or berat only)",
        id="M1-cpns-ringan-no-dismissal",
    ),
    # --- Missing 2: superiors who fail to act -------------------------------------------------
    pytest.param(
        request(
            "pp-94-2021:28:1",
            position="pengawas",
            offence={"subordinate_sanction": "teguran_tertulis"},
        ),
        {"level": "ringan", "sanction": "pernyataan_tidak_puas"},
        {"note": "heavier than teguran_tertulis"},
        "PP 94/2021 Pasal 28 ayat (2)",
        id="M2-superior-who-did-not-summon-gets-heavier",
    ),
    pytest.param(
        request(
            "pp-94-2021:24:3",
            position="administrator",
            offence={"subordinate_sanction": "pernyataan_tidak_puas"},
        ),
        {"level": "sedang", "sanction": "penundaan_kgb_1_tahun"},
        {},
        "PP 94/2021 Pasal 24 ayat (3); Pasal 42 ayat (2)",
        id="M2-heavier-crosses-into-the-next-level",
    ),
    pytest.param(
        request(
            "pp-94-2021:24:2",
            position="administrator",
            offence={"subordinate_sanction": "teguran_lisan"},
        ),
        {"sanction": "teguran_tertulis"},
        {"note": "read with ayat (3)"},
        "PP 94/2021 Pasal 24 ayat (2) dan (3)",
        id="M2-pbm-who-imposed-nothing",
    ),
    pytest.param(
        request("pp-94-2021:28:1", position="pengawas"),
        {"level": None},
        {"review": "subordinate_sanction"},
        "PP 94/2021 Pasal 28 ayat (2)",
        id="M2-needs-the-subordinates-sanction",
    ),
    pytest.param(
        request(
            "pp-53-2010:21:2",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            position="pengawas",
            offence={"subordinate_sanction": "teguran_tertulis"},
        ),
        {"sanction": "teguran_tertulis"},
        {"note": "same type"},
        "PP 53/2010 Pasal 21 ayat (3)",
        id="M2-pp53-same-type",
    ),
    # --- Missing 3: PP 53 Pasal 4 angka 7 -> PP 94 Pasal 4 huruf i ----------------------------
    pytest.param(
        request("pp-53-2010:4:7", as_of="2022-03-01", committed_on="2021-06-30"),
        {"level": "berat", "basis+": "PP 94/2021 Pasal 11 ayat (2) huruf e"},
        {"note": "Penjelasan of PP 94/2021 Pasal 4 huruf i"},
        "PP 53/2010 Pasal 4 angka 7; PP 94/2021 Pasal 4 huruf i, Pasal 11 ayat (2) huruf e",
        id="M3-giving-for-a-post-maps-to-4i",
    ),
    # --- Missing 4: authority under PP 53 (Pasal 15-20) ---------------------------------------
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            absence={"unexcused_days": 6, "year": 2021},
            golongan="III/a",
        ),
        {
            "authority": {
                "role": "atasan_dari_atasan_langsung",
                "basis": ["PP 53/2010 Pasal 20 ayat (4) huruf a angka 1"],
                "official": "pejabat_struktural_eselon_iii",
            }
        },
        {"no_review": "not encoded"},
        "PP 53/2010 Pasal 20 ayat (4) huruf a angka 1",
        id="M4-pp53-ringan-for-ii-c-iii-b-by-eselon-iii",
    ),
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            absence={"unexcused_days": 17, "year": 2021},
            golongan="III/a",
            instansi_level="pusat",
        ),
        {
            "sanction": "penundaan_kgb_1_tahun",
            "authority": {
                "role": "atasan_lebih_tinggi",
                "basis": ["PP 53/2010 Pasal 16 ayat (3) huruf a angka 2"],
                "official": "pejabat_struktural_eselon_ii",
            },
        },
        {},
        "PP 53/2010 Pasal 16 ayat (3) huruf a angka 2",
        id="M4-pp53-kgb-for-ii-c-iii-b-by-eselon-ii",
    ),
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            absence={"unexcused_days": 6, "year": 2021},
            golongan="I/b",
            chain=["pengawas", "administrator", "jpt_pratama"],
        ),
        {
            "authority": {
                "role": "atasan_langsung",
                "basis": ["PP 53/2010 Pasal 20 ayat (6) huruf a", "PP 53/2010 Pasal 22"],
                "official": "pejabat_struktural_eselon_iv",
            }
        },
        {},
        "PP 53/2010 Pasal 20 ayat (6) huruf a; Pasal 22 (no echelon V post)",
        id="M4-pp53-no-eselon-v-passes-up",
    ),
    pytest.param(
        request(
            "pp-53-2010:4:1",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            sekretaris_daerah=True,
            position="jpt_pratama",
        ),
        {
            "authority": {
                "role": "ppk",
                "basis": ["PP 53/2010 Pasal 20 ayat (1) huruf a angka 1"],
                "official": "ppk",
            }
        },
        {},
        "PP 53/2010 Pasal 20 ayat (1) huruf a angka 1",
        id="M4-pp53-sekda-kabupaten-demotion-3-years-by-ppk",
    ),
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            absence={"unexcused_days": 6, "year": 2021},
        ),
        {"authority": {"role": None, "basis": ["PP 53/2010 Pasal 15-20"], "official": None}},
        {"review": "give employee.golongan"},
        "PP 53/2010 Pasal 16, 18, 20 (fungsional umum by golongan ruang)",
        id="M4-pp53-pelaksana-needs-golongan",
    ),
    # --- Missing 6: PP 42/2004 and PP 49/2018 provision ids -----------------------------------
    pytest.param(
        request("pp-42-2004:11:h"),
        {
            "level": None,
            "sanction": None,
            "moral_sanctions": ["pernyataan_secara_tertutup", "pernyataan_secara_terbuka"],
        },
        {"note": "not a disciplinary sanction", "no_review": "counterpart"},
        "PP 42/2004 Pasal 15 ayat (1)-(3)",
        id="M6-code-of-ethics-moral-sanction",
    ),
    pytest.param(
        request("pp-49-2018:59:1", status="PPPK", instansi="kota-sukamaju"),
        {"level": "berat", "sanction": "local:pemutusan_perjanjian_kerja_dengan_hormat"},
        {},
        "PP 49/2018 Pasal 59 ayat (1), Pasal 53 ayat (2) huruf b",
        id="M6-pppk-contract-breach-is-berat",
    ),
    pytest.param(
        request("pp-49-2018:59:1"),
        {"level": None},
        {"review": "concerns PPPK"},
        "PP 94/2021 Pasal 7",
        id="M6-pp49-for-a-pns-goes-to-a-person",
    ),
    # --- Flag instead of applying silently ----------------------------------------------------
    pytest.param(
        request(
            "pp-94-2021:4:f",
            as_of="2022-03-01",
            committed_on="2021-06-30",
            absence={"unexcused_days": 28, "year": 2021},
        ),
        {"sanction": "pdh_taps"},
        {"review": "non-retroactivity"},
        "PP 94/2021 Pasal 40 ayat (3); PP 53/2010 Pasal 9 angka 11 huruf c",
        id="F1-pp94-heavier-than-pp53-for-an-old-offence",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            as_of="2022-03-01",
            committed_on="2021-06-30",
            absence={"unexcused_days": 2, "late_minutes": 900, "year": 2021},
        ),
        {"level": "ringan", "sanction": "teguran_tertulis"},
        {"review": "which gave no sanction"},
        "PP 94/2021 Pasal 9 ayat (2) huruf b angka 2; PP 53/2010 Pasal 8 angka 9 (from 5 days)",
        id="F1-pp53-gave-nothing-for-4-days",
    ),
    pytest.param(
        request(
            "pp-94-2021:3:d", as_of="2022-03-01", committed_on="2021-06-30", impact="unit_kerja"
        ),
        {"level": "ringan", "sanction": "teguran_lisan"},
        {"no_review": "non-retroactivity"},
        "PP 94/2021 Pasal 9 ayat (1) huruf b; PP 53/2010 Pasal 8 angka 2",
        id="F1-no-flag-when-pp94-is-not-heavier",
    ),
    pytest.param(
        request(
            "pp-53-2010:3:11",
            as_of="2021-06-01",
            committed_on="2021-03-01",
            absence={"unexcused_days": 4, "late_minutes": 450, "year": 2021},
            golongan="III/a",
        ),
        {"sanction": "teguran_lisan", "basis+": "Penjelasan PP 53/2010 Pasal 3 angka 11"},
        {"note": "Penjelasan PP 53/2010 Pasal 3 angka 11"},
        "Penjelasan PP 53/2010 Pasal 3 angka 11 (7½ hours = 1 day)",
        id="F3-pp53-450-minutes-cite-the-primary-text",
    ),
    # --- Session 14 review: absence counts, earlier sanctions, 2021 -------------------------------
    pytest.param(
        request(
            "pp-94-2021:4:f",
            as_of="2025-02-01",
            committed_on="2025-01-10",
            absence={"year": 2025, "unexcused_days": 6, "longest_consecutive_days": 12},
        ),
        {"level": "berat", "sanction": "pdh_taps"},
        {"note": "a run crossing 1 January is counted whole"},
        "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4: 10 working days in a row, across 1 January",
        id="S14-a-run-from-december-into-january-longer-than-the-years-days",
    ),
    pytest.param(
        request(
            "pp-94-2021:3:f",
            impact="unit_kerja",
            position="pengawas",
            prior=[{"sanction": "pernyataan_tidak_puas", "decided_on": "2024-05-01"}],
        ),
        {"sanction": "teguran_lisan"},
        {"review": "does not name its provision"},
        "PP 94/2021 Pasal 35 ayat (2): 'sifatnya sama' cannot be assumed either way",
        id="S14-a-prior-sanction-without-its-provision-goes-to-a-person",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            committed_on="2025-09-01",
            position="pengawas",
            absence={"year": 2025, "unexcused_days": 8},
            prior=[
                {
                    "sanction": "pernyataan_tidak_puas",
                    "provision": "pp-94-2021:4:f",
                    "decided_on": "2025-08-01",
                }
            ],
        ),
        {"sanction": "pernyataan_tidak_puas"},
        {"review": "may not be sanctioned twice"},
        "PP 94/2021 Pasal 35 ayat (3): not twice for the same days",
        id="S14-the-same-years-band-already-sanctioned",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            committed_on="2025-09-01",
            position="pengawas",
            absence={"year": 2025, "unexcused_days": 12},
            prior=[
                {
                    "sanction": "pernyataan_tidak_puas",
                    "provision": "pp-94-2021:4:f",
                    "decided_on": "2025-08-01",
                }
            ],
        ),
        {"sanction": "penundaan_kgb_1_tahun", "level": "sedang"},
        {"note": "reached a heavier band", "no_review": "sanctioned twice"},
        "Penjelasan PP 94/2021 Pasal 9 ayat (2) huruf b: each band reached gives its sanction",
        id="S14-a-heavier-band-reached-after-an-attendance-sanction",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            as_of="2021-10-25",
            committed_on="2021-09-15",
            position="pengawas",
            absence={"year": 2021, "unexcused_days": 12},
        ),
        {"regulation_id": "pp-94-2021", "level": "sedang"},
        {"review": "may include days before 31 August 2021"},
        "PP 94/2021 Pasal 40 ayat (3): a 2021 count holding days under PP 53/2010",
        id="S14-a-2021-count-straddling-31-august",
    ),
    pytest.param(
        request(
            "pp-94-2021:4:f",
            as_of="2022-10-25",
            committed_on="2022-09-15",
            position="pengawas",
            absence={"year": 2022, "unexcused_days": 12},
        ),
        {"regulation_id": "pp-94-2021", "level": "sedang"},
        {"no_review": "31 August 2021"},
        "PP 94/2021 Pasal 40 ayat (3): a 2022 count is wholly under PP 94/2021",
        id="S14-a-2022-count-has-no-transition-review",
    ),
]


def test_two_counts_of_the_same_year_go_to_a_person() -> None:
    payload = request("pp-94-2021:4:f", absence={"year": 2025, "unexcused_days": 5})
    payload["offences"].append(
        {
            "provision": "pp-94-2021:4:f",
            "committed_on": "2025-10-01",
            "absence": {"year": 2025, "unexcused_days": 8},
        }
    )
    answer = rules.assess(payload)
    assert any("counted cumulatively" in line for line in answer["human_review"])
    assert any("dihitung secara kumulatif" in line for line in answer["human_review_id"])
    # Different years are separate counts: no such review.
    payload["offences"][1].update(
        committed_on="2024-10-01", absence={"year": 2024, "unexcused_days": 8}
    )
    answer = rules.assess(payload)
    assert not any("counted cumulatively" in line for line in answer["human_review"])


@pytest.mark.parametrize(
    ("absence", "field", "words"),
    [
        ({"year": 2027, "unexcused_days": 12}, "absence.year", "year of the offence (2025)"),
        ({"year": 2024, "unexcused_days": 12}, "absence.year", "year of the offence (2025)"),
        ({"unexcused_days": 400}, "absence.unexcused_days", "one year (366)"),
        ({"late_minutes": 10**20}, "absence.late_minutes", "minutes of one year"),
        ({"early_leave_minutes": 527_041}, "absence.early_leave_minutes", "minutes of one year"),
        (
            {"unexcused_days": 20, "longest_consecutive_days": 733},
            "absence.longest_consecutive_days",
            "two years",
        ),
    ],
)
def test_impossible_absence_counts_are_refused_on_their_field(absence, field, words) -> None:
    with pytest.raises(RulesInputError) as caught:
        rules.assess(request("pp-94-2021:4:f", absence=absence))
    assert caught.value.field == f"offences[0].{field}"
    assert words in str(caught.value.message)


def _texts(answer: dict[str, Any], key: str) -> str:
    return "\n".join(answer[key])


@pytest.mark.parametrize(("payload", "expect", "words", "article"), ROWS)
def test_the_law_at_its_edges(payload, expect, words, article):
    answer = rules.assess(payload)
    for key, value in expect.items():
        if key == "basis+":
            assert value in answer["basis"], (article, answer["basis"])
        else:
            assert answer[key] == value, (article, key, answer[key])
    reviews, notes = _texts(answer, "human_review"), _texts(answer, "notes")
    for kind, text in words.items():
        if kind == "review":
            assert text in reviews, (article, reviews)
        elif kind == "no_review":
            assert text not in reviews, (article, reviews)
        elif kind == "note":
            assert text in notes, (article, notes)
        elif kind == "no_note":
            assert text not in notes, (article, notes)
    # Every message has its Indonesian twin.
    assert len(answer["notes_id"]) == len(answer["notes"])
    assert len(answer["human_review_id"]) == len(answer["human_review"])


def test_a_named_rule_for_another_instansis_staff_kind_is_set_aside():
    # The non-ASN rule named for a PPPK: PP 49/2018 Pasal 52 gives PPPK their own rule.
    payload = request(
        "pp-94-2021:4:f",
        absence={"unexcused_days": 21},
        rule="local:kota-sukamaju:non-asn-2024",
        status="PPPK",
        instansi="kota-sukamaju",
    )
    answer = rules.assess(payload)
    assert answer["regulation_id"] == SUKAMAJU_PPPK
    assert any("not for PPPK" in note for note in answer["notes"])


def test_an_offence_before_the_named_rule_was_in_force_cannot_use_it_by_as_of_either():
    payload = request(
        "pp-94-2021:4:f",
        absence={"unexcused_days": 21},
        as_of="2023-12-01",
        committed_on="2023-06-01",
        rule=SUKAMAJU_PPPK,
        status="PPPK",
        instansi="kota-sukamaju",
    )
    assert rules.assess(payload)["level"] is None


def test_subordinate_sanction_must_be_a_known_code():
    payload = request(
        "pp-94-2021:28:1", position="pengawas", offence={"subordinate_sanction": "hukuman_mati"}
    )
    with pytest.raises(RulesInputError) as error:
        rules.assess(payload)
    assert error.value.field == "offences[0].subordinate_sanction"


@pytest.mark.parametrize(
    ("field", "value"),
    [("golongan", "V/a"), ("eselon", "VI"), ("jenjang", "ahli")],
)
def test_pp53_post_facts_are_checked(field, value):
    payload = request("pp-94-2021:5:a", **{field: value})
    with pytest.raises(RulesInputError) as error:
        rules.assess(payload)
    assert error.value.field == f"employee.{field}"


# --- Deadlines: PP 53 mode by sanction and official; estimated days (#17 Wrong 6, Missing 5) ---

DEADLINE_ROWS = [
    pytest.param(
        {"sanction": "teguran_tertulis", "official": "other"},
        [],
        "Pasal 33 huruf e",
        "PP 53/2010 Pasal 33 huruf e, Pasal 43 huruf e",
        id="W6-pp53-ringan-no-objection-effective-when-set",
    ),
    pytest.param(
        {"sanction": "penundaan_kgb_1_tahun", "official": "other"},
        [("objection_due", "2021-05-17"), ("takes_effect", "2021-05-18")],
        None,
        "PP 53/2010 Pasal 34 ayat (1), 35 ayat (2), 44 ayat (1)",
        id="W6-pp53-kgb-by-eselon-official-objection-and-day-15",
    ),
    pytest.param(
        {"sanction": "penurunan_pangkat_1_tahun", "official": "ppk"},
        [],
        "Pasal 33 huruf b",
        "PP 53/2010 Pasal 33 huruf b, Pasal 43 huruf b",
        id="W6-pp53-ppk-sedang-c-effective-when-set",
    ),
    pytest.param(
        {"sanction": "pdh_taps", "official": "ppk"},
        [("takes_effect", "2021-05-18")],
        "BAPEK",
        "PP 53/2010 Pasal 34 ayat (2), 45 ayat (1)",
        id="W6-pp53-dismissal-appeal-to-bapek-day-15",
    ),
]


@pytest.mark.parametrize(("extra", "clocks", "note", "article"), DEADLINE_ROWS)
def test_pp53_deadlines_by_sanction_and_official(extra, clocks, note, article):
    answer = rules.deadlines(
        {"step": "decision_received", "on": "2021-05-03", "regulation": "pp-53-2010", **extra}
    )
    assert answer["regulation"] == "pp-53-2010", article
    assert [(item["name"], item["due"]) for item in answer["deadlines"]] == clocks, article
    if note:
        assert any(note in text for text in answer["notes"]), (article, answer["notes"])


def test_pp53_decision_set_by_ppk_takes_effect_the_same_day():
    # PP 53/2010 Pasal 43 huruf b.
    answer = rules.deadlines(
        {
            "step": "decision_set",
            "on": "2021-05-03",
            "regulation": "pp-53-2010",
            "sanction": "penurunan_pangkat_3_tahun",
            "official": "ppk",
        }
    )
    effect = [item for item in answer["deadlines"] if item["name"] == "takes_effect"]
    assert effect and effect[0]["due"] == "2021-05-03"


def test_pp53_clocks_only_while_pp53_lives():
    # PP 94/2021 Pasal 40 ayat (2): after 31 August 2021 PP 53/2010 governs only objections and
    # appeals filed before that day.
    late = rules.deadlines(
        {"step": "decision_received", "on": "2021-09-06", "regulation": "pp-53-2010"}
    )
    assert late["regulation"] == "pp-94-2021"
    assert any("Pasal 40 ayat (2)" in note for note in late["notes"])
    filed_before = rules.deadlines(
        {
            "step": "objection_received",
            "on": "2021-09-06",
            "filed_on": "2021-08-30",
            "regulation": "pp-53-2010",
        }
    )
    assert filed_before["regulation"] == "pp-53-2010"


def test_pp53_sedang_needs_the_official():
    with pytest.raises(RulesInputError) as error:
        rules.deadlines(
            {
                "step": "decision_received",
                "on": "2021-05-03",
                "regulation": "pp-53-2010",
                "sanction": "penundaan_kgb_1_tahun",
            }
        )
    assert error.value.field == "official"


def test_pp94_decision_received_with_a_sanction_gives_the_one_remedy():
    # PP 79/2021 Pasal 3 and 10: objection against other sanctions, appeal against dismissal.
    ringan = rules.deadlines(
        {"step": "decision_received", "on": "2025-11-03", "sanction": "teguran_tertulis"}
    )
    names = [item["name"] for item in ringan["deadlines"]]
    assert "objection_due" in names and "appeal_due" not in names
    dismissal = rules.deadlines(
        {"step": "decision_received", "on": "2025-11-03", "sanction": "pdh_taps"}
    )
    names = [item["name"] for item in dismissal["deadlines"]]
    assert "appeal_due" in names and "objection_due" not in names


def test_estimated_holidays_are_flagged_with_the_days_skipped():
    # Idul Fitri 2027 is an estimate ("perkiraan") until the isbat: the summons clock skips it.
    answer = rules.deadlines({"step": "summons_issued", "on": "2027-03-05"})
    clock = answer["deadlines"][0]
    assert answer["provisional"] is True
    assert [item["date"] for item in clock["estimated_days"]] == ["2027-03-10", "2027-03-11"]
    # The notes write the days as people read them ("10 March 2027", "10 Maret 2027").
    assert any("10 March 2027" in note for note in answer["notes"])
    assert any("10 Maret 2027" in note for note in answer["notes_id"])
    assert not any("2027-03-10" in note for note in answer["notes"] + answer["notes_id"])
    assert len(answer["notes_id"]) == len(answer["notes"])


def test_a_year_not_yet_decreed_is_flagged():
    answer = rules.deadlines({"step": "objection_received", "on": "2027-12-20"})
    decision = [item for item in answer["deadlines"] if item["name"] == "objection_decision_due"]
    assert decision[0]["undecreed_years"] == [2028]
    assert answer["provisional"] is True


def test_settled_dates_are_not_flagged():
    answer = rules.deadlines({"step": "summons_issued", "on": "2025-11-04"})
    assert answer["provisional"] is False
    assert answer["deadlines"][0]["estimated_days"] == []


def test_an_instansi_correction_settles_an_estimated_day():
    registry = rules.default_registry().with_overrides(
        "kota-contoh",
        removed_days={date(2027, 3, 11)},
        extra_days={date(2027, 3, 10): "Idul Fitri (SKB)"},
    )
    answer = rules.deadlines(
        {"step": "summons_issued", "on": "2027-03-05", "calendar": "kota-contoh"},
        calendars=registry,
    )
    assert answer["deadlines"][0]["estimated_days"] == []


# --- Working time: local time and the version actually used (flags) -------------------------


def test_a_moment_in_another_zone_is_read_in_local_time_with_a_note():
    # Perpres 21/2023 Pasal 4 ayat (3): "waktu setempat".
    answer = rules.working_time({"at": "2022-08-26T15:00:00+08:00", "schedule": "kota-bekasi-2017"})
    assert answer["local_time"] == "2022-08-26T14:00"
    assert any("Pasal 4 ayat (3)" in note for note in answer["notes"])


def test_a_moment_in_the_schedules_zone_has_no_note():
    answer = rules.working_time({"at": "2022-08-26T15:00:00+07:00", "schedule": "kota-bekasi-2017"})
    assert answer["notes"] == []


def test_verified_follows_the_version_in_force():
    before = rules.working_time({"at": "2022-08-26T10:00:00+07:00"})
    after = rules.working_time({"at": "2025-08-26T10:00:00+07:00"})
    assert before["verified"] is False  # the pre-Perpres 21/2023 hours come from summaries
    assert after["verified"] is True


def test_a_day_in_an_undecreed_year_is_provisional():
    answer = rules.working_time({"at": "2028-08-16T10:00:00+07:00"})
    assert answer["provisional"] is True


def test_steps_before_pp94_follow_pp53_by_default():
    # PP 94/2021 Pasal 46 (in force 31 August 2021): a summons of May 2021 follows PP 53/2010
    # Pasal 23(2), at least 7 working days' notice, not PP 94's "at most".
    summons = rules.deadlines({"step": "summons_issued", "on": "2021-05-03"})
    assert summons["regulation"] == "pp-53-2010"
    assert [(item["name"], item["kind"]) for item in summons["deadlines"]] == [
        ("examination_earliest", "earliest")
    ]
    assert any("only since 31 August 2021" in note for note in summons["notes"])
    # A light sanction of May 2021: no objection lies (PP 53 Pasal 33), no PP 79 clock given.
    light = rules.deadlines(
        {"step": "decision_received", "on": "2021-05-03", "sanction": "teguran_lisan"}
    )
    assert light["regulation"] == "pp-53-2010" and light["deadlines"] == []
    assert any("Pasal 33" in note for note in light["notes"])
    # From 31 August 2021 on, PP 94/2021 with no note.
    later = rules.deadlines({"step": "summons_issued", "on": "2021-09-03"})
    assert later["regulation"] == "pp-94-2021" and later["notes"] == []


def test_a_step_before_pp53_is_refused_and_open_pp53_appeals_say_why_no_clock():
    with pytest.raises(RulesInputError) as error:
        rules.deadlines({"step": "summons_issued", "on": "2010-01-04", "regulation": "pp-53-2010"})
    assert error.value.field == "on" and "6 June 2010" in error.value.message
    appeal = rules.deadlines(
        {
            "step": "appeal_received",
            "on": "2021-09-06",
            "regulation": "pp-53-2010",
            "filed_on": "2021-08-25",
        }
    )
    assert appeal["deadlines"] == []
    assert any("BAPEK" in note for note in appeal["notes"])
    assert any("reading 17" in note for note in appeal["notes"])
    assert len(appeal["notes_id"]) == len(appeal["notes"])


def test_a_pppk_without_an_instansi_is_asked_for_it():
    answer = rules.assess(request("pp-94-2021:4:f", absence={"unexcused_days": 12}, status="PPPK"))
    assert answer["level"] is None
    assert any("give employee.instansi" in line for line in answer["human_review"])
    assert not any("None" in line for line in answer["human_review"])


def test_two_indonesian_zones_that_disagree_get_a_note():
    answer = rules.working_time(
        {
            "at": "2022-08-26T15:00:00+07:00",
            "timezone": "WIT",
            "schedule": "national-perpres-21-2023",
        }
    )
    assert answer["local_time"] == "2022-08-26T17:00"
    assert any("Check which of the two is right" in note for note in answer["notes"])
    agreeing = rules.working_time(
        {
            "at": "2022-08-26T15:00:00+09:00",
            "timezone": "WIT",
            "schedule": "national-perpres-21-2023",
        }
    )
    assert agreeing["notes"] == []
