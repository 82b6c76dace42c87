"""Settings for static checks (mypy, makemigrations --check): no secrets needed."""

import os

os.environ.setdefault("TEGAK_SECRET_KEY", "check-secret-key-that-is-long-enough-for-django")
os.environ.setdefault("TEGAK_IDENTITY_KEYS", "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("TEGAK_DATA_DIR", "/tmp/tegak-check")

from tegak.config.settings import *  # noqa: E402, F403
