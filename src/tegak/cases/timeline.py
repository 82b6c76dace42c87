"""The case timeline: evidence, statements, steps and the working hours of each day, side by side.

A statement that claims "after hours" (or "during hours") is checked against every evidence moment
of the same employee with the rules engine's `working_time`: when the evidence puts the event on
the other side of the end of the working day, the statement is flagged as contradicted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from tegak.cases import rules_bridge
from tegak.cases.labels import provision_citation, sanction_label
from tegak.cases.models import Accused, Case, Statement


@dataclass
class Entry:
    """One line of the timeline."""

    kind: str  # evidence | statement | step
    day: date
    moment: datetime | None
    title: str
    detail: str = ""
    accused_id: int | None = None
    working: dict[str, Any] | None = None
    contradictions: list[str] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[date, time, int]:
        order = {"evidence": 0, "statement": 1, "step": 2}[self.kind]
        return (self.day, self.moment.timetz() if self.moment else time(23, 59), order)


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def _evidence(
    accused_list: list[Accused], zone: ZoneInfo, schedule: str, calendars: Any
) -> list[Entry]:
    entries = []
    allegations = [
        allegation for accused in accused_list for allegation in accused.allegations.all()
    ]
    for allegation in allegations:
        moment = _local(allegation.committed_at, zone) if allegation.committed_at else None
        entries.append(
            Entry(
                kind="evidence",
                day=allegation.committed_on,
                moment=moment,
                title=_("Alleged: %(provision)s")
                % {"provision": provision_citation(allegation.provision)},
                detail=allegation.place,
                accused_id=allegation.accused_id,
                working=(
                    rules_bridge.working_time(moment, schedule, calendars) if moment else None
                ),
            )
        )
    return entries


def _claim_words(claim: bool | None) -> str:
    return _("during working hours") if claim else _("after working hours")


def _contradictions(
    statement: Statement, evidence: list[Entry], zone: ZoneInfo, schedule: str, calendars: Any
) -> list[str]:
    found: list[str] = []
    claimed_working = None
    if statement.claimed_at is not None:
        claimed_working = rules_bridge.working_time(
            _local(statement.claimed_at, zone), schedule, calendars
        )
    claim = statement.claims_within_working_hours
    if claim is None and claimed_working is not None:
        claim = bool(claimed_working["within_working_hours"])
    if claim is None:
        return found
    for entry in evidence:
        if entry.working is None or entry.moment is None:
            continue
        if statement.accused_id is not None and entry.accused_id != statement.accused_id:
            continue
        inside = bool(entry.working["within_working_hours"])
        if inside != claim:
            found.append(
                _(
                    "The statement says %(claim)s, but the evidence puts the event at %(time)s on "
                    "%(day)s, %(inside)s (the working day runs %(start)s–%(end)s)."
                )
                % {
                    "claim": _claim_words(claim),
                    "time": entry.moment.strftime("%H:%M"),
                    "day": entry.moment.date().isoformat(),
                    "inside": _claim_words(inside),
                    "start": entry.working.get("day_start") or "-",
                    "end": entry.working.get("day_end") or "-",
                }
            )
    return found


def _steps(accused_list: list[Accused]) -> list[Entry]:
    entries: list[Entry] = []
    for accused in accused_list:
        for summons in accused.summonses.all():
            entries.append(
                Entry(
                    "step",
                    summons.issued_on,
                    None,
                    _("Summons %(number)s issued for %(day)s")
                    % {"number": summons.number, "day": summons.examination_on.isoformat()},
                    accused_id=accused.pk,
                )
            )
        examination = getattr(accused, "examination", None)
        if examination is not None:
            entries.append(
                Entry(
                    "step", examination.held_on, None, _("Examination held"), accused_id=accused.pk
                )
            )
        berita_acara = getattr(accused, "berita_acara", None)
        if berita_acara is not None:
            entries.append(
                Entry(
                    "step",
                    berita_acara.completed_on,
                    None,
                    _("BAP completed"),
                    accused_id=accused.pk,
                )
            )
        decision = getattr(accused, "decision", None)
        if decision is not None:
            entries.append(
                Entry(
                    "step",
                    decision.decided_on,
                    None,
                    _("Decision: %(sanction)s")
                    % {"sanction": sanction_label(decision.sanction_code, accused.finding)},
                    accused_id=accused.pk,
                )
            )
            delivery = getattr(decision, "delivery", None)
            if delivery is not None:
                entries.append(
                    Entry(
                        "step",
                        delivery.received_on,
                        None,
                        _("Decision received"),
                        accused_id=accused.pk,
                    )
                )
    return entries


def case_timeline(case: Case, accused: list[Accused] | None = None) -> list[Entry]:
    """Evidence, statements and steps in order, each statement checked against the evidence.

    `accused` may be the case's accused already fetched with their allegations and summonses.
    """
    if accused is None:
        accused = list(
            case.accused.select_related(
                "examination", "berita_acara", "decision", "decision__delivery"
            ).prefetch_related("allegations", "summonses")
        )
    zone = ZoneInfo(case.instansi.zoneinfo_name)
    schedule = case.instansi.schedule_id
    calendars = rules_bridge.calendars_for(case.instansi)
    evidence = _evidence(accused, zone, schedule, calendars)
    entries = list(evidence)
    for statement in case.statements.all():
        moment = _local(statement.claimed_at, zone) if statement.claimed_at else None
        entries.append(
            Entry(
                kind="statement",
                day=moment.date() if moment else statement.given_on,
                moment=moment,
                title=_("Statement by %(source)s (given %(day)s)")
                % {"source": statement.get_source_display(), "day": statement.given_on.isoformat()},
                detail=statement.text,
                accused_id=statement.accused_id,
                working=(
                    rules_bridge.working_time(moment, schedule, calendars) if moment else None
                ),
                contradictions=_contradictions(statement, evidence, zone, schedule, calendars),
            )
        )
    entries.extend(_steps(accused))
    return sorted(entries, key=lambda entry: entry.sort_key)


def contradicted_statements(case: Case) -> int:
    """How many statements the evidence contradicts."""
    return sum(1 for entry in case_timeline(case) if entry.contradictions)
