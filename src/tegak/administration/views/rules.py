"""The agency's own discipline rule for PPPK and non-ASN staff: its versions (provisions, levels,
sanction types, attendance and roll-call thresholds, who imposes what), verification, and a
check of what it gives for a year's counts."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tegak.administration.law_forms import (
    BandFormSet,
    ProvisionFormSet,
    RuleForm,
    SanctionFormSet,
    TryRuleForm,
    formset_initial,
    rule_content,
    rule_initial,
)
from tegak.administration.views.common import chosen, page
from tegak.core.errors import InputError
from tegak.law import inputs, services, stored
from tegak.law.access import rule_version_for
from tegak.law.models import RuleVersion
from tegak.people.models import Instansi

ROW = re.compile(r"^(attendance|roll_call|provisions)\[(\d+)\]\.?(\w+)?")
SANCTION = re.compile(r"^(sanctions\.\w+\[\d+\])\.?(\w+)?")


def try_rule(instansi: Instansi, form: TryRuleForm) -> dict[str, Any] | None:
    """What the instansi's rule gives for a year's counts (the engine's `assess`)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    day = data["committed_on"]
    offence = inputs.Offence(
        provision=inputs.ATTENDANCE_PROVISION,
        committed_on=day,
        absence=inputs.AttendanceCounts(
            year=day.year,
            unexcused_days=data["unexcused_days"],
            late_minutes=data["late_minutes"],
            missed_roll_calls=data["missed_roll_calls"],
        ),
    )
    door = inputs.assessment_input_for_facts(
        instansi,
        inputs.EmployeeFacts(status=data["status"], position="pelaksana"),
        as_of=max(day, timezone.localdate()),
        offences=[offence],
    )
    try:
        return inputs.assess_input(door)
    except InputError as error:
        form.add_error(None, error.message)
        return None


@require_http_methods(["GET", "POST"])
def rules_view(request: HttpRequest, code: str) -> HttpResponse:
    """The rule versions, newest first per rule; verification; the check of a year's counts."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    try_form = TryRuleForm(
        request.POST if action == "try" else None,
        initial={"committed_on": timezone.localdate()},
    )
    answer = None
    if action == "verify":
        version = rule_version_for(request.user, instansi, request.POST.get("item"))
        try:
            services.item_verify(actor=request.user, item=version, instansi=instansi)
        except InputError as error:
            messages.error(request, error.message)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Marked as verified against the text, in your name."))
        return redirect("administration:rules", instansi.code)
    if action == "try":
        answer = try_rule(instansi, try_form)
    versions = RuleVersion.objects.filter(instansi=instansi).select_related("verified_by")
    live = {version.pk for version in stored.live_rule_versions(instansi)}
    return page(
        request,
        instansi,
        "administration/rules.html",
        {
            "versions": versions.order_by("rule_id", "-in_force_from", "-id"),
            "live": live,
            "try_form": try_form,
            "answer": answer,
        },
        section="rules",
    )


def _place_error(error: InputError, forms: dict[str, Any], where: dict[str, Any]) -> None:
    """Put the engine's refusal on the row and field it concerns."""
    main = forms["rule"]
    field = error.field
    match = ROW.match(field)
    if match:
        name, index, attribute = match.group(1), int(match.group(2)), match.group(3)
        formset = forms[name]
        live = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if name != "provisions":
            live.sort(key=lambda form: form.cleaned_data["min"])
        if index < len(live):
            target = live[index]
            target.add_error(attribute if attribute in target.fields else None, error.message)
            return
    match = SANCTION.match(field)
    if match and match.group(1) in where:
        _kind, index = where[match.group(1)]
        target = forms["sanctions"].forms[index]
        attribute = match.group(2)
        target.add_error(attribute if attribute in target.fields else None, error.message)
        return
    if field.startswith("authority."):
        level = field.split(".")[1]
        name = f"authority_{level}_role"
        main.add_error(name if name in main.fields else None, error.message)
        return
    if field.startswith("consecutive"):
        main.add_error("consecutive_sanction", error.message)
        return
    main.add_error(field if field in main.fields else None, error.message)


@require_http_methods(["GET", "POST"])
def rule_version_view(
    request: HttpRequest, code: str, version_id: int | None = None
) -> HttpResponse:
    """A new rule or a new version of one (`?from=<version>` starts from it), or a correction
    of a version (`/koreksi/`)."""
    instansi = chosen(request, code)
    correcting = None
    start_from = None
    if version_id is not None:
        correcting = rule_version_for(request.user, instansi, version_id)
        if correcting.superseded_by_id is not None:
            raise Http404
    elif request.GET.get("from"):
        start_from = rule_version_for(request.user, instansi, request.GET["from"])
    source = correcting or start_from
    initial: dict[str, Any] = {}
    sets: dict[str, list[dict[str, Any]]] = {}
    if source is not None:
        content = stored.rule_document(source)
        initial = rule_initial(content, instansi.code)
        sets = formset_initial(content)
        initial["evidence_status"] = source.evidence_status
        if correcting is not None:
            initial.update(
                {
                    "in_force_from": correcting.in_force_from,
                    "in_force_until": correcting.in_force_until,
                    "basis_kind": correcting.basis_kind,
                    "basis_number": correcting.basis_number,
                    "basis_date": correcting.basis_date,
                    "basis_title": correcting.basis_title,
                }
            )
    bound = request.method == "POST"
    form = RuleForm(
        request.POST if bound else None, request.FILES if bound else None, initial=initial
    )
    sanctions = SanctionFormSet(
        request.POST if bound else None, prefix="sanctions", initial=sets.get("sanctions")
    )
    attendance = BandFormSet(
        request.POST if bound else None, prefix="attendance", initial=sets.get("attendance")
    )
    roll_call = BandFormSet(
        request.POST if bound else None, prefix="roll_call", initial=sets.get("roll_call")
    )
    provisions = ProvisionFormSet(
        request.POST if bound else None, prefix="provisions", initial=sets.get("provisions")
    )
    if correcting is not None:
        form.fields["rule"].disabled = True
        form.fields["in_force_from"].disabled = True
        form.fields["note"].required = True
    forms: dict[str, Any] = {
        "rule": form,
        "sanctions": sanctions,
        "attendance": attendance,
        "roll_call": roll_call,
        "provisions": provisions,
    }
    if bound and all(item.is_valid() for item in forms.values()):
        content, where = rule_content(
            form, sanctions, attendance, roll_call, provisions, instansi_code=instansi.code
        )
        try:
            if correcting is not None:
                services.rule_version_correct(
                    actor=request.user,
                    version=correcting,
                    content=content,
                    in_force_until=form.cleaned_data["in_force_until"],
                    basis=form.basis(),
                    reason=form.cleaned_data["note"],
                )
                messages.success(request, _("The version is corrected; the earlier one is kept."))
            else:
                services.rule_version_add(
                    actor=request.user,
                    instansi=instansi,
                    rule_id=form.cleaned_data["rule"],
                    content=content,
                    in_force_from=form.cleaned_data["in_force_from"],
                    in_force_until=form.cleaned_data["in_force_until"],
                    basis=form.basis(),
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The rule is saved."))
        except InputError as error:
            _place_error(error, forms, where)
        except PermissionDenied:
            raise Http404 from None
        else:
            return redirect("administration:rules", instansi.code)
    return page(
        request,
        instansi,
        "administration/rule_version.html",
        {**forms, "form": form, "correcting": correcting, "start_from": start_from},
        section="rules",
        status=400 if bound else 200,
    )
