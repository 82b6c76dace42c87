"""Who decides an objection (PP 79/2021 Pasal 3 ayat (3), 8): the superior of the official who
imposed the sanction, found up the chain of the registry; never the official, nor someone who
serves under them, not even with a reason (docs/legal-questions.md C6, C25)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.cases import services
from tegak.cases.authority import Capacity
from tegak.cases.models import HandlerRole, Stage, StepAuthority
from tests.cases.test_flow import run_to_final_until_delivery

pytestmark = pytest.mark.django_db

REASON = "Sekretaris Daerah sedang cuti, keputusan atas keberatan tidak dapat menunggu."


def _objected(open_case, staff):
    from tegak.decisions import services as decisions

    case = open_case()
    accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    decisions.objection_file(
        actor=staff.official,
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    accused.refresh_from_db()
    return case, accused


def _post(client, case, accused, **extra):
    url = reverse("decisions:step", args=[case.pk, accused.pk, "objection_decide"])
    data = {"outcome": "confirmed", "decided_on": "2026-11-10", **extra}
    return client.post(url, data)


@pytest.fixture
def kabag_official(staff, instansi):
    """The Kepala Bagian Umum, under the Sekwan who imposed the sanction, assigned to decide."""
    from tegak.accounts.models import RoleAssignment

    RoleAssignment.objects.create(
        user=staff.examiner, role="authorised_official", instansi=instansi
    )
    return staff.examiner


def test_the_superior_of_the_official_decides_the_objection_through_the_step_page(
    open_case, staff, verified_client
):
    case, accused = _objected(open_case, staff)
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role=HandlerRole.AUTHORISED_OFFICIAL
    )
    response = _post(verified_client(staff.sekda), case, accused)
    assert response.status_code == 302
    accused.refresh_from_db()
    assert accused.stage == Stage.FINAL
    row = StepAuthority.objects.get(accused=accused, step="objection_decide")
    assert row.capacity == Capacity.OFFICIAL_SUPERIOR and not row.deviation


def test_an_official_under_the_one_who_imposed_the_sanction_is_refused_even_with_a_reason(
    open_case, staff, kabag_official, verified_client
):
    case, accused = _objected(open_case, staff)
    services.handler_assign(
        actor=staff.admin,
        case=case,
        user=kabag_official,
        role=HandlerRole.AUTHORISED_OFFICIAL,
    )
    client = verified_client(kabag_official)
    response = _post(client, case, accused, authority_reason=REASON)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kabag Uji" in page and "Sekwan Uji" in page and "Sekda Uji" in page
    accused.refresh_from_db()
    assert accused.stage == Stage.OBJECTION_FILED
    assert not StepAuthority.objects.filter(accused=accused, step="objection_decide").exists()


def test_with_the_superior_outside_the_registry_a_subordinate_is_refused_the_administrator_records(
    open_case, org, staff, kabag_official, verified_client
):
    """Reading C6: the Sekwan's superior is outside the registry (the Sekda's post ended), so
    the head of the region decides and the administrator records it; the Kabag, who serves
    under the Sekwan, was accepted as 'assigned' and is now refused."""
    case, accused = _objected(open_case, staff)
    sekda_post = org.sekda.assignments.get()
    sekda_post.end = date(2026, 10, 1)
    sekda_post.save()
    services.handler_assign(
        actor=staff.admin,
        case=case,
        user=kabag_official,
        role=HandlerRole.AUTHORISED_OFFICIAL,
    )
    response = _post(verified_client(kabag_official), case, accused)
    assert response.status_code == 400
    assert "Kabag Uji" in response.content.decode()
    accused.refresh_from_db()
    assert accused.stage == Stage.OBJECTION_FILED
    response = _post(verified_client(staff.admin), case, accused)
    assert response.status_code == 302
    accused.refresh_from_db()
    assert accused.stage == Stage.FINAL
