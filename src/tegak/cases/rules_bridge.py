"""The case file's door to the rules engine for clocks and working time (an assessment goes
through `tegak.law.inputs`, the one door shared with attendance)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tegak.law import stored
from tegak.law.sanction_types import SanctionTypes
from tegak.law.sanction_types import sanction_types as _sanction_types
from tegak.people.models import Instansi


def _rules() -> Any:
    import tegak.rules as rules

    return rules


def config() -> Any:
    """The installation's readings the law leaves open (the same as the API and the CLI)."""
    from tegak.core.rules_config import rules_config

    return rules_config()


def engine_version() -> str:
    return str(_rules().ENGINE_VERSION)


def deadlines(
    step: str,
    on: date,
    calendar: str = "national",
    *,
    instansi: Instansi | None = None,
    official: str | None = None,
) -> list[dict[str, Any]]:
    """The legal clocks that start with `step` on the day `on`; with `instansi`, working days are
    counted in its calendar (its own days off and working days included). `official`: "ppk" or
    "other" (a decision of an official below the PPK), for the objection's basis."""
    rules = _rules()
    registry = None
    if instansi is not None:
        registry, calendar = stored.deadline_calendar(instansi)
    payload: dict[str, Any] = {"step": step, "on": on.isoformat(), "calendar": calendar}
    if official is not None:
        payload["official"] = official
    answer = rules.deadlines(
        payload,
        config=config(),
        calendars=registry,
    )
    return [
        {
            "name": str(item["name"]),
            "due": date.fromisoformat(str(item["due"])),
            "basis": str(item.get("basis") or ""),
            "kind": str(item.get("kind") or "deadline"),
        }
        for item in answer.get("deadlines", [])
    ]


def calendars_for(instansi: Any) -> Any:
    """The calendars and schedules the engine uses for this instansi: the built-in ones and those
    the instansi stores (an imported pack's schedule, e.g. Perwal Kota Bekasi 06/2017)."""
    return stored.instansi_registry(instansi)


def working_time(at: datetime, schedule: str, calendars: Any = None) -> dict[str, Any]:
    """Whether a moment falls inside the working hours of the schedule in force that day
    (`calendars`: the instansi's, from `calendars_for`; the built-in ones when None)."""
    rules = _rules()
    return dict(
        rules.working_time(
            {"at": at.isoformat(), "schedule": schedule}, calendars=calendars, config=config()
        )
    )


def add_working_days(
    start: date, days: int, calendar: str = "national", *, instansi: Instansi | None = None
) -> date:
    """`days` working days after `start` (weekends, holidays and cuti bersama skipped; with
    `instansi`, its own days off too, and its cancelled cuti bersama count)."""
    rules = _rules()
    registry = None
    if instansi is not None:
        registry, calendar = stored.deadline_calendar(instansi)
    return rules.add_working_days(start, days, calendar=calendar, registry=registry)


def day_off(day: date, *, instansi: Instansi) -> str | None:
    """Why `day` is not a working day in the instansi's calendar: the holiday's or day off's name,
    or "" for a weekend; None on a working day."""
    registry, calendar_id = stored.deadline_calendar(instansi)
    calendar = registry.calendar(calendar_id)
    if calendar.is_working_day(day):
        return None
    named = calendar.day_off(day)
    return named[0] if named is not None else ""


def sanction_rank(code: str) -> int:
    """The severity rank of a sanction type (higher is heavier; 0 for a type the engine does not
    list, e.g. an instansi's own)."""
    sanction = _rules().SANCTIONS.get(code)
    return int(sanction.rank) if sanction is not None else 0


def sanction_types(accused: Any) -> SanctionTypes:
    """The sanction types the official may choose for this accused, labelled, and which of them
    PP 79/2021 Pasal 10 sends to BPASN (`tegak.law.sanction_types`): the national ones for a PNS,
    the instansi rule's for a PPPK or non-ASN employee."""
    finding = accused.finding or {}
    day = accused.finding_as_of or accused.case.opened_on
    return _sanction_types(
        accused.case.instansi,
        accused.employee.status,
        finding,
        day,
        tukin_from=config().sedang_tukin_from,
    )
