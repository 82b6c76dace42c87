"""The one place where extraction asks the rules engine about the law.

Whether a regulation was in force, what replaced it, which provision a category of conduct falls
under, which working-time schedule a regulation sets and whether a moment was inside working
hours: all of it comes from `tegak.rules`, which holds the law. Nothing here copies the law.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from tegak import rules

# Categories of conduct we recognise in text -> the provision ids of CONTRACTS.md that describe
# them. These are labels for what the words say; the rules engine says what each provision means
# and is asked whether it knows the id (see `provision_for_category`).
CATEGORY_PROVISIONS: dict[str, str] = {
    "working_hours": "pp-94-2021:4:f",
    "social_media_conduct": "pp-94-2021:3:f",
    "conduct_unbecoming": "pp-94-2021:3:f",
    "neutrality": "pp-94-2021:5:n",
    "gifts_gratification": "pp-94-2021:5:k",
    "illegal_levy": "pp-94-2021:5:g",
    "abuse_of_authority": "pp-94-2021:5:a",
}


@dataclass(frozen=True, slots=True)
class RegulationStatus:
    """What the rules engine says about one cited regulation on one day."""

    id: str
    title: str | None
    in_force: bool | None
    replaced_by: str | None
    in_force_from: date | None
    in_force_until: date | None
    verified: bool = True


def available() -> bool:
    """True when the rules engine offers the registry this module relies on."""
    return hasattr(rules, "find_regulation")


LOCAL_KINDS = frozenset({"Perda", "Perwal", "Perbup", "Pergub"})


def _letters(value: str) -> str:
    return "".join(character for character in value.lower() if character.isalpha())


_MINISTRY_SHORT = {
    "pendayagunaanaparaturnegaradanreformasibirokrasi": "panrb",
    "dalamnegeri": "dagri",
}


def _same_ministry(cited_issuer: str | None, regulation_id: str) -> bool:
    """Whether a cited minister ("PAN-RB", "Dalam Negeri") is the one in the registry's id."""
    if not cited_issuer:
        return False
    letters = _letters(cited_issuer)
    letters = _MINISTRY_SHORT.get(letters, letters)
    return bool(letters) and letters in _letters(regulation_id)


def regulation_status(
    kind: str,
    number: str,
    year: int,
    on: date | None,
    region: str | None = None,
    cited_issuer: str | None = None,
) -> RegulationStatus | None:
    """The registry's entry for a citation and whether it was in force `on` that day.

    A regional regulation is only matched when the text names (or clearly implies) the same
    region as the registry entry: "Perwal 6/2017" of another city is another regulation.
    """
    if not available():
        return None
    found: Any = getattr(rules, "find_regulation")(kind, number, year)  # noqa: B009
    if found is None:
        return None
    issuer = getattr(found, "issuer", None)
    if kind in LOCAL_KINDS and (issuer is None or region is None or issuer != region):
        return None
    if kind == "Permen" and not _same_ministry(cited_issuer, found.id):
        return None  # "Permen 6/2018" of another ministry is another regulation
    in_force: bool | None = None
    starts, ends = found.in_force_from, found.in_force_until
    if on is not None and (starts is not None or ends is not None):
        in_force = (starts is None or starts <= on) and (ends is None or on < ends)
    return RegulationStatus(
        found.id,
        found.title,
        in_force,
        found.replaced_by,
        starts,
        ends,
        bool(getattr(found, "verified", True)),
    )


def provision_for_category(category: str) -> str | None:
    """The provision a category of conduct falls under, if the rules engine knows it."""
    provision_id = CATEGORY_PROVISIONS.get(category)
    if provision_id is None:
        return None
    known = _known_provisions()
    if known is not None and provision_id not in known:
        return None
    return provision_id


@functools.cache
def _known_provisions() -> frozenset[str] | None:
    """Provision ids the rules engine holds (None when it cannot list them)."""
    listing = getattr(rules, "provisions", None)
    if listing is None:
        return None
    return frozenset(str(item.id) for item in listing())


def schedule_known(schedule_id: str) -> bool | None:
    """Whether the rules engine knows this schedule id (None when it cannot say)."""
    registry = getattr(rules, "default_registry", None)
    if registry is None:
        return None
    return schedule_id in registry().schedule_ids


@functools.cache
def _schedules_by_regulation() -> dict[str, str]:
    """Regulation id -> the one built-in schedule whose basis cites it.

    The rules engine records each schedule version's legal basis as citations in words
    ("Perwal Kota Bekasi 06/2017 tentang jam kerja"); we read them with our own citation reader
    and resolve them in the registry. A regulation cited by several schedules (Perpres 21/2023)
    picks none: choosing would be a guess.
    """
    from tegak.extract.regulations import find_citations

    registry_of = getattr(rules, "default_registry", None)
    if registry_of is None or not available():
        return {}
    registry = registry_of()
    cited: dict[str, set[str]] = {}
    for schedule_id in registry.schedule_ids:
        for version in registry.schedule(schedule_id).versions:
            for basis in version.basis:
                for citation in find_citations(basis):
                    if citation.year is None:
                        continue
                    status = regulation_status(
                        citation.kind,
                        citation.number,
                        citation.year,
                        None,
                        citation.region,
                        citation.issuer,
                    )
                    if status is not None:
                        cited.setdefault(status.id, set()).add(schedule_id)
    return {regulation_id: next(iter(ids)) for regulation_id, ids in cited.items() if len(ids) == 1}


def schedule_for_regulation(regulation_id: str) -> str | None:
    """The working-time schedule a cited regulation sets, as the rules engine's data says."""
    return _schedules_by_regulation().get(regulation_id)


def working_time(at: str, schedule: str) -> dict[str, Any] | None:
    """The rules engine's answer for one moment, or None when it cannot answer."""
    check = getattr(rules, "working_time", None)
    if check is None:
        return None
    input_error: type[Exception] = getattr(rules, "RulesInputError", ValueError)
    try:
        answer = check({"at": at, "schedule": schedule})
    except (input_error, LookupError, ValueError):
        return None
    return dict(answer)
