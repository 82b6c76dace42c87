"""`deadlines`: the legal clocks of a case in working days (PP 94/2021 Pasal 26, 37-38; PP 79)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tegak.rules.authority_pp53 import TYPE_LETTER
from tegak.rules.calendar import CalendarRegistry, add_working_days, default_registry
from tegak.rules.config import COUNTINGS, DEFAULT_CONFIG, RulesConfig, RulesInputError
from tegak.rules.messages import Text, say
from tegak.rules.parsing import choice, optional_date, parse_date, require_object
from tegak.rules.sanctions import SANCTIONS

Say = Text


@dataclass(frozen=True)
class Clock:
    """One clock started by a step: `days` working (or calendar) days, and its article."""

    name: str
    days: int
    basis: Text  # the article and what it says, in English and (catalogue) Indonesian
    unit: str = "working_days"  # or "calendar_days"
    kind: str = "deadline"  # "deadline": at the latest; "earliest": not before; "effective"


# An objection to a decision of an official other than the PPK goes to the official's superior
# (PP 79/2021 Pasal 3 ayat (1) huruf b, ayat (3)); its period is in Pasal 7, which is missing
# from the stored text, and is read as Pasal 4 ayat (2)'s 14 working days (legal-brief 1.11,
# reading C38 of docs/legal-questions.md).
OBJECTION_TO_OFFICIAL = say(
    "PP 79/2021 Pasal 3 ayat (1) huruf b and ayat (3), Pasal 7: an objection to the official's "
    "superior within 14 working days of receiving the decision (Pasal 7 is missing from the "
    "stored text; the period is read as that of Pasal 4 ayat (2))"
)


def _clocks(step: str, config: RulesConfig, official: str | None = None) -> tuple[Clock, ...]:
    if step == "summons_issued":
        if config.summons_reading == "at_least":
            return (
                Clock(
                    "examination_earliest",
                    7,
                    say(
                        "PP 94/2021 Pasal 26 ayat (2), read as a notice period of at least 7 "
                        "working days (as PP 53/2010 Pasal 23 ayat (2) said)"
                    ),
                    kind="earliest",
                ),
            )
        return (
            Clock(
                "examination_latest",
                7,
                say(
                    "PP 94/2021 Pasal 26 ayat (2): the examination at the latest 7 working "
                    "days after the date of the summons letter"
                ),
            ),
        )
    if step == "summons_missed":
        return (
            Clock(
                "second_summons_latest",
                7,
                say(
                    "PP 94/2021 Pasal 26 ayat (3): the second summons at the latest 7 working "
                    "days after the day the first examination should have taken place"
                ),
            ),
        )
    if step == "decision_set":
        return (
            Clock(
                "delivery_latest",
                14,
                say(
                    "PP 94/2021 Pasal 37 ayat (3): the decision is delivered at the latest 14 "
                    "working days after it is set"
                ),
            ),
        )
    if step == "decision_received":
        effect_unit = config.effect_counting
        return (
            Clock(
                "objection_due",
                14,
                OBJECTION_TO_OFFICIAL
                if official == "other"
                else say(
                    "PP 79/2021 Pasal 4 ayat (2): an objection within 14 working days of "
                    "receiving the decision (a decision other than dismissal); late filing is "
                    "inadmissible (4(3))"
                ),
            ),
            Clock(
                "appeal_due",
                14,
                say(
                    "PP 79/2021 Pasal 11 ayat (3): an administrative appeal to BPASN within "
                    "14 working days of receiving a dismissal decision"
                ),
            ),
            Clock(
                "takes_effect",
                15,
                say(
                    "PP 94/2021 Pasal 38 ayat (1): the decision takes effect on the 15th day "
                    "after receipt, unless an objection or appeal is filed (38(2))"
                ),
                unit=effect_unit,
                kind="effective",
            ),
        )
    if step == "objection_received":
        return (
            Clock(
                "official_reply_due",
                6,
                say(
                    "PP 79/2021 Pasal 8 ayat (3): the official whose decision is objected to "
                    "replies to their superior within 6 working days (objection to a non-PPK "
                    "official)"
                ),
            ),
            Clock(
                "objection_decision_due",
                21,
                say(
                    "PP 79/2021 Pasal 5 ayat (1) and Pasal 8 ayat (4): the objection is "
                    "decided within 21 working days of receipt; otherwise the employee may go "
                    "to the administrative court (5(3), 8(7))"
                ),
            ),
        )
    if step == "appeal_received":
        return (
            Clock(
                "ppk_reply_due",
                21,
                say(
                    "PP 79/2021 Pasal 13 ayat (1): the PPK answers BPASN within 21 working "
                    "days of receiving the copy of the appeal"
                ),
            ),
            Clock(
                "bpasn_decision_due",
                65,
                say(
                    "PP 79/2021 Pasal 13 ayat (4): BPASN decides within 65 working days of "
                    "receiving the appeal"
                ),
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
                say(
                    "PP 53/2010 Pasal 23 ayat (2): the summons is sent at the latest 7 "
                    "working days before the examination date"
                ),
                kind="earliest",
            ),
        )
    if step == "summons_missed":
        return (
            Clock(
                "second_summons_latest",
                7,
                say(
                    "PP 53/2010 Pasal 23 ayat (3): the second summons at the latest 7 working "
                    "days after the day the first examination should have taken place"
                ),
            ),
        )
    if step == "decision_set":
        return (
            Clock(
                "delivery_latest",
                14,
                say(
                    "PP 53/2010 Pasal 31 ayat (3): closed delivery at the latest 14 working "
                    "days after the decision is set"
                ),
            ),
        )
    if step == "decision_received":
        return (
            Clock(
                "objection_due",
                14,
                say(
                    "PP 53/2010 Pasal 35 ayat (2): an objection within 14 days (not working "
                    "days) of receiving the decision (only the types of Pasal 34)"
                ),
                unit="calendar_days",
            ),
            Clock(
                "takes_effect",
                15,
                say(
                    "PP 53/2010 Pasal 44 ayat (1) and Pasal 45 ayat (1): in force on the 15th "
                    "day after receipt unless an objection or appeal is filed"
                ),
                unit="calendar_days",
                kind="effective",
            ),
        )
    if step == "objection_received":
        return (
            Clock(
                "official_reply_due",
                6,
                say(
                    "PP 53/2010 Pasal 36 ayat (2): the authorised official replies within 6 "
                    "working days of receiving the copy of the objection"
                ),
            ),
            Clock(
                "objection_decision_due",
                21,
                say(
                    "PP 53/2010 Pasal 36 ayat (3): the superior decides within 21 working "
                    "days; otherwise the sanction is void (Pasal 37 ayat (4))"
                ),
            ),
        )
    return ()


REGULATIONS = ("pp-94-2021", "pp-53-2010")
PP94_START = date(2021, 8, 31)  # PP 94/2021 Pasal 46
PP53_START = date(2010, 6, 6)  # PP 53/2010, promulgated and in force
PP79_START = date(2021, 8, 10)  # PP 79/2021 Pasal 34
# Who set the decision, for PP 53/2010 Pasal 33 and 43-45 ("other": any other authorised
# official, e.g. a structural official of echelon I to V).
OFFICIALS = ("presiden", "ppk", "gubernur", "kepala_perwakilan", "other")
DISMISSALS = ("pdh_taps", "ptdh")

STEPS = (
    "summons_issued",
    "summons_missed",
    "decision_set",
    "decision_received",
    "objection_received",
    "appeal_received",
)


# PP 53/2010 Pasal 43: the letters under which a sanction is in force from the day it is set (one
# message each, so that a stored basis is found again in the catalogue).
PP53_IMMEDIATE_BASIS = {
    "a": say("PP 53/2010 Pasal 43 huruf a: in force from the day the decision is set"),
    "b": say("PP 53/2010 Pasal 43 huruf b: in force from the day the decision is set"),
    "c": say("PP 53/2010 Pasal 43 huruf c: in force from the day the decision is set"),
    "d": say("PP 53/2010 Pasal 43 huruf d: in force from the day the decision is set"),
    "e": say("PP 53/2010 Pasal 43 huruf e: in force from the day the decision is set"),
}


def _pp53_immediate(letter: str, official: str) -> str | None:
    """The letter of PP 53/2010 Pasal 43 (and 33) under which the sanction takes effect on the
    day it is set and admits no administrative appeal; None otherwise."""
    if official == "presiden":
        return "a"
    if official == "ppk" and letter in {"2", "3a", "3b", "3c", "4a", "4b", "4c"}:
        return "b"
    if official == "gubernur" and letter in {"4b", "4c"}:
        return "c"
    if official == "kepala_perwakilan":
        return "d"
    if letter == "2":
        return "e"
    return None


def _pp53_by_sanction(
    step: str, sanction: str, official: str
) -> tuple[tuple[Clock, ...], list[Say]]:
    """PP 53/2010 clocks that depend on the sanction and the official who set it."""
    letter = TYPE_LETTER[sanction]
    immediate = _pp53_immediate(letter, official)
    notes: list[Say] = []
    if step == "decision_set":
        clocks = list(_pp53_clocks(step))
        if immediate is not None:
            clocks.append(
                Clock(
                    "takes_effect",
                    0,
                    PP53_IMMEDIATE_BASIS[immediate],
                    unit="calendar_days",
                    kind="effective",
                )
            )
        return tuple(clocks), notes
    if step != "decision_received":
        return _pp53_clocks(step), notes
    if immediate is not None:
        notes.append(
            say(
                "No objection or appeal lies against this sanction (PP 53/2010 Pasal 33 "
                "huruf {immediate}); it took effect on the day it was set (Pasal 43 "
                "huruf {immediate})",
                immediate=immediate,
            )
        )
        return (), notes
    effect = Clock(
        "takes_effect",
        15,
        say(
            "PP 53/2010 Pasal 44 ayat (1): in force on the 15th day after receipt unless an "
            "objection is filed (then on the day the objection is decided, 44(2))"
        ),
        unit="calendar_days",
        kind="effective",
    )
    if official in ("ppk", "gubernur") and letter in {"4d", "4e"}:
        notes.append(
            say(
                "An administrative appeal to BAPEK lies against this dismissal (PP "
                "53/2010 Pasal 34 ayat (2)); its time limit is in the BAPEK regulation "
                "(Pasal 38 ayat (2)), not encoded"
            )
        )
        return (
            Clock(
                "takes_effect",
                15,
                say(
                    "PP 53/2010 Pasal 45 ayat (1): in force on the 15th day after receipt "
                    "unless an appeal is filed (then on the day the appeal is decided, 45(2))"
                ),
                unit="calendar_days",
                kind="effective",
            ),
        ), notes
    if letter in {"3a", "3b"}:
        return (
            Clock(
                "objection_due",
                14,
                say(
                    "PP 53/2010 Pasal 35 ayat (2): an objection within 14 days (not working "
                    "days) of receiving the decision (Pasal 34 ayat (1): 7(3) huruf a and b "
                    "set by an official below the PPK)"
                ),
                unit="calendar_days",
            ),
            effect,
        ), notes
    notes.append(
        say(
            "PP 53/2010 Pasal 34 admits an objection only against Pasal 7 ayat (3) "
            "huruf a and b set by an official below the PPK; none lies against "
            "{sanction} set by this official",
            sanction=sanction,
        )
    )
    return (effect,), notes


def _due(
    clock: Clock, start: date, calendar_id: str, counting: str, registry: CalendarRegistry
) -> date:
    if clock.unit == "calendar_days":
        if clock.days == 0:
            return start
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
        raise RulesInputError(
            "calendar", say("unknown calendar {calendar_id!r}", calendar_id=calendar_id)
        )
    counting = data.get("counting", settings.counting)
    counting = choice(counting, "counting", COUNTINGS, "counting convention")
    regulation = choice(
        data.get("regulation", "pp-94-2021"), "regulation", REGULATIONS, "regulation"
    )
    sanction = data.get("sanction")
    if sanction is not None:
        sanction = choice(sanction, "sanction", tuple(SANCTIONS), "sanction")
    official = data.get("official")
    if official is not None:
        official = choice(official, "official", OFFICIALS, "official")
    filed_on = optional_date(data.get("filed_on"), "filed_on")
    if filed_on is not None and filed_on > start:
        raise RulesInputError("filed_on", "is after the day the step was received (on)")
    notes: list[Say] = []
    appeal_step = step in ("objection_received", "appeal_received")
    governing_day = (filed_on or start) if appeal_step else start
    if governing_day < PP53_START:
        raise RulesInputError(
            "filed_on" if appeal_step and filed_on is not None else "on",
            say(
                "is before PP 53/2010 was in force (6 June 2010): the clocks of earlier "
                "regulations are not encoded"
            ),
        )
    if regulation == "pp-94-2021" and governing_day < PP94_START:
        # PP 94/2021 (and the PP 79/2021 clocks given with it) did not yet govern that day:
        # PP 53/2010 did, and still does for objections and appeals filed before 31 August
        # 2021 (PP 94/2021 Pasal 40 ayat (2)).
        notes.append(
            say(
                "PP 94/2021 has governed discipline only since 31 August 2021 (Pasal 46); a "
                "step on {day} follows PP 53/2010 (PP 94/2021 Pasal 40 ayat (2) for objections "
                "and appeals filed before that day)",
                day=governing_day,
            )
        )
        regulation = "pp-53-2010"
    if regulation == "pp-53-2010":
        alive_until = governing_day
        if alive_until >= PP94_START:
            rest: Text | str = (
                ""
                if appeal_step
                else say("; the rest of the process follows PP 94/2021 (Pasal 40 ayat (4))")
            )
            notes.append(
                say(
                    "PP 53/2010 was revoked on 31 August 2021; after that day it governs "
                    "only objections and appeals filed before it (PP 94/2021 Pasal 40 ayat "
                    "(2)){rest}. This step on {alive_until} follows PP 94/2021 and PP 79/2021",
                    rest=rest,
                    alive_until=alive_until,
                )
            )
            regulation = "pp-94-2021"
    if regulation == "pp-53-2010":
        if sanction is not None and sanction not in TYPE_LETTER:
            raise RulesInputError(
                "sanction",
                say("{sanction!r} is not a sanction type of PP 53/2010", sanction=sanction),
            )
        if sanction is not None and step in ("decision_set", "decision_received"):
            if official is None and TYPE_LETTER[sanction] != "2":
                raise RulesInputError(
                    "official",
                    "is needed with this sanction: under PP 53/2010 who set it decides when it "
                    "takes effect and whether an objection lies (Pasal 33, 43-45)",
                )
            clocks, extra = _pp53_by_sanction(step, sanction, official or "other")
            notes.extend(extra)
        else:
            clocks = _pp53_clocks(step)
        if step == "appeal_received":
            notes.append(
                say(
                    "No clock is computed for an appeal to BAPEK under PP 53/2010 (PP 24/2011, "
                    "which governed it, was revoked by PP 79/2021 Pasal 33 on 10 August 2021)"
                )
            )
        if appeal_step and start >= PP79_START:
            notes.append(
                say(
                    "Still open on or after 10 August 2021: PP 79/2021, in force that day, "
                    "governs the objections and appeals pending then and those filed after "
                    "(Pasal 31 and 34), while PP 94/2021 Pasal 40 ayat (2) keeps those filed "
                    "before 31 August 2021 under PP 53/2010. The PP 53/2010 clocks are given; "
                    "which governs is not decided (docs/legal-questions.md, reading 17)"
                )
            )
    else:
        clocks = _clocks(step, settings, official)
        if sanction is not None and step == "decision_received":
            dismissal = sanction in DISMISSALS
            clocks = tuple(
                clock
                for clock in clocks
                if clock.name not in (("objection_due",) if dismissal else ("appeal_due",))
            )
            notes.append(
                say(
                    "A dismissal is challenged by an administrative appeal to BPASN (PP 79/2021 "
                    "Pasal 10)"
                )
                if dismissal
                else say(
                    "This sanction is challenged by an objection (keberatan), not an "
                    "appeal (PP 79/2021 Pasal 3 and 10)"
                )
            )
    calendar = registry.calendar(calendar_id)
    items = []
    for clock in clocks:
        try:
            due = _due(clock, start, calendar_id, counting, registry)
            between = (
                calendar.estimates_between(start, due) if clock.unit == "working_days" else None
            )
        except OverflowError:
            raise RulesInputError(
                "on", say("is too late: {name} would fall after 9999-12-31", name=clock.name)
            ) from None
        item: dict[str, Any] = {
            "name": clock.name,
            "due": due.isoformat(),
            "basis": clock.basis.en,
            "basis_id": clock.basis.id,
            "days": clock.days,
            "unit": clock.unit,
            "kind": clock.kind,
            "estimated_days": [],
            "undecreed_years": [],
        }
        if between is not None:
            estimated, years = between
            item["estimated_days"] = [
                {"date": day.isoformat(), "name": name} for day, name in estimated
            ]
            item["undecreed_years"] = years
            for day, name in estimated:
                notes.append(
                    say(
                        "{name} ({due}) skips {day}, {name2}: an estimated date; check it "
                        "against the year's SKB and correct the calendar if it moved",
                        name=clock.name,
                        due=due,
                        day=day,
                        name2=name,
                    )
                )
            for year in years:
                notes.append(
                    say(
                        "{name} ({due}) counts days of {year}, whose holidays and cuti bersama "
                        "are not yet decreed (SKB 3 Menteri): the date may move",
                        name=clock.name,
                        due=due,
                        year=year,
                    )
                )
        items.append(item)
    unique = list(dict.fromkeys(notes))
    return {
        "step": step,
        "on": start.isoformat(),
        "calendar": calendar_id,
        "counting": counting,
        "regulation": regulation,
        "deadlines": items,
        "provisional": any(item["estimated_days"] or item["undecreed_years"] for item in items),
        "notes": [note.en for note in unique],
        "notes_id": [note.id for note in unique],
    }
