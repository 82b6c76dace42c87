"""An instansi with a small org chart: a head of unit (the superior) and three staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest


@dataclass
class Office:
    instansi: object
    unit: object
    head: object
    staff: list


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def office(instansi):
    from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

    top = OrgUnit.objects.create(instansi=instansi, code="SETDA", name="Sekretariat Daerah")
    unit = OrgUnit.objects.create(
        instansi=instansi, code="UMUM", name="Bagian Umum", kind="bagian", parent=top
    )
    head_post = Position.objects.create(
        instansi=instansi, unit=unit, name="Kepala Bagian Umum", kind="administrator", is_head=True
    )
    staff_post = Position.objects.create(
        instansi=instansi, unit=unit, name="Pengadministrasi Umum", kind="pelaksana"
    )
    head = Employee.objects.create(
        instansi=instansi, nip="197001012000031001", name="Budi Kepala", status="PNS"
    )
    PositionAssignment.objects.create(employee=head, position=head_post, start=date(2020, 1, 1))
    staff = []
    for number in range(1, 4):
        employee = Employee.objects.create(
            instansi=instansi,
            nip=f"19900101201501100{number}",
            name=f"Staf {number}",
            status="PNS",
        )
        PositionAssignment.objects.create(
            employee=employee, position=staff_post, start=date(2020, 1, 1)
        )
        staff.append(employee)
    return Office(instansi=instansi, unit=unit, head=head, staff=staff)
