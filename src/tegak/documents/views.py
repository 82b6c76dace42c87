"""Staff pages: a case's documents (issue, download, signed copy, dossier) and templates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tegak.core.errors import InputError
from tegak.documents import access, rendering, selectors, services
from tegak.documents.builtin import builtin_template
from tegak.documents.context import CASE_KINDS, available_kinds, kind_fits
from tegak.documents.dossier import dossier_send
from tegak.documents.forms import (
    DossierForm,
    GroupIssueForm,
    IssueForm,
    NumberingForm,
    SignedCopyForm,
    TemplateUploadForm,
)
from tegak.documents.kinds import KINDS
from tegak.documents.models import IssuedDocument

NOT_ALLOWED_TO_ISSUE = gettext_lazy("You may not issue documents in this case.")
PDF_PENDING = gettext_lazy("PDF being prepared")
PDF_READY = gettext_lazy("PDF ready")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# What the page says of a letter issued without an electronic signature (services.py).
UNSIGNED_MESSAGES = {
    services.ESIGN_NOT_SIGNER: gettext_lazy(
        "It is not signed electronically: only the official it names as signer may sign it "
        "electronically. It is marked for signature; print it for their signature."
    ),
    services.ESIGN_DATED_BEFORE: gettext_lazy(
        "It is dated before today, so it is a record copy of a letter signed outside Tegak: "
        "marked as such and not signed electronically."
    ),
    services.ESIGN_DATED_AFTER: gettext_lazy(
        "It is dated after today, so it is not signed electronically; it is marked for signature."
    ),
}


def _unsigned_message(documents: list[IssuedDocument]) -> str:
    """The sentence for the first document not signed electronically for a reason, or ''."""
    for document in documents:
        message = UNSIGNED_MESSAGES.get(document.electronic_signature_outcome)
        if message:
            return f" {message}"
    return ""


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _file_stem(document: IssuedDocument) -> str:
    return f"{document.kind}-{document.number}".replace("/", "-").replace(" ", "-")


def case_documents(request: HttpRequest, case_id: int) -> HttpResponse:
    """The documents area of a case: what can be issued, what was issued, dossiers sent."""
    case = access.case_for_reader(request.user, case_id)
    issued = list(selectors.documents_of_case(request.user, case))
    by_step = {(item.kind, item.subject_type, item.subject_id): item for item in issued}
    rows = []
    for accused in case.accused.select_related("employee").order_by("id"):
        kinds: list[dict[str, Any]] = [
            {"code": kind, "title": KINDS[kind].label, "reason": reason}
            for kind, reason in available_kinds(accused)
            if kind_fits(kind, accused.employee.status)
        ]
        for kind in kinds:
            if kind["code"] == "pemberitahuan_hasil" and not kind["reason"]:
                # A report merged into the case after the letters went out (reading C28).
                kind["missing"] = [
                    report.reference for report in services.outcome_notices_missing(accused)
                ]
        rows.append({"accused": accused, "kinds": kinds})
    everyone = [row["accused"] for row in rows]
    _mark_dates_behind(issued)
    context: dict[str, Any] = {
        "case": case,
        "rows": rows,
        "issued": issued,
        "pending": any(rendering.pending(item) for item in issued),
        "by_step": by_step,
        "may_issue": access.has_role(request.user, case.instansi, access.ISSUERS),
        "may_send": access.has_role(request.user, case.instansi, access.DOSSIER_SENDERS),
        "dossiers": list(selectors.dossiers_of_case(request.user, case)),
        "dossier_form": DossierForm(),
        "signed_form": SignedCopyForm(),
        "group_form": _group_form(None, everyone) if len(everyone) > 1 else None,
    }
    return render(request, "documents/case.html", context)


def _mark_dates_behind(issued: list[Any]) -> None:
    """Mark each unsigned decision letter whose date is no longer its decision's (the date was
    corrected and the letter could not be issued again then, readings C30, D16): the page says
    so beside it, until it is issued again. A signed letter is the version of record."""
    from tegak.decisions.models import Decision
    from tegak.documents.context import DECISION_DOCUMENT_KINDS

    letters = [
        item
        for item in issued
        if item.kind in DECISION_DOCUMENT_KINDS
        and item.subject_type == "decisions.decision"
        and not item.locked
    ]
    if not letters:
        return
    days = dict(
        Decision.objects.filter(
            pk__in=[int(item.subject_id) for item in letters if str(item.subject_id).isdigit()]
        ).values_list("pk", "decided_on")
    )
    for item in letters:
        day = days.get(int(item.subject_id)) if str(item.subject_id).isdigit() else None
        if day is not None and item.dated != day:
            item.decision_day = day


def _group_form(data: Any, accused: list[Any]) -> GroupIssueForm:
    """The kinds of the case (in the order of the procedure) and every accused, all ticked."""
    statuses = {item.employee.status for item in accused}
    kinds = [
        (code, KINDS[code].label)
        for code in CASE_KINDS
        if any(kind_fits(code, status) for status in statuses)
    ]
    return GroupIssueForm(
        data, kinds=kinds, accused=accused, initial={"accused": [item.pk for item in accused]}
    )


@require_POST
def issue_group(request: HttpRequest, case_id: int) -> HttpResponse:
    """Issue one kind for the ticked accused at once (ONE coaching minutes for a group)."""
    case = access.case_for_reader(request.user, case_id)
    everyone = list(case.accused.select_related("employee").order_by("id"))
    form = _group_form(request.POST, everyone)
    if not form.is_valid():
        messages.error(request, _("Choose a document and tick the accused."))
        return redirect("documents:case", case_id=case.pk)
    chosen_ids = set(form.cleaned_data["accused"])
    chosen = [item for item in everyone if item.pk in chosen_ids]
    try:
        documents = services.document_issue_for_group(
            actor=request.user,
            case=case,
            accused=chosen,
            kind=form.cleaned_data["kind"],
            coaching=form.coaching(),
        )
    except PermissionDenied:
        messages.error(request, NOT_ALLOWED_TO_ISSUE)
    except InputError as error:
        messages.error(
            request,
            _("Nothing was issued. %(reason)s") % {"reason": error.message},
        )
    else:
        messages.success(
            request,
            _("Issued %(title)s: %(numbers)s.")
            % {
                "title": KINDS[documents[0].kind].label,
                "numbers": ", ".join(document.number for document in documents),
            }
            + _unsigned_message(documents),
        )
    return redirect("documents:case", case_id=case.pk)


@require_POST
def issue(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_for_reader(request.user, case_id)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a document to issue."))
        return redirect("documents:case", case_id=case.pk)
    accused = access.accused_for_reader(request.user, case.pk, form.cleaned_data["accused"])
    kind = form.cleaned_data["kind"]
    try:
        if kind == "pemberitahuan_hasil":
            # One letter per complainant whose report fed the case (reading C28): say them all.
            documents = services.outcome_notices_issue(
                actor=request.user,
                accused=accused,
                missing_only=form.cleaned_data["missing_only"],
            )
            document = documents[0]
        else:
            document = services.document_issue_for_case(
                actor=request.user, accused=accused, kind=kind, coaching=form.coaching()
            )
            documents = [document]
    except PermissionDenied:
        messages.error(request, NOT_ALLOWED_TO_ISSUE)
    except InputError as error:
        messages.error(request, error.message)
    else:
        if len(documents) > 1 or form.cleaned_data["missing_only"]:
            messages.success(
                request,
                _("Issued %(title)s: %(numbers)s.")
                % {
                    "title": KINDS[document.kind].label,
                    "numbers": ", ".join(item.number for item in documents),
                }
                + _unsigned_message(documents),
            )
            return redirect("documents:case", case_id=case.pk)
        messages.success(
            request,
            _("Issued %(title)s number %(number)s (version %(version)s).")
            % {
                "title": KINDS[document.kind].label,
                "number": document.number,
                "version": document.version,
            }
            + _unsigned_message([document]),
        )
    return redirect("documents:case", case_id=case.pk)


def download(request: HttpRequest, document_id: int, which: str) -> HttpResponse:
    document = access.document_for_reader(request.user, document_id)
    try:
        data, content_type, extension = services.document_file(document, which)
    except services.PdfPending as error:
        # The job worker is still making it: back to the case's documents, which show the
        # document as being prepared and reload themselves when it is ready.
        messages.info(request, error.message)
        if document.case_key.isdigit():
            return redirect("documents:case", case_id=int(document.case_key))
        return redirect("dashboard:home")
    except InputError as error:
        raise Http404 from error
    suffix = "-ditandatangani" if which == "signed" else ""
    return _attachment(data, content_type, f"{_file_stem(document)}{suffix}.{extension}")


def progress(request: HttpRequest, document_id: int) -> JsonResponse:
    """Whether the document's PDF is ready, as JSON, for the case page's script (the same
    access as the download)."""
    document = access.document_for_reader(request.user, document_id)
    ready = not rendering.pending(document)
    response = JsonResponse(
        {
            "id": document.pk,
            "version": document.version,
            "ready": ready,
            "status": str(PDF_READY if ready else PDF_PENDING),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def sign(request: HttpRequest, document_id: int) -> HttpResponse:
    document = access.document_for_reader(request.user, document_id)
    form = SignedCopyForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the scanned signed document to upload."))
    else:
        try:
            services.document_sign(
                actor=request.user, document=document, upload=form.cleaned_data["file"]
            )
        except PermissionDenied:
            messages.error(request, _("You may not record signed copies in this case."))
        except InputError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The signed copy of %(number)s is now the version of record.")
                % {"number": document.number},
            )
    if document.case_key.isdigit():
        return redirect("documents:case", case_id=int(document.case_key))
    return redirect("dashboard:home")


@require_POST
def dossier_create(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_for_reader(request.user, case_id)
    form = DossierForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say who receives the dossier."))
        return redirect("documents:case", case_id=case.pk)
    try:
        dispatch = dossier_send(actor=request.user, case=case, **form.cleaned_data)
    except PermissionDenied:
        messages.error(request, _("You may not send dossiers of this case."))
    except InputError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Dossier for %(recipient)s built: %(files)s files, SHA-256 %(sha)s.")
            % {
                "recipient": dispatch.recipient_name,
                "files": len(dispatch.contents),
                "sha": dispatch.sha256[:16],
            },
        )
    return redirect("documents:case", case_id=case.pk)


def dossier_download(request: HttpRequest, dispatch_id: int) -> HttpResponse:
    dispatch = access.dossier_for_sender(request.user, dispatch_id)
    with dispatch.file.open("rb") as handle:
        data = handle.read()
    stem = f"berkas-{dispatch.subject_label}-{dispatch.sent_at:%Y%m%d-%H%M}".replace("/", "-")
    return _attachment(data, "application/zip", f"{stem}.zip")


def templates(request: HttpRequest) -> HttpResponse:
    """Placeholders per kind, the built-in templates, uploads and numbering (administrators)."""
    instansi = access.templates_instansi_for(request.user, request.GET.get("instansi", ""))
    upload_form = TemplateUploadForm()
    numbering_form = NumberingForm()
    if request.method == "POST":
        try:
            if request.POST.get("form") == "numbering":
                numbering_form = NumberingForm(request.POST)
                if numbering_form.is_valid():
                    services.numbering_scheme_set(
                        actor=request.user, instansi=instansi, **numbering_form.cleaned_data
                    )
                    messages.success(request, _("Numbering saved."))
                    return redirect(request.get_full_path())
            else:
                upload_form = TemplateUploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    services.template_upload(
                        actor=request.user,
                        instansi=instansi,
                        kind=upload_form.cleaned_data["kind"],
                        upload=upload_form.cleaned_data["file"],
                    )
                    messages.success(request, _("Template accepted; it is used from now on."))
                    return redirect(request.get_full_path())
        except InputError as error:
            target = numbering_form if request.POST.get("form") == "numbering" else upload_form
            target.add_error(error.field if error.field in target.fields else None, error.message)
    kinds = [
        {
            "code": code,
            "title": kind.label,
            "placeholders": [
                f"{key}.{name}" if fields else key
                for key, fields in kind.full_schema.items()
                for name in (fields or ("",))
            ],
        }
        for code, kind in KINDS.items()
    ]
    context = {
        "instansi": instansi,
        "kinds": kinds,
        "uploaded": list(selectors.templates_of(request.user).filter(instansi=instansi)),
        "upload_form": upload_form,
        "numbering_form": numbering_form,
        "case_kinds": CASE_KINDS,
    }
    return render(request, "documents/templates.html", context)


def builtin_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS or not access.manages_templates(request.user):
        raise Http404
    return _attachment(builtin_template(kind), DOCX_TYPE, f"templat-{kind}.docx")
