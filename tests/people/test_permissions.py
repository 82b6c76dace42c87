"""Who may change the registry: administrators of the instansi; nobody else, and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tegak.audit.models import AuditEvent
from tegak.people import services
from tegak.people.imports import import_units
from tegak.people.models import Employee, OrgUnit, PositionAssignment, SupervisorOverride

from .conftest import csv_bytes

DENIED = ["intake_officer", "examiner", "authorised_official", "custodian", "outsider"]


def writes(tree, employee, boss):
    """Each registry write, as a function of the actor."""
    return {
        "unit_create": lambda actor: services.unit_create(
            actor=actor, instansi=tree["top"].instansi, code="NEW", name="Unit Baru"
        ),
        "unit_move": lambda actor: services.unit_move(
            actor=actor, unit=tree["seksi"], parent=tree["dinas"]
        ),
        "position_create": lambda actor: services.position_create(
            actor=actor, unit=tree["seksi"], name="Jabatan Baru", kind="pelaksana"
        ),
        "employee_create": lambda actor: services.employee_create(
            actor=actor,
            instansi=tree["top"].instansi,
            nip="199203152015031004",
            name="Pegawai Baru",
            status="PNS",
        ),
        "employee_update": lambda actor: services.employee_update(
            actor=actor, employee=employee, name="Nama Diganti"
        ),
        "assignment_start": lambda actor: services.assignment_start(
            actor=actor, employee=employee, position=tree["analis"], start=date(2025, 1, 1)
        ),
        "supervisor_override_set": lambda actor: services.supervisor_override_set(
            actor=actor, employee=employee, supervisor=boss, start=date(2025, 1, 1)
        ),
        "import_units": lambda actor: import_units(
            actor=actor,
            instansi=tree["top"].instansi,
            data=csv_bytes([["code", "name", "parent_code"], ["IMP", "Unit Impor", ""]]),
        ),
    }


def state():
    return (
        sorted(OrgUnit.objects.values_list("code", "name", "parent_id")),
        sorted(Employee.objects.values_list("nip", "name")),
        PositionAssignment.objects.count(),
        SupervisorOverride.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", DENIED)
@pytest.mark.parametrize(
    "write",
    [
        "unit_create",
        "unit_move",
        "position_create",
        "employee_create",
        "employee_update",
        "assignment_start",
        "supervisor_override_set",
        "import_units",
    ],
)
def test_only_administrators_of_the_instansi_may_write(request, tree, person, persona, write):
    employee = person("Staf", tree["staf"])
    boss = person("Atasan", tree["kabid"])
    actor = request.getfixturevalue(persona)
    before = state()
    with pytest.raises(PermissionDenied):
        writes(tree, employee, boss)[write](actor)
    assert state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [
        "unit_create",
        "unit_move",
        "position_create",
        "employee_create",
        "employee_update",
        "assignment_start",
        "supervisor_override_set",
        "import_units",
    ],
)
def test_administrator_write_records_exactly_one_audit_event(tree, person, administrator, write):
    employee = person("Staf", tree["staf"])
    boss = person("Atasan", tree["kabid"])
    before = AuditEvent.objects.count()
    writes(tree, employee, boss)[write](administrator)
    events = AuditEvent.objects.filter(sequence__gt=before)
    assert events.count() == 1
    assert events.get().actor_id == administrator.pk
    assert events.get().instansi_code == tree["top"].instansi.code
