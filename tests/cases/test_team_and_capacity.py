"""Authority at the remaining steps (#13 walk-through item 1): the examination team is formed by
the PPK or the official designated (PP 94/2021 Pasal 29(5)) — anyone else is refused, or goes on
only with a reason that is kept and flagged on the case, in the dossier and on the register — and
the capacity in which the decision is delivered (Pasal 37(2)) and an objection recorded as
received (PP 79/2021 Pasal 3-4) is kept for every such step."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases import authority, services
from tegak.cases.models import StepAuthority
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tegak.hearings import services as hearings
from tegak.portal.services import register_refresh
from tests.cases.test_flow import run_to_final_until_delivery

pytestmark = pytest.mark.django_db

REASON = "Sekretaris DPRD sedang cuti besar; Sekda membentuk tim atas perintah Wali Kota."


def members(org):
    return [(org.kabag, "superior"), (org.inspector, "supervision"), (org.personnel, "personnel")]


def medium_case(open_case, staff):
    """A medium violation (team optional) whose authorised official is the Sekwan (the superior
    of the direct superior, PP 94/2021 Pasal 21 huruf b); the Sekda is also assigned."""
    case = open_case(impact="instansi")
    services.handler_assign(
        actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
    )
    return case, case.accused.get()


def test_the_team_formed_by_someone_else_is_refused_naming_the_lawful_official(
    open_case, org, staff
):
    case, accused = medium_case(open_case, staff)
    before = AuditEvent.objects.count()
    with pytest.raises(InputError) as refused:
        hearings.team_form(
            actor=staff.sekda, accused=accused, formed_on=date(2026, 10, 7), members=members(org)
        )
    assert refused.value.field == "authority_reason"
    assert "Sekwan Uji" in refused.value.message and "Pasal 29 ayat (5)" in refused.value.message
    assert not hasattr(case.accused.get(), "team")
    assert AuditEvent.objects.count() == before and not StepAuthority.objects.exists()
    with override_settings(TEGAK_AUTHORITY_DEVIATIONS="refuse"), pytest.raises(InputError):
        hearings.team_form(
            actor=staff.sekda,
            accused=accused,
            formed_on=date(2026, 10, 7),
            members=members(org),
            authority_reason=REASON,
        )
    assert not StepAuthority.objects.exists()


def test_the_lawful_official_forms_the_team_and_the_capacity_is_kept(open_case, org, staff):
    _case, accused = medium_case(open_case, staff)
    hearings.team_form(
        actor=staff.official, accused=accused, formed_on=date(2026, 10, 7), members=members(org)
    )
    row = StepAuthority.objects.get(accused=accused, step="team_form")
    assert row.capacity == authority.Capacity.NEXT_SUPERIOR and not row.deviation
    assert row.employee_id == org.sekwan.pk and row.day == date(2026, 10, 7)


def test_a_team_formed_with_a_reason_is_flagged_on_case_dossier_and_register(
    open_case, org, staff, verified_client
):
    from tegak.documents.dossier import _accused_html  # the dossier summary's part per accused

    case, accused = medium_case(open_case, staff)
    hearings.team_form(
        actor=staff.sekda,
        accused=accused,
        formed_on=date(2026, 10, 7),
        members=members(org),
        authority_reason=REASON,
    )
    row = StepAuthority.objects.get(accused=accused, step="team_form")
    assert row.deviation and row.reason == REASON and row.expected == "Sekwan Uji"
    body = verified_client(staff.official).get(reverse("cases:detail", args=[case.pk]))
    flagged = body.content.decode().split('data-testid="authority-deviations"', 1)[1]
    flagged = flagged.split("</section>", 1)[0]
    assert "Bentuk tim pemeriksa" in flagged and REASON in flagged and "Sekwan Uji" in flagged
    summary = _accused_html(case.accused.get(), [], {})
    assert "PENYIMPANGAN KEWENANGAN" in summary and "pembentukan tim pemeriksa" in summary
    assert REASON in summary
    register_refresh()
    public = verified_client(staff.official).get(reverse("portal:register")).content.decode()
    assert 'data-testid="authority-deviation"' in public and REASON not in public


def test_the_team_step_page_names_the_lawful_official_and_takes_the_reason(
    open_case, org, staff, verified_client
):
    case, accused = medium_case(open_case, staff)
    client = verified_client(staff.sekda)
    url = reverse("hearings:step", args=[case.pk, accused.pk, "team_form"])
    form = client.get(url).content.decode()
    assert 'name="authority_reason"' in form and "Sekwan Uji" in form
    data = {
        "formed_on": "2026-10-07",
        "superior": org.kabag.pk,
        "supervision": org.inspector.pk,
        "personnel": org.personnel.pk,
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Sekwan Uji" in refused.content.decode()
    assert not StepAuthority.objects.exists()
    done = client.post(url, {**data, "authority_reason": REASON})
    assert done.status_code == 302
    assert StepAuthority.objects.get(step="team_form").deviation


def test_delivery_keeps_the_capacity_of_who_delivered(open_case, staff, org):
    case = open_case()
    run_to_final_until_delivery(case, staff)
    row = StepAuthority.objects.get(step="decision_deliver")
    # The official who decided delivered it himself.
    assert row.capacity == authority.Capacity.AUTHORISED_OFFICIAL and not row.deviation
    assert row.day == date(2026, 10, 19)
    event = AuditEvent.objects.filter(action="decision.delivered").latest("id")
    assert event.data["capacity"] == authority.Capacity.AUTHORISED_OFFICIAL


def test_delivery_by_another_handler_is_recorded_as_the_designated_official(open_case, staff, org):
    case = open_case()
    run_to_final_until_delivery(case, staff, deliverer=staff.examiner)
    row = StepAuthority.objects.get(step="decision_deliver")
    assert row.capacity == authority.Capacity.DESIGNATED and not row.deviation
    assert row.employee_id == org.kabag.pk and row.expected == "Sekwan Uji"


@pytest.mark.parametrize(
    ("who", "capacity"),
    [
        ("official", authority.Capacity.AUTHORISED_OFFICIAL),
        ("sekda", authority.Capacity.OFFICIAL_SUPERIOR),
        ("admin", authority.Capacity.RECORDER),
    ],
    ids=["copy-to-the-official", "the-superior-it-goes-to", "the-instansi-records-receipt"],
)
def test_an_objection_is_recorded_with_the_capacity_of_who_received_it(
    open_case, staff, who, capacity
):
    case = open_case()
    _accused, decision, _delivery = run_to_final_until_delivery(case, staff)
    if who == "sekda":
        services.handler_assign(
            actor=staff.admin, case=case, user=staff.sekda, role="authorised_official"
        )
    decisions.objection_file(
        actor=getattr(staff, who),
        decision=decision,
        kind="objection",
        filed_on=date(2026, 10, 23),
        grounds="Sanksi terlalu berat.",
    )
    row = StepAuthority.objects.get(step="objection_file")
    assert row.capacity == capacity and not row.deviation and row.day == date(2026, 10, 23)
    event = AuditEvent.objects.filter(action="decision.objection_filed").latest("id")
    assert event.data["capacity"] == capacity
