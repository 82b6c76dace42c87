"""People, bodies, staff groups and citations, one phrase at a time."""

from __future__ import annotations

import pytest

from tegak.extract import extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Hal itu disampaikan Wakil Bupati Sukamaju Hj. Ratna Dewi kepada wartawan.",
            ("Ratna Dewi", "Wakil Bupati", "Pemerintah Kabupaten Sukamaju"),
            id="deputy-regent-with-honorific",
        ),
        pytest.param(
            "Menurut Lurah Sukasari, Joko Widodo, warga sudah melapor.",
            ("Joko Widodo", "Lurah", "Kelurahan Sukasari"),
            id="lurah",
        ),
        pytest.param(
            "Kepala Desa Sumberjaya Ahmad Fauzi membantah tuduhan itu.",
            ("Ahmad Fauzi", "Kepala Desa", "Desa Sumberjaya"),
            id="village-head",
        ),
        pytest.param(
            "Plh Sekda Kota Sukamaju Dedi Kurniawan memanggil para pegawai.",
            ("Dedi Kurniawan", "Plh Sekretaris Daerah", "Pemerintah Kota Sukamaju"),
            id="daily-acting-secretary",
        ),
        pytest.param(
            "Budi Hartono sebagai Kepala BKPSDM Kota Sukamaju menandatangani surat itu.",
            ("Budi Hartono", "Kepala BKPSDM", "BKPSDM Kota Sukamaju"),
            id="name-sebagai-role",
        ),
    ],
)
def test_person_with_role_and_body(text, expected):
    (person,) = extract(text)["people"]
    assert (person["name"], person["role"], person.get("organisation")) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Jalan Merdeka Raya ditutup sejak pagi untuk umum.", id="street-name"),
        pytest.param("Kantor Pemkot Bekasi Provinsi Jawa Barat. (ist)", id="photo-caption"),
        pytest.param(
            "Kepala Perangkat Daerah di lingkungan pemerintah kota hadir.", id="role-no-name"
        ),
    ],
)
def test_capitalised_words_are_not_people(text):
    assert extract(text)["people"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Sebanyak 12 pegawai honorer diberhentikan.", ("NON_ASN", 12), id="digits"),
        pytest.param("dua belas orang PNS terlambat", ("PNS", 12), id="dua-belas"),
        pytest.param("tiga puluh lima tenaga kontrak absen", ("NON_ASN", 35), id="tiga-puluh-lima"),
        pytest.param("seorang CPNS bolos", ("CPNS", 1), id="seorang-cpns"),
        pytest.param("dua orang PPPK paruh waktu", ("PPPK_PARUH_WAKTU", 2), id="pppk-paruh-waktu"),
        pytest.param("puluhan oknum ASN ikut kampanye", (None, None), id="puluhan-no-count"),
    ],
)
def test_staff_groups(text, expected):
    (group,) = extract(text)["employee_groups"]
    assert (group.get("status"), group.get("count")) == expected


def test_salah_satu_is_not_a_count():
    (group,) = extract("pesta ulang tahun salah satu pegawai TKK di kantor")["employee_groups"]
    assert "count" not in group


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("sesuai PP No. 94/2021", ("PP", "94", 2021), id="pp-slash"),
        pytest.param("melanggar UU Nomor 5 Tahun 2014", ("UU", "5", 2014), id="uu"),
        pytest.param(
            "diatur Peraturan Presiden (Perpres) Nomor 21 Tahun 2023",
            ("Perpres", "21", 2023),
            id="perpres-with-abbreviation",
        ),
        pytest.param(
            "dalam Peraturan Daerah Kabupaten Sukamaju Nomor 3 Tahun 2019",
            ("Perda", "3", 2019),
            id="perda",
        ),
        pytest.param(
            "lihat Pergub Jawa Barat Nomor 50 Tahun 2020", ("Pergub", "50", 2020), id="pergub"
        ),
        pytest.param(
            "SE MenPAN-RB Nomor 20 Tahun 2017 tentang jam kerja",
            ("SE", "20", 2017),
            id="circular-by-year",
        ),
    ],
)
def test_citations(text, expected):
    (citation,) = extract(text)["regulations"]
    assert (citation["kind"], citation["number"], citation.get("year")) == expected


def test_organisations_kinds():
    text = (
        "Dinas Perhubungan Kota Sukamaju dan Komisi Aparatur Sipil Negara (KASN) menerima "
        "laporan LSM Peduli Birokrasi yang dimuat kompas.com dan Tribunnews."
    )
    found = [(o["name"], o["kind"]) for o in extract(text)["organisations"]]
    assert found == [
        ("Dinas Perhubungan Kota Sukamaju", "perangkat_daerah"),
        ("Komisi Aparatur Sipil Negara", "lembaga"),
        ("LSM Peduli Birokrasi", "ormas"),
        ("kompas.com", "media"),
        ("Tribunnews", "media"),
    ]


@pytest.mark.parametrize(
    ("text", "expected_id"),
    [
        pytest.param(
            "Sesuai PermenPAN-RB No. 6/2018 jam kerja ditetapkan.",
            "permenpan-rb-6-2018",
            id="panrb",
        ),
        pytest.param(
            "Diatur Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
            "Nomor 6 Tahun 2018.",
            "permenpan-rb-6-2018",
            id="panrb-long-form",
        ),
        pytest.param("Sesuai Permendagri Nomor 6 Tahun 2018 itu.", None, id="other-ministry"),
        pytest.param("Sesuai Permen Nomor 6 Tahun 2018 itu.", None, id="ministry-not-named"),
    ],
)
def test_ministerial_regulation_is_matched_only_for_the_same_ministry(text, expected_id):
    (citation,) = extract(text)["regulations"]
    assert citation.get("id") == expected_id
