"""Organisation and employees from the administration pages: units and posts, employees, and the
history of posts — a past post entered or a record corrected keeps its reason and the record
before; overlapping definitive posts are refused on the field."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.core.access import Right, SystemActor
from tegak.core.errors import InputError
from tegak.people import services
from tegak.people.models import AssignmentChange, Employee, OrgUnit, PositionAssignment

# A process given the right to write a registry (the command line's import).
REGISTRY = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE}))

pytestmark = pytest.mark.django_db


def test_a_unit_and_a_post_are_added_from_the_pages(admin_client, instansi, org):
    response = admin_client.post(
        reverse("administration:units", args=[instansi.code]),
        {
            "code": "BKPSDM",
            "name": "BKPSDM Uji",
            "kind": "badan",
            "parent": org.top.pk,
            "is_personnel_unit": "on",
        },
    )
    unit = OrgUnit.objects.get(code="BKPSDM")
    assert response.status_code == 302
    assert unit.parent == org.top and unit.is_personnel_unit
    admin_client.post(
        reverse("administration:unit", args=[instansi.code, unit.pk]),
        {"action": "position", "name": "Kepala BKPSDM", "kind": "jpt_pratama", "is_head": "on"},
    )
    assert unit.positions.get().is_head


def test_an_employee_is_registered_and_appointed(admin_client, instansi, org):
    admin_client.post(
        reverse("administration:employees", args=[instansi.code]),
        {"action": "create", "nip": "TKK-0099", "name": "Kontrak Baru", "status": "NON_ASN"},
    )
    employee = Employee.objects.get(nip="TKK-0099")
    response = admin_client.post(
        reverse("administration:employee", args=[instansi.code, employee.pk]),
        {
            "action": "start",
            "position": org.staff_post.pk,
            "kind": "definitif",
            "start": "2026-01-02",
            "end": "",
            "reason": "",
            "source": "",
        },
    )
    assert response.status_code == 302
    assert employee.assignments.get().position == org.staff_post


def test_a_past_post_is_entered_with_its_reason(admin_client, instansi, org):
    response = admin_client.post(
        reverse("administration:employee", args=[instansi.code, org.tkk.pk]),
        {
            "action": "backfill",
            "position": org.staff_post.pk,
            "kind": "definitif",
            "start": "2021-01-04",
            "end": "2022-12-31",
            "reason": "Riwayat TKK tidak tercatat sebelum 2023",
            "source": "SK Kepala BKPPD 800/123/2021",
        },
    )
    assert response.status_code == 302
    assignment = PositionAssignment.objects.get(employee=org.tkk)
    assert (assignment.start, assignment.end) == (date(2021, 1, 4), date(2022, 12, 31))
    change = AssignmentChange.objects.get(assignment=assignment)
    assert change.kind == "backfilled"
    assert change.source == "SK Kepala BKPPD 800/123/2021"
    assert change.recorded_by_name == "admin-uji"
    event = AuditEvent.objects.get(action="people.assignment_backfilled")
    assert event.data["reason"].startswith("Riwayat")


def test_a_past_post_overlapping_a_definitive_one_is_refused_on_its_field(
    admin_client, instansi, org
):
    services.assignment_backfill(
        actor=REGISTRY,
        employee=org.tkk,
        position=org.staff_post,
        start=date(2021, 1, 4),
        end=date(2022, 12, 31),
        reason="Riwayat awal",
    )
    response = admin_client.post(
        reverse("administration:employee", args=[instansi.code, org.tkk.pk]),
        {
            "action": "backfill",
            "position": org.staff_post.pk,
            "kind": "definitif",
            "start": "2022-06-01",
            "end": "",
            "reason": "Tumpang tindih",
            "source": "",
        },
    )
    assert response.status_code == 200
    assert response.context["post_form"].errors["start"]
    assert PositionAssignment.objects.filter(employee=org.tkk).count() == 1


def test_a_backfill_without_reason_is_refused():
    with pytest.raises(InputError) as caught:
        services._reason("  ")
    assert caught.value.field == "reason"


def test_a_head_post_has_one_holder_in_the_past_too(instansi, org):
    services.assignment_backfill(
        actor=REGISTRY,
        employee=org.sekwan_head,
        position=org.head,
        start=date(2020, 1, 1),
        end=None,
        reason="Pelantikan 2020",
    )
    with pytest.raises(InputError) as caught:
        services.assignment_backfill(
            actor=REGISTRY,
            employee=org.tkk,
            position=org.head,
            start=date(2022, 1, 1),
            end=date(2022, 2, 1),
            reason="Keliru",
        )
    assert caught.value.field == "position"


def test_a_correction_keeps_the_record_before_and_the_reason(admin_client, instansi, org):
    assignment = services.assignment_backfill(
        actor=REGISTRY,
        employee=org.tkk,
        position=org.staff_post,
        start=date(2021, 1, 4),
        end=date(2022, 12, 31),
        reason="Riwayat awal",
    )
    response = admin_client.post(
        reverse("administration:assignment_correct", args=[instansi.code, assignment.pk]),
        {
            "position": org.staff_post.pk,
            "kind": "definitif",
            "start": "2021-02-01",
            "end": "2022-12-31",
            "reason": "Tanggal SK yang benar 1 Februari 2021",
            "source": "SK 800/77/2021",
        },
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.start == date(2021, 2, 1)
    change = assignment.changes.get(kind="corrected")
    assert change.before["start"] == "2021-01-04"
    assert change.after["start"] == "2021-02-01"
    assert AuditEvent.objects.filter(action="people.assignment_corrected").count() == 1


def test_another_instansi_cannot_reach_our_organisation_pages(
    verified_client, instansi, org, outsider
):
    client = verified_client(outsider)
    assignment = services.assignment_backfill(
        actor=REGISTRY,
        employee=org.tkk,
        position=org.staff_post,
        start=date(2021, 1, 4),
        end=None,
        reason="Riwayat awal",
    )
    urls = [
        reverse("administration:units", args=[instansi.code]),
        reverse("administration:unit", args=[instansi.code, org.sekwan.pk]),
        reverse("administration:employee", args=[instansi.code, org.tkk.pk]),
        reverse("administration:assignment_correct", args=[instansi.code, assignment.pk]),
        reverse("administration:position", args=[instansi.code, org.head.pk]),
    ]
    events = AuditEvent.objects.count()
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "deactivate"}).status_code == 404
    assert AuditEvent.objects.count() == events
