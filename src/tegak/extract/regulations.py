"""Citations of regulations: UU, PP, Perpres, Permen, Perda, Perwal/Perbup/Pergub, Surat Edaran.

Only the citation is read here (kind, number, year, issuing region, subject); whether it was in
force is asked of the rules engine in `resolve.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tegak.extract.text import quick, squash

_KIND_WORDS: list[tuple[str, str]] = [
    (r"Peraturan\s+Pemerintah\s+Pengganti\s+Undang[\s-]+Undang|Perppu", "Perppu"),
    (r"Undang[\s-]+Undang|UU", "UU"),
    (r"Peraturan\s+Pemerintah|PP", "PP"),
    (r"Peraturan\s+Presiden|Perpres", "Perpres"),
    (r"Keputusan\s+Presiden|Keppres", "Keppres"),
    (r"Instruksi\s+Presiden|Inpres", "Inpres"),
    (r"Peraturan\s+(?:Kepala\s+)?(?:Badan\s+Kepegawaian\s+Negara|BKN)|Perka\s+BKN", "PerBKN"),
    (r"Peraturan\s+Menteri|Permen[A-Za-z\-]*", "Permen"),
    (r"Peraturan\s+Daerah|Perda", "Perda"),
    (r"Peraturan\s+Wali\s*kota|Perwal[i]?", "Perwal"),
    (r"Peraturan\s+Bupati|Perbup", "Perbup"),
    (r"Peraturan\s+Gubernur|Pergub", "Pergub"),
]
_KIND = "(?P<kind>" + "|".join(f"(?i:{pattern})" for pattern, _ in _KIND_WORDS) + r")\b"
_KIND_LOOKUP = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in _KIND_WORDS]
_ISSUER_WORD = r"(?:[A-Z][\w\-.’']*|dan|Dalam|RI)"
_NUMBER_WORD = r"(?i:Nomor|Nomer|No\.?)"
_SUBJECT = (
    r"(?:\s+(?i:tentang)\s+(?P<subject>[^.,;:\n“”\"()]{3,160}?)"
    r"(?=\s+(?:dan|serta|juga|yang)\s+(?:Peraturan|Undang|UU|PP|Perpres|Perwal|Perda|Surat)"
    r"|[.,;:\n“”\"()]|\s*$))?"
)

LAW = quick(
    _KIND
    + r"(?:\s*\((?P<abbr>[A-Za-z\-]+)\))?"
    + rf"(?P<issuer>(?:\s+{_ISSUER_WORD}){{0,12}}?)"
    + rf"\s*,?\s*(?:{_NUMBER_WORD}\s*:?\s*)?"
    + r"(?P<number>\d{1,4}(?:\.?[A-Z](?![a-z]))?)"
    + r"(?:\s+(?i:tahun)\s+|\s*/\s*)(?P<year>(?:19|20)\d\d)\b"
    + _SUBJECT
)
CIRCULAR = quick(
    r"(?P<kind>(?i:Surat\s+Edaran)|SE)\b(?:\s*\(SE\))?"
    + rf"(?P<issuer>(?:\s+{_ISSUER_WORD}){{0,10}}?)"
    + rf"\s*,?\s*{_NUMBER_WORD}\s*:?\s*"
    + r"(?P<number>\d[\w.\-]{0,30}(?:\s*/\s*[\w.\-]{0,30}\w){1,8}"
    + r"|\d{1,4}\s+(?i:tahun)\s+(?:19|20)\d\d)"
    + _SUBJECT
)
_DATE_LEAD = re.compile(r"\s*,?\s*(?:tanggal|tertanggal|tgl\.?)\s*", re.IGNORECASE)
_REGION = re.compile(
    r"^(?:(?P<level>Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s+)?(?P<name>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)$"
)
LOCAL_LEVEL = {"Perwal": "Kota", "Perbup": "Kabupaten", "Pergub": "Provinsi"}


@dataclass(slots=True)
class Citation:
    """One cited regulation; `mentions` are the later spans citing the same one."""

    start: int
    end: int
    kind: str
    number: str
    year: int | None
    issuer: str | None = None
    region: str | None = None
    subject: str | None = None
    circular_date_start: int | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, int | None, str | None]:
        return (self.kind, self.number.lstrip("0") or "0", self.year, self.region)


def _kind_of(raw: str) -> str:
    for pattern, kind in _KIND_LOOKUP:
        if pattern.fullmatch(raw):
            return kind
    return raw


def _region(kind: str, raw_kind: str, issuer: str) -> str | None:
    """The region a local regulation belongs to, when the citation names it."""
    if kind not in {"Perda", *LOCAL_LEVEL}:
        return None
    words = squash(issuer)
    if not words:
        return None
    found = _REGION.match(words)
    if found is None:
        return None
    level = found["level"]
    if level is None:
        level = LOCAL_LEVEL.get(kind)
        if level is None:
            return None
    level = {"Kab.": "Kabupaten", "Prov.": "Provinsi"}.get(level, level)
    return f"{level} {found['name']}"


def find_citations(text: str) -> list[Citation]:
    """Every regulation and circular cited, in order, each once with its later mentions."""
    found: list[Citation] = []
    for match in LAW.finditer(text):
        raw_kind = match["kind"]
        kind = _kind_of(raw_kind)
        issuer = squash(match["issuer"] or "")
        if kind == "Permen" and raw_kind.lower().startswith("permen") and len(raw_kind) > 6:
            issuer = squash(raw_kind[6:] + " " + issuer)
        found.append(
            Citation(
                match.start(),
                match.end("year"),
                kind,
                match["number"],
                int(match["year"]),
                issuer or None,
                _region(kind, raw_kind, issuer),
                squash(match["subject"]) if match["subject"] else None,
            )
        )
    for match in CIRCULAR.finditer(text):
        number = squash(match["number"])
        year = None
        by_year = re.fullmatch(r"(\d{1,4})\s+tahun\s+(\d{4})", number, re.IGNORECASE)
        if by_year:
            number, year = by_year[1], int(by_year[2])
        citation = Citation(
            match.start(),
            match.end("number"),
            "SE",
            number,
            year,
            squash(match["issuer"]) or None,
            subject=squash(match["subject"]) if match["subject"] else None,
        )
        lead = _DATE_LEAD.match(text, match.end("number"))
        if lead:
            citation.circular_date_start = lead.end()
        found.append(citation)
    found.sort(key=lambda citation: citation.start)
    unique: dict[tuple[str, str, int | None, str | None], Citation] = {}
    for citation in found:
        first = unique.get(citation.key)
        if first is None:
            unique[citation.key] = citation
        else:
            first.mentions.append((citation.start, citation.end))
    return list(unique.values())
