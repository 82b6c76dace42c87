"""Every write of the intake app: one function per action, one audit event per call.

Audit events never carry a reporter's identity, a receipt code or evidence content.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.intake import access, receipts, sealing, throttle, validation
from tegak.intake.clocks import due_dates
from tegak.intake.conf import disclosure_valid_days
from tegak.intake.files import clean_copy, inspect
from tegak.intake.models import (
    CLOSED_STATUSES,
    STAFF_ENTRY_CHANNELS,
    DisclosureStatus,
    Evidence,
    EvidenceCopy,
    IdentityDisclosureRequest,
    PartnerChannel,
    Report,
    ReportAccused,
    ReporterMode,
    ReportMessage,
    ThrottleKind,
)
from tegak.people.models import Employee, Instansi

IDENTITY_FIELDS = ("name", "phone", "email", "address")


class TooManyAttempts(InputError):
    """Refused by a throttle (too many wrong codes, or a flood of reports): HTTP 429."""


@dataclass
class Upload:
    """A file as it arrived: a name (kept for staff, never on disk) and a readable stream."""

    name: str
    stream: IO[bytes]


@dataclass
class ReportInput:
    """What any channel provides for a new report (already typed; validated by the service)."""

    summary: str = ""
    description: str = ""
    occurred_on: date | None = None
    occurred_time: time | None = None
    occurred_timezone: str = "WIB"
    location: str = ""
    accused_text: str = ""
    reporter_mode: str = ReporterMode.ANONYMOUS
    identity: dict[str, str] = field(default_factory=dict)
    files: list[Upload] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


# --- helpers ----------------------------------------------------------------------------------


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _clean_identity(mode: str, identity: dict[str, str]) -> dict[str, str]:
    if mode not in ReporterMode.values:
        raise InputError("reporter_mode", _("Choose anonymous, confidential or open."))
    if mode == ReporterMode.ANONYMOUS:
        return {}  # whatever was typed is discarded, never stored
    cleaned = {
        key: validation.plain_text(
            f"identity.{key}", identity.get(key), required=False, max_length=300
        )
        for key in IDENTITY_FIELDS
    }
    if not cleaned["name"]:
        raise InputError(
            "identity.name",
            _("Give your name, or choose to report anonymously."),
        )
    return {key: value for key, value in cleaned.items() if value}


def _validated(data: ReportInput, *, date_required: bool) -> dict[str, Any]:
    description = validation.plain_text(
        "description", data.description, required=True, max_length=20000
    )
    summary = validation.plain_text("summary", data.summary, required=False, max_length=200)
    if not summary:
        summary = description.splitlines()[0][:120]
    moment, time_unknown = validation.occurred_moment(
        occurred_on=data.occurred_on,
        occurred_time=data.occurred_time,
        timezone_code=data.occurred_timezone,
        required=date_required,
    )
    return {
        "summary": summary,
        "description": description,
        "occurred_at": moment,
        "occurred_time_unknown": time_unknown,
        "occurred_timezone": data.occurred_timezone,
        "location": validation.plain_text(
            "location", data.location, required=False, max_length=300
        ),
        "accused_text": validation.plain_text(
            "accused_text", data.accused_text, required=False, max_length=2000
        ),
        "reporter_mode": data.reporter_mode,
        "identity": _clean_identity(data.reporter_mode, data.identity),
        "links": validation.links("links", data.links),
    }


@dataclass
class _Checked:
    upload: Upload
    media_type: str
    size: int
    sha256: str


def _inspect_files(files: list[Upload], *, already_stored: int = 0) -> list[_Checked]:
    checked: list[_Checked] = []
    total = already_stored
    for upload in files:
        found = inspect(upload.stream, field="files", max_bytes=settings.EVIDENCE_MAX_FILE_BYTES)
        total += found.size
        if total > settings.EVIDENCE_MAX_REPORT_BYTES:
            raise InputError(
                "files",
                _("All files of one report together may not exceed %(limit)s MB.")
                % {"limit": settings.EVIDENCE_MAX_REPORT_BYTES // (1024 * 1024)},
            )
        checked.append(_Checked(upload, found.media_type, found.size, found.sha256))
    return checked


def _store_evidence(
    report: Report,
    checked: list[_Checked],
    links: list[str],
    *,
    by_reporter: bool,
    actor: Any,
    saved_names: list[str],
) -> list[Evidence]:
    """Save originals under random names, each with its hash, and a cleaned copy where we can."""
    added_by = actor if getattr(actor, "pk", None) else None
    created: list[Evidence] = []
    for item in checked:
        evidence = Evidence(
            report=report,
            kind="file",
            original_name=validation.plain_text(
                "files",
                item.upload.name.replace("<", "").replace(">", ""),
                required=False,
                max_length=255,
            )[:255],
            sha256=item.sha256,
            media_type=item.media_type,
            size=item.size,
            added_by_reporter=by_reporter,
            added_by=added_by,
        )
        item.upload.stream.seek(0)
        evidence.original.save("evidence", File(item.upload.stream), save=False)
        saved_names.append(evidence.original.name)
        evidence.save()
        created.append(evidence)
        _make_clean_copy(evidence, item, saved_names)
    for link in links:
        created.append(
            Evidence.objects.create(
                report=report,
                kind="link",
                url=link,
                added_by_reporter=by_reporter,
                added_by=added_by,
            )
        )
    return created


def _make_clean_copy(evidence: Evidence, item: _Checked, saved_names: list[str]) -> None:
    if item.media_type not in {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/tiff",
        "image/bmp",
        "application/pdf",
    }:
        return
    item.upload.stream.seek(0)
    result = clean_copy(item.upload.stream.read(), item.media_type)
    item.upload.stream.seek(0)
    if result is None:
        return
    data, method = result
    copy = EvidenceCopy(
        source=evidence,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=item.media_type,
        size=len(data),
        method=method,
    )
    copy.file.save("copy", ContentFile(data), save=False)
    saved_names.append(copy.file.name)
    copy.save()


def _remove_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _new_receipt() -> tuple[str, str, str]:
    """(code, bucket, slow hash) of a code not used by any report."""
    while True:
        code = receipts.generate_code()
        index = receipts.code_index(code)
        if _report_for_code(code, index) is None:
            return code, index, receipts.hash_code(code)


def _report_for_code(code: str, index: str) -> Report | None:
    """The report whose code this is (the bucket holds few reports; each is checked)."""
    for candidate in Report.objects.filter(receipt_index=index):
        if receipts.verify_code(candidate.receipt_hash, code):
            return candidate
    return None


def _create(
    *,
    actor: Any,
    action: str,
    instansi: Instansi,
    channel: str,
    data: ReportInput,
    date_required: bool,
    received_at: datetime | None = None,
    client_key: str | None = None,
    extra: dict[str, Any] | None = None,
    audit_data: dict[str, Any] | None = None,
) -> tuple[Report, str]:
    values = _validated(data, date_required=date_required)
    checked = _inspect_files(data.files)
    if client_key is not None and throttle.submissions_exhausted(client_key):
        raise TooManyAttempts(
            "__all__",
            _(
                "Many reports have been sent from your connection in the last hour. "
                "Please wait an hour and try again; nothing was saved."
            ),
        )
    received = received_at or timezone.now()
    if received > timezone.now() + timedelta(minutes=5):
        raise InputError("received_on", _("The date of receipt cannot be in the future."))
    acknowledge_due, answer_due = due_dates(instansi, received)
    code, index, code_hash = _new_receipt()
    identity = values.pop("identity")
    links = values.pop("links")
    saved_names: list[str] = []
    try:
        with transaction.atomic():
            report = Report.objects.create(
                instansi=instansi,
                channel=channel,
                identity_sealed=sealing.seal(identity) if identity else "",
                receipt_index=index,
                receipt_hash=code_hash,
                received_at=received,
                acknowledge_due=acknowledge_due,
                first_answer_due=answer_due,
                operator=actor if getattr(actor, "pk", None) else None,
                **values,
                **(extra or {}),
            )
            stored = _store_evidence(
                report, checked, links, by_reporter=True, actor=actor, saved_names=saved_names
            )
            if client_key is not None:
                throttle.record(ThrottleKind.SUBMISSION, client_key)
            audit_record(
                actor=actor,
                action=action,
                target=report,
                instansi_code=instansi.code,
                data={
                    "channel": channel,
                    "reporter_mode": report.reporter_mode,
                    "evidence": [
                        {"sha256": item.sha256, "media_type": item.media_type, "size": item.size}
                        for item in stored
                        if item.kind == "file"
                    ],
                    "links": len(links),
                    **(audit_data or {}),
                },
            )
    except BaseException:
        _remove_files(saved_names)
        raise
    return report, code


# --- creating reports -------------------------------------------------------------------------


def report_submit(
    *, instansi: Instansi, data: ReportInput, client_key: str | None
) -> tuple[Report, str]:
    """A report from the public web form (no account). Returns the report and its receipt code."""
    return _create(
        actor="public",
        action="report.submitted",
        instansi=instansi,
        channel="web",
        data=data,
        date_required=True,
        client_key=client_key,
    )


def report_submit_partner(
    *, partner: PartnerChannel, data: ReportInput, partner_reference: str = ""
) -> tuple[Report, str]:
    """A report from a partner channel's API client (an SMS or chat gateway)."""
    _require(partner.active)
    reference = validation.plain_text(
        "partner_reference", partner_reference, required=False, max_length=100
    )
    return _create(
        actor=f"partner:{partner.pk}",
        action="report.submitted_by_partner",
        instansi=partner.instansi,
        channel="partner",
        data=data,
        date_required=True,
        extra={"partner": partner, "partner_reference": reference},
        audit_data={"partner_id": partner.pk},
    )


