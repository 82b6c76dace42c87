"""Texts we wrote (fictional people and places) and the facts a reader expects from each."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.extract import ExtractInputError, extract
from tests.extract import texts
from tests.extract.helpers import facts

REPORTED = date(2024, 9, 18)  # a Wednesday

CASES = [
    pytest.param(
        texts.MATARAM_ABSENCE,
        {
            "events": [
                {"date": "2024-03-05", "kind": "incident", "text": "Selasa, 5 Maret 2024"},
            ],
            "people": [
                {
                    "name": "Baiq Nurhasanah",
                    "role": "Kepala Dinas Pendidikan",
                    "organisation": "Dinas Pendidikan Kota Mataram",
                }
            ],
            "organisations": [
                {"name": "Warta Lombok", "kind": "media"},
                {"name": "Dinas Pendidikan Kota Mataram", "kind": "perangkat_daerah"},
                {"name": "Inspektorat Kota Mataram", "kind": "perangkat_daerah"},
            ],
            "employee_groups": [{"status": "PNS", "term": "PNS", "count": 3}],
            "regulations": [],
            "allegations": [{"category": "working_hours", "provision": "pp-94-2021:4:f"}],
        },
        id="absence-mataram-wita-date-without-time-in-same-event",
    ),
    pytest.param(
        texts.JAYAPURA_GRATIFICATION,
        {
            "events": [
                {
                    "date": "2024-02-14",
                    "time": "10:15",
                    "timezone": "WIT",
                    "kind": "incident",
                    "text": "Rabu (14/2/2024)",
                }
            ],
            "people": [
                {
                    "name": "Yohanes Wenda",
                    "role": "Inspektur",
                    "organisation": "Pemerintah Kota Jayapura",
                }
            ],
            "organisations": [
                {"name": "Badan Pendapatan Daerah", "kind": "perangkat_daerah"},
                {"name": "Komisi Pemberantasan Korupsi", "kind": "lembaga"},
            ],
            "employee_groups": [],
            "regulations": [],
            "allegations": [{"category": "gifts_gratification", "provision": "pp-94-2021:5:k"}],
        },
        id="gratification-jayapura-wit",
    ),
    pytest.param(
        texts.SUKAMAJU_NEUTRALITY,
        {
            "events": [
                {"date": "2024-10-12", "kind": "incident", "text": "Sabtu, 12 Oktober 2024"}
            ],
            "people": [
                {
                    "name": "Rudi Hartono",
                    "role": "Ketua",
                    "organisation": "Bawaslu Kabupaten Sukamaju",
                }
            ],
            "organisations": [
                {"name": "Bawaslu Kabupaten Sukamaju", "kind": "lembaga"},
                {"name": "Badan Kepegawaian Negara", "kind": "lembaga"},
            ],
            "employee_groups": [{"term": "ASN", "count": 2}],
            "regulations": [
                {"kind": "UU", "number": "20", "year": 2023},
                {"kind": "PP", "number": "94", "year": 2021},
            ],
            "allegations": [{"category": "neutrality", "provision": "pp-94-2021:5:n"}],
        },
        id="neutrality-pilkada-cites-uu-and-pp",
    ),
    pytest.param(
        texts.CAMAT_ABUSE,
        {
            "events": [
                {
                    "date": "2024-06-03",
                    "time": "13:00",
                    "timezone": "WIB",
                    "kind": "report",
                    "text": "Senin, 3 Juni 2024",
                }
            ],
            "people": [
                {"name": "Agus Salim", "role": "Camat", "organisation": "Kecamatan Sukadana"},
                {
                    "name": "Dewi Lestari",
                    "role": "Pj Bupati",
                    "organisation": "Pemerintah Kabupaten Sukamaju",
                },
            ],
            "organisations": [{"name": "Perkumpulan Warga Peduli", "kind": "ormas"}],
            "employee_groups": [],
            "regulations": [],
            "allegations": [{"category": "abuse_of_authority", "provision": "pp-94-2021:5:a"}],
        },
        id="abuse-of-authority-acting-regent",
    ),
    pytest.param(
        texts.RELATIVE_ABSENCE,
        {
            "events": [
                {
                    "date": "2024-09-17",
                    "time": "15:00",
                    "kind": "mentioned",
                    "relative": "kemarin",
                    "text": "kemarin",
                },
                {
                    "date": "2024-09-16",
                    "kind": "incident",
                    "relative": "senin lalu",
                    "text": "Senin lalu",
                },
            ],
            "people": [],
            "organisations": [],
            "employee_groups": [{"status": "NON_ASN", "term": "NON_ASN", "count": 2}],
            "regulations": [],
            "allegations": [{"category": "working_hours", "provision": "pp-94-2021:4:f"}],
        },
        id="relative-dates-kemarin-jam-3-sore-senin-lalu",
    ),
    pytest.param(
        texts.RANGE_ABSENCE,
        {
            "events": [
                {
                    "date": "2024-03-01",
                    "date_end": "2024-03-03",
                    "kind": "incident",
                    "text": "1–3 Maret 2024",
                }
            ],
            "people": [
                {
                    "name": "Hendra Gunawan",
                    "role": "Kepala Dinas Kesehatan",
                    "organisation": "Dinas Kesehatan Kabupaten Sukamaju",
                }
            ],
            "organisations": [
                {"name": "Dinas Kesehatan Kabupaten Sukamaju", "kind": "perangkat_daerah"}
            ],
            "employee_groups": [{"status": "NON_ASN", "term": "NON_ASN", "count": 5}],
            "regulations": [
                {"kind": "Perbup", "number": "7", "year": 2022, "region": "Kabupaten Sukamaju"}
            ],
            "allegations": [{"category": "working_hours", "provision": "pp-94-2021:4:f"}],
        },
        id="range-of-days-honorer-perbup",
    ),
    pytest.param(
        texts.LEVY,
        {
            "events": [
                {
                    "date": "2024-11-07",
                    "time": "11:00",
                    "timezone": "WIB",
                    "kind": "incident",
                    "text": "Kamis (7/11/2024)",
                }
            ],
            "people": [
                {
                    "name": "Sri Wahyuni",
                    "role": "Kepala Ombudsman Perwakilan",
                    "organisation": "Ombudsman Perwakilan",
                }
            ],
            "organisations": [
                {"name": "Disdukcapil Kota Sukamaju", "kind": "perangkat_daerah"},
                {"name": "Ombudsman RI Perwakilan Jawa Barat", "kind": "lembaga"},
            ],
            "employee_groups": [],
            "regulations": [],
            "allegations": [{"category": "illegal_levy", "provision": "pp-94-2021:5:g"}],
        },
        id="illegal-levy-ombudsman",
    ),
    pytest.param(
        texts.SOCIAL_MEDIA_PPPK,
        {
            "events": [
                {"date": "2025-01-10", "kind": "document", "text": "tanggal 10 Januari 2025"},
                {"date": "2025-01-03", "kind": "incident", "text": "Jumat, 3 Januari 2025"},
            ],
            "people": [
                {
                    "name": "Bambang Sutrisno",
                    "role": "Sekretaris Daerah",
                    "organisation": "Pemerintah Kabupaten Sukamaju",
                }
            ],
            "organisations": [{"name": "Dinas Perhubungan", "kind": "perangkat_daerah"}],
            "employee_groups": [{"status": "PPPK", "term": "PPPK", "count": 1}],
            "regulations": [{"kind": "SE", "number": "800.1/245/BKPSDM", "date": "2025-01-10"}],
            "allegations": [
                {"category": "social_media_conduct", "provision": "pp-94-2021:3:f"},
                {"category": "conduct_unbecoming", "provision": "pp-94-2021:3:f"},
            ],
        },
        id="social-media-pppk-circular-with-date",
    ),
    pytest.param(
        texts.CROSS_MONTH_RANGE,
        {
            "events": [
                {
                    "date": "2024-02-28",
                    "date_end": "2024-03-02",
                    "kind": "incident",
                    "text": "28 Februari - 2 Maret 2024",
                }
            ],
            "people": [],
            "organisations": [
                {"name": "Inspektorat Kabupaten Sukamaju", "kind": "perangkat_daerah"}
            ],
            "employee_groups": [{"status": "PNS", "term": "PNS", "count": 4}],
            "regulations": [],
            "allegations": [{"category": "abuse_of_authority", "provision": "pp-94-2021:5:a"}],
        },
        id="range-across-months",
    ),
    pytest.param(
        texts.YEARLESS,
        {
            "events": [
                {
                    "date": "2024-08-17",
                    "time": "08:00",
                    "timezone": "WIB",
                    "kind": "incident",
                    "year_inferred": True,
                    "text": "17 Agustus",
                }
            ],
            "people": [],
            "organisations": [],
            "employee_groups": [{"status": "NON_ASN", "term": "NON_ASN", "count": 1}],
            "regulations": [],
            "allegations": [{"category": "conduct_unbecoming", "provision": "pp-94-2021:3:f"}],
        },
        id="date-without-year-takes-the-last-one-before-the-report",
    ),
    pytest.param(
        texts.NO_FACTS,
        {
            key: []
            for key in facts(
                {
                    k: []
                    for k in (
                        "events",
                        "people",
                        "organisations",
                        "employee_groups",
                        "regulations",
                        "allegations",
                    )
                }
            )
        },
        id="text-with-no-facts-gives-empty-lists",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_written_texts_give_their_facts(text, expected):
    assert facts(extract(text, reported_on=REPORTED)) == expected


def test_regulations_cited_in_force_on_the_incident_day():
    answer = extract(texts.SUKAMAJU_NEUTRALITY)
    assert [
        (item["id"], item["checked_on"], item["in_force_on_event_date"])
        for item in answer["regulations"]
    ] == [("uu-20-2023", "2024-10-12", True), ("pp-94-2021", "2024-10-12", True)]


def test_uu_5_2014_cited_after_its_repeal_says_what_replaced_it():
    text = (
        "Pada Senin, 6 Mei 2024 seorang PNS diperiksa karena bolos. Kepala BKPSDM menyebut "
        "pemeriksaan itu berdasarkan Undang-Undang Nomor 5 Tahun 2014 tentang "
        "Aparatur Sipil Negara."
    )
    uu = extract(text)["regulations"][0]
    assert (uu["id"], uu["in_force_on_event_date"], uu["replaced_by"]) == (
        "uu-5-2014",
        False,
        "uu-20-2023",
    )


def test_working_time_with_a_wita_moment_on_the_national_schedule():
    answer = extract(texts.MATARAM_ABSENCE, schedule="national-perpres-21-2023")
    # The date and the time are in different sentences here and the time does not refer back to
    # the date with "tersebut" or the day name: no moment, so nothing to check.
    assert answer["working_time"] == []
    timed = extract(
        "Dua ASN terlihat di pasar pada Selasa, 5 Maret 2024 pukul 09.30 WITA.",
        schedule="national-perpres-21-2023",
    )
    assert timed["working_time"][0]["at"] == "2024-03-05T09:30:00+08:00"
    assert timed["working_time"][0]["within_working_hours"] is True


def test_unknown_schedule_is_refused():
    with pytest.raises(ExtractInputError) as raised:
        extract(texts.LEVY, schedule="kota-atlantis")
    assert raised.value.field == "schedule"


def test_saturday_event_is_not_a_working_day():
    answer = extract(
        "Tiga orang PNS Dinas Sosial Kota Makassar kedapatan berjudi di kantor pada Sabtu, "
        "9 Maret 2024 pukul 10.00 WITA.",
        schedule="national-perpres-21-2023",
    )
    (check,) = answer["working_time"]
    assert check["at"] == "2024-03-09T10:00:00+08:00"
    assert (check["working_day"], check["within_working_hours"]) == (False, False)
    assert [a["category"] for a in answer["allegations"]] == ["conduct_unbecoming"]
    assert answer["employee_groups"][0]["count"] == 3


def test_national_holiday_is_named():
    answer = extract(
        "Seorang ASN terlihat berkampanye untuk pasangan calon pada Rabu, 10 April 2024 "
        "pukul 09.00 WIB.",
        schedule="national-perpres-21-2023",
    )
    (check,) = answer["working_time"]
    assert check["working_day"] is False
    assert check["holiday"] == "Hari Raya Idul Fitri"
