"""Creating reports from every channel, and what the reporter does with the receipt code."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.access import has_role
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.intake import access, receipts, throttle, validation
from tegak.intake.models import (
    STAFF_ENTRY_CHANNELS,
    Evidence,
    PartnerChannel,
    Report,
    ReporterMode,
    ReportMessage,
    ThrottleKind,
)
from tegak.intake.services.common import (
    ReportInput,
    TooManyAttempts,
    Upload,
    _create,
    _inspect_files,
    _new_receipt,
    _remove_files,
    _report_for_code,
    _require,
    _store_evidence,
    _write_originals,
    submission_key,
)
from tegak.people.models import Instansi


def report_submit(
    *, instansi: Instansi, data: ReportInput, client_key: str | None, submission_token: str = ""
) -> tuple[Report, str]:
    """A report from the public web form (no account). Returns the report and its receipt code.

    `submission_token` is the form's one-time token: the same form sent again raises
    `AlreadySent` (checked in the report's transaction; nothing is written after its commit)."""
    return _create(
        actor="public",
        action="report.submitted",
        instansi=instansi,
        channel="web",
        data=data,
        date_required=True,
        client_key=client_key,
        submission=submission_key(submission_token),
    )


class PartnerReferenceConflict(InputError):
    """A partner sent its reference again with other content: HTTP 409 (nothing is saved)."""


@dataclass
class PartnerSubmission:
    """What a partner's sending made: the report, its (new) receipt code, and whether the
    sending repeated an earlier one (`replayed`: the same reference and the same content)."""

    report: Report
    code: str
    replayed: bool = False


def partner_fingerprint(data: ReportInput) -> str:
    """A keyed digest of everything a partner sent for a report (the files by their SHA-256),
    so a resend of the same message is told from another message under the same reference
    without keeping the message twice. The streams are read and put back at their start."""
    files = []
    for upload in data.files:
        digest = hashlib.sha256()
        while chunk := upload.stream.read(1 << 16):
            digest.update(chunk)
        upload.stream.seek(0)
        files.append([upload.name, digest.hexdigest()])
    content = {
        "summary": data.summary,
        "description": data.description,
        "occurred_on": data.occurred_on.isoformat() if data.occurred_on else None,
        "occurred_time": data.occurred_time.isoformat() if data.occurred_time else None,
        "occurred_timezone": data.occurred_timezone,
        "location": data.location,
        "accused_text": data.accused_text,
        "reporter_mode": data.reporter_mode,
        "identity": data.identity,
        "notice_contact": data.notice_contact,
        "links": data.links,
        "files": files,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    key = hashlib.sha256(b"tegak.intake.partner-fingerprint:" + settings.SECRET_KEY.encode())
    return hmac.new(key.digest(), canonical, hashlib.sha256).hexdigest()


def report_submit_partner(
    *, partner: PartnerChannel, data: ReportInput, partner_reference: str = ""
) -> PartnerSubmission:
    """A report from a partner channel's API client (an SMS or chat gateway).

    A gateway that lost the answer sends again with the same `partner_reference`: that makes
    no second report. When the content is the same, the existing report gets a new receipt
    code (the first one never reached the reporter, or reached them only through this
    partner; only the newest code works, since only its digest is kept) and `replayed` is
    true. Other content under a used reference raises `PartnerReferenceConflict`."""
    _require(partner.active)
    reference = validation.plain_text(
        "partner_reference", partner_reference, required=False, max_length=100
    )
    fingerprint = partner_fingerprint(data) if reference else ""
    # A resend is found by the unique (partner, reference) key in the report's transaction,
    # whether it comes long after the first sending or at the same moment: one path for both.
    try:
        report, code = _create(
            actor=f"partner:{partner.pk}",
            action="report.submitted_by_partner",
            instansi=partner.instansi,
            channel="partner",
            data=data,
            date_required=True,
            extra={
                "partner": partner,
                "partner_reference": reference,
                "partner_fingerprint": fingerprint,
            },
            audit_data={"partner_id": partner.pk},
        )
    except IntegrityError:
        earlier = (
            Report.objects.filter(partner=partner, partner_reference=reference).first()
            if reference
            else None
        )
        if earlier is None:
            raise
        return _partner_resend(partner, earlier, fingerprint)
    return PartnerSubmission(report=report, code=code)


def _partner_resend(partner: PartnerChannel, report: Report, fingerprint: str) -> PartnerSubmission:
    if not report.partner_fingerprint or not hmac.compare_digest(
        report.partner_fingerprint, fingerprint
    ):
        raise PartnerReferenceConflict(
            "partner_reference",
            _(
                "This reference was already used for report %(reference)s with other "
                "content; nothing was saved. Give each message its own reference."
            )
            % {"reference": report.reference},
        )
    code, index, code_hash = _new_receipt()
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(receipt_index=index, receipt_hash=code_hash)
        audit_record(
            actor=f"partner:{partner.pk}",
            action="report.receipt_reissued_to_partner",
            target=report,
            instansi_code=partner.instansi.code,
            data={"partner_id": partner.pk},
        )
    report.receipt_index, report.receipt_hash = index, code_hash
    return PartnerSubmission(report=report, code=code, replayed=True)


def report_create_by_staff(
    *,
    actor: Any,
    instansi: Instansi,
    channel: str,
    data: ReportInput,
    received_on: date | None = None,
    received_time: time | None = None,
    lapor_tracking_number: str = "",
    letter_reference: str = "",
) -> tuple[Report, str]:
    """A report an officer received by letter, telephone, in person or from LAPOR!.

    Without a day, it is received now. With a day but no time, the time of receipt stays
    unknown: nothing invents one (reading C26), and its clocks count from the day."""
    _require(has_role(actor, access.TRIAGE_ROLES, instansi))
    if channel not in STAFF_ENTRY_CHANNELS:
        raise InputError("channel", _("Choose letter, telephone, in person or LAPOR!."))
    tracking = validation.plain_text(
        "lapor_tracking_number", lapor_tracking_number, required=channel == "lapor", max_length=40
    )
    letter = validation.plain_text(
        "letter_reference", letter_reference, required=False, max_length=100
    )
    received_at, time_unknown = received_moment(instansi, received_on, received_time)
    return _create(
        actor=actor,
        action="report.entered_by_staff",
        instansi=instansi,
        channel=channel,
        data=data,
        date_required=False,
        received_at=received_at,
        extra={
            "lapor_tracking_number": tracking,
            "letter_reference": letter,
            "received_time_unknown": time_unknown,
        },
    )


def received_moment(
    instansi: Instansi, received_on: date | None, received_time: time | None
) -> tuple[datetime | None, bool]:
    """(the moment of receipt, whether its time is unknown) from the day and time an officer
    gave: None (now) without a day; with a day only, the day's anchor — noon of it in the
    instansi's zone, or now when that is earlier — and the time marked unknown (reading C26)."""
    if received_on is None:
        if received_time is not None:
            raise InputError("received_on", _("Give the date as well as the time."))
        return None, False
    zone = ZoneInfo(instansi.zoneinfo_name)
    now = timezone.now()
    if received_on > now.astimezone(zone).date():
        raise InputError("received_on", _("The date of receipt cannot be in the future."))
    if received_time is not None:
        moment = datetime.combine(received_on, received_time, tzinfo=zone)
        if moment > now:
            raise InputError("received_time", _("The time of receipt cannot be in the future."))
        return moment, False
    return min(datetime.combine(received_on, time(12, 0), tzinfo=zone), now), True


def report_receive_lapor(
    *,
    actor: Any,
    instansi: Instansi,
    data: ReportInput,
    tracking_number: str,
    received_at: datetime | None = None,
) -> Report:
    """A complaint dispatched to the instansi on SP4N-LAPOR!, pulled by the connector or read
    from a LAPOR! export file (`actor` is "lapor" or the officer who imported the file). The
    reporter follows it on LAPOR!, so the receipt code made here is never shown."""
    tracking = validation.plain_text("trackingid", tracking_number, required=True, max_length=40)
    report, _code = _create(
        actor=actor,
        action="report.received_from_lapor",
        instansi=instansi,
        channel="lapor",
        data=data,
        date_required=False,
        received_at=received_at,
        extra={"lapor_tracking_number": tracking},
        audit_data={"lapor_tracking_number": tracking},
    )
    return report


def report_create_from_media(
    *,
    actor: Any,
    instansi: Instansi,
    source_url: str,
    text: str,
    seen_on: date | None = None,
    summary: str = "",
    accused_text: str = "",
    occurred_on: date | None = None,
    occurred_time: time | None = None,
    occurred_timezone: str = "WIB",
    location: str = "",
    published_on: date | None = None,
    outlet: str = "",
) -> Report:
    """A report opened by an officer from a news article or social-media post.

    `published_on` is the day the article or post was published, `outlet` who published it;
    `seen_on` is the day the agency learned of it (default: the publication day). The report
    counts as received on that day, so a case opened from it starts its clocks then: the
    superior acts on learning of the violation (PP 94/2021 Pasal 26(1); docs/legal-questions.md).
    Neither day may be in the future, nor the agency learn of it before it was published."""
    _require(has_role(actor, access.TRIAGE_ROLES, instansi))
    url = validation.links("source_url", [source_url])
    if not url:
        raise InputError("source_url", _("Give the address of the article or post."))
    publisher = validation.plain_text("outlet", outlet, required=False, max_length=200)
    today = timezone.localdate()
    learned_on = seen_on if seen_on is not None else published_on
    if learned_on is None:
        raise InputError(
            "published_on", _("Give the day on which the article or post was published.")
        )
    if published_on is not None and published_on > today:
        raise InputError("published_on", _("The publication date cannot be in the future."))
    if learned_on > today:
        raise InputError("seen_on", _("The date seen cannot be in the future."))
    if published_on is not None and learned_on < published_on:
        raise InputError(
            "seen_on",
            _("The agency cannot have learned of it before it was published (%(day)s).")
            % {"day": shown_date(published_on)},
        )
    # A past day: the time the agency learned of it is unknown (reading C26); today: now.
    received_at, time_unknown = (
        received_moment(instansi, learned_on, None) if learned_on < today else (None, False)
    )
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
        received_at=received_at,
        extra={
            "source_url": url[0],
            "source_seen_on": learned_on,
            "source_published_on": published_on,
            "source_outlet": publisher,
            "received_time_unknown": time_unknown,
        },
        audit_data={
            "published_on": published_on.isoformat() if published_on else None,
            "learned_on": learned_on.isoformat(),
        },
    )
    return report


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
        legacy = len(code) == receipts.LEGACY_CODE_DIGITS
        if legacy and not Report.objects.filter(receipt_index=index).exists():
            receipts.burn_time(code)  # a miss takes as long as an argon2 check
    if report is None or code is None:
        with transaction.atomic():
            throttle.record(ThrottleKind.TRACK_FAILURE, client_key)
        raise InputError(
            "code",
            _("This receipt code is not known. Check the digits on your receipt and try again."),
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
    stored_files = list(report.evidence.filter(kind="file").values_list("size", flat=True))
    checked = _inspect_files(
        files, already_stored=sum(stored_files), already_files=len(stored_files)
    )
    if not checked and not cleaned_links:
        raise InputError("files", _("Choose a file or give a link."))
    saved: list[str] = []
    try:
        _write_originals(checked, saved)
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
