"""The administrator's retention page: periods, the deletion switch, dry runs, legal holds and
the tombstones of what was deleted."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tegak.core.errors import InputError
from tegak.retention import access, engine, services
from tegak.retention.models import LegalHold, RetentionRun, RetentionSettings, Tombstone
from tegak.retention.policy import MAX_MONTHS, MIN_MONTHS, RULES, RecordClass


class PolicyForm(forms.Form):
    record_class = forms.ChoiceField(choices=RecordClass.choices, widget=forms.HiddenInput)
    months = forms.IntegerField(
        label=gettext_lazy("Months kept"),
        required=False,
        min_value=MIN_MONTHS,
        max_value=MAX_MONTHS,
        help_text=gettext_lazy("Leave empty for the default."),
    )


class HoldForm(forms.Form):
    target = forms.CharField(
        label=gettext_lazy("Case register number or report number"),
        max_length=80,
        help_text=gettext_lazy("For example 00012/KD/2026 or LAP-2026-000034."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=gettext_lazy("A lawsuit, an investigation, a request of the Ombudsman …"),
    )


class ReleaseForm(forms.Form):
    release_reason = forms.CharField(
        label=gettext_lazy("Reason for release"), max_length=2000, widget=forms.TextInput
    )


def _policy_rows(instansi: Any) -> list[dict[str, Any]]:
    months = engine.periods(instansi)
    return [
        {
            "record_class": name,
            "label": RecordClass(name).label,
            "default": rule.months,
            "months": months[name],
            "own": months[name] != rule.months,
            "deletes": rule.deletes,
            "basis": rule.basis,
        }
        for name, rule in RULES.items()
    ]


@require_http_methods(["GET", "POST"])
def retention_view(request: HttpRequest, code: str) -> HttpResponse:
    """Retention periods, deletion switch, dry run, legal holds and tombstones."""
    instansi = access.instansi_for(request.user, code)
    policy_form = PolicyForm(prefix="policy")
    hold_form = HoldForm(prefix="hold")
    status = 200
    action = request.POST.get("action", "")
    try:
        if action == "policy":
            policy_form = PolicyForm(request.POST, prefix="policy")
            if policy_form.is_valid():
                services.policy_set(
                    actor=request.user,
                    instansi=instansi,
                    record_class=policy_form.cleaned_data["record_class"],
                    months=policy_form.cleaned_data["months"],
                )
                messages.success(request, _("The retention period is saved."))
                return redirect("retention:page", instansi.code)
            messages.error(request, _("Give a number of months from 1 to 1200."))
            status = 400
        elif action == "switch":
            services.deletion_switch(
                actor=request.user, instansi=instansi, enabled=request.POST.get("enabled") == "1"
            )
            messages.success(request, _("Scheduled deletion is saved."))
            return redirect("retention:page", instansi.code)
        elif action == "dry_run":
            services.dry_run(actor=request.user, instansi=instansi)
            messages.success(request, _("The dry run is done: nothing was deleted."))
            return redirect("retention:page", instansi.code)
        elif action == "hold":
            hold_form = HoldForm(request.POST, prefix="hold")
            if hold_form.is_valid():
                try:
                    case, report = access.hold_target_for(
                        request.user, instansi, hold_form.cleaned_data["target"]
                    )
                    if case is None and report is None:
                        raise InputError(
                            "target", _("No case or report of this instansi has that number.")
                        )
                    services.hold_place(
                        actor=request.user,
                        instansi=instansi,
                        case=case,
                        report=report,
                        reason=hold_form.cleaned_data["reason"],
                    )
                except InputError as error:
                    hold_form.add_error(
                        error.field if error.field in hold_form.fields else None, error.message
                    )
                else:
                    messages.success(request, _("The legal hold is placed."))
                    return redirect("retention:page", instansi.code)
            status = 400
    except InputError as error:
        messages.error(request, error.message)
        status = 400
    except PermissionDenied:
        messages.error(request, _("You may not do this."))
        status = 403
    switch = RetentionSettings.objects.filter(instansi=instansi).first()
    last_dry = RetentionRun.objects.filter(instansi=instansi, dry_run=True).first()
    last_run = RetentionRun.objects.filter(instansi=instansi, dry_run=False).first()
    context = {
        "instansi": instansi,
        "policies": _policy_rows(instansi),
        "policy_form": policy_form,
        "hold_form": hold_form,
        "release_form": ReleaseForm(prefix="release"),
        "switch": switch,
        "last_dry": last_dry,
        "last_run": last_run,
        "last_run_total": sum(last_run.counts.values()) if last_run else 0,
        "dry_items": (last_dry.items[:300] if last_dry else []),
        "labels": dict(RecordClass.choices),
        "holds": LegalHold.objects.filter(instansi=instansi).select_related(
            "placed_by", "released_by"
        )[:200],
        "runs": RetentionRun.objects.filter(instansi=instansi, dry_run=False)[:20],
        "tombstones": Tombstone.objects.filter(instansi=instansi)[:200],
    }
    return render(request, "retention/retention.html", context, status=status)


@require_POST
def hold_release_view(request: HttpRequest, code: str, hold_id: int) -> HttpResponse:
    instansi = access.instansi_for(request.user, code)
    hold = access.hold_for(request.user, instansi, hold_id)
    form = ReleaseForm(request.POST, prefix="release")
    reason = form.data.get("release-release_reason", "") if form.is_bound else ""
    try:
        services.hold_release(actor=request.user, hold=hold, reason=str(reason))
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The legal hold is released."))
    return redirect("retention:page", instansi.code)
