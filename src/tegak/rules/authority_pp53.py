"""Who imposed a sanction under PP 53/2010 (Pasal 15-22), for assessments before 31 Aug 2021.

PP 53/2010 gives authority by the employee's post and the sanction type: structural posts by
echelon (eselon I-V), functional posts (fungsional tertentu) by grade, and staff without a post
(fungsional umum) by pay grade (golongan ruang). Each article names the official (an echelon, the
Sekretaris Daerah of a kabupaten/kota, the PPK, the Governor, the President) and the types of
Pasal 7 they may impose. The engine walks the chain of superiors from the bottom and takes the
first official an article makes competent; an official the structure lacks or a vacant post
passes the authority up (Pasal 22); then the Sekretaris Daerah (kabupaten/kota), the PPK, the
Governor and the President. Only PNS who hold their post in their own instansi are encoded
(not those seconded, "dipekerjakan/diperbantukan", which Pasal 16(1)(b)-(g) treat apart).
"""

from __future__ import annotations

from dataclasses import dataclass

from tegak.rules.authority import Authority, default_chain

# The Pasal 7 letter of each PP 53 sanction code: "2" is every ringan type (Pasal 7(2)).
TYPE_LETTER = {
    "teguran_lisan": "2",
    "teguran_tertulis": "2",
    "pernyataan_tidak_puas": "2",
    "penundaan_kgb_1_tahun": "3a",
    "penundaan_pangkat_1_tahun": "3b",
    "penurunan_pangkat_1_tahun": "3c",
    "penurunan_pangkat_3_tahun": "4a",
    "pemindahan_penurunan_jabatan": "4b",
    "pembebasan_jabatan": "4c",
    "pdh_taps": "4d",
    "ptdh": "4e",
}
ALL = frozenset(TYPE_LETTER.values())
SEDANG = frozenset({"3a", "3b", "3c"})
BERAT = frozenset({"4a", "4b", "4c", "4d", "4e"})

GOLONGAN = tuple(
    f"{grade}/{letter}"
    for grade, letters in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for letter in letters
)
# Grades of a functional post: the expert grades and the skilled grades, with the names used
# after PermenPAN-RB 2019 accepted for the skilled ones (mahir, terampil, pemula).
JENJANG = {
    "utama": "utama",
    "madya": "madya",
    "muda": "muda",
    "pertama": "pertama",
    "penyelia": "penyelia",
    "pelaksana_lanjutan": "pelaksana_lanjutan",
    "mahir": "pelaksana_lanjutan",
    "pelaksana": "pelaksana",
    "terampil": "pelaksana",
    "pelaksana_pemula": "pelaksana_pemula",
    "pemula": "pelaksana_pemula",
}
ESELON = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
EXPERT = {
    "fungsional_ahli_utama": "utama",
    "fungsional_ahli_madya": "madya",
    "fungsional_ahli_muda": "muda",
    "fungsional_ahli_pertama": "pertama",
}
POSITION_ESELON = {
    "jpt_utama": 1,
    "jpt_madya": 1,
    "jpt_pratama": 2,
    "administrator": 3,
    "pengawas": 4,
}
# Superiors in a chain (PP 94 kinds) and the echelon PP 53 gave the same post.
CHAIN_ESELON = {
    "jpt_utama": 1,
    "jpt_madya": 1,
    "jpt_pratama": 2,
    "administrator": 3,
    "pengawas": 4,
    "eselon_v": 5,
}


@dataclass(frozen=True)
class Pp53Post:
    """The employee's post as PP 53/2010 classes it."""

    kind: str  # "eselon" | "ft" | "fu" | "sekda"
    eselon: int | None = None
    jenjang: str | None = None
    golongan: int | None = None  # index in GOLONGAN


def _gol(value: str) -> int:
    return GOLONGAN.index(value)


@dataclass(frozen=True)
class Entry:
    """One article: `official` may impose `types` on the posts `posts` describes."""

    official: str  # "eselon:N" | "sekda" | "ppk" | "gubernur" | "presiden" | "kepala_perwakilan"
    posts: str
    types: frozenset[str]
    basis: str

    def covers(self, post: Pp53Post, letter: str) -> bool:
        return letter in self.types and any(_match(spec, post) for spec in self.posts.split("|"))


