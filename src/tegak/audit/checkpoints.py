"""Signed checkpoints of the audit chain: what the chain's head was, signed with the
installation's Ed25519 key (`tegak.core.signing`).

A copy held outside the database — in a dossier, on the public portal, in an exported file —
proves how far the chain reached and what its last hash was. `tegak audit verify` holds the chain
against every stored checkpoint (and any file given with `--checkpoint`): a cut tail or a rewritten
event shows as a mismatch, and no one can make a new checkpoint without the private key.

Other apps: `checkpoint_for_dossier()` returns the signed document of a checkpoint at the
current head (a new one when the head moved), to be put into a dossier as it is.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from tegak.audit.models import AuditChainHead, AuditCheckpoint
from tegak.audit.offline import FORMAT, CheckpointInvalid, read_checkpoint
from tegak.core import signing

__all__ = [
    "FORMAT",
    "CheckpointInvalid",
    "checkpoint_create",
    "checkpoint_document",
    "checkpoint_for_dossier",
    "latest_checkpoint",
    "read_checkpoint",
]


def _statement_text(sequence: int, digest: str, created_at: str) -> str:
    body = {
        "format": FORMAT,
        "sequence": sequence,
        "hash": digest,
        "created_at": created_at,
        "signing_key_id": signing.key_id(),
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"))


def checkpoint_create() -> AuditCheckpoint:
    """Sign the chain's current head; reuse the latest checkpoint when the head has not moved."""
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        latest = latest_checkpoint()
        if (
            latest is not None
            and latest.sequence == head.last_sequence
            and latest.hash == head.last_hash
            and latest.signing_key_id == signing.key_id()
        ):
            return latest
        now = timezone.now()
        text = _statement_text(
            head.last_sequence, head.last_hash, now.isoformat(timespec="seconds")
        )
        return AuditCheckpoint.objects.create(
            sequence=head.last_sequence,
            hash=head.last_hash,
            created_at=now,
            statement=text,
            signature=signing.sign_text(text.encode()),
            signing_key_id=signing.key_id(),
        )


def latest_checkpoint() -> AuditCheckpoint | None:
    """The checkpoint of the furthest head, newest first."""
    return AuditCheckpoint.objects.order_by("-sequence", "-created_at").first()


def checkpoint_document(checkpoint: AuditCheckpoint) -> dict[str, Any]:
    """The portable form of a checkpoint (checked offline by `tegak.audit.offline`)."""
    return {
        "statement": checkpoint.statement,
        "signature": checkpoint.signature,
        "algorithm": signing.SIGNATURE_ALGORITHM,
        "signing_key_id": checkpoint.signing_key_id,
    }


def checkpoint_for_dossier() -> dict[str, Any]:
    """A signed checkpoint of the current head, as a JSON-ready document (for every dossier)."""
    return checkpoint_document(checkpoint_create())
