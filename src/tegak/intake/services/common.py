"""Shared pieces of the intake services: input types, checks, storing evidence, creating."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import FileField
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core import onerow
from tegak.core.errors import InputError, Problems, each_error
from tegak.intake import receipts, sealing, throttle, validation
from tegak.intake.clocks import due_dates
from tegak.intake.files import CLEANERS, inspect
from tegak.intake.models import (
    Evidence,
    PreviewStatus,
    Report,
    ReporterMode,
    ThrottleKind,
)
from tegak.people.models import Instansi

IDENTITY_FIELDS = ("name", "phone", "email", "address")


class TooManyAttempts(InputError):
    """Refused by a throttle (too many wrong codes, or a flood of reports): HTTP 429."""


class AlreadySent(InputError):
    """This form was already sent and made its report (a reload of the receipt page): 409."""


def submission_key(token: str) -> str | None:
    """The stored key of a public form's one-time token (None without a token)."""
    token = (token or "").strip()
    if not token:
        return None
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Upload:
    """A file as it arrived: a name (kept for staff, never on disk) and a readable stream."""

    name: str
    stream: IO[bytes]
    arrival: tuple[str, int] | None = None  # (SHA-256, size) computed while it streamed in


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
    # A contact the reporter chose for content-free notices (e-mail or a WhatsApp/SMS number).
    notice_contact: str = ""
    files: list[Upload] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    # What could not be read into the types above (a day that does not exist): reported with
    # the service's own checks, in one answer.
    problems: list[InputError] = field(default_factory=list)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _clean_identity(mode: str, identity: dict[str, str]) -> dict[str, str]:
    if mode not in ReporterMode.values:
        raise InputError("reporter_mode", _("Choose anonymous, confidential or open."))
    if mode == ReporterMode.ANONYMOUS:
        return {}  # whatever was typed is discarded, never stored
    problems = Problems()
    cleaned = {
        key: problems.check(
            validation.plain_text,
            f"identity.{key}",
            identity.get(key),
            required=False,
            max_length=300,
        )
        for key in IDENTITY_FIELDS
    }
    if not cleaned["name"]:
        problems.add(
            InputError("identity.name", _("Give your name, or choose to report anonymously."))
        )
    problems.raise_any()
    return {key: value for key, value in cleaned.items() if value}


def _validated(data: ReportInput, *, date_required: bool) -> dict[str, Any]:
    """The report's values, checked; every field's error is raised in one InputErrors (the
    form shows them all in one answer), nothing written."""
    problems = Problems()
    for error in data.problems:
        problems.add(error)
    description = problems.check(
        validation.plain_text, "description", data.description, required=True, max_length=20000
    )
    summary = problems.check(
        validation.plain_text, "summary", data.summary, required=False, max_length=200
    )
    if not summary and description:
        summary = description.splitlines()[0][:120]
    moment, time_unknown = problems.check(
        validation.occurred_moment,
        occurred_on=data.occurred_on,
        occurred_time=data.occurred_time,
        timezone_code=data.occurred_timezone,
        required=date_required,
    ) or (None, True)
    values = {
        "summary": summary,
        "description": description,
        "occurred_at": moment,
        "occurred_time_unknown": time_unknown,
        "occurred_timezone": data.occurred_timezone,
        "location": problems.check(
            validation.plain_text, "location", data.location, required=False, max_length=300
        ),
        "accused_text": problems.check(
            validation.plain_text,
            "accused_text",
            data.accused_text,
            required=False,
            max_length=2000,
        ),
        "reporter_mode": data.reporter_mode,
        "identity": problems.check(_clean_identity, data.reporter_mode, data.identity),
        "notice_contact": problems.check(_clean_contact, data.notice_contact),
        "links": problems.check(validation.links, "links", data.links),
    }
    problems.raise_any()
    return values


def report_problems(data: ReportInput, *, date_required: bool) -> list[InputError]:
    """Every field's error in a report's input (one per field), for a form that shows them
    all at once; nothing is written."""
    try:
        _validated(data, date_required=date_required)
    except InputError as error:
        return each_error(error)
    return []


def _clean_contact(value: str) -> str:
    """An e-mail address or a telephone number (digits, an optional leading +), or nothing."""
    text = (value or "").strip()
    if not text:
        return ""
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise InputError(
                "notice_contact", _("Give a valid e-mail address or a telephone number.")
            ) from None
        return text
    digits = re.sub(r"[\s().-]", "", text)
    if not re.fullmatch(r"\+?[0-9]{8,15}", digits):
        raise InputError("notice_contact", _("Give a valid e-mail address or a telephone number."))
    return digits


@dataclass
class _Checked:
    upload: Upload
    media_type: str
    size: int
    sha256: str
    stored_name: str = ""  # set by _write_originals


