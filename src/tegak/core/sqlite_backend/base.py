"""Django's SQLite backend, waiting for the write lock in short steps.

Every write transaction starts with `BEGIN IMMEDIATE` (the settings' `transaction_mode`), which
takes SQLite's one write lock. When another process holds it, SQLite's own busy handler sleeps
in steps that grow to 100 ms (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100, 100 … ms) and is not
fair: a waiting writer sleeps through the short gaps between the other workers' transactions,
which take the lock again at once. Under load a reporter's submission then waited more than the
10 s busy timeout and failed with "database is locked" (issue #16), while the lock was free most
of the time. Here `BEGIN IMMEDIATE` is tried without SQLite's sleeping, and retried after
0.5–4 ms (with jitter) until `SQLITE_WRITE_WAIT_SECONDS`; then the error is raised as before,
and the page answers 503 with Retry-After (`tegak.core.busy`). Statements outside an explicit
transaction keep SQLite's busy timeout.
"""

from __future__ import annotations

import random
import sqlite3
import time
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

FIRST_PAUSE = 0.0005
LONGEST_PAUSE = 0.004


def _busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite; a write transaction waits for the lock in steps of a few milliseconds."""

    def get_new_connection(self, conn_params: Any) -> Any:
        connection = super().get_new_connection(conn_params)
        # The busy timeout the settings gave this connection, put back after each BEGIN.
        self.busy_timeout_ms = int(connection.execute("PRAGMA busy_timeout").fetchone()[0])
        return connection

    def _start_transaction_under_autocommit(self) -> None:
        if getattr(self, "transaction_mode", None) != "IMMEDIATE":
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
            return
        wait = float(getattr(settings, "SQLITE_WRITE_WAIT_SECONDS", 10.0))
        deadline = time.monotonic() + wait
        pause = FIRST_PAUSE
        raw: Any = self.connection
        with self.wrap_database_errors:
            raw.execute("PRAGMA busy_timeout = 0")
            try:
                while True:
                    try:
                        raw.execute("BEGIN IMMEDIATE")
                        return
                    except sqlite3.OperationalError as error:
                        if not _busy(error) or time.monotonic() + pause > deadline:
                            raise
                    time.sleep(pause * (0.5 + random.random()))
                    pause = min(pause * 1.5, LONGEST_PAUSE)
            finally:
                raw.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
