"""The order of the procedure and who the law gives each step to, in one table.

Every service checks its step here before it writes anything: the accused's stage must be one the
step may follow, and the actor must hold the role (and, for examiners and authorised officials, be
assigned to the case in that role).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tegak.accounts.models import Role
from tegak.cases.models import Accused, Case, CaseHandler, Stage
from tegak.core import page_memo
from tegak.core.errors import InputError
from tegak.core.words import shown_date

EXAMINER = Role.EXAMINER
AUTHORISED_OFFICIAL = Role.AUTHORISED_OFFICIAL
INTAKE_OFFICER = Role.INTAKE_OFFICER
ADMINISTRATOR = Role.ADMINISTRATOR
# Roles that act on a case only when assigned to it as a handler.
HANDLER_ROLES = {EXAMINER, AUTHORISED_OFFICIAL}
BEFORE_DECISION = {
    Stage.OPENED,
    Stage.SUMMONED_1,
    Stage.MISSED_1,
    Stage.SUMMONED_2,
    Stage.ABSENT_TWICE,
    Stage.EXAMINED,
    Stage.BAP_RECORDED,
    Stage.FINDINGS_REPORTED,
}
NOT_FINAL = BEFORE_DECISION | {Stage.DECIDED, Stage.DELIVERED, Stage.OBJECTION_FILED}


@dataclass(frozen=True)
class Step:
    """One step of the procedure: the stages it may follow, the roles, the article."""

    name: str
    label: Any
    after: frozenset[str]
    roles: frozenset[str]
    basis: str


def _step(name: str, label: Any, after: set[Any], roles: set[str], basis: str) -> Step:
    return Step(name, label, frozenset(str(stage) for stage in after), frozenset(roles), basis)


STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        _step(
            "summons_issue_1",
            gettext_lazy("Issue the first summons"),
            {Stage.OPENED},
            {EXAMINER},
            "PP 94/2021 Pasal 26 ayat (1)-(2)",
        ),
        _step(
            "examination_missed",
            gettext_lazy("Record absence from the examination"),
            {Stage.SUMMONED_1, Stage.SUMMONED_2},
            {EXAMINER},
            "PP 94/2021 Pasal 26 ayat (3)-(4)",
        ),
        _step(
            "summons_issue_2",
            gettext_lazy("Issue the second summons"),
            {Stage.MISSED_1},
            {EXAMINER},
            "PP 94/2021 Pasal 26 ayat (3)",
        ),
        _step(
            "team_form",
            gettext_lazy("Form the examination team"),
            {Stage.OPENED, Stage.SUMMONED_1, Stage.MISSED_1, Stage.SUMMONED_2},
            {AUTHORISED_OFFICIAL},
            "PP 94/2021 Pasal 29",
        ),
        _step(
            "examination_hold",
            gettext_lazy("Hold the examination"),
            {Stage.SUMMONED_1, Stage.SUMMONED_2},
            {EXAMINER},
            "PP 94/2021 Pasal 27 ayat (1)",
        ),
        _step(
            "question_record",
            gettext_lazy("Record a question and answer"),
            {Stage.EXAMINED},
            {EXAMINER},
            "PP 94/2021 Pasal 27 ayat (2)",
        ),
        _step(
            "bap_record",
            gettext_lazy("Record the examination minutes (BAP)"),
            {Stage.EXAMINED},
            {EXAMINER},
            "PP 94/2021 Pasal 32",
        ),
        _step(
            "findings_report",
            gettext_lazy("Report the findings"),
            {Stage.BAP_RECORDED},
            {EXAMINER},
            "PP 94/2021 Pasal 27 ayat (3)-(4), Pasal 34",
        ),
        _step(
            "decision_take",
            gettext_lazy("Take the decision"),
            {Stage.FINDINGS_REPORTED, Stage.ABSENT_TWICE},
            {AUTHORISED_OFFICIAL},
            "PP 94/2021 Pasal 26 ayat (4), Pasal 33, Pasal 37 ayat (1)",
        ),
        _step(
            "decision_amend",
            gettext_lazy("Correct the decision before delivery"),
            {Stage.DECIDED},
            {AUTHORISED_OFFICIAL},
            "PP 94/2021 Pasal 33",
        ),
        _step(
            "decision_deliver",
            gettext_lazy("Record delivery of the decision"),
            {Stage.DECIDED},
            {AUTHORISED_OFFICIAL, EXAMINER},
            "PP 94/2021 Pasal 37 ayat (2)-(4)",
        ),
        _step(
            "objection_file",
            gettext_lazy("Record an objection or appeal"),
            {Stage.DELIVERED},
            {AUTHORISED_OFFICIAL, ADMINISTRATOR},
            "PP 79/2021 Pasal 4, Pasal 11",
        ),
        _step(
            "objection_decide",
            gettext_lazy("Record the outcome of the objection or appeal"),
            {Stage.OBJECTION_FILED},
            {AUTHORISED_OFFICIAL, ADMINISTRATOR},
            "PP 79/2021 Pasal 6, Pasal 9, Pasal 16",
        ),
        _step(
            "objection_reply",
            gettext_lazy("Record the official's reply to the objection"),
            {Stage.OBJECTION_FILED},
            {AUTHORISED_OFFICIAL},
            "PP 79/2021 Pasal 8 ayat (3)",
        ),
        _step(
            "temporary_release",
            gettext_lazy("Release temporarily from duty during the examination"),
            {
                Stage.SUMMONED_1,
                Stage.MISSED_1,
                Stage.SUMMONED_2,
                Stage.ABSENT_TWICE,
                Stage.EXAMINED,
                Stage.BAP_RECORDED,
                Stage.FINDINGS_REPORTED,
            },
            {EXAMINER},
            "PP 94/2021 Pasal 31",
        ),
        _step(
            "accused_finalise",
            gettext_lazy("Close as final after the objection window"),
            {Stage.DELIVERED},
            {AUTHORISED_OFFICIAL, ADMINISTRATOR},
            "PP 94/2021 Pasal 38",
        ),
        _step(
            "statement_record",
            gettext_lazy("Record a statement"),
            NOT_FINAL,
            {EXAMINER, INTAKE_OFFICER, AUTHORISED_OFFICIAL},
            "PP 94/2021 Pasal 30",
        ),
        _step(
            "allegation_add",
            gettext_lazy("Add an allegation"),
            BEFORE_DECISION,
            {INTAKE_OFFICER, EXAMINER, ADMINISTRATOR},
            "PP 94/2021 Pasal 1 angka 6",
        ),
    ]
}


# Acts on the case as a whole (not a step of one accused): who may take them, in the same table
# as the steps, so services, views and the API ask here instead of writing the roles again.
CASE_ACTS: dict[str, frozenset[str]] = {
    # PP 94/2021 Pasal 26 ayat (1): the superior (examiner) or the case officer on the agency's
    # behalf opens the file; the administrator for the instansi.
    "case_open": frozenset({INTAKE_OFFICER, EXAMINER, ADMINISTRATOR}),
    "case_open_from_reports": frozenset({INTAKE_OFFICER}),
    "case_open_from_attendance": frozenset({ADMINISTRATOR, INTAKE_OFFICER, EXAMINER}),
    "handler_assign": frozenset({ADMINISTRATOR, INTAKE_OFFICER}),
    "post_state": frozenset({INTAKE_OFFICER, EXAMINER, AUTHORISED_OFFICIAL, ADMINISTRATOR}),
}


def roles_for(name: str) -> frozenset[Role]:
    """The roles that may take a step (`STEPS`) or a case act (`CASE_ACTS`)."""
    roles = STEPS[name].roles if name in STEPS else CASE_ACTS[name]
    return frozenset(Role(role) for role in roles)


def may(roles: set[str], name: str, stage: str | None = None) -> bool:
    """Whether one of `roles` may take the step or act (and, given a stage, whether the step may
    follow it) — for pages that show or hide a button; services still call `check_step`."""
    if not roles & roles_for(name):
        return False
    return stage is None or stage in STEPS[name].after


def actor_roles(actor: Any, case: Case) -> set[str]:
    """The roles the actor may use on this case: instansi roles, narrowed to assignments for
    examiners and authorised officials."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return set()
    roles = set(actor.roles.filter(instansi_id=case.instansi_id).values_list("role", flat=True))
    handler_roles = set(
        CaseHandler.objects.filter(case=case, user=actor, active=True).values_list(
            "role", flat=True
        )
    )
    if handler_roles and handler_conflict(actor, case):
        handler_roles = set()
    return {role for role in roles if role not in HANDLER_ROLES or role in handler_roles}


