"""Each step of the procedure: its form and the service it calls (pages and API share these)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from tegak.cases.models import Accused
from tegak.core.errors import InputError
from tegak.decisions import forms as decision_forms
from tegak.decisions import services as decisions
from tegak.hearings import forms as hearing_forms
from tegak.hearings import services as hearings


@dataclass(frozen=True)
class StepAction:
    """A step as a page or API offers it."""

    name: str
    app: str  # hearings | decisions (where its page lives)
    form: Callable[..., forms.Form]
    run: Callable[[Any, Accused, dict[str, Any]], Any]


def _summons(number: int) -> Callable[[Any, Accused, dict[str, Any]], Any]:
    def run(actor: Any, accused: Accused, data: dict[str, Any]) -> Any:
        return hearings.summons_issue(actor=actor, accused=accused, number=number, **data)

    return run


TEAM_FIELDS = ("superior", "supervision", "personnel")


def _team(actor: Any, accused: Accused, data: dict[str, Any]) -> Any:
    """Form the team from the three form fields; a refusal about member N names field N, so the
    page shows it at the field and the API answers with the field that was sent."""
    try:
        return hearings.team_form(
            actor=actor,
            accused=accused,
            formed_on=data["formed_on"],
            members=[(data[name], name) for name in TEAM_FIELDS],
        )
    except InputError as error:
        match = re.fullmatch(r"members\[(\d+)\]\.\w+", error.field)
        if match and int(match.group(1)) < len(TEAM_FIELDS):
            raise InputError(TEAM_FIELDS[int(match.group(1))], error.message) from error
        raise


def _team_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return hearing_forms.TeamForm(*args, instansi=accused.case.instansi, **kwargs)


def _decision_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return decision_forms.DecisionForm(*args, allowed=accused.allowed_sanctions, **kwargs)


def _plain(form_class: type[forms.Form]) -> Callable[..., forms.Form]:
    def make(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
        return form_class(*args, **kwargs)

    return make


def _decision(accused: Accused) -> Any:
    return accused.decision


ACTIONS: dict[str, StepAction] = {
    action.name: action
    for action in [
        StepAction("summons_issue_1", "hearings", _plain(hearing_forms.SummonsForm), _summons(1)),
        StepAction("summons_issue_2", "hearings", _plain(hearing_forms.SummonsForm), _summons(2)),
        StepAction(
            "examination_missed",
            "hearings",
            _plain(hearing_forms.MissedForm),
            lambda actor, accused, data: hearings.examination_missed(
                actor=actor, accused=accused, **data
            ),
        ),
        StepAction("team_form", "hearings", _team_form, _team),
        StepAction(
            "examination_hold",
            "hearings",
            _plain(hearing_forms.ExaminationForm),
            lambda actor, accused, data: hearings.examination_hold(
                actor=actor, accused=accused, **data
            ),
        ),
        StepAction(
            "question_record",
            "hearings",
            _plain(hearing_forms.QuestionForm),
            lambda actor, accused, data: hearings.question_record(
                actor=actor, accused=accused, **data
            ),
        ),
        StepAction(
            "bap_record",
            "hearings",
            _plain(hearing_forms.BapForm),
            lambda actor, accused, data: hearings.bap_record(actor=actor, accused=accused, **data),
        ),
        StepAction(
            "findings_report",
            "hearings",
            _plain(hearing_forms.FindingsForm),
            lambda actor, accused, data: hearings.findings_report(
                actor=actor, accused=accused, **data
            ),
        ),
        StepAction(
            "decision_take",
            "decisions",
            _decision_form,
            lambda actor, accused, data: decisions.decision_take(
                actor=actor, accused=accused, **data
            ),
        ),
        StepAction(
            "decision_amend",
            "decisions",
            _plain(decision_forms.AmendForm),
            lambda actor, accused, data: decisions.decision_amend(
                actor=actor, decision=_decision(accused), **data
            ),
        ),
        StepAction(
            "decision_deliver",
            "decisions",
            _plain(decision_forms.DeliveryForm),
            lambda actor, accused, data: decisions.decision_deliver(
                actor=actor, decision=_decision(accused), **data
            ),
        ),
        StepAction(
            "objection_file",
            "decisions",
            _plain(decision_forms.ObjectionForm),
            lambda actor, accused, data: decisions.objection_file(
                actor=actor, decision=_decision(accused), **data
            ),
        ),
        StepAction(
            "objection_decide",
            "decisions",
            _plain(decision_forms.OutcomeForm),
            lambda actor, accused, data: decisions.objection_decide(
                actor=actor, objection=_decision(accused).objection, **data
            ),
        ),
        StepAction(
            "accused_finalise",
            "decisions",
            _plain(decision_forms.FinaliseForm),
            lambda actor, accused, data: decisions.accused_finalise(
                actor=actor, accused=accused, **data
            ),
        ),
    ]
}


def initial_for(step: str, accused: Accused) -> dict[str, Any]:
    """Sensible first values: today for dates, the last place for the examination."""
    today = timezone.localdate()
    initial: dict[str, Any] = {}
    for field in (
        "issued_on",
        "recorded_on",
        "formed_on",
        "held_on",
        "completed_on",
        "reported_on",
        "decided_on",
        "delivered_on",
        "received_on",
        "filed_on",
        "on",
    ):
        initial[field] = today
    summons = accused.summonses.order_by("-number").first()
    if summons is not None:
        initial["place"] = summons.place
    if step == "decision_amend" and hasattr(accused, "decision"):
        # a correction starts from the decision as it stands, not from the first sanction
        initial["sanction_code"] = accused.decision.sanction_code
        initial["justification"] = accused.decision.justification
    if step == "team_form":
        from tegak.cases.services import expected_examiner

        superior, _replaced = expected_examiner(accused, today)
        if superior is not None:
            initial["superior"] = superior.pk
    return initial
