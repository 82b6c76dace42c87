"""The administrator's pages of the connectors: the outbox (state, retry) and the gateway."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tegak.connectors import access, services
from tegak.connectors.models import GatewaySettings, MessageState, OutboundMessage
from tegak.core.access import administers
from tegak.core.errors import InputError


def secret_field(label: Any, help_text: Any, *, max_length: int = 500) -> forms.CharField:
    """A token or secret: typed unseen, never shown back, optional (empty keeps the saved one)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.PasswordInput,
        help_text=help_text,
    )


class GatewayForm(forms.Form):
    url = forms.URLField(
        label=gettext_lazy("Gateway address"), max_length=500, assume_scheme="https"
    )
    token = secret_field(
        gettext_lazy("Gateway token"), gettext_lazy("Leave empty to keep the saved token.")
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Sent as"), choices=[("whatsapp", "WhatsApp"), ("sms", "SMS")]
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)


@require_http_methods(["GET", "POST"])
def outbox_view(request: HttpRequest, code: str) -> HttpResponse:
    """Messages of the instansi with their state, and the WhatsApp/SMS gateway."""
    instansi = access.instansi_for(request.user, code)
    gateway = GatewaySettings.objects.filter(instansi=instansi).first()
    form = GatewayForm(
        request.POST or None,
        initial={"url": gateway.url, "kind": gateway.kind, "active": gateway.active}
        if gateway
        else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.gateway_set(actor=request.user, instansi=instansi, **form.cleaned_data)
            except InputError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            except PermissionDenied:
                form.add_error(None, _("You may not do this."))
            else:
                messages.success(request, _("The gateway is saved."))
                return redirect("connectors:outbox", instansi.code)
        status = 400
    rows = OutboundMessage.objects.filter(instansi=instansi).select_related("user")
    context = {
        "instansi": instansi,
        "form": form,
        "gateway": gateway,
        "failed": rows.filter(state=MessageState.FAILED)[:200],
        "waiting": rows.filter(state__in=[MessageState.PENDING, MessageState.RETRYING])[:200],
        "sent": rows.filter(state=MessageState.SENT)[:50],
    }
    return render(request, "connectors/outbox.html", context, status=status)


@require_POST
def message_retry_view(request: HttpRequest, code: str, message_id: int) -> HttpResponse:
    instansi = access.instansi_for(request.user, code)
    message = access.message_for(request.user, instansi, message_id)
    try:
        services.message_retry(actor=request.user, message=message)
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The message will be sent again in a moment."))
    return redirect("connectors:outbox", instansi.code)


class LaporForm(forms.Form):
    base_url = forms.URLField(
        label=gettext_lazy("LAPOR! API address"), max_length=500, assume_scheme="https"
    )
    token = secret_field(
        gettext_lazy("LAPOR! token"), gettext_lazy("Leave empty to keep the saved token.")
    )
    active = forms.BooleanField(
        label=gettext_lazy("Pull dispatched complaints"), required=False, initial=True
    )
    send_status = forms.BooleanField(
        label=gettext_lazy("Send status updates back"), required=False, initial=True
    )


class LaporFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("LAPOR! export file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: tracking id, text (isi laporan), date, and optionally title, place and "
            "category. A complaint already imported is not imported twice."
        ),
    )


MAX_IMPORT_BYTES = 20 * 1024 * 1024


