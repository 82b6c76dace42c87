"""Reads of the case file, already limited to what the actor may see."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tegak.cases import parties
from tegak.cases.clocks import Mark, clock_kind, mark_of
from tegak.cases.labels import clock_label
from tegak.cases.models import (
    Accused,
    Case,
    CaseEvent,
    CaseHandler,
    CaseReport,
    CaseStatus,
    Clock,
    Notification,
)
from tegak.core.access import Role
from tegak.core.search import case_search
from tegak.intake.models import Evidence, Report, ReportAccused

HISTORY_LENGTH = 50
# Roles that see every case of their instansi; examiners see the cases they are assigned to, and
# authorised officials the cases they have a part in (`tegak.cases.parties`, ADR 0180,
# docs/legal-questions.md C33).
INSTANSI_WIDE_ROLES = {
    Role.ADMINISTRATOR,
    Role.INTAKE_OFFICER,
    Role.OVERSIGHT,
    Role.AUDITOR,
}


def cases_accusing(employee_id: int) -> QuerySet[Any]:
    """Ids of the cases in which the employee is accused, or named as accused in a report the
    case was opened from or in a report merged into one (a merged report is part of the one it
    joined, as intake reads it): they never see these cases (#12 item 4)."""
    named_in = ReportAccused.objects.filter(employee_id=employee_id).values("report_id")
    joined = Report.objects.filter(pk__in=named_in, merged_into__isnull=False)
    return (
        Case.objects.filter(
            Q(accused__employee_id=employee_id)
            | Q(source_reports__report_id__in=named_in)
            | Q(source_reports__report_id__in=joined.values("merged_into"))
        )
        .values("pk")
        .distinct()
    )


def reports_of_cases_accusing(employee_id: int) -> QuerySet[Any]:
    """Ids of the reports a case accusing the employee was opened from (for intake's guard)."""
    return CaseReport.objects.filter(case__accused__employee_id=employee_id).values("report_id")


def cases_for(
    actor: Any,
    *,
    status: str = "",
    origin: str = "",
    stage: str = "",
    query: str = "",
) -> QuerySet[Case]:
    """Cases the actor may see, filtered; never a case in which the actor is accused.

    Written with `IN (subquery)` rather than joins, so no DISTINCT is needed and a page of the
    list costs one index scan however many cases there are.
    """
    queryset = Case.objects.all()
    if not getattr(actor, "is_authenticated", False):
        return queryset.none()
    roles = list(actor.roles.values_list("role", "instansi_id"))
    wide = {instansi for role, instansi in roles if role in INSTANSI_WIDE_ROLES}
    official = {instansi for role, instansi in roles if role == Role.AUTHORISED_OFFICIAL} - wide
    if official and not actor.employee_id:
        # An authorised official outside the registry is the PPK (or acts for them), at the top
        # of every chain of the instansi (ADR 0180, reading C33); one in the registry is linked.
        wide |= official
        official = set()
    examiner = {instansi for role, instansi in roles if role == Role.EXAMINER} - wide - official
    visible = Q(instansi_id__in=wide)
    if official:
        part = parties.took_part(actor) | parties.on_chain(actor.employee, timezone.localdate())
        visible |= Q(instansi_id__in=official) & part
    if examiner:
        assigned = CaseHandler.objects.filter(user=actor, active=True).values("case_id")
        visible |= Q(instansi_id__in=examiner, pk__in=assigned)
    queryset = queryset.filter(visible)
    if actor.employee_id:
        queryset = queryset.exclude(pk__in=cases_accusing(actor.employee_id))
    if status:
        queryset = queryset.filter(status=status)
    if origin:
        queryset = queryset.filter(origin=origin)
    if stage:
        queryset = queryset.filter(pk__in=Accused.objects.filter(stage=stage).values("case_id"))
    # Register number, summary, accused names, allegations (Indonesian full-text search).
    return case_search(queryset, query)


def case_list(actor: Any, **filters: Any) -> QuerySet[Case]:
    """The list page's rows: each case with its number of accused and its next open deadline
    (scalar subqueries, computed only for the rows of the page)."""
    accused_count = (
        Accused.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(total=Count("pk"))
        .values("total")
    )
    next_due = (
        Clock.objects.filter(
            case=OuterRef("pk"), met_on__isnull=True, paused=False, not_applicable=""
        )
        .order_by("due")
        .values("due")[:1]
    )
    rows = cases_for(actor, **filters).annotate(
        accused_count=Coalesce(Subquery(accused_count), 0),
        next_due=Subquery(next_due),
    )
    # A search lists the best matches first (`search_rank`, ADR 0172).
    searched = "search_rank" in rows.query.annotations
    order = ("-search_rank", "-opened_on", "-id") if searched else ("-opened_on", "-id")
    return rows.order_by(*order)


def case_evidence(case: Case) -> list[Evidence]:
    """The evidence of the reports the case was opened from (and of reports merged into them),
    as received and hashed on arrival: what the examination and the decision rest on, shown to
    those who handle the case (seed story: "the bill was never shown")."""
    report_ids = list(case.source_reports.values_list("report_id", flat=True))
    return list(
        Evidence.objects.filter(
            Q(report_id__in=report_ids) | Q(report__merged_into_id__in=report_ids)
        )
        .select_related("report", "clean_copy")
        .order_by("created_at", "id")
    )


def case_reports(case: Case) -> QuerySet[Report]:
    """The reports the case was opened from and the reports merged into them, oldest first:
    the reporter's own account of what happened, which the examination rests on. The caller
    leaves out those in which the viewer is accused (`intake.access.without_accused`)."""
    report_ids = case.source_reports.values("report_id")  # a subquery: no extra round trip
    return Report.objects.filter(Q(pk__in=report_ids) | Q(merged_into_id__in=report_ids)).order_by(
        "received_at", "pk"
    )


def case_detail(case: Case) -> dict[str, Any]:
    """Everything the case page shows, in a fixed number of queries."""
    accused = list(
        case.accused.select_related(
            "employee",
            "superior_duty_superior",
            "examination",
            "berita_acara",
            "findings_report",
            "decision",
            "decision__delivery",
            "decision__objection",
            "decision__objection__reply",
            "temporary_release",
            "team",
        ).prefetch_related("allegations", "summonses", "team__members__employee")
    )
    return {
        "accused": accused,
        "handlers": list(
            case.handlers.filter(active=True).select_related("user__employee", "substitutes_for")
        ),
        "reports": list(case.source_reports.select_related("report")),
        "history": [
            link.event
            for link in CaseEvent.objects.filter(case=case)
            .select_related("event__actor__employee")
            .order_by("-event_id")[:HISTORY_LENGTH]
        ],
    }


def notifications_for(actor: Any, case: Case | None = None) -> QuerySet[Notification]:
    """The actor's unread notices (about one case, or all)."""
    queryset = Notification.objects.filter(user=actor, read_at__isnull=True)
    if case is not None:
        queryset = queryset.filter(case=case)
    return queryset.select_related("case", "clock")


def deadline_rows(case: Case, today: date | None = None) -> list[dict[str, Any]]:
    """Every clock of the case with its true mark, for the case page, the dossier and the API:
    `clock`, `accused`, `name` (code), `label`, `due`, `met_on`, `basis`, `kind` (duty, right,
    date), `mark` (kept, late, open, overdue, paused, not_needed; "" for a right or a date),
    `mark_label` and `office` (a time limit of the office, not of the law: reading C36)."""
    today = today or timezone.localdate()
    marks = dict(Mark.choices)
    rows = []
    for clock in (
        Clock.objects.filter(case=case).select_related("accused__employee").order_by("due", "id")
    ):
        mark = mark_of(clock, today)
        rows.append(
            {
                "clock": clock,
                "accused": clock.accused,
                "name": clock.name,
                "label": clock_label(clock.name),
                "due": clock.due,
                "met_on": clock.met_on,
                "basis": clock.shown_basis,
                "kind": clock_kind(clock.name),
                "mark": mark,
                "mark_label": str(marks.get(mark, "")),
                # The office's own time limit, not a deadline set by law (reading C36).
                "office": clock.office_limit,
            }
        )
    return rows


def open_cases_using_rule_version(version_label: str) -> list[str]:
    """Register numbers of open cases whose stored finding used the instansi rule version."""
    return sorted(
        set(
            Accused.objects.filter(
                case__status=CaseStatus.OPEN, finding__instansi_rule_version=version_label
            ).values_list("case__register_number", flat=True)
        )
    )
