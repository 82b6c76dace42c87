"""The regulation catalog: regulations and their provisions, loaded once from the data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

IMPACTS = ("unit_kerja", "instansi", "negara")


@dataclass(frozen=True)
class Regulation:
    """A regulation with its dates of force.

    `in_force_until` is the day it stopped being in force (its replacement's first day), so it
    is in force on the days strictly before it; use `in_force_on`.
    """

    id: str
    kind: str
    number: str
    year: int
    title: str
    in_force_from: date | None
    in_force_until: date | None
    replaced_by: str | None
    verified: bool = True
    issuer: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """How the regulation is cited: "PP 94/2021", "Perwal Kota Bekasi 42/2017"."""
        issuer = f" {self.issuer}" if self.issuer else ""
        return f"{self.kind}{issuer} {self.number}/{self.year}"

    def in_force_on(self, day: date) -> bool | None:
        """Whether the regulation was in force on `day` (None when its start date is unknown)."""
        if self.in_force_until is not None and day >= self.in_force_until:
            return False
        if self.in_force_from is None:
            return None
        return day >= self.in_force_from


@dataclass(frozen=True)
class LevelRule:
    """How a provision's level is found (see the comment at the top of data/pp-94-2021.toml)."""

    # impact | always | position | attendance | none | failure_to_act | ethics
    kind: str
    by_impact: dict[str, tuple[str, str]] = field(default_factory=dict)  # impact -> (level, basis)
    level: str | None = None
    basis: str | None = None
    condition: str | None = None
    by_position: dict[str, tuple[str, str]] = field(default_factory=dict)
    reason: str | None = None
    # failure_to_act: the official gets a heavier type than the subordinate's (PP 94/2021 Pasal
    # 24(3), 28(2)) or the same type (PP 53/2010 Pasal 21(3)).
    heavier: bool = True


@dataclass(frozen=True)
class Provision:
    """One obligation or prohibition, with its citation, text, dates of force and level rule."""

    id: str
    regulation_id: str
    citation: str
    text: str
    category: str
    in_force_from: date | None
    in_force_until: date | None
    rule: LevelRule
    counterpart: str | None = None
    # same: the counterpart says the same; partial: it covers part of the act (a person
    # confirms); the text of the difference is `counterpart_note`. `counterpart_candidates`: no
    # true counterpart, these are the nearest (a person chooses).
    counterpart_kind: str = "same"
    counterpart_note: str | None = None
    counterpart_candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttendanceBand:
    """A threshold band of unexcused days (min..max inclusive; max None = or more)."""

    min: int
    max: int | None
    level: str
    sanction: str
    basis: str
    also_allowed: tuple[str, ...] = ()


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("tegak.rules.data").joinpath(name).read_text())


def _rule(raw: dict[str, Any]) -> LevelRule:
    kind = raw["kind"]
    if kind == "impact":
        return LevelRule(
            kind,
            by_impact={key: (raw[key][0], raw[key][1]) for key in IMPACTS if key in raw},
        )
    if kind == "position":
        by_position: dict[str, tuple[str, str]] = {}
        for level in ("sedang", "berat"):
            for position in raw.get(level, []):
                by_position[position] = (level, raw[f"{level}_basis"])
        return LevelRule(kind, by_position=by_position)
    return LevelRule(
        kind,
        level=raw.get("level"),
        basis=raw.get("basis"),
        condition=raw.get("condition"),
        reason=raw.get("reason"),
        heavier=bool(raw.get("heavier", True)),
    )


