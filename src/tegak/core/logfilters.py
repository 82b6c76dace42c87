"""Logging filters: a refused permission is one line, not a traceback (#12 item 9)."""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    """Drop the traceback from Django's "Forbidden" records (HTTP 403): the refusal is normal
    operation, and a traceback per refusal buries real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
