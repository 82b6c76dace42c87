"""The REST API runs the same steps as the pages, with the contract's error object."""

from __future__ import annotations

import pytest

from tegak.audit.models import AuditEvent
from tegak.cases.models import Stage

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases/"


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_the_whole_procedure_through_the_api(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    examiner = verified_client(staff.examiner)
    step = f"{BASE}{case.pk}/accused/{accused.pk}/steps/"
    body = examiner.get(f"{BASE}{case.pk}").json()
    assert body["accused"][0]["next_steps"] == ["summons_issue_1"]
    answer = post(
        examiner,
        step + "summons_issue_1",
        {"issued_on": "2026-10-06", "examination_on": "2026-10-13", "place": "Ruang Rapat"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["accused"][0]["stage"] == "summoned_1"
    for name, data in [
        ("examination_hold", {"held_on": "2026-10-13", "place": "Ruang Rapat"}),
        ("question_record", {"question": "Di mana?", "answer": "Di kantor."}),
        ("bap_record", {"completed_on": "2026-10-13", "signed_by_accused": True}),
        (
            "findings_report",
            {"reported_on": "2026-10-14", "proven": "yes", "conclusion": "Terbukti."},
        ),
    ]:
        answer = post(examiner, step + name, data)
        assert answer.status_code == 200, (name, answer.content)
    official = verified_client(staff.official)
    sanction = answer.json()["accused"][0]["finding"]["allowed_sanctions"][0]
    for name, data in [
        ("decision_take", {"sanction_code": sanction, "decided_on": "2026-10-16"}),
        ("decision_deliver", {"delivered_on": "2026-10-19", "received_on": "2026-10-19"}),
        ("accused_finalise", {"on": "2026-11-25"}),
    ]:
        answer = post(official, step + name, data)
        assert answer.status_code == 200, (name, answer.content)
    body = answer.json()
    assert body["status"] == "final" and body["accused"][0]["stage"] == Stage.FINAL
    assert body["accused"][0]["decision"]["sanction_code"] == sanction


def test_a_step_out_of_order_answers_400_with_the_field_and_writes_nothing(
    open_case, staff, verified_client
):
    case = open_case()
    accused = case.accused.get()
    before = AuditEvent.objects.count()
    answer = post(
        verified_client(staff.official),
        f"{BASE}{case.pk}/accused/{accused.pk}/steps/decision_take",
        {"sanction_code": "teguran_lisan", "decided_on": "2026-10-16"},
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "stage"
    assert AuditEvent.objects.count() == before


def test_a_bad_date_names_its_field(open_case, staff, verified_client):
    case = open_case()
    accused = case.accused.get()
    answer = post(
        verified_client(staff.examiner),
        f"{BASE}{case.pk}/accused/{accused.pk}/steps/summons_issue_1",
        {"issued_on": "2026-13-40", "examination_on": "2026-10-13", "place": "x"},
    )
    assert answer.status_code == 400 and answer.json()["error"]["field"] == "issued_on"


def test_the_wrong_role_gets_403_and_an_outsider_404(open_case, staff, outsider, verified_client):
    case = open_case()
    accused = case.accused.get()
    url = f"{BASE}{case.pk}/accused/{accused.pk}/steps/summons_issue_1"
    body = {"issued_on": "2026-10-06", "examination_on": "2026-10-13", "place": "Ruang"}
    assert post(verified_client(staff.intake), url, body).status_code == 403
    # The test client keeps one session; log the outsider in on a fresh one.
    from django.test import Client

    other = Client()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=outsider, name="uji", confirmed=True)
    other.force_login(outsider)
    session = other.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert other.get(f"{BASE}{case.pk}").status_code == 404
    assert post(other, url, body).status_code == 404


def test_the_list_is_filtered_and_paginated(open_case, staff, verified_client):
    for _ in range(3):
        open_case(assign=False)
    client = verified_client(staff.intake)
    body = client.get(BASE, {"status": "open"}).json()
    assert body["count"] == 3 and body["pages"] == 1 and len(body["results"]) == 3
    assert client.get(BASE, {"status": "final"}).json()["count"] == 0
    assert client.get(BASE, {"status": "nonsense"}).status_code == 400


def test_opening_from_a_report_and_assigning_a_handler_with_a_conflict(
    verified_report, org, staff, verified_client
):
    report = verified_report(org.staff, org.kabag)
    client = verified_client(staff.intake)
    answer = post(
        client,
        f"{BASE}open-from-reports",
        {
            "reports": [report.pk],
            "allegations": [
                {"employee": org.staff.pk, "provision": "pp-94-2021:3:f", "impact": "unit_kerja"}
            ],
        },
    )
    assert answer.status_code == 201, answer.content
    case_id = answer.json()["id"]
    refused = post(
        client, f"{BASE}{case_id}/handlers", {"user": staff.examiner.pk, "role": "examiner"}
    )
    assert refused.status_code == 400 and refused.json()["error"]["field"] == "user"


def test_unauthenticated_calls_are_refused(client, open_case):
    case = open_case()
    assert client.get(f"{BASE}{case.pk}").status_code == 401
