"""The installation's settings with SQLite waiting a fifth of a second for the write lock (not
10 s), so that a worker test meets a busy database in moments. Used by worker processes the
tests start (DJANGO_SETTINGS_MODULE), never by the test run itself."""

from tegak.config.settings import *  # noqa: F403
from tegak.config.settings import DATABASES

if DATABASES["default"]["ENGINE"] == "tegak.core.sqlite_backend":
    # The last PRAGMA wins over the busy timeout the installation's settings gave.
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA busy_timeout=200;"
SQLITE_WRITE_WAIT_SECONDS = 0.2
