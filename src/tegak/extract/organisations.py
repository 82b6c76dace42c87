"""Bodies a text names: regional governments, their units, state bodies, associations, media.

Each body is named as the text names it: a long form given with its acronym
("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)") keeps both, and a bare acronym
stays an acronym (we do not expand it from a dictionary: nothing is invented).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tegak.extract.entities import REGION, UNIT_WORDS
from tegak.extract.text import quick, squash

PEMERINTAH_DAERAH = "pemerintah_daerah"
PERANGKAT_DAERAH = "perangkat_daerah"
LEMBAGA = "lembaga"
ORMAS = "ormas"
MEDIA = "media"

_LEVELS = {"kota": "Kota", "kabupaten": "Kabupaten", "kab.": "Kabupaten", "provinsi": "Provinsi"}
_SHORT_LEVELS = {"pemkot": "Kota", "pemkab": "Kabupaten", "pemprov": "Provinsi"}

GOVERNMENT = quick(
    rf"\b(?:(?i:pemerintah)\s+(?P<level>(?i:kota|kabupaten|kab\.|provinsi))(?:\s*\((?i:pemkot|pemkab|pemprov)\))?"
    rf"|(?P<short>Pemkot|Pemkab|Pemprov))\s+(?P<region>{REGION})"
)
# Acronyms of regional units (perangkat daerah) that reports use on their own.
UNIT_ACRONYMS = (
    r"BKPSDM|BKPSDMD|BKPPD|BKPP|BKD|Bappeda|Bapenda|BPKAD|BPKD|BPBD|Disdik|Dinkes|Dishub|Dinsos"
    r"|Disdukcapil|Dukcapil|DLH|Diskominfo|DPMPTSP|Kesbangpol|Setwan|Setda|Satpol\s+PP|RSUD"
    r"|Disnaker|DPUPR|Disperkimtan|Disparbud|Inspektorat"
)
UNIT_ACRONYM = quick(
    rf"(?<![\w-])(?P<acronym>{UNIT_ACRONYMS}|(?i:setwan|setda))(?![\w-])"
    rf"(?:\s+(?P<level>Kota|Kabupaten|Kab\.|Provinsi)\s+(?P<region>{REGION}))?"
)
UNIT_LONG = quick(
    r"\b(?P<long>(?:Badan|Dinas|Inspektorat|Sekretariat|Satuan\s+Polisi\s+Pamong\s+Praja"
    r"|Rumah\s+Sakit\s+Umum\s+Daerah|Kecamatan)"
    r"(?:,?\s+(?:dan|serta|[A-Z][a-z]+|[A-Z]{2,})){0,12}?)"
    r"\s*\((?P<acronym>[A-Z][A-Za-z\-]+)\)"
)
# "Dinas Pendidikan Kota Mataram", without an acronym: the head word and unit words only.
UNIT_PLAIN = quick(
    r"\b(?P<unit>(?:Dinas|Badan|Bagian|Bidang)(?:\s+(?:dan|[A-Z][a-z]+)){1,10}?)"
    rf"(?=\s*[,.;)]|\s+[a-z]|\s*$|\s+(?P<level>Kota|Kabupaten|Provinsi)\s+(?P<region>{REGION}))"
)
# A dateline: "BEKASI (IndependensI.com) –", "MATARAM (Warta Lombok) –".
DATELINE = quick(r"^[A-Z][A-Z .]{2,30}\s*\((?P<name>[^()\n]{2,40})\)\s*[-–—]", re.MULTILINE)
# State bodies, with the long forms the reports use.
STATE_BODIES: list[tuple[str, str]] = [
    (r"Komisi\s+Aparatur\s+Sipil\s+Negara|KASN", "KASN"),
    (r"Badan\s+Kepegawaian\s+Negara|BKN", "BKN"),
    (r"Komisi\s+Pemberantasan\s+Korupsi|KPK", "KPK"),
    (
        r"Ombudsman(?:\s+(?:RI|Republik\s+Indonesia))?(?:\s+Perwakilan\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?",
        "Ombudsman",
    ),
    (r"Badan\s+Pengawas\s+Pemilihan\s+Umum|Bawaslu", "Bawaslu"),
    (r"Komisi\s+Pemilihan\s+Umum|KPU", "KPU"),
    (r"Badan\s+Pemeriksa\s+Keuangan|BPK", "BPK"),
    (r"BPKP", "BPKP"),
    (r"Dewan\s+Perwakilan\s+Rakyat\s+Daerah|DPRD", "DPRD"),
    (r"Kementerian\s+Dalam\s+Negeri|Kemendagri", "Kemendagri"),
    (
        r"Kementerian\s+Pendayagunaan\s+Aparatur\s+Negara\s+dan\s+Reformasi\s+Birokrasi"
        r"|Kemen\s*PAN[\s-]?RB|KemenPANRB|Kementerian\s+PAN[\s-]?RB",
        "KemenPAN-RB",
    ),
    (r"Polres(?:ta)?|Polda|Kejaksaan\s+Negeri|Kejari|Kejati", "aparat_penegak_hukum"),
]
STATE_BODY = quick(
    r"(?<![\w-])(?<!Sekretaris )(?<!Sekretariat )(?P<body>"
    + "|".join(f"(?:{pattern})" for pattern, _ in STATE_BODIES)
    + rf")(?![\w-])(?:\s*\((?P<acronym>[A-Z][A-Za-z\-]+)\))?"
    rf"(?:\s+(?P<level>Kota|Kabupaten|Kab\.|Provinsi)\s+(?P<region>{REGION})|\s+(?P<place>{REGION}))?"
)
_STATE_LOOKUP = [(re.compile(pattern), code) for pattern, code in STATE_BODIES]
_PLACE_BODIES = {"aparat_penegak_hukum", "Bawaslu", "KPU", "DPRD"}
ASSOCIATION = quick(
    r"\b(?P<type>Perkumpulan|LSM|Lembaga\s+Swadaya\s+Masyarakat|Yayasan|Aliansi|Forum|Ikatan"
    r"|Himpunan|Paguyuban|Koalisi|Komunitas|Ormas)\s+(?P<name>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,4})"
)
# A site's name is found from its ending (".co.id", ".com"): scanning every word for a dot
# further on was the slowest part of reading a text.
MEDIA_DOMAIN_END = quick(r"\.(?:co\.id|com|id|net|news|or\.id)(?![\w.\-/@])")
MEDIA_DOMAIN_NAME = re.compile(r"(?<![\w@.\-/])(?P<name>[A-Za-z][A-Za-z0-9\-]*)$")
MEDIA_NAME = quick(
    r"\b(?P<known>Kompas(?:\.com)?|Detik(?:com)?|Tempo|Antara|Tribun(?:[A-Z][a-z]+|news)|Kumparan|Liputan6"
    r"|CNN\s+Indonesia|Radar\s+[A-Z][a-z]+)\b"
)


@dataclass(slots=True)
class OrganisationMention:
    """One body, at its first mention, with later mentions of the same body."""

    start: int
    end: int
    name: str
    kind: str
    acronym: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


def unit_acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines for units: {"BKPSDM": "Badan Kepegawaian dan ..."}."""
    found: dict[str, str] = {}
    for match in UNIT_LONG.finditer(text):
        long_form = squash(match["long"]).rstrip(",")
        found.setdefault(match["acronym"], long_form)
    return found


