"""The demo kota's organisation chart (fictional): which units, which posts, how many people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DemoUnit:
    code: str
    name: str
    parent: str
    head: tuple[str, str] | None  # (position name, kind); None: no head post (the top unit)
    staff: list[tuple[str, str, int]]  # (position name, kind, how many)
    flags: str = ""


ADMIN_STAFF = [
    ("Pengadministrasi Perkantoran", "pelaksana", 3),
    ("Pengolah Data dan Informasi", "pelaksana", 1),
]


def structure() -> list[DemoUnit]:
    """The kota's organisation: Setda, Setwan, BKPSDM, Inspektorat and five dinas."""
    units = [
        DemoUnit("PEMKOT", "Pemerintah Kota Sukamaju", "", None, []),
        DemoUnit(
            "SETDA",
            "Sekretariat Daerah",
            "PEMKOT",
            ("Sekretaris Daerah", "jpt_pratama"),
            [("Perencana Ahli Muda", "fungsional_ahli_muda", 1)],
        ),
    ]
    for code, name, subunits in [
        ("SETDA-PEM", "Bagian Tata Pemerintahan", []),
        ("SETDA-HUK", "Bagian Hukum", [("PU", "Perundang-undangan"), ("BH", "Bantuan Hukum")]),
        ("SETDA-ORG", "Bagian Organisasi", []),
        ("SETDA-UMUM", "Bagian Umum", [("RT", "Rumah Tangga"), ("TU", "Tata Usaha Pimpinan")]),
    ]:
        units.append(
            DemoUnit(
                code,
                name,
                "SETDA",
                (f"Kepala {name}", "administrator"),
                [*ADMIN_STAFF, ("Analis Hukum Ahli Pertama", "fungsional_ahli_pertama", 1)]
                if code == "SETDA-HUK"
                else ADMIN_STAFF,
            )
        )
        for sub_code, sub_name in subunits:
            units.append(
                DemoUnit(
                    f"{code}-{sub_code}",
                    f"Subbagian {sub_name}",
                    code,
                    (f"Kepala Subbagian {sub_name}", "pengawas"),
                    [("Pengadministrasi Perkantoran", "pelaksana", 2)],
                )
            )
    units += [
        DemoUnit("SETWAN", "Sekretariat DPRD", "PEMKOT", ("Sekretaris DPRD", "jpt_pratama"), []),
        DemoUnit(
            "SETWAN-UMUM",
            "Bagian Umum dan Keuangan",
            "SETWAN",
            ("Kepala Bagian Umum dan Keuangan", "administrator"),
            [*ADMIN_STAFF, ("Tenaga Pendukung Administrasi", "pelaksana", 3)],
        ),
        DemoUnit(
            "SETWAN-SID",
            "Bagian Persidangan dan Perundang-undangan",
            "SETWAN",
            ("Kepala Bagian Persidangan dan Perundang-undangan", "administrator"),
            [
                ("Risalah Persidangan", "pelaksana", 2),
                ("Tenaga Pendukung Administrasi", "pelaksana", 2),
            ],
        ),
        DemoUnit(
            "BKPSDM",
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "PEMKOT",
            ("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "jpt_pratama"),
            [],
            flags="personnel",
        ),
        DemoUnit(
            "BKPSDM-SEK",
            "Sekretariat Badan Kepegawaian",
            "BKPSDM",
            ("Sekretaris Badan Kepegawaian", "administrator"),
            [("Pranata Komputer Ahli Pertama", "fungsional_ahli_pertama", 1), *ADMIN_STAFF],
        ),
        DemoUnit(
            "BKPSDM-MUT",
            "Bidang Mutasi dan Promosi",
            "BKPSDM",
            ("Kepala Bidang Mutasi dan Promosi", "administrator"),
            [
                ("Analis Sumber Daya Manusia Aparatur Ahli Muda", "fungsional_ahli_muda", 1),
                ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "fungsional_ahli_pertama", 2),
                ("Pengolah Data dan Informasi", "pelaksana", 1),
            ],
        ),
        DemoUnit(
            "BKPSDM-KIN",
            "Bidang Penilaian Kinerja dan Disiplin Aparatur",
            "BKPSDM",
            ("Kepala Bidang Penilaian Kinerja dan Disiplin Aparatur", "administrator"),
            [
                ("Analis Sumber Daya Manusia Aparatur Ahli Madya", "fungsional_ahli_madya", 1),
                ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "fungsional_ahli_pertama", 2),
                ("Pengadministrasi Perkantoran", "pelaksana", 1),
            ],
        ),
        DemoUnit(
            "INSP",
            "Inspektorat Daerah",
            "PEMKOT",
            ("Inspektur", "jpt_pratama"),
            [("Auditor Ahli Utama", "fungsional_ahli_utama", 1)],
            flags="supervision",
        ),
        DemoUnit(
            "INSP-SEK",
            "Sekretariat Inspektorat",
            "INSP",
            ("Sekretaris Inspektorat", "administrator"),
            [*ADMIN_STAFF, ("Arsiparis Terampil", "fungsional_keterampilan", 1)],
        ),
    ]
    for number, roman in [(1, "I"), (2, "II")]:
        units.append(
            DemoUnit(
                f"INSP-IRBAN{number}",
                f"Inspektur Pembantu Wilayah {roman}",
                "INSP",
                (f"Inspektur Pembantu Wilayah {roman}", "administrator"),
                [
                    ("Auditor Ahli Madya", "fungsional_ahli_madya", 1),
                    ("Auditor Ahli Muda", "fungsional_ahli_muda", 1),
                    ("Auditor Ahli Pertama", "fungsional_ahli_pertama", 1),
                    (
                        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
                        "fungsional_ahli_muda",
                        1,
                    ),
                ],
            )
        )
    dinas: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = [
        (
            "DISDIK",
            "Dinas Pendidikan",
            [
                ("PSD", "Pembinaan Sekolah Dasar", ["Kurikulum Sekolah Dasar", "Peserta Didik"]),
                ("PSMP", "Pembinaan Sekolah Menengah Pertama", ["Kurikulum SMP", "Sarana SMP"]),
                ("GTK", "Guru dan Tenaga Kependidikan", []),
            ],
        ),
        (
            "DINKES",
            "Dinas Kesehatan",
            [
                ("KESMAS", "Kesehatan Masyarakat", ["Gizi", "Kesehatan Lingkungan"]),
                ("P2P", "Pencegahan dan Pengendalian Penyakit", ["Surveilans dan Imunisasi"]),
            ],
        ),
        (
            "DPUPR",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            [
                ("BM", "Bina Marga", ["Jalan", "Jembatan"]),
                ("SDA", "Sumber Daya Air", ["Drainase"]),
                ("TR", "Penataan Ruang", []),
            ],
        ),
        (
            "DISDUKCAPIL",
            "Dinas Kependudukan dan Pencatatan Sipil",
            [
                ("DAFDUK", "Pelayanan Pendaftaran Penduduk", []),
                ("CAPIL", "Pelayanan Pencatatan Sipil", []),
            ],
        ),
        (
            "DISHUB",
            "Dinas Perhubungan",
            [("LL", "Lalu Lintas", ["Manajemen Lalu Lintas"]), ("ANG", "Angkutan", [])],
        ),
    ]
    specialists = {
        "DISDIK": ("Pengembang Teknologi Pembelajaran Ahli Muda", "fungsional_ahli_muda"),
        "DINKES": ("Epidemiolog Kesehatan Ahli Muda", "fungsional_ahli_muda"),
        "DPUPR": ("Teknik Jalan dan Jembatan Ahli Muda", "fungsional_ahli_muda"),
        "DISDUKCAPIL": (
            "Administrator Database Kependudukan Ahli Pertama",
            "fungsional_ahli_pertama",
        ),
        "DISHUB": ("Penguji Kendaraan Bermotor Terampil", "fungsional_keterampilan"),
    }
    for code, name, fields in dinas:
        units.append(DemoUnit(code, name, "PEMKOT", (f"Kepala {name}", "jpt_pratama"), []))
        units.append(
            DemoUnit(
                f"{code}-SEK",
                f"Sekretariat {name}",
                code,
                (f"Sekretaris {name}", "administrator"),
                [*ADMIN_STAFF, ("Tenaga Pendukung Administrasi", "pelaksana", 2)],
            )
        )
        units.append(
            DemoUnit(
                f"{code}-SEK-UMUM",
                "Subbagian Umum dan Kepegawaian",
                f"{code}-SEK",
                ("Kepala Subbagian Umum dan Kepegawaian", "pengawas"),
                [("Pengadministrasi Perkantoran", "pelaksana", 1)],
            )
        )
        for field_code, field_name, sections in fields:
            field_unit = f"{code}-{field_code}"
            units.append(
                DemoUnit(
                    field_unit,
                    f"Bidang {field_name}",
                    code,
                    (f"Kepala Bidang {field_name}", "administrator"),
                    [
                        (*specialists[code], 1),
                        ("Pengolah Data dan Informasi", "pelaksana", 1),
                        ("Penata Layanan Operasional", "pelaksana", 1),
                    ],
                )
            )
            for index, section in enumerate(sections, start=1):
                units.append(
                    DemoUnit(
                        f"{field_unit}-S{index}",
                        f"Seksi {section}",
                        field_unit,
                        (f"Kepala Seksi {section}", "pengawas"),
                        [
                            ("Pengadministrasi Perkantoran", "pelaksana", 1),
                            ("Operator Layanan Operasional", "pelaksana", 3),
                        ],
                    )
                )
    for number in (1, 2, 3):
        units.append(
            DemoUnit(
                f"DISDIK-SDN{number:02d}",
                f"UPT SD Negeri {number} Sukamaju",
                "DISDIK",
                ("Kepala Sekolah", "fungsional_ahli_madya"),
                [
                    ("Guru Ahli Madya", "fungsional_ahli_madya", 2),
                    ("Guru Ahli Muda", "fungsional_ahli_muda", 3),
                    ("Guru Ahli Pertama", "fungsional_ahli_pertama", 5),
                    ("Operator Layanan Operasional", "pelaksana", 1),
                    ("Tenaga Pendukung Kebersihan", "pelaksana", 1),
                ],
            )
        )
    units.append(
        DemoUnit(
            "DINKES-PKM-UTARA",
            "UPT Puskesmas Sukamaju Utara",
            "DINKES",
            ("Kepala UPT Puskesmas Sukamaju Utara", "pengawas"),
            [
                ("Dokter Ahli Madya", "fungsional_ahli_madya", 1),
                ("Dokter Ahli Pertama", "fungsional_ahli_pertama", 2),
                ("Perawat Terampil", "fungsional_keterampilan", 6),
                ("Bidan Mahir", "fungsional_keterampilan", 3),
                ("Pranata Laboratorium Kesehatan Terampil", "fungsional_keterampilan", 1),
                ("Tenaga Pendukung Kebersihan", "pelaksana", 2),
            ],
        )
    )
    return units


