"""Schemathesis over the whole REST API as a verified staff user: no 5xx for any input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from tests.api.whole_schema import whole_api_schema

# The whole schema, as staff get it (a visitor gets only the public part).
schema = whole_api_schema()


@pytest.fixture
def session_cookie(db, instansi, intake_officer):
    """A verified session of a user holding every staff role of the test kota."""
    from django.conf import settings as django_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import make_user

    user = make_user(
        "fuzz-semua",
        instansi,
        "intake_officer",
        "examiner",
        "authorised_official",
        "custodian",
        "administrator",
    )
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
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_api_endpoint_fails(case, session_cookie, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    response = case.call(headers={"Cookie": session_cookie})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:500]}"