class _Taken:
    """Spans already given to an item, kept sorted so that an overlap check is a bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        # Spans before `start` that could reach it are among the last few (they rarely nest).
        index = max(0, bisect.bisect_left(self.spans, (start, start)) - 8)
        while index < len(self.spans) and self.spans[index][0] < end:
            other_start, other_end = self.spans[index]
            if start < other_end and other_start < end:
                return True
            index += 1
        return False

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))


def find_organisations(text: str, people_spans: list[tuple[int, int]]) -> list[OrganisationMention]:
    """Every body the text names, each once; `people_spans` are names not to take for bodies."""
    registry: dict[str, OrganisationMention] = {}
    taken = _Taken(list(people_spans))

    def add(key: str, start: int, end: int, name: str, kind: str, acronym: str | None) -> None:
        if taken.overlaps(start, end):
            return
        taken.add(start, end)
        existing = registry.get(key)
        if existing is None:
            registry[key] = OrganisationMention(start, end, name, kind, acronym)
        else:
            existing.mentions.append((start, end))

    for match in GOVERNMENT.finditer(text):
        level = (
            _SHORT_LEVELS[match["short"].lower()]
            if match["short"]
            else _LEVELS[match["level"].lower()]
        )
        name = f"Pemerintah {level} {squash(match['region'])}"
        add(name.lower(), match.start(), match.end(), name, PEMERINTAH_DAERAH, None)
    for match in DATELINE.finditer(text):
        name = squash(match["name"])
        add(name.lower(), match.start("name"), match.end("name"), name, MEDIA, None)
    for match in STATE_BODY.finditer(text):
        _state_body(match, add)
    for match in UNIT_LONG.finditer(text):
        long_form = squash(match["long"]).rstrip(",")
        add(
            match["acronym"].lower(),
            match.start(),
            match.end(),
            long_form,
            PERANGKAT_DAERAH,
            match["acronym"],
        )
    for match in UNIT_PLAIN.finditer(text):
        words = match["unit"].split()
        while words and words[-1].lower() not in UNIT_WORDS:
            words.pop()
        if len(words) < 2:
            continue
        end = match.start("unit") + len(" ".join(words))
        name = " ".join(words)
        if match["region"] and end == match.end("unit"):
            name = f"{name} {match['level']} {squash(match['region'])}"
            end = match.end("region")
        add(name.lower(), match.start(), end, squash(name), PERANGKAT_DAERAH, None)
    for match in UNIT_ACRONYM.finditer(text):
        acronym = match["acronym"]
        name = squash(match.group(0))
        key = acronym.lower()
        if key not in registry and match["region"]:
            key = key + " " + match["region"].lower()
        add(key, match.start(), match.end(), name, PERANGKAT_DAERAH, acronym)
    for match in ASSOCIATION.finditer(text):
        _association(text, match, people_spans, add, registry)
    for ending in MEDIA_DOMAIN_END.finditer(text):
        site = MEDIA_DOMAIN_NAME.search(text, max(0, ending.start() - 60), ending.start())
        if site is not None:
            name = text[site.start() : ending.end()]
            add(name.lower(), site.start(), ending.end(), name, MEDIA, None)
    for match in MEDIA_NAME.finditer(text):
        name = squash(match["known"])
        add(name.lower(), match.start(), match.end(), name, MEDIA, None)
    organisations = sorted(registry.values(), key=lambda organisation: organisation.start)
    for organisation in organisations:
        organisation.mentions.sort()
    return organisations


def _state_body(match: re.Match[str], add: object) -> None:
    body = squash(match["body"])
    code = next((c for pattern, c in _STATE_LOOKUP if pattern.fullmatch(body)), body)
    acronym = match["acronym"] or (body if body.isupper() else None)
    end = match.end("body")
    name = body
    if match["acronym"]:
        end = match.end("acronym") + 1
    if code in _PLACE_BODIES:
        if match["region"]:
            name = f"{body} {match['level']} {squash(match['region'])}"
            end = match.end("region")
        elif match["place"] and code == "aparat_penegak_hukum":
            name = f"{body} {squash(match['place'])}"
            end = match.end("place")
    key = code.lower() if code not in _PLACE_BODIES else name.lower()
    assert callable(add)
    add(key, match.start(), end, name, LEMBAGA, acronym)


def _association(
    text: str,
    match: re.Match[str],
    people_spans: list[tuple[int, int]],
    add: object,
    registry: dict[str, OrganisationMention],
) -> None:
    end = match.end("name")
    for start, _ in people_spans:
        if match.start("name") < start <= end:
            end = start
    name = squash(text[match.start() : end])
    if name == squash(match["type"]):
        return
    assert callable(add)
    add(
        name.lower(),
        match.start(),
        match.start() + len(text[match.start() : end].rstrip()),
        name,
        ORMAS,
        None,
    )
    short = squash(text[match.start("name") : end])
    # Later mentions by the association's own name alone ("Baladaya telah melaporkannya").
    if " " not in short and len(short) >= 4:
        for other in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if other.start() >= match.start("name") and other.start() < end:
                continue
            add(name.lower(), other.start(), other.end(), name, ORMAS, None)
