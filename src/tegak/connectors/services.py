"""Writes of the connectors' administration: retry a message, set the gateway."""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.connectors.models import (
    GatewaySettings,
    LaporSettings,
    MessageState,
    OutboundMessage,
    SiasnRecord,
    SiasnSettings,
    SiasnState,
    WebhookDelivery,
    WebhookSubscription,
)
from tegak.core.access import administers, instansi_ids_with
from tegak.core.errors import InputError
from tegak.intake import sealing
from tegak.people.models import Instansi


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not administers(actor, instansi):
        raise PermissionDenied


def _check_reachable(field: str, url: str) -> None:
    """Refuse, on the field, an address inside a private or local network the installation
    has not allowed (the worker would refuse to connect to it anyway; ADR 0170)."""
    from tegak.connectors.http import address_refusal

    if address_refusal(url) == "internal":
        raise InputError(
            field,
            _(
                "This address is inside a private or local network (such as 10.x, 192.168.x "
                "or 127.0.0.1). Tegak sends there only when the installation's operator "
                "allows the host (TEGAK_CONNECTORS_INTERNAL_HOSTS)."
            ),
        )


def message_retry(*, actor: Any, message: OutboundMessage) -> OutboundMessage:
    """Try a failed (or waiting) message again from its first try."""
    from tegak.connectors.outbox import _enqueue

    _require_admin(actor, message.instansi)
    if message.state == MessageState.SENT:
        raise InputError("message", _("This message was already sent."))
    with transaction.atomic():
        message.state = MessageState.PENDING
        message.attempts = 0
        message.save(update_fields=["state", "attempts"])
        audit_record(
            actor=actor,
            action="connectors.message_retried",
            target=message,
            instansi_code=message.instansi.code,
            data={"channel": message.channel, "recipient": message.recipient_kind},
        )
        transaction.on_commit(partial(_enqueue, message.pk))
    return message


def gateway_set(
    *, actor: Any, instansi: Instansi, url: str, token: str, kind: str, active: bool
) -> GatewaySettings:
    """Set the WhatsApp/SMS gateway; an empty token keeps the one saved before."""
    _require_admin(actor, instansi)
    if not url.startswith(("https://", "http://")):
        raise InputError("url", _("Give the gateway's address, starting with https://."))
    _check_reachable("url", url)
    if kind not in ("whatsapp", "sms"):
        raise InputError("kind", _("Choose WhatsApp or SMS."))
    with transaction.atomic():
        gateway, _created = GatewaySettings.objects.get_or_create(
            instansi=instansi, defaults={"url": url}
        )
        gateway.url = url
        gateway.kind = kind
        gateway.active = active
        if token:
            gateway.token_sealed = sealing.seal({"token": token}, instansi=instansi)
        gateway.save()
        audit_record(
            actor=actor,
            action="connectors.gateway_set",
            target=gateway,
            instansi_code=instansi.code,
            data={"kind": kind, "active": active, "token_changed": bool(token)},
        )
    return gateway


def lapor_set(
    *,
    actor: Any,
    instansi: Instansi,
    base_url: str,
    token: str,
    active: bool,
    send_status: bool,
) -> LaporSettings:
    """Connect the instansi to LAPOR! (an empty token keeps the one saved before)."""
    _require_admin(actor, instansi)
    if not base_url.startswith(("https://", "http://")):
        raise InputError("base_url", _("Give the LAPOR! API address, starting with https://."))
    _check_reachable("base_url", base_url)
    with transaction.atomic():
        row, _created = LaporSettings.objects.get_or_create(
            instansi=instansi, defaults={"base_url": base_url}
        )
        row.base_url = base_url
        row.active = active
        row.send_status = send_status
        if token:
            row.token_sealed = sealing.seal({"token": token}, instansi=instansi)
        row.save()
        audit_record(
            actor=actor,
            action="connectors.lapor_set",
            target=row,
            instansi_code=instansi.code,
            data={"active": active, "send_status": send_status, "token_changed": bool(token)},
        )
    return row


def lapor_file_import(*, actor: Any, instansi: Instansi, name: str, data: bytes) -> dict[str, int]:
    """An officer imports a LAPOR! export file (each row becomes one report, once)."""
    from tegak.connectors import lapor
    from tegak.connectors.access import LAPOR_ROLES

    if instansi.pk not in instansi_ids_with(actor, LAPOR_ROLES):
        raise PermissionDenied
    counts = lapor.import_file(actor=actor, instansi=instansi, name=name, data=data)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="connectors.lapor_file_imported",
            target=instansi,
            instansi_code=instansi.code,
            data=counts,
        )
    return counts