def report_create_by_staff(
    *,
    actor: Any,
    instansi: Instansi,
    channel: str,
    data: ReportInput,
    received_on: date | None = None,
    lapor_tracking_number: str = "",
    letter_reference: str = "",
) -> tuple[Report, str]:
    """A report an officer received by letter, telephone, in person or from LAPOR!."""
    _require(access.has_role(actor, instansi.pk, access.TRIAGE_ROLES))
    if channel not in STAFF_ENTRY_CHANNELS:
        raise InputError("channel", _("Choose letter, telephone, in person or LAPOR!."))
    tracking = validation.plain_text(
        "lapor_tracking_number", lapor_tracking_number, required=channel == "lapor", max_length=40
    )
    letter = validation.plain_text(
        "letter_reference", letter_reference, required=False, max_length=100
    )
    received_at = None
    if received_on is not None:
        if received_on > timezone.localdate():
            raise InputError("received_on", _("The date of receipt cannot be in the future."))
        if received_on < timezone.localdate():
            received_at = timezone.make_aware(datetime.combine(received_on, time(12, 0)))
    return _create(
        actor=actor,
        action="report.entered_by_staff",
        instansi=instansi,
        channel=channel,
        data=data,
        date_required=False,
        received_at=received_at,
        extra={"lapor_tracking_number": tracking, "letter_reference": letter},
    )


