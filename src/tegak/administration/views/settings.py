"""Portal policy and intake settings of the instansi (and the partner channels that may submit
reports through the API)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tegak.administration.views.common import chosen, page, show_error
from tegak.core.errors import InputError
from tegak.intake.access import partner_channel_for
from tegak.intake.clocks import clock_settings
from tegak.intake.models import FirstAnswerCounting, PartnerChannel
from tegak.intake.services.partners import partner_channel_create, partner_channel_deactivate
from tegak.intake.services.settings import intake_settings_set
from tegak.portal.models import PortalPolicy
from tegak.portal.services import portal_policy_set


class PortalForm(forms.Form):
    show_accused_name_when_final = forms.BooleanField(
        label=gettext_lazy(
            "Show the accused's name in the public register once a decision is final"
        ),
        required=False,
    )


class IntakeForm(forms.Form):
    acknowledge_working_days = forms.IntegerField(
        label=gettext_lazy("Acknowledge a report within (working days)"), min_value=1, max_value=30
    )
    first_answer_days = forms.IntegerField(
        label=gettext_lazy("First answer within (days)"),
        min_value=1,
        max_value=60,
        help_text=gettext_lazy("UU 25/2009 Pasal 44 ayat (3): at most 14 days."),
    )
    first_answer_counting = forms.ChoiceField(
        label=gettext_lazy("Counted in"), choices=FirstAnswerCounting.choices
    )


class PartnerForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the channel"), max_length=120)


@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest, code: str) -> HttpResponse:
    """What the public sees, the clocks of reports, and the partner channels."""
    instansi = chosen(request, code)
    action = request.POST.get("action", "")
    policy = PortalPolicy.objects.filter(instansi=instansi).first()
    clocks = clock_settings(instansi)
    portal_form = PortalForm(
        request.POST if action == "portal" else None,
        initial={
            "show_accused_name_when_final": bool(policy and policy.show_accused_name_when_final)
        },
    )
    intake_form = IntakeForm(
        request.POST if action == "intake" else None,
        initial={
            "acknowledge_working_days": clocks.acknowledge_working_days,
            "first_answer_days": clocks.first_answer_days,
            "first_answer_counting": clocks.first_answer_counting,
        },
    )
    partner_form = PartnerForm(request.POST if action == "partner" else None)
    token = None
    try:
        if action == "portal" and portal_form.is_valid():
            portal_policy_set(actor=request.user, instansi=instansi, **portal_form.cleaned_data)
            messages.success(request, _("The publication policy is saved."))
            return redirect("administration:settings", instansi.code)
        if action == "intake" and intake_form.is_valid():
            intake_settings_set(actor=request.user, instansi=instansi, **intake_form.cleaned_data)
            messages.success(request, _("The intake clocks are saved."))
            return redirect("administration:settings", instansi.code)
        if action == "partner" and partner_form.is_valid():
            _partner, token = partner_channel_create(
                actor=request.user, instansi=instansi, name=partner_form.cleaned_data["name"]
            )
        if action == "partner_stop":
            partner = partner_channel_for(request.user, instansi, request.POST.get("partner"))
            partner_channel_deactivate(actor=request.user, partner=partner)
            messages.success(request, _("The channel no longer submits reports."))
            return redirect("administration:settings", instansi.code)
    except PermissionDenied:
        raise Http404 from None
    except InputError as error:
        form = {"portal": portal_form, "intake": intake_form, "partner": partner_form}.get(action)
        if form is not None:
            show_error(form, error)
    return page(
        request,
        instansi,
        "administration/settings.html",
        {
            "portal_form": portal_form,
            "intake_form": intake_form,
            "partner_form": partner_form,
            "partners": PartnerChannel.objects.filter(instansi=instansi).order_by("-created_at"),
            "token": token,
        },
        section="settings",
    )
