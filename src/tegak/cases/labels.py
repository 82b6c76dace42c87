"""Labels for people: the audit actions a case's history shows, and the sanction codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tegak.law import labels as law_labels
from tegak.rules.catalog import PROVISIONS

# Every action a case's own events carry (CaseEvent); the code stays visible for auditors.
EVENT_LABELS = {
    "case.opened": _("Case opened"),
    "case.allegation_added": _("Allegation added"),
    "case.finding_refreshed": _("Rules finding refreshed"),
    "case.handler_assigned": _("Handler assigned"),
    "case.handler_removed": _("Handler removed"),
    "case.statement_recorded": _("Statement recorded"),
    "case.post_stated": _("Post held then stated"),
    "case.deadline_reminded": _("Deadline reminder sent"),
    "case.deadline_escalated": _("Passed deadline escalated"),
    "case.superior_duty_flagged": _("Superior did not summon in time"),
    "case.window_passed": _("Objection window passed"),
    "hearing.summons_issued": _("Summons issued"),
    "hearing.examination_missed": _("Examination missed"),
    "hearing.team_formed": _("Examination team formed"),
    "hearing.examination_held": _("Examination held"),
    "hearing.question_recorded": _("Question and answer recorded"),
    "hearing.bap_recorded": _("Examination minutes (BAP) recorded"),
    "hearing.findings_reported": _("Report of findings (LHP) recorded"),
    "decision.taken": _("Decision taken"),
    "decision.amended": _("Decision corrected before delivery"),
    "decision.delivered": _("Decision delivered"),
    "decision.objection_filed": _("Objection or appeal filed"),
    "decision.objection_decided": _("Objection or appeal decided"),
    "decision.final": _("Decision final"),
}


def event_label(action: str) -> str:
    """The action's label in the active language; an unknown action shows its code."""
    return str(EVENT_LABELS.get(action, action))


def sanction_label(code: str, finding: dict[str, Any] | None = None) -> str:
    """The sanction's label in the active language (`tegak.law.labels`)."""
    return law_labels.label("sanction", code, finding=finding)


# The deadlines the rules engine and the case file set (Clock.name).
CLOCK_LABELS = {
    "superior_must_summon": _("Superior must summon"),
    "examination_earliest": _("Earliest examination day"),
    "examination_latest": _("Latest examination day"),
    "second_summons_latest": _("Latest day for the second summons"),
    "delivery_latest": _("Latest day to deliver the decision"),
    "takes_effect": _("Decision takes effect"),
    "objection_due": _("Last day for an objection"),
    "appeal_due": _("Last day for an appeal"),
    "official_reply_due": _("Official's reply due"),
    "ppk_reply_due": _("PPK's reply due"),
    "objection_decision_due": _("Objection decision due"),
    "bpasn_decision_due": _("BPASN decision due"),
    "complainant_informed_due": _("Reporter told the outcome"),
}


def clock_label(name: str) -> str:
    return str(CLOCK_LABELS.get(name, name))


def authority_label(role: str) -> str:
    return law_labels.label("authority", role)


def level_label(level: str) -> str:
    return law_labels.label("level", level)


def provision_citation(provision: str) -> str:
    """'pp-94-2021:3:f' -> 'PP 94/2021 Pasal 3 huruf f' (a local rule shows its id)."""
    found = PROVISIONS.get(provision)
    return found.citation if found is not None else provision
