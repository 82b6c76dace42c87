"""Writes of the administration pages that span apps (each part is a service with its event)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tegak.accounts import staff
from tegak.accounts.models import Role
from tegak.administration.access import can_establish_instansi
from tegak.people import services as people
from tegak.people.models import Instansi


def instansi_establish(
    *,
    actor: Any,
    code: str,
    name: str,
    level: str,
    time_zone: str,
    ppk_title: str = "",
    city: str = "",
    address: str = "",
) -> Instansi:
    """A fresh installation's first step: the instansi, and its creator as its administrator
    (two events: the instansi created, the role granted)."""
    if not can_establish_instansi(actor):
        raise PermissionDenied
    with transaction.atomic():
        instansi = people.instansi_create(
            actor=actor,
            code=code,
            name=name,
            level=level,
            time_zone=time_zone,
            ppk_title=ppk_title,
            city=city,
            address=address,
        )
        staff.role_grant(actor=actor, user=actor, instansi=instansi, role=Role.ADMINISTRATOR)
    return instansi