def report_create_from_media(
    *,
    actor: Any,
    instansi: Instansi,
    source_url: str,
    text: str,
    seen_on: date,
    summary: str = "",
    accused_text: str = "",
    occurred_on: date | None = None,
    occurred_time: time | None = None,
    occurred_timezone: str = "WIB",
    location: str = "",
) -> Report:
    """A report opened by an officer from a news article or social-media post."""
    _require(access.has_role(actor, instansi.pk, access.TRIAGE_ROLES))
    url = validation.links("source_url", [source_url])
    if not url:
        raise InputError("source_url", _("Give the address of the article or post."))
    if seen_on is None:
        raise InputError("seen_on", _("Give the date on which the article or post was seen."))
    if seen_on > timezone.localdate():
        raise InputError("seen_on", _("The date seen cannot be in the future."))
    data = ReportInput(
        summary=summary,
        description=text,
        occurred_on=occurred_on,
        occurred_time=occurred_time,
        occurred_timezone=occurred_timezone,
        location=location,
        accused_text=accused_text,
        reporter_mode=ReporterMode.ANONYMOUS,
    )
    report, _code = _create(
        actor=actor,
        action="report.created_from_media",
        instansi=instansi,
        channel="media",
        data=data,
        date_required=False,
        extra={"source_url": url[0], "source_seen_on": seen_on},
    )
    return report


