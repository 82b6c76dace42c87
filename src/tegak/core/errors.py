"""Bad input, reported the same way everywhere: the field it concerns and a plain message."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


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


class InputErrors(InputError):
    """Several fields' errors found in one look, one per field: `errors` in the order found.
    `field` and `message` are the first's; `details` names every one (the API's answer)."""

    def __init__(self, errors: list[InputError]):
        first = errors[0]
        details = [{"field": error.field, "message": error.message} for error in errors]
        super().__init__(first.field, first.message, details=details)
        self.errors = list(errors)


def each_error(error: InputError) -> list[InputError]:
    """The errors an InputError carries: several for InputErrors, else itself."""
    return list(error.errors) if isinstance(error, InputErrors) else [error]


class Problems:
    """Collects what is wrong with an input, field by field, so that one answer names every
    field's error (the first found for each) instead of only the first field's."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def add(self, error: InputError) -> None:
        for each in each_error(error):
            if all(known.field != each.field for known in self.errors):
                self.errors.append(each)

    def check(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """`function(*args, **kwargs)`, or None when it raised an InputError (kept here)."""
        try:
            return function(*args, **kwargs)
        except InputError as error:
            self.add(error)
            return None

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InputErrors(self.errors)


def exit_with_input_error(error: InputError) -> None:
    """Write the contract's error object to standard error and exit 2 (never a traceback)."""
    sys.stderr.write(json.dumps(error.as_dict(), ensure_ascii=False, indent=2) + "\n")
    raise SystemExit(2)
