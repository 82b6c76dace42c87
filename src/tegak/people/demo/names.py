"""Fictional people for the demo: names from made-up parts, NIPs that pass the registry checks."""

from __future__ import annotations

import random
from datetime import date, timedelta


def _words(text: str) -> list[str]:
    return text.split()


# Fictional name parts. Surnames of well-known Indonesians are deliberately absent
# (tests/people/test_demo.py checks the result against a list of famous names).
MALE = _words(
    "Adi Bayu Cahyo Dimas Fajar Galih Hendri Irfan Jaka Kurnia Lukman Nanda Oki Rahmat Surya "
    "Tegar Umar Wahyu Yoga Zaki Arif Bima Candra Danu Gilang Hafiz Ilham Johan Lutfi Mirza "
    "Rangga Satria Yudha Aldi Bagas Dani Feri Guntur Haris Imam"
)
FEMALE = _words(
    "Ayu Citra Dewi Endah Fitri Gita Hana Indah Julia Kartika Laras Mega Nia Okta Putri Ratna "
    "Sari Tika Umi Vina Wulan Yuni Zahra Anisa Dinda Eka Farah Intan Lina Melati Nur Rina "
    "Sinta Tari Aulia Bening Desi Elsa"
)
SECOND = _words(
    "Wiranata Prasetya Nugraha Suryadi Purnama Siregar Lubis Manurung Tampubolon "
    "Wattimena Pelupessy Lakoro Mandagi Runtuwene Syahputra Fadillah Maharddhika Gunawan "
    "Kusnadi Hamdani Firmansyah Permadi Saragih Matondang Rusdianto Sulistyo "
    "Wicaksono Adiwangsa Pranata Haryadi Mahendra Ardiansyah Yulianto Hermawan Saefudin "
    "Purwanto Rosyadi Baskoro Tanjung Rangkuti Latuconsina Kaligis Paputungan Djafar Mokodompit"
)
FEMALE_SECOND = _words("Rahayu Kurniasih Handayani Rachmawati Puspitasari Wulandari Safitri")
BALINESE_MALE = ["I Made", "I Wayan", "I Ketut", "I Nyoman", "I Putu", "I Gede"]
BALINESE_FEMALE = ["Ni Made", "Ni Wayan", "Ni Ketut", "Ni Nyoman", "Ni Putu", "Ni Luh"]
BALINESE_NAMES = _words("Arsana Sudiarta Wirawan Mahardika Astawa Suarjana Dharmayasa Sukerta")
DEGREES = ["S.E.", "S.H.", "S.Kom.", "S.Sos.", "S.AP.", "S.T.", "S.Si.", "S.Pd.", "A.Md."]
MASTER = ["M.Si.", "M.M.", "M.H.", "M.AP.", "M.T."]


class DemoPeople:
    """Deterministic fictional people with NIPs that pass the registry's checks."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.sequence = 0
        self.names: set[str] = set()

    def name(self, gender: str) -> str:
        for _attempt in range(1000):
            if self.random.random() < 0.08:
                first = self.random.choice(BALINESE_MALE if gender == "L" else BALINESE_FEMALE)
                name = f"{first} {self.random.choice(BALINESE_NAMES)}"
            else:
                first = self.random.choice(MALE if gender == "L" else FEMALE)
                pool = SECOND + (FEMALE_SECOND if gender == "P" else [])
                name = f"{first} {self.random.choice(pool)}"
                if self.random.random() < 0.25:
                    middle = self.random.choice(MALE if gender == "L" else FEMALE)
                    if middle != first:
                        name = f"{first} {middle} {self.random.choice(pool)}"
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("name parts exhausted")

    def nip(self, status: str, *, born_from: int, born_to: int, appointed: int) -> tuple[str, str]:
        """A NIP (or NI PPPK) and the gender it encodes."""
        self.sequence += 1
        gender = self.random.choice("LP")
        year = self.random.randint(born_from, born_to)
        birth = date(year, 1, 1) + timedelta(days=self.random.randint(0, 364))
        appointed = max(appointed, birth.year + 21)
        month = 21 if status in {"PPPK", "PPPK_PARUH_WAKTU"} else self.random.randint(1, 12)
        digit = "1" if gender == "L" else "2"
        return f"{birth:%Y%m%d}{appointed}{month:02d}{digit}{self.sequence:03d}", gender

    def titles(self, kind: str, position: str) -> tuple[str, str]:
        if position.startswith("Dokter"):
            return "dr.", ""
        if kind in {"jpt_pratama", "administrator"}:
            return "", f"{self.random.choice(DEGREES[:7])}, {self.random.choice(MASTER)}"
        if kind.startswith("fungsional_ahli") or kind == "pengawas":
            return "", self.random.choice(
                ["S.Pd."] if "Guru" in position or "Sekolah" in position else DEGREES[:8]
            )
        return "", ""


def status_for(kind: str, position: str, rng: random.Random) -> str:
    if kind in {"jpt_pratama", "administrator", "pengawas"} or position == "Kepala Sekolah":
        return "PNS"
    if position.startswith("Tenaga Pendukung"):
        return "NON_ASN"
    roll = rng.random()
    if kind.startswith("fungsional"):
        return "PNS" if roll < 0.6 else ("PPPK" if roll < 0.9 else "CPNS")
    if roll < 0.5:
        return "PNS"
    if roll < 0.6:
        return "CPNS"
    if roll < 0.75:
        return "PPPK"
    if roll < 0.85:
        return "PPPK_PARUH_WAKTU"
    return "NON_ASN"


def golongan_for(status: str, kind: str, rng: random.Random) -> str:
    if status in {"PNS", "CPNS"}:
        if status == "CPNS":
            return rng.choice(["II/a", "III/a"])
        return {
            "jpt_pratama": "IV/c",
            "administrator": rng.choice(["IV/a", "IV/b"]),
            "pengawas": rng.choice(["III/c", "III/d"]),
            "fungsional_ahli_utama": "IV/d",
            "fungsional_ahli_madya": rng.choice(["IV/a", "IV/b"]),
            "fungsional_ahli_muda": rng.choice(["III/c", "III/d"]),
            "fungsional_ahli_pertama": rng.choice(["III/a", "III/b"]),
            "fungsional_keterampilan": rng.choice(["II/c", "II/d", "III/a"]),
        }.get(kind, rng.choice(["II/b", "II/c", "III/a", "III/b"]))
    if status in {"PPPK", "PPPK_PARUH_WAKTU"}:
        return rng.choice(["V", "VII", "IX"])
    return ""
