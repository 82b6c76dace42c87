"""Registry fixtures: a small kota built through the services, and helpers to make files."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date

import pytest

from tegak.core.access import Right, SystemActor
from tegak.people import services

# A process given the right to write a registry (like the command line's import).
SYSTEM = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE, Right.INSTANSI_ESTABLISH}))


def csv_bytes(rows: list[list[str]], *, delimiter: str = ",", bom: bool = False) -> bytes:
    """A CSV file as the import reads it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    return (("\ufeff" + text) if bom else text).encode()


@pytest.fixture
def tree(instansi):
    """PEMKOT > DINAS > BIDANG > SEKSI, with posts; nobody holds them yet."""
    top = services.unit_create(actor=SYSTEM, instansi=instansi, code="PEMKOT", name="Pemkot Uji")
    dinas = services.unit_create(
        actor=SYSTEM, instansi=instansi, code="DIN", name="Dinas Uji", kind="dinas", parent=top
    )
    bidang = services.unit_create(
        actor=SYSTEM, instansi=instansi, code="BID", name="Bidang Uji", kind="bidang", parent=dinas
    )
    seksi = services.unit_create(
        actor=SYSTEM, instansi=instansi, code="SEK", name="Seksi Uji", kind="seksi", parent=bidang
    )
    positions = {
        "kadis": services.position_create(
            actor=SYSTEM, unit=dinas, name="Kepala Dinas", kind="jpt_pratama", is_head=True
        ),
        "kabid": services.position_create(
            actor=SYSTEM, unit=bidang, name="Kepala Bidang", kind="administrator", is_head=True
        ),
        "kasi": services.position_create(
            actor=SYSTEM, unit=seksi, name="Kepala Seksi", kind="pengawas", is_head=True
        ),
        "staf": services.position_create(
            actor=SYSTEM, unit=seksi, name="Pengadministrasi Umum", kind="pelaksana"
        ),
        "analis": services.position_create(
            actor=SYSTEM,
            unit=bidang,
            name="Analis Kebijakan Ahli Muda",
            kind="fungsional_ahli_muda",
        ),
    }
    return {"top": top, "dinas": dinas, "bidang": bidang, "seksi": seksi, **positions}


NIPS = (
    f"19{80 + i % 15:02d}0{1 + i % 9}1{i % 9}20{10 + i % 10:02d}0{1 + i % 9}{1 + i % 2}"
    f"{1 + i % 999:03d}"
    for i in itertools.count()
)


@pytest.fixture
def person(instansi):
    """Make an employee with a valid NIP, optionally in a post from a date."""

    def make(name: str, position=None, *, start=date(2020, 1, 1), kind="definitif", status="PNS"):
        employee = services.employee_create(
            actor=SYSTEM, instansi=instansi, nip=next(NIPS), name=name, status=status
        )
        if position is not None:
            services.assignment_start(
                actor=SYSTEM, employee=employee, position=position, start=start, kind=kind
            )
        return employee

    return make
