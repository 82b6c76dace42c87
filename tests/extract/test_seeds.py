"""The two seed news reports in ../shared/seeds/ and the facts the issue expects from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tegak.extract import extract, resolve
from tests.extract.helpers import facts

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
KARAOKE = SEEDS / "000_3f5cfcee3b9afdb9.txt"
TIKTOK = SEEDS / "001_68aa21209aa4292d.txt"

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"seed texts not found: {SEEDS} (shared/ sits beside the clone)"
)
needs_registry = pytest.mark.skipif(
    not resolve.available(), reason="the rules engine's regulation registry is not merged yet"
)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_karaoke_report_gives_the_friday_afternoon_event():
    answer = extract(_read(KARAOKE))
    assert facts(answer)["events"] == [
        {"date": "2022-09-22", "kind": "report", "text": "Kamis, 22 September 2022"},
        {"date": "2022-09-12", "kind": "clarification", "text": "tanggal 12 September 2022"},
        {
            "date": "2022-08-26",
            "time": "15:00",
            "timezone": "WIB",
            "kind": "incident",
            "text": "hari Jum’at tanggal 26 Agustus 2022",
        },
    ]
    incident = answer["events"][2]
    assert incident["weekday"] == "friday"
    assert incident["time_text"] == "pukul 15.00 WIB"


def test_karaoke_report_names_the_people_and_bodies():
    answer = facts(extract(_read(KARAOKE)))
    assert answer["people"] == [
        {
            "name": "Reny Hendrawati",
            "role": "Sekretaris Daerah",
            "organisation": "Pemerintah Kota Bekasi",
        },
        {
            "name": "Karto",
            "role": "Kepala BKPSDM",
            "organisation": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        },
        {
            "name": "Hanan Tarya",
            "role": "Sekretaris Dewan",
            "organisation": "Pemerintah Kota Bekasi",
        },
        {
            "name": "Izhar Ma’sum Rosadi",
            "role": "Ketua Umum",
            "organisation": "Perkumpulan Baladaya",
        },
        {"name": "Tri Adhianto", "role": "Plt Wali Kota", "organisation": "Pemerintah Kota Bekasi"},
    ]
    assert answer["organisations"] == [
        {"name": "Infobaru.co.id", "kind": "media"},
        {"name": "setwan Kota Bekasi", "kind": "perangkat_daerah"},
        {"name": "KASN", "kind": "lembaga"},
        {"name": "Pemerintah Kota Bekasi", "kind": "pemerintah_daerah"},
        {
            "name": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "kind": "perangkat_daerah",
        },
        {"name": "Perkumpulan Baladaya", "kind": "ormas"},
    ]
    assert answer["employee_groups"] == [
        {"term": "ASN"},
        {"status": "NON_ASN", "term": "NON_ASN"},
    ]
    assert {"category": "working_hours", "provision": "pp-94-2021:4:f"} in answer["allegations"]


def test_karaoke_report_cites_the_perwal_and_states_the_friday_end_of_day():
    answer = extract(_read(KARAOKE))
    assert facts(answer)["regulations"] == [
        {"kind": "Perwal", "number": "06", "year": 2017, "region_from_context": "Kota Bekasi"}
    ]
    assert answer["regulations"][0]["text"] == "perwal No 06 tahun 2017"
    assert [
        (item["boundary"], item["time"], item["timezone"], item["weekday"])
        for item in answer["working_hours_stated"]
    ] == [("day_end", "16:00", "WIB", "friday")]


@needs_registry
@pytest.mark.parametrize(
    ("schedule", "source"),
    [
        pytest.param(None, "regulation_cited", id="schedule-from-the-cited-perwal"),
        pytest.param("kota-bekasi-2017", "option", id="schedule-given"),
    ],
)
def test_karaoke_event_was_inside_working_hours_under_the_bekasi_schedule(schedule, source):
    answer = extract(_read(KARAOKE), schedule=schedule)
    perwal = answer["regulations"][0]
    assert perwal["id"] == "perwal-kota-bekasi-06-2017"
    assert len(answer["working_time"]) == 1
    check = answer["working_time"][0]
    assert check["event"] == 2
    assert check["schedule"] == "kota-bekasi-2017"
    assert check["schedule_source"] == source
    assert check["at"] == "2022-08-26T15:00:00+07:00"
    assert check["working_day"] is True
    assert check["within_working_hours"] is True
    assert check["day_end"] == "16:00"


@needs_registry
def test_same_perwal_number_of_another_city_is_not_taken_for_bekasi():
    text = _read(KARAOKE).replace("Bekasi", "Sukamaju")
    answer = extract(text)
    perwal = answer["regulations"][0]
    assert perwal["region_from_context"] == "Kota Sukamaju"
    assert "id" not in perwal
    assert answer["working_time"] == []
    assert "no_schedule" in [note["code"] for note in answer["notes"]]


def test_tiktok_report_gives_the_circular_its_date_and_the_seven_tkk():
    answer = extract(_read(TIKTOK))
    found = facts(answer)
    assert found["regulations"] == [
        {"kind": "SE", "number": "800/6519/BKPPD-PKA", "date": "2021-09-02"},
        {"kind": "PP", "number": "53", "year": 2010},
        {"kind": "Perwal", "number": "42", "year": 2017, "region": "Kota Bekasi"},
    ]
    assert found["employee_groups"] == [{"status": "NON_ASN", "term": "NON_ASN", "count": 7}]
    assert answer["employee_groups"][0]["text"] == "tujuh\u00a0 orang aparatur berstatus TKK"
    assert found["events"] == [
        {"date": "2021-09-02", "kind": "document", "text": "tanggal 2 September 2021"},
        {"date": "2021-09-06", "kind": "statement", "text": "Senin (6/9/2021)"},
    ]
    assert found["people"] == [
        {
            "name": "Reny Hendrawati",
            "role": "Sekretaris Daerah",
            "organisation": "Pemerintah Kota Bekasi",
        }
    ]
    assert found["organisations"] == [
        {"name": "Pemerintah Kota Bekasi", "kind": "pemerintah_daerah"},
        {"name": "IndependensI.com", "kind": "media"},
        {"name": "BKPPD", "kind": "perangkat_daerah"},
    ]
    assert [item["category"] for item in found["allegations"]] == [
        "social_media_conduct",
        "conduct_unbecoming",
        "working_hours",
    ]


@needs_registry
def test_tiktok_report_notes_pp_53_2010_was_no_longer_in_force_on_the_circular_date():
    answer = extract(_read(TIKTOK))
    pp53 = next(item for item in answer["regulations"] if item["kind"] == "PP")
    assert pp53["id"] == "pp-53-2010"
    assert pp53["checked_on"] == "2021-09-02"
    assert pp53["in_force_on_event_date"] is False
    assert pp53["replaced_by"] == "pp-94-2021"
