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

from django.utils import formats
from django.utils.translation import gettext as _

from tegak.cases import rules_bridge
from tegak.cases.labels import accused_sanction_label, allegation_citation
from tegak.cases.models import Accused, Case, Statement
from tegak.core.words import shown_date


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
    # The provision an evidence line alleges, as cited (a contradiction note names it).
    citation: str = ""
    # Every accused the line concerns: one line for an event that several of a group share
    # (their allegation of one moment, a team formed for all). Empty: the case as a whole.
    accused_ids: tuple[int, ...] = ()
    # Their names, shown when the line concerns some of a group's accused only.
    accused_names: list[str] = field(default_factory=list)

    def concerns(self, accused_pk: int) -> bool:
        """Whether this line is about that accused (a line about the whole case is)."""
        ids = self.accused_ids or (() if self.accused_id is None else (self.accused_id,))
        return not ids or accused_pk in ids

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
        (allegation, accused)
        for accused in accused_list
        for allegation in accused.allegations.all()
    ]
    for allegation, accused in allegations:
        moment = _local(allegation.committed_at, zone) if allegation.committed_at else None
        entries.append(
            Entry(
                kind="evidence",
                day=allegation.committed_on,
                moment=moment,
                title=_("Alleged: %(provision)s")
                % {"provision": allegation_citation(allegation, accused)},
                detail=allegation.place,
                accused_id=allegation.accused_id,
                citation=allegation_citation(allegation, accused),
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
    # One note per contradicting moment, naming every allegation it concerns: several
    # allegations of one event (one moment, several provisions) used to repeat the same note.
    moments: dict[tuple[datetime, bool], list[Entry]] = {}
    for entry in evidence:
        if entry.working is None or entry.moment is None:
            continue
        if statement.accused_id is not None and entry.accused_id != statement.accused_id:
            continue
        inside = bool(entry.working["within_working_hours"])
        if inside != claim:
            moments.setdefault((entry.moment, inside), []).append(entry)
    for (moment, inside), entries in moments.items():
        working = entries[0].working or {}
        found.append(
            _(
                "The statement says %(claim)s, but the evidence puts the event at %(time)s on "
                "%(day)s, %(inside)s (the working day runs %(start)s–%(end)s); alleged: "
                "%(allegations)s."
            )
            % {
                "claim": _claim_words(claim),
                "time": moment.strftime("%H:%M"),
                # In the active language's long date (the dossier's summary is Indonesian).
                "day": formats.date_format(moment.date(), "j F Y"),
                "inside": _claim_words(inside),
                "start": working.get("day_start") or "-",
                "end": working.get("day_end") or "-",
                "allegations": "; ".join(
                    dict.fromkeys(entry.citation for entry in entries if entry.citation)
                ),
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
                    % {"number": summons.number, "day": shown_date(summons.examination_on)},
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
        entries.extend(_hearing_steps(accused))
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
                    % {"sanction": accused_sanction_label(decision.sanction_code, accused)},
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
            entries.extend(_objection_steps(accused, decision))
    return entries


def _hearing_steps(accused: Accused) -> list[Entry]:
    """The absences, the team, the release from duty and the report of findings."""
    entries: list[Entry] = []
    for summons in accused.summonses.all():
        if summons.missed:
            entries.append(
                Entry(
                    "step",
                    summons.examination_on,
                    None,
                    _("Did not come to the examination (summons %(number)s)")
                    % {"number": summons.number},
                    accused_id=accused.pk,
                )
            )
    team = getattr(accused, "team", None)
    if team is not None:
        entries.append(
            Entry("step", team.formed_on, None, _("Examination team formed"), accused_id=accused.pk)
        )
    release = getattr(accused, "temporary_release", None)
    if release is not None:
        entries.append(
            Entry(
                "step",
                release.decree_on,
                None,
                (
                    _("Released temporarily from duty from %(day)s (PP 94/2021 Pasal 31)")
                    if accused.employee.status in ("PNS", "CPNS")
                    else _("Released temporarily from duty from %(day)s")
                )
                % {"day": shown_date(release.starts_on)},
                accused_id=accused.pk,
            )
        )
    report = getattr(accused, "findings_report", None)
    if report is not None:
        entries.append(
            Entry(
                "step",
                report.reported_on,
                None,
                _("Report of findings: violation proven")
                if report.proven
                else _("Report of findings: no violation proven"),
                accused_id=accused.pk,
            )
        )
    return entries


def _objection_steps(accused: Accused, decision: Any) -> list[Entry]:
    """The objection or appeal, the official's reply to it and the decision on it (PP 79/2021)."""
    objection = getattr(decision, "objection", None)
    if objection is None:
        return []
    appeal = objection.kind == "appeal"
    entries = [
        Entry(
            "step",
            objection.filed_on,
            None,
            _("Appeal to BPASN filed") if appeal else _("Objection filed"),
            detail=objection.grounds,
            accused_id=accused.pk,
        )
    ]
    reply = getattr(objection, "reply", None)
    if reply is not None:
        entries.append(
            Entry(
                "step",
                reply.replied_on,
                None,
                _("Reply of the official to the objection (PP 79/2021 Pasal 8(3))"),
                detail=reply.text,
                accused_id=accused.pk,
            )
        )
    if objection.outcome and objection.decided_on:
        outcome = str(objection.get_outcome_display())
        if objection.outcome_sanction_code:
            outcome += " → " + accused_sanction_label(objection.outcome_sanction_code, accused)
        entries.append(
            Entry(
                "step",
                objection.decided_on,
                None,
                (
                    _("Decision on the appeal: %(outcome)s")
                    if appeal
                    else _("Decision on the objection: %(outcome)s")
                )
                % {"outcome": outcome},
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
                "employee",
                "examination",
                "berita_acara",
                "findings_report",
                "decision",
                "decision__delivery",
                "decision__objection",
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
                % {"source": statement.get_source_display(), "day": shown_date(statement.given_on)},
                detail=statement.text,
                accused_id=statement.accused_id,
                working=(
                    rules_bridge.working_time(moment, schedule, calendars) if moment else None
                ),
                contradictions=_contradictions(statement, evidence, zone, schedule, calendars),
            )
        )
    entries.extend(_steps(accused))
    return _one_line_per_event(sorted(entries, key=lambda entry: entry.sort_key), accused)


def _same_event(entry: Entry) -> tuple[Any, ...] | None:
    """What makes two accused's lines one event: all they show (a statement stays its own)."""
    if entry.kind == "statement" or entry.accused_id is None:
        return None
    working = sorted((entry.working or {}).items())
    return (
        entry.kind,
        entry.day,
        entry.moment,
        entry.title,
        entry.detail,
        entry.citation,
        tuple(entry.contradictions),
        repr(working),
    )


def _one_line_per_event(entries: list[Entry], accused: list[Accused]) -> list[Entry]:
    """The lines of a group case's accused that show the same event, merged into one (it was
    repeated once per accused); a line about some of the group only names them."""
    lines: list[Entry] = []
    seen: dict[tuple[Any, ...], Entry] = {}
    for entry in entries:
        key = _same_event(entry)
        if entry.accused_id is not None:
            entry.accused_ids = (entry.accused_id,)
        if key is not None and key in seen:
            merged = seen[key]
            if entry.accused_id not in merged.accused_ids:
                merged.accused_ids += (entry.accused_id,)  # type: ignore[operator]
            continue
        if key is not None:
            seen[key] = entry
        lines.append(entry)
    order = {person.pk: index for index, person in enumerate(accused)}
    names = {person.pk: person.employee.full_name for person in accused}
    for line in lines:
        line.accused_ids = tuple(sorted(line.accused_ids, key=lambda pk: order.get(pk, 0)))
        if len(line.accused_ids) > 1:
            line.accused_id = None
        if len(accused) > 1 and line.accused_ids and set(line.accused_ids) != set(order):
            line.accused_names = [names[pk] for pk in line.accused_ids if pk in names]
    return lines


def contradicted_statements(case: Case) -> int:
    """How many statements the evidence contradicts."""
    return sum(1 for entry in case_timeline(case) if entry.contradictions)