# --- the reporter, with a receipt code ---------------------------------------------------------


def receipt_sign_in(*, code_text: str, client_key: str) -> Report:
    """The report of a receipt code; InputError for a wrong code or a locked address."""
    if throttle.tracking_locked(client_key):
        raise TooManyAttempts(
            "code",
            _("Too many wrong codes were tried from your connection. Please wait 15 minutes."),
        )
    code = receipts.normalise_code(code_text)
    report = None
    if code is not None:
        index = receipts.code_index(code)
        report = _report_for_code(code, index)
        if not Report.objects.filter(receipt_index=index).exists():
            receipts.burn_time(code)  # a miss takes as long as a check
    if report is None or code is None:
        with transaction.atomic():
            throttle.record(ThrottleKind.TRACK_FAILURE, client_key)
        raise InputError(
            "code",
            _("This receipt code is not known. Check the 16 digits on your receipt and try again."),
        )
    return report


def reporter_message_send(*, report: Report, body: str) -> ReportMessage:
    """The reporter answers or writes to the officers."""
    text = validation.plain_text("body", body, required=True, max_length=5000)
    with transaction.atomic():
        message = ReportMessage.objects.create(
            report=report, author_kind="reporter", body=text, internal=False
        )
        audit_record(
            actor="public",
            action="report.reporter_message",
            target=report,
            instansi_code=report.instansi.code,
            data={"message_id": message.pk, "length": len(text)},
        )
    return message


def reporter_evidence_add(
    *, report: Report, files: list[Upload], links: list[str]
) -> list[Evidence]:
    """The reporter adds files or links to their report."""
    cleaned_links = validation.links("links", links)
    already = sum(item.size for item in report.evidence.filter(kind="file"))
    checked = _inspect_files(files, already_stored=already)
    if not checked and not cleaned_links:
        raise InputError("files", _("Choose a file or give a link."))
    saved: list[str] = []
    try:
        with transaction.atomic():
            stored = _store_evidence(
                report, checked, cleaned_links, by_reporter=True, actor=None, saved_names=saved
            )
            audit_record(
                actor="public",
                action="report.evidence_added",
                target=report,
                instansi_code=report.instansi.code,
                data={
                    "evidence": [
                        {"id": item.pk, "sha256": item.sha256, "size": item.size}
                        for item in stored
                        if item.kind == "file"
                    ],
                    "links": len(cleaned_links),
                },
            )
    except BaseException:
        _remove_files(saved)
        raise
    return stored


# --- triage -----------------------------------------------------------------------------------


def _touch(report: Report, *, answered: bool) -> list[str]:
    """Stop the acknowledgment clock (and the first-answer clock when the reporter is told)."""
    now = timezone.now()
    changed = []
    if report.acknowledged_at is None:
        report.acknowledged_at = now
        changed.append("acknowledged_at")
    if answered and report.first_answered_at is None:
        report.first_answered_at = now
        changed.append("first_answered_at")
    return changed


def _open_for_triage(report: Report) -> None:
    if report.status in CLOSED_STATUSES:
        raise InputError(
            "status",
            _("This report is already closed (%(status)s).")
            % {"status": report.get_status_display()},
        )


def report_acknowledge(*, actor: Any, report: Report) -> Report:
    """An officer confirms the report has been taken up (stops the acknowledgment clock)."""
    _require(access.can_triage(actor, report))
    with transaction.atomic():
        changed = _touch(report, answered=False)
        if changed:
            report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.acknowledged",
            target=report,
            instansi_code=report.instansi.code,
        )
    return report


