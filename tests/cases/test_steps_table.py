"""The steps table: hearings and decisions register their steps' actions with the case file when
Django starts; each action is a step of the procedure, and no app takes over another's step."""

from __future__ import annotations

import pytest
from django import forms

from tegak.cases.steps import ACTIONS, StepAction, plain_form, register
from tegak.cases.workflow import STEPS


def test_the_owning_apps_registered_every_step_with_a_page():
    assert {name: action.app for name, action in ACTIONS.items()} == {
        **{
            name: "hearings"
            for name in (
                "summons_issue_1",
                "summons_issue_2",
                "examination_missed",
                "team_form",
                "examination_hold",
                "question_record",
                "bap_record",
                "findings_report",
                "temporary_release",
            )
        },
        **{
            name: "decisions"
            for name in (
                "decision_take",
                "decision_amend",
                "decision_deliver",
                "objection_file",
                "objection_reply",
                "objection_decide",
                "accused_finalise",
            )
        },
    }
    assert set(ACTIONS) <= set(STEPS)


def test_a_step_cannot_be_taken_over_by_another_app():
    known = ACTIONS["bap_record"]
    with pytest.raises(ValueError, match="bap_record"):
        register(StepAction("bap_record", "portal", plain_form(forms.Form), known.run))
    assert ACTIONS["bap_record"] is known


def test_pages_and_services_ask_the_one_table_who_may_act():
    from tegak.cases import workflow
    from tegak.core.access import Role

    # A step's roles are the table's row, and a stage it may not follow answers no.
    assert workflow.roles_for("decision_amend") == {Role.AUTHORISED_OFFICIAL}
    assert workflow.may({Role.AUTHORISED_OFFICIAL}, "decision_amend", "decided")
    assert not workflow.may({Role.AUTHORISED_OFFICIAL}, "decision_amend", "delivered")
    assert not workflow.may({Role.EXAMINER}, "decision_amend", "decided")
    # Acts on the whole case sit in the same module.
    assert workflow.may({Role.INTAKE_OFFICER}, "case_open_from_reports")
    assert not workflow.may({Role.EXAMINER}, "case_open_from_reports")
    assert workflow.may({Role.EXAMINER}, "case_open")
    assert workflow.roles_for("handler_assign") == {Role.ADMINISTRATOR, Role.INTAKE_OFFICER}


def test_the_lawful_official_named_in_a_step_form_ends_the_sentence_with_one_full_stop(
    open_case, org
):
    """A name whose last title ends in a full stop ("M.AP.") is not followed by a second one
    (seed walk: "… Kabag Uji, M.AP.. Selain itu …")."""
    from django.utils import translation

    from tegak.cases.steps import initial_for

    for official in (org.kabag, org.sekwan):
        official.back_title = "M.AP."
        official.save()
    accused = open_case().accused.get()
    with translation.override("id"):
        form = ACTIONS["summons_issue_1"].form(
            None, accused=accused, initial=initial_for("summons_issue_1", accused)
        )
        text = str(form.fields["authority_reason"].help_text)
    assert "Kabag Uji, M.AP. Selain itu wajib memberi alasan" in text
    assert ".." not in text
