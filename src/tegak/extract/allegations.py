"""Allegation categories, recognised by the words a report uses for the conduct.

The category is what the text describes; the provision it points to is asked of the rules engine
(`resolve.provision_for_category`), which holds the law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tegak.extract.text import lower_ascii, quick_starts

# Category -> the words that describe it. Order matters only for reading.
CATEGORY_PATTERNS: dict[str, str] = {
    # Working hours and absence: PP 94/2021 Pasal 4 huruf f.
    "working_hours": (
        r"(?:saat|pada|dalam(?:\s+keadaan)?|selama|di)\s+jam\s+(?:kerja|dinas|kantor)"
        r"|bolos|membolos|mangkir|tidak\s+masuk\s+kerja|tanpa\s+keterangan|tidak\s+hadir"
        r"|terlambat\s+masuk|meninggalkan\s+(?:kantor|tempat\s+tugas|tugas)|keluyuran"
        r"|tidak\s+(?:pernah\s+)?(?:berada\s+di\s+kantor|ngantor)"
    ),
    # Improper content on social media: integrity, PP 94/2021 Pasal 3 huruf f.
    "social_media_conduct": (
        r"media\s+sosial|medsos|tik\s*tok(?:an)?|instagram|facebook|youtube"
        r"|mengunggah\s+(?:video|foto|konten)|konten\s+(?:yang\s+)?(?:tidak\s+pantas|negatif)"
    ),
    # Political neutrality: PP 94/2021 Pasal 5 huruf n.
    "neutrality": (
        r"netralitas|tidak\s+netral|kampanye|pasangan\s+calon|paslon|pilkada|pemilihan\s+kepala\s+daerah"
        r"|calon\s+(?:bupati|wali\s*kota|gubernur|presiden|anggota\s+legislatif|legislatif)|caleg"
        r"|partai\s+politik|mendukung\s+calon"
    ),
    # Gifts and gratification: PP 94/2021 Pasal 5 huruf k.
    "gifts_gratification": (
        r"gratifikasi|menerima\s+(?:hadiah|uang|pemberian|imbalan|bingkisan|amplop)|suap|uang\s+pelicin"
        r"|uang\s+terima\s+kasih"
    ),
    # Levies outside the rules (pungli): PP 94/2021 Pasal 5 huruf g.
    "illegal_levy": (
        r"pungutan\s+liar|pungli|pungutan\s+di\s+luar\s+ketentuan|meminta\s+(?:uang|biaya)"
    ),
    # Abuse of authority: PP 94/2021 Pasal 5 huruf a.
    "abuse_of_authority": (
        r"menyalahgunakan\s+(?:wewenang|kewenangan|jabatan)|penyalahgunaan\s+(?:wewenang|kewenangan|jabatan)"
        r"|menyalahgunakanwewenang|memanfaatkan\s+jabatan(?:nya)?|sewenang-wenang|nepotisme"
    ),
    # Conduct unbecoming: integrity and example, PP 94/2021 Pasal 3 huruf f.
    "conduct_unbecoming": (
        r"perbuatan\s+tercela|tidak\s+pantas|(?:di\s*luar|melanggar)\s+(?:norma\s+)?kepatutan"
        r"|norma\s+kepatutan|asusila|mabuk|berjudi|judi\s+online|perselingkuhan|selingkuh"
        r"|mencemarkan\s+nama\s+baik|kebohongan\s+publik"
    ),
}

# Patterns are lower case and run on `lower_ascii(text)`: same offsets, much faster than
# IGNORECASE. One scan finds where any category starts; each category is then tried there, so
# overlapping words ("konten tidak pantas": social media and conduct unbecoming) are all kept.
_COMPILED = {
    category: re.compile(rf"\b(?:{pattern})\b") for category, pattern in CATEGORY_PATTERNS.items()
}
_STARTS = quick_starts("|".join(rf"\b(?:{pattern})\b" for pattern in CATEGORY_PATTERNS.values()))
# A report quoting a rule or a ban ("melarang ... media sosial") is not itself the allegation,
# but a circular that bans the conduct after it happened still tells us what was alleged; so we
# keep those too, and only drop what is plainly denied.
_DENIAL = re.compile(r"\b(?:tidak\s+pernah|bukan|membantah|tidak\s+benar)\s+$")


@dataclass(slots=True)
class AllegationMention:
    """One category of conduct the text alleges, with the words that say so."""

    category: str
    start: int
    end: int
    mentions: list[tuple[int, int]] = field(default_factory=list)


def find_allegations(text: str, lowered: str | None = None) -> list[AllegationMention]:
    """Each category of conduct the text describes, once, at its first clear mention."""
    lowered = lower_ascii(text) if lowered is None else lowered
    found: dict[str, AllegationMention] = {}
    for start in _STARTS.finditer(lowered):
        position = start.start()
        for category, pattern in _COMPILED.items():
            match = pattern.match(lowered, position)
            if match is None or _DENIAL.search(lowered, max(0, position - 30), position):
                continue
            first = found.get(category)
            if first is None:
                found[category] = AllegationMention(category, match.start(), match.end())
            elif match.start() >= first.end and all(
                match.start() >= end for _, end in first.mentions
            ):
                first.mentions.append((match.start(), match.end()))
    return sorted(found.values(), key=lambda mention: mention.start)
