"""The audit events of `cases` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseAction(models.TextChoices):
    OPENED = "case.opened", _("Case opened")
    ALLEGATION_ADDED = "case.allegation_added", _("Allegation added")
    FINDING_REFRESHED = "case.finding_refreshed", _("Rules finding refreshed")
    HANDLER_ASSIGNED = "case.handler_assigned", _("Handler assigned")
    HANDLER_REMOVED = "case.handler_removed", _("Handler removed")
    STATEMENT_RECORDED = "case.statement_recorded", _("Statement recorded")
    POST_STATED = "case.post_stated", _("Post held then stated")
    SUBORDINATE_ELSEWHERE_RECORDED = (
        "case.subordinate_elsewhere_recorded",
        _("Subordinate handled elsewhere recorded"),
    )
    SUBORDINATE_ELSEWHERE_REMOVED = (
        "case.subordinate_elsewhere_removed",
        _("Subordinate handled elsewhere removed"),
    )
    DEADLINE_REMINDED = "case.deadline_reminded", _("Deadline reminder sent")
    DEADLINE_ESCALATED = "case.deadline_escalated", _("Passed deadline escalated")
    SUPERIOR_DUTY_FLAGGED = "case.superior_duty_flagged", _("Superior did not summon in time")
    WINDOW_PASSED = "case.window_passed", _("Objection window passed")
    OFFICE_LIMIT_PASSED = "case.office_limit_passed", _("Office time limit passed")
    ESCALATION_CLIMBED = "case.escalation_climbed", _("Escalation passed to the next superior")
    GROUP_STEP_TAKEN = "case.group_step_taken", _("Step taken for several accused together")


KEYS = {
    CaseAction.OPENED: {
        "accused_ids",
        "attendance_year",
        "case_id",
        "engine_version",
        "opened_on",
        "origin",
        "provisions",
        "register_number",
        "report_ids",
        "stated_post_employee_ids",
    },
    CaseAction.ALLEGATION_ADDED: {
        "case_id",
        "committed_on",
        "employee_id",
        "finding_changed",
        "level",
        "provision",
    },
    CaseAction.SUBORDINATE_ELSEWHERE_RECORDED: {
        "accused_id",
        "case_id",
        "employee_id",
        "finding_changed",
        "linked_accused_id",
        "sanction_code",
        "source_length",
    },
    CaseAction.SUBORDINATE_ELSEWHERE_REMOVED: {
        "accused_id",
        "case_id",
        "employee_id",
        "finding_changed",
        "linked_accused_id",
        "reason",
        "sanction_code",
    },
    CaseAction.FINDING_REFRESHED: {"as_of", "case_id", "changed", "engine_version"},
    CaseAction.HANDLER_ASSIGNED: {
        "assigned_on",
        "case_id",
        "role",
        "substitutes_for_employee_id",
        "user_id",
    },
    CaseAction.HANDLER_REMOVED: {"case_id", "reason", "role", "user_id"},
    CaseAction.STATEMENT_RECORDED: {
        "case_id",
        "claimed_at",
        "claims_within_working_hours",
        "given_on",
        "source",
        "text_length",
    },
    CaseAction.POST_STATED: {
        "case_id",
        "employee_id",
        "end",
        "finding_changed",
        "kind",
        "source_length",
        "start",
        "superior_id",
        "unit_id",
    },
    CaseAction.DEADLINE_REMINDED: {
        "accused_id",
        "case_id",
        "clock",
        "due",
        "notified_user_ids",
        "on",
    },
    CaseAction.DEADLINE_ESCALATED: {
        "accused_id",
        "case_id",
        "clock",
        "due",
        "notified_user_ids",
        "on",
    },
    CaseAction.SUPERIOR_DUTY_FLAGGED: {
        "accused_id",
        "case_id",
        "clock",
        "due",
        "notified_user_ids",
        "on",
    },
    CaseAction.WINDOW_PASSED: {"accused_id", "case_id", "clock", "due", "notified_user_ids", "on"},
    CaseAction.OFFICE_LIMIT_PASSED: {
        "accused_id",
        "case_id",
        "clock",
        "due",
        "notified_user_ids",
        "on",
    },
    CaseAction.ESCALATION_CLIMBED: {
        "accused_id",
        "case_id",
        "clock",
        "due",
        "level",
        "notified_user_ids",
        "on",
    },
    CaseAction.GROUP_STEP_TAKEN: {"accused_ids", "case_id", "step"},
}
