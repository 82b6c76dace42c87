"""An authorised official sees only the cases they have a part in (ADR 0180): on the chain of
superiors of an accused while the case is open, assigned, or having taken one of its steps. An
official of another dinas of the same instansi gets 404 on the case, its steps and its documents
and finds it in no list, search or API answer (UU 27/2022 Pasal 16: data minimisation; PP 94/2021
Pasal 16-25 give the power to sanction by the place on the chain)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.accounts.models import RoleAssignment
from tegak.cases import authority, services
from tegak.cases.models import StatedPost, StepAuthority
from tegak.decisions import services as decisions
from tegak.people.models import (
    Employee,
    OrgUnit,
    Position,
    PositionAssignment,
    SupervisorOverride,
)
from tests.cases.conftest import NIPS
from tests.cases.test_flow import run_to_findings
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_dinas(org, instansi):
    """The head of another dinas of the same kota, an authorised official linked to his post."""
    dinas = OrgUnit.objects.create(instansi=instansi, code="DISHUB", name="Dinas Perhubungan")
    dinas.parent = org.units.top
    dinas.save()
    position = Position.objects.create(
        instansi=instansi, unit=dinas, name="Kepala Dinas", kind="jpt_pratama", is_head=True
    )
    head = Employee.objects.create(
        instansi=instansi, nip=next(NIPS), name="Kadis Lain", status="PNS"
    )
    PositionAssignment.objects.create(employee=head, position=position, start=date(2020, 1, 1))
    user = make_user("kadis-lain", instansi, "authorised_official")
    user.employee = head
    user.save()
    return user


def _listed(client, case) -> bool:
    page = client.post(reverse("cases:list"), {"query": "Staf Uji"}).content.decode()
    return case.register_number in page


def _api_listed(client, case) -> bool:
    body = client.get("/api/v1/cases/", {"query": "Staf Uji"}).json()
    return case.register_number in [row["register_number"] for row in body["results"]]


def test_an_official_of_another_dinas_gets_404_on_the_case_its_steps_and_documents(
    open_case, staff, other_dinas, verified_client
):
    case = open_case()
    accused = case.accused.get()
    urls = [
        reverse("cases:detail", args=[case.pk]),
        reverse("hearings:step", args=[case.pk, accused.pk, "summons_issue_1"]),
        reverse("documents:case", args=[case.pk]),
        f"/api/v1/cases/{case.pk}",
    ]
    outsider = verified_client(other_dinas)
    assert [outsider.get(url).status_code for url in urls] == [404] * 4
    assert not _listed(outsider, case)
    assert not _api_listed(outsider, case)
    # The Sekwan, the assigned official and the accused's superior's superior, still does.
    official = verified_client(staff.official)
    assert official.get(urls[0]).status_code == 200
    assert _listed(official, case) and _api_listed(official, case)


def test_an_official_on_the_chain_sees_the_case_without_being_assigned(
    open_case, staff, other_dinas, verified_client, client
):
    case = open_case(assign=False)
    url = reverse("cases:detail", args=[case.pk])
    # The Sekwan (two up) and the Sekda (heading the top unit) are on the chain of the accused.
    for user in (staff.official, staff.sekda):
        client.logout()
        seen = verified_client(user)
        assert seen.get(url).status_code == 200
        assert _listed(seen, case)
    client.logout()
    assert verified_client(other_dinas).get(url).status_code == 404


def test_an_override_and_a_post_stated_in_the_case_bring_the_official_onto_the_chain(
    open_case, org, staff, other_dinas, verified_client, client, instansi
):
    """The registry's override (a superior set by decree) and a post stated in the case (a TKK
    with no post history) are read as the authority checks read them (`tegak.cases.posts`)."""
    tkk = Employee.objects.create(
        instansi=instansi, nip=next(NIPS), name="TKK Uji", status="NON_ASN"
    )
    case = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        allegations=[
            {
                "employee": tkk,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2026, 10, 2),
                "impact": "unit_kerja",
            }
        ],
        known_to_superior_on=date(2026, 10, 5),
        stated_posts=[
            {
                "kind": "pelaksana",
                "position_name": "Tenaga Pendukung",
                "unit": org.units.umum,
                "source": "Kontrak TKK 2026",
            }
        ],
    )
    assert StatedPost.objects.filter(case=case, employee=tkk).exists()
    url = reverse("cases:detail", args=[case.pk])
    assert verified_client(other_dinas).get(url).status_code == 404
    kabag = staff.examiner
    RoleAssignment.objects.create(user=kabag, role="authorised_official", instansi=instansi)
    client.logout()
    assert verified_client(kabag).get(url).status_code == 200
    SupervisorOverride.objects.create(
        employee=org.sekwan, supervisor=other_dinas.employee, start=date(2026, 1, 1)
    )
    client.logout()
    assert verified_client(other_dinas).get(url).status_code == 200


def test_an_official_who_headed_the_unit_only_before_the_case_was_opened_does_not_see_it(
    open_case, org, staff, verified_client, instansi
):
    head = PositionAssignment.objects.get(employee=org.kabag)
    head.end = date(2026, 6, 30)
    head.save()
    kabag = staff.examiner
    RoleAssignment.objects.create(user=kabag, role="authorised_official", instansi=instansi)
    case = open_case(assign=False)
    assert case.opened_on > head.end
    response = verified_client(kabag).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 404


def test_the_direct_superior_imposes_a_ringan_sanction_and_sees_no_case_of_another_dinas(
    open_case, org, staff, other_dinas, verified_client, instansi
):
    """PP 94/2021 Pasal 22 ayat (1) huruf a: the Kepala Bagian (an administrator) imposes a ringan
    sanction on the PNS in a post of pelaksana under him; holding the authorised-official role
    opens him no case outside his chain (the demo walk of 9cacc42)."""
    RoleAssignment.objects.create(
        user=staff.examiner, role="authorised_official", instansi=instansi
    )
    case = open_case(impact="unit_kerja", assign=False)
    accused = case.accused.get()
    assert accused.finding["authority"]["role"] == "atasan_langsung"
    assert accused.finding["level"] == "ringan"
    for role in ("examiner", "authorised_official"):
        services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role=role)
    accused = run_to_findings(case, staff)
    decision = decisions.decision_take(
        actor=staff.examiner,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 10, 16),
    )
    assert decision.authorised_official == staff.examiner
    taken = StepAuthority.objects.get(accused=accused, step="decision_take")
    assert (taken.capacity, taken.deviation) == (authority.Capacity.DIRECT_SUPERIOR, False)
    other_staff = Employee.objects.create(
        instansi=instansi, nip=next(NIPS), name="Staf Dishub", status="PNS"
    )
    PositionAssignment.objects.create(
        employee=other_staff,
        position=Position.objects.create(
            instansi=instansi,
            unit=OrgUnit.objects.get(code="DISHUB"),
            name="Pengatur Lalu Lintas",
            kind="pelaksana",
        ),
        start=date(2020, 1, 1),
    )
    elsewhere = open_case(other_staff, assign=False)
    kabag = verified_client(staff.examiner)
    assert kabag.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert kabag.get(reverse("cases:detail", args=[elsewhere.pk])).status_code == 404
