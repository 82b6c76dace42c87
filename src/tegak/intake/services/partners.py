"""Partner channels (SMS or chat gateways) allowed to submit reports through the API."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction

from tegak.audit.services import audit_record
from tegak.core.access import Right, Role, require_role
from tegak.intake import validation
from tegak.intake.models import PartnerChannel
from tegak.people.models import Instansi


def partner_token_hash(token: str) -> str:
    """What is stored for a partner's API token (the token itself is shown only once)."""
    return hashlib.sha256(token.encode()).hexdigest()


def partner_channel_create(
    *, actor: Any, instansi: Instansi, name: str
) -> tuple[PartnerChannel, str]:
    """Register a partner channel; returns it and its API token (shown once)."""
    require_role(actor, Role.ADMINISTRATOR, instansi, right=Right.PARTNER_CHANNELS)
    label = validation.plain_text("name", name, required=True, max_length=120)
    token = "tgk_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        partner = PartnerChannel.objects.create(
            name=label, instansi=instansi, token_hash=partner_token_hash(token)
        )
        audit_record(
            actor=actor,
            action="intake.partner_created",
            target=partner,
            instansi_code=instansi.code,
            data={"name": label},
        )
    return partner, token


def partner_channel_deactivate(*, actor: Any, partner: PartnerChannel) -> PartnerChannel:
    """Stop accepting reports from a partner channel."""
    require_role(actor, Role.ADMINISTRATOR, partner.instansi_id, right=Right.PARTNER_CHANNELS)
    with transaction.atomic():
        partner.active = False
        partner.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action="intake.partner_deactivated",
            target=partner,
            instansi_code=partner.instansi.code,
        )
    return partner
