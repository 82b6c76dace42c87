"""Attendance imports through the job queue (#18): the request only stores the upload and
enqueues the run on commit; the worker reads and writes outside the request, and the uploader
follows the run on its page (status, then the rows done and every refused row or field)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation

from tegak.attendance.messages import describe
from tegak.attendance.models import ImportRun, ImportRunStatus
from tegak.attendance.services import attendance_import
from tegak.attendance.tasks import alerts_refresh, import_run
from tegak.audit.services import audit_record
from tegak.core.access import administers
from tegak.core.errors import InputError
from tegak.people.models import Instansi

ISSUE_KINDS = ("skipped", "notes", "leave_skipped")


def import_run_start(
    *,
    actor: Any,
    instansi: Instansi,
    checkins: UploadedFile | None,
    leave: UploadedFile | None,
    fmt: str = "",
) -> ImportRun:
    """Keep the upload and enqueue its import (after the commit); nothing is read yet."""
    if not administers(actor, instansi):
        raise PermissionDenied
    if checkins is None and leave is None:
        raise InputError(
            "checkins", translation.gettext("Choose a check-in file, a leave file, or both.")
        )
    with transaction.atomic():
        run = ImportRun(
            instansi=instansi,
            uploaded_by=actor,
            format=fmt or "",
            language=translation.get_language() or "id",
        )
        if checkins is not None:
            run.checkins.save("checkins", checkins, save=False)
        if leave is not None:
            run.leave.save("leave", leave, save=False)
        run.save()
        audit_record(
            actor=actor,
            action="attendance.import_queued",
            target=run,
            instansi_code=instansi.code,
            data={"run_id": run.pk, "checkins": bool(checkins), "leave": bool(leave)},
        )
        transaction.on_commit(partial(import_run.enqueue, run.pk))
    return run


def import_run_for(actor: Any, run_id: int) -> ImportRun:
    """The run, for its uploader or an administrator of its instansi; 404 for anyone else."""
    run = ImportRun.objects.select_related("instansi").filter(pk=run_id).first()
    if run is None or not (
        run.uploaded_by_id == getattr(actor, "pk", None) or administers(actor, run.instansi)
    ):
        raise Http404
    return run


def _read(field: Any) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return bytes(handle.read())


def import_run_execute(run_id: int) -> str:
    """Run one waiting import (the worker): the rows are written by `attendance_import` in its
    own transaction; the run records the outcome; the uploads are deleted once read."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != ImportRunStatus.WAITING:
            return "nothing to do"
        run.status = ImportRunStatus.RUNNING
        run.save(update_fields=["status"])
    with translation.override(run.language):
        try:
            summary = attendance_import(
                actor=run.uploaded_by,
                instansi=run.instansi,
                checkins=_read(run.checkins),
                leave=_read(run.leave),
                fmt=run.format or None,
                refresh_alerts=False,
            )
        except (InputError, PermissionDenied) as error:
            run.status = ImportRunStatus.FAILED
            run.error_field = str(getattr(error, "field", "") or "")[:32]
            run.error = str(getattr(error, "message", "") or translation.gettext("Not allowed."))
        else:
            run.status = ImportRunStatus.DONE
            run.rows_done = summary.rows_read + summary.leave_rows_read
            run.summary = {
                **summary.as_counts(),
                "time_zone": summary.time_zone,
                "zoneinfo_name": summary.zoneinfo_name,
                "days_unchanged": summary.days_unchanged,
                "leave_duplicates": summary.leave_duplicates,
            }
            run.issues = {
                kind: [[issue.line, describe(issue)] for issue in getattr(summary, kind)]
                for kind in ISSUE_KINDS
            }
            for year in sorted(summary.years):
                transaction.on_commit(partial(alerts_refresh.enqueue, run.instansi_id, year))
    for name in ("checkins", "leave"):
        field = getattr(run, name)
        if field:
            field.delete(save=False)
    run.finished_at = timezone.now()
    run.save()
    return str(run.status)