def _inspect_files(
    files: list[Upload], *, already_stored: int = 0, already_files: int = 0
) -> list[_Checked]:
    limit = settings.EVIDENCE_MAX_FILES_PER_REPORT
    if already_files + len(files) > limit:
        raise InputError(
            "files",
            _("One report may carry at most %(limit)s files; nothing was saved.")
            % {"limit": limit},
        )
    checked: list[_Checked] = []
    total = already_stored
    for upload in files:
        found = inspect(
            upload.stream,
            field="files",
            max_bytes=settings.EVIDENCE_MAX_FILE_BYTES,
            arrival=upload.arrival,
        )
        total += found.size
        if total > settings.EVIDENCE_MAX_REPORT_BYTES:
            raise InputError(
                "files",
                _("All files of one report together may not exceed %(limit)s MB.")
                % {"limit": settings.EVIDENCE_MAX_REPORT_BYTES // (1024 * 1024)},
            )
        checked.append(_Checked(upload, found.media_type, found.size, found.sha256))
    return checked


def _write_originals(checked: list[_Checked], saved_names: list[str]) -> None:
    """Write the originals to storage (flushed to disk) BEFORE the transaction that records them.

    Files first, rows after, as everywhere (a crash leaves a file without a row, which the sweep
    removes, never a row without its file); and the write, with its fsync, no longer happens
    while the transaction holds the database (on SQLite, the one write lock every reporter
    waits for). The caller deletes `saved_names` when its transaction fails."""
    original = Evidence._meta.get_field("original")
    assert isinstance(original, FileField)
    for item in checked:
        item.upload.stream.seek(0)
        item.stored_name = original.storage.save(
            original.generate_filename(None, "evidence"),
            File(item.upload.stream),
            max_length=original.max_length,
        )
        saved_names.append(item.stored_name)


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
    pending = False
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
        if item.stored_name:
            evidence.original.name = item.stored_name
        else:
            item.upload.stream.seek(0)
            evidence.original.save("evidence", File(item.upload.stream), save=False)
            saved_names.append(evidence.original.name)
        pending = _mark_for_cleaning(evidence) or pending
        onerow.insert(evidence)
        created.append(evidence)
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
    if pending:
        _enqueue_cleaning(report.pk)
    return created


def _mark_for_cleaning(evidence: Evidence) -> bool:
    """Mark a cleanable file as pending (True) before its row is saved; its copy is made by the
    worker after the commit (never here: decoding an image in the request held the database for
    everyone, #12 item 3)."""
    if evidence.media_type not in CLEANERS:
        return False
    evidence.preview = PreviewStatus.PENDING
    return True


def _enqueue_cleaning(report_id: int) -> None:
    """The cleaning job, written in the caller's transaction: jobs live in the same database
    (ADR 0030), so the job commits with the evidence or not at all, and no worker sees it
    before the commit. (Enqueued after the commit, it was a write transaction of its own per
    report; under load on SQLite it could wait past the busy timeout and answer 500 to a
    reporter whose report was already saved, without showing them their code.)"""
    from tegak.intake.tasks import clean_report_evidence

    clean_report_evidence.enqueue(report_id)


def _remove_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _new_receipt() -> tuple[str, str, str]:
    """(code, bucket, verifier) of a new code. Not compared with the stored ones: two of 10^25
    codes drawn from the secure source are the same with odds of about 10^-11 even after ten
    million reports (ADR 0040); looking would cost a query on every report."""
    code = receipts.generate_code()
    return code, receipts.code_index(code), receipts.hash_code(code)


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
    submission: str | None = None,
) -> tuple[Report, str]:
    try:
        values = _validated(data, date_required=date_required)
    except InputError as error:
        # The files are checked too, so that their error comes in the same answer.
        problems = Problems()
        problems.add(error)
        problems.check(_inspect_files, data.files)
        problems.raise_any()
    # A form sent again (a reload of the receipt page) is refused by the report's unique
    # submission key in the transaction below (IntegrityError: AlreadySent, its files removed),
    # not by a read beforehand: that read cost every report a round trip for the rare resend,
    # and a resend is no cheaper for anyone to send than a new form.
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
    notice_contact = values.pop("notice_contact")
    # Sealed before the write transaction, not inside it: reading (or, the first time, making)
    # the instansi's data key and encrypting need not hold the write lock others wait for.
    identity_sealed = sealing.seal(identity, instansi=instansi) if identity else ""
    notice_contact_sealed = (
        sealing.seal({"contact": notice_contact}, instansi=instansi) if notice_contact else ""
    )
    saved_names: list[str] = []
    try:
        _write_originals(checked, saved_names)
        with transaction.atomic():
            report = Report(
                instansi=instansi,
                channel=channel,
                identity_sealed=identity_sealed,
                notice_contact_sealed=notice_contact_sealed,
                receipt_index=index,
                receipt_hash=code_hash,
                received_at=received,
                acknowledge_due=acknowledge_due,
                first_answer_due=answer_due,
                operator=actor if getattr(actor, "pk", None) else None,
                submission_key=submission,
                **values,
                **(extra or {}),
            )
            onerow.insert(report)
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
    except IntegrityError:
        _remove_files(saved_names)
        if submission is not None and Report.objects.filter(submission_key=submission).exists():
            # The same form, sent twice at once: the other sending made the report.
            raise AlreadySent("__all__", _("This form was already sent.")) from None
        raise
    except BaseException:
        _remove_files(saved_names)
        raise
    return report, code
