"""Instansi rules: an agency's own discipline rule for PPPK and non-ASN contract staff.

PP 49/2018 Pasal 52(1)-(2) leaves PPPK discipline to each PPK's own rule, and contract staff
follow their contract and the agency's rule. The format is JSON (see data/instansi/*.json and
docs/rules.md): sanctions by level with a severity rank, attendance bands, the consecutive-days
rule, the authority and examination team by level, and optional provisions of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from itertools import pairwise
from typing import Any

from tegak.rules.catalog import AttendanceBand, LevelRule, Provision
from tegak.rules.config import RulesInputError
from tegak.rules.messages import say
from tegak.rules.parsing import (
    non_negative_int,
    optional_date,
    parse_date,
    require_object,
    text_list,
)
from tegak.rules.sanctions import LEVELS, SANCTIONS

EMPLOYEE_STATUSES = ("PNS", "CPNS", "PPPK", "PPPK_PARUH_WAKTU", "NON_ASN")
ROLES = (
    "atasan_langsung",
    "atasan_dari_atasan_langsung",
    "jpt_madya",
    "ppk",
    "presiden",
    "instansi_rule",
)
TEAM = ("none", "optional", "required")
# Offices the case file can find in the registry on a day, for an instansi rule's authority.
HOLDERS = ("atasan_langsung", "atasan_dari_atasan_langsung", "kepala_perangkat_daerah", "ppk")


@dataclass(frozen=True)
class LocalSanction:
    """A sanction type of an instansi rule, with its rank on the national severity scale."""

    code: str
    level: str
    rank: int
    basis: str
    label_id: str = ""
    label_en: str = ""
    # The type ends the contract of employment ("pemutusan hubungan perjanjian kerja"): for a
    # PPPK it is challenged by banding administratif to BPASN, not by keberatan (PP 79/2021
    # Pasal 1 angka 4-5, Pasal 3 ayat (1) huruf a, Pasal 10 huruf b).
    ends_contract: bool = False


@dataclass(frozen=True)
class InstansiRule:
    """One instansi rule, effective-dated, for the employee statuses it names."""

    id: str
    instansi: str
    citation: str
    title: str
    applies_to: tuple[str, ...]
    in_force_from: date
    in_force_until: date | None
    delegation: tuple[str, ...]
    levels_from: str | None
    levels_basis: str | None
    sanctions: dict[str, tuple[LocalSanction, ...]]
    attendance: tuple[AttendanceBand, ...]
    consecutive: AttendanceBand | None
    consecutive_days: int | None
    authority: dict[str, tuple[str, str]]
    examination_team: dict[str, str]
    repeat_rule: bool
    provisions: dict[str, Provision] = field(default_factory=dict)
    # Bands of missed morning roll calls (apel pagi) in a year, counted apart from absent days.
    roll_call: tuple[AttendanceBand, ...] = ()
    # Who imposes each level, in the rule's own words (e.g. "kepala perangkat daerah").
    officials: dict[str, str] = field(default_factory=dict)
    # The agency's label for this stored version (echoed in the answer), e.g. "...@12".
    version: str = ""
    # The office that holds each level's authority, when the registry can resolve it (HOLDERS).
    holders: dict[str, str] = field(default_factory=dict)
    # The rule's own basis for an objection against its sanctions (non-ASN staff are not under
    # PP 79/2021), e.g. "Perwal Contoh 3/2025 Pasal 12"; None when the rule records none.
    objection_basis: str | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether the rule was in force on `day` (`in_force_until` is its last day)."""
        return self.in_force_from <= day and (
            self.in_force_until is None or day <= self.in_force_until
        )

    def sanction(self, code: str) -> LocalSanction | None:
        """The rule's sanction type by code."""
        for items in self.sanctions.values():
            for item in items:
                if item.code == code:
                    return item
        return None


