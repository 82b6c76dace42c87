"""Opening a case: from verified reports, ex officio, from an attendance alert."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tegak.audit.models import AuditEvent
from tegak.cases import services
from tegak.cases.models import Case, CaseReport, FindingChange
from tegak.core.access import Right, SystemActor
from tegak.core.errors import InputError

pytestmark = pytest.mark.django_db


def test_a_verified_report_becomes_a_case_with_the_moment_it_reports(verified_report, org, staff):
    report = verified_report()
    case = services.case_open_from_reports(
        actor=staff.intake,
        reports=[report],
        allegations=[
            {"employee": org.staff, "provision": "pp-94-2021:3:f", "impact": "unit_kerja"}
        ],
    )
    allegation = case.allegations.get()
    assert allegation.committed_on == date(2026, 10, 2)
    assert allegation.committed_at == report.occurred_at
    assert case.origin == "reports" and case.known_to_superior_on == date(2026, 10, 5)
    report.refresh_from_db()
    assert report.status == "in_case" and report.case_reference == case.register_number
    assert CaseReport.objects.filter(case=case, report=report).exists()
    accused = case.accused.get()
    assert accused.finding["level"] and accused.engine_version and accused.finding_as_of


def test_an_unverified_report_cannot_become_a_case(verified_report, org, staff):
    report = verified_report(verify=False)
    before = (Case.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InputError) as error:
        services.case_open_from_reports(
            actor=staff.intake,
            reports=[report],
            allegations=[{"employee": org.staff, "provision": "pp-94-2021:3:f"}],
        )
    assert error.value.field == "reports[0]"
    assert (Case.objects.count(), AuditEvent.objects.count()) == before


def test_only_an_intake_officer_opens_a_case_from_reports(verified_report, org, staff):
    report = verified_report()
    with pytest.raises(PermissionDenied):
        services.case_open_from_reports(
            actor=staff.official,
            reports=[report],
            allegations=[{"employee": org.staff, "provision": "pp-94-2021:3:f"}],
        )


def test_someone_named_in_a_report_cannot_handle_the_case(verified_report, org, staff):
    report = verified_report(org.staff, org.kabag)
    case = services.case_open_from_reports(
        actor=staff.intake,
        reports=[report],
        allegations=[
            {"employee": org.staff, "provision": "pp-94-2021:3:f", "impact": "unit_kerja"}
        ],
    )
    with pytest.raises(InputError) as error:
        services.handler_assign(actor=staff.admin, case=case, user=staff.examiner, role="examiner")
    assert error.value.field == "user"


def test_register_numbers_count_up_per_instansi_and_year(open_case):
    first = open_case(assign=False)
    second = open_case(assign=False)
    assert first.register_number == "00001/KD/2026"
    assert second.register_number == "00002/KD/2026"


def test_an_attendance_alert_opens_a_case_on_the_obligation_to_come_to_work(org, staff):
    case = services.case_open_from_attendance(
        actor=staff.admin,
        employee=org.staff,
        year=2026,
        counts={
            "unexcused_days": 12,
            "counted_days": 12,
            "late_minutes": 0,
            "longest_consecutive_unexcused": 2,
        },
        finding={"level": "sedang"},
    )
    allegation = case.allegations.get()
    assert allegation.provision == "pp-94-2021:4:f"
    assert allegation.absence["unexcused_days"] == 12
    assert case.origin == "attendance" and case.attendance_year == 2026
    assert case.accused.get().finding["level"] == "sedang"


def test_a_new_allegation_reruns_the_finding_and_keeps_the_change(open_case, org, staff):
    case = open_case()
    accused = case.accused.get()
    before = dict(accused.finding)
    services.allegation_add(
        actor=staff.examiner,
        case=case,
        allegation={
            "employee": org.staff,
            "provision": "pp-94-2021:3:f",
            "committed_on": date(2026, 10, 9),
            "impact": "negara",
        },
    )
    accused.refresh_from_db()
    change = FindingChange.objects.get(accused=accused)
    assert change.before == before and change.after == accused.finding
    assert accused.finding["level"] != before["level"]
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == "case.allegation_added" and event.data["finding_changed"] is True


def test_the_attendance_module_may_open_a_case_on_a_superiors_behalf(org, staff):
    # The attendance module opens the case as a named system actor given exactly this right
    # when the superior holds no case role (PP 94/2021 Pasal 26-28 give them the duty to act).
    superior = SystemActor(
        "superior:kabag-uji",
        rights=frozenset({Right.CASE_OPEN_FROM_ATTENDANCE}),
        instansi_ids=frozenset({org.staff.instansi_id}),
    )
    case = services.case_open_from_attendance(
        actor=superior,
        employee=org.staff,
        year=2026,
        counts={"unexcused_days": 4},
        finding={},
    )
    event = AuditEvent.objects.get(action="case.opened", target_id=str(case.pk))
    assert event.actor_label == "superior:kabag-uji" and case.opened_by is None


@pytest.mark.parametrize(
    "actor",
    [
        "superior:kabag-uji",
        None,
        SystemActor("worker", rights=frozenset({Right.REGISTRY_WRITE})),
        SystemActor(
            "superior:elsewhere",
            rights=frozenset({Right.CASE_OPEN_FROM_ATTENDANCE}),
            instansi_ids=frozenset({-1}),
        ),
    ],
    ids=["plain-string", "none", "system-without-the-right", "system-for-another-instansi"],
)
def test_no_string_or_unentitled_system_actor_opens_an_attendance_case(org, staff, actor):
    before = Case.objects.count()
    with pytest.raises(PermissionDenied):
        services.case_open_from_attendance(
            actor=actor, employee=org.staff, year=2026, counts={"counted_days": 4}, finding={}
        )
    assert Case.objects.count() == before


def test_an_attendance_case_for_a_future_year_is_refused(org, staff):
    with pytest.raises(InputError) as error:
        services.case_open_from_attendance(
            actor=staff.admin, employee=org.staff, year=2030, counts={"counted_days": 4}, finding={}
        )
    assert error.value.field == "year"
