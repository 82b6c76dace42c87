"""The one door to the law: an employee on a date, the offences and counts, and the instansi's
configuration, turned into the rules engine's input (CONTRACTS.md `assess`).

Every caller that asks the engine about a real employee comes through here: the case file, the
attendance report and its alerts, the administrator's check of a rule. So they agree on

- the employee's facts on the day: status, the post held (the registry's, or a post stated in a
  case, given by the caller's `PostLookup`), the kinds of the superiors above (the chain), the
  instansi's level and code (the engine finds the agency's PPPK and non-ASN rules by the code);
- the attendance counts: unexcused days as counted (never the days already converted from
  minutes), late and early-leave minutes, the longest run, missed roll calls; the engine converts
  the minutes with the instansi's own minutes per absent day;
- the instansi's rules: its stored rule versions (or the built-in ones when it stores none) and
  the rule it names.

`law` sits below the case file: a case's stated posts reach this module through a `PostLookup`
the case file gives, never by importing it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.utils.translation import gettext as _

from tegak.core.errors import InputError
from tegak.core.rules_config import rules_config
from tegak.core.words import shown_date
from tegak.law import labels, stored
from tegak.people import selectors as registry
from tegak.people.models import Employee, Instansi
from tegak.rules import InstansiRule, RulesConfig, RulesInputError, assess
from tegak.rules.authority import is_superior_kind

ATTENDANCE_PROVISION = "pp-94-2021:4:f"


class PostLookup(Protocol):
    """Who held which post on a day (the registry's answer, or a case's, registry first)."""

    def post_kind(self, employee: Employee, day: date) -> str | None:
        """The kind of post the person held that day, or None when nobody knows it."""
        ...

    def chain(self, employee: Employee, day: date) -> list[Employee]:
        """The superiors that day, nearest first."""
        ...


class RegistryPosts:
    """The registry's posts and chain of superiors (`tegak.people.selectors`)."""

    def post_kind(self, employee: Employee, day: date) -> str | None:
        return registry.position_kind_on(employee, day)

    def chain(self, employee: Employee, day: date) -> list[Employee]:
        return registry.supervisor_chain(employee, day)


REGISTRY = RegistryPosts()


class PostUnknown(InputError):
    """Neither the registry nor the caller knows the post the employee held on the day."""

    def __init__(self, employee: Employee, day: date):
        super().__init__(
            "post_kind",
            _("%(name)s held no post in the registry on %(day)s.")
            % {"name": employee.full_name, "day": shown_date(day)},
        )
        self.employee = employee
        self.day = day


@dataclass(frozen=True)
class AttendanceCounts:
    """One year's attendance counts as the engine reads them (PP 94/2021 Pasal 4 huruf f).

    `unexcused_days` are the days absent without a lawful reason: the minutes are given apart
    and converted by the engine, never added here as well.
    """

    year: int
    unexcused_days: int = 0
    late_minutes: int = 0
    early_leave_minutes: int = 0
    longest_consecutive_days: int = 0
    missed_roll_calls: int | None = None

    @classmethod
    def from_counts(cls, year: int, counts: Mapping[str, Any]) -> AttendanceCounts:
        """From the attendance module's count fields (`unexcused_days`, `late_minutes`,
        `early_leave_minutes`, `longest_consecutive_unexcused`, `missed_roll_calls`) or the
        engine's own names (`longest_consecutive_days`). `counted_days` is never read: it already
        holds the minutes converted to days."""
        longest = counts.get(
            "longest_consecutive_unexcused", counts.get("longest_consecutive_days")
        )
        missed = counts.get("missed_roll_calls")
        return cls(
            year=year,
            unexcused_days=_count(counts, "unexcused_days"),
            late_minutes=_count(counts, "late_minutes"),
            early_leave_minutes=_count(counts, "early_leave_minutes"),
            longest_consecutive_days=int(longest or 0),
            missed_roll_calls=None if missed is None else int(missed),
        )

    def as_absence(self) -> dict[str, Any]:
        """The `absence` object of an offence (CONTRACTS.md)."""
        absence: dict[str, Any] = {
            "year": self.year,
            "unexcused_days": self.unexcused_days,
            "late_minutes": self.late_minutes,
            "early_leave_minutes": self.early_leave_minutes,
            "longest_consecutive_days": self.longest_consecutive_days,
        }
        if self.missed_roll_calls is not None:
            absence["missed_roll_calls"] = self.missed_roll_calls
        return absence


def _count(counts: Mapping[str, Any], name: str) -> int:
    value = counts.get(name)
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        raise InputError(f"counts.{name}", _("Give a whole number.")) from None
    if number < 0:
        raise InputError(f"counts.{name}", _("The number cannot be negative."))
    return number


