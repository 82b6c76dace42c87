"""The public verification page of electronically signed letters (TTE), opened from the QR code.

It shows what the letter itself makes public — the issuing agency, the kind, number and date,
the signer's position and name — with the SHA-256 hash of the file as issued and whether its
signature holds; nothing about the reporter or the accused. Anyone may upload a PDF to learn
whether it is the file issued, whether its signature holds, or whether it was changed. Uploads are
limited in size and counted per (keyed) client address (ADR 0026's throttle).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tegak.documents import signatures
from tegak.documents.kinds import get_kind
from tegak.documents.models import ElectronicSignature, IssuedDocument
from tegak.intake import throttle
from tegak.intake.models import ThrottleKind

UPLOAD_MAX_BYTES = 20 * 1024 * 1024


class CheckFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The PDF file you received"),
        help_text=gettext_lazy("At most 20 MB. The file is checked and not kept."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; a letter is smaller."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


def _letter(document: IssuedDocument) -> dict[str, Any]:
    """The facts of a letter that the letter itself prints."""
    kind = get_kind(document.kind)
    return {
        "instansi": document.instansi.name,
        "kind": kind.label,
        "number": document.number,
        # A date, written by the template in the page's language (the letter itself is
        # Indonesian; the page is read in the visitor's).
        "dated": document.dated,
    }


def _signature_facts(signature: ElectronicSignature) -> dict[str, Any]:
    document = signature.document
    later = signature.version < document.version
    return {
        **_letter(document),
        "signer_name": signature.signer_name,
        "signer_position": signature.signer_position,
        "signed_at": timezone.localtime(signature.signed_at),
        "sha256": signature.sha256,
        "issuer": signature.certificate.issuer,
        "replaced": later,
        "token": signature.token,
    }


def _status(signature: ElectronicSignature) -> str:
    checked = signatures.stored_status(signature)
    if checked is None or not checked.intact:
        return "invalid"
    return "valid" if checked.trusted else "untrusted"


def _check_upload(request: HttpRequest, form: CheckFileForm) -> signatures.FileVerdict | None:
    key = throttle.client_key(request)
    if throttle.verifications_exhausted(key):
        form.add_error(
            "file",
            _("Too many files were checked from your connection; try again in an hour."),
        )
        return None
    throttle.record(ThrottleKind.VERIFICATION, key)
    upload = form.cleaned_data["file"]
    data = b"".join(upload.chunks())
    return signatures.check_file(data)


def _verdict_context(verdict: signatures.FileVerdict, token: str) -> dict[str, Any]:
    context: dict[str, Any] = {"outcome": verdict.outcome, "uploaded_sha256": verdict.sha256}
    if verdict.signature is not None:
        context["matched"] = _signature_facts(verdict.signature)
        context["same_letter"] = not token or verdict.signature.token == token
    elif verdict.document is not None:
        context["matched"] = _letter(verdict.document)
        context["same_letter"] = not token
    return context


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str = "") -> HttpResponse:
    """A signed letter's facts and signature status (from its QR code), and a file check."""
    signature = signatures.signature_by_token(token) if token else None
    status = 200
    context: dict[str, Any] = {"token": token}
    if token and signature is None:
        status = 404
    elif signature is not None:
        context["letter"] = _signature_facts(signature)
        context["status"] = _status(signature)
    form = CheckFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        verdict = _check_upload(request, form)
        if verdict is not None:
            context["verdict"] = _verdict_context(verdict, token if signature else "")
    if form.errors:
        status = 400 if status == 200 else status
    context["form"] = form
    return render(request, "portal/verification.html", context, status=status)


@login_not_required
def authorities(request: HttpRequest) -> HttpResponse:
    """The certificates of the authorities signatures are checked against (PEM), to import into
    a validator (Adobe Reader, pdfsig's NSS database) so it can trust the letters."""
    response = HttpResponse(signatures.roots_pem(), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="tegak-ca.pem"'
    return response
