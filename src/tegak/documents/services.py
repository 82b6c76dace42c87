"""Every write of the documents app: numbering schemes, templates, issuing, signed copies."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.documents.access import ISSUERS, TEMPLATE_MANAGERS, has_role, may_issue
from tegak.documents.formatting import date_in_words, long_date
from tegak.documents.kinds import KINDS, SERIES, get_kind
from tegak.documents.models import (
    AllocationStatus,
    DocumentTemplate,
    DocumentVersion,
    IssuedDocument,
    Letterhead,
    NumberAllocation,
    NumberingScheme,
)
from tegak.documents.numbering import allocate_number, check_pattern
from tegak.documents.render import TemplateBroken, complete_context, mark_docx, render_docx
from tegak.documents.rendering import pending
from tegak.documents.signatures import certificate_for
from tegak.documents.tasks import RENDER_TASK_PATH, render_issued_pdf
from tegak.documents.templates_check import check_template
from tegak.jobs.runner import run_job_now, worker_alive
from tegak.people.models import Instansi

TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
SIGNED_MAX_BYTES = 30 * 1024 * 1024
SIGNED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class PdfPending(InputError):
    """The PDF of the document's current version is still being made by the job worker."""


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def _case_id(case_key: str) -> int | None:
    # The same shape the case services write, so a case's events can be found together.
    return int(case_key) if case_key.isdigit() else None


def _may_act_on_case(actor: Any, case_key: str) -> bool:
    """Issuers act on a case only as the case app allows (examiners when assigned)."""
    from tegak.cases.models import Case
    from tegak.cases.workflow import actor_roles

    case = Case.objects.filter(pk=int(case_key)).first() if case_key.isdigit() else None
    return case is not None and bool(actor_roles(actor, case) & ISSUERS)


def _require_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(
            "kind",
            _("Unknown document kind %(kind)s. Known kinds: %(known)s.")
            % {"kind": kind, "known": ", ".join(KINDS)},
        )


