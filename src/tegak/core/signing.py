"""The installation's Ed25519 key pair: signing what Tegak vouches for, verifying it offline.

The private key is held outside the database (`TEGAK_SIGNING_KEY` or `TEGAK_SIGNING_KEY_FILE`; the
demo generates one in its data folder). The public key is printed by `tegak keys public` and shown
on the public portal, so anyone can check a signed dossier or audit checkpoint without trusting the
server that hands it out.

Key text, in the setting or the file, is either an unencrypted PKCS#8 PEM block or the 32-byte
private seed in base64 (what `tegak keys generate signing` prints). Public keys are exchanged as
the 32 raw bytes in base64 (`public_key_text()`) or as PEM (`public_key_pem()`); `key_id()` is a
short fingerprint to print next to a signature.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

SIGNATURE_ALGORITHM = "Ed25519"


class SigningKeyError(ValueError):
    """Key text that is not an Ed25519 key."""


class SignatureInvalid(Exception):
    """A signature that does not match the data under the given public key."""


def generate_private_key_text() -> str:
    """A new private key as one line of base64 (the 32-byte seed), for the setting or its file."""
    seed = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return base64.b64encode(seed).decode()


def parse_private_key(text: str) -> Ed25519PrivateKey:
    """Read a private key from PEM or a base64 seed; SigningKeyError when it is neither."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError) as error:
            raise SigningKeyError("the PEM block is not an unencrypted private key") from error
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError("the PEM block holds a key of another type than Ed25519")
        return key
    try:
        seed = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise SigningKeyError("the key is neither a PEM block nor base64") from error
    if len(seed) != 32:
        raise SigningKeyError("an Ed25519 seed is 32 bytes (44 base64 characters)")
    return Ed25519PrivateKey.from_private_bytes(seed)


def parse_public_key(text: str) -> Ed25519PublicKey:
    """Read a public key from PEM or 32 raw bytes in base64; SigningKeyError otherwise."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode())
        except (ValueError, TypeError) as error:
            raise SigningKeyError("the PEM block is not a public key") from error
        if not isinstance(key, Ed25519PublicKey):
            raise SigningKeyError("the PEM block holds a key of another type than Ed25519")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise SigningKeyError("the public key is neither a PEM block nor base64") from error
    if len(raw) != 32:
        raise SigningKeyError("an Ed25519 public key is 32 bytes (44 base64 characters)")
    return Ed25519PublicKey.from_public_bytes(raw)


@lru_cache(maxsize=4)
def _private_key(text: str) -> Ed25519PrivateKey:
    return parse_private_key(text)


def private_key() -> Ed25519PrivateKey:
    """The installation's private key (from the settings; cached per key text)."""
    return _private_key(settings.SIGNING_KEY)


def public_key() -> Ed25519PublicKey:
    """The installation's public key."""
    return private_key().public_key()


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_text(key: Ed25519PublicKey | None = None) -> str:
    """A public key (the installation's by default) as 32 raw bytes in base64, one line."""
    return base64.b64encode(_raw_public(key or public_key())).decode()


def public_key_pem(key: Ed25519PublicKey | None = None) -> str:
    """A public key (the installation's by default) as a PEM block (SubjectPublicKeyInfo)."""
    return (
        (key or public_key())
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id(key: Ed25519PublicKey | None = None) -> str:
    """A short fingerprint of a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    return hashlib.sha256(_raw_public(key or public_key())).hexdigest()[:16]


def key_fingerprint(key: Ed25519PublicKey | None = None) -> str:
    """The whole SHA-256 fingerprint of a public key, in groups of four hex digits."""
    digest = hashlib.sha256(_raw_public(key or public_key())).hexdigest()
    return " ".join(digest[index : index + 4] for index in range(0, len(digest), 4))


def sign(data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of `data` under the installation's key."""
    return private_key().sign(data)


def sign_text(data: bytes) -> str:
    """The signature of `data` in base64 (for JSON and text files)."""
    return base64.b64encode(sign(data)).decode()


def verify(
    data: bytes, signature: bytes | str, public: Ed25519PublicKey | str | None = None
) -> None:
    """Check a signature (raw or base64) over `data`; raise SignatureInvalid when it fails.

    `public` is a key object or its text (PEM or base64); the installation's key by default.
    Works without a database or settings when `public` is given (offline verification).
    """
    if isinstance(signature, str):
        try:
            signature = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError) as error:
            raise SignatureInvalid("the signature is not base64") from error
    if public is None:
        key = public_key()
    elif isinstance(public, str):
        try:
            key = parse_public_key(public)
        except SigningKeyError as error:
            raise SignatureInvalid(str(error)) from error
    else:
        key = public
    try:
        key.verify(signature, data)
    except InvalidSignature as error:
        raise SignatureInvalid("the signature does not match the data") from error


def is_valid(
    data: bytes, signature: bytes | str, public: Ed25519PublicKey | str | None = None
) -> bool:
    """Whether the signature matches (the same check as `verify`, as a yes/no)."""
    try:
        verify(data, signature, public)
    except SignatureInvalid:
        return False
    return True
