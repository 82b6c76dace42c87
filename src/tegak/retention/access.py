"""Who may see and set an instansi's retention: its administrators (404 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.cases.models import Case
from tegak.core.access import administered_one, administers
from tegak.intake.models import Report
from tegak.people.access import administered_instansi
from tegak.people.models import Instansi
from tegak.retention.models import LegalHold


def instansi_for(actor: Any, code: str) -> Instansi:
    """The instansi by code when the actor administers it; otherwise 404."""
    instansi = administered_instansi(actor).filter(code=code).first()
    if instansi is None:
        raise Http404
    return instansi


def hold_for(actor: Any, instansi: Instansi, hold_id: object) -> LegalHold:
    """A legal hold of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, LegalHold.objects.all(), instansi, hold_id)


def hold_target_for(
    actor: Any, instansi: Instansi, number: str
) -> tuple[Case | None, Report | None]:
    """What a legal hold may be placed on, by the number the administrator typed: a case of the
    instansi by its register number, or a report by its reference (`LAP-2026-000034`).
    (None, None) when the instansi has neither; 404 when the actor does not administer it."""
    if not administers(actor, instansi):
        raise Http404
    number = number.strip()
    case = Case.objects.filter(instansi=instansi, register_number=number).first()
    if case is not None:
        return case, None
    prefix, _sep, serial = number.upper().rpartition("-")
    if prefix.startswith("LAP-") and serial.isdigit():
        report = Report.objects.filter(instansi=instansi, pk=int(serial)).first()
        if report is not None and report.reference == number.upper():
            return None, report
    return None, None
