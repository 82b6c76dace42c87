"""Sealing the reporter's identity with keys that the database never holds.

`settings.IDENTITY_KEYS` lists Fernet keys, newest first (from `TEGAK_IDENTITY_KEYS` or
`TEGAK_IDENTITY_KEY_FILE`). The newest key seals; every listed key can open, so a new key can be
put in front and old tokens re-sealed with `tegak rotate_identity_keys` before the old key is
dropped.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SealError(RuntimeError):
    """A sealed identity cannot be opened with any configured key."""


def _multi() -> MultiFernet:
    keys = list(settings.IDENTITY_KEYS)
    if not keys:
        raise SealError("no identity keys are configured")
    return MultiFernet([Fernet(key) for key in keys])


def seal(identity: dict[str, Any]) -> str:
    """Encrypt an identity (a small dict of text fields) under the newest key."""
    payload = json.dumps(identity, ensure_ascii=False, sort_keys=True).encode()
    return _multi().encrypt(payload).decode()


def unseal(token: str) -> dict[str, Any]:
    """Decrypt a sealed identity; raises SealError when no key opens it."""
    try:
        payload = _multi().decrypt(token.encode())
    except InvalidToken as error:
        raise SealError("the identity cannot be opened with the configured keys") from error
    value = json.loads(payload)
    return value if isinstance(value, dict) else {}


def reseal(token: str) -> str:
    """The same identity sealed under the newest key (for key rotation)."""
    try:
        return _multi().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise SealError("the identity cannot be opened with the configured keys") from error