def _read_upload(upload: Any, limit: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise InputError(
            "file", _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        )
    data = upload.read() if hasattr(upload, "read") else bytes(upload)
    if len(data) > limit:
        raise InputError(
            "file", _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        )
    if not data:
        raise InputError("file", _("The file is empty."))
    return data


class _StoredFiles:
    """Files written during a transaction, removed again if the transaction fails."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def save(self, folder: str, extension: str, data: bytes) -> str:
        # Random names: nothing about the case or the person shows in a path.
        name = default_storage.save(f"{folder}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
        self.names.append(name)
        return name

    def discard(self) -> None:
        for name in self.names:
            default_storage.delete(name)


def numbering_scheme_set(
    *,
    actor: Any,
    instansi: Instansi,
    kind: str,
    pattern: str,
    classification: str = "800",
    unit_code: str = "",
    yearly: bool = True,
    unit: Any = None,
    series: str = "",
) -> NumberingScheme:
    """Set how an instansi (or one of its units, when `unit` is given) numbers one kind."""
    if not has_role(actor, instansi, TEMPLATE_MANAGERS):
        raise PermissionDenied
    _require_kind(kind)
    check_pattern(pattern)
    if unit is not None and unit.instansi_id != instansi.pk:
        raise InputError("unit", _("This unit does not belong to the instansi."))
    if series and series not in SERIES:
        raise InputError(
            "series",
            _("Unknown series %(series)s. Known series: %(known)s.")
            % {"series": series, "known": ", ".join(SERIES)},
        )
    with transaction.atomic():
        scheme, _created = NumberingScheme.objects.update_or_create(
            instansi=instansi,
            unit=unit,
            kind=kind,
            defaults={
                "series": series or get_kind(kind).series,
                "pattern": pattern,
                "classification": classification.strip(),
                "unit_code": unit_code.strip(),
                "yearly": yearly,
            },
        )
        audit_record(
            actor=actor,
            action="documents.numbering_set",
            target=scheme,
            instansi_code=instansi.code,
            data={
                "kind": kind,
                "unit": unit.code if unit is not None else "",
                "pattern": pattern,
                "yearly": yearly,
            },
        )
    return scheme


def numbering_scheme_remove(*, actor: Any, scheme: NumberingScheme) -> None:
    """Remove a scheme: the unit (or the instansi) numbers that kind by the next scheme up.
    Numbers already given stay in the register."""
    instansi = scheme.instansi
    if not has_role(actor, instansi, TEMPLATE_MANAGERS):
        raise PermissionDenied
    with transaction.atomic():
        data = {
            "kind": scheme.kind,
            "unit": scheme.unit.code if scheme.unit is not None else "",
            "pattern": scheme.pattern,
        }
        audit_record(
            actor=actor,
            action="documents.numbering_removed",
            target=scheme,
            instansi_code=instansi.code,
            data=data,
        )
        scheme.delete()


def letterhead_set(
    *,
    actor: Any,
    instansi: Instansi,
    government: str,
    unit_line: str = "",
    address: str = "",
    contact: str = "",
    unit: Any = None,
) -> Letterhead:
    """Set the kop printed on the letters of the instansi (or of one issuing unit)."""
    if not has_role(actor, instansi, TEMPLATE_MANAGERS):
        raise PermissionDenied
    if unit is not None and unit.instansi_id != instansi.pk:
        raise InputError("unit", _("This unit does not belong to the instansi."))
    government = " ".join(government.split())
    if not government:
        raise InputError("government", _("Write the government line, e.g. PEMERINTAH KOTA BEKASI."))
    values = {
        "government": government,
        "unit_line": " ".join(unit_line.split()),
        "address": " ".join(address.split()),
        "contact": " ".join(contact.split()),
    }
    with transaction.atomic():
        letterhead, created = Letterhead.objects.update_or_create(
            instansi=instansi, unit=unit, defaults=values
        )
        audit_record(
            actor=actor,
            action="documents.letterhead_set",
            target=letterhead,
            instansi_code=instansi.code,
            data={"unit": unit.code if unit is not None else "", "created": created, **values},
        )
    return letterhead


def letterhead_remove(*, actor: Any, letterhead: Letterhead) -> None:
    """Remove a unit's (or the instansi's) own kop: the next one up is printed again."""
    instansi = letterhead.instansi
    if not has_role(actor, instansi, TEMPLATE_MANAGERS):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="documents.letterhead_removed",
            target=letterhead,
            instansi_code=instansi.code,
            data={"unit": letterhead.unit.code if letterhead.unit is not None else ""},
        )
        letterhead.delete()


def template_upload(
    *, actor: Any, instansi: Instansi, kind: str, upload: Any, name: str = ""
) -> DocumentTemplate:
    """Accept an administrator's DOCX template for a kind, or refuse it saying why."""
    if not has_role(actor, instansi, TEMPLATE_MANAGERS):
        raise PermissionDenied
    _require_kind(kind)
    data = _read_upload(upload, TEMPLATE_MAX_BYTES)
    report = check_template(kind, data)
    if report.error:
        raise InputError(
            "file", _("The template was refused: %(reason)s.") % {"reason": report.error}
        )
    if report.unknown:
        raise InputError(
            "file",
            _(
                "The template uses placeholders a case cannot fill: %(names)s. "
                "Use only the placeholders listed for this document kind."
            )
            % {"names": ", ".join(report.unknown)},
            details=[{"placeholder": unknown} for unknown in report.unknown],
        )
    files = _StoredFiles()
    try:
        with transaction.atomic():
            DocumentTemplate.objects.filter(instansi=instansi, kind=kind, active=True).update(
                active=False
            )
            template = DocumentTemplate.objects.create(
                instansi=instansi,
                kind=kind,
                file=files.save("documents/templates", "docx", data),
                sha256=sha256_of(data),
                original_name=(name or getattr(upload, "name", "") or "")[:200],
                uploaded_by=actor,
            )
            audit_record(
                actor=actor,
                action="documents.template_uploaded",
                target=template,
                instansi_code=instansi.code,
                data={"kind": kind, "sha256": template.sha256},
            )
    except Exception:
        files.discard()
        raise
    return template


def template_deactivate(*, actor: Any, template: DocumentTemplate) -> DocumentTemplate:
    """Stop using an uploaded template: the built-in one applies again."""
    if not has_role(actor, template.instansi_id, TEMPLATE_MANAGERS):
        raise PermissionDenied
    with transaction.atomic():
        template.active = False
        template.save(update_fields=["active"])
        audit_record(
            actor=actor,
            action="documents.template_deactivated",
            target=template,
            instansi_code=template.instansi.code,
            data={"kind": template.kind},
        )
    return template


