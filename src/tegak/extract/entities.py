"""People with their roles, and the bodies a text names.

People are found through the grammar news reports use for officials: a role then a name
("Sekretaris Daerah (Sekda) Reny Hendrawati", "Plt Wali Kota Bekasi Tri Adhianto"), a role then a
name in brackets ("kepala BKPSDM (Karto)"), or a name then "selaku"/"sebagai" and a role. A
capitalised word is a name only in those places, so a place or a heading is not taken for a person.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from tegak.extract.text import lower_ascii, quick, quick_lower, squash, words

_DIRECTIONS = r"(?:Selatan|Utara|Barat|Timur|Tengah|Raya|Kota)"
REGION = rf"[A-Z][a-z]+(?:\s+{_DIRECTIONS}\b)?"
_NAME_WORD = r"[A-Z][a-z]+(?:[’'][a-z]+)?"
_HONORIFIC = r"(?:(?:H|Hj|Dr|Drs|Dra|Ir|Prof|KH)\.\s*)"
NAME = rf"{_HONORIFIC}?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"

# Capitalised words that start no name.
_NOT_NAME = words(
    """
    kota kabupaten kab provinsi pemerintah pemkot pemkab pemprov pemda kepala sekretaris
    dinas badan ketua wakil bupati wali walikota gubernur camat lurah inspektur anggota
    komisi direktur koordinator daerah dewan umum plt plh pj penjabat sekda sekwan kadis
    kaban kabid kabag kasubag kasi senin selasa rabu kamis jumat sabtu minggu ahad januari
    februari maret april mei juni juli agustus september oktober november desember dalam
    bahwa pada kami kita yang ini itu para serta dan selaku sebagai kepada dari tersebut
    ketika saat sementara menurut kata ujar pukul tahun nomor tentang perkumpulan lsm
    yayasan aliansi forum ikatan himpunan gerakan paguyuban koalisi komunitas ormas media
    humas jangan masyarakat negara republik indonesia viral ditambahkan adapun guna larangan
    pegawai aparatur tenaga sipil kerja kontrak honorer menurutnya namun selain bersama
    melalui oleh peraturan undang surat edaran keputusan instruksi polres polda kejari
    kejaksaan kepolisian perangkat unit satuan sub bapak ibu saudara saudari jawa sumatera
    kalimantan sulawesi papua bali maluku nusa tenggara
    """
)
_NOT_NAME |= {"h", "hj", "kh", "dr", "drs", "dra", "ir", "prof"}  # honorifics before a name

# Names of bodies that are written like names ("Bawaslu", "Ombudsman"): never a person.
BODY_WORDS = re.compile(
    r"Bawaslu|Ombudsman|Inspektorat|Bapenda|Bappeda|Disdik|Dinkes|Dishub|Dinsos|Disdukcapil"
    r"|Dukcapil|Diskominfo|Kesbangpol|Setwan|Setda|Disnaker|Disparbud|Kemendagri|Perwakilan"
    r"|Polres|Polresta|Polda|Kejari|Kejati|Puskesmas|Kecamatan|Kelurahan"
)

_ROLE_PREFIX = r"(?P<acting>(?i:Plt|Plh|Pj|Penjabat)\.?\s+)?"
# Role words -> canonical role, read case-insensitively ("kepala BKPSDM", "Sekretaris daerah").
ROLES: list[tuple[str, str]] = [
    (r"Sekretaris\s+Daerah|Sekda", "Sekretaris Daerah"),
    (r"Sekretaris\s+Dewan|Sekwan", "Sekretaris Dewan"),
    (r"Sekretaris\s+DPRD", "Sekretaris DPRD"),
    (r"Wakil\s+Wali\s*kota", "Wakil Wali Kota"),
    (r"Wali\s*kota", "Wali Kota"),
    (r"Wakil\s+Bupati", "Wakil Bupati"),
    (r"Bupati", "Bupati"),
    (r"Wakil\s+Gubernur", "Wakil Gubernur"),
    (r"Gubernur", "Gubernur"),
    (r"Kepala\s+Desa|Kades", "Kepala Desa"),
    (r"Kepala|Kadis|Kaban|Kabid|Kabag|Kasubb?ag|Kasi", "Kepala"),
    (r"Inspektur(?:\s+Daerah)?", "Inspektur"),
    (r"Camat", "Camat"),
    (r"Lurah", "Lurah"),
    (r"Ketua\s+Umum", "Ketua Umum"),
    (r"Ketua\s+Harian", "Ketua Harian"),
    (r"Ketua", "Ketua"),
    (r"Sekretaris\s+Jenderal|Sekjen", "Sekretaris Jenderal"),
    (r"Koordinator", "Koordinator"),
    (r"Direktur(?:\s+Eksekutif)?", "Direktur"),
    (r"Anggota\s+DPRD", "Anggota DPRD"),
]
_ROLE_LOOKUP = [(re.compile(pattern, re.IGNORECASE), role) for pattern, role in ROLES]
_ROLE = "(?P<role>" + "|".join(f"(?:{pattern})" for pattern, _ in ROLES) + r")\b"
ROLE_RE = quick(r"(?<![\w-])" + _ROLE_PREFIX + "(?i:" + _ROLE + ")")
# The same, to scan `lower_ascii(text)` quickly (same offsets).
ROLE_LOWER = quick_lower(r"(?<![\w-])" + _ROLE_PREFIX + _ROLE)

# After the role: an optional "(Sekda)", then the unit or region words, then the name.
_TAIL_TOKEN = re.compile(
    r"\s*(\((?P<paren>[^()\n]{1,60})\)|(?P<word>(?:H|Hj|KH|Dr|Drs|Dra|Ir|Prof)\."
    r"|[A-Z](?:[\w’'\-]|\.(?=\w))*|dan|,))"
)
_NAME_RE = re.compile(NAME)
# "Hanan Tarya selaku Sekretaris Dewan": find the linking word, then the name just before it.
_SELAKU = quick(r"(?<![\w-])(?:selaku|sebagai|yang\s+menjabat(?:\s+sebagai)?)\s+")
_NAME_BEFORE = re.compile(rf"(?P<name>{NAME})\s*,?\s+$")
# "Badan Kepegawaian ... (BKPSDM) Karto, serta ...": a unit's acronym in brackets, then its head.
_UNIT_THEN_NAME = quick(
    rf"\((?P<acronym>[A-Z][A-Za-z]{{2,}})\)\s+(?P<name>{NAME})"
    r"(?=\s*[,.;]|\s+(?:serta|dan|selaku|sebagai)\b)"
)
_ORG_TYPES = (
    r"Perkumpulan|LSM|Lembaga\s+Swadaya\s+Masyarakat|Yayasan|Aliansi|Forum|Ikatan|Himpunan"
    r"|Gerakan|Paguyuban|Koalisi|Komunitas|Ormas"
)
_LEVEL = r"(?:Kota|Kabupaten|Kab\.|Provinsi)"
_UNIT_HEADS = frozenset({"dinas", "badan", "bagian", "bidang", "seksi", "kantor", "inspektorat"})
# Words in the names of regional units (perangkat daerah): they belong to the unit, not the person.
UNIT_WORDS = words(
    """
    pendidikan kesehatan perhubungan sosial kepegawaian pengembangan sumber daya manusia
    lingkungan hidup pekerjaan umum penataan ruang kependudukan pencatatan sipil komunikasi
    informatika pariwisata kebudayaan pertanian perikanan perdagangan perindustrian keuangan
    aset pendapatan perencanaan pembangunan penanggulangan bencana pemuda olahraga tenaga
    kerja koperasi usaha kecil menengah perumahan permukiman pertanahan kesatuan bangsa
    politik pemberdayaan masyarakat perempuan perlindungan anak ketahanan pangan daerah
    penanaman modal pelayanan terpadu satu pintu arsip perpustakaan kearsipan pemadam
    kebakaran pelatihan keluarga berencana penduduk pengelolaan pemerintahan kesejahteraan
    rakyat hukum organisasi umum protokol ekonomi
    """
)


@dataclass(slots=True)
class PersonMention:
    """A person with what the text says about their role and body."""

    start: int
    end: int
    name: str
    role: str | None = None
    organisation: str | None = None
    role_start: int | None = None
    role_end: int | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@functools.lru_cache(maxsize=512)
def _canonical_role(raw: str) -> str:
    for pattern, role in _ROLE_LOOKUP:
        if pattern.fullmatch(raw):
            return role
    return raw


def _clean_name(raw: str) -> str | None:
    """Drop leading words that are not names; None when nothing name-like remains."""
    tokens = squash(raw).split(" ")
    while tokens and tokens[0].rstrip(".").lower() in _NOT_NAME:
        tokens.pop(0)
    kept: list[str] = []
    for token in tokens:
        if token.lower().strip("’'") in _NOT_NAME:
            break
        kept.append(token)
    if not kept or (len(kept) == 1 and kept[0].endswith(".")):
        return None
    return " ".join(kept)


@dataclass(slots=True)
class _Tail:
    words: list[tuple[int, int, str]]
    bracket: tuple[int, int, str] | None
    bracket_after_words: bool


def _read_tail(text: str, position: int) -> tuple[list[tuple[int, int, str]], int]:
    """Tokens after a role, up to the first lower-case word or sentence end."""
    tokens: list[tuple[int, int, str]] = []
    limit = min(len(text), position + 160)
    while position < limit:
        match = _TAIL_TOKEN.match(text, position)
        if match is None:
            break
        piece = match.group(1)
        if piece == "dan" and not (tokens and tokens[-1][2][0].isupper()):
            break
        if piece == "," and any(t[2] == "," for t in tokens):
            break
        tokens.append((match.start(1), match.end(1), piece))
        position = match.end()
    return tokens, position


def find_people(
    text: str, acronyms: dict[str, str], lowered: str | None = None
) -> list[PersonMention]:
    """Every person named with a role, merged when the same name recurs.

    `acronyms` maps unit acronyms defined in the text ("BKPSDM") to their long names.
    """
    people: list[PersonMention] = []
    lowered = lower_ascii(text) if lowered is None else lowered
    for match in ROLE_LOWER.finditer(lowered):
        person = _person_after_role(text, match, acronyms)
        if person is not None:
            people.append(person)
    for link in _SELAKU.finditer(lowered):
        role = ROLE_LOWER.match(lowered, link.end())
        if role is None:
            continue
        before = _NAME_BEFORE.search(text, max(0, link.start() - 80), link.start())
        name = _clean_name(before["name"]) if before else None
        if before is None or name is None:
            continue
        offset = before["name"].find(name.split(" ")[0])
        start = before.start("name") + max(offset, 0)
        person = PersonMention(start, start + len(name), name, role_start=role.start())
        organisation_tokens, _ = _split_tail(role, _read_tail(text, role.end())[0])
        _apply_role(text, role, person, acronyms, organisation_tokens)
        people.append(person)
    for match in _UNIT_THEN_NAME.finditer(text):
        unit = acronyms.get(match["acronym"])
        name = _clean_name(match["name"])
        if unit is None or name is None or name != squash(match["name"]):
            continue
        start = match.start("name")
        people.append(
            PersonMention(
                start,
                start + len(name),
                name,
                organisation=unit,
                role_start=match.start(),
                role_end=start + len(name),
            )
        )
    return _merge(people)


def _person_after_role(
    text: str, match: re.Match[str], acronyms: dict[str, str]
) -> PersonMention | None:
    tokens, _ = _read_tail(text, match.end())
    organisation_tokens, name_token = _split_tail(match, tokens)
    if name_token is None:
        return None
    start, end, raw = name_token
    if raw.startswith("("):
        start, end, raw = start + 1, end - 1, raw[1:-1]
    name = _clean_name(raw)
    if name is None or not _NAME_RE.fullmatch(name):
        return None
    offset = raw.find(name)
    start += max(offset, 0)
    person = PersonMention(start, start + len(name), name, role_start=match.start())
    _apply_role(text, match, person, acronyms, organisation_tokens)
    # The evidence runs to the closing bracket of "kepala BKPSDM (Karto)".
    person.role_end = max(person.role_end or 0, name_token[1])
    return person


def _split_tail(
    match: re.Match[str], tokens: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], tuple[int, int, str] | None]:
    """Split the words after a role into the body it belongs to and the person's name."""
    role = _canonical_role(match["role"])
    organisation: list[tuple[int, int, str]] = []
    index = 0
    # "(Sekda)": the role's own abbreviation.
    if index < len(tokens) and tokens[index][2].startswith("("):
        inner = tokens[index][2][1:-1]
        if ROLE_RE.fullmatch(inner) or inner.isupper():
            if inner.isupper() and not ROLE_RE.fullmatch(inner):
                organisation.append(tokens[index])
            index += 1
    index = _take_body(role, match["role"], tokens, index, organisation)
    if index < len(tokens) and tokens[index][2] == ",":
        index += 1
    if index >= len(tokens):
        return organisation, None
    token = tokens[index]
    if token[2].startswith("("):
        return organisation, token
    first, after = _run(tokens, index)
    if first is None:
        return organisation, None
    # "Kepala Ombudsman Perwakilan, Sri Wahyuni": the words before the comma name the body.
    if after < len(tokens) and tokens[after][2] == ",":
        second, _ = _run(tokens, after + 1)
        if second is not None and _clean_name(second[2]) == squash(second[2]):
            organisation.extend(t for t in tokens[index:after])
            return organisation, second
    return organisation, first


