"""A media report drafted from pasted text: `tegak.extract` reads it, an officer checks it.

`draft_from_text` only reads (nothing is stored); `report_draft_from_text` stores the report an
officer has checked, through the intake services. Names in the text are matched against the
registry with a confidence, but an employee is linked only when the officer ticks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tegak.core.access import has_role
from tegak.core.errors import InputError
from tegak.core.words import shown_iso
from tegak.extract import extract
from tegak.extract.matching import match_name
from tegak.intake import access, services
from tegak.intake.models import Report
from tegak.people.models import Employee, Instansi


def _category_label(category: str) -> str:
    labels = {
        "working_hours": _("working hours and absence"),
        "social_media_conduct": _("conduct on social media"),
        "conduct_unbecoming": _("conduct unbecoming"),
        "neutrality": _("political neutrality"),
        "gifts_gratification": _("gifts and gratification"),
        "illegal_levy": _("illegal levies"),
        "abuse_of_authority": _("abuse of authority"),
    }
    return str(labels.get(category, category))


@dataclass
class Candidate:
    """A registry employee who may be a person named in the text: a suggestion, not a link."""

    employee_id: int
    employee_name: str
    person: str
    confidence: float
    reason: str


@dataclass
class Draft:
    """What the text says, and the report fields proposed from it (all editable)."""

    facts: dict[str, Any]
    summary: str
    accused_text: str
    occurred_on: date | None
    occurred_time: time | None
    occurred_timezone: str
    candidates: list[Candidate] = field(default_factory=list)


def _incident(facts: dict[str, Any]) -> dict[str, Any] | None:
    """The event the report is about: an incident with a time, else the first incident."""
    incidents = [event for event in facts["events"] if event["kind"] == "incident"]
    timed = [event for event in incidents if "time" in event]
    return (timed or incidents or [None])[0]


def _candidates(instansi: Instansi, facts: dict[str, Any]) -> list[Candidate]:
    registry = list(
        Employee.objects.filter(instansi=instansi, active=True).values_list("pk", "name")
    )
    found: dict[int, Candidate] = {}
    for person in facts["people"]:
        for match in match_name(person["name"], registry):
            employee_id = int(str(match.id))
            best = found.get(employee_id)
            if best is None or match.confidence > best.confidence:
                found[employee_id] = Candidate(
                    employee_id, match.name, person["name"], match.confidence, match.reason
                )
    return sorted(found.values(), key=lambda candidate: -candidate.confidence)


def draft_from_text(*, actor: Any, instansi: Instansi, text: str, seen_on: date | None) -> Draft:
    """Read the text and propose a report; stores nothing."""
    if not has_role(actor, access.TRIAGE_ROLES, instansi):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    facts = extract(text, reported_on=seen_on)
    incident = _incident(facts)
    categories = [_category_label(item["category"]) for item in facts["allegations"]]
    summary = ""
    if categories:
        summary = _("Alleged: %(categories)s") % {"categories": ", ".join(categories)}
    accused = [group["text"] for group in facts["employee_groups"]]
    accused += [
        organisation["text"]
        for organisation in facts["organisations"]
        if organisation["kind"] == "perangkat_daerah"
    ]
    occurred_time = None
    if incident is not None and "time" in incident:
        occurred_time = time.fromisoformat(incident["time"])
    return Draft(
        facts=facts,
        summary=summary[:200],
        accused_text="; ".join(" ".join(item.split()) for item in accused),
        occurred_on=date.fromisoformat(incident["date"]) if incident else None,
        occurred_time=occurred_time,
        occurred_timezone=(incident or {}).get("timezone", "WIB"),
        candidates=_candidates(instansi, facts),
    )


def highlighted(text: str, facts: dict[str, Any]) -> list[tuple[str, str]]:
    """The text cut into (words, kind) pieces; kind is "" for plain text, else what was read."""
    spans = sorted(
        (item["span"][0], item["span"][1], kind)
        for kind in (
            "events",
            "people",
            "organisations",
            "employee_groups",
            "regulations",
            "allegations",
        )
        for item in facts[kind]
    )
    pieces: list[tuple[str, str]] = []
    position = 0
    for start, end, kind in spans:
        if start < position:
            continue
        pieces.append((text[position:start], ""))
        pieces.append((text[start:end], kind))
        position = end
    pieces.append((text[position:], ""))
    return [piece for piece in pieces if piece[0]]


def facts_note(facts: dict[str, Any]) -> str:
    """The facts read from the text, as an internal note for whoever examines the report."""
    lines = [_("Facts read automatically from the text (check them against the text):")]
    for event in facts["events"]:
        moment = shown_iso(event["date"])
        moment += f" – {shown_iso(event['date_end'])}" if event.get("date_end") else ""
        moment += f" {event['time']}" if "time" in event else ""
        moment += f" {event['timezone']}" if "timezone" in event else ""
        lines.append(
            _("Date: %(moment)s — “%(words)s”") % {"moment": moment, "words": event["text"]}
        )
    for person in facts["people"]:
        lines.append(
            _("Person: %(name)s (%(role)s)")
            % {"name": person["name"], "role": person.get("role", "-")}
        )
    for regulation in facts["regulations"]:
        line = _("Regulation cited: “%(words)s”") % {"words": " ".join(regulation["text"].split())}
        if regulation.get("in_force_on_event_date") is False:
            line += " — " + _("not in force on %(day)s; replaced by %(by)s") % {
                "day": shown_iso(regulation["checked_on"]),
                "by": regulation.get("replaced_by") or "-",
            }
        lines.append(line)
    for check in facts["working_time"]:
        event = facts["events"][check["event"]]
        verdict = (
            _("inside working hours")
            if check["within_working_hours"]
            else _("outside working hours")
        )
        lines.append(
            _("%(moment)s was %(verdict)s under schedule %(schedule)s")
            % {
                "moment": f"{shown_iso(event['date'])} {event.get('time', '')}".strip(),
                "verdict": verdict,
                "schedule": check["schedule"],
            }
        )
    for allegation in facts["allegations"]:
        lines.append(
            _("Alleged: %(category)s (%(provision)s) — “%(words)s”")
            % {
                "category": _category_label(allegation["category"]),
                "provision": allegation.get("provision") or "-",
                "words": allegation["text"],
            }
        )
    return "\n".join(lines)[:5000]


def report_draft_from_text(
    *,
    actor: Any,
    instansi: Instansi,
    text: str,
    source_url: str,
    seen_on: date | None,
    summary: str | None = None,
    published_on: date | None = None,
    outlet: str = "",
    accused_text: str | None = None,
    occurred_on: date | None = None,
    occurred_time: time | None = None,
    occurred_timezone: str | None = None,
    location: str = "",
    employee_ids: tuple[int, ...] = (),
    fill_from_text: bool = True,
) -> Report:
    """Store a media report from pasted text, as the officer checked it.

    With `fill_from_text`, fields left as None take what the text says (the page sends every
    field as the officer left it, with `fill_from_text=False`). Only the employees in
    `employee_ids` (ticked by the officer) are linked; the facts go into an internal note.
    All of it is stored, or nothing.
    """
    if seen_on is None and published_on is None:
        raise InputError(
            "published_on", _("Give the day on which the article or post was published.")
        )
    # The text's own dates ("Senin (6/9/2021)", "kemarin") are read against its publication.
    draft = draft_from_text(
        actor=actor, instansi=instansi, text=text, seen_on=published_on or seen_on
    )
    if not fill_from_text:
        draft.summary, draft.accused_text = "", ""
        draft.occurred_on, draft.occurred_time = None, None
    employees = list(Employee.objects.filter(instansi=instansi, pk__in=employee_ids))
    if len(employees) != len(set(employee_ids)):
        raise InputError("employees", _("Choose employees from the list of suggestions."))
    with transaction.atomic():
        report = services.report_create_from_media(
            actor=actor,
            instansi=instansi,
            source_url=source_url,
            text=text,
            seen_on=seen_on,
            published_on=published_on,
            outlet=outlet,
            summary=draft.summary if summary is None else summary,
            accused_text=draft.accused_text if accused_text is None else accused_text,
            occurred_on=draft.occurred_on if occurred_on is None else occurred_on,
            occurred_time=draft.occurred_time if occurred_time is None else occurred_time,
            occurred_timezone=occurred_timezone or draft.occurred_timezone,
            location=location,
        )
        for employee in employees:
            services.report_link_employee(actor=actor, report=report, employee=employee)
        services.message_send(
            actor=actor, report=report, body=facts_note(draft.facts), internal=True
        )
    return report
