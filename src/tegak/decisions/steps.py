"""The decision steps' actions, registered with the case file's steps table at start-up."""

from __future__ import annotations

from typing import Any

from django import forms

from tegak.cases import rules_bridge
from tegak.cases.models import Accused
from tegak.cases.steps import StepAction, plain_form, register
from tegak.decisions import forms as decision_forms
from tegak.decisions import services as decisions


def _choices(accused: Accused) -> list[tuple[str, str]]:
    """The sanction types open to the accused (the instansi rule's for PPPK and non-ASN staff)."""
    return rules_bridge.sanction_types(accused).choices()


def _decision_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return decision_forms.DecisionForm(
        *args, allowed=accused.allowed_sanctions, choices=_choices(accused), **kwargs
    )


def _amend_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return decision_forms.AmendForm(*args, choices=_choices(accused), **kwargs)


def _outcome_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return decision_forms.OutcomeForm(*args, choices=_choices(accused), **kwargs)


def _decision(accused: Accused) -> Any:
    return accused.decision


ACTIONS: list[StepAction] = [
    StepAction(
        "decision_take",
        "decisions",
        _decision_form,
        lambda actor, accused, data: decisions.decision_take(actor=actor, accused=accused, **data),
    ),
    StepAction(
        "decision_amend",
        "decisions",
        _amend_form,
        lambda actor, accused, data: decisions.decision_amend(
            actor=actor, decision=_decision(accused), **data
        ),
    ),
    StepAction(
        "decision_deliver",
        "decisions",
        plain_form(decision_forms.DeliveryForm),
        lambda actor, accused, data: decisions.decision_deliver(
            actor=actor, decision=_decision(accused), **data
        ),
    ),
    StepAction(
        "objection_file",
        "decisions",
        plain_form(decision_forms.ObjectionForm),
        lambda actor, accused, data: decisions.objection_file(
            actor=actor, decision=_decision(accused), **data
        ),
    ),
    StepAction(
        "objection_reply",
        "decisions",
        plain_form(decision_forms.ReplyForm),
        lambda actor, accused, data: decisions.objection_reply(
            actor=actor, objection=_decision(accused).objection, **data
        ),
    ),
    StepAction(
        "objection_decide",
        "decisions",
        _outcome_form,
        lambda actor, accused, data: decisions.objection_decide(
            actor=actor, objection=_decision(accused).objection, **data
        ),
    ),
    StepAction(
        "accused_finalise",
        "decisions",
        plain_form(decision_forms.FinaliseForm),
        lambda actor, accused, data: decisions.accused_finalise(
            actor=actor, accused=accused, **data
        ),
    ),
]


def connect() -> None:
    register(*ACTIONS)
