"""An objection of non-ASN contract staff (TKK) follows the instansi's rule, not PP 79/2021
(docs/legal-questions.md J1, J4): it is decided by the official who signed the sanction letter (the
letter sends it there), without PP 79's reply or 21-day clock, without an appeal to BPASN, and
without PP 94's effective day. A civil servant's objection still goes to the superior of the
official (tests/cases/test_step_authority.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from tegak.cases import services, workflow
from tegak.cases.authority import Capacity
from tegak.cases.models import Clock, Stage, StepAuthority
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tests.cases.conftest import moment
from tests.cases.test_group_steps import (  # noqa: F401 (fixtures)
    _accused,
    _delivered,
    bekasi,
    group_case,
    seven,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(group_case, staff, time_machine):  # noqa: F811 (the fixture imported above)
    """The seven TKK decided by the Sekwan and handed their letters on 6 September 2021."""
    case = _delivered(group_case, staff, time_machine)
    time_machine.move_to(moment("2021-09-20 10:00"), tick=False)
    return case


def test_the_signer_decides_a_tkk_objection_without_pp79_clocks(delivered, staff):
    first = _accused(delivered)[0]
    objection = decisions.objection_file(
        actor=staff.official,
        decision=first.decision,
        kind="objection",
        filed_on=date(2021, 9, 8),
        grounds="Saya tidak berada di kantor saat video dibuat.",
    )
    # No PP 79/2021 reply (Pasal 8(3)) nor decision (Pasal 5, 8(4)) clock for a TKK.
    names = set(Clock.objects.filter(accused=first).values_list("name", flat=True))
    assert not {"official_reply_due", "objection_decision_due"} & names, names
    first.refresh_from_db()
    offered = {step.name for step in workflow.allowed_steps(staff.official, first)}
    assert "objection_decide" in offered and "objection_reply" not in offered

    # The Sekretaris Daerah (the signer's superior under PP 79) is not the one the letter names.
    services.handler_assign(
        actor=staff.admin, case=delivered, user=staff.sekda, role="authorised_official"
    )
    with pytest.raises(InputError) as refused:
        decisions.objection_decide(
            actor=staff.sekda,
            objection=objection,
            outcome="confirmed",
            decided_on=date(2021, 9, 13),
        )
    assert refused.value.field == "authority_reason"
    assert "Sekwan Uji" in refused.value.message

    decisions.objection_decide(
        actor=staff.official, objection=objection, outcome="confirmed", decided_on=date(2021, 9, 13)
    )
    first.refresh_from_db()
    assert first.stage == Stage.FINAL and first.final_on == date(2021, 9, 13)
    # No effective day is set for a TKK (PP 94/2021 Pasal 38 and PP 79 Pasal 16 are for ASN).
    assert first.effective_on is None
    row = StepAuthority.objects.get(accused=first, step="objection_decide")
    assert row.capacity == Capacity.AUTHORISED_OFFICIAL and not row.deviation
    assert "PP 79/2021" not in row.basis or "ASN" in row.basis


def test_a_tkk_cannot_appeal_to_bpasn(delivered, staff):
    first = _accused(delivered)[0]
    with pytest.raises(InputError) as refused:
        decisions.objection_file(
            actor=staff.official,
            decision=first.decision,
            kind="appeal",
            filed_on=date(2021, 9, 8),
            grounds="Banding.",
        )
    assert refused.value.field == "kind"


def test_the_case_page_names_the_signer_and_no_pp79_clock_for_a_tkk_objection(
    delivered, staff, verified_client
):
    first = _accused(delivered)[0]
    decisions.objection_file(
        actor=staff.official,
        decision=first.decision,
        kind="objection",
        filed_on=date(2021, 9, 8),
        grounds="Saya tidak berada di kantor saat video dibuat.",
    )
    page = verified_client(staff.official).get(
        reverse("cases:detail", args=[delivered.pk]), HTTP_ACCEPT_LANGUAGE="id"
    )
    text = page.content.decode()
    assert "objection_decision_due" not in text and "official_reply_due" not in text
    assert "Diputus oleh pejabat yang menandatangani surat sanksi" in text
    # Not PP 94/2021 Pasal 38(2)'s suspension: a TKK's sanction follows the instansi's rule.
    effect = re.findall(r'data-testid="takes-effect">([^<]*)<', text)
    assert effect and all("Pasal 38(2)" not in item for item in effect), effect
