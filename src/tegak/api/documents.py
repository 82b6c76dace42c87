"""Documents over REST: a case's documents, issuing one, and checking a dossier.

A refusal answers 400 with the contract's `{"error": {"field", "message"}}`, a missing right 403,
anything out of sight 404. Files are downloaded from the staff pages (`documents:download`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from tegak.cases.access import accused_for, case_for
from tegak.core.errors import InputError
from tegak.documents import selectors, services
from tegak.documents.context import CoachingEntries, available_kinds
from tegak.documents.dossier import DossierUnreadable, dossier_verify
from tegak.documents.forms import ENTRY_MAX
from tegak.documents.models import IssuedDocument
from tegak.documents.views import NOT_ALLOWED_TO_ISSUE

router = Router(tags=["documents"])


class ErrorOut(Schema):
    error: dict[str, Any]


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    dated: date
    version: int
    sha256_docx: str
    sha256_pdf: str  # empty while the PDF is being made (pdf_ready false)
    pdf_ready: bool
    locked: bool
    signed_sha256: str
    accused_step: str


class IssuedOut(DocumentOut):
    # Every document this call issued: one, except the pemberitahuan hasil, one letter per
    # complainant whose report fed the case (reading C28). The fields above are the first's.
    documents: list[DocumentOut]


class AvailableOut(Schema):
    accused_id: int
    kind: str
    reason: str


class CaseDocumentsOut(Schema):
    documents: list[DocumentOut]
    available: list[AvailableOut]


class IssueIn(Schema):
    kind: str
    # Coaching minutes only (berita_acara_pembinaan), printed exactly as entered; left out, the
    # minutes print a line to fill in by hand, as on the staff page.
    guidance: str = Field("", description="the coaching given")
    statement: str = Field("", description="the coached person's statement, in their words")


class VerifyOut(Schema):
    ok: bool
    files_checked: int
    events_checked: int
    problem_path: str
    problem: str
    signature: str


def _out(document: IssuedDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "kind": document.kind,
        "number": document.number,
        "dated": document.dated,
        "version": document.version,
        "sha256_docx": document.sha256_docx,
        "sha256_pdf": document.sha256_pdf,
        "pdf_ready": bool(document.file_pdf),
        "locked": document.locked,
        "signed_sha256": document.signed_sha256,
        "accused_step": f"{document.subject_type}:{document.subject_id}",
    }


@router.get("/cases/{int:case_id}", response={200: CaseDocumentsOut})
def case_documents(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The documents issued for a case, and what each accused's file allows to issue now."""
    case = case_for(request.user, case_id)
    available = [
        {"accused_id": accused.pk, "kind": kind, "reason": reason}
        for accused in case.accused.order_by("id")
        for kind, reason in available_kinds(accused)
    ]
    documents = [_out(item) for item in selectors.documents_of_case(request.user, case)]
    return {"documents": documents, "available": available}


@router.post(
    "/cases/{int:case_id}/accused/{int:accused_id}/issue",
    response={201: IssuedOut, 400: ErrorOut, 403: ErrorOut},
)
def issue(request: HttpRequest, case_id: int, accused_id: int, body: IssueIn) -> Status:
    """Issue (or re-issue before signature) a document of a kind for one accused; the answer is
    the document, with `documents` listing every letter issued (the pemberitahuan hasil goes to
    each complainant whose report fed the case)."""
    accused = accused_for(request.user, case_id, accused_id)
    for name in ("guidance", "statement"):
        # The staff page's limit, refused on the field as the contract says (not ninja's 422).
        try:
            MaxLengthValidator(ENTRY_MAX)(getattr(body, name))
        except ValidationError as error:
            return Status(400, {"error": {"field": name, "message": error.messages[0]}})
    try:
        documents = services.documents_issue_for_case(
            actor=request.user,
            accused=accused,
            kind=body.kind,
            coaching=CoachingEntries(
                guidance=body.guidance, statements={accused.pk: body.statement}
            ),
        )
    except PermissionDenied:
        return Status(403, {"error": {"field": "", "message": str(NOT_ALLOWED_TO_ISSUE)}})
    except InputError as error:
        return Status(400, error.as_dict())
    return Status(201, {**_out(documents[0]), "documents": [_out(item) for item in documents]})


@router.post("/dossiers/verify", response={200: VerifyOut, 400: ErrorOut})
def verify(request: HttpRequest, file: File[UploadedFile]) -> Status:
    """Check a dossier ZIP: every file against the manifest, every audit event against its hash."""
    try:
        report = dossier_verify(file.read())
    except DossierUnreadable as error:
        return Status(
            400,
            {"error": {"field": "file", "message": error.message()}},
        )
    return Status(200, report.as_dict())
