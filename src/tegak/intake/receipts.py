"""Receipt codes: 25 random digits, shown as 12345-67890-12345-67890-12345, never stored.

Two things are stored with a report, never the code (ADR 0040):

- a *bucket*: the first 20 bits of HMAC-SHA256(key derived from SECRET_KEY, code). It finds the
  few reports that may match without scanning every row, and is deliberately short;
- the *verifier*, versioned by its prefix:
  - `hs1$<hex>` (codes made since December 2026): HMAC-SHA256 of the code under a second key
    derived from SECRET_KEY, which is never in the database. The code has 25 random digits
    (83 bits), so trying codes is hopeless with or without a slow hash: a copy of the database
    alone gives nothing (the hash is keyed), and even with the key an attacker faces about
    10^25 codes. A slow password hash would add nothing but CPU on every report;
  - `$argon2id$…` (the 16-digit codes made before, 53 bits): they keep working — checked with
    argon2 as when they were made — and are never made any more except for the demo's printed
    code.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

from tegak.intake.conf import receipt_hash_parameters

CODE_DIGITS = 25  # about 83 bits from the system's secure source
GROUP = 5
LEGACY_CODE_DIGITS = 16  # codes made before ADR 0040, still accepted
LEGACY_GROUP = 4
KEYED_PREFIX = "hs1$"
_NON_DIGITS = re.compile(r"[\s\-\.]")


def generate_code() -> str:
    """A new code of 25 digits (about 83 bits of entropy) from the system's secure source."""
    # One draw, uniform over all 10^25 codes (leading zeros kept): the same distribution as 25
    # independent digits.
    return str(secrets.randbelow(10**CODE_DIGITS)).zfill(CODE_DIGITS)


def format_code(code: str) -> str:
    """Groups for reading aloud and copying: 12345-67890-… (a 16-digit code: 1234-5678-…)."""
    size = LEGACY_GROUP if len(code) == LEGACY_CODE_DIGITS else GROUP
    return "-".join(code[index : index + size] for index in range(0, len(code), size))


def normalise_code(text: str) -> str | None:
    """The digits of what a reporter typed (spaces, dashes and dots ignored), or None when it is
    not a code of 25 digits (or of 16, made before ADR 0040)."""
    digits = _NON_DIGITS.sub("", text or "")
    if len(digits) not in (CODE_DIGITS, LEGACY_CODE_DIGITS):
        return None
    if not digits.isascii() or not digits.isdigit():
        return None
    return digits


INDEX_HEX_CHARS = 5  # 20 bits


def _derived_key(label: bytes) -> bytes:
    return hashlib.sha256(label + settings.SECRET_KEY.encode()).digest()


def code_index(code: str) -> str:
    """The lookup bucket of a code: the first 20 bits of an HMAC-SHA256 under SECRET_KEY."""
    key = _derived_key(b"tegak.intake.receipt:")
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()[:INDEX_HEX_CHARS]


def _keyed(code: str) -> str:
    key = _derived_key(b"tegak.intake.receipt-verifier:")
    return KEYED_PREFIX + hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def _hasher() -> PasswordHasher:
    time_cost, memory_kib = receipt_hash_parameters()
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def hash_code(code: str) -> str:
    """The verifier stored with the report: keyed HMAC for a 25-digit code; argon2id for a
    16-digit one (only the demo's printed code is still made so)."""
    if len(code) == LEGACY_CODE_DIGITS:
        return _hasher().hash(code)
    return _keyed(code)


def verify_code(stored_hash: str, code: str) -> bool:
    """Whether the code matches the stored verifier, whichever scheme made it."""
    if stored_hash.startswith(KEYED_PREFIX):
        return len(code) == CODE_DIGITS and hmac.compare_digest(stored_hash, _keyed(code))
    if len(code) != LEGACY_CODE_DIGITS:
        return False  # an argon2 verifier belongs to a 16-digit code
    try:
        return _hasher().verify(stored_hash, code)
    except (VerificationError, InvalidHashError):
        return False


def burn_time(code: str) -> None:
    """Spend the same effort as a real check, so a miss takes as long as a hit (only a 16-digit
    code is checked slowly; a 25-digit one costs one HMAC either way)."""
    if len(code) == LEGACY_CODE_DIGITS:
        _hasher().hash(code)