def active_template(instansi: Instansi, kind: str) -> DocumentTemplate | None:
    """The instansi's uploaded template in use for a kind, if any."""
    return DocumentTemplate.objects.filter(instansi=instansi, kind=kind, active=True).first()


def _template_bytes(template: DocumentTemplate | None, kind: str) -> bytes:
    from tegak.documents.builtin import builtin_template

    if template is None:
        return builtin_template(kind)
    with template.file.open("rb") as handle:
        return handle.read()


def _document_fields(
    context: dict[str, Any], *, kind: str, number: str, dated: date, version: int
) -> dict[str, Any]:
    """The `document` part of the context, with the number and date of issue filled in."""
    given = dict(context.get("document") or {})
    given.update(
        {
            "number": number,
            "date": long_date(dated),
            "date_with_day": long_date(dated, with_day=True),
            "date_in_words": date_in_words(dated),
            "version": version,
            "year": dated.year,
        }
    )
    given.setdefault("title", get_kind(kind).title)
    given.setdefault("subject", get_kind(kind).subject)
    given.setdefault("nature", "")
    given.setdefault("attachment", "-")
    return given


def document_issue(
    *,
    actor: Any,
    kind: str,
    instansi: Instansi,
    context: dict[str, Any],
    subject_type: str,
    subject_id: str,
    subject_label: str = "",
    case_key: str = "",
    dated: date | None = None,
    unit: Any = None,
    signer_id: int | None = None,
) -> IssuedDocument:
    """Number, fill (DOCX) and store a document, and enqueue its PDF; again for the same subject
    and kind, a new version under the same number, until it is signed.

    `context` is the kind's context without the number (see `tegak.documents.context`); `unit`
    is the signer's unit on the date (its perangkat daerah keeps the register of numbers).
    The number is taken and committed before rendering (`allocate_number`): a process that dies
    while rendering leaves the number with this document, and issuing it again finishes it.
    The PDF is made by the job worker after this step has committed (`rendering.py`, issue #18
    item 6): the document row is returned with `file_pdf` empty until then; without a running
    worker the job runs here, right after the commit. When the signer (`signer_id`, an
    employee) or the issuing unit has a certificate, chosen now, the PDF is signed
    electronically (PAdES, `tegak.documents.signatures`) with a QR code to its public
    verification page.
    """
    _require_kind(kind)
    if not may_issue(actor, instansi, kind):
        raise PermissionDenied
    # The step's own date when the caller gives it (a decree's is its decision date).
    step_dated = dated
    dated = dated or timezone.localdate()
    template = active_template(instansi, kind)
    template_bytes = _template_bytes(template, kind)
    lookup = {
        "instansi": instansi,
        "kind": kind,
        "subject_type": subject_type,
        "subject_id": str(subject_id),
    }
    existing = IssuedDocument.objects.filter(**lookup).first()
    _refuse_locked(existing)
    # A step re-dated into another year (a decision's date corrected, reading C30): the number
    # carries the year of the register it was written in, so the document takes a number of
    # the new year; the old entry stays on the register marked superseded and the version
    # with the old number and date is kept (DocumentVersion).
    new_year = existing is not None and step_dated is not None and step_dated.year != existing.year
    if new_year and existing is not None:
        NumberAllocation.objects.filter(**lookup, number=existing.number).update(
            status=AllocationStatus.SUPERSEDED
        )
    if existing is None or new_year:
        allocation = allocate_number(
            actor=actor,
            instansi=instansi,
            kind=kind,
            unit=unit,
            on=dated,
            subject_type=subject_type,
            subject_id=str(subject_id),
        )
        number, dated = allocation.number, allocation.dated
        version = existing.version + 1 if existing is not None else 1
    else:
        # A new version keeps its number and its date of issue, unless the step's own date was
        # corrected meanwhile (a decision's date mistyped, `decision_amend`): then the new version
        # carries the corrected date and supersedes the one with the old date (kept as an earlier
        # version), within the number's year.
        redated = (
            step_dated is not None
            and step_dated != existing.dated
            and step_dated.year == existing.year
        )
        number, version = existing.number, existing.version + 1
        dated = step_dated if redated and step_dated is not None else existing.dated
    full = dict(context)
    full["document"] = _document_fields(
        context, kind=kind, number=number, dated=dated, version=version
    )
    try:
        docx = render_docx(template_bytes, complete_context(kind, full))
    except TemplateBroken as error:
        raise InputError(
            "template", _("The template cannot be filled: %(reason)s") % {"reason": error}
        ) from error
    # The certificate is chosen now (the signer's own, else the issuing unit's seal), and only
    # when the signer issues the letter on its date; the PDF is made and signed with it by the
    # job worker, after this step has committed (rendering.py). Otherwise the letter says what
    # it is: for wet signature, or a record copy of a letter signed outside Tegak.
    certificate, esign_outcome = _electronic_signature(
        actor=actor, instansi=instansi, signer_id=signer_id, unit=unit, dated=dated
    )
    note = _unsigned_note(esign_outcome, full)
    if note:
        docx = mark_docx(docx, note)
    signing = _signing_of(full, certificate)
    files = _StoredFiles()
    try:
        with transaction.atomic():
            locked = IssuedDocument.objects.select_for_update().filter(**lookup).first()
            _refuse_locked(locked)
            if (locked.version if locked else 0) != (existing.version if existing else 0):
                raise InputError(
                    "kind",
                    _("This document was issued again meanwhile; reload the page and retry."),
                )
            if existing is None or new_year:
                allocation = NumberAllocation.objects.select_for_update().get(pk=allocation.pk)
                sequence, year = allocation.sequence, allocation.dated.year
            else:
                sequence, year = existing.sequence, existing.year
            values = {
                "file_docx": files.save("documents/issued", "docx", docx),
                "file_pdf": "",  # made by the job enqueued below
                "sha256_docx": sha256_of(docx),
                "sha256_pdf": "",
                "template": template,
                "version": version,
                "issued_by": actor,
                "issued_at": timezone.now(),
                "subject_label": subject_label[:80],
                "case_key": str(case_key),
            }
            if existing is None or new_year:
                allocation.status = AllocationStatus.ISSUED
                allocation.save(update_fields=["status"])
            if existing is None:
                document = IssuedDocument.objects.create(
                    instansi=instansi,
                    kind=kind,
                    subject_type=subject_type,
                    subject_id=str(subject_id),
                    number=number,
                    sequence=sequence,
                    year=year,
                    dated=dated,
                    **values,
                )
            else:
                document = existing
                # The version being replaced stays on record with its files and hashes.
                DocumentVersion.objects.create(
                    document=existing,
                    version=existing.version,
                    file_docx=existing.file_docx.name,
                    file_pdf=existing.file_pdf.name,
                    sha256_docx=existing.sha256_docx,
                    sha256_pdf=existing.sha256_pdf,
                    issued_by_id=existing.issued_by_id,
                    issued_at=existing.issued_at,
                    number=existing.number,
                    dated=existing.dated,
                )
                for field, value in values.items():
                    setattr(document, field, value)
                document.dated = dated
                document.number, document.sequence, document.year = number, sequence, year
                document.save()
            # In this transaction: the job is a row of the same database (ADR 0030), so it
            # commits with the document or not at all.
            render_issued_pdf.enqueue(document.pk, version, **signing)
            audit_record(
                actor=actor,
                action="documents.issued" if version == 1 else "documents.regenerated",
                target=document,
                instansi_code=instansi.code,
                data={
                    "kind": kind,
                    "number": number,
                    "version": version,
                    "case_id": _case_id(str(case_key)),
                    "sha256_docx": document.sha256_docx,
                    "certificate": certificate.fingerprint if certificate else "",
                    "electronic_signature": esign_outcome,
                },
            )
    except Exception:
        files.discard()
        raise
    _render_now_without_worker(document)
    document.electronic_signature_outcome = esign_outcome  # for the page's message
    return document


