"""A database too busy to take a write now: the answer is 503 "try again", never a 500.

On SQLite one writer at a time holds the write lock; when a write transaction cannot get it
within `SQLITE_WRITE_WAIT_SECONDS` (or PostgreSQL gives up on a lock, a deadlock or a
serialization conflict), the transaction is rolled back whole: nothing of the request was
written. The visitor is told exactly that, in their language, with `Retry-After`.
"""

from __future__ import annotations

import sqlite3
import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from psycopg_pool import PoolTimeout

RETRY_AFTER_SECONDS = 5
_SQLITE_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
# SQLSTATEs of PostgreSQL for "not now, try again": serialization failure, deadlock, lock not
# available (lock_timeout), too many connections. A request that waited the pool's timeout for a
# connection (TEGAK_DB_POOL_TIMEOUT_SECONDS) had none: nothing of it was written either.
_POSTGRESQL_BUSY_STATES = ("40001", "40P01", "55P03", "53300")


def is_database_busy(error: BaseException | None) -> bool:
    """True for a write that failed only because the database was busy (nothing was written)."""
    while error is not None:
        if isinstance(error, PoolTimeout):
            return True
        if isinstance(error, sqlite3.OperationalError):
            code = getattr(error, "sqlite_errorcode", None)
            if code is not None:
                return code & 0xFF in _SQLITE_BUSY_CODES
            return "database is locked" in str(error) or "database table is locked" in str(error)
        state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if state:
            return state in _POSTGRESQL_BUSY_STATES
        if not isinstance(error, DatabaseError):
            return False
        error = error.__cause__
    return False


def with_retry_after(response: HttpResponse) -> HttpResponse:
    """Mark an answer as "busy, nothing saved, come back in a few seconds"."""
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def busy_response(request: HttpRequest) -> HttpResponse:
    """The page for any request that met a busy database (503, Retry-After). Rendered without
    the request's context, like the 500 page: nothing on it may need the database."""
    page = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    return with_retry_after(HttpResponse(page))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a busy database is a 503 "try again"; anything else Django's 500 page."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request)
