"""Rule packs: one file per instansi with its calendars, working schedules and discipline rules.

A pack is what an agency shares with another or gives to `tegak rules --pack FILE`: the same
data the administrator enters in the product, in the engine's own formats (the inline schedule
of `working-time`, the instansi rule of `assess`), as JSON or TOML. Every item may carry the
evidence it rests on (`evidence`: was the text read, or is it as reported, with its sources and
what is uncertain) and its basis document (`basis_document`: number, date, title).

Reading is strict: an unknown key anywhere is refused with its path, so a misspelt field never
silently changes an answer. See docs/rules.md ("Rule packs") for the format.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

import tomli_w

from tegak.rules.calendar import (
    TIMEZONES,
    WEEKDAY_KEYS,
    Calendar,
    CalendarRegistry,
    Schedule,
    default_registry,
    schedule_from_dict,
)
from tegak.rules.config import RulesInputError
from tegak.rules.instansi import InstansiRule, rule_from_dict
from tegak.rules.messages import say
from tegak.rules.parsing import parse_date, require_object

PACK_FORMAT = "tegak-rule-pack/1"
# text_read: checked against the regulation's text; as_reported: from news or secondary
# sources, text not read; entered: entered by the agency without a source attached;
# fictional: demo data.
EVIDENCE_STATUSES = ("text_read", "as_reported", "entered", "fictional")
LEVEL_KEYS = ("ringan", "sedang", "berat")

# ---------------------------------------------------------------------------------------------
# The shape of a pack: which keys exist where. A dict maps each allowed key to the shape of its
# value (None = a value the engine's own parser checks); ("list", shape) is a list of that shape;
# ("map", shape) an object with free keys (dates, weekdays, levels) whose values have that shape.

LEAF = None
SOURCE = {"title": LEAF, "publisher": LEAF, "url": LEAF, "published_on": LEAF, "says": LEAF}
EVIDENCE = {
    "status": LEAF,
    "sources": ("list", SOURCE),
    "uncertain": LEAF,
    "verified_by": LEAF,
    "verified_on": LEAF,
    "note": LEAF,
}
DOCUMENT = {"kind": LEAF, "number": LEAF, "date": LEAF, "title": LEAF, "url": LEAF, "sha256": LEAF}
DAY = {"start": LEAF, "end": LEAF, "breaks": LEAF}
WEEK = ("map", DAY)
VERSION = {
    "valid_from": LEAF,
    "valid_until": LEAF,
    "days": WEEK,
    "ramadan": WEEK,
    "basis": LEAF,
    "ramadan_basis": LEAF,
    "verified": LEAF,
    "evidence": EVIDENCE,
    "basis_document": DOCUMENT,
}
PERIOD = {
    "from": LEAF,
    "until": LEAF,
    "days": WEEK,
    "basis": LEAF,
    "evidence": EVIDENCE,
    "basis_document": DOCUMENT,
}
SCHEDULE = {
    "name": LEAF,
    "timezone": LEAF,
    "calendar": LEAF,
    "verified": LEAF,
    "versions": ("list", VERSION),
    "ramadan_periods": ("list", ("period", PERIOD)),
    "evidence": EVIDENCE,
    "units": LEAF,
}
CALENDAR = {
    "basis": LEAF,
    "extra_days": ("map", LEAF),
    "removed_days": ("map", LEAF),
    "weekend": LEAF,
    "evidence": EVIDENCE,
}
SANCTION = {
    "code": LEAF,
    "rank": LEAF,
    "label_id": LEAF,
    "label_en": LEAF,
    "basis": LEAF,
    "ends_contract": LEAF,
}
BAND = {
    "min": LEAF,
    "max": LEAF,
    "level": LEAF,
    "sanction": LEAF,
    "basis": LEAF,
    "also_allowed": LEAF,
}
CONSECUTIVE = {"days": LEAF, "level": LEAF, "sanction": LEAF, "basis": LEAF}
PROVISION = {
    "id": LEAF,
    "citation": LEAF,
    "category": LEAF,
    "text": LEAF,
    # A provision brought in later than its rule (a circular): its own first day in force.
    "in_force_from": LEAF,
    "rule": {"kind": LEAF, "level": LEAF, "basis": LEAF},
}
AUTHORITY = {"role": LEAF, "basis": LEAF, "official": LEAF, "holder": LEAF}
RULE = {
    "id": LEAF,
    "version": LEAF,
    "citation": LEAF,
    "title": LEAF,
    "applies_to": LEAF,
    "in_force_from": LEAF,
    "in_force_until": LEAF,
    "delegation": LEAF,
    "levels_from": LEAF,
    "levels_basis": LEAF,
    "objection_basis": LEAF,
    "sanctions": ("map", ("list", SANCTION)),
    "attendance": ("list", BAND),
    "roll_call": ("list", BAND),
    "consecutive": CONSECUTIVE,
    "provisions": ("list", PROVISION),
    "authority": ("map", AUTHORITY),
    "examination_team": ("map", LEAF),
    "repeat_rule": LEAF,
    "evidence": EVIDENCE,
    "basis_document": DOCUMENT,
    "comment": LEAF,
}
INSTANSI = {"code": LEAF, "name": LEAF, "time_zone": LEAF, "level": LEAF}
PACK = {
    "format": LEAF,
    "title": LEAF,
    "description": LEAF,
    "instansi": INSTANSI,
    "evidence": EVIDENCE,
    "calendars": ("map", CALENDAR),
    "schedules": ("map", SCHEDULE),
    "rules": ("list", RULE),
}


def _check_shape(value: Any, shape: Any, path: str) -> None:
    """Refuse unknown keys (and non-objects where an object belongs), naming the path."""
    if shape is None:
        return
    if isinstance(shape, tuple):
        kind, inner = shape
        if kind == "list":
            if not isinstance(value, list):
                raise RulesInputError(path, "must be a list")
            for index, item in enumerate(value):
                _check_shape(item, inner, f"{path}[{index}]")
        elif kind == "map":
            data = require_object(value, path)
            for key, item in data.items():
                _check_shape(item, inner, f"{path}.{key}")
        elif kind == "period" and not isinstance(value, list):
            # A Ramadan period is a [first, last] pair or an object with its own hours.
            _check_shape(value, inner, path)
        return
    data = require_object(value, path)
    for key, item in data.items():
        if key not in shape:
            known = ", ".join(shape)
            raise RulesInputError(
                f"{path}.{key}", say("is not a field here; known fields: {known}", known=known)
            )
        _check_shape(item, shape[key], f"{path}.{key}")


# ---------------------------------------------------------------------------------------------
# What a pack holds once read


@dataclass(frozen=True)
class PackInstansi:
    """The instansi a pack belongs to."""

    code: str
    name: str
    time_zone: str
    level: str | None = None


@dataclass(frozen=True)
class RulePack:
    """A checked rule pack: calendars, schedules and rules ready for the engine."""

    instansi: PackInstansi
    title: str
    calendars: Mapping[str, Calendar]
    schedules: Mapping[str, Schedule]
    rules: tuple[InstansiRule, ...]
    document: Mapping[str, Any] = field(default_factory=dict)

    def registry(self, base: CalendarRegistry | None = None) -> CalendarRegistry:
        """`base` (the built-in calendars by default) with the pack's calendars and schedules."""
        return (base or default_registry()).extended(
            calendars=self.calendars, schedules=self.schedules
        )

    def rule(self, rule_id: str) -> InstansiRule:
        """A rule of the pack by id (the latest version when several share it); KeyError."""
        found = [rule for rule in self.rules if rule.id == rule_id]
        if not found:
            raise KeyError(rule_id)
        return max(found, key=lambda rule: rule.in_force_from)

    def evidence(self) -> list[dict[str, Any]]:
        """Every item with its evidence status, sources and doubts, for people to review."""
        return list(_evidence_items(self.document))


