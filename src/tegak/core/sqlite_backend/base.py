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

Connections are also kept for the next request of the same process (`ConnectionPool`). Under
ASGI every request runs its synchronous code in a thread of its own, and Django's connections
belong to a thread, so each request opened the database afresh: open the file and its WAL
index, register Django's SQL functions, run the PRAGMAs, and parse the whole schema again on the
first query. That was about 3 ms of CPU on every page that reads the database (a third of the
public report form's own work, issue #16). A closed connection now goes back to a small pool
of its process, with any transaction rolled back, and the next request takes it. The pool
belongs to one process (a forked child starts empty) and to one database file (a file replaced
under the same name, as the tests do, is never served by a connection to the old one).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

FIRST_PAUSE = 0.0005
LONGEST_PAUSE = 0.004


def _busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _file_identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the database file, or None (in memory, or not there)."""
    try:
        found = os.stat(path)
    except (OSError, ValueError, TypeError):
        return None
    return found.st_dev, found.st_ino


class ConnectionPool:
    """Idle SQLite connections of this process, by database file, for the next request."""

    def __init__(self, size: int = 8):
        self.size = size
        self.lock = threading.Lock()
        self.pid = os.getpid()
        self.idle: dict[str, list[tuple[Any, tuple[int, int], int]]] = {}

    def _mine(self) -> None:
        # After a fork the parent's connections are not ours to use (nor to close).
        if self.pid != os.getpid():
            self.pid, self.idle = os.getpid(), {}

    def take(self, path: str) -> tuple[Any, int] | None:
        """An idle connection to this file as it is now, with its busy timeout, or None."""
        identity = _file_identity(path)
        if identity is None:
            return None
        with self.lock:
            self._mine()
            waiting = self.idle.get(path, [])
            while waiting:
                raw, opened_on, busy_timeout_ms = waiting.pop()
                if opened_on == identity:
                    return raw, busy_timeout_ms
                raw.close()  # the file was replaced: this connection reads the old one
        return None

    def give_back(self, path: str, raw: Any, busy_timeout_ms: int) -> bool:
        """Keep a connection that is in autocommit, outside any transaction (False: close it)."""
        identity = _file_identity(path)
        if identity is None or raw.in_transaction:
            return False
        with self.lock:
            self._mine()
            waiting = self.idle.setdefault(path, [])
            if len(waiting) >= self.size:
                return False
            waiting.append((raw, identity, busy_timeout_ms))
        return True

    def clear(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, {}
        if self.pid == os.getpid():
            for waiting in idle.values():
                for raw, _identity, _timeout in waiting:
                    raw.close()


POOL = ConnectionPool()


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite; a write transaction waits for the lock in steps of a few milliseconds, and a
    closed connection waits in the process's pool for the next request."""

    def _pooled(self) -> bool:
        return bool(getattr(settings, "SQLITE_CONNECTION_POOL", True)) and not (
            self.is_in_memory_db()
        )

    def get_new_connection(self, conn_params: Any) -> Any:
        path = str(conn_params.get("database", ""))
        if self._pooled():
            kept = POOL.take(path)
            if kept is not None:
                connection, self.busy_timeout_ms = kept
                return connection
        connection = super().get_new_connection(conn_params)
        # The busy timeout the settings gave this connection, put back after each BEGIN.
        self.busy_timeout_ms = int(connection.execute("PRAGMA busy_timeout").fetchone()[0])
        return connection

    def _close(self) -> None:
        raw: Any = self.connection
        if raw is None or not self._pooled():
            super()._close()  # type: ignore[misc]
            return None
        with self.wrap_database_errors:
            try:
                if raw.in_transaction:
                    raw.rollback()
                raw.isolation_level = None  # autocommit, as Django sets it on connecting
            except sqlite3.Error:
                raw.close()
                return None
            if not POOL.give_back(
                str(self.settings_dict["NAME"]), raw, getattr(self, "busy_timeout_ms", 10000)
            ):
                raw.close()
        return None

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
