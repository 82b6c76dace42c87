"""The staff page of the audit chain's checks: the last outcomes, and a check on request."""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tegak.audit.access import can_see_chain_checks
from tegak.audit.checkpoints import latest_checkpoint
from tegak.audit.models import AuditChainHead, AuditVerification

# The verifier's reasons (plain English, as `tegak audit verify` prints them) in the page's
# language; a reason not listed here is shown as it is.
_REASONS = [
    (re.compile(r"^its content was changed$"), gettext_lazy("its content was changed")),
    (
        re.compile(r"^does not follow the event before it$"),
        gettext_lazy("it does not follow the event before it"),
    ),
    (
        re.compile(r"^it carries no keyed MAC"),
        gettext_lazy("it carries no keyed seal (written or rewritten without the audit key)"),
    ),
    (
        re.compile(r"^its keyed MAC does not match"),
        gettext_lazy("its keyed seal does not match (rewritten without the audit key)"),
    ),
    (
        re.compile(r"^event #(?P<missing>\d+) is missing"),
        gettext_lazy("event #%(missing)s is missing"),
    ),
    (
        re.compile(r"^the chain ends at #(?P<ends>\d+) but #(?P<written>\d+) was written$"),
        gettext_lazy("the chain ends at #%(ends)s but #%(written)s was written"),
    ),
    (
        re.compile(r"^the chain head was altered"),
        gettext_lazy("the chain head was altered without the audit key"),
    ),
    (re.compile(r"^the chain head row is missing$"), gettext_lazy("the chain head row is missing")),
    (re.compile(r"its tail was cut"), gettext_lazy("the chain's tail was cut")),
    (
        re.compile(r"^differs from the signed checkpoint"),
        gettext_lazy("it differs from a signed checkpoint (the chain was rewritten)"),
    ),
]


def reason_text(reason: str) -> str:
    for pattern, text in _REASONS:
        found = pattern.search(reason)
        if found:
            return str(text) % found.groupdict() if found.groupdict() else str(text)
    return reason


def integrity(request: HttpRequest) -> HttpResponse:
    if not can_see_chain_checks(request.user):
        raise Http404
    checks = list(AuditVerification.objects.all()[:20])
    for check in checks:
        check.reason_text = reason_text(check.reason)  # type: ignore[attr-defined]
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
