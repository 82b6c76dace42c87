"""The reporter told the outcome (UU 25/2009 Pasal 50(2)): what the case decided, in public words,
written to each report the case was opened from, and the clock of that duty.

Reading chosen (docs/legal-questions.md): the "decision on the complaint" is the end of an accused's
matter (final decision, or the finding that no violation is proven); the reporter must be told
within 14 days of it. Tegak tells them the same day, on the tracking page, so the clock is kept by
the step that ends the matter and dated with that step's date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from tegak.cases import labels
from tegak.cases.models import Accused, Case, CaseReport, Clock, Stage
from tegak.people.models import ASN_STATUSES

# UU 25/2009 Pasal 50(2): the decision goes to the complainant at the latest 14 days after it.
INFORM_DAYS = 14
CLOCK_NAME = "complainant_informed_due"
CLOCK_STEP = "complainant_informed"
# Stored in English like the engine's bases; pages show it through `tegak.law.labels.engine_text`.
CLOCK_BASIS = gettext_noop(
    "UU 25/2009 Pasal 50 ayat (2): the decision on a complaint goes to the complainant at the "
    "latest 14 days after it is made"
)
LEVEL_WORDS = {
    "ringan": gettext_lazy("Light discipline sanction"),
    "sedang": gettext_lazy("Medium discipline sanction"),
    "berat": gettext_lazy("Heavy discipline sanction"),
}
# Contract staff (non-ASN) are not under the ASN discipline law: their instansi's rule imposes
# administrative sanctions, not "hukuman disiplin" (the TikTok seed story: "sanksi administratif
# pernyataan tidak puas"; readings C18, J1).
NON_ASN_LEVEL_WORDS = {
    "ringan": gettext_lazy("Light administrative sanction"),
    "sedang": gettext_lazy("Medium administrative sanction"),
    "berat": gettext_lazy("Heavy administrative sanction"),
}


def _related(instance: Any, name: str) -> Any:
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def _sanction_words(accused: Accused, code: str, level: str) -> str:
    local = (accused.finding.get("sanction_labels") or {}).get(code) or {}
    language = "en" if (translation.get_language() or "id").startswith("en") else "id"
    sanction = local.get(language) or labels.accused_sanction_label(code, accused)
    words = LEVEL_WORDS if accused.employee.status in ASN_STATUSES else NON_ASN_LEVEL_WORDS
    level_words = words.get(level)
    return f"{level_words}: {sanction}" if level_words else str(sanction)


def _result(accused: Accused) -> tuple[str, str, date | None, str]:
    """(result, words in the active language, day, level) of one accused's matter."""
    report = _related(accused, "findings_report")
    decision = _related(accused, "decision")
    delivered = decision is not None and _related(decision, "delivery") is not None
    if accused.stage != Stage.FINAL and not delivered:
        return "pending", _("Still in progress"), None, ""
    if decision is None:
        day = report.reported_on if report is not None else accused.final_on
        return "not_proven", _("No violation proven"), day, ""
    objection = _related(decision, "objection")
    code, day = decision.sanction_code, decision.decided_on
    if objection is not None and objection.outcome:
        if objection.outcome in {"revoked", "annulled"}:
            return "revoked", _("The sanction was revoked on objection"), objection.decided_on, ""
        if objection.outcome_sanction_code:
            code, day = objection.outcome_sanction_code, objection.decided_on
    return "sanction", _sanction_words(accused, code, decision.level), day, decision.level


def _objection(accused: Accused) -> dict[str, Any] | None:
    """An objection or appeal against the decision: its kind, the day filed and, once decided, the
    day and the outcome's code (the reporter reads it in words; never the grounds)."""
    decision = _related(accused, "decision")
    objection = _related(decision, "objection") if decision is not None else None
    if objection is None:
        return None
    return {
        "kind": objection.kind,
        "filed_on": objection.filed_on.isoformat(),
        "decided_on": objection.decided_on.isoformat() if objection.decided_on else None,
        "outcome": objection.outcome or "",
    }


def outcome_for(case: Case) -> dict[str, Any]:
    """The outcome as `tegak.intake.services.report_outcome_publish` takes it."""
    rows = []
    for accused in case.accused.select_related("employee").order_by("id"):
        words = {}
        for language in ("id", "en"):
            with translation.override(language):
                result, text, day, level = _result(accused)
                words[language] = str(text)
        rows.append(
            {
                "result": result,
                "level": level,
                "label": words,
                "on": day.isoformat() if day else None,
                "objection": _objection(accused),
            }
        )
    final = case.status == "final"
    return {
        "register_number": case.register_number,
        "final": final,
        "final_on": case.closed_on.isoformat() if final and case.closed_on else None,
        "accused": rows,
    }


def fed_reports(case: Case) -> list[Any]:
    """Every report that fed the case (reading C28): those it was opened from, then each report
    merged into one of them (and into those, in turn), in that order. Each has its own reporter,
    or none (`Report.no_reporter_reason`)."""
    from tegak.intake.models import Report

    links = CaseReport.objects.filter(case=case).select_related("report").order_by("id")
    found = {link.report.pk: link.report for link in links}
    frontier = list(found)
    while frontier:
        merged = list(
            Report.objects.filter(merged_into_id__in=frontier, status="merged")
            .exclude(pk__in=list(found))
            .order_by("id")
        )
        found.update((report.pk, report) for report in merged)
        frontier = [report.pk for report in merged]
    return list(found.values())


def _to_tell(case: Case) -> list[Any]:
    """The fed reports the outcome is written to: taken into the case, or merged into it."""
    return [report for report in fed_reports(case) if report.status in ("in_case", "merged")]


def refresh(*, actor: Any, accused: Accused) -> int:
    """Tell the reporters what changed while the matter goes on (the decision was delivered to
    the accused, an objection was filed): the tracking page shows the sanction, not final yet;
    the clock of the duty is set only when the matter ends (`publish`)."""
    from tegak.intake.services import report_outcome_publish

    case = accused.case
    reports = _to_tell(case)
    if not reports:
        return 0
    outcome = outcome_for(case)
    for report in reports:
        report_outcome_publish(actor=actor, report=report, outcome=outcome)
    return len(reports)


def publish(*, actor: Any, accused: Accused, on: date) -> int:
    """The matter of this accused ended on `on`: tell the reporters of the case's reports (inside
    the step's transaction) and record the clock of that duty, kept the same day."""
    from tegak.intake.services import report_outcome_publish

    case = accused.case
    reports = _to_tell(case)
    if not reports:
        return 0
    outcome = outcome_for(case)
    for report in reports:
        report_outcome_publish(actor=actor, report=report, outcome=outcome)
    # Only a reporter who can read the outcome is told: when none of the reports that fed the
    # case has one (news reports, an anonymous letter without a contact) the duty is not
    # applicable, with the reason, and never counted as kept; one report with a reporter,
    # merged into the case's source or its source, is enough (readings C14, C28).
    reasons = [report.no_reporter_reason for report in reports]
    told = not all(reasons)
    Clock.objects.create(
        case=case,
        accused=accused,
        step=CLOCK_STEP,
        name=CLOCK_NAME,
        due=on + timedelta(days=INFORM_DAYS),
        basis=CLOCK_BASIS,
        met_on=on if told else None,
        not_applicable="" if told else reasons[0],
    )
    return len(reports)
