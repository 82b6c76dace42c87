"""A report sent while the database is too busy to take it: a 503 "send again", never a 500,
and nothing half-written (issue #16: under twice the sustainable rate on SQLite the form
answered 500 "database is locked")."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

from tegak.core.busy import is_database_busy
from tegak.core.sqlite_backend.base import DatabaseWrapper
from tegak.intake.models import Evidence, Report

from .conftest import jpeg_with_gps
from .test_views import _form

sqlite_only = pytest.mark.skipif(
    "sqlite" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's write lock; PostgreSQL locks rows",
)


@pytest.fixture
def write_lock_held() -> Iterator[sqlite3.Connection]:
    """Another connection holding SQLite's write lock on the test database."""
    name = connection.settings_dict["NAME"]
    other = sqlite3.connect(name, uri=str(name).startswith("file:"), check_same_thread=False)
    other.isolation_level = None
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def _stored_files() -> list[Path]:
    folder = Path(django_settings.MEDIA_ROOT) / "evidence"
    return sorted(folder.rglob("*")) if folder.exists() else []


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_report_sent_while_the_database_is_busy_is_refused_whole_with_503(
    instansi, settings, write_lock_held
):
    settings.SQLITE_WRITE_WAIT_SECONDS = 0.2
    files_before = _stored_files()
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("reporting:new"),
        _form(instansi, files=SimpleUploadedFile("foto.jpg", jpeg_with_gps())),
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "TIDAK tersimpan" in page  # said in Indonesian, on the form
    assert "Karaoke pada hari Jumat" in page  # what was typed is kept
    write_lock_held.execute("ROLLBACK")
    write_lock_held.execute("BEGIN")  # the fixture rolls back at the end
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert _stored_files() == files_before  # the original written before the transaction: gone
    again = client.post(reverse("reporting:new"), _form(instansi))
    assert again.status_code == 201  # sent again once the database is free: saved


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_any_page_that_meets_a_busy_database_answers_503_not_500(
    instansi, settings, write_lock_held
):
    settings.SQLITE_WRITE_WAIT_SECONDS = 0.2
    client = Client(raise_request_exception=False)
    # A wrong receipt code is counted (a write) before the answer.
    response = client.post(reverse("reporting:track"), {"code": "1234-5678-9012-3456"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Server sedang sibuk" in response.content.decode()


@pytest.fixture
def file_database(tmp_path, django_db_blocker) -> Iterator[DatabaseWrapper]:
    """A SQLite file of its own (WAL, a 10 s busy timeout), through the project's backend."""
    with django_db_blocker.unblock():
        wrapper = _file_database(tmp_path)
        yield wrapper
        wrapper.close()


def _file_database(tmp_path: Path) -> DatabaseWrapper:
    settings_dict = {
        **connection.settings_dict,
        "ENGINE": "tegak.core.sqlite_backend",
        "NAME": str(tmp_path / "lock.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        },
        "TEST": {},
    }
    wrapper = DatabaseWrapper(settings_dict, alias="lock-test")
    wrapper.ensure_connection()
    return wrapper


def test_a_writer_gives_up_after_the_configured_wait_not_sqlites_busy_timeout(
    tmp_path, settings, file_database
):
    settings.SQLITE_WRITE_WAIT_SECONDS = 0.3
    wrapper = file_database
    holder = sqlite3.connect(tmp_path / "lock.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(OperationalError) as raised:
        wrapper._start_transaction_under_autocommit()
    waited = time.monotonic() - started
    holder.execute("ROLLBACK")
    assert is_database_busy(raised.value)
    assert 0.25 <= waited < 5  # the busy timeout of the connection (10 s) was not used
    # The connection's own busy timeout is still there for statements outside a transaction.
    assert wrapper.connection.execute("PRAGMA busy_timeout").fetchone()[0] == 10000


def test_a_writer_gets_the_lock_soon_after_it_is_released(tmp_path, settings, file_database):
    settings.SQLITE_WRITE_WAIT_SECONDS = 10
    wrapper = file_database
    holder = sqlite3.connect(
        tmp_path / "lock.sqlite3", isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: holder.execute("ROLLBACK")).start()
    started = time.monotonic()
    wrapper._start_transaction_under_autocommit()
    waited = time.monotonic() - started
    wrapper.connection.execute("ROLLBACK")
    assert 0.25 <= waited < 2