def siasn_set(
    *,
    actor: Any,
    instansi: Instansi,
    base_url: str,
    token_url: str,
    client_id: str,
    client_secret: str,
    active: bool,
) -> SiasnSettings:
    """Connect the instansi to SIASN (an empty secret keeps the one saved before)."""
    _require_admin(actor, instansi)
    for field, value in (("base_url", base_url), ("token_url", token_url)):
        if not value.startswith(("https://", "http://")):
            raise InputError(field, _("Give an address starting with https://."))
        _check_reachable(field, value)
    if not client_id.strip():
        raise InputError("client_id", _("Give the client id BKN issued."))
    with transaction.atomic():
        row, _created = SiasnSettings.objects.get_or_create(
            instansi=instansi,
            defaults={"base_url": base_url, "token_url": token_url, "client_id": client_id},
        )
        row.base_url, row.token_url, row.client_id = base_url, token_url, client_id.strip()
        row.active = active
        if client_secret:
            row.client_secret_sealed = sealing.seal({"secret": client_secret}, instansi=instansi)
        row.save()
        audit_record(
            actor=actor,
            action="connectors.siasn_set",
            target=row,
            instansi_code=instansi.code,
            data={"active": active, "secret_changed": bool(client_secret)},
        )
    return row


def siasn_retry(*, actor: Any, row: SiasnRecord) -> SiasnRecord:
    """Prepare the record again (the decree may be numbered by now) and send it."""
    from tegak.connectors import siasn

    _require_admin(actor, row.case.instansi)
    if row.state == SiasnState.SENT:
        raise InputError("record", _("This record was already accepted by SIASN."))
    accused = row.accused
    code = siasn.sanction_of(accused)
    with transaction.atomic():
        prepared = siasn.prepare(accused=accused, sanction_code=code) or row
        audit_record(
            actor=actor,
            action="connectors.siasn_retried",
            target=prepared,
            instansi_code=row.case.instansi.code,
            data={"missing": prepared.missing},
        )
    return prepared


MIN_SECRET = 24


def webhook_save(
    *,
    actor: Any,
    instansi: Instansi,
    name: str,
    url: str,
    kinds: list[str],
    secret: str,
    active: bool,
    subscription: WebhookSubscription | None = None,
) -> tuple[WebhookSubscription, str]:
    """Add or change an event subscription. A new one without a secret gets a generated one,
    returned once (it is sealed and never shown again); an empty secret on a change keeps the
    saved one. Returns the subscription and the secret to show ("" when not new)."""
    from tegak.connectors.models import WebhookKind

    _require_admin(actor, instansi)
    if subscription is not None and subscription.instansi_id != instansi.pk:
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise InputError("name", _("Give the subscriber a name."))
    if not url.startswith(("https://", "http://")):
        raise InputError("url", _("Give the subscriber's address, starting with https://."))
    _check_reachable("url", url)
    allowed = set(WebhookKind.values)
    chosen = [kind for kind in WebhookKind.values if kind in set(kinds)]
    if not chosen or set(kinds) - allowed:
        raise InputError("kinds", _("Choose at least one kind of event."))
    secret = (secret or "").strip()
    if secret and len(secret) < MIN_SECRET:
        raise InputError(
            "secret",
            _("The secret must be at least %(count)s characters long.") % {"count": MIN_SECRET},
        )
    shown = ""
    created = subscription is None
    if created and not secret:
        secret = shown = secrets.token_urlsafe(32)
    with transaction.atomic():
        row = subscription or WebhookSubscription(instansi=instansi)
        row.name, row.url, row.kinds, row.active = name[:100], url, chosen, active
        if secret:
            row.secret_sealed = sealing.seal({"secret": secret}, instansi=instansi)
        row.save()
        audit_record(
            actor=actor,
            action="connectors.webhook_set",
            target=row,
            instansi_code=instansi.code,
            data={
                "created": created,
                "active": active,
                "kinds": chosen,
                "secret_changed": bool(secret),
            },
        )
    return row, shown


def webhook_retry(*, actor: Any, delivery: WebhookDelivery) -> WebhookDelivery:
    """Post a failed (or waiting) delivery again from its first try."""
    from tegak.connectors.webhooks import _enqueue

    _require_admin(actor, delivery.instansi)
    if delivery.state == MessageState.SENT:
        raise InputError("delivery", _("This event was already delivered."))
    if not delivery.subscription.active:
        raise InputError("delivery", _("Switch the subscription on first."))
    with transaction.atomic():
        delivery.state = MessageState.PENDING
        delivery.attempts = 0
        delivery.save(update_fields=["state", "attempts"])
        audit_record(
            actor=actor,
            action="connectors.webhook_retried",
            target=delivery,
            instansi_code=delivery.instansi.code,
            data={"kind": delivery.kind, "subscription_id": delivery.subscription_id},
        )
        transaction.on_commit(partial(_enqueue, delivery.pk))
    return delivery
