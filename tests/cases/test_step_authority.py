"""Authority at every step (#13 item 3): the examiner is the lawful superior, a team member or the
official the engine names; the decision is by the official the engine names, resolved in the
registry on the step's day; an objection is decided by that official's superior (PP 79/2021); a
deviation is refused, or taken only with a written reason that is kept and flagged."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases import authority, services
from tegak.cases.models import StepAuthority
from tegak.core.errors import InputError
from tegak.hearings import services as hearings
from tegak.law.packs import shipped_text
from tegak.law.services.packs import pack_import
from tegak.people.models import Employee, Position, PositionAssignment
from tegak.portal.services import register_refresh
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

REASON = "Kepala Bagian Umum sedang dinas luar kota selama dua minggu."


@pytest.fixture
def outsider_examiner(staff, org, instansi):
    """An examiner account linked to the personnel analyst: not the accused's superior."""
    user = make_user("analis-uji", instansi, "examiner")
    user.employee = org.personnel
    user.save()
    return user


def test_an_examiner_who_is_not_the_lawful_superior_is_refused_naming_the_lawful_one(
    open_case, staff, outsider_examiner
):
    case = open_case()
    services.handler_assign(actor=staff.admin, case=case, user=outsider_examiner, role="examiner")
    accused = case.accused.get()
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        hearings.summons_issue(
            actor=outsider_examiner,
            accused=accused,
            number=1,
            issued_on=date(2026, 10, 6),
            examination_on=date(2026, 10, 9),
            place="Ruang rapat",
        )
    assert refused.value.field == "authority_reason"
    assert "Kabag Uji" in refused.value.message
    assert AuditEvent.objects.count() == before and not accused.summonses.exists()
    with override_settings(TEGAK_AUTHORITY_DEVIATIONS="refuse"), pytest.raises(InputError):
        hearings.summons_issue(
            actor=outsider_examiner,
            accused=accused,
            number=1,
            issued_on=date(2026, 10, 6),
            examination_on=date(2026, 10, 9),
            place="Ruang rapat",
            authority_reason=REASON,
        )
    assert not accused.summonses.exists()


def test_a_deviation_with_a_reason_is_kept_carried_and_printed_truly(
    open_case, staff, outsider_examiner, verified_client
):
    case = open_case()
    services.handler_assign(actor=staff.admin, case=case, user=outsider_examiner, role="examiner")
    accused = case.accused.get()
    hearings.summons_issue(
        actor=outsider_examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 9),
        place="Ruang rapat",
        authority_reason=REASON,
    )
    # The reason given once carries to the same person's later steps, each recorded.
    hearings.examination_hold(
        actor=outsider_examiner, accused=accused, held_on=date(2026, 10, 9), place="Ruang rapat"
    )
    rows = list(StepAuthority.objects.filter(accused=accused).order_by("id"))
    assert [row.step for row in rows] == ["summons_issue_1", "examination_hold"]
    assert all(row.deviation and row.reason == REASON for row in rows)
    assert "Kabag Uji" in rows[0].expected
    assert authority.examiner_capacity(accused) == authority.Capacity.DEVIATION
    assert authority.document_label(authority.examiner_capacity(accused)) != "Atasan Langsung"
    assert authority.has_deviation(case)
    # Flagged on the case page, with the reason …
    client = verified_client(outsider_examiner)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-testid="authority-deviations"' in page and REASON in page
    # … and on the public register, without the reason.
    register_refresh(accused_ids=[accused.pk])
    client.logout()
    register = client.get(reverse("portal:register")).content.decode()
    assert 'data-testid="authority-deviation"' in register and REASON not in register


def test_the_lawful_superior_examines_in_that_capacity(open_case, staff):
    case = open_case()
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 9),
        place="Ruang rapat",
    )
    hearings.examination_hold(
        actor=staff.examiner, accused=accused, held_on=date(2026, 10, 9), place="Ruang rapat"
    )
    assert authority.examiner_capacity(accused) == authority.Capacity.DIRECT_SUPERIOR
    assert authority.document_label(authority.examiner_capacity(accused)) == "Atasan Langsung"
    assert not authority.has_deviation(case)


@pytest.fixture
def bekasi_rule(instansi, administrator):
    """The Kota Bekasi pack's TKK rule, adopted by the test kota (holder: kepala perangkat
    daerah for ringan)."""
    pack_import(
        actor=administrator,
        instansi=instansi,
        text=shipped_text("kota-bekasi.json"),
        file_name="kota-bekasi.json",
    )
    return f"local:{instansi.code}:tkk-2017:kepatutan"


