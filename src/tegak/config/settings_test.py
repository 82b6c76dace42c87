"""Settings for the test suite: SQLite, or PostgreSQL when TEGAK_TEST_DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault("TEGAK_SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")
os.environ.setdefault(
    "TEGAK_IDENTITY_KEYS",
    "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=",
)
# A fixed Ed25519 seed for tests only (never used by a real installation).
# A fixed audit key for tests only.
os.environ.setdefault("TEGAK_AUDIT_KEYS", "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=")
os.environ.setdefault("TEGAK_SIGNING_KEY", "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=")
os.environ.setdefault("TEGAK_DATA_DIR", tempfile.mkdtemp(prefix="tegak-test-"))
if os.environ.get("TEGAK_TEST_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["TEGAK_TEST_DATABASE_URL"]
else:
    os.environ.pop("DATABASE_URL", None)

from tegak.config.settings import *  # noqa: F403
from tegak.config.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only in tests
REQUIRE_SECOND_FACTOR = True
AXES_FAILURE_LIMIT = 5
# The test process's own peak memory (browsers' pages, Polars frames) says nothing about a job:
# in-process runners never end on it (the test of recycling sets its own limit).
WORKER_RECYCLE_MB = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"] == "tegak.core.sqlite_backend":
    # In memory, as Django's own SQLite backend is tested. pytest-django recognises SQLite only
    # by Django's engine name: under xdist it named our backend's test database
    # "test_/tmp/…/tegak.sqlite3_gw0", a file in no folder, and every test failed to open it.
    DATABASES["default"]["TEST"].setdefault("NAME", ":memory:")

from tegak.config.settings import STATIC_ROOT  # noqa: E402

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
