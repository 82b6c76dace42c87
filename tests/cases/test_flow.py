"""The whole procedure, from an ex officio case to final, and the audit chain it leaves."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from tegak.audit.models import AuditEvent
from tegak.audit.verify import verify_events
from tegak.cases import services
from tegak.cases.models import Clock, HandlerRole, Stage
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.hearings import services as hearings

pytestmark = pytest.mark.django_db


def events_since(start: int) -> list[str]:
    return list(
        AuditEvent.objects.filter(sequence__gt=start)
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def last_sequence() -> int:
    event = AuditEvent.objects.order_by("-sequence").first()
    return event.sequence if event else 0


def run_to_final(case, staff):
    """Every step in order, each dated as a handler would record it."""
    accused = case.accused.get()
    steps = []

    def step(name, function, **kwargs):
        before = last_sequence()
        result = function(**kwargs)
        steps.append((name, events_since(before)))
        accused.refresh_from_db()
        return result

    summons = step(
        "summons",
        hearings.summons_issue,
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat Sekretariat DPRD",
    )
    step(
        "examination",
        hearings.examination_hold,
        actor=staff.examiner,
        accused=accused,
        held_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    step(
        "question",
        hearings.question_record,
        actor=staff.examiner,
        accused=accused,
        question="Di mana Saudara pada pukul 15.00?",
        answer="Di tempat karaoke.",
    )
    step(
        "bap",
        hearings.bap_record,
        actor=staff.examiner,
        accused=accused,
        completed_on=date(2026, 10, 13),
        signed_by_accused=True,
    )
    step(
        "findings",
        hearings.findings_report,
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2026, 10, 14),
        conclusion="Terbukti meninggalkan tugas pada jam kerja.",
    )
    decision = step(
        "decision",
        decisions.decision_take,
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
    )
    delivery = step(
        "delivery",
        decisions.decision_deliver,
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
    )
    step("final", decisions.accused_finalise, actor=staff.official, accused=accused)
    return accused, summons, decision, delivery, steps


def test_a_case_runs_from_opening_to_final_with_one_event_per_step(open_case, staff):
    start = last_sequence()
    case = open_case()
    assert events_since(start) == [
        "case.opened",
        "case.handler_assigned",
        "case.handler_assigned",
    ]
    assert case.register_number.endswith("/KD/2026")
    accused, summons, _decision, delivery, steps = run_to_final(case, staff)
    # Each step wrote exactly one event, in order.
    assert [actions for _name, actions in steps] == [
        ["hearing.summons_issued"],
        ["hearing.examination_held"],
        ["hearing.question_recorded"],
        ["hearing.bap_recorded"],
        ["hearing.findings_reported"],
        ["decision.taken"],
        ["decision.delivered"],
        ["decision.final"],
    ]
    # 7 working days after Tuesday 6 October 2026 is Thursday 15 October (PP 94 Pasal 26(2)).
    assert summons.latest_examination_on == date(2026, 10, 15)
    assert delivery.window_closes_on is not None and delivery.window_closes_on > date(2026, 10, 19)
    case.refresh_from_db()
    assert accused.stage == Stage.FINAL and case.status == "final"
    assert accused.final_on == date(2026, 11, 25)
    # The clocks the steps answered are met; none is left running.
    assert not Clock.objects.filter(case=case, met_on__isnull=True, paused=False).exists()
    assert verify_events().intact


def test_audit_verify_passes_after_the_flow_and_fails_after_one_event_is_altered(
    open_case, staff, capsys
):
    case = open_case()
    run_to_final(case, staff)
    call_command("audit", "verify")
    assert "chain intact" in capsys.readouterr().out
    decided = AuditEvent.objects.get(action="decision.taken")
    AuditEvent.objects.filter(pk=decided.pk).update(
        data={**decided.data, "sanction_code": "pdh_taps"}
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"#{decided.sequence}" in capsys.readouterr().err


def test_two_missed_summonses_lead_to_a_decision_on_the_evidence(open_case, staff):
    case = open_case()
    accused = case.accused.get()
    summon(staff, accused)
    hearings.examination_missed(
        actor=staff.examiner, accused=accused, recorded_on=date(2026, 10, 13)
    )
    accused.refresh_from_db()
    assert accused.stage == Stage.MISSED_1
    second_clock = Clock.objects.get(accused=accused, step="summons_missed")
    # The second summons is due within 7 working days after the missed day (Pasal 26(3)).
    assert second_clock.due == date(2026, 10, 22)
    summon(
        staff, accused, number=2, issued_on=date(2026, 10, 15), examination_on=date(2026, 10, 22)
    )
    second_clock.refresh_from_db()
    assert second_clock.met_on == date(2026, 10, 15)
    hearings.examination_missed(
        actor=staff.examiner, accused=accused, recorded_on=date(2026, 10, 22)
    )
    accused.refresh_from_db()
    assert accused.stage == Stage.ABSENT_TWICE
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[-1],
        decided_on=date(2026, 10, 26),
    )
    assert decision.on_evidence_without_examination


def test_findings_not_proven_close_the_case_without_a_decision(open_case, staff):
    case = open_case()
    accused = run_to_findings(
        case,
        staff,
        signed_by_accused=False,
        refusal_note="Menolak menandatangani.",
        proven=False,
        conclusion="Tidak terbukti.",
    )
    case.refresh_from_db()
    assert accused.stage == Stage.FINAL and case.status == "final"
    assert not hasattr(accused, "decision")


def test_an_objection_pauses_the_effect_and_its_outcome_makes_the_case_final(open_case, staff):
    case = open_case()
    accused, *_rest = run_to_final_until_delivery(case, staff)
    decision = accused.decision
    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    window = Clock.objects.get(accused=accused, step="decision_received", name__icontains="obj")
    assert window.paused and window.paused_on == date(2026, 10, 23)
    # The official who imposed the sanction may not decide the objection against it: it goes to
    # their superior (PP 79/2021 Pasal 3(1)(b), 8).
    with pytest.raises(InputError) as refused:
        decisions.objection_decide(
            actor=staff.official,
            objection=objection,
            outcome="confirmed",
            decided_on=date(2026, 11, 10),
        )
    assert refused.value.field == "authority_reason" and "Sekda Uji" in refused.value.message
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    decisions.objection_decide(
        actor=staff.sekda,
        objection=objection,
        outcome="reduced",
        decided_on=date(2026, 11, 10),
        outcome_sanction_code="teguran_lisan",
    )
    accused.refresh_from_db()
    assert accused.stage == Stage.FINAL
    assert accused.effective_on == date(2026, 11, 10)


def summon(staff, accused, *, number=1, issued_on=date(2026, 10, 6), examination_on=None):
    """The examiner summons the accused to the meeting room (the first summons: 13 October)."""
    return hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=number,
        issued_on=issued_on,
        examination_on=examination_on or date(2026, 10, 13),
        place="Ruang Rapat",
    )


def examine(
    actor,
    accused,
    *,
    issued_on=date(2026, 10, 6),
    examination_on=date(2026, 10, 13),
    question="T?",
    answer="J.",
    signed_by_accused=True,
    refusal_note="",
):
    """Summoned to the meeting room, examined on the day with one question, the minutes (BAP)
    completed that day, all by `actor`."""
    hearings.summons_issue(
        actor=actor,
        accused=accused,
        number=1,
        issued_on=issued_on,
        examination_on=examination_on,
        place="Ruang Rapat",
    )
    hearings.examination_hold(
        actor=actor, accused=accused, held_on=examination_on, place="Ruang Rapat"
    )
    hearings.question_record(actor=actor, accused=accused, question=question, answer=answer)
    hearings.bap_record(
        actor=actor,
        accused=accused,
        completed_on=examination_on,
        signed_by_accused=signed_by_accused,
        refusal_note=refusal_note,
    )


def run_to_findings(
    case, staff, *, signed_by_accused=True, refusal_note="", proven=True, conclusion="Terbukti."
):
    """Summoned, examined on 13 October, minutes completed, findings reported on 14 October."""
    accused = case.accused.get()
    examine(staff.examiner, accused, signed_by_accused=signed_by_accused, refusal_note=refusal_note)
    hearings.findings_report(
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2026, 10, 14),
        conclusion=conclusion,
        proven=proven,
    )
    accused.refresh_from_db()
    return accused


def run_to_decision(case, staff):
    """Up to the official's decision of 16 October with the lightest sanction allowed."""
    accused = run_to_findings(case, staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
    )
    return accused, decision