def test_the_instansi_rule_official_is_resolved_in_the_registry_on_the_steps_day(
    open_case, org, staff, instansi, bekasi_rule
):
    case = open_case(org.staff2, provision=bekasi_rule, impact="")
    accused = case.accused.get()
    assert accused.finding["authority"]["holder"] == "kepala_perangkat_daerah"
    assert "pernyataan_tidak_puas" in accused.allowed_sanctions
    # The head of the perangkat daerah (Sekretariat DPRD) that day.
    official, capacity = authority.decision_holder(accused, date(2026, 10, 5))
    assert official == org.sekwan and capacity == authority.Capacity.HEAD_OF_AGENCY
    # The post changes hands: the new head is the official from that day.
    head = org.sekwan.assignments.get()
    head.end = date(2026, 10, 9)
    head.save()
    successor = Employee.objects.create(
        instansi=instansi, nip="198001012005011099", name="Sekwan Baru", status="PNS"
    )
    PositionAssignment.objects.create(
        employee=successor,
        position=Position.objects.get(pk=head.position_id),
        start=date(2026, 10, 10),
    )
    assert authority.decision_holder(accused, date(2026, 10, 5))[0] == org.sekwan
    assert authority.decision_holder(accused, date(2026, 10, 16))[0] == successor
    lawful = authority.lawful_decider(accused, date(2026, 10, 16))
    assert lawful.names == ["Sekwan Baru"]


def test_a_co_accused_direct_superior_does_not_move_the_decision_up_a_level(open_case, org, staff):
    """Legal review: with the Kabag co-accused, the Staf's sedang decision went to the Sekda
    (the chain was counted without the involved), though Pasal 21 huruf b gives it to the
    official two levels up, the Sekwan, who is not involved."""
    case = open_case()  # the Staf, sedang: the Sekwan decides (two levels up)
    services.allegation_add(
        actor=staff.intake,
        case=case,
        allegation={
            "employee": org.kabag,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2026, 10, 2),
            "impact": "unit_kerja",
        },
    )
    accused = case.accused.get(employee=org.staff)
    holder = authority.decision_holder(accused, date(2026, 10, 5))
    assert holder == (org.sekwan, authority.Capacity.NEXT_SUPERIOR)


def test_when_the_deciding_official_is_involved_the_one_above_decides_in_that_capacity(
    open_case, org, staff
):
    """Seed walk (karaoke): the Sekwan was named in the report, the Sekda decided, and the
    record called her 'Atasan dari atasan langsung' though she is third in the chain."""
    case = open_case()
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
    accused = case.accused.get(employee=org.staff)
    holder = authority.decision_holder(accused, date(2026, 10, 5))
    assert holder == (org.sekda, authority.Capacity.ABOVE_INVOLVED)
    assert authority.document_label(holder[1]).startswith("Atasan dari Pejabat yang Terlibat")


def test_an_official_outside_the_accuseds_line_cannot_impose_a_sanction_even_with_a_reason(
    open_case, org, staff, instansi
):
    """The seed walk: the head of another dinas took a TKK's decision with a reason, and the
    letter came out under his own office's letterhead (reading C32)."""
    from tegak.decisions import services as decisions
    from tegak.decisions.models import Decision
    from tests.cases.test_flow import run_to_findings

    accused = run_to_findings(open_case(), staff)
    # The head of the Inspektorat: an authorised official of the instansi, not of this line.
    outsider = make_user("kepala-insp-uji", instansi, "authorised_official")
    outsider.employee = org.inspector
    outsider.save()
    services.handler_assign(
        actor=staff.admin, case=accused.case, user=outsider, role="authorised_official"
    )
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=outsider,
            accused=accused,
            sanction_code=accused.allowed_sanctions[0],
            decided_on=date(2026, 10, 16),
            authority_reason=REASON,
        )
    assert refused.value.field == "authority_reason"
    assert "Auditor Uji" in refused.value.message and "Sekwan Uji" in refused.value.message
    assert "16 Oktober 2026" in refused.value.message
    assert not Decision.objects.exists() and AuditEvent.objects.count() == before
    # The Sekda, above the Sekwan in the accused's line, may stand in with a reason (flagged).
    services.handler_assign(
        actor=staff.admin, case=accused.case, user=staff.sekda, role="authorised_official"
    )
    decision = decisions.decision_take(
        actor=staff.sekda,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
        authority_reason=REASON,
    )
    row = StepAuthority.objects.get(accused=accused, step="decision_take")
    assert decision.pk and row.deviation and row.reason == REASON


def test_the_case_page_names_who_imposes_on_a_tkk_and_the_rule_it_rests_on(
    open_case, org, staff, bekasi_rule, verified_client
):
    """Seed walk: for a TKK the finding's authority read only 'as the instansi's own rule sets',
    and the engine's basis for it was a news report (IndependensI, 6 September 2021)."""
    case = open_case(org.staff2, provision=bekasi_rule, impact="")
    page = verified_client(staff.examiner).get(reverse("cases:detail", args=[case.pk]))
    text = page.content.decode()
    shown = text.split('data-testid="authority"', 1)[1].split("</dd>", 1)[0]
    assert "kepala perangkat daerah tempat TKK bertugas" in shown
    assert "(Perwal Kota Bekasi 42/2017)" in shown
    assert "diberitakan" not in shown and "IndependensI" not in text