def _text(data: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RulesInputError(f"{path}.{key}", "must be a non-empty text")
    return value


def _band(raw: Any, path: str, known: set[str]) -> AttendanceBand:
    data = require_object(raw, path)
    level = data.get("level")
    if level not in LEVELS:
        raise RulesInputError(f"{path}.level", "must be ringan, sedang or berat")
    sanction = _text(data, "sanction", path)
    if sanction not in known:
        raise RulesInputError(
            f"{path}.sanction",
            say("{sanction!r} is not one of the rule's sanctions", sanction=sanction),
        )
    low = non_negative_int(data.get("min"), f"{path}.min")
    high = data.get("max")
    if high is not None and non_negative_int(high, f"{path}.max") < low:
        raise RulesInputError(f"{path}.max", "must not be below min")
    also = data.get("also_allowed") or []
    if not isinstance(also, list) or any(item not in known for item in also):
        raise RulesInputError(f"{path}.also_allowed", "must list the rule's own sanction codes")
    return AttendanceBand(
        low, high, level, sanction, _text(data, "basis", path), tuple(str(item) for item in also)
    )


def _bands(raw: Any, path: str, known: set[str]) -> tuple[AttendanceBand, ...]:
    """Threshold bands, each starting where the previous one ended (no gap, no overlap)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RulesInputError(path, "must be a list of bands {min, max, level, sanction, basis}")
    bands = [_band(item, f"{path}[{index}]", known) for index, item in enumerate(raw)]
    for index, (previous, band) in enumerate(pairwise(bands), start=1):
        if previous.max is None:
            raise RulesInputError(
                f"{path}[{index - 1}].max", "only the last band may be open-ended"
            )
        if band.min <= previous.max:
            raise RulesInputError(
                f"{path}[{index}].min",
                say("overlaps the band before it (which ends at {max})", max=previous.max),
            )
        if band.min != previous.max + 1:
            raise RulesInputError(
                f"{path}[{index}].min",
                say(
                    "leaves a gap after the band before it (which ends at {max}; this one "
                    "must start at {previous})",
                    max=previous.max,
                    previous=previous.max + 1,
                ),
            )
    return tuple(bands)


def rule_from_dict(raw: Any, *, instansi: str, path: str = "instansi_rule") -> InstansiRule:
    """Read and check an instansi rule given as JSON (the format of data/instansi/*.json)."""
    data = require_object(raw, path)
    rule_id = _text(data, "id", path)
    if not rule_id.startswith(f"local:{instansi}:"):
        raise RulesInputError(
            f"{path}.id", say("must start with 'local:{instansi}:'", instansi=instansi)
        )
    applies_to = data.get("applies_to")
    if (
        not isinstance(applies_to, list)
        or not applies_to
        or any(item not in EMPLOYEE_STATUSES for item in applies_to)
    ):
        raise RulesInputError(
            f"{path}.applies_to",
            say("must list statuses from {EMPLOYEE_STATUSES}", EMPLOYEE_STATUSES=EMPLOYEE_STATUSES),
        )
    sanctions: dict[str, tuple[LocalSanction, ...]] = {}
    raw_sanctions = require_object(data.get("sanctions"), f"{path}.sanctions")
    for level, items in raw_sanctions.items():
        if level not in LEVELS:
            raise RulesInputError(f"{path}.sanctions.{level}", "must be ringan, sedang or berat")
        if not isinstance(items, list) or not items:
            raise RulesInputError(f"{path}.sanctions.{level}", "must be a non-empty list")
        parsed = []
        for index, item in enumerate(items):
            item_path = f"{path}.sanctions.{level}[{index}]"
            entry = require_object(item, item_path)
            code = _text(entry, "code", item_path)
            national = SANCTIONS.get(code)
            if national is None and not code.startswith("local:"):
                raise RulesInputError(f"{item_path}.code", "a new code must start with 'local:'")
            ends_contract = entry.get("ends_contract", False)
            if not isinstance(ends_contract, bool):
                raise RulesInputError(f"{item_path}.ends_contract", "must be true or false")
            rank = (
                national.rank
                if national is not None and "rank" not in entry
                else non_negative_int(entry.get("rank"), f"{item_path}.rank")
            )
            parsed.append(
                LocalSanction(
                    code=code,
                    level=level,
                    rank=rank,
                    basis=_text(entry, "basis", item_path),
                    label_id=str(entry.get("label_id") or (national.label_id if national else "")),
                    label_en=str(entry.get("label_en") or (national.label_en if national else "")),
                    ends_contract=ends_contract,
                )
            )
        sanctions[level] = tuple(sorted(parsed, key=lambda item: item.rank))
    known = {item.code for items in sanctions.values() for item in items}
    attendance = _bands(data.get("attendance"), f"{path}.attendance", known)
    roll_call = _bands(data.get("roll_call"), f"{path}.roll_call", known)
    consecutive_raw = data.get("consecutive")
    consecutive = None
    consecutive_days = None
    if consecutive_raw is not None:
        consecutive_days = non_negative_int(
            require_object(consecutive_raw, f"{path}.consecutive").get("days"),
            f"{path}.consecutive.days",
        )
        consecutive = _band(
            {**consecutive_raw, "min": consecutive_days}, f"{path}.consecutive", known
        )
    authority: dict[str, tuple[str, str]] = {}
    officials: dict[str, str] = {}
    holders: dict[str, str] = {}
    for level, item in require_object(data.get("authority") or {}, f"{path}.authority").items():
        entry = require_object(item, f"{path}.authority.{level}")
        role = entry.get("role")
        if level not in LEVELS or role not in ROLES:
            raise RulesInputError(
                f"{path}.authority.{level}", say("role must be one of {ROLES}", ROLES=ROLES)
            )
        authority[level] = (str(role), _text(entry, "basis", f"{path}.authority.{level}"))
        official = entry.get("official")
        if official is not None:
            officials[level] = _text(entry, "official", f"{path}.authority.{level}")
        holder = entry.get("holder")
        if holder is not None:
            if holder not in HOLDERS:
                raise RulesInputError(
                    f"{path}.authority.{level}.holder",
                    say("must be one of {holders}", holders=", ".join(HOLDERS)),
                )
            holders[level] = str(holder)
    team = require_object(data.get("examination_team") or {}, f"{path}.examination_team")
    for level, value in team.items():
        if level not in LEVELS or value not in TEAM:
            raise RulesInputError(
                f"{path}.examination_team.{level}", say("must be one of {TEAM}", TEAM=TEAM)
            )
    until = data.get("in_force_until")
    provisions: dict[str, Provision] = {}
    in_force_from = parse_date(data.get("in_force_from"), f"{path}.in_force_from")
    in_force_until = optional_date(until, f"{path}.in_force_until")
    raw_provisions = data.get("provisions") or []
    if not isinstance(raw_provisions, list):
        raise RulesInputError(f"{path}.provisions", "must be a list")
    for index, item in enumerate(raw_provisions):
        item_path = f"{path}.provisions[{index}]"
        entry = require_object(item, item_path)
        provision_id = _text(entry, "id", item_path)
        if not provision_id.startswith(rule_id + ":"):
            raise RulesInputError(
                f"{item_path}.id", say("must start with '{rule_id}:'", rule_id=rule_id)
            )
        level_rule = require_object(entry.get("rule"), f"{item_path}.rule")
        if level_rule.get("kind") != "always" or level_rule.get("level") not in LEVELS:
            raise RulesInputError(f"{item_path}.rule", "must be {kind: always, level, basis}")
        # A provision brought in later than its rule (a circular) has its own first day in force.
        provision_from = in_force_from
        if entry.get("in_force_from") is not None:
            provision_from = parse_date(entry["in_force_from"], f"{item_path}.in_force_from")
            if provision_from < in_force_from:
                raise RulesInputError(
                    f"{item_path}.in_force_from", "must not be before the rule's in_force_from"
                )
        provisions[provision_id] = Provision(
            id=provision_id,
            regulation_id=rule_id,
            citation=_text(entry, "citation", item_path),
            text=_text(entry, "text", item_path),
            category=str(entry.get("category", "obligation")),
            in_force_from=provision_from,
            in_force_until=in_force_until,
            rule=LevelRule(
                "always",
                level=str(level_rule["level"]),
                basis=_text(level_rule, "basis", f"{item_path}.rule"),
            ),
        )
    levels_from = data.get("levels_from")
    return InstansiRule(
        id=rule_id,
        instansi=instansi,
        citation=_text(data, "citation", path),
        title=_text(data, "title", path),
        applies_to=tuple(applies_to),
        in_force_from=in_force_from,
        in_force_until=in_force_until,
        delegation=text_list(data.get("delegation"), f"{path}.delegation"),
        levels_from=str(levels_from) if levels_from else None,
        levels_basis=str(data["levels_basis"]) if data.get("levels_basis") else None,
        sanctions=sanctions,
        attendance=attendance,
        consecutive=consecutive,
        consecutive_days=consecutive_days,
        authority=authority,
        examination_team={str(key): str(value) for key, value in team.items()},
        repeat_rule=bool(data.get("repeat_rule", True)),
        provisions=provisions,
        roll_call=roll_call,
        officials=officials,
        version=str(data.get("version") or ""),
        holders=holders,
        objection_basis=_text(data, "objection_basis", path, required=False) or None,
    )


def _load_builtin() -> dict[str, InstansiRule]:
    loaded: dict[str, InstansiRule] = {}
    folder = resources.files("tegak.rules.data").joinpath("instansi")
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text())
        for index, raw in enumerate(data["rules"]):
            rule = rule_from_dict(raw, instansi=data["instansi"], path=f"{entry.name}[{index}]")
            loaded[rule.id] = rule
    return loaded


BUILTIN_RULES = _load_builtin()


def instansi_rule(rule_id: str) -> InstansiRule:
    """A built-in instansi rule by id; KeyError when unknown."""
    return BUILTIN_RULES[rule_id]


def instansi_rules(instansi: str | None = None) -> list[InstansiRule]:
    """The built-in instansi rules, or those of one instansi."""
    return [rule for rule in BUILTIN_RULES.values() if instansi in (None, rule.instansi)]


def find_instansi_rule(
    instansi: str,
    status: str,
    day: date,
    *,
    known_on: date | None = None,
    rules: Iterable[InstansiRule] | None = None,
) -> InstansiRule | None:
    """The instansi's rule for `status` in force on `day` and already in force by `known_on`.

    `rules` (e.g. from a rule pack or the agency's stored rules) are searched instead of the
    built-in ones when given.
    """
    for rule in BUILTIN_RULES.values() if rules is None else rules:
        if rule.instansi != instansi or status not in rule.applies_to:
            continue
        if not rule.in_force_on(day):
            continue
        if known_on is not None and rule.in_force_from > known_on:
            continue
        return rule
    return None
