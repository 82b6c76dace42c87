"""Typed readers for settings from the environment; every one fails closed."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path


class ConfigurationError(RuntimeError):
    """A setting is missing or malformed; the process must not start."""


def env_str(name: str, default: str | None = None) -> str:
    """A string setting; without a default it is required."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ConfigurationError(f"{name} must be set (see the README's table of variables)")
        return default
    return value


def env_optional(name: str) -> str | None:
    """A string setting that may be absent."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting: 1/true/yes/on or 0/false/no/off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on", "ya"}:
        return True
    if value in {"0", "false", "no", "off", "tidak"}:
        return False
    raise ConfigurationError(f"{name} must be a yes/no value, got {value!r}")


def env_int(name: str, default: int) -> int:
    """A whole-number setting."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a whole number, got {value!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list setting."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_date(name: str) -> date | None:
    """An optional ISO date setting."""
    value = env_optional(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a date YYYY-MM-DD, got {value!r}") from error


def env_path(name: str, default: Path) -> Path:
    """A filesystem path setting, made absolute."""
    value = env_optional(name)
    return (Path(value) if value else default).expanduser().resolve()
