"""Bad input, reported the same way everywhere: the field it concerns and a plain message."""

from __future__ import annotations

import json
import sys
from typing import Any


class InputError(Exception):
    """Input that cannot be accepted: `field` is a JSON path or form field; `message` is plain."""

    def __init__(self, field: str, message: str, *, details: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.field = field
        self.message = str(message)
        self.details = details or []

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"field": self.field, "message": self.message}
        if self.details:
            body["details"] = self.details
        return {"error": body}


def exit_with_input_error(error: InputError) -> None:
    """Write the contract's error object to standard error and exit 2 (never a traceback)."""
    sys.stderr.write(json.dumps(error.as_dict(), ensure_ascii=False, indent=2) + "\n")
    raise SystemExit(2)