def _load() -> tuple[
    dict[str, Regulation],
    dict[str, Provision],
    dict[str, tuple[AttendanceBand, ...]],
    dict[str, Any],
]:
    regulations: dict[str, Regulation] = {}
    for item in _read("regulations.toml")["regulation"]:
        regulations[item["id"]] = Regulation(
            id=item["id"],
            kind=item["kind"],
            number=item["number"],
            year=item["year"],
            title=item["title"],
            in_force_from=item.get("in_force_from"),
            in_force_until=item.get("in_force_until"),
            replaced_by=item.get("replaced_by"),
            verified=item.get("verified", True),
            issuer=item.get("issuer"),
            note=item.get("note"),
        )
    provisions: dict[str, Provision] = {}
    attendance: dict[str, tuple[AttendanceBand, ...]] = {}
    consecutive: dict[str, Any] = {}
    for name in ("pp-94-2021.toml", "pp-53-2010.toml", "pp-42-2004.toml", "pp-49-2018.toml"):
        data = _read(name)
        regulation = regulations[data["regulation"]]
        for item in data["provision"]:
            provisions[item["id"]] = Provision(
                id=item["id"],
                regulation_id=regulation.id,
                citation=item["citation"],
                text=item["text"],
                category=item["category"],
                in_force_from=regulation.in_force_from,
                in_force_until=regulation.in_force_until,
                rule=_rule(item["rule"]),
                counterpart=item.get("counterpart"),
                counterpart_kind=item.get("counterpart_kind", "same"),
                counterpart_note=item.get("counterpart_note"),
                counterpart_candidates=tuple(item.get("counterpart_candidates", ())),
            )
        if "attendance" not in data:
            continue
        attendance[regulation.id] = tuple(
            AttendanceBand(
                min=band["min"],
                max=band.get("max"),
                level=band["level"],
                sanction=band["sanction"],
                basis=band["basis"],
                also_allowed=tuple(band.get("also_allowed", ())),
            )
            for band in data.get("attendance", [])
        )
        if "consecutive" in data:
            consecutive[regulation.id] = data["consecutive"]
    return regulations, provisions, attendance, consecutive


REGULATIONS, PROVISIONS, ATTENDANCE_BANDS, CONSECUTIVE_RULES = _load()


def _counterparts() -> dict[str, str]:
    """Both directions between PP 53/2010 items and PP 94/2021 items."""
    mapping: dict[str, str] = {}
    raw = {item["id"]: item for item in _read("pp-53-2010.toml")["provision"]}
    for provision_id, item in raw.items():
        target = item.get("counterpart")
        if target is None:
            continue
        mapping[provision_id] = target
        if not item.get("counterpart_secondary"):
            mapping.setdefault(target, provision_id)
    return mapping


COUNTERPARTS = _counterparts()
_BY_CITATION = {
    (item.kind.lower(), item.number.lstrip("0") or "0", item.year): item
    for item in REGULATIONS.values()
}


def find_regulation(kind: str, number: str, year: int) -> Regulation | None:
    """The regulation cited as `kind number/year` ("PP", "53", 2010), or None."""
    return _BY_CITATION.get((kind.strip().lower(), str(number).strip().lstrip("0") or "0", year))


def regulation(regulation_id: str) -> Regulation:
    """The regulation by id; KeyError when unknown."""
    return REGULATIONS[regulation_id]


def regulations() -> list[Regulation]:
    """Every regulation the catalog knows."""
    return list(REGULATIONS.values())


def provision(provision_id: str) -> Provision:
    """The provision by id (`pp-94-2021:4:f`, or an instansi rule's own); KeyError when unknown."""
    found = PROVISIONS.get(provision_id)
    if found is not None:
        return found
    from tegak.rules.instansi import BUILTIN_RULES

    for rule in BUILTIN_RULES.values():
        if provision_id in rule.provisions:
            return rule.provisions[provision_id]
    raise KeyError(provision_id)


def provisions(regulation_id: str | None = None) -> list[Provision]:
    """Every provision, or those of one regulation."""
    return [
        item
        for item in PROVISIONS.values()
        if regulation_id is None or item.regulation_id == regulation_id
    ]


def counterpart(provision_id: str) -> str | None:
    """The same duty or prohibition in the other regulation of the transition, if any."""
    return COUNTERPARTS.get(provision_id)