def _run(tokens: list[tuple[int, int, str]], index: int) -> tuple[tuple[int, int, str] | None, int]:
    """The run of adjacent capitalised words from `index`, and the index after it."""
    run: list[tuple[int, int, str]] = []
    for word in tokens[index:]:
        if word[2].startswith("(") or word[2] in {",", "dan"} or (run and word[0] - run[-1][1] > 2):
            break
        run.append(word)
    if not run:
        return None, index
    return (run[0][0], run[-1][1], " ".join(t[2] for t in run)), index + len(run)


def _take_body(
    role: str,
    raw_role: str,
    tokens: list[tuple[int, int, str]],
    index: int,
    organisation: list[tuple[int, int, str]],
) -> int:
    """Consume the unit, association or region words that follow a role."""

    def word(at: int) -> str:
        return tokens[at][2] if at < len(tokens) else ""

    if role == "Kepala" and word(index).lower() in _UNIT_HEADS:
        organisation.append(tokens[index])
        index += 1
        while word(index) and (word(index).lower() in UNIT_WORDS or word(index) == "dan"):
            organisation.append(tokens[index])
            index += 1
    leads = role.startswith("Ketua") or role in {"Koordinator", "Direktur", "Sekretaris Jenderal"}
    if leads and re.fullmatch(_ORG_TYPES, word(index)):
        organisation.append(tokens[index])
        index += 1
        # One name word for the association; a longer run is its name plus the speaker's.
        if word(index) and not word(index).startswith("("):
            organisation.append(tokens[index])
            index += 1
    # Acronyms and named bodies: "Kepala BKPSDM", "Ketua Bawaslu", "Kepala Ombudsman Perwakilan".
    while word(index) and (
        re.fullmatch(r"[A-Z][A-Z0-9\-]+|[A-Z][a-z]*[A-Z]+[A-Za-z]*", word(index))
        or BODY_WORDS.fullmatch(word(index))
    ):
        organisation.append(tokens[index])
        index += 1
    if (
        index + 1 < len(tokens)
        and re.fullmatch(_LEVEL, word(index))
        and re.fullmatch(r"[A-Z][a-z]+", word(index + 1))
    ):
        organisation.extend(tokens[index : index + 2])
        index += 2
        if re.fullmatch(_DIRECTIONS, word(index)):
            organisation.append(tokens[index])
            index += 1
    elif (
        role in _AREA_ROLES
        and re.fullmatch(r"[A-Z][a-z]+", word(index))
        and word(index).lower() not in _NOT_NAME
    ):
        organisation.append(tokens[index])
        index += 1
        if re.fullmatch(_DIRECTIONS, word(index)):
            organisation.append(tokens[index])
            index += 1
    return index