def _match(spec: str, post: Pp53Post) -> bool:
    if spec == "SEKDA":
        return post.kind == "sekda"
    if spec == "ANY":
        return True
    if spec.startswith("E"):
        if post.kind != "eselon" or post.eselon is None:
            return False
        if spec.endswith("-"):
            return post.eselon >= int(spec[1:-1])
        return post.eselon == int(spec[1:])
    if spec.startswith("FT:"):
        return post.kind == "ft" and post.jenjang in spec[3:].split(",")
    if spec.startswith("FU:"):
        if post.kind != "fu" or post.golongan is None:
            return False
        low, _, high = spec[3:].partition("-")
        lowest = _gol(low) if low else 0
        return lowest <= post.golongan <= _gol(high)
    raise AssertionError(spec)


FT_BELOW_MUDA = "muda,penyelia,pertama,pelaksana_lanjutan,pelaksana,pelaksana_pemula"


def _central(article: int, ayat: dict[str, int]) -> list[Entry]:
    """Pasal 16 (pusat) or Pasal 18 (provinsi): the same matrix, numbered differently."""
    p = f"PP 53/2010 Pasal {article} ayat"
    ppk = f"{p} (1) huruf a angka"
    fu_iv = ayat["fu_iv"]
    e3_below = ayat["e3_below"]
    fu_iiid = ayat["fu_iiid"]
    entries = [
        Entry("ppk", "E1", frozenset({"2", "3a", "3b", "3c", "4a"}), f"{ppk} 1"),
        Entry("ppk", "FT:utama", ALL, f"{ppk} 2"),
        Entry("ppk", "FU:IV/d-IV/e", frozenset({"2", *SEDANG, "4a", "4d", "4e"}), f"{ppk} 3"),
        Entry("ppk", "E2|FT:madya,penyelia", SEDANG | BERAT, f"{ppk} 4"),
        Entry("ppk", "FU:IV/a-IV/c", frozenset({*SEDANG, "4a", "4d", "4e"}), f"{ppk} {fu_iv}"),
        Entry("ppk", f"E3-|FT:{FT_BELOW_MUDA}", frozenset({"3c"}) | BERAT, f"{ppk} {e3_below}"),
        Entry("ppk", "FU:-III/d", frozenset({"3c", "4a", "4d", "4e"}), f"{ppk} {fu_iiid}"),
    ]
    entries += _echelons(p, ayat["e1"], ayat["e2"], ayat["e3"], ayat["e4"], ayat["e5"])
    return entries


def _echelons(p: str, e1: int | None, e2: int, e3: int, e4: int, e5: int) -> list[Entry]:
    entries = []
    if e1 is not None:
        entries += [
            Entry(
                "eselon:1",
                "E2|FT:madya|FU:IV/a-IV/c",
                frozenset({"2"}),
                f"{p} ({e1}) huruf a angka 1",
            ),
            Entry(
                "eselon:1",
                "E3|FT:muda,penyelia|FU:III/b-III/d",
                frozenset({"3a", "3b"}),
                f"{p} ({e1}) huruf a angka 2",
            ),
        ]
    entries += [
        Entry(
            "eselon:2",
            "E3|FT:muda,penyelia|FU:III/c-III/d",
            frozenset({"2"}),
            f"{p} ({e2}) huruf a angka 1",
        ),
        Entry(
            "eselon:2",
            "E4|FT:pertama,pelaksana_lanjutan|FU:II/c-III/b",
            frozenset({"3a", "3b"}),
            f"{p} ({e2}) huruf a angka 2",
        ),
        Entry(
            "eselon:3",
            "E4|FT:pertama,pelaksana_lanjutan|FU:II/c-III/b",
            frozenset({"2"}),
            f"{p} ({e3}) huruf a angka 1",
        ),
        Entry(
            "eselon:3",
            "E5|FT:pelaksana,pelaksana_pemula|FU:II/a-II/b",
            frozenset({"3a", "3b"}),
            f"{p} ({e3}) huruf a angka 2",
        ),
        Entry(
            "eselon:4",
            "E5|FT:pelaksana,pelaksana_pemula|FU:II/a-II/b",
            frozenset({"2"}),
            f"{p} ({e4}) huruf a angka 1",
        ),
        Entry("eselon:4", "FU:I/a-I/d", frozenset({"3a", "3b"}), f"{p} ({e4}) huruf a angka 2"),
        Entry("eselon:5", "FU:I/a-I/d", frozenset({"2"}), f"{p} ({e5}) huruf a"),
    ]
    return entries


