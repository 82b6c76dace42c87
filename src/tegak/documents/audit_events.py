"""The audit events of `documents` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentsAction(models.TextChoices):
    ISSUED = "documents.issued", _("Document issued")
    REGENERATED = "documents.regenerated", _("Document generated again")
    PDF_RENDERED = "documents.pdf_rendered", _("Document PDF made")
    SIGNED_COPY_RECORDED = "documents.signed_copy_recorded", _("Signed copy recorded")
    NUMBERING_SET = "documents.numbering_set", _("Letter numbering set")
    NUMBERING_REMOVED = "documents.numbering_removed", _("Letter numbering removed")
    LETTERHEAD_SET = "documents.letterhead_set", _("Letterhead set")
    LETTERHEAD_REMOVED = "documents.letterhead_removed", _("Letterhead removed")
    TEMPLATE_UPLOADED = "documents.template_uploaded", _("Document template uploaded")
    TEMPLATE_DEACTIVATED = "documents.template_deactivated", _("Document template deactivated")
    DOSSIER_SENT = "documents.dossier_sent", _("Case dossier sent")
    SIGNING_CERTIFICATE_UPLOADED = (
        "documents.signing_certificate_uploaded",
        _("Certificate for electronic signatures uploaded"),
    )
    SIGNING_TOKEN_CONFIGURED = (
        "documents.signing_token_configured",
        _("Key on a PKCS#11 token set up for electronic signatures"),
    )
    SIGNING_CERTIFICATE_DEACTIVATED = (
        "documents.signing_certificate_deactivated",
        _("Certificate for electronic signatures taken out of use"),
    )


# What a new signing certificate's event says (a key on a token adds where it is found).
CERTIFICATE_KEYS = {"signer", "unit", "subject", "issuer", "fingerprint", "valid_until", "replaced"}

KEYS = {
    DocumentsAction.ISSUED: {
        "case_id",
        "certificate",
        "electronic_signature",
        "kind",
        "number",
        "sha256_docx",
        "version",
    },
    DocumentsAction.REGENERATED: {
        "case_id",
        "certificate",
        "electronic_signature",
        "kind",
        "number",
        "sha256_docx",
        "version",
    },
    DocumentsAction.PDF_RENDERED: {
        "case_id",
        "certificate",
        "kind",
        "number",
        "sha256_pdf",
        "version",
    },
    DocumentsAction.SIGNED_COPY_RECORDED: {"case_id", "kind", "number", "sha256"},
    DocumentsAction.NUMBERING_SET: {"kind", "pattern", "unit", "yearly"},
    DocumentsAction.NUMBERING_REMOVED: {"kind", "pattern", "unit"},
    DocumentsAction.LETTERHEAD_SET: {
        "unit",
        "created",
        "government",
        "unit_line",
        "address",
        "contact",
    },
    DocumentsAction.LETTERHEAD_REMOVED: {"unit"},
    DocumentsAction.TEMPLATE_UPLOADED: {"kind", "sha256"},
    DocumentsAction.TEMPLATE_DEACTIVATED: {"kind", "reason"},
    DocumentsAction.SIGNING_CERTIFICATE_UPLOADED: CERTIFICATE_KEYS,
    DocumentsAction.SIGNING_TOKEN_CONFIGURED: CERTIFICATE_KEYS
    | {"module", "token_label", "key_label", "key_id"},
    DocumentsAction.SIGNING_CERTIFICATE_DEACTIVATED: {"fingerprint"},
    DocumentsAction.DOSSIER_SENT: {
        "case_id",
        "files",
        "manifest_sha256",
        "recipient_kind",
        "sha256",
    },
}
