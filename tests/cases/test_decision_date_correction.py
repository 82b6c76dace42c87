"""Seed walk: the decision date was mistyped (2021-09-04, a Saturday, for 6 Sep 2021) and could not
be corrected before delivery. The deciding official corrects the date as the sanction is
corrected, with the checks of taking the decision; a date on a day off of the instansi's calendar
is taken only when the official confirms it (reading C30), never silently."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tegak.audit.models import AuditEvent
from tegak.cases.models import Clock
from tegak.core.errors import InputError
from tegak.decisions import services as decisions
from tests.cases.test_flow import run_to_findings

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 10, 17)
MONDAY = date(2026, 10, 19)


def test_a_decision_on_a_day_off_needs_the_officials_confirmation(open_case, staff):
    accused = run_to_findings(open_case(), staff)
    with translation.override("id"), pytest.raises(InputError) as refused:
        decisions.decision_take(
            actor=staff.official,
            accused=accused,
            sanction_code=accused.allowed_sanctions[0],
            decided_on=SATURDAY,
        )
    assert refused.value.field == "day_off_confirmed"
    assert "17 Oktober 2026" in refused.value.message and "hari libur" in refused.value.message
    assert not hasattr(accused, "decision")
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=SATURDAY,
        day_off_confirmed=True,
    )
    assert decision.decided_on == SATURDAY


def test_the_official_corrects_a_mistyped_decision_date_before_delivery(
    open_case, staff, verified_client
):
    case = open_case()
    accused = run_to_findings(case, staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=SATURDAY,
        day_off_confirmed=True,
    )
    due_before = Clock.objects.get(accused=accused, step="decision_set").due
    page = verified_client(staff.official).get(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_amend"])
    )
    assert 'name="decided_on"' in page.content.decode()
    assert 'value="2026-10-17"' in page.content.decode()
    # The checks of taking the decision: not in the future, not before the findings (14 Oct).
    for day in (timezone.localdate() + timedelta(days=1), date(2026, 10, 13)):
        with pytest.raises(InputError) as refused:
            decisions.decision_amend(
                actor=staff.official,
                decision=decision,
                sanction_code=decision.sanction_code,
                decided_on=day,
            )
        assert refused.value.field == "decided_on"
    decision.refresh_from_db()
    assert decision.decided_on == SATURDAY
    # Through the form, as the official does it.
    response = verified_client(staff.official).post(
        reverse("decisions:step", args=[case.pk, accused.pk, "decision_amend"]),
        {"sanction_code": decision.sanction_code, "decided_on": "2026-10-19"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision.refresh_from_db()
    assert decision.decided_on == MONDAY
    event = AuditEvent.objects.filter(action="decision.amended").latest("id")
    assert event.data["decided_on_before"] == "2026-10-17"
    assert event.data["decided_on"] == "2026-10-19"
    # The delivery clock runs from the corrected day.
    clock = Clock.objects.get(accused=accused, step="decision_set")
    assert clock.due > due_before


def _decree(accused, staff):
    """Issue the decision's own decree, as the official does on the documents page."""
    from tegak.documents.context import DECISION_DOCUMENT_KINDS, available_kinds
    from tegak.documents.services import document_issue_for_case

    (kind,) = [k for k, why in available_kinds(accused) if not why and k in DECISION_DOCUMENT_KINDS]
    return document_issue_for_case(actor=staff.official, accused=accused, kind=kind)


def test_correcting_the_date_issues_the_decree_again_with_the_corrected_date(
    open_case, staff, django_capture_on_commit_callbacks
):
    """The decree generated with the mistyped date stayed on file with it after the correction;
    it is issued again at once, same number, the old version kept."""
    accused = run_to_findings(open_case(), staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=SATURDAY,
        day_off_confirmed=True,
    )
    decree = _decree(accused, staff)
    assert decree.dated == SATURDAY
    with django_capture_on_commit_callbacks(execute=True):  # the step commits
        decisions.decision_amend(
            actor=staff.official,
            decision=decision,
            sanction_code=decision.sanction_code,
            decided_on=MONDAY,
        )
    decree.refresh_from_db()
    assert decree.dated == MONDAY and decree.version == 2
    (old,) = decree.versions.all()
    assert old.dated == SATURDAY and old.number == decree.number


def test_a_date_corrected_into_another_year_gives_the_decree_a_number_of_that_year(
    open_case, staff, time_machine, django_capture_on_commit_callbacks
):
    """A correction across the new year kept the old date, because the number carries the
    year: the decree now takes a number of the new year, the old one stays on the register
    marked superseded and on the kept version."""
    from tegak.documents.models import AllocationStatus, NumberAllocation

    time_machine.move_to("2027-01-05 09:00 +07:00")
    accused = run_to_findings(open_case(), staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=date(2026, 12, 31),
        day_off_confirmed=True,
    )
    decree = _decree(accused, staff)
    old_number = decree.number
    assert "2026" in old_number
    with django_capture_on_commit_callbacks(execute=True):  # the step commits
        decisions.decision_amend(
            actor=staff.official,
            decision=decision,
            sanction_code=decision.sanction_code,
            decided_on=date(2027, 1, 4),
            day_off_confirmed=True,
        )
    decree.refresh_from_db()
    assert decree.dated == date(2027, 1, 4) and decree.year == 2027
    assert "2027" in decree.number and decree.number != old_number
    (kept,) = decree.versions.all()
    assert kept.number == old_number and kept.dated == date(2026, 12, 31)
    statuses = dict(
        NumberAllocation.objects.filter(kind=decree.kind).values_list("number", "status")
    )
    assert statuses == {
        old_number: AllocationStatus.SUPERSEDED,
        decree.number: AllocationStatus.ISSUED,
    }


def test_a_letter_left_with_the_old_date_is_marked_on_the_documents_page_until_issued_again(
    open_case, staff, verified_client
):
    """When the re-issue after a correction could not run (its subscriber refused, or never ran),
    the only trace was a log line: the documents page now says, beside the letter, that its date
    is no longer the decision's, until it is issued again."""
    accused = run_to_findings(open_case(), staff)
    decision = decisions.decision_take(
        actor=staff.official,
        accused=accused,
        sanction_code=accused.allowed_sanctions[0],
        decided_on=SATURDAY,
        day_off_confirmed=True,
    )
    decree = _decree(accused, staff)
    # The correction commits, but its on-commit re-issue does not run here (as when it fails).
    decisions.decision_amend(
        actor=staff.official,
        decision=decision,
        sanction_code=decision.sanction_code,
        decided_on=MONDAY,
    )
    decree.refresh_from_db()
    assert decree.dated == SATURDAY
    client = verified_client(staff.official)
    page = client.get(reverse("documents:case", args=[accused.case_id])).content.decode()
    assert 'data-testid="date-behind"' in page
    assert "19 Oktober 2026: surat ini masih" in page

    _decree(accused, staff)
    page = client.get(reverse("documents:case", args=[accused.case_id])).content.decode()
    assert 'data-testid="date-behind"' not in page
