"""SQLite connections kept for the next request of the same process (tegak.core.sqlite_backend).

Under ASGI every request runs in a thread of its own, so without the pool each request opened
the database again (file, WAL index, Django's functions, PRAGMAs, the whole schema parsed anew).
These tests use a SQLite file of their own through the project's backend, whatever database
the suite runs on.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from tegak.core.sqlite_backend import base
from tegak.core.sqlite_backend.base import DatabaseWrapper


def _wrapper(path: Path, alias: str) -> DatabaseWrapper:
    settings_dict = {
        **connection.settings_dict,
        "ENGINE": "tegak.core.sqlite_backend",
        "NAME": str(path),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        },
        "TEST": {},
    }
    return DatabaseWrapper(settings_dict, alias=alias)


@pytest.fixture
def database(tmp_path, django_db_blocker) -> Iterator[Path]:
    path = tmp_path / "pool.sqlite3"
    with django_db_blocker.unblock():
        setup = sqlite3.connect(path, isolation_level=None)
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
        setup.close()
        yield path
    base.POOL.clear()


def _in_thread(function):
    """Run `function` in a new thread (as each ASGI request is) and return what it returned."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(function()))
    thread.start()
    thread.join()
    return result[0]


def test_the_next_request_gets_the_connection_the_last_one_closed(database):
    def request(alias: str):
        wrapper = _wrapper(database, alias)
        with wrapper.cursor() as cursor:
            cursor.execute("INSERT INTO note (text) VALUES (%s)", [alias])
        raw = wrapper.connection
        wrapper.close()  # the end of the request
        return raw

    first = _in_thread(lambda: request("first"))
    second = _in_thread(lambda: request("second"))
    assert second is first  # opened once, used by both requests
    check = sqlite3.connect(database)
    assert [row[0] for row in check.execute("SELECT text FROM note ORDER BY id")] == [
        "first",
        "second",
    ]
    check.close()


def test_a_transaction_left_open_is_rolled_back_before_the_connection_is_kept(database):
    left_open = _wrapper(database, "broken")
    left_open.ensure_connection()
    raw = left_open.connection
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("INSERT INTO note (text) VALUES ('never committed')")
    left_open.close()

    next_request = _wrapper(database, "next")
    with next_request.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM note")
        assert cursor.fetchone()[0] == 0
    assert next_request.connection is raw
    assert not raw.in_transaction
    # The write lock was released: another connection can write at once.
    other = sqlite3.connect(database, timeout=0)
    other.execute("INSERT INTO note (text) VALUES ('other')")
    other.commit()
    other.close()
    next_request.close()


def test_a_database_file_replaced_under_the_same_name_is_never_served_by_an_old_connection(
    database,
):
    old = _wrapper(database, "old")
    old.ensure_connection()
    old_raw = old.connection
    old.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    fresh = sqlite3.connect(database)
    fresh.execute("CREATE TABLE other (id INTEGER PRIMARY KEY)")
    fresh.close()

    new = _wrapper(database, "new")
    with new.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in cursor.fetchall()}
    assert new.connection is not old_raw
    assert tables == {"other"}
    new.close()


def test_a_forked_process_does_not_use_its_parents_connections(database):
    parent = _wrapper(database, "parent")
    parent.ensure_connection()
    parent.close()
    assert base.POOL.idle.get(str(database))  # kept in the parent

    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            taken = base.POOL.take(str(database))
            os.write(writer, b"taken" if taken is not None else b"empty")
        finally:
            os._exit(0)
    os.close(writer)
    answer = os.read(reader, 16)
    os.close(reader)
    os.waitpid(child, 0)
    assert answer == b"empty"
    assert base.POOL.idle.get(str(database))  # the parent still has its own


def test_with_the_pool_switched_off_a_closed_connection_is_closed(database, settings):
    settings.SQLITE_CONNECTION_POOL = False
    wrapper = _wrapper(database, "unpooled")
    wrapper.ensure_connection()
    raw = wrapper.connection
    wrapper.close()
    assert not base.POOL.idle.get(str(database))
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")


def test_the_pool_keeps_no_more_than_its_size(database):
    wrappers = [_wrapper(database, f"w{index}") for index in range(base.POOL.size + 3)]
    raws = []
    for wrapper in wrappers:
        wrapper.ensure_connection()
        raws.append(wrapper.connection)
    for wrapper in wrappers:
        wrapper.close()
    assert len(base.POOL.idle[str(database)]) == base.POOL.size
    closed = 0
    for raw in raws:
        try:
            raw.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            closed += 1
    assert closed == 3
