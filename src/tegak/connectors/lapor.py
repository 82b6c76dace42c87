"""The SP4N-LAPOR! connector: complaints dispatched to the instansi come into triage as channel
"LAPOR!" with their tracking id; their status goes back (received, forwarded, rejected, in a
case, decided — public text only).

LAPOR!'s integration API is offered to accounts with the developer role and its documentation
is not public. This adapter follows the published traces (a data-access API answering JSON to a
`KEYTOKEN` header and leaving confidential reports out; `/api/stream/addstream` taking a token
and a `trackingid`, answering `transaksiid`), and keeps every assumption in this one module, in
`DISPATCH_FIELDS`, `pull_page` and `push_status`. The interface (docs/integrations.md):

    GET  <base>/api/complaints?status=dispatched&page=N        KEYTOKEN: <token>
         -> {"data": [<dispatch>, ...], "next_page": N+1 | null}
    POST <base>/api/stream/addstream                            KEYTOKEN: <token>
         form: trackingid, status, content
         -> {"success": true, "transaksiid": ...}

A dispatch: {"trackingid", "judul", "isi", "tanggal" (YYYY-MM-DD[ HH:MM[:SS]]), "lokasi",
"kategori"}; anything else it holds (a reporter's name or contact) is never stored.

Idempotent: a dispatch is imported once per instansi and tracking id (`LaporDispatch`); a
malformed one is kept with its reason and shown to the officers, never half-imported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import datetime
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tegak.connectors.http import RemoteError, request_json
from tegak.connectors.models import (
    DispatchState,
    LaporDispatch,
    LaporSettings,
    LaporStatus,
    LaporStatusUpdate,
    MessageState,
)
from tegak.core.access import SystemActor
from tegak.core.errors import InputError
from tegak.core.spreadsheets import SheetRefused, first_sheet_rows
from tegak.intake import sealing
from tegak.intake.models import Report
from tegak.intake.services import ReportInput, report_receive_lapor
from tegak.people.models import Instansi

# The content fields kept from a dispatch (and the columns of an export file that give them).
DISPATCH_FIELDS = {
    "trackingid": ("trackingid", "tracking id", "id tracking", "no tracking", "nomor tracking"),
    "judul": ("judul", "judul laporan", "title"),
    "isi": ("isi", "isi laporan", "content", "laporan"),
    "tanggal": ("tanggal", "tanggal laporan", "tanggal kejadian", "date"),
    "lokasi": ("lokasi", "location"),
    "kategori": ("kategori", "category"),
}
TRACKING = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
MAX_PAGES = 20
LAPOR_ACTOR = SystemActor("lapor-connector")


def _token(settings_row: LaporSettings) -> str:
    if not settings_row.token_sealed:
        return ""
    return str(
        sealing.unseal(settings_row.token_sealed, instansi=settings_row.instansi).get("token", "")
    )


def _content(raw: dict[str, Any]) -> dict[str, str]:
    """Only the known content fields, as short text (never identity fields)."""
    kept = {}
    for name in DISPATCH_FIELDS:
        value = raw.get(name)
        if value is None or isinstance(value, (dict, list)):
            continue
        kept[name] = str(value)[:5000]
    return kept


def _key(raw: Any) -> tuple[str, str]:
    """(key, tracking id): the tracking id when usable, else a hash of the dispatch."""
    tracking = str(raw.get("trackingid") or "").strip() if isinstance(raw, dict) else ""
    if TRACKING.match(tracking):
        return tracking, tracking
    text = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest(), ""


def _moment(text: str) -> datetime:
    text = text.strip()
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return timezone.make_aware(datetime.strptime(text, pattern))
        except ValueError:
            continue
    raise InputError("tanggal", _("The date is not a date (YYYY-MM-DD)."))


def _checked(raw: Any) -> tuple[str, ReportInput, datetime]:
    """The tracking id, the report input and the moment of a well-formed dispatch."""
    if not isinstance(raw, dict):
        raise InputError("dispatch", _("The dispatch is not an object."))
    tracking = str(raw.get("trackingid") or "").strip()
    if not TRACKING.match(tracking):
        raise InputError("trackingid", _("The dispatch has no valid LAPOR! tracking id."))
    content = _content(raw)
    if not content.get("isi", "").strip():
        raise InputError("isi", _("The dispatch has no text."))
    moment = _moment(content.get("tanggal", ""))
    if moment > timezone.now():
        raise InputError("tanggal", _("The date of the dispatch is in the future."))
    title = content.get("judul", "").strip()
    category = content.get("kategori", "").strip()
    summary = f"[{category}] {title}" if category and title else title
    data = ReportInput(
        summary=summary[:200],
        description=content["isi"],
        location=content.get("lokasi", "")[:300],
        reporter_mode="anonymous",
    )
    return tracking, data, moment


def import_dispatch(
    *, instansi: Instansi, raw: Any, source: str, actor: Any = None
) -> LaporDispatch:
    """Import one dispatch into a report, once; a malformed one is kept with its reason.
    Returns the dispatch row (the existing one when it came before)."""
    actor = actor if actor is not None else LAPOR_ACTOR
    key, tracking = _key(raw)
    existing = LaporDispatch.objects.filter(instansi=instansi, key=key).first()
    if existing is not None:
        return existing
    try:
        checked = _checked(raw)
    except InputError as error:
        return _keep_malformed(instansi, key, tracking, source, raw, error)
    tracking, data, moment = checked
    try:
        with transaction.atomic():
            dispatch = LaporDispatch.objects.create(
                instansi=instansi,
                key=key,
                tracking_id=tracking,
                source=source,
                state=DispatchState.IMPORTED,
            )
            report = report_receive_lapor(
                actor=actor,
                instansi=instansi,
                data=data,
                tracking_number=tracking,
                received_at=moment,
            )
            dispatch.report = report
            dispatch.save(update_fields=["report"])
            status_queue(report=report, status=LaporStatus.RECEIVED, event="received")
    except IntegrityError:
        # Imported a moment ago by another worker: the same dispatch makes one report.
        return LaporDispatch.objects.get(instansi=instansi, key=key)
    except InputError as error:
        return _keep_malformed(instansi, key, tracking, source, raw, error)
    return dispatch


def _keep_malformed(
    instansi: Instansi, key: str, tracking: str, source: str, raw: Any, error: InputError
) -> LaporDispatch:
    reason = f"{error.field}: {error.message}"[:300]
    try:
        with transaction.atomic():
            return LaporDispatch.objects.create(
                instansi=instansi,
                key=key,
                tracking_id=tracking,
                source=source,
                state=DispatchState.MALFORMED,
                reason=reason,
                content=_content(raw) if isinstance(raw, dict) else {"raw": str(raw)[:2000]},
            )
    except IntegrityError:
        return LaporDispatch.objects.get(instansi=instansi, key=key)


def pull_page(settings_row: LaporSettings, page: int) -> tuple[list[Any], int | None]:
    """One page of dispatched complaints (RemoteError when LAPOR! fails or answers garbage)."""
    url = settings_row.base_url.rstrip("/") + f"/api/complaints?status=dispatched&page={page}"
    answer = request_json("GET", url, headers={"KEYTOKEN": _token(settings_row)})
    if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
        raise RemoteError("the answer has no list of dispatches")
    next_page = answer.get("next_page")
    return answer["data"], next_page if isinstance(next_page, int) and next_page > page else None


def pull(settings_row: LaporSettings) -> dict[str, int]:
    """Pull every page of dispatches for one instansi and import each (idempotent)."""
    counts = {"imported": 0, "malformed": 0, "known": 0}
    page: int | None = 1
    pages = 0
    while page is not None and pages < MAX_PAGES:
        try:
            items, page = pull_page(settings_row, page)
        except RemoteError as error:
            LaporSettings.objects.filter(pk=settings_row.pk).update(last_error=str(error)[:300])
            raise
        pages += 1
        for raw in items:
            key, _tracking = _key(raw)
            if LaporDispatch.objects.filter(instansi=settings_row.instansi, key=key).exists():
                counts["known"] += 1
                continue
            dispatch = import_dispatch(instansi=settings_row.instansi, raw=raw, source="api")
            counts[str(dispatch.state)] += 1
    LaporSettings.objects.filter(pk=settings_row.pk).update(pulled_at=timezone.now(), last_error="")
    return counts


def _rows_of_file(name: str, data: bytes) -> list[dict[str, Any]]:
    """The rows of a LAPOR! export (CSV or XLSX), keyed by our field names."""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = first_sheet_rows(data, max_rows=100_000, max_columns=64)
        except SheetRefused as error:
            raise InputError("file", str(error)) from error
        table = [["" if cell is None else str(cell) for cell in row] for row in sheet]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("file", _("The file is not UTF-8 CSV or XLSX.")) from None
        try:
            table = list(csv.reader(io.StringIO(text), csv.Sniffer().sniff(text[:4096], ",;\t")))
        except csv.Error:
            table = list(csv.reader(io.StringIO(text)))
    if not table:
        raise InputError("file", _("The file is empty."))
    header = [cell.strip().lower() for cell in table[0]]
    columns: dict[str, int] = {}
    for name_, aliases in DISPATCH_FIELDS.items():
        for index, title in enumerate(header):
            if title in aliases:
                columns[name_] = index
                break
    for needed in ("trackingid", "isi"):
        if needed not in columns:
            raise InputError(
                "file",
                _("The file has no column “%(column)s”.") % {"column": DISPATCH_FIELDS[needed][1]},
            )
    rows: list[dict[str, Any]] = []
    for row in table[1:]:
        if not any(cell.strip() for cell in row):
            continue
        rows.append(
            {field: row[index] if index < len(row) else "" for field, index in columns.items()}
        )
    return rows


def import_file(*, actor: Any, instansi: Instansi, name: str, data: bytes) -> dict[str, int]:
    """Import a LAPOR! export file row by row (each row once; bad rows kept with reasons)."""
    rows = _rows_of_file(name, data)
    counts = {"imported": 0, "malformed": 0, "known": 0}
    for raw in rows:
        key, _tracking = _key(raw)
        if LaporDispatch.objects.filter(instansi=instansi, key=key).exists():
            counts["known"] += 1
            continue
        dispatch = import_dispatch(instansi=instansi, raw=raw, source="file", actor=actor)
        counts[str(dispatch.state)] += 1
    return counts


def _status_text(report: Report, status: str) -> str:
    """The public words sent to LAPOR! (Indonesian; never names or internal notes)."""
    with override("id"):
        if status == LaporStatus.RECEIVED:
            return str(_("Your report has been received by the agency and will be checked."))
        if status == LaporStatus.FORWARDED:
            text = str(_("Your report has been forwarded to: %(body)s.")) % {
                "body": report.forwarded_to
            }
            return f"{text} {report.forward_note}".strip()
        if status == LaporStatus.REJECTED:
            return str(_("Your report cannot be followed up: %(reason)s")) % {
                "reason": report.rejection_reason
            }
        if status == LaporStatus.IN_CASE:
            return str(_("A discipline case has been opened on the basis of your report."))
        results = [
            row.get("label", {}).get("id", "") for row in (report.outcome or {}).get("accused", [])
        ]
        text = str(_("The discipline case on your report has been decided."))
        results = [result for result in results if result]
        return f"{text} {'; '.join(results)}".strip()


def _enqueue(update_id: int) -> None:
    from tegak.connectors.tasks import lapor_status_send

    lapor_status_send.enqueue(update_id)


def status_queue(*, report: Report, status: str, event: str) -> LaporStatusUpdate | None:
    """Write a status update for a LAPOR! report (in the step's transaction); sent on commit."""
    if report.channel != "lapor" or not report.lapor_tracking_number:
        return None
    row = LaporSettings.objects.filter(instansi_id=report.instansi_id).first()
    if row is None or not row.active or not row.send_status:
        return None
    key = f"lapor:{report.pk}:{event}"
    if LaporStatusUpdate.objects.filter(event_key=key).exists():
        return None
    update = LaporStatusUpdate.objects.create(
        report=report,
        instansi_id=report.instansi_id,
        tracking_id=report.lapor_tracking_number,
        status=status,
        text=_status_text(report, status),
        event_key=key,
    )
    transaction.on_commit(partial(_enqueue, update.pk))
    return update


def push_status(update_id: int) -> str:
    """Send one status update (the job's body; raises RemoteError so the job retries)."""
    from tegak.connectors.outbox import max_tries

    update = LaporStatusUpdate.objects.filter(pk=update_id).select_related("instansi").first()
    if update is None:
        return "gone"
    if update.state == MessageState.SENT:
        return "already sent"
    row = LaporSettings.objects.filter(instansi_id=update.instansi_id).first()
    try:
        if row is None or not row.active:
            raise RemoteError("no active LAPOR! connection for this instansi")
        answer = request_json(
            "POST",
            row.base_url.rstrip("/") + "/api/stream/addstream",
            form={
                "trackingid": update.tracking_id,
                "status": update.status,
                "content": update.text,
            },
            headers={"KEYTOKEN": _token(row)},
        )
        if not isinstance(answer, dict) or answer.get("success") is not True:
            raise RemoteError("LAPOR! did not confirm the update")
    except RemoteError as error:
        update.attempts += 1
        update.last_error = str(error)[:300]
        update.state = (
            MessageState.FAILED
            if update.attempts >= max_tries("tegak.connectors.tasks.lapor_status_send")
            else MessageState.RETRYING
        )
        update.save(update_fields=["attempts", "last_error", "state"])
        raise
    update.attempts += 1
    update.state = MessageState.SENT
    update.sent_at = timezone.now()
    update.last_error = ""
    update.answer = str(answer.get("transaksiid") or "")[:100]
    update.save(update_fields=["attempts", "state", "sent_at", "last_error", "answer"])
    return "sent"