def _evidence_items(document: Mapping[str, Any]) -> Iterable[dict[str, Any]]:
    def item(path: str, value: Mapping[str, Any]) -> dict[str, Any]:
        evidence = value.get("evidence") or {}
        return {
            "path": path,
            "status": evidence.get("status", "entered"),
            "sources": list(evidence.get("sources") or []),
            "uncertain": list(evidence.get("uncertain") or []),
            "verified_by": evidence.get("verified_by"),
        }

    for calendar_id, calendar in (document.get("calendars") or {}).items():
        yield item(f"calendars.{calendar_id}", calendar)
    for schedule_id, schedule in (document.get("schedules") or {}).items():
        for index, version in enumerate(schedule.get("versions") or []):
            yield item(f"schedules.{schedule_id}.versions[{index}]", version)
        for index, period in enumerate(schedule.get("ramadan_periods") or []):
            if isinstance(period, dict):
                yield item(f"schedules.{schedule_id}.ramadan_periods[{index}]", period)
    for index, rule in enumerate(document.get("rules") or []):
        yield item(f"rules[{index}]", rule)


# ---------------------------------------------------------------------------------------------
# Reading


def _text(data: Mapping[str, Any], key: str, path: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulesInputError(f"{path}.{key}", "must be a non-empty text")
    return value.strip()


def _check_evidence(value: Any, path: str) -> None:
    if value is None:
        return
    status = value.get("status", "entered")
    if status not in EVIDENCE_STATUSES:
        raise RulesInputError(
            f"{path}.status",
            say(
                "must be one of {evidence_statuses}", evidence_statuses=", ".join(EVIDENCE_STATUSES)
            ),
        )
    if status == "as_reported" and not value.get("sources"):
        raise RulesInputError(f"{path}.sources", "an item as reported must name its sources")
    for index, source in enumerate(value.get("sources") or []):
        source_path = f"{path}.sources[{index}]"
        _text(source, "title", source_path)
        if source.get("published_on") is not None:
            parse_date(source["published_on"], f"{source_path}.published_on")
    uncertain = value.get("uncertain")
    if uncertain is not None and (
        not isinstance(uncertain, list) or not all(isinstance(item, str) for item in uncertain)
    ):
        raise RulesInputError(f"{path}.uncertain", "must be a list of texts")
    if value.get("verified_on") is not None:
        parse_date(value["verified_on"], f"{path}.verified_on")
        if not value.get("verified_by"):
            raise RulesInputError(f"{path}.verified_by", "must name who verified the text")
    if value.get("verified_by") and status != "text_read":
        raise RulesInputError(
            f"{path}.verified_by", "only an item whose text was read can be verified against it"
        )


def _check_document(value: Any, path: str, effective: date | None, effective_key: str) -> None:
    """A basis document may not be dated after the day it is said to take effect."""
    if value is None:
        return
    if value.get("date") is None:
        return
    signed = parse_date(value["date"], f"{path}.date")
    if effective is not None and signed > effective:
        raise RulesInputError(
            f"{path}.date",
            say(
                "is after the effective date ({effective_key} {effective}); a document "
                "cannot take effect before it exists",
                effective_key=effective_key,
                effective=effective,
            ),
        )


def _calendar(calendar_id: str, data: Mapping[str, Any], path: str) -> Calendar:
    extra = {
        parse_date(day, f"{path}.extra_days.{day}"): _text(
            data["extra_days"], day, f"{path}.extra_days"
        )
        for day in data.get("extra_days") or {}
    }
    removed_raw = data.get("removed_days") or {}
    removed = frozenset(parse_date(day, f"{path}.removed_days.{day}") for day in removed_raw)
    both = set(extra) & removed
    if both:
        day = min(both).isoformat()
        raise RulesInputError(f"{path}.removed_days.{day}", "is also listed as an extra day off")
    weekend_raw = data.get("weekend", ["sat", "sun"])
    if not isinstance(weekend_raw, list) or any(day not in WEEKDAY_KEYS for day in weekend_raw):
        raise RulesInputError(
            f"{path}.weekend",
            say("must list weekdays from {WEEKDAY_KEYS}", WEEKDAY_KEYS=WEEKDAY_KEYS),
        )
    basis = data.get("basis") or []
    if not isinstance(basis, list) or not all(isinstance(item, str) for item in basis):
        raise RulesInputError(f"{path}.basis", "must be a list of citations")
    _check_evidence(data.get("evidence"), f"{path}.evidence")
    return Calendar(
        id=calendar_id,
        extra_days=extra,
        removed_days=removed,
        weekend=frozenset(WEEKDAY_KEYS.index(day) for day in weekend_raw),
        basis=tuple(basis),
    )


def _schedule(
    schedule_id: str, data: Mapping[str, Any], path: str, calendars: set[str]
) -> Schedule:
    if "versions" not in data:
        raise RulesInputError(f"{path}.versions", "a pack's schedule lists its versions")
    schedule = schedule_from_dict(schedule_id, data, field=path)
    if schedule.calendar_id not in calendars:
        raise RulesInputError(
            f"{path}.calendar",
            say(
                "unknown calendar {calendar_id!r}; known: {calendars}",
                calendar_id=schedule.calendar_id,
                calendars=", ".join(sorted(calendars)),
            ),
        )
    for index, version in enumerate(data["versions"]):
        version_path = f"{path}.versions[{index}]"
        _check_evidence(version.get("evidence"), f"{version_path}.evidence")
        _check_document(
            version.get("basis_document"),
            f"{version_path}.basis_document",
            parse_date(version.get("valid_from"), f"{version_path}.valid_from"),
            "valid_from",
        )
    for index, period in enumerate(data.get("ramadan_periods") or []):
        if not isinstance(period, dict):
            continue
        period_path = f"{path}.ramadan_periods[{index}]"
        _check_evidence(period.get("evidence"), f"{period_path}.evidence")
        first = parse_date(period.get("from"), f"{period_path}.from")
        _check_document(
            period.get("basis_document"), f"{period_path}.basis_document", first, "from"
        )
        if schedule.version_on(first) is None:
            raise RulesInputError(
                f"{period_path}.from", "no version of the schedule is in force on this day"
            )
    units = data.get("units")
    if units is not None and (
        not isinstance(units, list) or not all(isinstance(item, str) for item in units)
    ):
        raise RulesInputError(f"{path}.units", "must be a list of unit codes")
    _check_evidence(data.get("evidence"), f"{path}.evidence")
    return schedule


def _rules(raw: list[Any], instansi: str) -> tuple[InstansiRule, ...]:
    rules: list[InstansiRule] = []
    for index, item in enumerate(raw):
        path = f"pack.rules[{index}]"
        rule = rule_from_dict(item, instansi=instansi, path=path)
        _check_evidence(item.get("evidence"), f"{path}.evidence")
        _check_document(
            item.get("basis_document"),
            f"{path}.basis_document",
            rule.in_force_from,
            "in_force_from",
        )
        if rule.in_force_until is not None and rule.in_force_until < rule.in_force_from:
            raise RulesInputError(f"{path}.in_force_until", "must not be before in_force_from")
        for level, (_role, basis) in rule.authority.items():
            # Who imposes rests on the rule itself (its citation, then its article where the
            # text was read, or an article of it, "Pasal 12", as the administrator's form
            # records it); a news report that says so belongs in the rule's evidence.
            if not basis.startswith((rule.citation, "Pasal ")):
                raise RulesInputError(
                    f"{path}.authority.{level}.basis",
                    say(
                        "must cite the rule: its citation ({citation}) or one of its articles "
                        "(Pasal …); put a news report or other source in the rule's evidence",
                        citation=rule.citation,
                    ),
                )
        for other_index, other in enumerate(rules):
            shared = set(rule.applies_to) & set(other.applies_to)
            if shared and _periods_overlap(rule, other):
                raise RulesInputError(
                    f"{path}.in_force_from",
                    say(
                        "overlaps pack.rules[{other_index}] for {shared}; end the earlier "
                        "version the day before this one starts",
                        other_index=other_index,
                        shared=", ".join(sorted(shared)),
                    ),
                )
        rules.append(rule)
    return tuple(rules)


def _periods_overlap(first: InstansiRule, second: InstansiRule) -> bool:
    first_end = first.in_force_until or date.max
    second_end = second.in_force_until or date.max
    return first.in_force_from <= second_end and second.in_force_from <= first_end


def pack_from_dict(value: Any, *, base: CalendarRegistry | None = None) -> RulePack:
    """Check a pack given as a JSON-like object; RulesInputError(field, message) when bad."""
    _check_shape(value, PACK, "pack")
    data: dict[str, Any] = value
    if data.get("format") != PACK_FORMAT:
        raise RulesInputError(
            "pack.format", say("must be {PACK_FORMAT!r}", PACK_FORMAT=PACK_FORMAT)
        )
    instansi_raw = require_object(data.get("instansi"), "pack.instansi")
    code = _text(instansi_raw, "code", "pack.instansi")
    zone = instansi_raw.get("time_zone", "WIB")
    if zone not in TIMEZONES:
        raise RulesInputError("pack.instansi.time_zone", "must be WIB, WITA or WIT")
    instansi = PackInstansi(
        code=code,
        name=_text(instansi_raw, "name", "pack.instansi"),
        time_zone=zone,
        level=instansi_raw.get("level"),
    )
    _check_evidence(data.get("evidence"), "pack.evidence")
    calendars = {
        calendar_id: _calendar(calendar_id, item, f"pack.calendars.{calendar_id}")
        for calendar_id, item in (data.get("calendars") or {}).items()
    }
    known_calendars = set((base or default_registry()).calendar_ids) | set(calendars)
    schedules = {
        schedule_id: _schedule(schedule_id, item, f"pack.schedules.{schedule_id}", known_calendars)
        for schedule_id, item in (data.get("schedules") or {}).items()
    }
    rules = _rules(data.get("rules") or [], code)
    return RulePack(
        instansi=instansi,
        title=str(data.get("title") or instansi.name),
        calendars=calendars,
        schedules=schedules,
        rules=rules,
        document=data,
    )


def parse_pack_text(text: str, *, name: str = "") -> dict[str, Any]:
    """The pack document from JSON or TOML text (TOML when the name ends .toml or JSON fails)."""
    if name.endswith(".toml") or not text.lstrip().startswith("{"):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise RulesInputError("pack", say("not valid TOML ({error})", error=error)) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RulesInputError(
            "pack",
            say(
                "not valid JSON (line {lineno}, column {colno}: {msg})",
                lineno=error.lineno,
                colno=error.colno,
                msg=error.msg,
            ),
        ) from None
    return require_object(document, "pack")


def load_pack(text: str, *, name: str = "", base: CalendarRegistry | None = None) -> RulePack:
    """Read and check a pack from JSON or TOML text."""
    return pack_from_dict(parse_pack_text(text, name=name), base=base)


def load_pack_file(path: str, *, base: CalendarRegistry | None = None) -> RulePack:
    """Read and check a pack file; RulesInputError('--pack', ...) when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise RulesInputError(
            "--pack", say("cannot read {path}: {strerror}", path=path, strerror=error.strerror)
        ) from None
    except UnicodeDecodeError:
        raise RulesInputError(
            "--pack", say("cannot read {path}: not UTF-8 text", path=path)
        ) from None
    return load_pack(text, name=path, base=base)


# ---------------------------------------------------------------------------------------------
# Writing


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def dump_pack(document: Mapping[str, Any], *, fmt: str = "json") -> str:
    """The pack document as JSON or TOML text (TOML has no null: empty values are left out)."""
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return tomli_w.dumps(_without_none(dict(document)))
    raise ValueError(f"unknown pack format {fmt!r}")


# ---------------------------------------------------------------------------------------------
# Packs shipped with Tegak (data/packs/), labelled by their evidence


def shipped_packs() -> list[str]:
    """File names of the packs shipped with Tegak (e.g. "kota-bekasi.json")."""
    folder = resources.files("tegak.rules.data").joinpath("packs")
    return sorted(
        entry.name for entry in folder.iterdir() if entry.name.endswith((".json", ".toml"))
    )


def shipped_pack_text(name: str) -> str:
    """The text of a shipped pack; KeyError when there is none by that name."""
    if name not in shipped_packs():
        raise KeyError(name)
    return resources.files("tegak.rules.data").joinpath("packs", name).read_text(encoding="utf-8")