# Roles followed directly by the name of their area: "Wali Kota Bekasi", "Camat Sukadana".
_AREA_ROLES = frozenset(
    {"Wali Kota", "Wakil Wali Kota", "Bupati", "Wakil Bupati", "Gubernur", "Wakil Gubernur"}
    | {"Camat", "Lurah", "Kepala Desa"}
)


_AREA_OF_ROLE = {"Camat": "Kecamatan", "Lurah": "Kelurahan", "Kepala Desa": "Desa"}
_LEVEL_OF_ROLE = {
    "Wali Kota": "Kota",
    "Wakil Wali Kota": "Kota",
    "Bupati": "Kabupaten",
    "Wakil Bupati": "Kabupaten",
    "Gubernur": "Provinsi",
    "Wakil Gubernur": "Provinsi",
}


def _apply_role(
    text: str,
    match: re.Match[str],
    person: PersonMention,
    acronyms: dict[str, str],
    organisation_tokens: list[tuple[int, int, str]],
) -> None:
    role = _canonical_role(match["role"])
    person.role_end = max([match.end(), *(t[1] for t in organisation_tokens)])
    words = [t[2].strip("()") for t in organisation_tokens]
    body, level, region = _split_body(" ".join(words))
    if role == "Kepala" and body:
        role = f"Kepala {body}"
    if match["acting"]:
        acting = squash(match["acting"]).rstrip(".")
        role = f"{acting[0].upper()}{acting[1:].lower()} {role}"
    person.role = role
    person.organisation = _organisation_of(
        _canonical_role(match["role"]), body, level, region, acronyms
    )


