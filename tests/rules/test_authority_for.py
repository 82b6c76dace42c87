"""`authority_for`: who may impose one type on an employee on a day (a national type on a PNS,
the instansi rule's type on PPPK and non-ASN staff), so that the case file can refuse a type of a
level the official authorised for the finding cannot impose (PP 94/2021 Pasal 24(3) gives no
power; readings C15, C21)."""

from __future__ import annotations

from tegak.rules import authority_for

PELAKSANA = {"status": "PNS", "position": "pelaksana", "instansi_level": "kabupaten_kota"}


def _payload(as_of: str) -> dict:
    return {
        "as_of": as_of,
        "employee": PELAKSANA,
        "offences": [{"provision": "pp-94-2021:3:f", "committed_on": as_of}],
    }


def test_each_level_has_its_official_under_pp_94():
    payload = _payload("2022-10-03")
    ringan = authority_for(payload, "teguran_tertulis")
    sedang = authority_for(payload, "penundaan_kgb_1_tahun")
    berat = authority_for(payload, "penurunan_jabatan_12_bulan")
    assert (ringan["level"], ringan["role"]) == ("ringan", "atasan_langsung")
    assert (sedang["level"], sedang["role"]) == ("sedang", "atasan_dari_atasan_langsung")
    assert (berat["level"], berat["role"]) == ("berat", "ppk")
    assert "PP 94/2021 Pasal 18 ayat (3) huruf c" in berat["basis"]
    assert berat["regulation_id"] == "pp-94-2021"


def test_before_31_august_2021_pp_53_governs():
    payload = _payload("2021-03-15")
    payload["employee"] = {**PELAKSANA, "golongan": "II/a"}
    answer = authority_for(payload, "penurunan_pangkat_3_tahun")
    assert answer["regulation_id"] == "pp-53-2010" and answer["level"] == "berat"
    assert any("PP 53/2010" in item for item in answer["basis"]), answer


def test_a_pppk_type_is_imposed_by_whom_the_instansi_rule_names():
    """PP 49/2018 Pasal 52 ayat (1): the PPK's rule (the demo's Perwal Sukamaju 12/2024) says who
    imposes each level; reading C21."""
    payload = {
        "as_of": "2026-10-16",
        "employee": {
            "status": "PPPK",
            "position": "pelaksana",
            "instansi_level": "kabupaten_kota",
            "instansi": "kota-sukamaju",
        },
        "offences": [{"provision": "pp-94-2021:3:f", "committed_on": "2026-10-02"}],
    }
    berat = authority_for(payload, "local:pemutusan_perjanjian_kerja_dengan_hormat")
    assert (berat["level"], berat["role"]) == ("berat", "ppk")
    assert berat["regulation_id"] == "local:kota-sukamaju:pppk-2024"
    assert berat["basis"][0].startswith("Perwal Sukamaju 12/2024 Pasal 10 ayat (3)")
    sedang = authority_for(payload, "local:penundaan_kgb_2_tahun")
    assert (sedang["level"], sedang["role"]) == ("sedang", "atasan_dari_atasan_langsung")


def test_without_an_instansi_rule_nobody_is_named_for_contract_staff():
    payload = {
        "as_of": "2026-10-16",
        "employee": {
            "status": "NON_ASN",
            "position": "pelaksana",
            "instansi_level": "kabupaten_kota",
            "instansi": "kota-lain",
        },
        "offences": [{"provision": "pp-94-2021:3:f", "committed_on": "2026-10-02"}],
    }
    answer = authority_for(payload, "teguran_lisan")
    assert answer["role"] is None and answer["regulation_id"] is None
