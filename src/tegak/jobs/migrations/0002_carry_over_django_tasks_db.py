"""Carry over the jobs still waiting in django-tasks-db's table (the backend used before).

Installations that ran the earlier backend may have deferred jobs there (deadline checks
enqueued for the day before and after each legal deadline). They are copied into the new table
with their run-after time; finished ones stay where they are. The old table is left in place
(dropping it is a step for the operator once nothing needs it: `DROP TABLE
django_tasks_db_dbtaskresult`).
"""

import json

from django.db import migrations
from django.utils.dateparse import parse_datetime

OLD_TABLE = "django_tasks_db_dbtaskresult"


def carry_over(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    Job = apps.get_model("jobs", "Job")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, task_path, args_kwargs, queue_name, priority, run_after, enqueued_at "  # noqa: S608
            f"FROM {OLD_TABLE} WHERE status IN ('READY', 'RUNNING')"
        )
        rows = cursor.fetchall()
    for job_id, task_path, args_kwargs, queue_name, priority, run_after, enqueued_at in rows:
        if isinstance(args_kwargs, str):
            args_kwargs = json.loads(args_kwargs)
        if isinstance(run_after, str):
            run_after = parse_datetime(run_after)
        if isinstance(enqueued_at, str):
            enqueued_at = parse_datetime(enqueued_at)
        deferred = run_after is not None and run_after.year < 9999
        Job.objects.get_or_create(
            id=job_id,
            defaults={
                "task_path": task_path,
                "args": args_kwargs.get("args", []),
                "kwargs": args_kwargs.get("kwargs", {}),
                "queue_name": queue_name,
                "priority": priority,
                "available_at": run_after if deferred else enqueued_at,
                "deferred": deferred,
                "max_attempts": 5,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_jobs_and_workers")]
    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
