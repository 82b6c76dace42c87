"""The audit events of `hearings` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HearingAction(models.TextChoices):
    SUMMONS_ISSUED = "hearing.summons_issued", _("Summons issued")
    EXAMINATION_MISSED = "hearing.examination_missed", _("Examination missed")
    TEAM_FORMED = "hearing.team_formed", _("Examination team formed")
    EXAMINATION_HELD = "hearing.examination_held", _("Examination held")
    QUESTION_RECORDED = "hearing.question_recorded", _("Question and answer recorded")
    QUESTION_CORRECTED = (
        "hearing.question_corrected",
        _("Question or answer corrected before the minutes (BAP)"),
    )
    QUESTION_WITHDRAWN = (
        "hearing.question_withdrawn",
        _("Question withdrawn before the minutes (BAP)"),
    )
    BAP_RECORDED = "hearing.bap_recorded", _("Examination minutes (BAP) recorded")
    FINDINGS_REPORTED = "hearing.findings_reported", _("Report of findings (LHP) recorded")
    TEMPORARY_RELEASE = "hearing.temporary_release", _("Temporary release from post")
    SESSION_HELD = "hearing.session_held", _("Joint examination session held")
    SESSION_QUESTION_RECORDED = (
        "hearing.session_question_recorded",
        _("Question put to a joint examination session"),
    )
    SESSION_MINUTES_COMPLETED = (
        "hearing.session_minutes_completed",
        _("Minutes (BAP) of a joint examination session completed"),
    )


KEYS = {
    HearingAction.SUMMONS_ISSUED: {
        "accused_id",
        "case_id",
        "examination_on",
        "issued_on",
        "latest_examination_on",
        "number",
    },
    HearingAction.EXAMINATION_MISSED: {"accused_id", "case_id", "examination_on", "number"},
    HearingAction.TEAM_FORMED: {
        "accused_id",
        "capacity",
        "case_id",
        "deviation",
        "formed_on",
        "members",
    },
    HearingAction.EXAMINATION_HELD: {
        "accused_id",
        "by_team",
        "case_id",
        "held_on",
        "summons_number",
        "virtual",
    },
    HearingAction.QUESTION_RECORDED: {
        "accused_id",
        "answer_length",
        "case_id",
        "order",
        "question_length",
    },
    HearingAction.QUESTION_CORRECTED: {
        "accused_id",
        "after_sha256",
        "answer_changed",
        "before_sha256",
        "case_id",
        "order",
        "question_changed",
    },
    HearingAction.QUESTION_WITHDRAWN: {"accused_id", "before_sha256", "case_id", "order"},
    HearingAction.BAP_RECORDED: {
        "accused_id",
        "case_id",
        "completed_on",
        "finding_changed",
        "signed_by_accused",
    },
    HearingAction.FINDINGS_REPORTED: {
        "accused_id",
        "case_final",
        "case_id",
        "proven",
        "recommended_sanction",
        "reported_on",
    },
    HearingAction.TEMPORARY_RELEASE: {
        "accused_id",
        "acting_official_id",
        "case_id",
        "decree_on",
        "deviation",
        "starts_on",
    },
    HearingAction.SESSION_HELD: {"accused_ids", "case_id", "held_on", "session_id", "virtual"},
    HearingAction.SESSION_QUESTION_RECORDED: {
        "accused_ids",
        "case_id",
        "question_length",
        "session_id",
    },
    HearingAction.SESSION_MINUTES_COMPLETED: {
        "accused_ids",
        "case_id",
        "completed_on",
        "refused_to_sign_ids",
        "session_id",
    },
}
