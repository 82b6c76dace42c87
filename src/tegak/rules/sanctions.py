"""Sanction codes (CONTRACTS.md), their levels, and the severity order used by Pasal 35."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("ringan", "sedang", "berat")
LEVEL_RANK = {level: index for index, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Sanction:
    """One sanction type: code, level, severity rank (higher is heavier), and its article."""

    code: str
    level: str
    rank: int
    basis: str
    label_id: str
    label_en: str


# Severity: oral < written < dissatisfaction < sedang 6/KGB < sedang 9/pangkat < sedang 12/demotion
# < PP 53 berat demotion 3 years < lower position < release from position < PDH-TAPS < PTDH.
# (Interpretation, docs/legal-questions.md; the PP 94 and PP 53 types of one step share a rank.)
SANCTIONS: dict[str, Sanction] = {
    item.code: item
    for item in (
        Sanction(
            "teguran_lisan",
            "ringan",
            1,
            "PP 94/2021 Pasal 8 ayat (2) huruf a",
            "teguran lisan",
            "oral reprimand",
        ),
        Sanction(
            "teguran_tertulis",
            "ringan",
            2,
            "PP 94/2021 Pasal 8 ayat (2) huruf b",
            "teguran tertulis",
            "written reprimand",
        ),
        Sanction(
            "pernyataan_tidak_puas",
            "ringan",
            3,
            "PP 94/2021 Pasal 8 ayat (2) huruf c",
            "pernyataan tidak puas secara tertulis",
            "written statement of dissatisfaction",
        ),
        Sanction(
            "potong_tukin_25_6_bulan",
            "sedang",
            4,
            "PP 94/2021 Pasal 8 ayat (3) huruf a",
            "pemotongan tunjangan kinerja 25% selama 6 bulan",
            "25% cut of performance allowance for 6 months",
        ),
        Sanction(
            "penundaan_kgb_1_tahun",
            "sedang",
            4,
            "PP 53/2010 Pasal 7 ayat (3) huruf a",
            "penundaan kenaikan gaji berkala selama 1 tahun",
            "periodic salary rise postponed 1 year",
        ),
        Sanction(
            "potong_tukin_25_9_bulan",
            "sedang",
            5,
            "PP 94/2021 Pasal 8 ayat (3) huruf b",
            "pemotongan tunjangan kinerja 25% selama 9 bulan",
            "25% cut of performance allowance for 9 months",
        ),
        Sanction(
            "penundaan_pangkat_1_tahun",
            "sedang",
            5,
            "PP 53/2010 Pasal 7 ayat (3) huruf b",
            "penundaan kenaikan pangkat selama 1 tahun",
            "promotion postponed 1 year",
        ),
        Sanction(
            "potong_tukin_25_12_bulan",
            "sedang",
            6,
            "PP 94/2021 Pasal 8 ayat (3) huruf c",
            "pemotongan tunjangan kinerja 25% selama 12 bulan",
            "25% cut of performance allowance for 12 months",
        ),
        Sanction(
            "penurunan_pangkat_1_tahun",
            "sedang",
            6,
            "PP 53/2010 Pasal 7 ayat (3) huruf c",
            "penurunan pangkat setingkat lebih rendah selama 1 tahun",
            "one rank lower for 1 year",
        ),
        Sanction(
            "penurunan_pangkat_3_tahun",
            "berat",
            7,
            "PP 53/2010 Pasal 7 ayat (4) huruf a",
            "penurunan pangkat setingkat lebih rendah selama 3 tahun",
            "one rank lower for 3 years",
        ),
        Sanction(
            "penurunan_jabatan_12_bulan",
            "berat",
            8,
            "PP 94/2021 Pasal 8 ayat (4) huruf a",
            "penurunan jabatan setingkat lebih rendah selama 12 bulan",
            "one position level lower for 12 months",
        ),
        Sanction(
            "pemindahan_penurunan_jabatan",
            "berat",
            8,
            "PP 53/2010 Pasal 7 ayat (4) huruf b",
            "pemindahan dalam rangka penurunan jabatan setingkat lebih rendah",
            "moved to a position one level lower",
        ),
        Sanction(
            "pembebasan_jabatan_12_bulan",
            "berat",
            9,
            "PP 94/2021 Pasal 8 ayat (4) huruf b",
            "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan",
            "released from position to pelaksana for 12 months",
        ),
        Sanction(
            "pembebasan_jabatan",
            "berat",
            9,
            "PP 53/2010 Pasal 7 ayat (4) huruf c",
            "pembebasan dari jabatan",
            "released from position",
        ),
        Sanction(
            "pdh_taps",
            "berat",
            10,
            "PP 94/2021 Pasal 8 ayat (4) huruf c",
            "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
            "honourable dismissal not at own request",
        ),
        Sanction(
            "ptdh",
            "berat",
            11,
            "UU 20/2023 Pasal 52 ayat (3) huruf g dan ayat (4)",
            "pemberhentian tidak dengan hormat sebagai PNS",
            "dishonourable dismissal",
        ),
    )
}

# The types of each level under each regime.
PP94_TYPES = {
    "ringan": ("teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas"),
    "sedang": ("potong_tukin_25_6_bulan", "potong_tukin_25_9_bulan", "potong_tukin_25_12_bulan"),
    # The dismissal code follows RulesConfig.berat_dismissal.
    "berat": ("penurunan_jabatan_12_bulan", "pembebasan_jabatan_12_bulan", "pdh_taps"),
}
PP53_TYPES = {
    "ringan": ("teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas"),
    "sedang": ("penundaan_kgb_1_tahun", "penundaan_pangkat_1_tahun", "penurunan_pangkat_1_tahun"),
    "berat": (
        "penurunan_pangkat_3_tahun",
        "pemindahan_penurunan_jabatan",
        "pembebasan_jabatan",
        "pdh_taps",
        "ptdh",
    ),
}
# PP 94 Pasal 42(2): the tukin cut of each grade and the PP 53 Pasal 7(3) type that stands in for
# it (grade-by-grade link from Perban BKN 6/2022 Pasal 62, secondary source).
INTERIM_SEDANG = {
    "potong_tukin_25_6_bulan": "penundaan_kgb_1_tahun",
    "potong_tukin_25_9_bulan": "penundaan_pangkat_1_tahun",
    "potong_tukin_25_12_bulan": "penurunan_pangkat_1_tahun",
}
