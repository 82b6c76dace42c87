"""Background jobs of the audit log (scheduled by `tegak worker`, see PERIODIC_JOBS)."""

from __future__ import annotations

from django_tasks import task

from tegak.audit.checkpoints import checkpoint_create


@task()
def checkpoint() -> dict[str, int | str]:
    """Sign the chain's head (a new checkpoint only when it moved since the last one)."""
    made = checkpoint_create()
    return {"sequence": made.sequence, "hash": made.hash}
