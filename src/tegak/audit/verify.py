"""Checking the audit chain end to end."""

from __future__ import annotations

from dataclasses import dataclass

from tegak.audit.models import AuditChainHead, AuditEvent
from tegak.audit.services import GENESIS_HASH, canonical_payload, chain_hash


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification: intact, or the first broken event and why."""

    intact: bool
    events_checked: int
    broken_sequence: int | None = None
    reason: str = ""


def verify_events(
    events: list[AuditEvent] | None = None, *, check_head: bool = True
) -> ChainReport:
    """Recompute every link; report the first event whose hash or position does not fit."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    rows = events if events is not None else AuditEvent.objects.order_by("sequence").iterator(2000)
    for event in rows:
        if event.sequence != expected_sequence:
            return ChainReport(
                False,
                checked,
                expected_sequence,
                f"event #{expected_sequence} is missing (next found: #{event.sequence})",
            )
        if event.previous_hash != expected_previous:
            return ChainReport(
                False, checked, event.sequence, "does not follow the event before it"
            )
        payload = canonical_payload(
            sequence=event.sequence,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            instansi_code=event.instansi_code,
            target_type=event.target_type,
            target_id=event.target_id,
            data=event.data,
        )
        if chain_hash(event.previous_hash, payload) != event.hash:
            return ChainReport(False, checked, event.sequence, "its content was changed")
        expected_previous = event.hash
        expected_sequence += 1
        checked += 1
    if check_head:
        head = AuditChainHead.objects.filter(id=1).first()
        if head is not None and (
            head.last_sequence != checked or head.last_hash != expected_previous
        ):
            return ChainReport(
                False,
                checked,
                checked + 1,
                f"the chain ends at #{checked} but #{head.last_sequence} was written",
            )
    return ChainReport(True, checked)
