"""The one place where extraction asks the rules engine about the law.

Whether a regulation was in force, what replaced it, which provision a category of conduct falls
under, which working-time schedule a regulation sets and whether a moment was inside working
hours: all of it comes from `tegak.rules`, which holds the law. Nothing here copies the law.
"""

from __future__ import annotations

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


def available() -> bool:
    """True when the rules engine offers the registry this module relies on."""
    return hasattr(rules, "find_regulation")


def regulation_status(
    kind: str, number: str, year: int, on: date | None, region: str | None = None
) -> RegulationStatus | None:
    """The registry's entry for a citation and whether it was in force `on` that day."""
    if not available():
        return None
    number = number.lstrip("0") or "0"
    found: Any = _find_regulation(kind, number, year, region)
    if found is None:
        return None
    in_force: bool | None = None
    if on is not None:
        starts = found.in_force_from
        ends = found.in_force_until
        in_force = (starts is None or starts <= on) and (ends is None or on < ends)
        if starts is None and ends is None:
            in_force = None
    return RegulationStatus(
        found.id,
        getattr(found, "title", None),
        in_force,
        getattr(found, "replaced_by", None),
        found.in_force_from,
        found.in_force_until,
    )


def _find_regulation(kind: str, number: str, year: int, region: str | None) -> Any:
    find: Any = getattr(rules, "find_regulation")  # noqa: B009 - not in every rules version
    if region is not None:
        try:
            return find(kind, number, year, region=region)
        except TypeError:
            pass
    return find(kind, number, year)


def provision_for_category(category: str) -> str | None:
    """The provision a category of conduct falls under, if the rules engine knows it."""
    provision_id = CATEGORY_PROVISIONS.get(category)
    if provision_id is None:
        return None
    known = _known_provisions()
    if known is not None and provision_id not in known:
        return None
    return provision_id


_PROVISION_CACHE: list[frozenset[str]] = []


def _known_provisions() -> frozenset[str] | None:
    """Provision ids the rules engine holds (None when it cannot list them)."""
    if _PROVISION_CACHE:
        return _PROVISION_CACHE[0]
    listing = getattr(rules, "provisions", None)
    if listing is None:
        return None
    ids = frozenset(str(provision.id) for provision in listing())
    _PROVISION_CACHE.append(ids)
    return ids


def schedule_for_regulation(regulation_id: str) -> str | None:
    """The working-time schedule a regulation sets, as the rules engine maps it."""
    mapping = getattr(rules, "schedule_for_regulation", None)
    if mapping is not None:
        result = mapping(regulation_id)
        return str(result) if result else None
    regulation = getattr(rules, "regulation", None)
    if regulation is None:
        return None
    try:
        found = regulation(regulation_id)
    except (KeyError, LookupError):
        return None
    schedule = getattr(found, "schedule", None)
    return str(schedule) if schedule else None


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
