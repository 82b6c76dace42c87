"""Checking the audit chain end to end: links, keyed MACs, the head, and signed checkpoints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tegak.audit.checkpoints import checkpoint_document
from tegak.audit.keys import UnknownAuditKey, event_mac, head_mac, key_for, macs_equal
from tegak.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from tegak.audit.offline import CheckpointInvalid, read_checkpoint
from tegak.audit.services import GENESIS_HASH, canonical_payload, chain_hash


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification: intact, or the first broken event and why."""

    intact: bool
    events_checked: int
    broken_sequence: int | None = None
    reason: str = ""
    checkpoints_checked: int = 0


def _mac_problem(event: AuditEvent) -> str:
    if not event.mac or not event.key_id:
        return "it carries no keyed MAC (written or rewritten without the audit key)"
    try:
        secret = key_for(event.key_id)
    except UnknownAuditKey:
        return f"it was keyed with audit key {event.key_id}, which this installation lacks"
    if not macs_equal(event.mac, event_mac(secret, event.hash)):
        return "its keyed MAC does not match (rewritten without the audit key)"
    return ""


def _head_problem(head: AuditChainHead | None, checked: int, last_hash: str) -> str:
    if head is None:
        return "" if checked == 0 else "the chain head row is missing"
    if head.last_sequence == 0 and checked == 0:
        return ""
    if not head.mac or not head.key_id:
        return "the chain head carries no keyed MAC"
    try:
        secret = key_for(head.key_id)
    except UnknownAuditKey:
        return (
            f"the chain head was keyed with audit key {head.key_id}, which this installation lacks"
        )
    if not macs_equal(head.mac, head_mac(secret, head.last_sequence, head.last_hash)):
        return "the chain head was altered without the audit key"
    if head.last_sequence != checked or head.last_hash != last_hash:
        return f"the chain ends at #{checked} but #{head.last_sequence} was written"
    return ""


def verify_events(
    events: list[AuditEvent] | None = None,
    *,
    check_head: bool = True,
    checkpoints: Iterable[dict[str, Any]] = (),
) -> ChainReport:
    """Recompute every link and MAC; check the head, the stored checkpoints and `checkpoints`
    (signed checkpoint statements held elsewhere, e.g. exported files). Report the first event
    whose hash, MAC or position does not fit."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    hashes: dict[int, str] = {}
    wanted, problem = _checkpoint_statements(checkpoints)
    if problem:
        return ChainReport(False, 0, None, problem)
    wanted_sequences = {statement["sequence"] for statement in wanted}
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
        problem = _mac_problem(event)
        if problem:
            return ChainReport(False, checked, event.sequence, problem)
        if event.sequence in wanted_sequences:
            hashes[event.sequence] = event.hash
        expected_previous = event.hash
        expected_sequence += 1
        checked += 1
    if check_head:
        problem = _head_problem(
            AuditChainHead.objects.filter(id=1).first(), checked, expected_previous
        )
        if problem:
            return ChainReport(False, checked, checked + 1, problem)
    for statement in wanted:
        sequence = statement["sequence"]
        if sequence > checked:
            return ChainReport(
                False,
                checked,
                checked + 1,
                f"a signed checkpoint of {statement['created_at']} saw #{sequence}, "
                f"but the chain ends at #{checked} (its tail was cut)",
            )
        if sequence and hashes.get(sequence) != statement["hash"]:
            return ChainReport(
                False,
                checked,
                sequence,
                f"differs from the signed checkpoint of {statement['created_at']} "
                "(the chain was rewritten)",
            )
    return ChainReport(True, checked, checkpoints_checked=len(wanted))


def _checkpoint_statements(
    given: Iterable[dict[str, Any]],
) -> tuple[list[dict[str, Any]], str]:
    """The statements to hold the chain against: every stored checkpoint and every given one,
    each with a valid signature (an invalid one is reported, never skipped)."""
    stored = [checkpoint_document(row) for row in AuditCheckpoint.objects.all()]
    statements = []
    for origin, documents in (("stored", stored), ("given", list(given))):
        for document in documents:
            try:
                statements.append(read_checkpoint(document))
            except CheckpointInvalid as error:
                return [], f"a {origin} checkpoint is not valid: {error}"
    return statements, ""