# Whether an issued letter is signed electronically, and why not (the audit event's
# `electronic_signature`; the page's message).
ESIGN_SIGNED = "signed"
ESIGN_NO_CERTIFICATE = "no_certificate"  # the signer issued it; no certificate: wet signature
ESIGN_NOT_SIGNER = "not_signer"  # issued by someone else: for the signer's wet signature
ESIGN_DATED_BEFORE = "dated_before_issue"  # a record copy of a letter signed outside Tegak
ESIGN_DATED_AFTER = "dated_after_issue"  # not signed before its date


def _electronic_signature(
    *, actor: Any, instansi: Instansi, signer_id: int | None, unit: Any, dated: date
) -> tuple[Any, str]:
    """The certificate a letter is signed with, or None, and the outcome.

    An electronic signature is the signer's act, its data under the signer's sole control (UU
    11/2008 Pasal 11 ayat (1) huruf b; PP 71/2019; neither text is among the stored
    regulations): it is applied only when the person whose name
    and post the letter prints as signer issues it, and only on the letter's own date; a letter
    dated earlier (a case entered after the fact) is never signed as if signed then
    (legal-questions.md, D10)."""
    today = timezone.localdate()
    if dated < today:
        return None, ESIGN_DATED_BEFORE
    if dated > today:
        return None, ESIGN_DATED_AFTER
    if signer_id is None or getattr(actor, "employee_id", None) != signer_id:
        return None, ESIGN_NOT_SIGNER
    certificate = certificate_for(instansi, signer_id=signer_id, unit=unit)
    return certificate, ESIGN_SIGNED if certificate is not None else ESIGN_NO_CERTIFICATE