def report_link_employee(*, actor: Any, report: Report, employee: Employee) -> ReportAccused:
    """Link the report to an employee on the registry."""
    _require(access.can_triage(actor, report))
    if employee.instansi_id != report.instansi_id:
        raise InputError("employee", _("This employee is not on the registry of this instansi."))
    if report.accused.filter(employee=employee).exists():
        raise InputError("employee", _("This employee is already linked to the report."))
    with transaction.atomic():
        link = ReportAccused.objects.create(report=report, employee=employee, linked_by=actor)
        changed = _touch(report, answered=False)
        if changed:
            report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.accused_linked",
            target=report,
            instansi_code=report.instansi.code,
            data={"employee_id": employee.pk},
        )
    return link


def report_unlink_employee(*, actor: Any, report: Report, employee: Employee) -> None:
    """Remove a wrong link between the report and an employee."""
    _require(access.can_triage(actor, report))
    link = report.accused.filter(employee=employee).first()
    if link is None:
        raise InputError("employee", _("This employee is not linked to the report."))
    with transaction.atomic():
        link.delete()
        audit_record(
            actor=actor,
            action="report.accused_unlinked",
            target=report,
            instansi_code=report.instansi.code,
            data={"employee_id": employee.pk},
        )


def report_verify(*, actor: Any, report: Report, note: str = "") -> Report:
    """Mark a report verified: it describes misconduct of staff of this instansi, to be handled."""
    _require(access.can_triage(actor, report))
    if report.status != "received":
        raise InputError("status", _("Only a newly received report can be verified."))
    text = validation.plain_text("note", note, required=False, max_length=2000)
    with transaction.atomic():
        report.status = "verified"
        report.verified_at = timezone.now()
        report.verified_by = actor
        changed = ["status", "verified_at", "verified_by", *_touch(report, answered=False)]
        report.save(update_fields=changed)
        if text:
            ReportMessage.objects.create(
                report=report, author_kind="staff", author=actor, body=text, internal=True
            )
        audit_record(
            actor=actor,
            action="report.verified",
            target=report,
            instansi_code=report.instansi.code,
            data={"note_length": len(text)},
        )
    return report


def report_reject(*, actor: Any, report: Report, reason: str) -> Report:
    """Reject a report with a reason the reporter reads."""
    _require(access.can_triage(actor, report))
    _open_for_triage(report)
    text = validation.plain_text("reason", reason, required=True, max_length=5000)
    if len(text) < 10:
        raise InputError(
            "reason", _("Explain the reason in a full sentence the reporter can read.")
        )
    with transaction.atomic():
        report.status = "rejected"
        report.rejection_reason = text
        report.closed_at = timezone.now()
        changed = ["status", "rejection_reason", "closed_at", *_touch(report, answered=True)]
        report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.rejected",
            target=report,
            instansi_code=report.instansi.code,
            data={"reason_length": len(text)},
        )
    return report


def report_forward(
    *, actor: Any, report: Report, forwarded_to: str, letter_reference: str, note: str = ""
) -> Report:
    """Send a report that belongs to another body there, recording to whom and with which letter."""
    _require(access.can_triage(actor, report))
    _open_for_triage(report)
    body = validation.plain_text("forwarded_to", forwarded_to, required=True, max_length=200)
    letter = validation.plain_text(
        "letter_reference", letter_reference, required=True, max_length=200
    )
    text = validation.plain_text("note", note, required=False, max_length=5000)
    with transaction.atomic():
        report.status = "forwarded"
        report.forwarded_to = body
        report.forward_letter = letter
        report.forward_note = text
        report.closed_at = timezone.now()
        changed = ["status", "forwarded_to", "forward_letter", "forward_note", "closed_at"]
        report.save(update_fields=[*changed, *_touch(report, answered=True)])
        audit_record(
            actor=actor,
            action="report.forwarded",
            target=report,
            instansi_code=report.instansi.code,
            data={"forwarded_to": body, "letter_reference": letter},
        )
    return report


