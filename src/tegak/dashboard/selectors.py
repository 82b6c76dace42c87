"""The staff dashboard's reads: my cases, deadlines about to pass, new reports.

Each panel is built from the owning app's models through its access rules: cases through the
user's active handler assignments, reports through `tegak.intake.selectors.report_queue` (the
user's instansi roles). An app that is not installed simply gives no panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tegak.core.access import Role
from tegak.portal.labels import deadline_label

SOON_DAYS = 7  # deadlines due within this many days are "about to pass"
LIMIT = 10  # rows per panel


@dataclass
class Dashboard:
    """What a staff member sees first: each list is limited to LIMIT rows, with its total."""

    my_cases: list[dict[str, Any]] = field(default_factory=list)
    my_cases_total: int = 0
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    deadlines_total: int = 0
    new_reports: list[dict[str, Any]] = field(default_factory=list)
    new_reports_total: int = 0
    shows_reports: bool = False
    shows_cases: bool = False


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _handled_case_ids(user: Any) -> QuerySet[Any]:
    from tegak.cases.models import CaseHandler

    return CaseHandler.objects.filter(user=user, active=True).values("case_id")


def my_cases(user: Any) -> tuple[list[dict[str, Any]], int]:
    """Open cases the user is assigned to, newest first."""
    from tegak.cases.models import Case

    cases = Case.objects.filter(pk__in=_handled_case_ids(user), status="open").order_by(
        "-opened_on", "-pk"
    )
    rows = [
        {
            "register_number": case.register_number,
            "opened_on": case.opened_on,
            "url": _url("cases:detail", case.pk),
        }
        for case in cases[:LIMIT]
    ]
    return rows, cases.count()


def deadlines_due_soon(user: Any, today: date) -> tuple[list[dict[str, Any]], int]:
    """Running clocks of the user's cases that are due within SOON_DAYS or already passed."""
    from tegak.cases.models import Clock

    clocks = (
        Clock.objects.filter(
            case_id__in=_handled_case_ids(user),
            met_on__isnull=True,
            paused=False,
            not_applicable="",
            due__lte=today + timedelta(days=SOON_DAYS),
        )
        .select_related("case", "accused__employee")
        .order_by("due", "pk")
    )
    rows = [
        {
            "register_number": clock.case.register_number,
            "name": deadline_label(clock.name),
            "basis": clock.shown_basis,
            # The office's own limit, not the law's (reading C36): said so beside its name.
            "office_limit": clock.office_limit,
            "due": clock.due,
            "days_left": (clock.due - today).days,
            "days_overdue": max((today - clock.due).days, 0),
            "url": _url("cases:detail", clock.case_id),
        }
        for clock in clocks[:LIMIT]
    ]
    return rows, clocks.count()


def new_reports(user: Any) -> tuple[list[dict[str, Any]], int]:
    """Reports waiting for an intake decision in the user's instansi, overdue first."""
    from tegak.intake.selectors import report_queue

    reports = report_queue(user, status="received")
    rows = [
        {
            "reference": report.reference,
            "summary": report.summary,
            "received_at": report.received_at,
            # Only the day is known (reading C26): the board shows no invented hour.
            "received_time_unknown": report.received_time_unknown,
            "overdue": bool(getattr(report, "is_overdue", False)),
            "url": _url("intake:detail", report.pk),
        }
        for report in reports[:LIMIT]
    ]
    return rows, reports.count()


def dashboard_for(user: Any, today: date | None = None) -> Dashboard:
    """The dashboard panels this user's roles and assignments call for."""
    from django.apps import apps

    today = today or timezone.localdate()
    board = Dashboard()
    roles = set(user.roles.values_list("role", flat=True))
    if apps.is_installed("tegak.cases"):
        board.shows_cases = True
        board.my_cases, board.my_cases_total = my_cases(user)
        board.deadlines, board.deadlines_total = deadlines_due_soon(user, today)
    if apps.is_installed("tegak.intake") and roles & {Role.INTAKE_OFFICER, Role.ADMINISTRATOR}:
        board.shows_reports = True
        board.new_reports, board.new_reports_total = new_reports(user)
    return board
