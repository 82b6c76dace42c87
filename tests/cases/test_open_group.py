"""From report to case in one step, and pickers for several accused (#13 item 6).

Before: a verified report's page offered no way to open a case; the open-from-report form asked
for ONE employee from an unfiltered list of every name in the instansi, and the employees linked
in triage were not carried over. Now the report page has "Buka kasus", the form comes with the
linked employees ticked, and more are found by name, NIP, unit or position (server-side, by POST,
no script) and ticked several at once."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.cases.models import Case, StatedPost
from tegak.people.models import Employee, PositionAssignment
from tegak.people.selectors import employee_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract_staff(org, instansi):
    """Three contract workers of Bagian Umum (Sekretariat DPRD) with registry posts from 2024."""
    position = org.staff.assignments.get().position
    people = []
    for number in range(1, 4):
        employee = Employee.objects.create(
            instansi=instansi,
            nip=f"TKK-2019.{number:04d}",
            name=f"Kontrak {number}",
            status="NON_ASN",
        )
        PositionAssignment.objects.create(
            employee=employee, position=position, start=date(2024, 1, 2)
        )
        people.append(employee)
    return people


def test_the_search_finds_by_name_nip_unit_and_position(org, instansi, contract_staff, today):
    by_unit = {person.pk for person in employee_search(instansi, "sekretariat dprd")}
    # The secretariat's head and everyone in the sections below it, nobody from elsewhere.
    assert {org.sekwan.pk, org.kabag.pk, org.staff.pk, *(p.pk for p in contract_staff)} <= by_unit
    assert org.inspector.pk not in by_unit and org.sekda.pk not in by_unit
    assert [p.pk for p in employee_search(instansi, "TKK-2019.0002")] == [contract_staff[1].pk]
    assert [p.pk for p in employee_search(instansi, "kontrak 3")] == [contract_staff[2].pk]
    by_post = {p.pk for p in employee_search(instansi, "auditor ahli")}
    assert by_post == {org.inspector.pk}
    assert employee_search(instansi, "x") == []  # too short to search


def test_a_verified_report_offers_to_open_a_case(verified_report, staff, verified_client):
    report = verified_report()
    client = verified_client(staff.intake)
    page = client.get(reverse("intake:detail", args=[report.pk])).content.decode()
    link = f"{reverse('cases:open_from_report')}?report={report.pk}"
    assert 'data-testid="open-case"' in page and link in page
    unverified = verified_report(verify=False)
    page = client.get(reverse("intake:detail", args=[unverified.pk])).content.decode()
    assert 'data-testid="open-case"' not in page


def test_the_report_opens_a_case_with_its_linked_employees_in_one_form(
    verified_report, org, staff, verified_client, today
):
    report = verified_report(org.staff, org.staff2)
    client = verified_client(staff.intake)
    url = f"{reverse('cases:open_from_report')}?report={report.pk}"
    form = client.get(url).context["form"]
    assert set(form.initial["accused"]) == {org.staff.pk, org.staff2.pk}
    page = client.get(url).content.decode()
    assert page.count('name="accused"') == 2 and "checked" in page
    response = client.post(
        url,
        {
            "report": report.pk,
            "accused": [org.staff.pk, org.staff2.pk],
            "provision": "pp-94-2021:3:f",
            "impact": "instansi",
            "do": "open",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert set(case.accused.values_list("employee_id", flat=True)) == {org.staff.pk, org.staff2.pk}
    # Each accused has their own allegation, dated and placed from the report.
    assert case.allegations.count() == 2
    assert set(case.allegations.values_list("committed_on", flat=True)) == {date(2026, 10, 2)}
    assert case.source_reports.get().report == report


def test_several_accused_are_found_by_unit_and_ticked_at_once_with_a_stated_post(
    org, staff, instansi, contract_staff, verified_client, today
):
    client = verified_client(staff.intake)
    url = reverse("cases:open")
    typed = {
        "provision": "pp-94-2021:3:f",
        "committed_on": "2021-09-02",
        "impact": "unit_kerja",
        "known_to_superior_on": "2021-09-03",
        "summary": "Video TikTok",
    }
    # Search the unit: the page lists them, keeps what was typed, marks nothing as an error.
    response = client.post(url, {**typed, "find": "TKK-2019", "do": "find"})
    body = response.content.decode()
    assert response.status_code == 200 and "errorlist" not in body
    assert all(person.nip in body for person in contract_staff)
    assert "Video TikTok" in body
    # Tick all found: three ticked, and the page says none of them held a registry post then.
    response = client.post(url, {**typed, "find": "TKK-2019", "do": "tick_all"})
    body = response.content.decode()
    assert body.count("checked") >= 3 and 'data-testid="without-post"' in body
    events = AuditEvent.objects.count()
    # Opening without the post held then: refused in plain words, nothing saved.
    ids = [person.pk for person in contract_staff]
    refused = client.post(url, {**typed, "accused": ids, "do": "open"})
    assert refused.status_code == 400
    assert "tidak memegang jabatan dalam registri pada 2 September 2021" in refused.content.decode()
    assert not Case.objects.exists() and AuditEvent.objects.count() == events
    opened = client.post(
        url,
        {
            **typed,
            "accused": ids,
            "post_kind": "pelaksana",
            "post_name": "Tenaga Pendukung",
            "post_unit": org.units.umum.pk,
            "post_source": "Kontrak kerja TKK 2021",
            "do": "open",
        },
    )
    assert opened.status_code == 302
    case = Case.objects.get()
    assert case.accused.count() == 3
    assert StatedPost.objects.filter(case=case).count() == 3


def test_no_accused_ticked_is_refused_on_the_field(staff, verified_client, today):
    client = verified_client(staff.intake)
    response = client.post(
        reverse("cases:open"),
        {"provision": "pp-94-2021:3:f", "committed_on": "2026-10-02", "do": "open"},
    )
    assert response.status_code == 400
    assert "Centang setidaknya satu" in str(response.context["form"].errors["accused"])
    assert not Case.objects.exists()


def test_the_search_stays_within_the_instansi(org, staff, verified_client, today, instansi):
    from tegak.people.models import Instansi

    other = Instansi.objects.create(code="lain", name="Kota Lain", level="kota")
    Employee.objects.create(instansi=other, nip="999", name="Staf Lain", status="PNS")
    client = verified_client(staff.intake)
    body = client.post(reverse("cases:open"), {"find": "Staf", "do": "find"}).content.decode()
    assert "Staf Uji" in body and "Staf Lain" not in body
    # An id of another instansi posted as accused is refused on the field.
    stranger = Employee.objects.get(nip="999")
    response = client.post(
        reverse("cases:open"),
        {"accused": [stranger.pk], "provision": "pp-94-2021:3:f", "committed_on": "2026-10-02"},
    )
    assert response.status_code == 400 and response.context["form"].errors["accused"]


def test_the_provision_is_found_by_its_words_and_chosen(org, staff, verified_client, today):
    client = verified_client(staff.intake)
    body = client.post(
        reverse("cases:open"), {"provision_find": "masuk kerja", "do": "find"}
    ).content.decode()
    assert 'value="pp-94-2021:4:f"' in body and "masuk kerja dan menaati" in body
    assert 'type="radio"' in body and "errorlist" not in body
    # A code that is not in the catalog is refused on the field, nothing saved.
    response = client.post(
        reverse("cases:open"),
        {"accused": [org.staff.pk], "provision": "pp-94-2021:99:z", "committed_on": "2026-10-02"},
    )
    assert response.status_code == 400
    assert "katalog" in str(response.context["form"].errors["provision"])
    assert not Case.objects.exists()


def test_an_attendance_allegation_takes_the_counts_through_to_the_engine(
    org, staff, verified_client, today
):
    client = verified_client(staff.intake)
    typed = {
        "accused": [org.staff.pk],
        "provision": "pp-94-2021:4:f",
        "committed_on": "2026-09-30",
        "known_to_superior_on": "2026-10-05",
        "do": "open",
    }
    refused = client.post(reverse("cases:open"), typed)
    assert refused.status_code == 400 and refused.context["form"].errors["absence_days"]
    assert not Case.objects.exists()
    opened = client.post(
        reverse("cases:open"),
        {**typed, "absence_days": "8", "late_minutes": "450", "early_leave_minutes": "0"},
    )
    assert opened.status_code == 302
    allegation = Case.objects.get().allegations.get()
    assert allegation.absence["unexcused_days"] == 8 and allegation.absence["late_minutes"] == 450
    assert allegation.absence["year"] == 2026
    finding = allegation.accused.finding
    # 8 days and 450 minutes (about one more day) are weighed by the engine: a level, not a refusal.
    assert finding.get("level") in {"ringan", "sedang", "berat"}


def test_a_revoked_regulation_is_neither_offered_nor_accepted_for_a_later_act(
    org, staff, verified_client, today, instansi
):
    """Seed walk (karaoke, 26 Aug 2022): the finder offered PP 53/2010 Pasal 3 angka 11 beside
    PP 94/2021 Pasal 4 huruf f, and a case opened on it with no warning."""
    from tegak.cases import services
    from tegak.core.errors import InputError

    client = verified_client(staff.intake)
    find = {"provision_find": "masuk kerja", "accused": [org.staff.pk], "do": "find"}
    later = client.post(reverse("cases:open"), {**find, "committed_on": "2022-08-26"})
    body = later.content.decode()
    assert 'value="pp-94-2021:4:f"' in body and 'value="pp-53-2010:3:11"' not in body
    earlier = client.post(reverse("cases:open"), {**find, "committed_on": "2021-03-01"})
    assert 'value="pp-53-2010:3:11"' in earlier.content.decode()
    with pytest.raises(InputError) as error:
        services.case_open_ex_officio(
            actor=staff.intake,
            instansi=instansi,
            known_to_superior_on=date(2022, 9, 12),
            allegations=[
                {
                    "employee": org.staff,
                    "provision": "pp-53-2010:3:11",
                    "committed_on": date(2022, 8, 26),
                }
            ],
        )
    assert error.value.field == "allegations[0].provision"
    assert "PP 53/2010" in error.value.message and "30 Agustus 2021" in error.value.message
    response = client.post(
        reverse("cases:open"),
        {
            "accused": [org.staff.pk],
            "provision": "pp-53-2010:3:11",
            "committed_on": "2022-08-26",
            "known_to_superior_on": "2022-09-12",
            "absence_days": "3",
            "do": "open",
        },
    )
    assert response.status_code == 400 and not Case.objects.exists()