COMMON = [
    Entry("presiden", "E1", frozenset({"4b", "4c", "4d", "4e"}), "PP 53/2010 Pasal 15 ayat (1)"),
    Entry("kepala_perwakilan", "ANY", frozenset({"2", "4b", "4c"}), "PP 53/2010 Pasal 17"),
]
PUSAT = [
    *_central(
        16, {"fu_iv": 6, "e3_below": 7, "fu_iiid": 8, "e1": 2, "e2": 3, "e3": 5, "e4": 6, "e5": 7}
    ),
    Entry(
        "eselon:2",
        "E4-|FT:pertama,pelaksana_lanjutan|FU:-III/d",
        frozenset({"3c"}),
        "PP 53/2010 Pasal 16 ayat (4)",
    ),
    *COMMON,
]
PROVINSI = [
    *_central(
        18, {"fu_iv": 5, "e3_below": 6, "fu_iiid": 7, "e1": 2, "e2": 3, "e3": 4, "e4": 5, "e5": 6}
    ),
    *COMMON,
]
_K = "PP 53/2010 Pasal 20 ayat (1) huruf a angka"
KABUPATEN_KOTA = [
    Entry("ppk", "SEKDA", frozenset({"2", *SEDANG, "4a"}), f"{_K} 1"),
    Entry("ppk", "FT:utama", ALL, f"{_K} 2"),
    Entry("ppk", "FU:IV/d-IV/e", frozenset({"2", *SEDANG, "4a", "4d", "4e"}), f"{_K} 3"),
    Entry("ppk", "E2|FT:madya,penyelia", ALL, f"{_K} 4"),
    Entry("ppk", "FU:IV/a-IV/c", frozenset({*SEDANG, "4a", "4d", "4e"}), f"{_K} 5"),
    Entry("ppk", f"E3-|FT:{FT_BELOW_MUDA}", SEDANG | BERAT, f"{_K} 6"),
    Entry("ppk", "FU:-III/d", frozenset({*SEDANG, "4a", "4d", "4e"}), f"{_K} 7"),
    Entry("sekda", "E2", frozenset({"2"}), "PP 53/2010 Pasal 20 ayat (2) huruf a angka 1"),
    Entry(
        "sekda",
        "E3|FT:muda,penyelia|FU:III/c-III/d",
        frozenset({"2"}),
        "PP 53/2010 Pasal 20 ayat (2) huruf a angka 2",
    ),
    Entry(
        "sekda",
        "E4|FT:pertama,pelaksana_lanjutan|FU:II/c-III/b",
        frozenset({"3a", "3b"}),
        "PP 53/2010 Pasal 20 ayat (2) huruf a angka 3",
    ),
    *_echelons("PP 53/2010 Pasal 20 ayat", None, 3, 4, 5, 6),
    Entry("gubernur", "SEKDA", frozenset({"4b", "4c", "4d", "4e"}), "PP 53/2010 Pasal 19 huruf a"),
    *COMMON,
]
TABLES = {"pusat": PUSAT, "provinsi": PROVINSI, "kabupaten_kota": KABUPATEN_KOTA}
# After the chain: the officials PP 53 names by office, lowest first.
OFFICES = ("sekda", "ppk", "gubernur", "presiden")
OFFICIAL_NAMES = {
    "eselon:1": "pejabat_struktural_eselon_i",
    "eselon:2": "pejabat_struktural_eselon_ii",
    "eselon:3": "pejabat_struktural_eselon_iii",
    "eselon:4": "pejabat_struktural_eselon_iv",
    "eselon:5": "pejabat_struktural_eselon_v",
    "sekda": "sekretaris_daerah",
    "ppk": "ppk",
    "gubernur": "gubernur",
    "presiden": "presiden",
    "kepala_perwakilan": "kepala_perwakilan",
}


