"""The fictional demo agency (Kota Sukamaju). Idempotent: running it twice changes nothing."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from tegak.people.models import Instansi, OrgUnit

DEMO_INSTANSI_CODE = "kota-sukamaju"


def load(out: TextIO) -> None:
    """Create the demo instansi and its top units."""
    with transaction.atomic():
        instansi, _ = Instansi.objects.update_or_create(
            code=DEMO_INSTANSI_CODE,
            defaults={
                "name": "Pemerintah Kota Sukamaju",
                "level": "kabupaten_kota",
                "time_zone": "WIB",
                "ppk_title": "Wali Kota Sukamaju",
                "city": "Sukamaju",
                "address": "Jalan Merdeka No. 1, Sukamaju",
            },
        )
        OrgUnit.objects.update_or_create(
            instansi=instansi,
            code="PEMKOT",
            defaults={"name": "Pemerintah Kota Sukamaju", "kind": "pemerintah", "parent": None},
        )
    out.write(f"Demo instansi: {instansi.name} ({instansi.code})\n")
