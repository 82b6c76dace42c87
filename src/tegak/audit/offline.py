"""Checking a signed audit checkpoint with the public key alone (no database, no settings).

A checkpoint document is JSON: `statement` (the exact canonical JSON text that was signed),
`signature` (Ed25519, base64), `algorithm` and `signing_key_id`. The statement names the chain's
last sequence number and hash at `created_at`. Used by `tegak audit check FILE --public-key KEY`,
which starts no Django, and by `tegak audit verify`.
"""

from __future__ import annotations

import json
from typing import Any

from tegak.core import signing

FORMAT = "tegak-audit-checkpoint/1"


class CheckpointInvalid(ValueError):
    """Not a checkpoint, or its signature does not match under the key given."""


def read_checkpoint(document: Any, public_key: str | None = None) -> dict[str, Any]:
    """The signed statement of a checkpoint document, after checking its signature.

    `public_key` is the installation's public key as text (base64 or PEM); without it the key in
    the settings is used (which needs Django configured).
    """
    if not isinstance(document, dict):
        raise CheckpointInvalid("a checkpoint is a JSON object")
    text, signature = document.get("statement"), document.get("signature")
    if not isinstance(text, str) or not isinstance(signature, str):
        raise CheckpointInvalid("a checkpoint needs a statement and a signature")
    try:
        signing.verify(text.encode(), signature, public_key)
    except signing.SignatureInvalid as error:
        raise CheckpointInvalid(f"the signature does not match: {error}") from error
    try:
        statement = json.loads(text)
    except ValueError as error:
        raise CheckpointInvalid("the statement is not JSON") from error
    if not isinstance(statement, dict) or statement.get("format") != FORMAT:
        raise CheckpointInvalid(f"the statement is not a {FORMAT}")
    sequence, digest = statement.get("sequence"), statement.get("hash")
    if not isinstance(sequence, int) or sequence < 0 or not isinstance(digest, str):
        raise CheckpointInvalid("the statement needs a sequence number and a hash")
    return statement


def read_checkpoint_file(text: str) -> list[dict[str, Any]]:
    """Checkpoint documents from a file: one JSON object, a JSON list, or JSON lines."""
    text = text.strip()
    try:
        loaded = json.loads(text)
    except ValueError:
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as error:
            raise CheckpointInvalid("the file is neither JSON nor JSON lines") from error
    return loaded if isinstance(loaded, list) else [loaded]
