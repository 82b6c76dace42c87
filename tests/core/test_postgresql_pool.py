"""On PostgreSQL a request's connection comes from the process's pool and goes back to it.

Under ASGI every request runs its view in a thread of its own and Django's connections belong to
a thread: without Django's native pool (`OPTIONS["pool"]`, psycopg_pool) every request opened a
new PostgreSQL connection, a new server process (ADR 0033). Driven through the real ASGI
application, as gunicorn's workers run it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

from tegak.config.asgi import BoundedASGIHandler
from tegak.core.busy import is_database_busy
from tests.core.test_asgi_one_hop import _get

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's pool; SQLite has its own test"
)


def fresh_pool() -> None:
    """A new pool as configured, opened, whatever earlier tests left in it."""
    connection.close()
    connection.close_pool()
    assert connection.pool is not None, "the PostgreSQL pool is not configured"
    connection.pool.open(wait=True)


@contextmanager
def pool_with(**changes) -> Iterator[None]:
    """A new pool with these options changed (`max_size`, `timeout`) for the block; afterwards
    the configured one again."""
    options = connection.settings_dict["OPTIONS"]
    saved = options["pool"]
    connection.close()
    connection.close_pool()
    options["pool"] = {**saved, **changes}
    try:
        yield
    finally:
        connection.close()
        connection.close_pool()
        options["pool"] = saved


@login_not_required
def backend_pid_view(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return HttpResponse(str(pid))


@login_not_required
def prepared_view(request):
    """Runs one parameterised statement, then lists what this connection has prepared."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_instansi WHERE code = %s", ["kota-contoh"])
        cursor.fetchone()
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    return HttpResponse("\n".join(prepared))


# The project's pages and error handlers, and two more pages.
urlpatterns = [
    path("pid/", backend_pid_view),
    path("prepared/", prepared_view),
    path("", include("tegak.config.urls")),
]
handler500 = "tegak.core.busy.server_error"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_requests_in_a_row_reuse_one_postgresql_connection():
    # A pool of one idle connection, whatever earlier tests left: the pool hands its idle
    # connections out in turn, so with two idle ones requests would alternate between them.
    fresh_pool()
    with override_settings(ROOT_URLCONF=__name__):
        application = BoundedASGIHandler()
        pids = []
        for _ in range(3):
            status, _headers, body, _loop = _get(application, "/pid/")
            assert status == 200
            pids.append(int(body))
    assert pids[0] == pids[1] == pids[2]
    assert connection.pool.get_stats()["connections_num"] == 1  # opened once, then reused


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_statement_run_again_and_again_on_a_pooled_connection_is_prepared_once():
    # PostgreSQL then neither parses nor plans it again (TEGAK_DB_PREPARED_STATEMENTS).
    fresh_pool()
    with override_settings(ROOT_URLCONF=__name__):
        application = BoundedASGIHandler()
        seen = []
        for _ in range(6):
            status, _headers, body, _loop = _get(application, "/prepared/")
            assert status == 200
            seen.append(body.decode())
    statement = "SELECT count(*) FROM people_instansi WHERE code = $1"
    assert statement not in seen[0]  # a statement run once is only sent
    assert statement in seen[-1]  # the same connection, after the fifth run: prepared


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_request_that_waits_too_long_for_a_connection_is_busy_not_hung():
    with pool_with(max_size=1, timeout=0.5):
        connection.ensure_connection()  # this thread holds the only connection
        with override_settings(ROOT_URLCONF=__name__):
            status, headers, body, _loop = _get(BoundedASGIHandler(), "/pid/")
    assert status == 503  # "busy, nothing saved, try again", after the timeout
    assert headers[b"retry-after"] == b"5"
    assert "Server sedang sibuk" in body.decode()


def test_a_pool_timeout_counts_as_a_busy_database():
    from psycopg_pool import PoolTimeout

    try:
        try:
            raise PoolTimeout("couldn't get a connection after 10.00 sec")
        except PoolTimeout as error:
            raise OperationalError(str(error)) from error  # as Django wraps it
    except OperationalError as wrapped:
        assert is_database_busy(wrapped)
