"""Joint steps of a group case (#13 item 6, ADR 0061): one summons run, one examination session,
the findings and decisions of the whole group in one form each — while every accused keeps their
own record, clocks, lawful-official check and event, and a refusal for one writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases import services
from tegak.cases.group import GroupRefused, group_step_take
from tegak.cases.models import Clock, Stage
from tegak.hearings import group as hearing_group
from tegak.hearings.models import BeritaAcara, Examination, ExaminationSession, Summons
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tegak.people.models import Employee, OrgUnit, PositionAssignment
from tests.cases.conftest import moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def bekasi(instansi, administrator):
    """The test kota on the shipped Kota Bekasi pack: Perwal 42/2017 for TKK, in force 2018-."""
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
        default_schedule="kota-bekasi-5-hari",
    )
    return instansi


@pytest.fixture
def seven(org, instansi):
    """Seven contract staff (TKK) of Bagian Umum, Sekretariat DPRD, in post since 2020."""
    position = org.staff.assignments.get().position
    people = []
    for number in range(1, 8):
        employee = Employee.objects.create(
            instansi=instansi, nip=f"TKK-2020.{number:04d}", name=f"TKK {number}", status="NON_ASN"
        )
        PositionAssignment.objects.create(
            employee=employee, position=position, start=date(2020, 1, 2)
        )
        people.append(employee)
    return people


@pytest.fixture
def group_case(bekasi, seven, staff, time_machine):
    time_machine.move_to(moment("2021-09-02 09:00"), tick=False)

    def make(people=None):
        case = services.case_open_ex_officio(
            actor=staff.intake,
            instansi=bekasi,
            summary="Video TikTok di luar kepatutan pada jam kerja",
            known_to_superior_on=date(2021, 9, 1),
            allegations=[
                {
                    "employee": person,
                    "provision": "pp-94-2021:3:f",
                    "committed_on": date(2021, 8, 30),
                    "committed_at": None,
                    "place": "Kantor Sekretariat DPRD",
                    "impact": "unit_kerja",
                }
                for person in people or seven
            ],
        )
        services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
        services.handler_assign(
            actor=staff.admin, case=case, user=staff.official, role="authorised_official"
        )
        return case

    return make


def _move_to_bkpsdm(employee, instansi):
    """The employee's post moves to BKPSDM, whose superior is not the Kabag examining the rest."""
    assignment = employee.assignments.get()
    assignment.position.pk = None
    assignment.position.unit = OrgUnit.objects.get(instansi=instansi, code="BKPSDM")
    assignment.position.save()
    assignment.position_id = assignment.position.pk
    assignment.save()


def _accused(case):
    return list(case.accused.select_related("employee").order_by("id"))


SUMMONS = {
    "issued_on": date(2021, 9, 2),
    "examination_on": date(2021, 9, 3),
    "place": "Ruang Rapat Sekretariat DPRD",
}


def test_one_summons_run_gives_each_accused_their_own_summons_clock_and_event(group_case, staff):
    case = group_case()
    accused = _accused(case)
    group_step_take(
        actor=staff.examiner, case=case, step="summons_issue_1", accused=accused, data=SUMMONS
    )
    assert Summons.objects.filter(case=case).count() == 7
    assert {item.stage for item in _accused(case)} == {Stage.SUMMONED_1}
    # Each accused has their own clock of the examination gap and their own event.
    assert Clock.objects.filter(accused__case=case, step="summons_issued").count() >= 7
    for item in _accused(case):
        assert item.clocks.filter(step="summons_issued").exists()
    assert AuditEvent.objects.filter(action="hearing.summons_issued").count() == 7
    run = AuditEvent.objects.get(action="case.group_step_taken")
    assert run.data["step"] == "summons_issue_1" and len(run.data["accused_ids"]) == 7