def handler_conflict(actor: Any, case: Case) -> str:
    """Why an assigned examiner or official may no longer act on this case (empty when they
    may): they became an accused, or a subordinate of one, after they were assigned — an
    allegation added later names them or their superior. The assignment is then not a right
    to act (PP 94/2021 Pasal 29(6): an examiner involved in the case is replaced)."""
    if getattr(actor, "employee_id", None) is None:
        return ""
    from tegak.cases.services import conflict_reason

    return page_memo.remember(
        ("handler_conflict", actor.pk, case.pk),
        lambda: conflict_reason(case, actor.employee, timezone.localdate()),
    )


def refusal(roles: set[str] | frozenset[str]) -> str:
    """Who may take a step: examiners and authorised officials only when assigned to the case,
    the other roles as holders of that role in the case's instansi (as `actor_roles` reads)."""
    assigned = ", ".join(sorted(_role_label(role) for role in roles if role in HANDLER_ROLES))
    others = ", ".join(sorted(_role_label(role) for role in roles if role not in HANDLER_ROLES))
    if assigned and others:
        return _(
            "Only %(assigned)s assigned to this case, or %(others)s of this instansi, may do this."
        ) % {"assigned": assigned, "others": others}
    if assigned:
        return _("Only %(roles)s assigned to this case may do this.") % {"roles": assigned}
    return _("Only %(roles)s of this instansi may do this.") % {"roles": others}