# Posts the demo leaves empty: the head of Dinas Perhubungan (a Plt acts) and one section head
# (nobody acts: the role of direct superior passes up the tree, PP 94/2021 Pasal 25).
VACANT_HEADS = {"DISHUB", "DPUPR-BM-S2"}
PLT = ("DISHUB", "DISHUB-SEK")  # the Sekretaris acts as Kepala Dinas Perhubungan
# Posts held by the employees the demo accounts belong to (see tegak.accounts.demo).
ACCOUNT_POSTS = {
    "administrator": ("BKPSDM-SEK", "Pranata Komputer Ahli Pertama"),
    "intake_officer": ("BKPSDM-KIN", "Analis Sumber Daya Manusia Aparatur Ahli Madya"),
    "examiner": ("DPUPR-BM", "Kepala Bidang Bina Marga"),
    "authorised_official": ("DPUPR", "Kepala Dinas Pekerjaan Umum dan Penataan Ruang"),
    "custodian": ("INSP-SEK", "Sekretaris Inspektorat"),
    "oversight": ("INSP", "Inspektur"),
    "auditor": ("INSP-IRBAN1", "Auditor Ahli Madya"),
}

# The seed stories' stage (council secretariat, 2021-2022): posts held since before 2021, so the
# stories replay with their real dates. The heads' posts are dated from SEED_STAGE_FROM; the seven
# contract staff and the PNS of the stories are added to Bagian Umum dan Keuangan of the Setwan.
SEED_STAGE_FROM = "2019-01-02"
SEED_STAGE_HEADS = ("SETDA", "SETWAN", "SETWAN-UMUM")
SEED_STAGE_UNIT = "SETWAN-UMUM"
SEED_TKK_POST = "Tenaga Pendukung Humas dan Protokol"
SEED_TKK_COUNT = 7
SEED_PNS_POST = "Pengadministrasi Perkantoran"
# Demo accounts of the seed stage: username, roles, (unit code, position name) of their employee.
# The Kepala Bagian (an administrator) imposes a ringan sanction on a PNS one level below him
# (PP 94/2021 Pasal 22 ayat (1) huruf a): he may be the authorised official too.
SEED_ACCOUNTS = [
    (
        "kabag-umum-setwan",
        ("examiner", "authorised_official"),
        ("SETWAN-UMUM", "Kepala Bagian Umum dan Keuangan"),
    ),
    ("sekwan", ("authorised_official", "examiner"), ("SETWAN", "Sekretaris DPRD")),
    ("sekda", ("authorised_official",), ("SETDA", "Sekretaris Daerah")),
]