def report_merge(*, actor: Any, report: Report, into: Report) -> Report:
    """Merge a duplicate into the report that describes the same events."""
    _require(access.can_triage(actor, report))
    _open_for_triage(report)
    if into.pk == report.pk or into.instansi_id != report.instansi_id:
        raise InputError("into", _("Choose another report of the same instansi."))
    if into.status in ("rejected", "forwarded", "merged"):
        raise InputError("into", _("A report cannot be merged into a closed or merged report."))
    with transaction.atomic():
        report.status = "merged"
        report.merged_into = into
        report.closed_at = timezone.now()
        changed = ["status", "merged_into", "closed_at", *_touch(report, answered=False)]
        report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.merged",
            target=report,
            instansi_code=report.instansi.code,
            data={"into": into.pk},
        )
    return report


def report_mark_in_case(*, actor: Any, report: Report, case_reference: str) -> Report:
    """A case was opened from this verified report (called by the cases app)."""
    _require(access.has_role(actor, report.instansi_id, access.CASE_ROLES))
    reference = validation.plain_text(
        "case_reference", case_reference, required=True, max_length=64
    )
    if report.status != "verified":
        raise InputError("status", _("Only a verified report can be taken into a case."))
    with transaction.atomic():
        report.status = "in_case"
        report.case_reference = reference
        report.save(update_fields=["status", "case_reference"])
        audit_record(
            actor=actor,
            action="report.taken_into_case",
            target=report,
            instansi_code=report.instansi.code,
            data={"case_reference": reference},
        )
    return report


def message_send(*, actor: Any, report: Report, body: str, internal: bool) -> ReportMessage:
    """An officer writes to the reporter, or adds an internal note the reporter never sees."""
    _require(access.can_triage(actor, report))
    text = validation.plain_text("body", body, required=True, max_length=5000)
    with transaction.atomic():
        message = ReportMessage.objects.create(
            report=report, author_kind="staff", author=actor, body=text, internal=internal
        )
        changed = _touch(report, answered=not internal)
        if changed:
            report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.internal_note" if internal else "report.staff_message",
            target=report,
            instansi_code=report.instansi.code,
            data={"message_id": message.pk, "length": len(text)},
        )
    return message


def staff_evidence_add(
    *, actor: Any, report: Report, files: list[Upload], links: list[str]
) -> list[Evidence]:
    """An officer adds evidence received by letter or in person."""
    _require(access.can_triage(actor, report))
    cleaned_links = validation.links("links", links)
    already = sum(item.size for item in report.evidence.filter(kind="file"))
    checked = _inspect_files(files, already_stored=already)
    if not checked and not cleaned_links:
        raise InputError("files", _("Choose a file or give a link."))
    saved: list[str] = []
    try:
        with transaction.atomic():
            stored = _store_evidence(
                report, checked, cleaned_links, by_reporter=False, actor=actor, saved_names=saved
            )
            audit_record(
                actor=actor,
                action="report.evidence_added",
                target=report,
                instansi_code=report.instansi.code,
                data={
                    "evidence": [
                        {"id": item.pk, "sha256": item.sha256, "size": item.size}
                        for item in stored
                        if item.kind == "file"
                    ],
                    "links": len(cleaned_links),
                },
            )
    except BaseException:
        _remove_files(saved)
        raise
    return stored


# --- the sealed identity ----------------------------------------------------------------------


def disclosure_request_create(
    *, actor: Any, report: Report, reason: str
) -> IdentityDisclosureRequest:
    """An officer asks the custodian, in writing and with reasons, to open the identity."""
    _require(access.can_triage(actor, report))
    if report.reporter_mode != ReporterMode.CONFIDENTIAL:
        raise InputError("reason", _("Only a confidential reporter's identity is sealed."))
    text = validation.plain_text("reason", reason, required=True, max_length=5000)
    if len(text) < 20:
        raise InputError(
            "reason", _("Explain in at least one full sentence why the identity is needed.")
        )
    with transaction.atomic():
        request = IdentityDisclosureRequest.objects.create(
            report=report, requested_by=actor, reason=text
        )
        audit_record(
            actor=actor,
            action="report.identity_requested",
            target=report,
            instansi_code=report.instansi.code,
            data={"request_id": request.pk},
        )
    return request


