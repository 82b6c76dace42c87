"""The worker's own bookkeeping writes wait out a busy database instead of killing the worker.

On SQLite one writer at a time holds the write lock; under load (reports arriving while the
cleaning jobs run) a worker's write could wait past the busy timeout and raise
`OperationalError: database is locked`. Raised from the worker's loop it ended the process:
the job had run, its outcome was lost, and it ran again after its lease. PostgreSQL raises the
same error class for a dropped connection, a deadlock or a lock timeout.

`patiently` tries such a write again after pauses of a few milliseconds, growing, with jitter,
for up to a lease (`policy.write_patience`): by then the job's lease has run out and its
reclaim, which already exists, takes over. Each try is its own transaction (a savepoint
inside a caller's), so a failed try leaves nothing behind and the next one starts clean.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import connection, transaction
from django.db.utils import OperationalError

from tegak.jobs import policy

logger = logging.getLogger(__name__)
T = TypeVar("T")
FIRST_PAUSE = 0.005
LONGEST_PAUSE = 0.5


def patiently(
    action: Callable[[], T], *, what: str, atomic: bool = True, within: float | None = None
) -> T:
    """`action()`, tried again while it raises OperationalError, for up to `within` seconds (a
    lease by default); then the last error is logged and raised. `atomic=False` for a read,
    which needs no write lock."""
    patience = policy.write_patience().total_seconds() if within is None else within
    started = time.monotonic()
    deadline = started + patience
    pause = FIRST_PAUSE
    tries = 0
    while True:
        tries += 1
        try:
            if atomic:
                with transaction.atomic():
                    result = action()
            else:
                result = action()
        except OperationalError as error:
            _forget_broken_connection()
            now = time.monotonic()
            if now >= deadline:
                logger.error(
                    "%s: database busy or unreachable for %.1f s (%d tries), given up: %s",
                    what,
                    now - started,
                    tries,
                    error,
                )
                raise
            time.sleep(min(pause * random.uniform(0.5, 1.5), deadline - now))
            pause = min(pause * 2, LONGEST_PAUSE)
            continue
        if tries > 1:
            logger.warning(
                "%s: written after waiting %.1f s for a busy database (%d tries)",
                what,
                time.monotonic() - started,
                tries,
            )
        return result


def _forget_broken_connection() -> None:
    """A connection the error left unusable (PostgreSQL restarted, the network cut) is closed,
    so that the next try opens a new one; inside a caller's transaction it is the caller's."""
    if (
        not connection.in_atomic_block
        and connection.connection is not None
        and not connection.is_usable()
    ):
        connection.close()
