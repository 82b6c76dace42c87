"""Small typed readers for JSON input that name the field they reject."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from tegak.rules.config import RulesInputError
from tegak.rules.messages import Text, as_text, say


def require_object(value: Any, field: str) -> dict[str, Any]:
    """A JSON object, or an error naming the field."""
    if not isinstance(value, dict):
        raise RulesInputError(field or "$", "must be a JSON object")
    return value


def parse_date(value: Any, field: str) -> date:
    """An ISO date `YYYY-MM-DD` that exists on the calendar."""
    if not isinstance(value, str):
        raise RulesInputError(field, "must be a date written YYYY-MM-DD")
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise RulesInputError(
            field, say("{value!r} is not a real date (YYYY-MM-DD)", value=value)
        ) from None


def optional_date(value: Any, field: str) -> date | None:
    """An ISO date or null."""
    return None if value is None else parse_date(value, field)


def parse_time(value: Any, field: str) -> time:
    """A local time `HH:MM`."""
    if not isinstance(value, str):
        raise RulesInputError(field, "must be a time written HH:MM")
    try:
        parsed = time.fromisoformat(value)
    except ValueError:
        raise RulesInputError(field, say("{value!r} is not a time (HH:MM)", value=value)) from None
    if parsed.tzinfo is not None:
        raise RulesInputError(field, "must be a local time HH:MM, without an offset")
    return parsed


def text_list(value: Any, field: str) -> tuple[str, ...]:
    """A list of texts (absent or null: empty)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RulesInputError(field, "must be a list of texts")
    return tuple(value)


def non_negative_int(value: Any, field: str, *, default: int | None = None) -> int:
    """A whole number that is zero or more."""
    if value is None and default is not None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise RulesInputError(field, "must be a whole number")
    if value < 0:
        raise RulesInputError(field, "cannot be negative")
    return value


def choice(
    value: Any, field: str, allowed: tuple[str, ...] | frozenset[str], what: str | Text
) -> str:
    """One of a closed set of codes."""
    if not isinstance(value, str) or value not in allowed:
        listed = ", ".join(sorted(allowed))
        raise RulesInputError(
            field,
            say(
                "unknown {what} {value!r}; expected one of: {listed}",
                what=as_text(what),
                value=value,
                listed=listed,
            ),
        )
    return value
