"""The hearing steps' actions, registered with the case file's steps table at start-up."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms

from tegak.cases import rules_bridge
from tegak.cases.models import Accused
from tegak.cases.steps import StepAction, plain_form, register
from tegak.core.errors import InputError
from tegak.hearings import forms as hearing_forms
from tegak.hearings import services as hearings


def _summons(number: int) -> Callable[[Any, Accused, dict[str, Any]], Any]:
    def run(actor: Any, accused: Accused, data: dict[str, Any]) -> Any:
        return hearings.summons_issue(actor=actor, accused=accused, number=number, **data)

    return run


TEAM_FIELDS = ("superior", "supervision", "personnel")


def _findings_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    """The findings report, recommending one of the types open to the accused (the instansi
    rule's for a PPPK or non-ASN employee)."""
    choices = rules_bridge.sanction_types(accused).choices()
    return hearing_forms.FindingsForm(*args, choices=choices, **kwargs)


def _team(actor: Any, accused: Accused, data: dict[str, Any]) -> Any:
    """Form the team from the three form fields; a refusal about member N names field N, so the
    page shows it at the field and the API answers with the field that was sent."""
    try:
        return hearings.team_form(
            actor=actor,
            accused=accused,
            formed_on=data["formed_on"],
            members=[(data[name], name) for name in TEAM_FIELDS],
            authority_reason=data.get("authority_reason") or "",
        )
    except InputError as error:
        match = re.fullmatch(r"members\[(\d+)\]\.\w+", error.field)
        if match and int(match.group(1)) < len(TEAM_FIELDS):
            raise InputError(TEAM_FIELDS[int(match.group(1))], error.message) from error
        raise


def _release_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return hearing_forms.ReleaseForm(*args, instansi=accused.case.instansi, **kwargs)


def _team_form(*args: Any, accused: Accused, **kwargs: Any) -> forms.Form:
    return hearing_forms.TeamForm(*args, instansi=accused.case.instansi, **kwargs)


ACTIONS: list[StepAction] = [
    StepAction("summons_issue_1", "hearings", plain_form(hearing_forms.SummonsForm), _summons(1)),
    StepAction("summons_issue_2", "hearings", plain_form(hearing_forms.SummonsForm), _summons(2)),
    StepAction(
        "examination_missed",
        "hearings",
        plain_form(hearing_forms.MissedForm),
        lambda actor, accused, data: hearings.examination_missed(
            actor=actor, accused=accused, **data
        ),
    ),
    StepAction("team_form", "hearings", _team_form, _team),
    StepAction(
        "temporary_release",
        "hearings",
        _release_form,
        lambda actor, accused, data: hearings.temporary_release(
            actor=actor, accused=accused, **data
        ),
    ),
    StepAction(
        "examination_hold",
        "hearings",
        plain_form(hearing_forms.ExaminationForm),
        lambda actor, accused, data: hearings.examination_hold(
            actor=actor, accused=accused, **data
        ),
    ),
    StepAction(
        "question_record",
        "hearings",
        plain_form(hearing_forms.QuestionForm),
        lambda actor, accused, data: hearings.question_record(actor=actor, accused=accused, **data),
    ),
    StepAction(
        "bap_record",
        "hearings",
        plain_form(hearing_forms.BapForm),
        lambda actor, accused, data: hearings.bap_record(actor=actor, accused=accused, **data),
    ),
    StepAction(
        "findings_report",
        "hearings",
        _findings_form,
        lambda actor, accused, data: hearings.findings_report(actor=actor, accused=accused, **data),
    ),
]


def connect() -> None:
    register(*ACTIONS)