@require_http_methods(["GET", "POST"])
def lapor_view(request: HttpRequest, code: str) -> HttpResponse:
    """The LAPOR! connection: dispatches (with those that could not be imported), status
    updates sent back, the export-file import and, for administrators, the settings."""
    from tegak.connectors.models import (
        DispatchState,
        LaporDispatch,
        LaporSettings,
        LaporStatusUpdate,
    )

    instansi = access.lapor_instansi_for(request.user, code)
    is_admin = administers(request.user, instansi)
    row = LaporSettings.objects.filter(instansi=instansi).first()
    action = request.POST.get("action", "")
    settings_form = LaporForm(
        request.POST if action == "settings" else None,
        initial={"base_url": row.base_url, "active": row.active, "send_status": row.send_status}
        if row
        else None,
    )
    file_form = LaporFileForm(
        request.POST if action == "file" else None, request.FILES if action == "file" else None
    )
    status = 200
    if action == "settings":
        if not is_admin:
            raise Http404
        if settings_form.is_valid():
            try:
                services.lapor_set(
                    actor=request.user, instansi=instansi, **settings_form.cleaned_data
                )
            except InputError as error:
                field = error.field if error.field in settings_form.fields else None
                settings_form.add_error(field, error.message)
            else:
                messages.success(request, _("The LAPOR! connection is saved."))
                return redirect("connectors:lapor", instansi.code)
        status = 400
    elif action == "file":
        if file_form.is_valid():
            upload = file_form.cleaned_data["file"]
            try:
                if upload.size > MAX_IMPORT_BYTES:
                    raise InputError("file", _("The file is larger than 20 MB."))
                counts = services.lapor_file_import(
                    actor=request.user, instansi=instansi, name=upload.name, data=upload.read()
                )
            except InputError as error:
                file_form.add_error("file", error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Imported: %(imported)s; already there: %(known)s; not imported "
                        "(see below): %(malformed)s."
                    )
                    % counts,
                )
                return redirect("connectors:lapor", instansi.code)
        status = 400
    dispatches = LaporDispatch.objects.filter(instansi=instansi)
    context = {
        "instansi": instansi,
        "is_admin": is_admin,
        "connection": row,
        "settings_form": settings_form,
        "file_form": file_form,
        "malformed": dispatches.filter(state=DispatchState.MALFORMED)[:200],
        "imported": dispatches.filter(state=DispatchState.IMPORTED).select_related("report")[:50],
        "updates": LaporStatusUpdate.objects.filter(instansi=instansi)[:50],
    }
    return render(request, "connectors/lapor.html", context, status=status)


class SiasnForm(forms.Form):
    base_url = forms.URLField(
        label=gettext_lazy("SIASN API address"), max_length=500, assume_scheme="https"
    )
    token_url = forms.URLField(
        label=gettext_lazy("Token address (OAuth2)"), max_length=500, assume_scheme="https"
    )
    client_id = forms.CharField(label=gettext_lazy("Client id"), max_length=200)
    client_secret = secret_field(
        gettext_lazy("Client secret"), gettext_lazy("Leave empty to keep the saved secret.")
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)


