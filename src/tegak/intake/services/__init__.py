"""Every write of the intake app: one function per action, one audit event per call.

Audit events never carry a reporter's identity, a receipt code or evidence content. The
functions live in the modules of this package and are all importable from here.
"""

from tegak.intake.services.common import (
    IDENTITY_FIELDS,
    AlreadySent,
    ReportInput,
    TooManyAttempts,
    Upload,
    report_problems,
)
from tegak.intake.services.copies import copies_remake
from tegak.intake.services.identity import (
    disclosure_request_create,
    disclosure_request_decide,
    identity_keys_rotate,
    identity_open,
)
from tegak.intake.services.partners import (
    partner_channel_create,
    partner_channel_deactivate,
    partner_token_hash,
)
from tegak.intake.services.reports import (
    PartnerReferenceConflict,
    PartnerSubmission,
    partner_fingerprint,
    receipt_sign_in,
    report_create_by_staff,
    report_create_from_media,
    report_receive_lapor,
    report_submit,
    report_submit_partner,
    reporter_evidence_add,
    reporter_message_send,
)
from tegak.intake.services.triage import (
    message_send,
    report_acknowledge,
    report_forward,
    report_link_employee,
    report_mark_in_case,
    report_merge,
    report_outcome_publish,
    report_reject,
    report_unlink_employee,
    report_verify,
    staff_evidence_add,
)

__all__ = [
    "IDENTITY_FIELDS",
    "AlreadySent",
    "PartnerReferenceConflict",
    "PartnerSubmission",
    "ReportInput",
    "TooManyAttempts",
    "Upload",
    "copies_remake",
    "disclosure_request_create",
    "disclosure_request_decide",
    "identity_keys_rotate",
    "identity_open",
    "message_send",
    "partner_channel_create",
    "partner_channel_deactivate",
    "partner_fingerprint",
    "partner_token_hash",
    "receipt_sign_in",
    "report_acknowledge",
    "report_create_by_staff",
    "report_create_from_media",
    "report_forward",
    "report_link_employee",
    "report_mark_in_case",
    "report_merge",
    "report_outcome_publish",
    "report_problems",
    "report_receive_lapor",
    "report_reject",
    "report_submit",
    "report_submit_partner",
    "report_unlink_employee",
    "report_verify",
    "reporter_evidence_add",
    "reporter_message_send",
    "staff_evidence_add",
]