@dataclass(frozen=True)
class Offence:
    """One alleged breach: the provision, its day, and what the provision needs to be weighed."""

    provision: str
    committed_on: date
    examined_on: date | None = None
    impact: str | None = None
    absence: AttendanceCounts | Mapping[str, Any] | None = None
    # For an official who failed to act (PP 94/2021 Pasal 24(2)-(3), 28): the sanction the
    # subordinate's offence called for, from which the engine sets a heavier one.
    subordinate_sanction: str | None = None

    def as_payload(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "provision": self.provision,
            "committed_on": self.committed_on.isoformat(),
            "examined_on": self.examined_on.isoformat() if self.examined_on else None,
            "impact": self.impact or None,
        }
        if isinstance(self.absence, AttendanceCounts):
            item["absence"] = self.absence.as_absence()
        elif self.absence:
            item["absence"] = dict(self.absence)
        if self.subordinate_sanction:
            item["subordinate_sanction"] = self.subordinate_sanction
        return item


@dataclass(frozen=True)
class EmployeeFacts:
    """The facts of a person the engine reads, when given as data (a hypothetical employee on
    the administrator's check of a rule): status, post kind, superiors' kinds."""

    status: str
    position: str
    chain: tuple[str, ...] | None = None


@dataclass(frozen=True)
class AssessmentInput:
    """The engine's input and what it is to be read with."""

    instansi: Instansi
    payload: dict[str, Any]
    config: RulesConfig
    rules: list[InstansiRule] | None = field(default=None, compare=False)


def _instansi_part(instansi: Instansi) -> tuple[RulesConfig, list[InstansiRule] | None]:
    config = rules_config(minutes_per_absence_day=instansi.minutes_per_absence_day)
    return config, stored.instansi_rules(instansi)


def _payload(
    instansi: Instansi,
    employee: dict[str, Any],
    *,
    as_of: date,
    offences: Sequence[Offence],
    prior_sanctions: Sequence[Mapping[str, Any]],
) -> AssessmentInput:
    if not offences:
        raise InputError("offences", _("Give at least one offence."))
    payload: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "employee": employee,
        "offences": [offence.as_payload() for offence in offences],
        "prior_sanctions": [dict(item) for item in prior_sanctions],
    }
    if instansi.local_rule_id:
        payload["instansi_rule"] = instansi.local_rule_id
    config, rules = _instansi_part(instansi)
    return AssessmentInput(instansi=instansi, payload=payload, config=config, rules=rules)


def chain_kinds(
    employee: Employee, day: date, posts: PostLookup = REGISTRY
) -> tuple[str, ...] | None:
    """The kinds of the posts of the superiors above the employee that day, nearest first; None
    when none is known or one holds a post that is not a superior's (the engine then reads the
    usual superiors of the post)."""
    kinds = []
    for superior in posts.chain(employee, day):
        kind = posts.post_kind(superior, day)
        if not is_superior_kind(kind):
            return None
        kinds.append(str(kind))
    return tuple(kinds) or None


def assessment_input(
    employee: Employee,
    *,
    as_of: date,
    offences: Sequence[Offence],
    prior_sanctions: Sequence[Mapping[str, Any]] = (),
    posts: PostLookup = REGISTRY,
    on: date | None = None,
) -> AssessmentInput:
    """The engine's input for the employee: their facts on `on` (default: the first offence
    day) from `posts`, the offences and counts, and their instansi's configuration.

    Raises `PostUnknown` when nobody knows the post held that day (the caller asks for it).
    """
    day = on or min((offence.committed_on for offence in offences), default=as_of)
    kind = posts.post_kind(employee, day)
    if kind is None or kind == "":
        raise PostUnknown(employee, day)
    instansi = employee.instansi
    facts: dict[str, Any] = {
        "status": employee.status,
        "position": kind,
        "instansi_level": instansi.level,
        "instansi": instansi.code,
    }
    chain = chain_kinds(employee, day, posts)
    if chain is not None:
        facts["chain"] = list(chain)
    return _payload(
        instansi, facts, as_of=as_of, offences=offences, prior_sanctions=prior_sanctions
    )


def assessment_input_for_facts(
    instansi: Instansi,
    facts: EmployeeFacts,
    *,
    as_of: date,
    offences: Sequence[Offence],
    prior_sanctions: Sequence[Mapping[str, Any]] = (),
) -> AssessmentInput:
    """The engine's input for a person given as data (no registry record), in the instansi."""
    employee: dict[str, Any] = {
        "status": facts.status,
        "position": facts.position,
        "instansi_level": instansi.level,
        "instansi": instansi.code,
    }
    if facts.chain is not None:
        employee["chain"] = list(facts.chain)
    return _payload(
        instansi, employee, as_of=as_of, offences=offences, prior_sanctions=prior_sanctions
    )


def engine_message(error: RulesInputError) -> str:
    """The engine's reason in the active language."""
    return labels.engine_error(error)


def assess_input(
    door: AssessmentInput, *, field_prefix: str = "", today: date | None = None
) -> dict[str, Any]:
    """The engine's finding for the input (bad input: `InputError` on the engine's field)."""
    try:
        return dict(assess(door.payload, config=door.config, rules=door.rules, today=today))
    except RulesInputError as error:
        field_name = str(error.field or "")
        raise InputError(
            f"{field_prefix}{field_name}" if field_prefix else field_name,
            _("The rules engine cannot assess this: %(reason)s")
            % {"reason": engine_message(error)},
        ) from error