def _unsigned_note(outcome: str, context: dict[str, Any]) -> str:
    """The note above a letter that is not signed electronically though someone else issued it
    or it is dated on another day (always in Indonesian, as the letters are)."""
    today = long_date(timezone.localdate())
    signatory = context.get("signatory") or {}
    # A signer outside the registry (the PPK: a Wali Kota, a Bupati) is named by title.
    signer = (
        str(signatory.get("name") or "").strip() or str(signatory.get("position") or "").strip()
    )
    if outcome == ESIGN_DATED_BEFORE:
        return (
            f"Salinan catatan — dibuat dalam Tegak pada {today}; dokumen asli ditandatangani "
            "di luar sistem. Salinan ini tidak ditandatangani secara elektronik."
        )
    if outcome in (ESIGN_NOT_SIGNER, ESIGN_DATED_AFTER):
        by = f" oleh {signer}" if signer else ""
        return (
            f"Untuk ditandatangani{by} — dibuat dalam Tegak pada {today}; "
            "tidak ditandatangani secara elektronik."
        )
    return ""


def _signing_of(context: dict[str, Any], certificate: Any) -> dict[str, Any]:
    """What the rendering job needs to sign the PDF: the certificate and the words of the
    signature box (name and position, as printed on the letter)."""
    if certificate is None:
        return {}
    document = context["document"]
    signatory = dict(context.get("signatory") or {})
    return {
        "certificate_id": certificate.pk,
        "signatory": {
            "name": str(signatory.get("name") or ""),
            "position": str(signatory.get("position") or ""),
        },
        "reason": f"{document.get('title', '')} Nomor {document['number']}".strip(),
    }


def _render_now_without_worker(document: IssuedDocument) -> None:
    """With no `tegak worker` running (tests, `tegak shell`, a script, the demo loader), run
    the rendering job here, after the issue step has committed, claimed under a lease like any
    worker's claim; with a worker, the page shows the PDF as being prepared until it is done."""
    if worker_alive():
        return
    run_job_now(task_path=RENDER_TASK_PATH, args=[document.pk, document.version])
    document.refresh_from_db()


def _refuse_locked(document: IssuedDocument | None) -> None:
    if document is not None and document.locked:
        raise InputError(
            "kind",
            _(
                "This document was signed (number %(number)s); the signed copy is the "
                "version of record and it can no longer change."
            )
            % {"number": document.number},
        )


def document_issue_for_case(
    *,
    actor: Any,
    accused: Any,
    kind: str,
    dated: date | None = None,
    coaching: Any = None,
) -> IssuedDocument:
    """Issue (or re-issue) a case document for one accused from the case file.

    Refused with the reason when the step the document records does not exist yet; numbered
    and dated as the step (a summons on its day of issue, a decree on its decision date).
    `coaching` (`context.CoachingEntries`): what the official entered for coaching minutes.
    """
    from tegak.cases.workflow import actor_roles
    from tegak.documents.context import build_context

    _require_kind(kind)
    case = accused.case
    if not (actor_roles(actor, case) & ISSUERS):
        raise PermissionDenied
    if kind == "pemberitahuan_hasil":
        return outcome_notices_issue(actor=actor, accused=accused, dated=dated)[0]
    built = build_context(accused, kind, coaching)
    return document_issue(
        actor=actor,
        kind=kind,
        instansi=case.instansi,
        context=built.context,
        subject_type=built.step._meta.label_lower,
        subject_id=str(built.step.pk),
        subject_label=case.register_number,
        case_key=str(case.pk),
        dated=dated or built.dated,
        unit=built.unit,
        signer_id=built.signer_id,
    )