def _split_body(joined: str) -> tuple[str, str | None, str | None]:
    """ "BKPSDM Kota Bekasi" -> ("BKPSDM", "Kota", "Bekasi")."""
    found = re.search(rf"(?:^|\s)({_LEVEL})\s+({REGION})$", joined)
    if found is None:
        return joined.strip(), None, None
    level = found.group(1).replace("Kab.", "Kabupaten")
    return joined[: found.start()].strip(), level, found.group(2)


def _organisation_of(
    role: str, body: str, level: str | None, region: str | None, acronyms: dict[str, str]
) -> str | None:
    """The body named with the role, as the text names it."""
    if role in _LEVEL_OF_ROLE:
        place = region or body
        return f"Pemerintah {_LEVEL_OF_ROLE[role]} {place}" if place else None
    if role in {"Sekretaris Daerah", "Sekretaris Dewan", "Inspektur"} and region and not body:
        return f"Pemerintah {level} {region}"
    if role in _AREA_OF_ROLE and body and not region:
        return f"{_AREA_OF_ROLE[role]} {body}"
    if not body:
        return None
    body = acronyms.get(body, body)
    return f"{body} {level} {region}" if region else body


def _merge(people: list[PersonMention]) -> list[PersonMention]:
    """One entry per person: a later "Reny" joins an earlier "Reny Hendrawati"."""
    people.sort(key=lambda person: (person.start, -person.end))
    merged: list[PersonMention] = []
    for person in people:
        same = _same_person(merged, person)
        if same is None:
            merged.append(person)
            continue
        span = (person.start, person.end)
        if len(person.name) > len(same.name):
            # The full name came later: it becomes the main mention.
            same.mentions.append((same.start, same.end))
            same.name, same.start, same.end = person.name, person.start, person.end
        elif span != (same.start, same.end) and span not in same.mentions:
            same.mentions.append(span)
        _fill(same, person)
    for person in merged:
        person.mentions = sorted(set(person.mentions) - {(person.start, person.end)})
    return merged


def _same_person(merged: list[PersonMention], person: PersonMention) -> PersonMention | None:
    key = person.name.lower().split(" ")
    for other in merged:
        other_key = other.name.lower().split(" ")
        shorter, longer = sorted((key, other_key), key=len)
        if longer[: len(shorter)] == shorter:
            return other
    return None


def _fill(target: PersonMention, source: PersonMention) -> None:
    if target.role is None or (
        target.role == "Kepala" and source.role and source.role.startswith("Kepala ")
    ):
        target.role = source.role
    if target.organisation is None:
        target.organisation = source.organisation