def check_actor(actor: Any, case: Case, step_name: str) -> Step:
    """Refuse (PermissionDenied) unless the actor holds a role that may take this step on the
    case: the one rule for showing a step's form (GET) and for taking it (POST, the service)."""
    step = STEPS[step_name]
    if not (actor_roles(actor, case) & step.roles):
        conflict = handler_conflict(actor, case) if step.roles & HANDLER_ROLES else ""
        if conflict:
            raise PermissionDenied(
                _("%(reason)s Ask the administrator to assign someone else to the case.")
                % {"reason": conflict}
            )
        raise PermissionDenied(refusal(step.roles))
    return step


def check_step(actor: Any, accused: Accused, step_name: str) -> Step:
    """Refuse (nothing written) unless this step may follow the stage and the actor may take it."""
    step = check_actor(actor, accused.case, step_name)
    if accused.stage not in step.after:
        raise InputError(
            "stage",
            _("This step cannot be taken now: the case is at “%(stage)s”.")
            % {"stage": Stage(accused.stage).label},
        )
    return step


def allowed_steps(actor: Any, accused: Accused, roles: set[str] | None = None) -> list[Step]:
    """The steps this actor may take next for this accused (for the case page)."""
    roles = actor_roles(actor, accused.case) if roles is None else roles
    return [
        step
        for step in STEPS.values()
        if accused.stage in step.after
        and roles & step.roles
        and step.name not in {"statement_record", "allegation_add", "decision_amend"}
        and (step.name != "team_form" or _team_can_be_formed(accused))
        and (step.name != "objection_reply" or _reply_expected(accused))
        and (step.name != "temporary_release" or _release_possible(accused))
    ]


def _reply_expected(accused: Accused) -> bool:
    """Offer the reply while an objection to a non-PPK official has none (PP 79 Pasal 8(3)): the
    clock of the reply was started for it."""
    return (
        accused.clocks.filter(name="official_reply_due", met_on__isnull=True).exists()
        and hasattr(accused, "decision")
        and hasattr(accused.decision, "objection")
        and not hasattr(accused.decision.objection, "reply")
    )


def _release_possible(accused: Accused) -> bool:
    """Offer the release when a berat sanction is likely and none was made (Pasal 31(1))."""
    return accused.finding.get("level") == "berat" and not hasattr(accused, "temporary_release")


def _team_can_be_formed(accused: Accused) -> bool:
    """Offer the team only when the engine calls for one (Pasal 29(1)-(2)) and none exists."""
    return accused.examination_team != "none" and not hasattr(accused, "team")


def _role_label(role: str) -> str:
    from tegak.accounts.models import Role

    return str(Role(role).label)


def check_day(field: str, day: date | None, *, not_before: date | None, what: str = "") -> date:
    """A date of the procedure: given, not in the future, not before the step it follows."""
    if day is None:
        raise InputError(field, _("Give the date."))
    today = timezone.localdate()
    if day > today:
        raise InputError(field, _("The date cannot be in the future."))
    if not_before is not None and day < not_before:
        raise InputError(
            field,
            _("The date cannot be before %(what)s (%(day)s).")
            % {"what": what or _("the step before it"), "day": shown_date(not_before)},
        )
    return day


def offence_start(accused: Accused) -> date | None:
    """The earliest day of the offences alleged against this employee."""
    days = [allegation.committed_on for allegation in accused.allegations.all()]
    return min(days) if days else None
