"""The scheduled retention run (daily): deletes what is due for every instansi that switched
deletion on; the others are left alone (their administrators run dry runs on the page)."""

from __future__ import annotations

from django_tasks import task

from tegak.core.access import Right, SystemActor


def retention_actor() -> SystemActor:
    """The process that deletes at the end of retention periods, with that right only."""
    return SystemActor("retention", rights=frozenset({Right.RETENTION_DELETE}))


@task()
def retention_run_all() -> dict[str, int]:
    """Delete what is due in every instansi with scheduled deletion switched on."""
    from tegak.retention.models import RetentionSettings
    from tegak.retention.services import delete_due

    done: dict[str, int] = {}
    for row in RetentionSettings.objects.filter(deletion_enabled=True).select_related("instansi"):
        run = delete_due(actor=retention_actor(), instansi=row.instansi)
        done[row.instansi.code] = sum(run.counts.values())
    return done
