"""Who may run an instansi's connections: its administrators (and the superuser)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.accounts.models import Role
from tegak.connectors.models import OutboundMessage, SiasnRecord
from tegak.core.access import instansi_ids_with
from tegak.people.access import administered_instansi
from tegak.people.models import Instansi


def instansi_for(actor: Any, code: str) -> Instansi:
    """The instansi by code when the actor administers it; otherwise 404."""
    instansi = administered_instansi(actor).filter(code=code).first()
    if instansi is None:
        raise Http404
    return instansi


def message_for(actor: Any, instansi: Instansi, message_id: int) -> OutboundMessage:
    """A message of the instansi, or 404."""
    try:
        return OutboundMessage.objects.get(instansi=instansi, pk=message_id)
    except OutboundMessage.DoesNotExist:
        raise Http404 from None


LAPOR_ROLES = {Role.ADMINISTRATOR, Role.INTAKE_OFFICER}


def lapor_instansi_for(actor: Any, code: str) -> Instansi:
    """The instansi by code when the actor administers it or triages its reports; else 404."""
    ids = instansi_ids_with(actor, LAPOR_ROLES)
    instansi = Instansi.objects.filter(code=code, pk__in=ids).first()
    if instansi is None:
        raise Http404
    return instansi


def siasn_record_for(instansi: Instansi, record_id: int) -> SiasnRecord:
    """A SIASN record of the instansi, or 404."""
    try:
        return SiasnRecord.objects.select_related("case", "accused").get(
            instansi=instansi, pk=record_id
        )
    except SiasnRecord.DoesNotExist:
        raise Http404 from None


def webhook_for(instansi: Instansi, subscription_id: int) -> Any:
    """An event subscription of the instansi, or 404."""
    from tegak.connectors.models import WebhookSubscription

    row = WebhookSubscription.objects.filter(instansi=instansi, pk=subscription_id).first()
    if row is None:
        raise Http404
    return row


def delivery_for(instansi: Instansi, delivery_id: int) -> Any:
    """An event delivery of the instansi, or 404."""
    from tegak.connectors.models import WebhookDelivery

    row = (
        WebhookDelivery.objects.filter(instansi=instansi, pk=delivery_id)
        .select_related("subscription", "instansi")
        .first()
    )
    if row is None:
        raise Http404
    return row
