"""The instansi's own intake clocks (acknowledgment and first answer), set by its administrator."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.access import administers
from tegak.core.errors import InputError
from tegak.intake.models import FirstAnswerCounting, IntakeSettings
from tegak.people.models import Instansi


def intake_settings_set(
    *,
    actor: Any,
    instansi: Instansi,
    acknowledge_working_days: int,
    first_answer_days: int,
    first_answer_counting: str,
) -> IntakeSettings:
    """Set the clocks of reports to this instansi (UU 25/2009 Pasal 44(3) reads 14 plain days)."""
    if not administers(actor, instansi):
        raise PermissionDenied
    if not 1 <= int(acknowledge_working_days) <= 30:
        raise InputError("acknowledge_working_days", _("Give a number of days from 1 to 30."))
    if not 1 <= int(first_answer_days) <= 60:
        raise InputError("first_answer_days", _("Give a number of days from 1 to 60."))
    if first_answer_counting not in FirstAnswerCounting.values:
        raise InputError("first_answer_counting", _("Choose calendar or working days."))
    with transaction.atomic():
        row, _created = IntakeSettings.objects.get_or_create(instansi=instansi)
        row.acknowledge_working_days = int(acknowledge_working_days)
        row.first_answer_days = int(first_answer_days)
        row.first_answer_counting = first_answer_counting
        row.save()
        audit_record(
            actor=actor,
            action="intake.settings_set",
            target=row,
            instansi_code=instansi.code,
            data={
                "acknowledge_working_days": row.acknowledge_working_days,
                "first_answer_days": row.first_answer_days,
                "first_answer_counting": row.first_answer_counting,
            },
        )
    return row
