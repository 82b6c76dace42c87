"""SQLite with a write lock that is waited for fairly (see `base.py`)."""
