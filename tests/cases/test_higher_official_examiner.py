"""The superior of the direct superior examines only where the law puts them in the direct
superior's place (legal review #12; PP 94/2021 Pasal 25, 27(4), 28, 29(6); reading C35)."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.audit.models import AuditEvent
from tegak.cases import authority, services
from tegak.cases.models import StepAuthority
from tegak.core.errors import InputError
from tegak.hearings import services as hearings

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_sekwan_examining(open_case, staff):
    """A sedang case the Sekwan decides, with the Sekwan also assigned as examiner."""

    def make():
        case = open_case()
        services.handler_assign(actor=staff.admin, case=case, user=staff.official, role="examiner")
        return case

    return make


def _summon(actor, accused, **extra):
    return hearings.summons_issue(
        actor=actor,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 9),
        place="Ruang rapat",
        **extra,
    )


def test_the_official_who_decides_does_not_examine_in_place_of_a_direct_superior_who_can(
    case_with_sekwan_examining, staff
):
    # The Sekwan decides this sedang case (two levels up) and holds the examiner role, but the
    # Kabag, the direct superior, is free to examine and has not failed to act (Pasal 27(4)).
    case = case_with_sekwan_examining()
    accused = case.accused.get()
    assert authority.decision_holder(accused, date(2026, 10, 6))[0].pk == staff.official.employee_id
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        _summon(staff.official, accused)
    assert refused.value.field == "authority_reason"
    assert "Kabag Uji" in refused.value.message
    assert "Pasal 25, 28, 29 ayat (6)" in refused.value.message
    assert not accused.summonses.exists() and AuditEvent.objects.count() == before


def test_the_refusal_is_in_indonesian(case_with_sekwan_examining, staff):
    from django.utils import translation

    accused = case_with_sekwan_examining().accused.get()
    with translation.override("id"), pytest.raises(InputError) as refused:
        _summon(staff.official, accused)
    assert "atasan langsung" in str(refused.value.message).lower()
    assert "Kabag Uji" in str(refused.value.message)


def test_the_higher_official_examines_once_the_direct_superior_did_not_act(
    case_with_sekwan_examining, staff
):
    case = case_with_sekwan_examining()
    accused = case.accused.get()
    # The duty clock passed without a summons: Pasal 28, the next superior is told and may act.
    accused.superior_duty_flagged_on = date(2026, 10, 5)
    accused.save(update_fields=["superior_duty_flagged_on"])
    _summon(staff.official, accused)
    kept = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert kept.capacity == authority.Capacity.NEXT_SUPERIOR and not kept.deviation
    assert "Pasal 28" in kept.reason


def test_the_direct_superior_still_examines(open_case, staff):
    accused = open_case().accused.get()
    _summon(staff.examiner, accused)
    kept = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert kept.capacity == authority.Capacity.DIRECT_SUPERIOR and kept.reason == ""


def test_the_higher_official_examines_when_the_direct_superior_is_involved(
    case_with_sekwan_examining, org, staff
):
    case = case_with_sekwan_examining()
    services.allegation_add(
        actor=staff.admin,
        case=case,
        allegation={
            "employee": org.kabag,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2026, 10, 2),
            "impact": "instansi",
        },
    )
    accused = case.accused.get(employee=org.staff)
    _summon(staff.official, accused)
    kept = StepAuthority.objects.get(accused=accused, step="summons_issue_1")
    assert kept.capacity == authority.Capacity.NEXT_SUPERIOR and not kept.deviation
    assert "Kabag Uji" in kept.reason
