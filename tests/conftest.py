"""Shared fixtures: personas, the demo instansi, and the real Chromium for browser tests."""

from __future__ import annotations

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _installation_language():
    """Every test starts in the installation's language (Indonesian). A test that left English
    active (a request in English, translation.activate) changed what later tests in the same
    worker read: 'late' for 'terlambat', depending on the order xdist chose."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's Chromium; without it they are skipped, saying why."""
    if os.path.exists(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")):
        return
    skip = pytest.mark.skip(
        reason="Chromium not found at /usr/bin/chromium (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture
def instansi(db):
    """A small kota for tests (not the demo agency)."""
    from tegak.people.models import Instansi

    return Instansi.objects.create(
        code="kota-uji", name="Pemerintah Kota Uji", level="kabupaten_kota", time_zone="WIB"
    )


def make_user(username: str, instansi, *roles: str, password: str = "kata-sandi-uji-123"):
    """A staff user with the given roles in the instansi."""
    from tegak.accounts.models import RoleAssignment, User

    user = User.objects.create_user(username=username, password=password)
    for role in roles:
        RoleAssignment.objects.create(user=user, role=role, instansi=instansi)
    return user


@pytest.fixture
def administrator(instansi):
    return make_user("admin-uji", instansi, "administrator")


@pytest.fixture
def intake_officer(instansi):
    return make_user("petugas-uji", instansi, "intake_officer")


@pytest.fixture
def examiner(instansi):
    return make_user("pemeriksa-uji", instansi, "examiner")


@pytest.fixture
def authorised_official(instansi):
    return make_user("pejabat-uji", instansi, "authorised_official")


@pytest.fixture
def custodian(instansi):
    return make_user("kustodian-uji", instansi, "custodian")


@pytest.fixture
def outsider(db):
    """A staff user of another instansi: must see nothing of ours."""
    from tegak.people.models import Instansi

    other = Instansi.objects.create(
        code="kab-lain", name="Pemerintah Kabupaten Lain", level="kabupaten_kota", time_zone="WITA"
    )
    return make_user("orang-luar", other, "intake_officer", "examiner", "administrator")


@pytest.fixture
def verified_client(client):
    """A test client whose logins count as second-factor verified."""

    def login(user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return login


@pytest.fixture
def wsgi_keeps_db_connection():
    """Calls straight into the WSGI app (schemathesis) send `request_started`/`request_finished`,
    whose handler closes the database connection — and with it the test's transaction on
    PostgreSQL. Django's own test client disconnects that handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
