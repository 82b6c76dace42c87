"""Background jobs that survive death: the django-tasks API over one table in the database.

Apps write jobs with the standard API (`@task()` in `<app>/tasks.py`, `.enqueue(ids…)` from
`transaction.on_commit`) and never import this package: `TASKS` in the settings points at
`tegak.jobs.backend.JobBackend`, `PERIODIC_JOBS` lists the work `tegak worker` schedules itself,
and `JOB_POLICIES` names the few jobs that must not be retried. See docs/operations.md and
docs/adr/0030-jobs-in-the-database.md.
"""