@require_http_methods(["GET", "POST"])
def siasn_view(request: HttpRequest, code: str) -> HttpResponse:
    """Sanction records for SIASN (state, retry, download) and the connection."""
    from tegak.connectors.models import SiasnRecord, SiasnSettings

    instansi = access.instansi_for(request.user, code)
    row = SiasnSettings.objects.filter(instansi=instansi).first()
    form = SiasnForm(
        request.POST or None,
        initial={
            "base_url": row.base_url,
            "token_url": row.token_url,
            "client_id": row.client_id,
            "active": row.active,
        }
        if row
        else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.siasn_set(actor=request.user, instansi=instansi, **form.cleaned_data)
            except InputError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The SIASN connection is saved."))
                return redirect("connectors:siasn", instansi.code)
        status = 400
    records = SiasnRecord.objects.filter(instansi=instansi).select_related("case")[:200]
    context = {"instansi": instansi, "form": form, "connection": row, "records": records}
    return render(request, "connectors/siasn.html", context, status=status)


@require_POST
def siasn_retry_view(request: HttpRequest, code: str, record_id: int) -> HttpResponse:
    instansi = access.instansi_for(request.user, code)
    row = access.siasn_record_for(instansi, record_id)
    try:
        prepared = services.siasn_retry(actor=request.user, row=row)
    except InputError as error:
        messages.error(request, error.message)
    else:
        if prepared.missing:
            messages.error(
                request, _("Still missing: %(fields)s.") % {"fields": ", ".join(prepared.missing)}
            )
        else:
            messages.success(request, _("The record will be sent to SIASN in a moment."))
    return redirect("connectors:siasn", instansi.code)


def siasn_download_view(request: HttpRequest, code: str, record_id: int) -> HttpResponse:
    """The record as JSON, for agencies that enter it in SIASN by hand."""
    import json

    from tegak.connectors import siasn

    instansi = access.instansi_for(request.user, code)
    row = access.siasn_record_for(instansi, record_id)
    body = json.dumps(siasn.download(row), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="siasn-hukdis-{row.pk}.json"'
    return response


class WebhookForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the subscriber"), max_length=100)
    url = forms.URLField(
        label=gettext_lazy("Address (URL) events are posted to"),
        max_length=500,
        assume_scheme="https",
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    secret = secret_field(
        gettext_lazy("Shared secret"),
        max_length=200,
        help_text=gettext_lazy(
            "At least 24 characters. Leave empty: a new subscription gets a generated secret, "
            "shown once; a saved one keeps its secret."
        ),
    )
    active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)

    def __init__(self, *args: object, **kwargs: object) -> None:
        from tegak.connectors.models import WebhookKind

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kinds"].choices = WebhookKind.choices  # type: ignore[attr-defined]


def _webhook_post(
    request: HttpRequest, instansi: object, form: WebhookForm, subscription: object = None
) -> tuple[object | None, str]:
    """Save the form through the service; (subscription, secret to show) or (None, "")."""
    if not form.is_valid():
        return None, ""
    try:
        return services.webhook_save(
            actor=request.user,
            instansi=instansi,  # type: ignore[arg-type]
            subscription=subscription,  # type: ignore[arg-type]
            **form.cleaned_data,
        )
    except InputError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    return None, ""


@require_http_methods(["GET", "POST"])
def webhooks_view(request: HttpRequest, code: str) -> HttpResponse:
    """The instansi's event subscriptions, their recent deliveries, and a form to add one."""
    from tegak.connectors.models import WebhookDelivery, WebhookSubscription

    instansi = access.instansi_for(request.user, code)
    form = WebhookForm(request.POST or None)
    status = 200
    shown_secret = ""
    if request.method == "POST":
        saved, shown_secret = _webhook_post(request, instansi, form)
        if saved is None:
            status = 400
        else:
            messages.success(request, _("The subscription is saved."))
            form = WebhookForm()
    deliveries = WebhookDelivery.objects.filter(instansi=instansi).select_related("subscription")
    context = {
        "instansi": instansi,
        "form": form,
        "shown_secret": shown_secret,
        "subscriptions": WebhookSubscription.objects.filter(instansi=instansi),
        "failed": deliveries.filter(state=MessageState.FAILED)[:200],
        "waiting": deliveries.filter(state__in=[MessageState.PENDING, MessageState.RETRYING])[:200],
        "sent": deliveries.filter(state=MessageState.SENT)[:50],
    }
    return render(request, "connectors/webhooks.html", context, status=status)


@require_http_methods(["GET", "POST"])
def webhook_view(request: HttpRequest, code: str, subscription_id: int) -> HttpResponse:
    """One subscription: change it (address, events, secret, on/off) and see its deliveries."""
    instansi = access.instansi_for(request.user, code)
    row = access.webhook_for(instansi, subscription_id)
    form = WebhookForm(
        request.POST or None,
        initial={"name": row.name, "url": row.url, "kinds": row.kinds, "active": row.active},
    )
    status = 200
    if request.method == "POST":
        saved, _shown = _webhook_post(request, instansi, form, row)
        if saved is not None:
            messages.success(request, _("The subscription is saved."))
            return redirect("connectors:webhook", instansi.code, row.pk)
        status = 400
    context = {
        "instansi": instansi,
        "subscription": row,
        "form": form,
        "deliveries": row.deliveries.all()[:200],
    }
    return render(request, "connectors/webhook.html", context, status=status)


@require_POST
def webhook_retry_view(request: HttpRequest, code: str, delivery_id: int) -> HttpResponse:
    instansi = access.instansi_for(request.user, code)
    delivery = access.delivery_for(instansi, delivery_id)
    try:
        services.webhook_retry(actor=request.user, delivery=delivery)
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The event will be posted again in a moment."))
    return redirect("connectors:webhook", instansi.code, delivery.subscription_id)
