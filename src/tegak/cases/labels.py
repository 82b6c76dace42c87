"""Labels for people: the audit actions a case's history shows (from `tegak.audit.catalogue`), and
the sanction codes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tegak.audit import catalogue
from tegak.law import catalogue as law_catalogue
from tegak.law import labels as law_labels


def event_label(action: str) -> str:
    """The action's label in the active language, from the audit catalogue (every app's enum of
    events); an unknown action shows its code."""
    return catalogue.label(action)


def sanction_label(code: str, finding: dict[str, Any] | None = None) -> str:
    """The sanction's label in the active language (`tegak.law.labels`)."""
    return law_labels.label("sanction", code, finding=finding)


def accused_sanction_label(code: str, accused: Any) -> str:
    """The sanction's label for this accused: an instansi rule's own type (`local:...`) in the
    words of the rule behind the accused's finding, even when the finding does not name it (a
    type outside the allowed set, an objection's outcome)."""
    if not code:
        return ""
    if not str(code).startswith("local:"):
        return sanction_label(code)
    finding = accused.finding or {}
    key = (
        finding.get("regulation_id"),
        finding.get("instansi_rule_version"),
        finding.get("as_of"),
        str(finding.get("sanction_labels")),
    )
    kept = getattr(accused, "_sanction_types", None)
    if kept is None or kept[0] != key:
        from tegak.cases.rules_bridge import sanction_types

        # Kept while the finding stays the same: a page looks the rule up once per accused.
        kept = (key, sanction_types(accused))
        accused._sanction_types = kept
    return str(kept[1].label(code))


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
    """'pp-94-2021:3:f' -> 'PP 94/2021 Pasal 3 huruf f'; a provision of an instansi's stored
    rules (its administrator's or a rule pack's, 'local:<instansi code>:…') its citation there;
    an unknown one shows its id."""
    return law_catalogue.plain_citation(provision)


def allegation_citation(allegation: Any, accused: Any | None = None) -> str:
    """What an allegation cites for its accused: a non-ASN employee alleged under a PNS provision
    cites the instansi's rule in force on the day of the act, never PP 94/2021 (reading C18)."""
    accused = accused if accused is not None else allegation.accused
    return law_catalogue.allegation_citation(
        allegation.provision,
        accused.case.instansi,
        str(accused.employee.status),
        allegation.committed_on or accused.case.opened_on,
    )