def run_to_final_until_delivery(case, staff, *, deliverer=None):
    """Up to the decision delivered and received on 19 October (by the official unless told)."""
    accused, decision = run_to_decision(case, staff)
    delivery = decisions.decision_deliver(
        actor=deliverer or staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
    )
    accused.refresh_from_db()
    return accused, decision, delivery


def object_to_the_superior(case, staff, decision):
    """The accused objects on 23 October; the Sekda, the official's superior, is assigned."""
    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role=HandlerRole.AUTHORISED_OFFICIAL
    )
    return objection


def test_a_decision_for_several_offences_counts_as_prior_for_each_of_them(open_case, staff):
    """PP 94/2021 Pasal 35: one sanction for several offences (ayat (1)) was given for each of
    them, so a later offence like the second one is a repeat (ayat (2)) just as one like the
    first (the engine was told only the first provision)."""
    from tegak.cases.models import Allegation
    from tegak.law import inputs

    case = open_case()
    first = case.accused.get()
    Allegation.objects.create(
        case=case,
        accused=first,
        provision="pp-94-2021:5:j",
        committed_on=date(2026, 10, 2),
        impact="instansi",
    )
    _, _, decision, _, _ = run_to_final(case, staff)
    later = open_case(
        provision="pp-94-2021:5:j", committed_on=date(2026, 11, 20), known_on=date(2026, 11, 23)
    )
    door = services.assessment_input(later.accused.get(), as_of=date(2026, 11, 25))
    priors = door.payload["prior_sanctions"]
    assert {row["provision"] for row in priors} == {"pp-94-2021:3:f", "pp-94-2021:5:j"}
    assert {row["sanction"] for row in priors} == {decision.sanction_code}
    answer = inputs.assess_input(door, today=date(2026, 11, 25))
    assert "PP 94/2021 Pasal 35 ayat (2)" in answer["basis"], answer