def documents_issue_for_case(
    *,
    actor: Any,
    accused: Any,
    kind: str,
    dated: date | None = None,
    coaching: Any = None,
) -> list[IssuedDocument]:
    """Every document one issue of a kind makes for one accused: the one document, or, for the
    pemberitahuan hasil, one letter per complainant whose report fed the case (reading C28)."""
    if kind == "pemberitahuan_hasil":
        _require_kind(kind)
        return outcome_notices_issue(actor=actor, accused=accused, dated=dated)
    return [
        document_issue_for_case(
            actor=actor, accused=accused, kind=kind, dated=dated, coaching=coaching
        )
    ]


def outcome_notice_subject(accused: Any, report: Any, first: bool) -> str:
    """What one pemberitahuan hasil is about: the accused's matter told to one complainant. The
    first complainant's letter keeps the accused's id alone (as before several were issued);
    each other complainant's is `<accused id>:<report id>`."""
    return str(accused.pk) if first else f"{accused.pk}:{report.pk}"


def outcome_notices_missing(accused: Any) -> list[Any]:
    """The complainants' reports that have no pemberitahuan hasil yet although others of the
    same matter have one: a report merged into the case after the matter ended (reading C28).
    Empty when no letter was issued at all (the page then offers the first issue)."""
    from tegak.documents.context import outcome_notice_reports

    reports = outcome_notice_reports(accused)
    subjects = {
        outcome_notice_subject(accused, report, index == 0): report
        for index, report in enumerate(reports)
    }
    issued = set(
        IssuedDocument.objects.filter(
            kind="pemberitahuan_hasil", subject_id__in=list(subjects)
        ).values_list("subject_id", flat=True)
    )
    if not issued:
        return []
    return [report for subject, report in subjects.items() if subject not in issued]


def outcome_notices_issue(
    *, actor: Any, accused: Any, dated: date | None = None, missing_only: bool = False
) -> list[IssuedDocument]:
    """Issue the pemberitahuan hasil of one accused's matter to every complainant whose report
    fed the case (reading C28): one numbered letter each, addressed by that complainant's own
    report number; none to a news report. Every letter is checked before any is numbered.
    `missing_only`: only to the complainants not told yet (a report merged into the case after
    the letters went out), leaving the letters already sent as they are."""
    from tegak.cases.workflow import actor_roles
    from tegak.documents.context import build_context, outcome_notice_reports

    kind = "pemberitahuan_hasil"
    _require_kind(kind)
    case = accused.case
    if not (actor_roles(actor, case) & ISSUERS):
        raise PermissionDenied
    build_context(accused, kind)  # refuses, with the reason, a letter that cannot exist yet
    reports = outcome_notice_reports(accused)
    wanted = {report.pk for report in outcome_notices_missing(accused)} if missing_only else None
    chosen = [
        (index, report)
        for index, report in enumerate(reports)
        if wanted is None or report.pk in wanted
    ]
    if not chosen:
        raise InputError("kind", _("Every complainant has already been sent this letter."))
    built = [build_context(accused, kind, report=report) for _index, report in chosen]
    return [
        document_issue(
            actor=actor,
            kind=kind,
            instansi=case.instansi,
            context=item.context,
            subject_type=item.step._meta.label_lower,
            subject_id=outcome_notice_subject(accused, report, index == 0),
            subject_label=case.register_number,
            case_key=str(case.pk),
            dated=dated or item.dated,
            unit=item.unit,
            signer_id=item.signer_id,
        )
        for (index, report), item in zip(chosen, built, strict=True)
    ]


# The kind issued ONCE for several accused together, listing every name (ADR 0061).
JOINT_KINDS = {"berita_acara_pembinaan"}
SUBJECT_ID_LENGTH = 64  # IssuedDocument.subject_id