def pp53_post(
    *,
    position: str,
    eselon: str | None,
    golongan: str | None,
    jenjang: str | None,
    sekretaris_daerah: bool,
    instansi_level: str,
) -> Pp53Post | None:
    """The post as PP 53 classes it, or None when a fact it needs is missing."""
    if sekretaris_daerah:
        if instansi_level == "kabupaten_kota":
            return Pp53Post("sekda")
        if instansi_level == "provinsi":
            return Pp53Post("eselon", eselon=1)  # Penjelasan Pasal 18(1)(a) angka 1
    if eselon is not None:
        return Pp53Post("eselon", eselon=ESELON[eselon])
    if position in POSITION_ESELON:
        return Pp53Post("eselon", eselon=POSITION_ESELON[position])
    if position in EXPERT:
        return Pp53Post("ft", jenjang=EXPERT[position])
    if position == "fungsional_keterampilan":
        return None if jenjang is None else Pp53Post("ft", jenjang=JENJANG[jenjang])
    if position == "pelaksana":
        return None if golongan is None else Pp53Post("fu", golongan=_gol(golongan))
    return None


def _role(index: int) -> str:
    return {0: "atasan_langsung", 1: "atasan_dari_atasan_langsung"}.get(
        index, "atasan_lebih_tinggi"
    )


def pp53_authority(
    *,
    post: Pp53Post,
    instansi_level: str,
    sanction: str,
    chain: tuple[str, ...] | None,
    position: str,
    appointed_by_president: bool,
) -> Authority | None:
    """The lowest official PP 53/2010 makes competent, or None when no article does."""
    letter = TYPE_LETTER.get(sanction)
    if letter is None:
        return None
    table = TABLES[instansi_level]
    if appointed_by_president and letter in {"4b", "4c", "4d", "4e"}:
        return Authority(
            "presiden", ("PP 53/2010 Pasal 15 ayat (1)", "PP 53/2010 Pasal 15 ayat (2)"), None
        ).with_official("presiden")
    entries = [entry for entry in table if entry.covers(post, letter)]
    superiors = chain if chain is not None else default_chain(position, instansi_level)
    best: tuple[int, Authority] | None = None
    for entry in entries:
        found = _in_chain(entry, superiors)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    if best is not None:
        return best[1]
    for office in OFFICES:
        for entry in entries:
            if entry.official == office:
                role = "presiden" if office == "presiden" else office
                return Authority(role, (entry.basis,)).with_official(OFFICIAL_NAMES[office])
    return None


def _in_chain(entry: Entry, superiors: tuple[str, ...]) -> tuple[int, Authority] | None:
    """(chain index, authority) when an official of the chain holds this article's power."""
    if entry.official == "kepala_perwakilan":
        for index, item in enumerate(superiors):
            if item == "kepala_perwakilan":
                return index, Authority(_role(index), (entry.basis,)).with_official(
                    "kepala_perwakilan"
                )
        return None
    if not entry.official.startswith("eselon:"):
        return None
    wanted = int(entry.official.split(":")[1])
    passed_up = False
    for index, item in enumerate(superiors):
        kind = item.removeprefix("vacant:")
        rank = CHAIN_ESELON.get(kind)
        if rank is None:
            continue
        if rank > wanted:
            continue
        if item.startswith("vacant:") or rank < wanted:
            # The post is vacant, or the structure has no official of that echelon here:
            # the authority passes to the next higher official (Pasal 22).
            passed_up = True
            if item.startswith("vacant:"):
                continue
        basis = (entry.basis, "PP 53/2010 Pasal 22") if passed_up else (entry.basis,)
        official = f"eselon:{rank}"
        return index, Authority(_role(index), basis).with_official(OFFICIAL_NAMES[official])
    return None
