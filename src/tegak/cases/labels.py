"""Labels for people: the audit actions a case's history shows, and the sanction codes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tegak.decisions.forms import SANCTION_LABELS

# Every action a case's own events carry (CaseEvent); the code stays visible for auditors.
EVENT_LABELS = {
    "case.opened": _("Case opened"),
    "case.allegation_added": _("Allegation added"),
    "case.finding_refreshed": _("Rules finding refreshed"),
    "case.handler_assigned": _("Handler assigned"),
    "case.handler_removed": _("Handler removed"),
    "case.statement_recorded": _("Statement recorded"),
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


def sanction_label(code: str) -> str:
    """The sanction's label in the active language; an unknown code shows itself."""
    return str(SANCTION_LABELS.get(code, code))
