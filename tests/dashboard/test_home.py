"""The staff dashboard: my cases, deadlines about to pass, new reports — only what is mine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_clocks(instansi, examiner):
    """A case assigned to the examiner, with a clock passed, one due soon and one far away."""
    from tegak.cases.models import Accused, Case, CaseHandler, Clock
    from tegak.people.models import Employee

    today = timezone.localdate()
    case = Case.objects.create(
        instansi=instansi,
        register_number="00007/KD/2026",
        origin="ex_officio",
        opened_on=today - timedelta(days=10),
        known_to_superior_on=today - timedelta(days=12),
    )
    employee = Employee.objects.create(
        instansi=instansi, nip="198001012005011001", name="Terlapor Uji", status="PNS"
    )
    accused = Accused.objects.create(case=case, employee=employee)
    CaseHandler.objects.create(case=case, user=examiner, role="examiner", assigned_on=today)
    for name, due in [("passed_one", -2), ("soon_one", 3), ("far_one", 40)]:
        Clock.objects.create(
            case=case,
            accused=accused,
            step="summons_issued",
            name=name,
            due=today + timedelta(days=due),
        )
    Clock.objects.create(
        case=case,
        accused=accused,
        step="x",
        name="met_one",
        due=today,
        met_on=today - timedelta(days=1),
    )
    return case


def test_examiner_sees_their_case_and_the_deadlines_about_to_pass(
    verified_client, examiner, case_with_clocks
):
    body = verified_client(examiner).get(reverse("dashboard:home")).content.decode()
    assert "Tenggat yang hampir lewat" in body
    assert "00007/KD/2026" in body
    assert "passed_one" in body and "soon_one" in body
    assert "far_one" not in body and "met_one" not in body
    assert "lewat 2 hari yang lalu" in body


def test_a_colleague_who_is_not_assigned_sees_none_of_it(
    verified_client, authorised_official, case_with_clocks
):
    body = verified_client(authorised_official).get(reverse("dashboard:home")).content.decode()
    assert "00007/KD/2026" not in body
    assert "Anda tidak ditugaskan pada kasus yang terbuka." in body


def test_staff_of_another_instansi_see_nothing(verified_client, outsider, case_with_clocks):
    body = verified_client(outsider).get(reverse("dashboard:home")).content.decode()
    assert "00007/KD/2026" not in body and "passed_one" not in body


def test_intake_officer_sees_new_reports_of_their_instansi_only(
    verified_client, intake_officer, instansi, outsider
):
    from tegak.intake.models import Report

    today = timezone.localdate()

    def report(summary, inst, index):
        return Report.objects.create(
            instansi=inst,
            channel="web",
            summary=summary,
            description="-",
            receipt_index=f"idx-{index}",
            receipt_hash="-",
            received_at=timezone.now(),
            acknowledge_due=today,
            first_answer_due=today + timedelta(days=14),
        )

    report("Pungutan liar di loket", instansi, 1)
    other = outsider.roles.first().instansi
    report("Laporan instansi lain", other, 2)
    body = verified_client(intake_officer).get(reverse("dashboard:home")).content.decode()
    assert "Laporan baru" in body
    assert "Pungutan liar di loket" in body
    assert "Laporan instansi lain" not in body


def test_examiner_without_intake_role_has_no_reports_panel(verified_client, examiner):
    body = verified_client(examiner).get(reverse("dashboard:home")).content.decode()
    assert "Laporan baru" not in body


def test_the_dashboard_needs_a_login(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_dashboard_in_english(verified_client, examiner, case_with_clocks):
    client = verified_client(examiner)
    client.post(reverse("set_language"), {"language": "en", "next": "/staf/"})
    body = client.get(reverse("dashboard:home")).content.decode()
    assert "Deadlines about to pass" in body and "passed 2 days ago" in body