def test_a_refusal_for_one_accused_writes_nothing_for_any_and_names_them(
    group_case, seven, org, instansi, staff
):
    # The seventh worked in BKPSDM, whose superior is not the Kabag examining the others.
    _move_to_bkpsdm(seven[6], instansi)
    case = group_case()
    events_before = AuditEvent.objects.count()
    with pytest.raises(GroupRefused) as refused:
        group_step_take(
            actor=staff.examiner,
            case=case,
            step="summons_issue_1",
            accused=_accused(case),
            data=SUMMONS,
        )
    assert refused.value.message.startswith("TKK 7: ")
    assert refused.value.field == "authority_reason"
    assert Summons.objects.filter(case=case).count() == 0
    assert {item.stage for item in _accused(case)} == {Stage.OPENED}
    assert AuditEvent.objects.count() == events_before


def test_the_group_page_says_which_accused_was_refused_and_keeps_the_input(
    group_case, seven, instansi, staff, verified_client
):
    _move_to_bkpsdm(seven[2], instansi)
    case = group_case()
    client = verified_client(staff.examiner)
    url = reverse("cases:group_step", args=[case.pk, "summons_issue_1"])
    page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count('name="accused"') == 7
    response = client.post(
        url,
        {
            "accused": [item.pk for item in _accused(case)],
            "issued_on": "2021-09-02",
            "examination_on": "2021-09-03",
            "place": "Ruang Rapat",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "TKK 3:" in text and "Ruang Rapat" in text
    # Said once, on the field it concerns (not also on top, nor twice).
    assert text.count("TKK 3:") == 1
    assert response.context["form"].errors["authority_reason"][0].startswith("TKK 3: ")
    assert not response.context["form"].non_field_errors()
    assert Summons.objects.filter(case=case).count() == 0


def test_a_joint_session_records_one_sitting_and_each_attendees_own_answers_and_minutes(
    group_case, staff, time_machine
):
    case = group_case()
    time_machine.move_to(moment("2021-09-03 15:00"), tick=False)
    accused = _accused(case)
    group_step_take(
        actor=staff.examiner, case=case, step="summons_issue_1", accused=accused, data=SUMMONS
    )
    session = hearing_group.examination_session_hold(
        actor=staff.examiner,
        case=case,
        accused=_accused(case),
        held_on=date(2021, 9, 3),
        place="Ruang Rapat Sekretariat DPRD",
    )
    assert ExaminationSession.objects.count() == 1
    assert Examination.objects.filter(session=session).count() == 7
    answers = {item.pk: f"Saya {item.employee.name} ikut membuat video." for item in accused}
    hearing_group.session_question_record(
        actor=staff.examiner,
        session=session,
        question="Apakah Saudara ikut dalam video TikTok tersebut?",
        answers=answers,
    )
    for item in _accused(case):
        assert [qa.answer for qa in item.examination.questions.all()] == [answers[item.pk]]
    signed = {item.pk: True for item in accused}
    signed[accused[1].pk] = False
    with pytest.raises(GroupRefused) as refused:
        hearing_group.session_minutes_complete(
            actor=staff.examiner, session=session, completed_on=date(2021, 9, 3), signed=signed
        )
    # TKK 2 refused to sign and no note was given: nothing is completed for anyone.
    assert refused.value.message.startswith("TKK 2: ")
    assert BeritaAcara.objects.filter(case=case).count() == 0
    hearing_group.session_minutes_complete(
        actor=staff.examiner,
        session=session,
        completed_on=date(2021, 9, 3),
        signed=signed,
        refusal_notes={accused[1].pk: "Menolak menandatangani tanpa alasan."},
    )
    assert BeritaAcara.objects.filter(case=case).count() == 7
    assert {item.stage for item in _accused(case)} == {Stage.BAP_RECORDED}
    refused_row = BeritaAcara.objects.get(accused=accused[1])
    assert not refused_row.signed_by_accused and refused_row.refusal_note


def test_each_accused_keeps_their_own_decision_when_the_group_is_decided_in_one_form(
    group_case, staff, time_machine
):
    case = _decided(group_case, staff, time_machine)
    # Six are decided together; the seventh keeps a decision of their own.
    first_six = _accused(case)[:6]
    group_step_take(
        actor=staff.official,
        case=case,
        step="decision_take",
        accused=first_six,
        data={"sanction_code": "pernyataan_tidak_puas", "decided_on": date(2021, 9, 6)},
    )
    decided = {item.employee.name: item for item in _accused(case)}
    assert {item.decision.sanction_code for item in first_six} == {"pernyataan_tidak_puas"}
    assert decided["TKK 7"].stage == Stage.FINDINGS_REPORTED
    assert not hasattr(decided["TKK 7"], "decision")
    assert len({item.decision.pk for item in first_six}) == 6


def _decided(group_case, staff, time_machine):
    """The seven examined in one session and decided in one form (6 September 2021)."""
    case = group_case()
    time_machine.move_to(moment("2021-09-06 15:00"), tick=False)
    group_step_take(
        actor=staff.examiner,
        case=case,
        step="summons_issue_1",
        accused=_accused(case),
        data=SUMMONS,
    )
    session = hearing_group.examination_session_hold(
        actor=staff.examiner,
        case=case,
        accused=_accused(case),
        held_on=date(2021, 9, 3),
        place="Ruang Rapat",
    )
    hearing_group.session_question_record(
        actor=staff.examiner,
        session=session,
        question="Benar?",
        answers={item.pk: "Benar." for item in _accused(case)},
    )
    hearing_group.session_minutes_complete(
        actor=staff.examiner,
        session=session,
        completed_on=date(2021, 9, 3),
        signed={item.pk: True for item in _accused(case)},
    )
    group_step_take(
        actor=staff.examiner,
        case=case,
        step="findings_report",
        accused=_accused(case),
        data={"reported_on": date(2021, 9, 3), "proven": True, "conclusion": "Terbukti."},
    )
    return case


TKK_DECIDED = {"sanction_code": "pernyataan_tidak_puas", "decided_on": date(2021, 9, 6)}
TKK_DELIVERED = {"delivered_on": date(2021, 9, 6), "received_on": date(2021, 9, 6)}


def _delivered(group_case, staff, time_machine):
    """The seven decided by the Sekwan, "pernyataan tidak puas", and handed their letters on
    6 September 2021."""
    case = _decided(group_case, staff, time_machine)
    for step, data in (("decision_take", TKK_DECIDED), ("decision_deliver", TKK_DELIVERED)):
        group_step_take(
            actor=staff.official, case=case, step=step, accused=_accused(case), data=data
        )
    return case


def test_bulk_issue_gives_each_accused_their_own_numbered_summons(
    group_case, staff, time_machine, settings, tmp_path
):
    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_issue_for_group

    settings.MEDIA_ROOT = tmp_path / "media"
    case = group_case()
    group_step_take(
        actor=staff.examiner,
        case=case,
        step="summons_issue_1",
        accused=_accused(case)[:3],
        data=SUMMONS,
    )
    # The fourth has no summons yet: nothing is issued, and the refusal names them.
    with pytest.raises(Exception) as refused:
        document_issue_for_group(
            actor=staff.examiner, case=case, accused=_accused(case)[:4], kind="surat_panggilan_1"
        )
    assert "TKK 4:" in str(refused.value)
    assert IssuedDocument.objects.count() == 0
    documents = document_issue_for_group(
        actor=staff.examiner, case=case, accused=_accused(case)[:3], kind="surat_panggilan_1"
    )
    assert len({document.number for document in documents}) == 3


def test_one_berita_acara_pembinaan_lists_every_name_with_their_sanction(
    group_case, staff, time_machine, settings, tmp_path
):
    from docx import Document

    from tegak.documents.models import IssuedDocument
    from tegak.documents.services import document_issue_for_group

    settings.MEDIA_ROOT = tmp_path / "media"
    case = _decided(group_case, staff, time_machine)
    group_step_take(
        actor=staff.official,
        case=case,
        step="decision_take",
        accused=_accused(case)[:6],
        data={"sanction_code": "pernyataan_tidak_puas", "decided_on": date(2021, 9, 6)},
    )
    # The seventh is not decided yet: the joint minutes cannot name them.
    with pytest.raises(Exception) as refused:
        document_issue_for_group(
            actor=staff.official, case=case, accused=_accused(case), kind="berita_acara_pembinaan"
        )
    assert "TKK 7:" in str(refused.value)
    group_step_take(
        actor=staff.official,
        case=case,
        step="decision_take",
        accused=_accused(case)[6:],
        data={"sanction_code": "pernyataan_tidak_puas", "decided_on": date(2021, 9, 6)},
    )
    [minutes] = document_issue_for_group(
        actor=staff.official, case=case, accused=_accused(case), kind="berita_acara_pembinaan"
    )
    assert IssuedDocument.objects.filter(kind="berita_acara_pembinaan").count() == 1
    with minutes.file_docx.open("rb") as handle:
        document = Document(handle)
    text = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ) + "\n".join(paragraph.text for paragraph in document.paragraphs)
    for number in range(1, 8):
        assert f"TKK {number}" in text
    assert text.count("pernyataan tidak puas secara tertulis") >= 7
    assert "Sekwan Uji" in text and "Perwal Kota Bekasi 42/2017" in text


def _minutes_text(minutes):
    from tests.documents.conftest import docx_text

    with minutes.file_docx.open("rb") as handle:
        return docx_text(handle.read())


def test_the_coaching_minutes_print_only_what_the_official_entered(
    group_case, staff, time_machine, settings, tmp_path
):
    """The seed walk of 2026-12-07: the minutes printed "Pembinaan yang diberikan: Uji: hukuman
    yang tidak dikenal bagi TKK." (an amended decision's justification) and "masing-masing yang
    bersangkutan menyatakan tidak akan mengulangi perbuatannya" (no one recorded that). Without
    entries they leave lines to fill in by hand; with entries they print those, each person's
    statement beside their name."""
    from tegak.decisions import services as decisions
    from tegak.documents.context import BLANK_LINE, CoachingEntries
    from tegak.documents.services import document_issue_for_group

    settings.MEDIA_ROOT = tmp_path / "media"
    case = _decided(group_case, staff, time_machine)
    everyone = _accused(case)
    group_step_take(
        actor=staff.official, case=case, step="decision_take", accused=everyone, data=TKK_DECIDED
    )
    first = everyone[0]
    first.refresh_from_db()
    decisions.decision_amend(
        actor=staff.official,
        decision=first.decision,
        sanction_code="pernyataan_tidak_puas",
        justification="Uji: hukuman yang tidak dikenal bagi TKK.",
    )

    [blank] = document_issue_for_group(
        actor=staff.official, case=case, accused=everyone, kind="berita_acara_pembinaan"
    )
    text = _minutes_text(blank)
    assert "Uji: hukuman" not in text
    assert "mengulangi" not in text
    assert f"Pembinaan yang diberikan: {BLANK_LINE}" in text
    assert text.count(BLANK_LINE) >= 1 + len(everyone)  # the coaching, each statement

    entries = CoachingEntries(
        guidance="Diberikan arahan tentang penggunaan media sosial oleh pegawai.",
        statements={
            everyone[0].pk: "Saya menyesal dan akan menghapus video itu.",
            everyone[1].pk: "  Saya   tidak tahu aturannya. ",
        },
    )
    [entered] = document_issue_for_group(
        actor=staff.official,
        case=case,
        accused=everyone,
        kind="berita_acara_pembinaan",
        coaching=entries,
    )
    assert entered.number == blank.number and entered.version == 2
    text = _minutes_text(entered)
    assert "Pembinaan yang diberikan: Diberikan arahan tentang penggunaan media sosial" in text
    assert "TKK 1 Saya menyesal dan akan menghapus video itu." in text
    assert "TKK 2 Saya tidak tahu aturannya." in text
    assert f"TKK 3 {BLANK_LINE}" in text
    assert "mengulangi" not in text and "Uji: hukuman" not in text
