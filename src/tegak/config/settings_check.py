"""Settings for static checks (mypy, makemigrations --check): no secrets needed."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("TEGAK_SECRET_KEY", "check-secret-key-that-is-long-enough-for-django")
os.environ.setdefault("TEGAK_IDENTITY_KEYS", "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=")
# A fixed Ed25519 seed for tests only (never used by a real installation).
# A fixed audit key for tests only.
os.environ.setdefault("TEGAK_AUDIT_KEYS", "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=")
os.environ.setdefault("TEGAK_SIGNING_KEY", "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("TEGAK_DATA_DIR", str(Path(tempfile.gettempdir()) / "tegak-check"))

from tegak.config.settings import *  # noqa: F403
from tegak.config.settings import DATA_DIR as _DATA_DIR

_DATA_DIR.mkdir(parents=True, exist_ok=True)
