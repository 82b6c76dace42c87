"""Schemathesis over the case endpoints as a logged-in officer: no input makes the server fail."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from tests.api.whole_schema import whole_api_schema

# The whole schema, as staff get it (a visitor gets only the public part).
schema = whole_api_schema().include(path_regex=r"^/api/v1/cases/")


@pytest.fixture
def keep_connection():
    """Call the WSGI app as the test client does: without closing the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def session_cookie(db, instansi, keep_connection):
    from django.conf import settings as django_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import make_user

    user = make_user("fuzz", instansi, "intake_officer", "examiner", "authorised_official")
    device = TOTPDevice.objects.create(user=user, name="fuzz", confirmed=True)
    store = import_string(django_settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["otp_device_id"] = device.persistent_id
    store.save()
    return f"{django_settings.SESSION_COOKIE_NAME}={store.session_key}"


@pytest.mark.django_db
@pytest.mark.usefixtures("wsgi_keeps_db_connection")
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_case_endpoints_never_fail(case, session_cookie):
    response = case.call(headers={"Cookie": session_cookie})
    assert response.status_code < 500, response.text
