"""From the case file to the public register: what of an accused's case the public may see.

Only these facts leave the case file: the register number, the top unit the employee worked in
when the case was opened, the provisions alleged, the decided level and sanction, the public
status, the dates, and each legal clock (name, basis, due, met). Never the summary, descriptions,
statements, reports, evidence or anyone's identity; the employee's name is stored as a link
and printed only where `tegak.portal.selectors.public_entries` allows it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from tegak.cases.clocks import ClockKind, clock_kind
from tegak.cases.models import Accused, Stage
from tegak.people.models import OrgUnit
from tegak.people.selectors import assignment_on
from tegak.portal.labels import cited_provision
from tegak.portal.models import PublicStatus

STATUS_BY_STAGE: dict[str, str] = {
    Stage.OPENED: PublicStatus.OPEN,
    Stage.SUMMONED_1: PublicStatus.EXAMINATION,
    Stage.MISSED_1: PublicStatus.EXAMINATION,
    Stage.SUMMONED_2: PublicStatus.EXAMINATION,
    Stage.ABSENT_TWICE: PublicStatus.EXAMINATION,
    Stage.EXAMINED: PublicStatus.EXAMINATION,
    Stage.BAP_RECORDED: PublicStatus.EXAMINATION,
    Stage.FINDINGS_REPORTED: PublicStatus.EXAMINATION,
    Stage.DECIDED: PublicStatus.DECIDED,
    Stage.DELIVERED: PublicStatus.DECIDED,
    Stage.OBJECTION_FILED: PublicStatus.OBJECTION,
    Stage.FINAL: PublicStatus.FINAL,
}
LEVELS = {"ringan", "sedang", "berat"}
# Raised whenever `project` comes to write a row differently; `tegak migrate` then refreshes every
# entry written by an older projection (`services.register_refresh_outdated`), so a row never
# waits for its case's next step to show what the register now publishes. 1: clocks carry
# `office`, and office time limits no longer count as kept, late or overdue (reading C36).
PROJECTION_VERSION = 1


def top_unit(unit: OrgUnit | None) -> OrgUnit | None:
    """The unit directly below the top of the tree that contains `unit` (the dinas or badan)."""
    seen: set[int] = set()
    while unit is not None and unit.parent_id is not None and unit.pk not in seen:
        seen.add(unit.pk)
        parent = unit.parent
        if parent is None or parent.parent_id is None:
            return unit
        unit = parent
    return unit


def _related(instance: Any, name: str) -> Any:
    """A reverse one-to-one (decision, objection), or None when there is none."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def _decision_facts(accused: Accused) -> dict[str, Any]:
    decision = _related(accused, "decision")
    if decision is None:
        return {"level": "", "sanction": "", "decided_on": None}
    sanction = decision.sanction_code
    objection = _related(decision, "objection")
    if objection is not None and objection.decided_on and objection.outcome:
        # The outcome of an objection or appeal replaces the sanction (PP 79/2021 Pasal 6, 16).
        if objection.outcome in {"revoked", "annulled"}:
            sanction = ""
        elif objection.outcome_sanction_code:
            sanction = objection.outcome_sanction_code
    # The level of the sanction imposed (as the objection left it) under the person's own rule
    # or regulation: a non-ASN or PPPK type has its level in the instansi's rule. Decisions
    # stored before the level was the chosen type's kept the finding's level ("sedang" beside a
    # ringan "pernyataan tidak puas"); the stored level is used only for a type the rule does not
    # grade.
    from tegak.cases import rules_bridge

    graded = rules_bridge.sanction_types(accused).level(sanction) if sanction else ""
    level = graded if graded in LEVELS else decision.level
    level = level if level in LEVELS else ""
    return {"level": level, "sanction": sanction, "decided_on": decision.decided_on}


def _superiors_only(provisions: list[str]) -> bool:
    """Whether a provision alleged can be breached only by an official over others: not acting
    on a subordinate's offence (PP 94/2021 Pasal 24(2)-(3), 28; PP 53/2010 Pasal 21), the rules
    engine's `failure_to_act` level rule."""
    from tegak.rules import provision as find_provision

    for code in provisions:
        try:
            found = find_provision(code)
        except KeyError:  # an unknown code (a stored rule's own) is no such provision
            found = None
        if found is not None and found.rule.kind == "failure_to_act":
            return True
    return False


