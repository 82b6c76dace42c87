"""Who may do what with reports; one-object fetches that answer 404 outside the actor's scope."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.intake.models import Evidence, IdentityDisclosureRequest, Report

# Staff who may read the queue and reports of their instansi.
VIEW_ROLES = frozenset({"intake_officer", "administrator", "custodian"})
# Staff who triage: link, verify, merge, forward, reject, write to the reporter.
TRIAGE_ROLES = frozenset({"intake_officer"})
# Staff who decide on opening a confidential reporter's identity.
CUSTODIAN_ROLES = frozenset({"custodian"})
# Staff who may mark a report as taken into a case (the cases app calls this).
CASE_ROLES = frozenset({"intake_officer", "examiner", "authorised_official"})
# Staff who manage partner channels.
ADMIN_ROLES = frozenset({"administrator"})
# Staff who see original evidence files (the intake and examination team); others get the copy.
ORIGINAL_EVIDENCE_ROLES = frozenset({"intake_officer", "examiner"})


def instansi_ids_with(user: Any, roles: frozenset[str]) -> set[int]:
    """The instansi in which the user holds any of the roles."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(user.roles.filter(role__in=roles).values_list("instansi_id", flat=True))


def has_role(user: Any, instansi_id: int, roles: frozenset[str]) -> bool:
    return instansi_id in instansi_ids_with(user, roles)


def can_view(user: Any, report: Report) -> bool:
    return has_role(user, report.instansi_id, VIEW_ROLES)


def can_triage(user: Any, report: Report) -> bool:
    return has_role(user, report.instansi_id, TRIAGE_ROLES)


def sees_original_evidence(user: Any, report: Report) -> bool:
    return has_role(user, report.instansi_id, ORIGINAL_EVIDENCE_ROLES)


def report_for_staff(user: Any, report_id: int) -> Report:
    """The report if the user may read it; 404 otherwise (existence does not leak)."""
    report = (
        Report.objects.select_related("instansi", "merged_into", "partner", "operator")
        .filter(pk=report_id, instansi_id__in=instansi_ids_with(user, VIEW_ROLES))
        .first()
    )
    if report is None:
        raise Http404
    return report


def evidence_for_staff(user: Any, evidence_id: int) -> Evidence:
    """An evidence item of a report the user may read; 404 otherwise."""
    evidence = (
        Evidence.objects.select_related("report", "report__instansi").filter(pk=evidence_id).first()
    )
    if evidence is None or not can_view(user, evidence.report):
        raise Http404
    return evidence


def disclosure_for_custodian(user: Any, request_id: int) -> IdentityDisclosureRequest:
    """A disclosure request in the custodian's instansi; 404 otherwise."""
    found = (
        IdentityDisclosureRequest.objects.select_related("report", "report__instansi")
        .filter(pk=request_id, report__instansi_id__in=instansi_ids_with(user, CUSTODIAN_ROLES))
        .first()
    )
    if found is None:
        raise Http404
    return found
