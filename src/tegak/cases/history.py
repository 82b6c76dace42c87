"""The case's own index into the audit chain: every event a step writes, linked to its case.

Readers above the case file (the portal's register) subscribe to these events
(`tegak.audit.events`); the case file calls none of them."""

from __future__ import annotations

from typing import Any

from django.db import models

from tegak.audit.models import AuditEvent
from tegak.audit.services import audit_record
from tegak.cases.models import Case, CaseEvent


def case_event(
    *,
    actor: Any,
    action: str,
    case: Case,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write the step's one audit event and link it to the case (same transaction)."""
    event = audit_record(
        actor=actor,
        action=action,
        target=target if target is not None else case,
        instansi_code=case.instansi.code,
        data={"case_id": case.pk, **(data or {})},
    )
    CaseEvent.objects.create(case=case, event=event)
    return event
