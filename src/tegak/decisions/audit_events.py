"""The audit events of `decisions` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionAction(models.TextChoices):
    TAKEN = "decision.taken", _("Decision taken")
    AMENDED = "decision.amended", _("Decision corrected before delivery")
    DELIVERED = "decision.delivered", _("Decision delivered")
    OBJECTION_FILED = "decision.objection_filed", _("Objection or appeal filed")
    OBJECTION_REPLIED = (
        "decision.objection_replied",
        _("Official's reply to the objection recorded"),
    )
    OBJECTION_DECIDED = "decision.objection_decided", _("Objection or appeal decided")
    FINAL = "decision.final", _("Decision final")


KEYS = {
    DecisionAction.TAKEN: {
        "accused_id",
        "authority_checked",
        "authority_role",
        "capacity",
        "case_id",
        "decided_on",
        "deviation",
        "engine_version",
        "on_evidence_without_examination",
        "outside_allowed",
        "sanction_code",
        "superiors_reweighed",
    },
    DecisionAction.AMENDED: {
        "accused_id",
        "authority_checked",
        "before",
        "capacity",
        "case_id",
        "decided_on",
        "decided_on_before",
        "deviation",
        "outside_allowed",
        "sanction_code",
        "superiors_reweighed",
    },
    DecisionAction.DELIVERED: {
        "absent",
        "accused_id",
        "capacity",
        "case_id",
        "delivered_on",
        "effective_on",
        "received_on",
        "window_closes_on",
    },
    DecisionAction.OBJECTION_FILED: {
        "accused_id",
        "capacity",
        "case_id",
        "filed_on",
        "grounds_length",
        "kind",
    },
    DecisionAction.OBJECTION_REPLIED: {
        "accused_id",
        "case_id",
        "deviation",
        "replied_on",
        "text_length",
    },
    DecisionAction.OBJECTION_DECIDED: {
        "accused_id",
        "capacity",
        "case_final",
        "case_id",
        "decided_on",
        "deviation",
        "outcome",
        "outcome_sanction_code",
        "superiors_reweighed",
    },
    DecisionAction.FINAL: {"accused_id", "case_final", "case_id", "effective_on", "final_on"},
}
