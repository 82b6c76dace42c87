"""The case's own index into the audit chain: every event a step writes, linked to its case."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

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
    transaction.on_commit(lambda: _refresh_public_register(case.pk))
    return event


def _refresh_public_register(case_id: int) -> None:
    """After a committed step, bring the case's public-register entries up to date.

    The portal reads the case file, not the other way round; the import is here so that the
    case file does not depend on the portal at import time.
    """
    from tegak.cases.models import Accused
    from tegak.portal.services import register_refresh

    register_refresh(
        accused_ids=list(Accused.objects.filter(case_id=case_id).values_list("pk", flat=True))
    )