def test_a_refusal_names_who_must_be_assigned_and_who_acts_for_the_instansi(open_case, staff):
    """Examiners and authorised officials act on a case only when assigned to it; an intake
    officer or an administrator acts as such for the whole instansi. The refusal says so (it
    said every role had to be assigned, which the intake officer did not need)."""
    from django.core.exceptions import PermissionDenied

    from tegak.cases import workflow
    from tests.conftest import make_user

    case = open_case()
    accused = case.accused.get()
    outsider = make_user("pengamat-2", case.instansi, "oversight")
    with pytest.raises(PermissionDenied) as caught:
        workflow.check_step(outsider, accused, "statement_record")
    message = str(caught.value)
    assert "ditugaskan pada kasus ini" in message and "di instansi ini" in message
    with pytest.raises(PermissionDenied) as caught:
        workflow.check_step(outsider, accused, "summons_issue_1")
    assert "ditugaskan pada kasus ini" in str(caught.value)
    assert "di instansi ini" not in str(caught.value)
    # The intake officer, not assigned, may record a statement, as the message says.
    assert workflow.check_step(staff.intake, accused, "statement_record").name == "statement_record"


def test_the_official_cannot_decide_the_objection_when_their_superior_is_outside_the_registry(
    open_case, org, staff
):
    """Seed walk (karaoke): the Sekda imposed the sanction and then decided the objection to it
    herself, because her superior (the Wali Kota) is not in the registry. The objection still
    goes to the superior (PP 79/2021 Pasal 3(1)(b), 8), the official's reply is still due,
    and the administrator records the superior's decision."""
    case = open_case()
    _accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    # The Sekwan (who decided) has no superior in the registry from now on.
    sekda_post = org.sekda.assignments.get()
    sekda_post.end = date(2026, 10, 1)
    sekda_post.save()
    objection = decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    accused = case.accused.get()
    assert accused.clocks.filter(name="official_reply_due").exists()
    with pytest.raises(InputError) as refused:
        decisions.objection_decide(
            actor=staff.official,
            objection=objection,
            outcome="confirmed",
            decided_on=date(2026, 11, 10),
        )
    assert refused.value.field == "authority_reason"
    assert "administrator" in refused.value.message.lower()
    assert not AuditEvent.objects.filter(action="decision.objection_decided").exists()
    decisions.objection_decide(
        actor=staff.admin, objection=objection, outcome="confirmed", decided_on=date(2026, 11, 10)
    )
    accused.refresh_from_db()
    assert accused.stage == Stage.FINAL


