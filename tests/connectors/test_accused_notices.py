"""Notices to the accused (summons, decision, objection outcome) through the outbox: written with
the step, sent over real SMTP to the accused's own account address, in their language, and only
the step and its dates — never the report, the reporter or the evidence."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from tegak.accounts.models import User
from tegak.connectors.models import MessageState, OutboundMessage, RecipientKind
from tegak.decisions import services as decisions
from tegak.jobs.runner import drain
from tests.cases.test_flow import object_to_the_superior, run_to_final_until_delivery, summon

pytestmark = pytest.mark.django_db


def _accused_account(accused, *, email="terlapor@kota-uji.example", language="id"):
    return User.objects.create_user(
        username="terlapor-uji",
        password="x-unused-9823",
        email=email,
        employee=accused.employee,
        preferred_language=language,
    )


def _texts(smtp_server):
    return [
        (message["To"], message["Subject"], message.get_payload(decode=True).decode())
        for message in smtp_server.messages
    ]


def test_the_accused_is_told_of_the_summons_and_the_decision_in_their_language(
    open_case, staff, smtp_server, django_capture_on_commit_callbacks
):
    case = open_case()
    accused = case.accused.get()
    _accused_account(accused)
    with django_capture_on_commit_callbacks(execute=True):
        accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    drain()
    messages = OutboundMessage.objects.filter(recipient_kind=RecipientKind.ACCUSED)
    assert messages.count() == 2
    assert set(messages.values_list("state", flat=True)) == {MessageState.SENT}
    sent = _texts(smtp_server)
    to_accused = [item for item in sent if item[0] == "terlapor@kota-uji.example"]
    assert len(to_accused) == 2
    summons_subject, summons_text = to_accused[0][1], to_accused[0][2]
    assert case.register_number in summons_subject
    assert "13 Oktober 2026" in summons_text
    assert "Ruang Rapat" in summons_text
    assert "dipanggil" in summons_text  # Indonesian, the account's language
    decision_text = to_accused[1][2]
    assert "19 Oktober 2026" in decision_text
    assert "keberatan" in decision_text.lower()
    # No sanction in an e-mail: the letter carries it.
    for text in (summons_text, decision_text):
        assert decision.sanction_code not in text


def test_the_same_step_twice_writes_one_notice_and_a_rolled_back_step_none(
    open_case, staff, smtp_server
):
    case = open_case()
    accused = case.accused.get()
    _accused_account(accused)
    with pytest.raises(RuntimeError), transaction.atomic():
        summon(staff, accused)
        assert OutboundMessage.objects.filter(recipient_kind=RecipientKind.ACCUSED).count() == 1
        raise RuntimeError("the step failed after writing")
    assert not OutboundMessage.objects.exists()


def test_no_account_or_no_address_means_no_notice_to_the_accused(open_case, staff):
    case = open_case()
    accused = case.accused.get()
    summon(staff, accused)
    assert not OutboundMessage.objects.filter(recipient_kind=RecipientKind.ACCUSED).exists()
    other = open_case()
    other_accused = other.accused.get()
    _accused_account(other_accused, email="")
    summon(staff, other_accused)
    assert not OutboundMessage.objects.filter(recipient_kind=RecipientKind.ACCUSED).exists()


def test_the_accused_hears_of_the_objection_outcome(
    open_case, staff, smtp_server, django_capture_on_commit_callbacks
):
    case = open_case()
    accused = case.accused.get()
    _accused_account(accused, language="en")
    accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = object_to_the_superior(case, staff, decision)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.objection_decide(
            actor=staff.sekda,
            objection=objection,
            outcome="reduced",
            decided_on=date(2026, 11, 10),
            outcome_sanction_code="teguran_lisan",
        )
    drain()
    latest = OutboundMessage.objects.filter(recipient_kind=RecipientKind.ACCUSED).latest("id")
    assert latest.state == MessageState.SENT
    assert "objection" in latest.subject.lower()
    assert "10 November 2026" in latest.body
