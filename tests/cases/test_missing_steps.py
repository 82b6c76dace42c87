"""The missing steps (#13 item 7): the official's reply to an objection (PP 79/2021 Pasal 8(3))
with its clock, and temporary release from duty during the examination (PP 94/2021 Pasal 31)."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.cases import services
from tegak.cases.clocks import mark_of
from tegak.cases.models import Clock
from tegak.cases.workflow import allowed_steps
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.hearings import services as hearings
from tests.cases.test_flow import run_to_final_until_delivery

pytestmark = pytest.mark.django_db


def test_the_official_replies_to_the_objection_within_its_clock(open_case, staff):
    case = open_case()
    accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    reply_clock = Clock.objects.get(accused=accused, name="official_reply_due")
    assert "Pasal 8 ayat (3)" in reply_clock.basis
    assert "objection_reply" in [step.name for step in allowed_steps(staff.official, accused)]
    with pytest.raises(InputError) as refused:
        decisions.objection_reply(
            actor=staff.official, objection=objection, replied_on=date(2026, 10, 26), text=" "
        )
    assert refused.value.field == "text"
    reply = decisions.objection_reply(
        actor=staff.official,
        objection=objection,
        replied_on=date(2026, 10, 26),
        text="Hukuman telah sesuai dengan tingkat pelanggaran.",
    )
    reply_clock.refresh_from_db()
    assert reply_clock.met_on == reply.replied_on and mark_of(reply_clock) == "kept"
    # The reply does not answer the superior's duty to decide.
    decide_clock = Clock.objects.get(accused=accused, name="objection_decision_due")
    assert decide_clock.met_on is None
    assert "objection_reply" not in [step.name for step in allowed_steps(staff.official, accused)]
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    decisions.objection_decide(
        actor=staff.sekda, objection=objection, outcome="confirmed", decided_on=date(2026, 11, 10)
    )
    decide_clock.refresh_from_db()
    assert decide_clock.met_on == date(2026, 11, 10)


def test_a_reply_not_given_is_not_marked_kept_by_the_superiors_decision(open_case, staff):
    case = open_case()
    accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    decisions.objection_decide(
        actor=staff.sekda, objection=objection, outcome="confirmed", decided_on=date(2026, 11, 10)
    )
    reply_clock = Clock.objects.get(accused=accused, name="official_reply_due")
    assert reply_clock.met_on is None
    assert mark_of(reply_clock) == "overdue"


def _summon_twice_absent(accused, staff):
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 9),
        place="Ruang rapat",
    )
    return accused


def test_temporary_release_only_when_berat_is_likely_and_it_ends_with_the_decision(
    open_case, org, staff
):
    light = open_case(impact="unit_kerja")
    light_accused = light.accused.get()
    _summon_twice_absent(light_accused, staff)
    with pytest.raises(InputError) as refused:
        hearings.temporary_release(
            actor=staff.examiner,
            accused=light_accused,
            decree_number="800/1/2026",
            decree_on=date(2026, 10, 7),
            starts_on=date(2026, 10, 7),
        )
    assert "Pasal 31" in refused.value.message

    heavy = open_case(org.staff, impact="negara", known_on=date(2026, 10, 5))
    accused = heavy.accused.get()
    assert accused.finding["level"] == "berat"
    _summon_twice_absent(accused, staff)
    assert "temporary_release" in [step.name for step in allowed_steps(staff.examiner, accused)]
    # The release runs from the examination (Pasal 31(1)): not from the day before it.
    with pytest.raises(InputError) as refused:
        hearings.temporary_release(
            actor=staff.examiner,
            accused=accused,
            decree_number="800/2/2026",
            decree_on=date(2026, 10, 7),
            starts_on=date(2026, 10, 8),
            acting_official=org.personnel,
        )
    assert refused.value.field == "starts_on"
    assert "9 Oktober 2026" in refused.value.message and "Pasal 31" in refused.value.message
    assert not hasattr(accused, "temporary_release")
    # Decreed before the examination, starting on its day.
    release = hearings.temporary_release(
        actor=staff.examiner,
        accused=accused,
        decree_number="800/2/2026",
        decree_on=date(2026, 10, 7),
        starts_on=date(2026, 10, 9),
        acting_official=org.personnel,
    )
    assert release.ended_on is None and accused.step_authorities.get(
        step="temporary_release"
    ).capacity == ("atasan_langsung")
    assert "temporary_release" not in [step.name for step in allowed_steps(staff.examiner, accused)]
    hearings.examination_missed(
        actor=staff.examiner, accused=accused, recorded_on=date(2026, 10, 9)
    )
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=2,
        issued_on=date(2026, 10, 12),
        examination_on=date(2026, 10, 15),
        place="Ruang rapat",
    )
    hearings.examination_missed(
        actor=staff.examiner, accused=accused, recorded_on=date(2026, 10, 15)
    )
    decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 19),
        authority_reason="Dicatat atas nama Wali Kota selaku PPK oleh pejabat yang ditugaskan.",
    )
    release.refresh_from_db()
    assert release.ended_on == date(2026, 10, 19)