def _deadlines(accused: Accused) -> dict[str, Any]:
    """The clocks as the public sees them; only the office's duties set by law count as kept,
    late or overdue."""
    clocks = sorted(accused.clocks.all(), key=lambda clock: (clock.due, clock.pk))
    duties = [clock for clock in clocks if clock_kind(clock.name) == ClockKind.DUTY]
    # A duty with nobody to keep it towards (no reporter to tell) is neither kept nor late, and
    # a time limit the office set itself where no law sets one (a PPPK's or non-ASN employee's,
    # reading C20) is no legal deadline kept or missed: listed apart, never counted (C36).
    duties = [clock for clock in duties if not clock.not_applicable and not clock.office_limit]
    kept = sum(1 for clock in duties if clock.met_on is not None and clock.met_on <= clock.due)
    late = sum(1 for clock in duties if clock.met_on is not None and clock.met_on > clock.due)
    ended_on = accused.final_on if accused.stage == Stage.FINAL else None
    running = [
        clock.due
        for clock in duties
        if clock.met_on is None and not clock.paused and (ended_on is None or clock.due < ended_on)
    ]
    return {
        "deadlines": [
            {
                "name": clock.name,
                "basis": clock.shown_basis,
                "due": clock.due.isoformat(),
                "met_on": clock.met_on.isoformat() if clock.met_on else None,
                "paused": clock.paused,
                "not_applicable": clock.not_applicable,
                "office": clock.office_limit,
            }
            for clock in clocks
        ],
        "deadlines_kept": kept,
        "deadlines_late": late,
        "open_due": min(running) if running else None,
    }


def project(accused: Accused) -> dict[str, Any]:
    """The register entry's fields for one accused employee of a case."""
    case = accused.case
    assignment = assignment_on(accused.employee, case.opened_on)
    unit = top_unit(assignment.position.unit) if assignment else None
    allegations = list(accused.allegations.all())
    provisions = [allegation.provision for allegation in allegations]
    # A provision only a superior can breach, beside the unit, names the person: in a
    # secretariat only its head and a few heads of section answer for not acting on a
    # subordinate. The unit is withheld on every row of such a case (its rows share the
    # register number, so the subordinate's row would name the unit); the article stays, and
    # the rows count for the instansi only (reading C22 in docs/legal-questions.md).
    case_provisions = list(case.allegations.values_list("provision", flat=True))
    if _superiors_only(case_provisions):
        unit = None
    decision = _decision_facts(accused)
    decided_on: date | None = decision["decided_on"]
    # Time to decision runs from when the process started: the day the case was opened or, if
    # earlier (a case entered afterwards), the day the superior learned of it (Pasal 26(1)).
    started_on = min(case.opened_on, case.known_to_superior_on or case.opened_on)
    return {
        "instansi_id": case.instansi_id,
        "case_id_ref": case.pk,
        "register_number": case.register_number,
        "unit": unit,
        "employee_id": accused.employee_id,
        "provision": provisions[0] if provisions else "",
        # The statistics label the provision with the employee's own regulation (C18, C31).
        "provision_cited": cited_provision(
            allegations[0].provision,
            case.instansi,
            str(accused.employee.status),
            allegations[0].committed_on,
        )[:200]
        if allegations
        else "",
        "provisions": sorted(set(provisions)),
        "level": decision["level"],
        "sanction": decision["sanction"],
        "status": STATUS_BY_STAGE.get(accused.stage, PublicStatus.OPEN),
        "opened_on": case.opened_on,
        "decided_on": decided_on,
        "final_on": accused.final_on if accused.stage == Stage.FINAL else None,
        "days_to_decision": max((decided_on - started_on).days, 0) if decided_on else None,
        **_deadlines(accused),
        "projection_version": PROJECTION_VERSION,
        "authority_deviations": sorted(
            set(accused.step_authorities.filter(deviation=True).values_list("step", flat=True))
        ),
    }
