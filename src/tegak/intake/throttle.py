"""Limits on guessing receipt codes and on floods of submissions, kept in the database.

Client addresses are stored only as a keyed hash, and rows older than a day are removed as new
ones arrive.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from tegak.core import onerow
from tegak.core.clients import client_address
from tegak.intake.conf import (
    reports_per_address_per_hour,
    track_failures_overall,
    track_failures_per_address,
    track_window_minutes,
    verifications_overall_per_hour,
    verifications_per_address_per_hour,
)
from tegak.intake.models import ThrottleEvent, ThrottleKind


def client_key_for_address(address: str) -> str:
    """A keyed hash of a client address (the address itself is personal data)."""
    key = hashlib.sha256(b"tegak.intake.client:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def client_key(request: HttpRequest) -> str:
    """The throttle key of the request's client address."""
    return client_key_for_address(client_address(request))


def _count(kind: str, key: str | None, minutes: int, up_to: int) -> int:
    """Attempts of this kind in the last minutes (by this client, or by everyone), counted no
    further than `up_to` (the limit they are compared with).

    One plain query on the (kind, client_key, at) index: it runs on every public report and
    every receipt-code try, where building the same query through the ORM cost four times
    what the database took to answer it (bench/intake.py). It stops at `up_to`: under a
    flood (many reports from one address, or codes guessed from many), a count of everything
    in the window would cost each request more the longer the flood went on."""
    if up_to <= 0:
        return 0
    meta = ThrottleEvent._meta
    quote = connection.ops.quote_name
    since = connection.ops.adapt_datetimefield_value(timezone.now() - timedelta(minutes=minutes))
    # Names from the models' own metadata, quoted; every value is a parameter.
    sql = (
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {quote(meta.db_table)} "  # noqa: S608
        f"WHERE {quote(meta.get_field('kind').column)} = %s "
        f"AND {quote(meta.get_field('at').column)} >= %s"
    )
    params: list[Any] = [kind, since]
    if key is not None:
        sql += f" AND {quote(meta.get_field('client_key').column)} = %s"
        params.append(key)
    sql += " LIMIT %s) AS counted"
    params.append(up_to)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def _reached(kind: str, key: str | None, minutes: int, limit: int) -> bool:
    """Whether there were at least `limit` attempts of this kind in the last minutes."""
    return _count(kind, key, minutes, limit) >= limit


def record(kind: str, key: str) -> None:
    """Count one attempt (and now and then forget rows older than a day)."""
    now = timezone.now()
    onerow.insert(ThrottleEvent(kind=kind, client_key=key, at=now))
    if secrets.randbelow(50) == 0:
        ThrottleEvent.objects.filter(at__lt=now - timedelta(days=1)).delete()


def tracking_locked(key: str) -> bool:
    """Whether this address may not try a receipt code now, for its OWN wrong codes only: the
    per-address limit, or two of them while many addresses are guessing (spread guessing stays
    slow). Others' guesses alone never lock an address, so a reporter's right code, or a first
    typo and then the right code, always gets in."""
    window = track_window_minutes()
    per_address = track_failures_per_address()
    own = _count(ThrottleKind.TRACK_FAILURE, key, window, max(per_address, 2))
    if own >= per_address:
        return True
    return own >= 2 and _reached(ThrottleKind.TRACK_FAILURE, None, window, track_failures_overall())


def submissions_exhausted(key: str) -> bool:
    """Whether this address has already submitted as many reports as allowed this hour."""
    return _reached(ThrottleKind.SUBMISSION, key, 60, reports_per_address_per_hour())


def verifications_exhausted(key: str) -> bool:
    """Whether this address (or everyone together) has checked as many files as allowed this
    hour on the public verification page (documents are signed by `tegak.documents`)."""
    return _reached(
        ThrottleKind.VERIFICATION, key, 60, verifications_per_address_per_hour()
    ) or _reached(ThrottleKind.VERIFICATION, None, 60, verifications_overall_per_hour())
