"""Writing to the audit chain. Every service of every app calls `audit_record` exactly once."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from tegak.audit import catalogue, events
from tegak.audit.keys import current_key, event_mac, head_mac
from tegak.audit.models import AuditChainHead, AuditEvent
from tegak.core import onerow

GENESIS_HASH = "0" * 64


def canonical_payload(
    *,
    sequence: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    instansi_code: str,
    target_type: str,
    target_id: str,
    data: dict[str, Any],
) -> bytes:
    """The bytes an event's hash covers: every field, in a fixed order, as canonical JSON."""
    body = {
        "sequence": sequence,
        "occurred_at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "instansi_code": instansi_code,
        "target_type": target_type,
        "target_id": target_id,
        "data": data,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous_hash: str, payload: bytes) -> str:
    """The hash of one link: SHA-256 over the previous hash and this event's payload."""
    return hashlib.sha256(previous_hash.encode() + b"\n" + payload).hexdigest()


def _normalise(data: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so that what is hashed is exactly what the database will return.
    return json.loads(json.dumps(data or {}, default=str, sort_keys=True))


def _append(
    head: AuditChainHead,
    key_id: str,
    secret: bytes,
    *,
    actor_id: int | None,
    actor_label: str,
    action: str,
    instansi_code: str,
    target_type: str,
    target_id: str,
    data: dict[str, Any],
) -> AuditEvent:
    """Write one event after the locked head, with its hash and MAC, and move the head."""
    sequence = head.last_sequence + 1
    occurred_at = timezone.now()
    payload = canonical_payload(
        sequence=sequence,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        instansi_code=instansi_code,
        target_type=target_type,
        target_id=target_id,
        data=data,
    )
    digest = chain_hash(head.last_hash, payload)
    event = AuditEvent(
        sequence=sequence,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        instansi_code=instansi_code,
        target_type=target_type,
        target_id=target_id,
        data=data,
        previous_hash=head.last_hash,
        hash=digest,
        mac=event_mac(secret, digest),
        key_id=key_id,
    )
    head.last_sequence = sequence
    head.last_hash = digest
    head.mac = head_mac(secret, sequence, digest)
    head.key_id = key_id
    # The event and the head's move, one statement on PostgreSQL (one round trip in every
    # audited step); the head's row is locked by the caller, so nothing comes between.
    onerow.insert_and_update(event, head, ["last_sequence", "last_hash", "mac", "key_id"])
    return event


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    instansi_code: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    catalogue.check(action, data or {})
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    if actor is None:
        actor_label = "system"
    elif isinstance(actor, str):
        # A label only (e.g. "public", "partner:3"): the audit chain records it; a string never
        # passes a permission check (tegak.core.access).
        actor_label, actor_id = actor, None
    elif getattr(actor, "is_system_actor", False):
        actor_label, actor_id = str(actor.name), None
    else:
        actor_label = actor.get_username() if actor_id else "public"
    head = onerow.fetch(AuditChainHead, 1, lock=True)
    if head is None:  # the first event of a new database
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    key_id, secret = current_key()
    if head.last_sequence and head.key_id and head.key_id != key_id:
        # A new audit key took over: say so in the chain itself, keyed with the new key.
        rotation = _append(
            head,
            key_id,
            secret,
            actor_id=None,
            actor_label="system",
            action="audit.key_rotated",
            instansi_code="",
            target_type="",
            target_id="",
            data={"previous_key_id": head.key_id, "key_id": key_id},
        )
        events.publish(rotation)
    event = _append(
        head,
        key_id,
        secret,
        actor_id=actor_id,
        actor_label=actor_label,
        action=action,
        instansi_code=instansi_code,
        target_type=target_type,
        target_id=target_id,
        data=_normalise(data),
    )
    events.publish(event)
    return event