def test_a_sanction_revoked_on_objection_is_no_prior_sanction(open_case, staff):
    """Legal review: a teguran revoked by the superior still made the next sanction heavier
    (Pasal 35(2) counts a sanction "dijatuhkan"; PP 79/2021 Pasal 9(1) lets the superior revoke
    it). A reduced one counts as what it became."""
    case = open_case()
    _accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = object_to_the_superior(case, staff, decision)
    decisions.objection_decide(
        actor=staff.sekda, objection=objection, outcome="revoked", decided_on=date(2026, 11, 10)
    )
    later = open_case(committed_on=date(2026, 11, 20), known_on=date(2026, 11, 23))
    door = services.assessment_input(later.accused.get(), as_of=date(2026, 11, 25))
    assert door.payload.get("prior_sanctions", []) == []


def test_a_sanction_reduced_on_objection_counts_as_what_it_became(open_case, staff):
    case = open_case()
    _accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    objection = object_to_the_superior(case, staff, decision)
    decisions.objection_decide(
        actor=staff.sekda,
        objection=objection,
        outcome="reduced",
        decided_on=date(2026, 11, 10),
        outcome_sanction_code="teguran_lisan",
    )
    later = open_case(committed_on=date(2026, 11, 20), known_on=date(2026, 11, 23))
    door = services.assessment_input(later.accused.get(), as_of=date(2026, 11, 25))
    assert {row["sanction"] for row in door.payload["prior_sanctions"]} == {"teguran_lisan"}


def test_a_decision_dated_before_31_august_2021_is_taken_under_pp_53(open_case, staff):
    """Legal review: a case entered after the fact and decided on 15 March 2021 was stored as
    'PP 94/2021' and its decree cited PP 94/2021, a regulation not yet in force; the engine,
    asked as of that day, answers PP 53/2010. The decision is taken under the law of its day."""
    # Pasal 3 huruf e (the duty to act in the state's interest) has a counterpart in PP 53/2010.
    case = open_case(
        provision="pp-94-2021:3:e", committed_on=date(2021, 3, 1), known_on=date(2021, 3, 3)
    )
    accused = case.accused.get()
    assert accused.finding["regulation"] == "PP 94/2021"  # as of today (Pasal 40(3))
    examine(
        staff.examiner,
        accused,
        issued_on=date(2021, 3, 4),
        examination_on=date(2021, 3, 9),
    )
    hearings.findings_report(
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2021, 3, 10),
        conclusion="Terbukti.",
        proven=True,
    )
    accused.refresh_from_db()
    dated = services.finding_on(accused, date(2021, 3, 15))
    assert dated["regulation"] == "PP 53/2010", dated
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=dated["allowed_sanctions"][0],
        decided_on=date(2021, 3, 15),
        authority_reason="Dicatat kemudian; keputusan ditandatangani pada tanggal itu.",
    )
    assert decision.regulation == "PP 53/2010"
    assert all("PP 94/2021" not in article for article in decision.basis_articles)
    accused.refresh_from_db()
    assert accused.finding_as_of == date(2021, 3, 15)
    assert accused.finding["regulation"] == "PP 53/2010"
