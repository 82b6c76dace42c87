"""Attendance imports through the job queue (#18): the request only stores the upload and
enqueues the run on commit; the worker reads and writes outside the request, and the uploader
follows the run on its page (status, then the rows done and every refused row or field)."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import timezone, translation

from tegak.attendance.messages import describe
from tegak.attendance.models import ImportRun, ImportRunStatus
from tegak.attendance.services import attendance_import
from tegak.attendance.tasks import alerts_refresh, import_run
from tegak.audit.services import audit_record
from tegak.core.access import Right, SystemActor, administers, has_right
from tegak.core.errors import InputError
from tegak.people.models import Instansi

logger = logging.getLogger(__name__)

ISSUE_KINDS = ("skipped", "notes", "leave_skipped")
# The operator at the server's command line: imports, nothing else (recorded as "cli").
COMMAND_LINE = SystemActor("cli", rights=frozenset({Right.ATTENDANCE_IMPORT}))


def import_run_start(
    *,
    actor: Any,
    instansi: Instansi,
    checkins: File | None,
    leave: File | None,
    fmt: str = "",
    device_map: File | None = None,
) -> ImportRun:
    """Keep the files and enqueue their import (after the commit); nothing is read yet. The
    administrator's page and `tegak attendance import` (a system actor with
    `Right.ATTENDANCE_IMPORT`) both start here, and the same job runs them."""
    if not (administers(actor, instansi) or has_right(actor, Right.ATTENDANCE_IMPORT, instansi)):
        raise PermissionDenied
    if checkins is None and leave is None:
        raise InputError(
            "checkins", translation.gettext("Choose a check-in file, a leave file, or both.")
        )
    with transaction.atomic():
        run = ImportRun(
            instansi=instansi,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            format=fmt or "",
            language=translation.get_language() or "id",
        )
        for name, content in (("checkins", checkins), ("leave", leave), ("device_map", device_map)):
            if content is not None:
                getattr(run, name).save(name, content, save=False)
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
    uploader = getattr(actor, "pk", None)
    if run is None or not (
        (uploader is not None and run.uploaded_by_id == uploader)
        or administers(actor, run.instansi)
        or has_right(actor, Right.ATTENDANCE_IMPORT, run.instansi)
    ):
        raise Http404
    return run


def import_run_phase(run: ImportRun) -> str:
    """Where the run stands: `waiting` for the worker, `reading` the files, `saving` the rows
    (checked and written in one transaction, so no row is visible until all are), or finished
    (`done`, `failed`)."""
    if run.finished:
        return str(run.status)
    if run.status == ImportRunStatus.RUNNING:
        return "saving" if run.rows_total else "reading"
    return "waiting"


def import_run_progress(run: ImportRun) -> dict[str, Any]:
    """What the run's page shows while it runs (and its script polls). While the rows are
    saved the count does not move (they are committed together): the page says the run is
    saving them instead of showing 0 of N until the total appears at once."""
    phase = import_run_phase(run)
    labels = {
        "reading": translation.gettext("Reading the files"),
        "saving": translation.gettext("Saving the rows"),
    }
    texts = {
        "waiting": translation.gettext("The files have not been read yet."),
        "reading": translation.gettext("The files are being read."),
        "saving": translation.gettext(
            "%(total)s rows read: they are checked and saved together, all at once."
        )
        % {"total": run.rows_total},
    }
    return {
        "status": run.status,
        "phase": phase,
        "status_label": labels.get(phase) or str(run.get_status_display()),
        "rows_total": run.rows_total,
        "rows_done": run.rows_done,
        "finished": run.finished,
        "rows_text": texts.get(phase)
        or translation.gettext("%(done)s of %(total)s rows written")
        % {"done": run.rows_done, "total": run.rows_total},
    }


def _record_rows_read(run_id: int, rows: int) -> None:
    # Outside the import's write transaction, so the run's page sees it while the rows are
    # checked and written.
    ImportRun.objects.filter(pk=run_id).update(rows_total=rows)


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
                actor=run.uploaded_by or COMMAND_LINE,
                instansi=run.instansi,
                checkins=_read(run.checkins),
                leave=_read(run.leave),
                fmt=run.format or None,
                device_map=_read(run.device_map),
                refresh_alerts=False,
                on_read=partial(_record_rows_read, run.pk),
            )
        except (InputError, PermissionDenied) as error:
            run.status = ImportRunStatus.FAILED
            run.error_field = str(getattr(error, "field", "") or "")[:32]
            run.error = str(getattr(error, "message", "") or translation.gettext("Not allowed."))
        except DatabaseError:
            # The database was away: the run waits again and the job's retry takes it up (it
            # stayed "running" for ever, which its retry took for someone else's run).
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.WAITING)
            raise
        except Exception as error:  # a file no reader expected: the run fails, and says so
            logger.exception("attendance import run %s failed", run.pk)
            run.status = ImportRunStatus.FAILED
            run.error_field = "checkins"
            run.error = translation.gettext(
                "The file could not be read (%(kind)s). Nothing was saved; check the file or "
                "export it again."
            ) % {"kind": type(error).__name__}
        else:
            run.status = ImportRunStatus.DONE
            run.rows_done = summary.rows_read + summary.leave_rows_read
            run.rows_total = run.rows_done
            run.summary = {
                **summary.as_counts(),
                "time_zone": summary.time_zone,
                "zoneinfo_name": summary.zoneinfo_name,
                "days_unchanged": summary.days_unchanged,
                "leave_duplicates": summary.leave_duplicates,
            }
            run.issues = {
                kind: [
                    [issue.line, describe(issue), issue.code] for issue in getattr(summary, kind)
                ]
                for kind in ISSUE_KINDS
            }
            for year in sorted(summary.years):
                transaction.on_commit(partial(alerts_refresh.enqueue, run.instansi_id, year))
    run.rows_total = max(run.rows_total, ImportRun.objects.get(pk=run.pk).rows_total)
    for name in ("checkins", "leave", "device_map"):
        field = getattr(run, name)
        if field:
            field.delete(save=False)
    run.finished_at = timezone.now()
    run.save()
    return str(run.status)
