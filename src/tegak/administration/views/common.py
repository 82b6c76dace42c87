"""What every administration view shares: the instansi in scope, errors on their fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tegak.administration import access
from tegak.core.errors import InputError
from tegak.jobs.access import can_operate_jobs
from tegak.people.models import Instansi


def show_error(form: forms.Form, error: InputError | PermissionDenied) -> None:
    """Put a service's refusal on the field it concerns (or on top of the form)."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, _("You may not do this."))
        return
    form.add_error(error.field if error.field in form.fields else None, error.message)


def page(
    request: HttpRequest,
    instansi: Instansi | None,
    template: str,
    context: dict[str, Any],
    *,
    section: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render an administration page with the section menu of the instansi."""
    return render(
        request,
        template,
        {
            "instansi": instansi,
            "section": section,
            "sections": sections(instansi, request.user) if instansi is not None else [],
            **context,
        },
        status=status,
    )


def _maybe(name: str, *args: Any, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def sections(instansi: Instansi, user: Any = None) -> list[dict[str, Any]]:
    """The administrator's sections, with links to the pages other parts of Tegak own
    (numbering and letterheads: documents; failed jobs: platform) when they exist."""
    code = instansi.code
    items = [
        ("overview", _("Overview"), _maybe("administration:instansi", code)),
        ("users", _("Users and roles"), _maybe("administration:users", code)),
        ("organisation", _("Organisation and employees"), _maybe("administration:units", code)),
        ("schedules", _("Working days and hours"), _maybe("administration:schedules", code)),
        ("days", _("Days off and working days"), _maybe("administration:calendar_days", code)),
        ("rules", _("Discipline rules (PPPK, non-ASN)"), _maybe("administration:rules", code)),
        ("packs", _("Rule packs"), _maybe("administration:packs", code)),
        (
            "attendance",
            _("Attendance machines and flexible work"),
            _maybe("administration:attendance", code),
        ),
        (
            "roll_call",
            _("Roll call (apel)"),
            _maybe("attendance:roll_call", query=f"?instansi={code}"),
        ),
        ("settings", _("Portal and intake"), _maybe("administration:settings", code)),
        ("numbering", _("Letter numbering"), _maybe("administration:numbering", code)),
        ("letterheads", _("Letterheads"), _maybe("administration:letterheads", code)),
        ("signing", _("Electronic signatures"), _maybe("administration:signing", code)),
        (
            "templates",
            _("Document templates"),
            _maybe("documents:templates", query=f"?instansi={code}"),
        ),
        (
            "jobs",
            _("Failed background jobs"),
            # The whole installation's queue: only its operators (superusers) may open it.
            _maybe("jobs:overview") if user is not None and can_operate_jobs(user) else None,
        ),
        ("outbox", _("Outgoing messages"), _maybe("connectors:outbox", code)),
        ("lapor", "SP4N-LAPOR!", _maybe("connectors:lapor", code)),
        ("siasn", "SIASN", _maybe("connectors:siasn", code)),
        ("webhooks", _("Outbound events (webhooks)"), _maybe("connectors:webhooks", code)),
        ("retention", _("Retention of records"), _maybe("retention:page", code)),
    ]
    return [
        {"key": key, "label": label, "url": url} for key, label, url in items if url is not None
    ]


def chosen(request: HttpRequest, code: str) -> Instansi:
    """The instansi of the URL, when the user administers it (else 404)."""
    return access.instansi_for(request.user, code)
