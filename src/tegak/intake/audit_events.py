"""The audit events of `intake` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IntakeAction(models.TextChoices):
    SETTINGS_SET = "intake.settings_set", _("Intake settings set")
    PARTNER_CREATED = "intake.partner_created", _("Partner channel created")
    PARTNER_DEACTIVATED = "intake.partner_deactivated", _("Partner channel deactivated")
    IDENTITY_KEYS_ROTATED = "intake.identity_keys_rotated", _("Reporter identity keys rotated")
    IDENTITY_DATA_KEY_ROTATED = (
        "intake.identity_data_key_rotated",
        _("Reporter identity data key rotated"),
    )
    COPIES_REMADE = (
        "intake.copies_remade",
        _("Cleaned copies of evidence made again by the newer cleaner"),
    )


INTAKE_KEYS = {
    IntakeAction.SETTINGS_SET: {
        "acknowledge_working_days",
        "first_answer_counting",
        "first_answer_days",
    },
    IntakeAction.PARTNER_CREATED: {"name"},
    IntakeAction.PARTNER_DEACTIVATED: set(),
    IntakeAction.IDENTITY_KEYS_ROTATED: {"data_keys_rewrapped", "reports"},
    IntakeAction.IDENTITY_DATA_KEY_ROTATED: {"key_id", "reports", "retired_keys"},
    IntakeAction.COPIES_REMADE: {"copies", "methods", "reports"},
}


class ReportAction(models.TextChoices):
    SUBMITTED = "report.submitted", _("Report submitted")
    SUBMITTED_BY_PARTNER = "report.submitted_by_partner", _("Report submitted by a partner")
    RECEIPT_REISSUED_TO_PARTNER = (
        "report.receipt_reissued_to_partner",
        _("Receipt code issued again to the partner that resent the report"),
    )
    ENTERED_BY_STAFF = "report.entered_by_staff", _("Report entered by staff")
    RECEIVED_FROM_LAPOR = "report.received_from_lapor", _("Report received from LAPOR!")
    CREATED_FROM_MEDIA = "report.created_from_media", _("Report created from a media item")
    ACKNOWLEDGED = "report.acknowledged", _("Report acknowledged")
    VERIFIED = "report.verified", _("Report verified")
    REJECTED = "report.rejected", _("Report rejected")
    FORWARDED = "report.forwarded", _("Report forwarded")
    MERGED = "report.merged", _("Report merged into another")
    TAKEN_INTO_CASE = "report.taken_into_case", _("Report taken into a case")
    ACCUSED_LINKED = "report.accused_linked", _("Reported employee linked")
    ACCUSED_UNLINKED = "report.accused_unlinked", _("Reported employee unlinked")
    EVIDENCE_ADDED = "report.evidence_added", _("Evidence added")
    REPORTER_MESSAGE = "report.reporter_message", _("Message from the reporter")
    STAFF_MESSAGE = "report.staff_message", _("Message to the reporter")
    INTERNAL_NOTE = "report.internal_note", _("Internal note")
    IDENTITY_REQUESTED = "report.identity_requested", _("Reporter identity requested")
    IDENTITY_APPROVED = "report.identity_approved", _("Request for the reporter identity approved")
    IDENTITY_REFUSED = "report.identity_refused", _("Request for the reporter identity refused")
    IDENTITY_OPENED = "report.identity_opened", _("Reporter identity opened")
    OUTCOME_PUBLISHED = "report.outcome_published", _("Outcome told to the reporter")


REPORT_KEYS = {
    ReportAction.SUBMITTED: {"channel", "evidence", "links", "reporter_mode"},
    ReportAction.SUBMITTED_BY_PARTNER: {
        "channel",
        "evidence",
        "links",
        "partner_id",
        "reporter_mode",
    },
    ReportAction.RECEIPT_REISSUED_TO_PARTNER: {"partner_id"},
    ReportAction.ENTERED_BY_STAFF: {"channel", "evidence", "links", "reporter_mode"},
    ReportAction.RECEIVED_FROM_LAPOR: {
        "channel",
        "evidence",
        "lapor_tracking_number",
        "links",
        "reporter_mode",
    },
    ReportAction.CREATED_FROM_MEDIA: {
        "channel",
        "evidence",
        "learned_on",
        "links",
        "published_on",
        "reporter_mode",
    },
    ReportAction.ACKNOWLEDGED: set(),
    # "on": the day the step happened, when the officer gave one (entered after the fact).
    ReportAction.VERIFIED: {"note_length", "on"},
    ReportAction.REJECTED: {"on", "reason_length"},
    ReportAction.FORWARDED: {"forwarded_to", "letter_reference", "on"},
    ReportAction.MERGED: {"into", "on"},
    ReportAction.TAKEN_INTO_CASE: {"case_reference"},
    ReportAction.ACCUSED_LINKED: {"employee_id", "on"},
    ReportAction.ACCUSED_UNLINKED: {"employee_id"},
    ReportAction.EVIDENCE_ADDED: {"evidence", "links"},
    ReportAction.REPORTER_MESSAGE: {"length", "message_id"},
    ReportAction.STAFF_MESSAGE: {"length", "message_id"},
    ReportAction.INTERNAL_NOTE: {"length", "message_id"},
    ReportAction.IDENTITY_REQUESTED: {"request_id"},
    ReportAction.IDENTITY_APPROVED: {"request_id"},
    ReportAction.IDENTITY_REFUSED: {"request_id"},
    ReportAction.IDENTITY_OPENED: {"reporter_mode", "request_id"},
    ReportAction.OUTCOME_PUBLISHED: {"case_reference", "final", "report_id", "results"},
}
