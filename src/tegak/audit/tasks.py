"""Background jobs of the audit log (scheduled by `tegak worker`, see PERIODIC_JOBS)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from tegak.audit.checkpoints import checkpoint_create
from tegak.audit.models import AuditVerification
from tegak.audit.verify import verify_events


@task()
def checkpoint() -> dict[str, int | str]:
    """Sign the chain's head (a new checkpoint only when it moved since the last one)."""
    made = checkpoint_create()
    return {"sequence": made.sequence, "hash": made.hash}


@task()
def verify() -> dict[str, int | str | bool | None]:
    """Check the whole chain (links, keyed MACs, head, signed checkpoints) and keep the outcome
    for the staff page and the dashboard (`tegak audit verify` does the same on the command
    line)."""
    report = verify_events()
    AuditVerification.objects.create(
        ran_at=timezone.now(),
        intact=report.intact,
        events_checked=report.events_checked,
        checkpoints_checked=report.checkpoints_checked,
        broken_sequence=report.broken_sequence,
        reason=report.reason,
    )
    return {
        "intact": report.intact,
        "events_checked": report.events_checked,
        "broken_sequence": report.broken_sequence,
    }
