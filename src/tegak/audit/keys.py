"""The audit chain's secret: an HMAC key per event, held outside the database.

The SHA-256 chain (`services.chain_hash`) is public arithmetic: anyone who can write to the
database can edit an event and recompute every hash after it. Each event therefore also carries a
MAC — HMAC-SHA256 under a key from `settings.AUDIT_KEYS` (`TEGAK_AUDIT_KEYS` or
`TEGAK_AUDIT_KEY_FILE`) over the event's hash — and the chain head carries one over its sequence
and hash. Without the key neither can be forged, so a rewrite or a cut tail is detected.

Keys are named by a short id (`key_id`) stored next to each MAC; the newest key (first in the
setting) keys new events, older keys still check what they keyed (rotation).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from django.conf import settings


class UnknownAuditKey(LookupError):
    """An event keyed with a key this installation no longer holds."""


def _secret(text: str) -> bytes:
    return base64.b64decode(text.strip(), validate=True)


def key_id_of(secret: bytes) -> str:
    """A short public name for a key (16 hex digits); it reveals nothing of the key."""
    return hashlib.sha256(b"tegak-audit-key-id\n" + secret).hexdigest()[:16]


def audit_keys() -> dict[str, bytes]:
    """Every configured key by its id, newest first."""
    return {key_id_of(_secret(text)): _secret(text) for text in settings.AUDIT_KEYS}


def current_key() -> tuple[str, bytes]:
    """The key that keys new events: the first in the setting."""
    secret = _secret(settings.AUDIT_KEYS[0])
    return key_id_of(secret), secret


def key_for(key_id: str) -> bytes:
    """The key with this id; UnknownAuditKey when the installation does not hold it."""
    try:
        return audit_keys()[key_id]
    except KeyError as error:
        raise UnknownAuditKey(key_id) from error


def event_mac(secret: bytes, event_hash: str) -> str:
    """The MAC of one event: HMAC-SHA256 over its chain hash (which covers every field)."""
    return hmac.new(secret, b"tegak-audit-event\n" + event_hash.encode(), "sha256").hexdigest()


def head_mac(secret: bytes, sequence: int, last_hash: str) -> str:
    """The MAC of the chain head: its last sequence number and hash."""
    message = f"tegak-audit-head\n{sequence}\n{last_hash}".encode()
    return hmac.new(secret, message, "sha256").hexdigest()


def macs_equal(stated: str, expected: str) -> bool:
    """Compare two MACs in constant time."""
    return hmac.compare_digest(stated.encode(), expected.encode())
