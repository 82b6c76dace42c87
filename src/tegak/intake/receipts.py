"""Receipt codes: 16 random digits, shown as 1234-5678-9012-3456, stored only as HMAC + argon2.

Two things are stored, never the code:

- a *bucket*: the first 20 bits of HMAC-SHA256(key derived from SECRET_KEY, code). It finds the
  few reports that may match without scanning every row. It is deliberately short: about
  10^10 possible codes share each bucket, so even someone holding both the database and the
  secret key learns little from it;
- an argon2id hash of the code, which is what a code is checked against.

A copy of the database alone is useless (the bucket is keyed); with the secret key too, each
report still costs an attacker about ten billion argon2 computations.
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

CODE_DIGITS = 16
_NON_DIGITS = re.compile(r"[\s\-\.]")


def generate_code() -> str:
    """A new code of 16 digits (about 53 bits of entropy) from the system's secure source."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def format_code(code: str) -> str:
    """Groups of four for reading aloud and copying: 1234-5678-9012-3456."""
    return "-".join(code[index : index + 4] for index in range(0, len(code), 4))


def normalise_code(text: str) -> str | None:
    """The 16 digits of what a reporter typed (spaces, dashes and dots ignored), or None."""
    digits = _NON_DIGITS.sub("", text or "")
    if len(digits) != CODE_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


INDEX_HEX_CHARS = 5  # 20 bits


def code_index(code: str) -> str:
    """The lookup bucket of a code: the first 20 bits of an HMAC-SHA256 under SECRET_KEY."""
    key = hashlib.sha256(b"tegak.intake.receipt:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()[:INDEX_HEX_CHARS]


def _hasher() -> PasswordHasher:
    time_cost, memory_kib = receipt_hash_parameters()
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)


def hash_code(code: str) -> str:
    """The slow hash stored with the report."""
    return _hasher().hash(code)


def verify_code(stored_hash: str, code: str) -> bool:
    """Whether the code matches the stored slow hash."""
    try:
        return _hasher().verify(stored_hash, code)
    except (VerificationError, InvalidHashError):
        return False


def burn_time(code: str) -> None:
    """Spend the same effort as a real check, so a miss takes as long as a hit."""
    _hasher().hash(code)
