"""Who may take which step when; bad input refused with the reason, nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from tegak.audit.models import AuditEvent
from tegak.cases import services
from tegak.cases.models import Accused, Case, CaseHandler, Stage
from tegak.cases.workflow import STEPS, check_step
from tegak.core.errors import InputError
from tegak.core.words import long_date
from tegak.decisions import services as decisions
from tegak.decisions.models import Decision
from tegak.hearings import services as hearings
from tegak.hearings.models import Summons
from tests.cases.test_flow import run_to_final_until_delivery
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PERSONAS = ["examiner", "official", "intake", "admin", "unassigned_examiner", "outsider"]
# Who the law gives each step to (PP 94/2021 Pasal 26-38, PP 79/2021), as assigned handlers:
# the direct superior examines, the authorised official decides, the administrator records
# what arrives from outside (objections) and closes files.
ALLOWED = {
    "summons_issue_1": {"examiner"},
    "examination_missed": {"examiner"},
    "summons_issue_2": {"examiner"},
    "team_form": {"official"},
    "examination_hold": {"examiner"},
    "question_record": {"examiner"},
    "bap_record": {"examiner"},
    "findings_report": {"examiner"},
    "decision_take": {"official"},
    "decision_amend": {"official"},
    "decision_deliver": {"examiner", "official"},
    "objection_file": {"official", "admin"},
    "objection_reply": {"official"},
    "objection_decide": {"official", "admin"},
    "temporary_release": {"examiner"},
    "accused_finalise": {"official", "admin"},
    "statement_record": {"examiner", "official", "intake"},
    "allegation_add": {"examiner", "intake", "admin"},
}


@pytest.fixture
def personas(staff, instansi, outsider):
    return {
        "examiner": staff.examiner,
        "official": staff.official,
        "intake": staff.intake,
        "admin": staff.admin,
        "unassigned_examiner": make_user("pemeriksa-lain", instansi, "examiner"),
        "outsider": outsider,
    }


@pytest.mark.parametrize(
    ("step_name", "persona"),
    [(step, persona) for step in sorted(ALLOWED) for persona in PERSONAS],
    ids=lambda value: str(value),
)
def test_each_step_is_given_only_to_the_role_the_law_gives_it(
    open_case, personas, step_name, persona
):
    case = open_case()
    accused = case.accused.get()
    accused.stage = sorted(STEPS[step_name].after)[0]
    accused.save()
    if persona in ALLOWED[step_name]:
        assert check_step(personas[persona], accused, step_name).name == step_name
    else:
        with pytest.raises(PermissionDenied):
            check_step(personas[persona], accused, step_name)


@pytest.mark.parametrize("stage", [stage for stage in Stage.values])
def test_a_decision_is_allowed_only_after_the_findings_or_two_missed_summonses(
    open_case, staff, stage
):
    case = open_case()
    accused = case.accused.get()
    accused.stage = stage
    accused.save()
    if stage in {Stage.FINDINGS_REPORTED, Stage.ABSENT_TWICE}:
        check_step(staff.official, accused, "decision_take")
    else:
        with pytest.raises(InputError) as error:
            check_step(staff.official, accused, "decision_take")
        assert error.value.field == "stage"


def nothing_written(before_events: int, before_counts: dict) -> None:
    assert AuditEvent.objects.count() == before_events
    assert counts() == before_counts


def counts() -> dict:
    return {
        "cases": Case.objects.count(),
        "summons": Summons.objects.count(),
        "decisions": Decision.objects.count(),
        "handlers": CaseHandler.objects.count(),
        "stages": list(Accused.objects.values_list("stage", flat=True)),
    }


def test_a_decision_before_the_bap_is_refused_and_nothing_is_written(open_case, staff):
    case = open_case()
    accused = case.accused.get()
    before, snapshot = AuditEvent.objects.count(), counts()
    with pytest.raises(InputError) as error:
        decisions.decision_take(
            actor=staff.official,
            accused=accused,
            sanction_code="teguran_lisan",
            decided_on=date(2026, 10, 20),
        )
    assert error.value.field == "stage"
    assert "Opened" in error.value.message or "Dibuka" in error.value.message
    nothing_written(before, snapshot)


@pytest.mark.parametrize(
    ("issued_on", "examination_on", "field"),
    [
        pytest.param(date(2026, 12, 1), date(2026, 12, 3), "issued_on", id="issued-in-the-future"),
        pytest.param(date(2026, 9, 30), date(2026, 10, 6), "issued_on", id="before-it-was-known"),
        pytest.param(date(2026, 10, 6), date(2026, 10, 6), "examination_on", id="same-day"),
        # 7 working days after 6 Oct 2026 is 15 Oct; 16 Oct is too late (Pasal 26(2)).
        pytest.param(date(2026, 10, 6), date(2026, 10, 16), "examination_on", id="gap-too-long"),
        # Within the gap, but a Saturday: not a working day of the instansi (reading C10).
        pytest.param(date(2026, 10, 6), date(2026, 10, 10), "examination_on", id="on-a-saturday"),
    ],
)
def test_bad_summons_dates_are_refused_naming_the_field(
    open_case, staff, issued_on, examination_on, field
):
    case = open_case()
    accused = case.accused.get()
    before, snapshot = AuditEvent.objects.count(), counts()
    with pytest.raises(InputError) as error:
        hearings.summons_issue(
            actor=staff.examiner,
            accused=accused,
            number=1,
            issued_on=issued_on,
            examination_on=examination_on,
            place="Ruang Rapat",
        )
    assert error.value.field == field
    nothing_written(before, snapshot)


def test_an_examination_on_a_day_off_names_the_day_unless_the_installation_allows_it(
    open_case, staff
):
    accused = open_case().accused.get()
    with pytest.raises(InputError) as error:
        hearings.summons_issue(
            actor=staff.examiner,
            accused=accused,
            number=1,
            issued_on=date(2026, 10, 6),
            examination_on=date(2026, 10, 11),
            place="Ruang Rapat",
        )
    assert error.value.field == "examination_on"
    assert "11 Oktober 2026" in error.value.message
    assert not Summons.objects.exists()
    with override_settings(EXAMINATION_ON_DAY_OFF="allow"):
        summons = hearings.summons_issue(
            actor=staff.examiner,
            accused=accused,
            number=1,
            issued_on=date(2026, 10, 6),
            examination_on=date(2026, 10, 11),
            place="Ruang Rapat",
        )
    assert summons.examination_on == date(2026, 10, 11)


def test_an_offence_in_the_future_is_refused(org, staff, instansi, today):
    before, snapshot = AuditEvent.objects.count(), counts()
    with pytest.raises(InputError) as error:
        services.case_open_ex_officio(
            actor=staff.intake,
            instansi=instansi,
            allegations=[
                {
                    "employee": org.staff,
                    "provision": "pp-94-2021:3:f",
                    "committed_on": date(2027, 1, 4),
                }
            ],
        )
    assert error.value.field == "allegations[0].committed_on"
    nothing_written(before, snapshot)


def test_an_employee_of_another_instansi_cannot_be_accused(staff, instansi, outsider, today):
    from tegak.people.models import Employee, Instansi

    other = Employee.objects.create(
        instansi=Instansi.objects.get(code="kab-lain"),
        nip="199001012020011001",
        name="Lain",
        status="PNS",
    )
    with pytest.raises(InputError) as error:
        services.case_open_ex_officio(
            actor=staff.intake,
            instansi=instansi,
            allegations=[
                {
                    "employee": other,
                    "provision": "pp-94-2021:3:f",
                    "committed_on": date(2026, 10, 1),
                }
            ],
        )
    assert error.value.field == "allegations[0].employee"


def test_a_sanction_outside_the_allowed_set_needs_a_written_justification(open_case, staff):
    # A lighter type than the sedang finding allows, within the official's power: a heavier
    # level than the official may impose is refused outright (reading C15).
    case = open_case()
    accused, *_rest = _to_findings(case, staff)
    before, snapshot = AuditEvent.objects.count(), counts()
    assert "teguran_lisan" not in accused.allowed_sanctions
    with pytest.raises(InputError) as error:
        decisions.decision_take(
            actor=staff.official,
            accused=accused,
            sanction_code="teguran_lisan",
            decided_on=date(2026, 10, 16),
            justification="berat",
        )
    assert error.value.field == "justification"
    assert "24" in error.value.message
    nothing_written(before, snapshot)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code="teguran_lisan",
        decided_on=date(2026, 10, 16),
        justification="Pelanggaran berulang dan dampaknya meluas ke seluruh instansi.",
    )
    assert decision.outside_allowed


def test_a_delivered_decision_cannot_be_changed(open_case, staff):
    case = open_case()
    accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as error:
        decisions.decision_amend(
            actor=staff.official, decision=decision, sanction_code="teguran_tertulis"
        )
    assert error.value.field == "decision"
    decision.refresh_from_db()
    assert decision.sanction_code == accused.allowed_sanctions[0]
    assert AuditEvent.objects.count() == before


def test_an_undelivered_decision_can_be_corrected(open_case, staff):
    case = open_case()
    accused, *_rest = _to_findings(case, staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
    )
    decisions.decision_amend(
        actor=staff.official, decision=decision, sanction_code=accused.allowed_sanctions[1]
    )
    decision.refresh_from_db()
    assert decision.sanction_code == accused.allowed_sanctions[1]


def test_the_decision_belongs_to_the_official_the_rules_name(open_case, org, staff):
    # A sedang violation of a pelaksana: the superior of the direct superior decides
    # (PP 94/2021 Pasal 22(1)(b), 21(b)) - here the Sekwan, not the Sekda above them.
    case = open_case()
    accused, *_rest = _to_findings(case, staff)
    assert accused.finding["authority"]["role"] == "atasan_dari_atasan_langsung"
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as error:
        decisions.decision_take(
            actor=staff.sekda,
            accused=accused,
            sanction_code=accused.allowed_sanctions[0],
            decided_on=date(2026, 10, 16),
        )
    assert error.value.field == "authority_reason"
    assert org.sekwan.full_name in error.value.message
    assert AuditEvent.objects.count() == before
    # Refused outright where the installation allows no deviation.
    with override_settings(TEGAK_AUTHORITY_DEVIATIONS="refuse"), pytest.raises(InputError):
        decisions.decision_take(
            actor=staff.sekda,
            accused=accused,
            sanction_code=accused.allowed_sanctions[0],
            decided_on=date(2026, 10, 16),
            authority_reason="Sekwan sedang cuti panjang dan berkas harus selesai.",
        )
    assert AuditEvent.objects.count() == before
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
    )
    assert AuditEvent.objects.order_by("-sequence").first().data["authority_checked"] is True
    assert decision.authorised_official == staff.official


def test_a_late_objection_is_refused_and_an_appeal_is_only_against_dismissal(open_case, staff):
    case = open_case()
    accused, decision, delivery = run_to_final_until_delivery(case, staff)
    with pytest.raises(InputError) as error:
        decisions.objection_file(
            actor=staff.official,
            decision=decision,
            kind="appeal",
            filed_on=date(2026, 10, 20),
            grounds="x",
        )
    assert error.value.field == "kind"
    late = date(2026, 11, 24)
    assert late > delivery.window_closes_on
    with pytest.raises(InputError) as error:
        decisions.objection_file(
            actor=staff.official, decision=decision, kind="objection", filed_on=late, grounds="x"
        )
    assert error.value.field == "filed_on"
    accused.refresh_from_db()
    assert accused.stage == Stage.DELIVERED


def test_finalising_inside_the_objection_window_is_refused(open_case, staff):
    case = open_case()
    accused, _decision, delivery = run_to_final_until_delivery(case, staff)
    with pytest.raises(InputError) as error:
        decisions.accused_finalise(actor=staff.official, accused=accused, on=date(2026, 10, 21))
    assert error.value.field == "on"
    assert long_date(delivery.window_closes_on) in error.value.message


def _to_findings(case, staff):
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    hearings.examination_hold(
        actor=staff.examiner, accused=accused, held_on=date(2026, 10, 13), place="Ruang"
    )
    hearings.question_record(actor=staff.examiner, accused=accused, question="T?", answer="J.")
    with pytest.raises(InputError) as error:
        hearings.bap_record(
            actor=staff.examiner,
            accused=accused,
            completed_on=date(2026, 10, 13),
            signed_by_accused=False,
        )
    assert error.value.field == "refusal_note"
    hearings.bap_record(
        actor=staff.examiner,
        accused=accused,
        completed_on=date(2026, 10, 13),
        signed_by_accused=True,
    )
    hearings.findings_report(
        actor=staff.examiner,
        accused=accused,
        reported_on=date(2026, 10, 14),
        conclusion="Terbukti.",
    )
    accused.refresh_from_db()
    return (accused,)


# --- conflicts of interest (Pasal 29(6)) -------------------------------------------------------


def test_the_accused_cannot_handle_their_own_case(open_case, org, staff):
    case = open_case(employee=org.kabag, assign=False)
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as error:
        services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
    assert error.value.field == "user"
    assert not CaseHandler.objects.filter(case=case).exists()
    assert AuditEvent.objects.count() == before


def test_a_subordinate_of_the_accused_cannot_handle_the_case(open_case, org, staff, instansi):
    case = open_case(employee=org.sekwan, assign=False)
    # The Kabag reports to the Sekwan: a subordinate of the accused.
    with pytest.raises(InputError) as error:
        services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
    assert "subordinate" in error.value.message or "bawahan" in error.value.message


def test_when_the_direct_superior_is_involved_the_next_superior_examines(
    org, staff, instansi, today
):
    case = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        known_to_superior_on=date(2026, 10, 5),
        allegations=[
            {
                "employee": org.staff,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2026, 10, 2),
                "impact": "unit_kerja",
            },
            {
                "employee": org.kabag,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2026, 10, 2),
                "impact": "unit_kerja",
            },
        ],
    )
    staff_accused = case.accused.get(employee=org.staff)
    examiner, replaced = services.expected_examiner(staff_accused, date(2026, 10, 5))
    assert (examiner, replaced) == (org.sekwan, org.kabag)
    handler = services.handler_assign(
        actor=staff.admin, case=case, user=staff.official, role="examiner"
    )
    assert handler.substitutes_for == org.kabag


def test_a_team_is_required_for_a_heavy_violation_and_its_members_come_from_the_right_units(
    open_case, org, staff
):
    case = open_case(impact="negara")
    accused = case.accused.get()
    assert accused.examination_team == "required"
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    with pytest.raises(InputError) as error:
        hearings.examination_hold(
            actor=staff.examiner, accused=accused, held_on=date(2026, 10, 13), place="Ruang"
        )
    assert error.value.field == "team"
    with pytest.raises(InputError) as error:
        hearings.team_form(
            actor=staff.official,
            accused=accused,
            formed_on=date(2026, 10, 7),
            members=[
                (org.kabag, "superior"),
                (org.staff2, "supervision"),
                (org.personnel, "personnel"),
            ],
        )
    assert error.value.field == "members[1].employee"
    team = hearings.team_form(
        actor=staff.official,
        accused=accused,
        formed_on=date(2026, 10, 7),
        members=[
            (org.kabag, "superior"),
            (org.inspector, "supervision"),
            (org.personnel, "personnel"),
        ],
    )
    assert team.members.count() == 3
    examination = hearings.examination_hold(
        actor=staff.examiner, accused=accused, held_on=date(2026, 10, 13), place="Ruang"
    )
    assert examination.by_team


def test_an_allegation_against_a_handler_or_their_superior_ends_their_assignment(
    open_case, org, staff, today
):
    """Red-team finding (2026-12-07): the examiner added her own superior as an accused and
    went on to summon and examine him. An allegation that puts an assigned handler in conflict
    ends the assignment (with the reason in the audit log); the handler can no longer act."""
    case = open_case()  # against org.staff; examiner org.kabag, official org.sekwan assigned
    staff_accused = case.accused.get()
    assert check_step(staff.examiner, staff_accused, "summons_issue_1")
    services.allegation_add(
        actor=staff.intake,
        case=case,
        allegation={
            "employee": org.sekwan,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2026, 10, 2),
            "impact": "unit_kerja",
        },
    )
    ended = {
        (event.data["user_id"], event.data["reason"])
        for event in AuditEvent.objects.filter(action="case.handler_removed")
    }
    # The official is now accused; the examiner (the Kabag) is the Sekwan's subordinate.
    assert ended == {
        (staff.examiner.pk, "conflict_after_allegation"),
        (staff.official.pk, "conflict_after_allegation"),
    }
    assert not CaseHandler.objects.filter(case=case, active=True).exists()
    sekwan_accused = case.accused.get(employee=org.sekwan)
    for accused in (staff_accused, sekwan_accused):
        with pytest.raises(PermissionDenied):
            check_step(staff.examiner, accused, "summons_issue_1")


def test_a_handler_left_assigned_with_a_conflict_is_refused_with_the_reason(open_case, org, staff):
    """An assignment that is still active though its holder is now in conflict (made before
    assignments were ended on a new allegation) gives no right to act, and says why."""
    case = open_case()
    Accused.objects.create(case=case, employee=org.sekwan)
    accused = case.accused.get(employee=org.staff)
    with pytest.raises(PermissionDenied) as error:
        check_step(staff.examiner, accused, "summons_issue_1")
    assert "bawahan" in str(error.value) and "Minta administrator" in str(error.value)
    with pytest.raises(PermissionDenied) as error:
        check_step(staff.official, accused, "decision_take")
    assert "terlapor" in str(error.value)
    # An intake officer's own steps do not depend on an assignment.
    assert check_step(staff.intake, accused, "allegation_add")


def test_the_page_says_whose_assignment_an_allegation_ended_and_why(
    open_case, org, staff, verified_client
):
    from django.urls import reverse

    case = open_case()
    response = verified_client(staff.intake).post(
        reverse("cases:allegation_add", args=[case.pk]),
        {
            "employee": org.sekwan.pk,
            "provision": "pp-94-2021:3:f",
            "committed_on": "2026-10-02",
            "impact": "unit_kerja",
            "do": "save",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "tidak dapat lagi menangani kasus ini" in page
    assert "bawahan" in page and "terlapor" in page
