"""Writes of the connectors' administration: retry a message, set the gateway."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
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


def _require_address(field: str, url: str, message: str) -> None:
    """Refuse, on the field, an address that is not http(s) (with the message given) or that lies
    inside a network the installation has not allowed."""
    if not url.startswith(("https://", "http://")):
        raise InputError(field, message)
    _check_reachable(field, url)


Connection = TypeVar("Connection", bound=models.Model)


def _connection_save(
    *,
    actor: Any,
    instansi: Instansi,
    model: type[Connection],
    row: Connection | None = None,
    values: dict[str, Any],
    secret: str,
    sealed: tuple[str, str],
    action: str,
    data: dict[str, Any],
) -> Connection:
    """Write a connection's settings and its event in one transaction: the row given, or else
    the instansi's one row of `model`, taken or created. The secret is sealed into the field
    `sealed[0]` under the key `sealed[1]`; an empty one keeps the one saved before."""
    with transaction.atomic():
        if row is None:
            row, _created = model._default_manager.get_or_create(instansi=instansi, defaults=values)
        for name, value in values.items():
            setattr(row, name, value)
        if secret:
            field, key = sealed
            setattr(row, field, sealing.seal({key: secret}, instansi=instansi))
        row.save()
        audit_record(actor=actor, action=action, target=row, instansi_code=instansi.code, data=data)
    return row


def _send_again(
    *,
    actor: Any,
    row: OutboundMessage | WebhookDelivery,
    action: str,
    data: dict[str, Any],
    enqueue: Callable[[int], object],
) -> None:
    """Put a message or delivery back in the queue from its first try, with its event; the
    worker is woken once the transaction commits."""
    with transaction.atomic():
        row.state = MessageState.PENDING
        row.attempts = 0
        row.save(update_fields=["state", "attempts"])
        audit_record(
            actor=actor, action=action, target=row, instansi_code=row.instansi.code, data=data
        )
        transaction.on_commit(partial(enqueue, row.pk))


def message_retry(*, actor: Any, message: OutboundMessage) -> OutboundMessage:
    """Try a failed (or waiting) message again from its first try."""
    from tegak.connectors.outbox import _enqueue

    _require_admin(actor, message.instansi)
    if message.state == MessageState.SENT:
        raise InputError("message", _("This message was already sent."))
    _send_again(
        actor=actor,
        row=message,
        action="connectors.message_retried",
        data={"channel": message.channel, "recipient": message.recipient_kind},
        enqueue=_enqueue,
    )
    return message


def gateway_set(
    *, actor: Any, instansi: Instansi, url: str, token: str, kind: str, active: bool
) -> GatewaySettings:
    """Set the WhatsApp/SMS gateway; an empty token keeps the one saved before."""
    _require_admin(actor, instansi)
    _require_address("url", url, _("Give the gateway's address, starting with https://."))
    if kind not in ("whatsapp", "sms"):
        raise InputError("kind", _("Choose WhatsApp or SMS."))
    return _connection_save(
        actor=actor,
        instansi=instansi,
        model=GatewaySettings,
        values={"url": url, "kind": kind, "active": active},
        secret=token,
        sealed=("token_sealed", "token"),
        action="connectors.gateway_set",
        data={"kind": kind, "active": active, "token_changed": bool(token)},
    )


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
    _require_address(
        "base_url", base_url, _("Give the LAPOR! API address, starting with https://.")
    )
    return _connection_save(
        actor=actor,
        instansi=instansi,
        model=LaporSettings,
        values={"base_url": base_url, "active": active, "send_status": send_status},
        secret=token,
        sealed=("token_sealed", "token"),
        action="connectors.lapor_set",
        data={"active": active, "send_status": send_status, "token_changed": bool(token)},
    )


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
        _require_address(field, value, _("Give an address starting with https://."))
    if not client_id.strip():
        raise InputError("client_id", _("Give the client id BKN issued."))
    return _connection_save(
        actor=actor,
        instansi=instansi,
        model=SiasnSettings,
        values={
            "base_url": base_url,
            "token_url": token_url,
            "client_id": client_id.strip(),
            "active": active,
        },
        secret=client_secret,
        sealed=("client_secret_sealed", "secret"),
        action="connectors.siasn_set",
        data={"active": active, "secret_changed": bool(client_secret)},
    )


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
    _require_address("url", url, _("Give the subscriber's address, starting with https://."))
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
    row = _connection_save(
        actor=actor,
        instansi=instansi,
        model=WebhookSubscription,
        row=subscription or WebhookSubscription(instansi=instansi),
        values={"name": name[:100], "url": url, "kinds": chosen, "active": active},
        secret=secret,
        sealed=("secret_sealed", "secret"),
        action="connectors.webhook_set",
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
    _send_again(
        actor=actor,
        row=delivery,
        action="connectors.webhook_retried",
        data={"kind": delivery.kind, "subscription_id": delivery.subscription_id},
        enqueue=_enqueue,
    )
    return delivery
