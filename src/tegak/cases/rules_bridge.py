"""The case file's door to the rules engine for clocks and working time (an assessment goes
through `tegak.law.inputs`, the one door shared with attendance)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def _rules() -> Any:
    import tegak.rules as rules

    return rules


def config() -> Any:
    """The installation's readings the law leaves open (the same as the API and the CLI)."""
    from tegak.core.rules_config import rules_config

    return rules_config()


def engine_version() -> str:
    return str(_rules().ENGINE_VERSION)


def deadlines(step: str, on: date, calendar: str = "national") -> list[dict[str, Any]]:
    """The legal clocks that start with `step` on the day `on`."""
    rules = _rules()
    answer = rules.deadlines(
        {"step": step, "on": on.isoformat(), "calendar": calendar}, config=config()
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
    from tegak.law.stored import instansi_registry

    return instansi_registry(instansi)


def working_time(at: datetime, schedule: str, calendars: Any = None) -> dict[str, Any]:
    """Whether a moment falls inside the working hours of the schedule in force that day
    (`calendars`: the instansi's, from `calendars_for`; the built-in ones when None)."""
    rules = _rules()
    return dict(
        rules.working_time(
            {"at": at.isoformat(), "schedule": schedule}, calendars=calendars, config=config()
        )
    )


def add_working_days(start: date, days: int, calendar: str = "national") -> date:
    """`days` working days after `start` (weekends, holidays and cuti bersama skipped)."""
    rules = _rules()
    return rules.add_working_days(start, days, calendar=calendar)