def joint_subject_id(case: Any, accused: list[Any]) -> str:
    """What a joint document is about: the case and the exact set of accused it names. The same
    set issued again is a new version under the same number; another set is another document
    with its own number (ADR 0050, 0061). Short sets are spelled out, long ones hashed to fit."""
    ids = ",".join(str(pk) for pk in sorted({item.pk for item in accused}))
    subject = f"{case.pk}:{ids}"
    if len(subject) <= SUBJECT_ID_LENGTH:
        return subject
    return f"{case.pk}:#{hashlib.sha256(ids.encode()).hexdigest()[:40]}"


def document_issue_for_group(
    *, actor: Any, case: Any, accused: list[Any], kind: str, coaching: Any = None
) -> list[IssuedDocument]:
    """Issue a kind for several accused of a case at once: each their own numbered document, or,
    for the coaching minutes of non-ASN staff, ONE berita acara listing every name.

    Every document is checked before any is numbered: when one accused's step is missing the
    refusal names them and nothing is issued."""
    from tegak.cases.workflow import actor_roles
    from tegak.documents.context import StepMissing, build_context, group_coaching

    _require_kind(kind)
    if not (actor_roles(actor, case) & ISSUERS):
        raise PermissionDenied
    chosen = list(accused)
    if not chosen:
        raise InputError("accused", _("Tick at least one accused."))
    if any(item.case_id != case.pk for item in chosen):
        raise InputError("accused", _("Every accused must belong to this case."))
    if kind in JOINT_KINDS and len(chosen) > 1:
        built = group_coaching(chosen, coaching)
        return [
            document_issue(
                actor=actor,
                kind=kind,
                instansi=case.instansi,
                context=built.context,
                subject_type="cases.case",
                subject_id=joint_subject_id(case, chosen),
                subject_label=case.register_number,
                case_key=str(case.pk),
                dated=built.dated,
                unit=built.unit,
                signer_id=built.signer_id,
            )
        ]
    for item in chosen:
        try:
            build_context(item, kind)
        except StepMissing as error:
            raise InputError(
                "kind",
                _("%(name)s: %(reason)s")
                % {"name": item.employee.full_name, "reason": error.message},
            ) from error
    return [
        document_issue_for_case(actor=actor, accused=item, kind=kind, coaching=coaching)
        for item in chosen
    ]


def document_sign(*, actor: Any, document: IssuedDocument, upload: Any) -> IssuedDocument:
    """Store the scanned signed copy: hashed, the version of record; the document is locked."""
    if not may_issue(actor, document.instansi_id, document.kind) or not _may_act_on_case(
        actor, document.case_key
    ):
        raise PermissionDenied
    data = _read_upload(upload, SIGNED_MAX_BYTES)
    detected = filetype.guess_mime(data)
    if detected not in SIGNED_TYPES:
        raise InputError("file", _("The signed copy must be a PDF, JPEG or PNG scan."))
    files = _StoredFiles()
    try:
        with transaction.atomic():
            locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
            if locked.locked:
                raise InputError(
                    "file",
                    _("A signed copy is already recorded for this document; it cannot change."),
                )
            locked.signed_file = files.save("documents/signed", SIGNED_TYPES[detected], data)
            locked.signed_sha256 = sha256_of(data)
            locked.signed_content_type = detected
            locked.signed_by = actor
            locked.signed_at = timezone.now()
            locked.locked = True
            locked.save()
            audit_record(
                actor=actor,
                action="documents.signed_copy_recorded",
                target=locked,
                instansi_code=locked.instansi.code,
                data={
                    "kind": locked.kind,
                    "number": locked.number,
                    "case_id": _case_id(locked.case_key),
                    "sha256": locked.signed_sha256,
                },
            )
    except Exception:
        files.discard()
        raise
    return locked


def document_file(document: IssuedDocument, which: str) -> tuple[bytes, str, str]:
    """The bytes, content type and extension of a stored file: docx, pdf or signed."""
    if which == "docx":
        field, content_type, extension = (
            document.file_docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        )
    elif which == "pdf":
        if pending(document):
            raise PdfPending(
                "format",
                _("The PDF of %(number)s is still being prepared; it is ready in a moment.")
                % {"number": document.number},
            )
        field, content_type, extension = document.file_pdf, "application/pdf", "pdf"
    elif which == "signed" and document.signed_file:
        field = document.signed_file
        content_type = document.signed_content_type
        extension = SIGNED_TYPES.get(content_type, "bin")
    else:
        raise InputError("format", _("This document has no such file."))
    with field.open("rb") as handle:
        return handle.read(), content_type, extension
