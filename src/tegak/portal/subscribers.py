"""The portal reacts to the case file's events: it is never called from below (docs/DEVELOPING.md,
"Layers")."""

from __future__ import annotations

from tegak.audit import events
from tegak.audit.models import AuditEvent
from tegak.cases.models import Accused
from tegak.portal.tasks import refresh_register_entries


def register_refresh_after_case_event(event: AuditEvent) -> None:
    """After a committed step of a case, enqueue the refresh of its accused's register entries.

    Every event written through the case file carries `case_id`; the job rereads the file, so
    running it late or twice is harmless."""
    case_id = (event.data or {}).get("case_id")
    if case_id is None:
        return
    accused_ids = list(Accused.objects.filter(case_id=case_id).values_list("pk", flat=True))
    if accused_ids:
        refresh_register_entries.enqueue(accused_ids)


def connect() -> None:
    events.subscribe("*", register_refresh_after_case_event, when=events.ON_COMMIT)
