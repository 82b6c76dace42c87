"""Every read of the intake app, limited to what the actor may see."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from tegak.core import search as text_search
from tegak.intake import access
from tegak.intake.models import (
    CLOSED_STATUSES,
    NO_REPORTER,
    DisclosureStatus,
    Evidence,
    IdentityDisclosureRequest,
    Report,
    ReportMessage,
)
from tegak.people.models import Employee
from tegak.people.selectors import employee_search


def overdue_condition(today: Any) -> Q:
    """A report still open whose acknowledgment or first answer is late."""
    return ~Q(status__in=CLOSED_STATUSES) & (
        Q(acknowledged_at__isnull=True, acknowledge_due__lt=today)
        | (Q(first_answered_at__isnull=True, first_answer_due__lt=today) & ~NO_REPORTER)
    )


def report_queue(
    actor: Any, *, status: str = "", channel: str = "", search: str = ""
) -> QuerySet[Report]:
    """One queue across channels for the actor's instansi: overdue first, then oldest due."""
    today = timezone.localdate()
    reports = (
        access.reports_for_staff(actor)
        .select_related("instansi")
        .annotate(
            is_overdue=Case(
                When(overdue_condition(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            accused_count=Count("accused", distinct=True),
            evidence_count=Count("evidence", distinct=True),
        )
    )
    if status:
        reports = reports.filter(status=status)
    else:
        reports = reports.exclude(status__in=CLOSED_STATUSES)
    if channel:
        reports = reports.filter(channel=channel)
    # Summary, who, what happened, where (Indonesian full-text search, best matches first), or
    # the exact LAPOR! tracking number; never the reporter's identity (ADR 0172).
    reports, searched = text_search.search(
        reports, search, also=Q(lapor_tracking_number=search.strip()) if search.strip() else None
    )
    if searched:
        return reports.order_by("-search_rank", "-is_overdue", "acknowledge_due", "pk")
    return reports.order_by("-is_overdue", "acknowledge_due", "received_at", "pk")


def messages_for_staff(actor: Any, report: Report) -> QuerySet[ReportMessage]:
    """Every message and internal note of a report the actor may read."""
    if not access.can_view(actor, report):
        return ReportMessage.objects.none()
    return report.messages.select_related("author__employee").order_by("created_at", "pk")


def messages_for_reporter(report: Report) -> QuerySet[ReportMessage]:
    """What the reporter sees: messages only, never internal notes or officers' names."""
    return report.messages.filter(internal=False).order_by("created_at", "pk")


def evidence_for_reporter(report: Report) -> QuerySet[Evidence]:
    """What the reporter sees of the evidence: what they sent themselves, not officers' files."""
    return report.evidence.filter(added_by_reporter=True).order_by("created_at", "pk")


def duplicate_candidates(actor: Any, report: Report) -> QuerySet[Report]:
    """Other open reports that look like the same events: a shared employee or the same
    reported-person text on the same day."""
    if not access.can_view(actor, report):
        return Report.objects.none()
    others = access.without_accused(
        actor, Report.objects.filter(instansi_id=report.instansi_id).exclude(pk=report.pk)
    )
    others = others.exclude(status__in=("rejected", "forwarded", "merged"))
    same_people = Q(accused__employee__in=report.accused.values("employee"))
    if report.accused_text.strip():
        same_people |= Q(accused_text__iexact=report.accused_text.strip())
    if report.occurred_at is None:
        return Report.objects.none()
    day = report.occurred_at.date()
    window = Q(occurred_at__date__gte=day - timedelta(days=1)) & Q(
        occurred_at__date__lte=day + timedelta(days=1)
    )
    return others.filter(same_people & window).distinct().order_by("received_at")


def employees_for_linking(actor: Any, report: Report, query: str) -> list[Employee]:
    """Registry employees of the report's instansi found by name, NIP, post or unit (as
    `tegak.people.selectors.employee_search` reads them), the post and unit as they were on the
    day the report says it happened (else today): "Kabag Umum Setwan", "staf Dinas PUPR bagian
    jalan". Nothing for an actor who may not triage the report."""
    if not access.can_triage(actor, report) or len(query.strip()) < 2:
        return []
    day = timezone.localdate(report.occurred_at) if report.occurred_at else None
    return employee_search(report.instansi, query, day=day, limit=20)


def disclosure_requests_for_custodian(actor: Any) -> QuerySet[IdentityDisclosureRequest]:
    """Requests to open identities in the custodian's instansi, pending first."""
    return (
        access.disclosures_for_custodian(actor)
        .select_related("report", "requested_by", "decided_by")
        .annotate(
            is_pending=Case(
                When(status=DisclosureStatus.PENDING, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-is_pending", "-requested_at")
    )
