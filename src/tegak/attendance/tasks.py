"""Background jobs of attendance (run by `tegak worker`): they take ids and are idempotent."""

from __future__ import annotations

from django_tasks import task

from tegak.attendance.services import attendance_alerts_refresh
from tegak.people.models import Instansi


@task()
def alerts_refresh(instansi_id: int, year: int) -> int:
    """Bring one instansi's alerts of the year up to date; a crossed threshold alerts once."""
    instansi = Instansi.objects.get(pk=instansi_id)
    return len(attendance_alerts_refresh(actor="worker", instansi=instansi, year=year))


@task()
def import_run(run_id: int) -> str:
    """Run one uploaded attendance import (`attendance.import_runs`)."""
    from tegak.attendance.import_runs import import_run_execute

    return import_run_execute(run_id)
