from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tegak.audit.access import can_see_chain_checks
from tegak.audit.models import AuditVerification
from tegak.dashboard.selectors import SOON_DAYS, dashboard_for


def chain_broken_for(user: object) -> AuditVerification | None:
    """The last check of the audit chain when it found the chain broken, for those who watch it."""
    if not can_see_chain_checks(user):
        return None
    latest = AuditVerification.objects.first()
    return latest if latest is not None and not latest.intact else None


def home(request: HttpRequest) -> HttpResponse:
    """The staff dashboard: my cases, deadlines about to pass, new reports."""
    context = {
        "board": dashboard_for(request.user),
        "soon_days": SOON_DAYS,
        "chain_broken": chain_broken_for(request.user),
    }
    return render(request, "dashboard/home.html", context)