def disclosure_request_decide(
    *, actor: Any, request: IdentityDisclosureRequest, approve: bool, note: str
) -> IdentityDisclosureRequest:
    """The custodian approves or refuses, with reasons (never their own request)."""
    _require(access.has_role(actor, request.report.instansi_id, access.CUSTODIAN_ROLES))
    _require(request.requested_by_id != actor.pk)
    if request.status != DisclosureStatus.PENDING:
        raise InputError("decision", _("This request has already been decided."))
    text = validation.plain_text("note", note, required=True, max_length=5000)
    with transaction.atomic():
        now = timezone.now()
        request.status = DisclosureStatus.APPROVED if approve else DisclosureStatus.REFUSED
        request.decided_by = actor
        request.decided_at = now
        request.decision_note = text
        if approve:
            request.valid_until = now + timedelta(days=disclosure_valid_days())
        request.save()
        audit_record(
            actor=actor,
            action="report.identity_approved" if approve else "report.identity_refused",
            target=request.report,
            instansi_code=request.report.instansi.code,
            data={"request_id": request.pk},
        )
    return request


def identity_open(*, actor: Any, report: Report) -> dict[str, str]:
    """The reporter's identity, for an officer allowed to see it; every opening is recorded.

    Open reporters agreed to be known to the officers handling the report; a confidential
    reporter's identity opens only for the officer whose request the custodian approved.
    """
    _require(access.can_view(actor, report))
    if report.reporter_mode == ReporterMode.ANONYMOUS or not report.identity_sealed:
        raise InputError("identity", _("This reporter gave no identity."))
    request_id = None
    if report.reporter_mode == ReporterMode.CONFIDENTIAL:
        approved = (
            report.disclosure_requests.filter(
                requested_by=actor, status=DisclosureStatus.APPROVED, valid_until__gt=timezone.now()
            )
            .order_by("-decided_at")
            .first()
        )
        _require(approved is not None)
        request_id = approved.pk if approved else None
    else:
        _require(access.can_triage(actor, report))
    identity = sealing.unseal(report.identity_sealed)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="report.identity_opened",
            target=report,
            instansi_code=report.instansi.code,
            data={"request_id": request_id, "reporter_mode": report.reporter_mode},
        )
    return identity


def identity_keys_rotate(*, actor: Any = None) -> int:
    """Re-seal every identity under the newest key; returns how many were re-sealed."""
    count = 0
    with transaction.atomic():
        for report in Report.objects.exclude(identity_sealed="").select_for_update():
            report.identity_sealed = sealing.reseal(report.identity_sealed)
            report.save(update_fields=["identity_sealed"])
            count += 1
        audit_record(actor=actor, action="intake.identity_keys_rotated", data={"reports": count})
    return count


# --- partner channels -------------------------------------------------------------------------


def partner_token_hash(token: str) -> str:
    """What is stored for a partner's API token (the token itself is shown only once)."""
    return hashlib.sha256(token.encode()).hexdigest()


def partner_channel_create(
    *, actor: Any, instansi: Instansi, name: str
) -> tuple[PartnerChannel, str]:
    """Register a partner channel; returns it and its API token (shown once)."""
    if actor is not None:
        _require(access.has_role(actor, instansi.pk, access.ADMIN_ROLES))
    label = validation.plain_text("name", name, required=True, max_length=120)
    token = "tgk_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        partner = PartnerChannel.objects.create(
            name=label, instansi=instansi, token_hash=partner_token_hash(token)
        )
        audit_record(
            actor=actor,
            action="intake.partner_created",
            target=partner,
            instansi_code=instansi.code,
            data={"name": label},
        )
    return partner, token


def partner_channel_deactivate(*, actor: Any, partner: PartnerChannel) -> PartnerChannel:
    """Stop accepting reports from a partner channel."""
    if actor is not None:
        _require(access.has_role(actor, partner.instansi_id, access.ADMIN_ROLES))
    with transaction.atomic():
        partner.active = False
        partner.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action="intake.partner_deactivated",
            target=partner,
            instansi_code=partner.instansi.code,
        )
    return partner
