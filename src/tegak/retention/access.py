"""Who may see and set an instansi's retention: its administrators (404 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.people.access import administered_instansi
from tegak.people.models import Instansi
from tegak.retention.models import LegalHold


def instansi_for(actor: Any, code: str) -> Instansi:
    """The instansi by code when the actor administers it; otherwise 404."""
    instansi = administered_instansi(actor).filter(code=code).first()
    if instansi is None:
        raise Http404
    return instansi


def hold_for(instansi: Instansi, hold_id: int) -> LegalHold:
    """A hold of the instansi, or 404."""
    hold = LegalHold.objects.filter(instansi=instansi, pk=hold_id).first()
    if hold is None:
        raise Http404
    return hold
