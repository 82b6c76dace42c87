"""The staff page of the audit chain's checks: the last outcomes, and a check on request."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tegak.audit.access import can_see_chain_checks
from tegak.audit.checkpoints import latest_checkpoint
from tegak.audit.models import AuditChainHead, AuditVerification


def integrity(request: HttpRequest) -> HttpResponse:
    if not can_see_chain_checks(request.user):
        raise Http404
    checks = list(AuditVerification.objects.all()[:20])
    head = AuditChainHead.objects.filter(id=1).first()
    context = {
        "latest": checks[0] if checks else None,
        "checks": checks,
        "head_sequence": head.last_sequence if head else 0,
        "checkpoint": latest_checkpoint(),
    }
    return render(request, "audit/integrity.html", context)


@require_POST
def verify_now(request: HttpRequest) -> HttpResponse:
    if not can_see_chain_checks(request.user):
        raise Http404
    from tegak.audit.tasks import verify

    verify.enqueue()
    messages.success(
        request,
        _("The check is queued: the worker runs it in a moment. Reload this page to see it."),
    )
    return redirect("audit:integrity")
