"""Seed walk (karaoke, 2026-12-07): the conflict rule and the authority rule agree.

When the Sekwan is added as an accused (PP 94/2021 Pasal 24(2), 28: the superior who did not
act), the Kabag Umum — her subordinate — loses his assignment and cannot be re-assigned. The
official the law names for each step then passes over him too, and names the next lawful
official up the chain (Pasal 29(6)), so a step by that official is no "deviation"; the page
says who the law gives the step to and why. A correction of an undelivered decision is checked
and recorded as the decision is."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.accounts.models import RoleAssignment
from tegak.audit.models import AuditEvent
from tegak.cases import authority, posts, services
from tegak.cases.models import StepAuthority
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.hearings import services as hearings
from tegak.people.models import OrgUnit, Position, PositionAssignment
from tests.cases.test_flow import run_to_decision

pytestmark = pytest.mark.django_db

REASON = "Pejabat yang berwenang sedang cuti panjang selama satu bulan."


def _add_sekwan(case, org, staff, impact="unit_kerja"):
    services.allegation_add(
        actor=staff.intake,
        case=case,
        allegation={
            "employee": org.sekwan,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2026, 10, 2),
            "impact": impact,
        },
    )
    return case.accused.get(employee=org.staff)


def _sekda_examines(case, staff, instansi):
    RoleAssignment.objects.create(user=staff.sekda, role="examiner", instansi=instansi)
    return services.handler_assign(actor=staff.admin, case=case, user=staff.sekda, role="examiner")


def test_a_superior_who_is_a_subordinate_of_an_accused_is_passed_over_for_the_next_lawful_one(
    open_case, org, staff
):
    case = open_case()
    accused = _add_sekwan(case, org, staff)
    day = date(2026, 11, 25)
    # The Kabag is the Sekwan's subordinate (the assignment rule refuses him), the Sekwan is
    # accused: the law's examiner is the Sekda, above both.
    assert services.conflict_reason(case, org.kabag, day)
    assert services.expected_examiner(accused, day) == (org.sekda, org.kabag)
    lawful = authority.lawful_examiners(accused, day)
    assert org.kabag.pk not in lawful.holders
    assert lawful.holders[org.sekda.pk] == authority.Capacity.ABOVE_INVOLVED
    assert "Kabag Uji" in lawful.note and "Sekwan Uji" in lawful.note and "29" in lawful.note


def test_the_official_the_law_names_can_be_assigned_and_acts_without_a_deviation(
    open_case, org, staff, instansi
):
    case = open_case()
    accused = _add_sekwan(case, org, staff)
    # The Kabag cannot be assigned again …
    with pytest.raises(InputError):
        services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
    # … and the official the law now names can, and summons without a written reason.
    handler = _sekda_examines(case, staff, instansi)
    assert handler.substitutes_for == org.kabag
    hearings.summons_issue(
        actor=staff.sekda,
        accused=accused,
        number=1,
        issued_on=date(2026, 11, 23),
        examination_on=date(2026, 11, 26),
        place="Ruang rapat",
    )
    row = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert not row.deviation and row.employee_id == org.sekda.pk
    assert row.capacity == authority.Capacity.ABOVE_INVOLVED
    assert not authority.has_deviation(case)


def test_the_decision_for_the_direct_superior_passes_over_one_in_conflict(open_case, org, staff):
    """A ringan violation is the direct superior's to decide (Pasal 21); the Kabag is the
    accused Sekwan's subordinate, so the first official above who is not in conflict decides."""
    case = open_case(impact="unit_kerja")
    accused = _add_sekwan(case, org, staff)
    assert accused.finding["authority"]["role"] == "atasan_langsung"
    day = date(2026, 11, 25)
    assert authority.decision_holder(accused, day) == (
        org.sekda,
        authority.Capacity.ABOVE_INVOLVED,
    )
    assert "Kabag Uji" in authority.lawful_decider(accused, day).note


def test_the_step_page_names_who_the_law_now_gives_the_step_to_and_why(
    open_case, org, staff, instansi, verified_client
):
    case = open_case()
    accused = _add_sekwan(case, org, staff)
    _sekda_examines(case, staff, instansi)
    page = (
        verified_client(staff.sekda)
        .get(reverse("hearings:step", args=[case.pk, accused.pk, "summons_issue_1"]))
        .content.decode()
    )
    assert "Sekda Uji" in page
    assert "Menggantikan Kabag Uji" in page and "bawahan" in page
    assert "Menggantikan Sekwan Uji" in page
    # The case page says the Sekda stands in for a Kabag in conflict, not "involved".
    case_page = verified_client(staff.sekda).get(reverse("cases:detail", args=[case.pk]))
    assert "menggantikan Kabag Uji yang berbenturan kepentingan" in case_page.content.decode()


