"""One-object fetches of the instansi's stored law that answer 404 out of the actor's scope."""

from __future__ import annotations

from typing import Any

from tegak.core.access import administered_one
from tegak.law.models import CalendarDay, RuleVersion
from tegak.people.models import Instansi


def rule_version_for(actor: Any, instansi: Instansi, version_id: object) -> RuleVersion:
    """A version of a rule of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, RuleVersion.objects.all(), instansi, version_id)


def calendar_day_for(actor: Any, instansi: Instansi, day_id: object) -> CalendarDay:
    """A day of the calendar of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, CalendarDay.objects.all(), instansi, day_id)
