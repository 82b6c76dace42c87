"""Administration fixtures: a small instansi with a unit, posts and employees, built through the
services; a client logged in with its second factor passed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tegak.core.access import Right, SystemActor
from tegak.people import services

# A process given the right to write a registry (like the command line's import).
SYSTEM = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE, Right.INSTANSI_ESTABLISH}))


@pytest.fixture
def org(instansi):
    top = services.unit_create(actor=SYSTEM, instansi=instansi, code="PEMKOT", name="Pemkot Uji")
    sekwan = services.unit_create(
        actor=SYSTEM,
        instansi=instansi,
        code="SETWAN",
        name="Sekretariat DPRD",
        kind="sekretariat",
        parent=top,
    )
    head = services.position_create(
        actor=SYSTEM, unit=sekwan, name="Sekretaris DPRD", kind="jpt_pratama", is_head=True
    )
    staff_post = services.position_create(
        actor=SYSTEM, unit=sekwan, name="Pengadministrasi Umum", kind="pelaksana"
    )
    sekwan_head = services.employee_create(
        actor=SYSTEM,
        instansi=instansi,
        nip="197001012000031001",
        name="Hanan Uji",
        status="PNS",
        golongan="IV/b",
    )
    tkk = services.employee_create(
        actor=SYSTEM, instansi=instansi, nip="TKK-0001", name="Tenaga Kontrak Uji", status="NON_ASN"
    )
    return SimpleNamespace(
        top=top,
        sekwan=sekwan,
        head=head,
        staff_post=staff_post,
        sekwan_head=sekwan_head,
        tkk=tkk,
    )


@pytest.fixture
def admin_client(verified_client, administrator):
    return verified_client(administrator)