def test_a_subordinate_of_an_accused_on_the_day_of_the_acts_is_in_conflict_after_a_move(
    open_case, org, staff, instansi
):
    """The chain is read on the case's days: a Kabag moved out of the Sekwan's line after the
    acts is still the accused's subordinate of that day."""
    case = open_case()
    _add_sekwan(case, org, staff)
    elsewhere = OrgUnit.objects.create(
        instansi=instansi, code="LAIN", name="Bagian Lain", parent=org.units.top
    )
    post = Position.objects.create(
        instansi=instansi,
        unit=elsewhere,
        name="Kepala Bagian Lain",
        kind="administrator",
        is_head=True,
    )
    PositionAssignment.objects.filter(employee=org.kabag).update(end=date(2026, 10, 31))
    PositionAssignment.objects.create(employee=org.kabag, position=post, start=date(2026, 11, 1))
    today = date(2026, 11, 25)
    assert org.sekwan not in posts.supervisor_chain(org.kabag, today, case)
    assert services.conflict_reason(case, org.kabag, today)
    # … while someone who never served under her is not.
    assert not services.conflict_reason(case, org.inspector, today)


# --- correcting an undelivered decision ---------------------------------------------------------


def test_a_correction_by_an_official_other_than_the_deciding_one_needs_a_reason_and_is_recorded(
    open_case, org, staff
):
    case = open_case()
    accused, decision = run_to_decision(case, staff)  # the Sekwan decides (sedang)
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        decisions.decision_amend(
            actor=staff.sekda, decision=decision, sanction_code=accused.allowed_sanctions[1]
        )
    assert refused.value.field == "authority_reason" and "Sekwan Uji" in refused.value.message
    decision.refresh_from_db()
    assert decision.sanction_code == accused.allowed_sanctions[0]
    assert AuditEvent.objects.count() == before
    assert not StepAuthority.objects.filter(step="decision_amend").exists()

    decisions.decision_amend(
        actor=staff.sekda,
        decision=decision,
        sanction_code=accused.allowed_sanctions[1],
        authority_reason=REASON,
    )
    row = StepAuthority.objects.get(accused=accused, step="decision_amend")
    assert row.deviation and row.reason == REASON and row.employee_id == org.sekda.pk
    assert "Sekwan Uji" in row.expected
    event = AuditEvent.objects.filter(action="decision.amended").get()
    assert event.actor_id == staff.sekda.pk
    assert event.data["deviation"] is True and event.data["capacity"] == "penyimpangan"


def test_a_correction_by_the_deciding_official_is_recorded_in_the_who_acted_table(
    open_case, org, staff, verified_client
):
    case = open_case()
    accused, decision = run_to_decision(case, staff)
    decisions.decision_amend(
        actor=staff.official, decision=decision, sanction_code=accused.allowed_sanctions[1]
    )
    row = StepAuthority.objects.get(accused=accused, step="decision_amend")
    assert not row.deviation and row.employee_id == org.sekwan.pk
    assert row.capacity == authority.Capacity.NEXT_SUPERIOR
    page = (
        verified_client(staff.official)
        .get(reverse("cases:detail", args=[case.pk]))
        .content.decode()
    )
    assert 'data-capacity-step="decision_amend"' in page


def test_the_correction_page_asks_the_reason_and_names_the_deciding_official(
    open_case, org, staff, verified_client
):
    case = open_case()
    accused, decision = run_to_decision(case, staff)
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    client = verified_client(staff.sekda)
    url = reverse("decisions:step", args=[case.pk, accused.pk, "decision_amend"])
    page = client.get(url).content.decode()
    assert 'name="authority_reason"' in page and "Sekwan Uji" in page
    client.post(url, {"sanction_code": accused.allowed_sanctions[1], "justification": ""})
    decision.refresh_from_db()
    assert decision.sanction_code == accused.allowed_sanctions[0]
    client.post(
        url,
        {
            "sanction_code": accused.allowed_sanctions[1],
            "justification": "",
            "authority_reason": REASON,
        },
    )
    decision.refresh_from_db()
    assert decision.sanction_code == accused.allowed_sanctions[1]
    assert StepAuthority.objects.get(step="decision_amend").deviation
