"""`deadlines`: the legal clocks of a case in working days (PP 94/2021 Pasal 26, 37-38; PP 79)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tegak.rules.calendar import CalendarRegistry, add_working_days, default_registry
from tegak.rules.config import COUNTINGS, DEFAULT_CONFIG, RulesConfig, RulesInputError
from tegak.rules.parsing import choice, parse_date, require_object


@dataclass(frozen=True)
class Clock:
    """One clock started by a step: `days` working (or calendar) days, and its article."""

    name: str
    days: int
    basis: str
    unit: str = "working_days"  # or "calendar_days"
    kind: str = "deadline"  # "deadline": at the latest; "earliest": not before; "effective"


def _clocks(step: str, config: RulesConfig) -> tuple[Clock, ...]:
    if step == "summons_issued":
        if config.summons_reading == "at_least":
            return (
                Clock(
                    "examination_earliest",
                    7,
                    "PP 94/2021 Pasal 26 ayat (2), read as a notice period of at least 7 working "
                    "days (as PP 53/2010 Pasal 23 ayat (2) said)",
                    kind="earliest",
                ),
            )
        return (
            Clock(
                "examination_latest",
                7,
                "PP 94/2021 Pasal 26 ayat (2): paling lambat 7 hari kerja between the date of "
                "the summons letter and the examination",
            ),
        )
    if step == "summons_missed":
        return (
            Clock(
                "second_summons_latest",
                7,
                "PP 94/2021 Pasal 26 ayat (3): second summons paling lambat 7 hari kerja after "
                "the date the first examination should have taken place",
            ),
        )
    if step == "decision_set":
        return (
            Clock(
                "delivery_latest",
                14,
                "PP 94/2021 Pasal 37 ayat (3): the decision is delivered paling lambat 14 hari "
                "kerja after it is set",
            ),
        )
    if step == "decision_received":
        effect_unit = config.effect_counting
        return (
            Clock(
                "objection_due",
                14,
                "PP 79/2021 Pasal 4 ayat (2): keberatan within 14 hari kerja of receiving the "
                "decision (a decision other than dismissal); late filing is inadmissible (4(3))",
            ),
            Clock(
                "appeal_due",
                14,
                "PP 79/2021 Pasal 11 ayat (3): banding administratif to BPASN within 14 hari "
                "kerja of receiving a dismissal decision",
            ),
            Clock(
                "takes_effect",
                15,
                "PP 94/2021 Pasal 38 ayat (1): the decision takes effect on the 15th day after "
                "receipt, unless an objection or appeal is filed (38(2))",
                unit=effect_unit,
                kind="effective",
            ),
        )
    if step == "objection_received":
        return (
            Clock(
                "official_reply_due",
                6,
                "PP 79/2021 Pasal 8 ayat (3): the official whose decision is objected to replies "
                "to their superior within 6 hari kerja (objection to a non-PPK official)",
            ),
            Clock(
                "objection_decision_due",
                21,
                "PP 79/2021 Pasal 5 ayat (1) and Pasal 8 ayat (4): the objection is decided "
                "within 21 hari kerja of receipt; otherwise the employee may go to the PTUN "
                "(5(3), 8(7))",
            ),
        )
    if step == "appeal_received":
        return (
            Clock(
                "ppk_reply_due",
                21,
                "PP 79/2021 Pasal 13 ayat (1): the PPK answers BPASN within 21 hari kerja of "
                "receiving the copy of the appeal",
            ),
            Clock(
                "bpasn_decision_due",
                65,
                "PP 79/2021 Pasal 13 ayat (4): BPASN decides within 65 hari kerja of receiving "
                "the appeal",
            ),
        )
    raise AssertionError(step)


def _pp53_clocks(step: str) -> tuple[Clock, ...]:
    """PP 53/2010 clocks, for files it still governs (PP 94/2021 Pasal 40 ayat (2))."""
    if step == "summons_issued":
        return (
            Clock(
                "examination_earliest",
                7,
                "PP 53/2010 Pasal 23 ayat (2): the summons is sent paling lambat 7 hari kerja "
                "before the examination date",
                kind="earliest",
            ),
        )
    if step == "summons_missed":
        return (
            Clock(
                "second_summons_latest",
                7,
                "PP 53/2010 Pasal 23 ayat (3): second summons paling lambat 7 hari kerja after "
                "the date the first examination should have taken place",
            ),
        )
    if step == "decision_set":
        return (
            Clock(
                "delivery_latest",
                14,
                "PP 53/2010 Pasal 31 ayat (3): closed delivery paling lambat 14 hari kerja after "
                "the decision is set",
            ),
        )
    if step == "decision_received":
        return (
            Clock(
                "objection_due",
                14,
                "PP 53/2010 Pasal 35 ayat (2): keberatan within 14 days (not working days) of "
                "receiving the decision (only the types of Pasal 34)",
                unit="calendar_days",
            ),
            Clock(
                "takes_effect",
                15,
                "PP 53/2010 Pasal 44 ayat (1) and Pasal 45 ayat (1): in force on the 15th day "
                "after receipt unless an objection or appeal is filed",
                unit="calendar_days",
                kind="effective",
            ),
        )
    if step == "objection_received":
        return (
            Clock(
                "official_reply_due",
                6,
                "PP 53/2010 Pasal 36 ayat (2): the authorised official replies within 6 hari "
                "kerja of receiving the copy of the objection",
            ),
            Clock(
                "objection_decision_due",
                21,
                "PP 53/2010 Pasal 36 ayat (3): the superior decides within 21 hari kerja; "
                "otherwise the sanction is void (Pasal 37 ayat (4))",
            ),
        )
    return ()


REGULATIONS = ("pp-94-2021", "pp-53-2010")

STEPS = (
    "summons_issued",
    "summons_missed",
    "decision_set",
    "decision_received",
    "objection_received",
    "appeal_received",
)


def _due(
    clock: Clock, start: date, calendar_id: str, counting: str, registry: CalendarRegistry
) -> date:
    if clock.unit == "calendar_days":
        # "hari ke-15 sejak diterima": exclusive counts from the day after receipt.
        offset = clock.days - 1 if counting == "inclusive" else clock.days
        return start + timedelta(days=offset)
    return add_working_days(start, clock.days, calendar_id, counting=counting, registry=registry)


def deadlines(
    payload: dict[str, Any],
    *,
    config: RulesConfig | None = None,
    calendars: CalendarRegistry | None = None,
) -> dict[str, Any]:
    """Answer the `tegak rules deadlines` request (CONTRACTS.md)."""
    settings = config or DEFAULT_CONFIG
    registry = calendars or default_registry()
    data = require_object(payload, "$")
    step = choice(data.get("step"), "step", STEPS, "step")
    start = parse_date(data.get("on"), "on")
    calendar_id = data.get("calendar", "national")
    if not isinstance(calendar_id, str) or calendar_id not in registry.calendar_ids:
        raise RulesInputError("calendar", f"unknown calendar {calendar_id!r}")
    counting = data.get("counting", settings.counting)
    counting = choice(counting, "counting", COUNTINGS, "counting convention")
    regulation = choice(
        data.get("regulation", "pp-94-2021"), "regulation", REGULATIONS, "regulation"
    )
    clocks = _clocks(step, settings) if regulation == "pp-94-2021" else _pp53_clocks(step)
    items = []
    for clock in clocks:
        due = _due(clock, start, calendar_id, counting, registry)
        items.append(
            {
                "name": clock.name,
                "due": due.isoformat(),
                "basis": clock.basis,
                "days": clock.days,
                "unit": clock.unit,
                "kind": clock.kind,
            }
        )
    return {
        "step": step,
        "on": start.isoformat(),
        "calendar": calendar_id,
        "counting": counting,
        "regulation": regulation,
        "deadlines": items,
    }
