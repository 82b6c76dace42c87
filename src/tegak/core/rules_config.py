"""The one place the web application builds the rules engine's configuration.

The three main readings come from Django settings (so tests can override them); the finer ones
from the environment, exactly as `tegak rules` reads them (docs/rules.md). The API, the case file
and attendance all use this, so a reading set for the installation applies everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tegak.rules import RulesConfig, RulesInputError
from tegak.rules.cli import config_from_environment


def rules_config(**overrides: Any) -> RulesConfig:
    """The installation's readings of the law, with per-call overrides (e.g. an instansi's
    minutes per absent day)."""
    try:
        base = config_from_environment()
    except RulesInputError as error:
        raise ImproperlyConfigured(f"{error.field}: {error.message}") from error
    return replace(
        base,
        sedang_tukin_from=settings.RULES_SEDANG_TUKIN_FROM,
        berat_dismissal=settings.RULES_BERAT_DISMISSAL,
        counting=settings.RULES_COUNTING,
        **overrides,
    )
