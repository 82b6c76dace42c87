"""Match a name read from text against the employee registry, with a confidence.

Pure: it takes (id, name) pairs, so it does not depend on the database. A match is a suggestion
for a person to confirm; nothing here ever confirms one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

# Titles and degrees around Indonesian names: "H.", "Hj.", "Dr.", "S.Pd.", "M.Si", "Bapak".
_TITLES = re.compile(
    r"\b(?:h|hj|kh|dr|drs|dra|ir|prof)\.|\b[a-z]{1,2}\.[a-z]{1,4}\b\.?"
    r"|\b(?:bapak|pak|ibu|bu|sdr|sdri|saudara|saudari)\b",
    re.IGNORECASE,
)
# Spellings from before 1972 that people still use ("Djoko" is "Joko", "Soekarno" is "Sukarno").
_OLD_SPELLING = [("dj", "j"), ("tj", "c"), ("oe", "u"), ("sj", "sy"), ("nj", "ny"), ("ch", "kh")]
MINIMUM_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class NameMatch:
    """One registry entry that may be the person named, and how sure we are (0 to 1)."""

    id: object
    name: str
    confidence: float
    reason: str


def normalise(name: str) -> tuple[str, ...]:
    """Name words without titles, accents, apostrophes or old spellings, in lower case."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(character for character in text if not unicodedata.combining(character))
    text = re.sub(r",.*$", "", text)  # degrees after a comma: "Karto, S.Sos"
    text = _TITLES.sub(" ", text)
    text = re.sub(r"[’'`‘]", "", text.lower())
    text = re.sub(r"[^a-z\s]", " ", text)
    for old, new in _OLD_SPELLING:
        text = text.replace(old, new)
    return tuple(text.split())


def _score(query: tuple[str, ...], candidate: tuple[str, ...]) -> tuple[float, str]:
    if not query or not candidate:
        return 0.0, "empty"
    if query == candidate:
        return 1.0, "same_name"
    if sorted(query) == sorted(candidate):
        return 0.95, "same_words_other_order"
    shorter, longer = sorted((query, candidate), key=len)
    if set(shorter) <= set(longer):
        # "Reny" for "Reny Hendrawati": plausible, but many people share a first name.
        share = sum(len(word) for word in shorter) / sum(len(word) for word in longer)
        return round(min(0.85, 0.45 + 0.4 * share), 2), "part_of_name"
    # Every word of the query must resemble a word of the candidate ("Reni" ~ "Reny"): two
    # people who share only a family name are not a match.
    # Indel similarity (2·LCS / total length): difflib's ratio, computed exactly and in C.
    best = [max(Indel.normalized_similarity(word, other) for other in candidate) for word in query]
    if min(best) < 0.75:
        return 0.0, "different"
    coverage = len(query) / max(len(query), len(candidate))
    return round(0.9 * sum(best) / len(best) * (0.7 + 0.3 * coverage), 2), "similar_spelling"


def match_name(
    name: str,
    candidates: Iterable[tuple[object, str]],
    *,
    minimum: float = MINIMUM_CONFIDENCE,
    limit: int = 5,
) -> list[NameMatch]:
    """Registry entries that may be `name`, best first; each only a suggestion to confirm."""
    query = normalise(name)
    if not query:
        return []
    initials = {word[:2] for word in query}
    found: list[NameMatch] = []
    for candidate_id, candidate_name in candidates:
        words = normalise(candidate_name)
        if not initials & {word[:2] for word in words}:
            continue
        confidence, reason = _score(query, words)
        if confidence >= minimum:
            found.append(NameMatch(candidate_id, candidate_name, confidence, reason))
    found.sort(key=lambda match: (-match.confidence, match.name))
    return found[:limit]
