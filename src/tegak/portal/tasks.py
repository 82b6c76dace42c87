"""Background jobs of the portal (run by `tegak worker`)."""

from __future__ import annotations

from django_tasks import task

from tegak.portal.services import register_refresh


@task()
def refresh_register_entries(accused_ids: list[int]) -> int:
    """Refresh the register entries of these accused (idempotent: takes ids, rereads the file)."""
    return register_refresh(accused_ids=accused_ids)
