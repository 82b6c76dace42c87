"""Stated posts (#13 item 2): an accused with no registry post on the offence day — contract
staff rarely have post history — can be entered with the post held then, stated with its source;
the engine and the chain of superiors use it. No raw "unknown position None"."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases import posts, services
from tegak.cases.models import Case, StatedPost
from tegak.core.errors import InputError
from tegak.people.models import Employee, PositionAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def tkk(org, instansi):
    """A contract worker of Bagian Umum whose registry post starts only in 2024."""
    employee = Employee.objects.create(
        instansi=instansi, nip="TKK-2019.0007", name="Tenaga Kontrak", status="NON_ASN"
    )
    position = org.staff.assignments.get().position
    PositionAssignment.objects.create(employee=employee, position=position, start=date(2024, 1, 2))
    return employee


def allegation(employee, day=date(2021, 9, 2)):
    return {
        "employee": employee,
        "provision": "pp-94-2021:3:f",
        "committed_on": day,
        "impact": "unit_kerja",
    }


def test_an_accused_with_no_post_that_day_is_asked_for_it_in_plain_words(
    tkk, staff, instansi, today
):
    events = AuditEvent.objects.count()
    with pytest.raises(InputError) as refusal:
        services.case_open_ex_officio(
            actor=staff.intake,
            instansi=instansi,
            allegations=[allegation(tkk)],
            known_to_superior_on=date(2021, 9, 3),
        )
    assert refusal.value.field == "allegations[0].post_kind"
    assert "Tenaga Kontrak" in refusal.value.message and "2 September 2021" in refusal.value.message
    assert "None" not in refusal.value.message and "unknown position" not in refusal.value.message
    assert not Case.objects.exists() and AuditEvent.objects.count() == events


def test_the_stated_post_is_recorded_with_its_source_and_used(tkk, org, staff, instansi, today):
    case = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        allegations=[allegation(tkk)],
        known_to_superior_on=date(2021, 9, 3),
        opened_on=date(2021, 9, 3),
        stated_posts=[
            {
                "kind": "pelaksana",
                "position_name": "Tenaga Pendukung Administrasi",
                "unit": org.units.umum,
                "source": "SK Kepala BKPPD 800/123/2021 (kontrak TKK 2021)",
            }
        ],
    )
    stated = StatedPost.objects.get(case=case)
    assert stated.employee == tkk and stated.start == date(2021, 9, 2) and stated.end is None
    assert stated.source.startswith("SK Kepala BKPPD")
    accused = case.accused.get()
    assert accused.finding["engine_version"]  # assessed, not refused
    # The register number and the opening day are those of 2021.
    assert case.opened_on == date(2021, 9, 3) and case.register_number.endswith("/2021")
    # The chain on that day runs from the stated unit: its head, then the Sekwan, the Sekda.
    assert posts.supervisor_chain(tkk, date(2021, 9, 3), case)[:2] == [org.kabag, org.sekwan]
    assert services.expected_examiner(accused, date(2021, 9, 3))[0] == org.kabag
    event = AuditEvent.objects.filter(action="case.opened").latest("sequence")
    assert event.data["stated_post_employee_ids"] == [tkk.pk]


def test_a_superior_without_a_post_then_is_stated_too(tkk, org, staff, instansi, today):
    """Nobody in the unit held a registry post in 2021: the case states the head's post, and the
    chain then reaches them."""
    PositionAssignment.objects.filter(employee=org.kabag).update(start=date(2024, 5, 1))
    case = services.case_open_ex_officio(
        actor=staff.intake,
        instansi=instansi,
        allegations=[allegation(tkk)],
        known_to_superior_on=date(2021, 9, 3),
        stated_posts=[{"kind": "pelaksana", "unit": org.units.umum, "source": "Kontrak 2021"}],
    )
    # The Bagian Umum head post was vacant in the registry: the chain passes up to the Sekwan.
    assert posts.supervisor_chain(tkk, date(2021, 9, 3), case)[0] == org.sekwan
    services.stated_post_record(
        actor=staff.intake,
        case=case,
        employee=org.kabag,
        kind="administrator",
        position_name="Kepala Bagian Umum",
        unit=org.units.umum,
        is_head=True,
        start=date(2020, 1, 1),
        source="SK Wali Kota 821/45/2020 (pelantikan)",
    )
    assert posts.supervisor_chain(tkk, date(2021, 9, 3), case)[:2] == [org.kabag, org.sekwan]
    assert AuditEvent.objects.filter(action="case.post_stated").count() == 1


def test_a_stated_post_needs_its_source_and_a_unit_or_superior(tkk, org, staff, instansi, today):
    for post, field in [
        ({"kind": "pelaksana", "unit": org.units.umum}, "allegations[0].post_source"),
        ({"kind": "pelaksana", "source": "SK"}, "allegations[0].post_unit"),
        ({"kind": "raja", "unit": org.units.umum, "source": "SK"}, "allegations[0].post_kind"),
    ]:
        with pytest.raises(InputError) as refusal:
            services.case_open_ex_officio(
                actor=staff.intake,
                instansi=instansi,
                allegations=[allegation(tkk)],
                known_to_superior_on=date(2021, 9, 3),
                stated_posts=[post],
            )
        assert refusal.value.field == field
    assert not Case.objects.exists()


def test_the_open_page_asks_for_the_post_and_keeps_what_was_typed(
    tkk, org, staff, instansi, today, verified_client
):
    client = verified_client(staff.intake)
    data = {
        "employee": tkk.pk,
        "provision": "pp-94-2021:3:f",
        "committed_on": "2021-09-02",
        "impact": "unit_kerja",
        "known_to_superior_on": "2021-09-03",
        "summary": "Video TikTok",
    }
    response = client.post(reverse("cases:open"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "tidak memegang jabatan dalam registri pada 2 September 2021" in body
    assert 'value="Video TikTok"' in body or "Video TikTok</textarea>" in body
    assert 'data-testid="person-post"' in body  # the accused's own post fields
    response = client.post(
        reverse("cases:open"),
        {
            **data,
            "post_kind": "pelaksana",
            "post_name": "Tenaga Pendukung Administrasi",
            "post_unit": org.units.umum.pk,
            "post_source": "Kontrak kerja TKK 2021",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Tenaga Pendukung Administrasi, Bagian Umum" in page
    assert "dinyatakan dalam kasus" in page
    assert "Kontrak kerja TKK 2021" in page
