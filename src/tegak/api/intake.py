"""Intake over REST: a partner-channel endpoint (SMS or chat gateways) and staff endpoints.

The same services as the HTML pages; bad input answers 400 with
`{"error": {"field": ..., "message": ...}}`.
"""

from __future__ import annotations

import base64
import binascii
import io
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from tegak.core.errors import InputError
from tegak.intake import access, receipts, selectors, services, validation
from tegak.intake.models import PartnerChannel, Report
from tegak.intake.services import ReportInput, Upload

MAX_ATTACHMENTS = 10


class PartnerTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` of an active partner channel (only its hash is stored)."""

    def authenticate(self, request: HttpRequest, token: str) -> PartnerChannel | None:
        partner = (
            PartnerChannel.objects.select_related("instansi")
            .filter(token_hash=services.partner_token_hash(token), active=True)
            .first()
        )
        if partner is not None:
            request.partner = partner  # type: ignore[attr-defined]
        return partner


class ErrorBody(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    error: ErrorBody


class AttachmentIn(Schema):
    name: str = ""
    content_base64: str


class PartnerReportIn(Schema):
    description: str
    summary: str = ""
    accused_text: str = ""
    occurred_on: str | None = None
    occurred_time: str | None = None
    occurred_timezone: str = "WIB"
    location: str = ""
    reporter_mode: str = "anonymous"
    identity: dict[str, str] = {}
    links: list[str] = []
    attachments: list[AttachmentIn] = []
    partner_reference: str = ""


class ReceiptOut(Schema):
    reference: str
    receipt_code: str
    status: str
    acknowledge_due: date
    first_answer_due: date
    # True when this answers a resend of an earlier message (same partner_reference, same
    # content): no new report was made, and receipt_code replaces the one first given.
    replayed: bool = False


class ReportOut(Schema):
    id: int
    reference: str
    instansi: str
    channel: str
    status: str
    summary: str
    received_at: datetime
    occurred_at: datetime | None
    occurred_timezone: str
    acknowledge_due: date
    first_answer_due: date
    acknowledged: bool
    first_answered: bool
    overdue: bool = False


class EvidenceOut(Schema):
    id: int
    kind: str
    media_type: str
    size: int
    sha256: str
    url: str


class ReportDetailOut(ReportOut):
    description: str
    location: str
    accused_text: str
    reporter_mode: str
    identity_sealed: bool
    accused_employee_ids: list[int]
    evidence: list[EvidenceOut]
    lapor_tracking_number: str
    source_url: str
    case_reference: str


class VerifyIn(Schema):
    note: str = ""
    # The day the report was verified, for a report entered after the fact (empty: now).
    on: date | None = None


def _error(error: InputError) -> dict[str, Any]:
    return error.as_dict()


def _decode_attachments(items: list[AttachmentIn]) -> list[Upload]:
    if len(items) > MAX_ATTACHMENTS:
        raise InputError("attachments", f"at most {MAX_ATTACHMENTS} attachments")
    uploads = []
    for index, item in enumerate(items):
        try:
            data = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise InputError(f"attachments[{index}].content_base64", "not valid base64") from error
        uploads.append(Upload(name=item.name, stream=io.BytesIO(data)))
    return uploads


partner_router = Router(tags=["intake: partner channels"])


@partner_router.post(
    "/partner/reports",
    auth=PartnerTokenAuth(),
    response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 409: ErrorOut},
    summary="Submit a report from a partner channel",
)
def partner_submit(request: HttpRequest, body: PartnerReportIn) -> Status[Any]:
    """Answers 201 with the receipt code the partner passes on to the reporter.

    A resend with the same `partner_reference` makes no second report: with the same content
    it answers 200, `replayed: true`, and a new receipt code for the same report (only the
    newest code works); with other content, 409 naming the report that reference made."""
    partner: PartnerChannel = getattr(request, "auth")  # noqa: B009 (set by ninja)
    try:
        data = ReportInput(
            summary=body.summary,
            description=body.description,
            occurred_on=validation.parse_date("occurred_on", body.occurred_on),
            occurred_time=validation.parse_time("occurred_time", body.occurred_time),
            occurred_timezone=body.occurred_timezone,
            location=body.location,
            accused_text=body.accused_text,
            reporter_mode=body.reporter_mode,
            identity=dict(body.identity),
            links=list(body.links),
            files=_decode_attachments(body.attachments),
        )
        sent = services.report_submit_partner(
            partner=partner, data=data, partner_reference=body.partner_reference
        )
    except services.PartnerReferenceConflict as error:
        return Status(409, _error(error))
    except InputError as error:
        return Status(400, _error(error))
    report = sent.report
    return Status(
        200 if sent.replayed else 201,
        {
            "reference": report.reference,
            "receipt_code": receipts.format_code(sent.code),
            "status": report.status,
            "acknowledge_due": report.acknowledge_due,
            "first_answer_due": report.first_answer_due,
            "replayed": sent.replayed,
        },
    )


staff_router = Router(tags=["intake: staff"])


def _staff(request: HttpRequest) -> Any:
    """The authenticated staff user (ninja sets `request.auth`)."""
    return getattr(request, "auth", None)


def _summary(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "reference": report.reference,
        "instansi": report.instansi.code,
        "channel": report.channel,
        "status": report.status,
        "summary": report.summary,
        "received_at": report.received_at,
        "occurred_at": report.occurred_at,
        "occurred_timezone": report.occurred_timezone,
        "acknowledge_due": report.acknowledge_due,
        "first_answer_due": report.first_answer_due,
        "acknowledged": report.acknowledged_at is not None,
        "first_answered": report.first_answered_at is not None,
        "overdue": bool(getattr(report, "is_overdue", False)),
    }


def _detail(report: Report) -> dict[str, Any]:
    return {
        **_summary(report),
        "description": report.description,
        "location": report.location,
        "accused_text": report.accused_text,
        "reporter_mode": report.reporter_mode,
        "identity_sealed": report.reporter_mode == "confidential",
        "accused_employee_ids": list(report.accused.values_list("employee_id", flat=True)),
        "evidence": [
            {
                "id": item.pk,
                "kind": item.kind,
                "media_type": item.media_type,
                "size": item.size,
                "sha256": item.sha256,
                "url": item.url,
            }
            for item in report.evidence.all()
        ],
        "lapor_tracking_number": report.lapor_tracking_number,
        "source_url": report.source_url,
        "case_reference": report.case_reference,
    }


@staff_router.get("/reports", response=list[ReportOut], summary="The intake queue")
def queue(request: HttpRequest, status: str = "", channel: str = "") -> list[dict[str, Any]]:
    """Open reports of the caller's instansi (or those with the given status), overdue first."""
    reports = selectors.report_queue(_staff(request), status=status, channel=channel)
    return [_summary(report) for report in reports[:500]]


class QueueSearchIn(Schema):
    status: str = ""
    channel: str = ""
    search: str = ""


@staff_router.post("/reports/search", response=list[ReportOut], summary="Search the queue")
def queue_search(request: HttpRequest, body: QueueSearchIn) -> list[dict[str, Any]]:
    """The queue narrowed by a text (it may name an accused, so it travels in the body, never in
    the URL where access logs would keep it)."""
    reports = selectors.report_queue(
        _staff(request), status=body.status, channel=body.channel, search=body.search[:200]
    )
    return [_summary(report) for report in reports[:500]]


@staff_router.get("/reports/{report_id}", response=ReportDetailOut, summary="One report")
def detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """A report without its reporter's identity."""
    return _detail(access.report_for_staff(_staff(request), report_id))


@staff_router.post(
    "/reports/{report_id}/verify",
    response={200: ReportDetailOut, 400: ErrorOut},
    summary="Verify a report",
)
def verify(request: HttpRequest, report_id: int, body: VerifyIn) -> Status[Any]:
    """Mark a newly received report verified (intake officers only)."""
    report = access.report_for_staff(_staff(request), report_id)
    try:
        services.report_verify(actor=_staff(request), report=report, note=body.note, on=body.on)
    except PermissionDenied as error:
        raise HttpError(403, "only an intake officer of this instansi may verify") from error
    except InputError as error:
        return Status(400, _error(error))
    return Status(200, _detail(report))
