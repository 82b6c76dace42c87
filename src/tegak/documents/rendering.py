"""The PDF of an issued document, made by the job worker after the issue step has committed.

Issuing (`services.document_issue`) takes the number, fills the DOCX (fast, and where a broken
template is refused with its reason) and commits the document row with it; the PDF conversion
(WeasyPrint, 0.1 s warm and more than a second cold) and the electronic signature run here, in
the job `tegak.documents.tasks.render_issued_pdf`, outside the request and outside any write
transaction: on SQLite that transaction holds the one write lock every other user waits for.

The job is idempotent: it renders the version it was enqueued for, stores the PDF under a new
random name, and records it in one short transaction only if the document still is at that
version and still has no PDF; otherwise it removes what it wrote and does nothing. A job that
dies half-way leaves at most a file without a row (the storage sweep removes it) and is tried
again by the worker.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from tegak.audit.services import audit_record
from tegak.core.access import SystemActor
from tegak.documents.models import IssuedDocument, SigningCertificate
from tegak.documents.render import docx_to_pdf
from tegak.documents.signatures import SignedPdf, record_signature, sign_letter

# The audit chain's actor for what the worker does on its own.
RENDERER = SystemActor("document-renderer")

# What `pdf_render` answers (the job's result on the administrators' page).
RENDERED = "rendered"
ALREADY_RENDERED = "already_rendered"
SUPERSEDED = "superseded"  # issued again meanwhile: the newer version's job renders that one
GONE = "gone"


def pending(document: IssuedDocument) -> bool:
    """Whether the document's PDF is still being made."""
    return not document.file_pdf


def pdf_render(
    document_id: int,
    version: int,
    *,
    certificate_id: int | None = None,
    signatory: dict[str, Any] | None = None,
    reason: str = "",
) -> str:
    """Convert the stored DOCX of this version to PDF, sign it when a certificate was chosen at
    issue, and record it; see the module's docstring."""
    document = IssuedDocument.objects.select_related("instansi").filter(pk=document_id).first()
    if document is None:
        return GONE
    if document.version != version:
        return SUPERSEDED
    if not pending(document):
        return ALREADY_RENDERED
    with document.file_docx.open("rb") as handle:
        docx = handle.read()
    pdf = docx_to_pdf(docx)
    signed: SignedPdf | None = None
    certificate = (
        SigningCertificate.objects.filter(pk=certificate_id).first()
        if certificate_id is not None
        else None
    )
    if certificate is not None:
        signed = sign_letter(
            pdf,
            certificate=certificate,
            signatory=dict(signatory or {}),
            instansi=document.instansi,
            reason=reason,
        )
        pdf = signed.pdf
    digest = hashlib.sha256(pdf).hexdigest()
    # Random name, file first and row after, as everywhere (a crash leaves a file, no row).
    name = default_storage.save(f"documents/issued/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
    try:
        with transaction.atomic():
            locked = IssuedDocument.objects.select_for_update().filter(pk=document_id).first()
            if locked is None:
                outcome = GONE
            elif locked.version != version:
                outcome = SUPERSEDED
            elif not pending(locked):
                outcome = ALREADY_RENDERED
            else:
                outcome = ""
            if outcome or locked is None:  # another run of this job got there first
                default_storage.delete(name)
                return outcome
            locked.file_pdf.name = name
            locked.sha256_pdf = digest
            locked.save(update_fields=["file_pdf", "sha256_pdf"])
            if signed is not None:
                record_signature(locked, signed, sha256=digest)
            audit_record(
                actor=RENDERER,
                action="documents.pdf_rendered",
                target=locked,
                instansi_code=document.instansi.code,
                data={
                    "kind": locked.kind,
                    "number": locked.number,
                    "version": version,
                    "case_id": int(locked.case_key) if locked.case_key.isdigit() else None,
                    "sha256_pdf": digest,
                    "certificate": signed.certificate.fingerprint if signed else "",
                },
            )
    except BaseException:
        default_storage.delete(name)
        raise
    return RENDERED
