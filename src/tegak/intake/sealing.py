"""Sealing the reporter's identity per instansi, with keys the database never holds in clear.

Envelope encryption. Each instansi has its own Fernet *data key* (`IdentityDataKey`), stored only
wrapped — encrypted under the *master keys* held outside the database (`settings.IDENTITY_KEYS`,
from `TEGAK_IDENTITY_KEYS` or `TEGAK_IDENTITY_KEY_FILE`, newest first). An identity is sealed
under its instansi's current data key as `tk2.<key id>.<token>`; opening it needs the report's own
instansi and that instansi's key: one instansi's data key opens nothing of another's, and a token
moved to a report of another instansi does not open.

Rotation (`tegak rotate_identity_keys`, audited): every data key is re-wrapped under the newest
master key, then each instansi gets a new data key, its identities are re-sealed and the old data
key is deleted. Tokens from before per-instansi keys (plain MultiFernet under the master) are
converted by migration `intake 0003`; they are not accepted any more.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import IntegrityError, transaction

from tegak.intake.models import IdentityDataKey
from tegak.people.models import Instansi

PREFIX = "tk2"


class SealError(RuntimeError):
    """A sealed identity cannot be opened (no key, another instansi's key, or tampered)."""


def _master() -> MultiFernet:
    keys = list(settings.IDENTITY_KEYS)
    if not keys:
        raise SealError("no identity keys are configured")
    return MultiFernet([Fernet(key) for key in keys])


def _unwrap(row: IdentityDataKey) -> Fernet:
    try:
        return Fernet(_master().decrypt(row.wrapped.encode()))
    except InvalidToken as error:
        raise SealError(
            "the data key cannot be unwrapped with the configured master keys"
        ) from error


def current_data_key(instansi: Instansi) -> IdentityDataKey:
    """The instansi's current data key, made (and wrapped) on first use."""
    row = IdentityDataKey.objects.filter(instansi=instansi, retired=False).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return IdentityDataKey.objects.create(
                instansi=instansi,
                key_id=secrets.token_hex(8),
                wrapped=_master().encrypt(Fernet.generate_key()).decode(),
            )
    except IntegrityError:
        # Another request made it at the same moment: use theirs.
        return IdentityDataKey.objects.get(instansi=instansi, retired=False)


def _seal_with(row: IdentityDataKey, identity: dict[str, Any]) -> str:
    payload = json.dumps(identity, ensure_ascii=False, sort_keys=True).encode()
    return f"{PREFIX}.{row.key_id}.{_unwrap(row).encrypt(payload).decode()}"


def seal(identity: dict[str, Any], *, instansi: Instansi) -> str:
    """Encrypt an identity (a small dict of text fields) under the instansi's data key."""
    return _seal_with(current_data_key(instansi), identity)


def unseal(token: str, *, instansi: Instansi) -> dict[str, Any]:
    """Decrypt an identity sealed for `instansi`; SealError when it is not that instansi's."""
    prefix, _, rest = token.partition(".")
    key_id, _, body = rest.partition(".")
    if prefix != PREFIX or not key_id or not body:
        raise SealError("the identity is not sealed per instansi")
    row = IdentityDataKey.objects.filter(instansi=instansi, key_id=key_id).first()
    if row is None:
        raise SealError("the identity was not sealed with a key of this instansi")
    try:
        payload = _unwrap(row).decrypt(body.encode())
    except InvalidToken as error:
        raise SealError("the identity cannot be opened with this instansi's key") from error
    value = json.loads(payload)
    return value if isinstance(value, dict) else {}


def reseal(token: str, *, instansi: Instansi) -> str:
    """The same identity sealed under the instansi's current data key."""
    return seal(unseal(token, instansi=instansi), instansi=instansi)


def rewrap_all() -> int:
    """Every data key wrapped again under the newest master key; returns how many."""
    master = _master()
    count = 0
    for row in IdentityDataKey.objects.select_for_update():
        try:
            row.wrapped = master.rotate(row.wrapped.encode()).decode()
        except InvalidToken as error:
            raise SealError(
                f"data key {row.key_id} cannot be unwrapped with the configured master keys"
            ) from error
        row.save(update_fields=["wrapped"])
        count += 1
    return count


def new_data_key(instansi: Instansi) -> IdentityDataKey:
    """Retire the instansi's current data key and make a new one (inside the caller's
    transaction; the caller re-seals and then calls `drop_retired`)."""
    IdentityDataKey.objects.filter(instansi=instansi, retired=False).update(retired=True)
    return IdentityDataKey.objects.create(
        instansi=instansi,
        key_id=secrets.token_hex(8),
        wrapped=_master().encrypt(Fernet.generate_key()).decode(),
    )


def drop_retired(instansi: Instansi) -> int:
    """Delete the instansi's retired data keys (after everything was re-sealed)."""
    return IdentityDataKey.objects.filter(instansi=instansi, retired=True).delete()[0]
