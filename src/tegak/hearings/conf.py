"""Hearings settings with their defaults; each can be set in Django settings or the environment."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tegak.config.env import env_str

EXAMINATION_ON_DAY_OFF = ("refuse", "allow")


def examination_on_day_off() -> str:
    """`refuse` (default): a summons sets the examination on a working day of the instansi;
    `allow`: any day (legal question C10)."""
    value = getattr(settings, "EXAMINATION_ON_DAY_OFF", None) or env_str(
        "TEGAK_EXAMINATION_ON_DAY_OFF", "refuse"
    )
    if value not in EXAMINATION_ON_DAY_OFF:
        raise ImproperlyConfigured(
            f"TEGAK_EXAMINATION_ON_DAY_OFF must be one of {', '.join(EXAMINATION_ON_DAY_OFF)}"
        )
    return str(value)
