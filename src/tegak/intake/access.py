"""Who may do what with reports; one-object fetches that answer 404 outside the actor's scope.

Built on the one access layer (`tegak.core.access`). Whoever is named as accused in a report
(an employee linked to it, or an accused of a case opened from it) never reads it, whatever
their role: the report, its evidence, its messages, its reporter's identity and the requests to
open that identity all answer 404 to them (#12 item 4; UU 13/2006 Pasal 5, PP 94/2021 Pasal 27:
the reporter and the examination are protected from the person examined).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tegak.core.access import Role, administered_one, has_role, instansi_ids_with
from tegak.intake.models import (
    Evidence,
    IdentityDisclosureRequest,
    PartnerChannel,
    Report,
    ReportAccused,
)

# Staff who may read the queue and reports of their instansi.
VIEW_ROLES = frozenset({Role.INTAKE_OFFICER, Role.ADMINISTRATOR, Role.CUSTODIAN})
# Staff who triage: link, verify, merge, forward, reject, write to the reporter.
TRIAGE_ROLES = frozenset({Role.INTAKE_OFFICER})
# Staff who decide on opening a confidential reporter's identity.
CUSTODIAN_ROLES = frozenset({Role.CUSTODIAN})
# Staff who may mark a report as taken into a case (the cases app calls this).
CASE_ROLES = frozenset({Role.INTAKE_OFFICER, Role.EXAMINER, Role.AUTHORISED_OFFICIAL})
# Staff who manage partner channels.
ADMIN_ROLES = frozenset({Role.ADMINISTRATOR})
# Staff who see original evidence files (the intake and examination team); others get the copy.
ORIGINAL_EVIDENCE_ROLES = frozenset({Role.INTAKE_OFFICER, Role.EXAMINER})

# Where else an employee is accused in a report: apps above intake (the case file) register a
# function `employee_id -> QuerySet of report ids` at start-up (`register_accused_reports`).
AccusedReportSource = Callable[[int], QuerySet[Any]]
_ACCUSED_REPORT_SOURCES: list[AccusedReportSource] = []


def register_accused_reports(source: AccusedReportSource) -> None:
    """Add a source of reports an employee is accused in (idempotent)."""
    if source not in _ACCUSED_REPORT_SOURCES:
        _ACCUSED_REPORT_SOURCES.append(source)


def _employee_id(actor: Any) -> int | None:
    value = getattr(actor, "employee_id", None)
    return int(value) if value else None


def accused_condition(actor: Any, prefix: str = "") -> Q | None:
    """A filter matching the reports (through `prefix`, e.g. "report__") in which the actor is
    named as accused; None when the actor is no employee."""
    employee_id = _employee_id(actor)
    if employee_id is None:
        return None
    id_sets = [ReportAccused.objects.filter(employee_id=employee_id).values("report_id")]
    id_sets += [source(employee_id) for source in _ACCUSED_REPORT_SOURCES]
    condition = Q()
    for ids in id_sets:
        # A report merged into another is part of it: the accused of either reads neither.
        condition |= Q(**{f"{prefix}pk__in": ids}) | Q(**{f"{prefix}merged_into__in": ids})
        merged_into = Report.objects.filter(pk__in=ids, merged_into__isnull=False)
        condition |= Q(**{f"{prefix}pk__in": merged_into.values("merged_into")})
    return condition


def without_accused(actor: Any, queryset: QuerySet[Any], prefix: str = "") -> QuerySet[Any]:
    """The queryset without the reports (through `prefix`) in which the actor is accused."""
    condition = accused_condition(actor, prefix)
    return queryset if condition is None else queryset.exclude(condition)


def is_accused_in(actor: Any, report: Report) -> bool:
    condition = accused_condition(actor)
    return condition is not None and Report.objects.filter(condition, pk=report.pk).exists()


def _may(user: Any, report: Report, roles: frozenset[Role]) -> bool:
    return has_role(user, roles, report.instansi_id) and not is_accused_in(user, report)


def can_view(user: Any, report: Report) -> bool:
    return _may(user, report, VIEW_ROLES)


def can_triage(user: Any, report: Report) -> bool:
    return _may(user, report, TRIAGE_ROLES)


def can_take_into_case(user: Any, report: Report, *, or_admin: bool = False) -> bool:
    return _may(user, report, CASE_ROLES | ADMIN_ROLES if or_admin else CASE_ROLES)


def can_decide_disclosure(user: Any, report: Report) -> bool:
    return _may(user, report, CUSTODIAN_ROLES)


def asks_for_identities(user: Any, report: Report) -> bool:
    """Whether the user holds, in the report's instansi, a role that asks to open identities or
    appoints those who do (never with deciding: separation of duties)."""
    return has_role(user, frozenset({Role.INTAKE_OFFICER, Role.ADMINISTRATOR}), report.instansi_id)


def sees_original_evidence(user: Any, report: Report) -> bool:
    return _may(user, report, ORIGINAL_EVIDENCE_ROLES)


def reports_for_staff(user: Any, roles: frozenset[Role] = VIEW_ROLES) -> QuerySet[Report]:
    """The reports of the user's instansi they may read (never one they are accused in)."""
    reports = Report.objects.filter(instansi_id__in=instansi_ids_with(user, roles))
    return without_accused(user, reports)


def report_for_staff(user: Any, report_id: int) -> Report:
    """The report if the user may read it; 404 otherwise (existence does not leak)."""
    report = (
        reports_for_staff(user)
        .select_related("instansi", "merged_into", "partner", "operator")
        .filter(pk=report_id)
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


def disclosures_for_custodian(user: Any) -> QuerySet[IdentityDisclosureRequest]:
    """Requests to open identities in the custodian's instansi, never of a report naming them."""
    found = IdentityDisclosureRequest.objects.filter(
        report__instansi_id__in=instansi_ids_with(user, CUSTODIAN_ROLES)
    )
    return without_accused(user, found, prefix="report__")


def disclosure_for_custodian(user: Any, request_id: int) -> IdentityDisclosureRequest:
    """A disclosure request in the custodian's instansi; 404 otherwise."""
    found = (
        disclosures_for_custodian(user)
        .select_related("report", "report__instansi")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def partner_channel_for(actor: Any, instansi: Any, partner_id: object) -> PartnerChannel:
    """A partner channel of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, PartnerChannel.objects.all(), instansi, partner_id)
