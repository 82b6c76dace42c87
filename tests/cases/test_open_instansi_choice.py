"""#18 item 4: the instansi of a new case is chosen explicitly on the HTML page too.

Before, the page took the user's first instansi by name: an examiner of two instansi could only
ever open cases in the alphabetically first one, silently. Now a user holding the role in several
is asked; `?instansi=<code>` names the choice (404 when it is not theirs); a user of one
instansi sees the form at once, as before.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.accounts.models import RoleAssignment
from tegak.cases.models import Case
from tegak.core.access import Role
from tegak.people.models import Instansi

pytestmark = pytest.mark.django_db

FORM = {
    "provision": "pp-94-2021:3:f",
    "committed_on": "2026-10-02",
    "committed_time": "15:00",
    "impact": "unit_kerja",
    "known_to_superior_on": "2026-10-05",
}


@pytest.fixture
def first_by_name(db):
    """An instansi whose name sorts before the test kota's."""
    return Instansi.objects.create(
        code="kab-awal", name="Pemerintah Kabupaten Awal", level="kabupaten_kota", time_zone="WIB"
    )


def test_an_examiner_of_two_instansi_chooses_and_the_case_opens_in_the_chosen_one(
    org, staff, verified_client, today, instansi, first_by_name
):
    RoleAssignment.objects.create(user=staff.examiner, role=Role.EXAMINER, instansi=first_by_name)
    client = verified_client(staff.examiner)

    page = client.get(reverse("cases:open"))
    assert page.status_code == 200
    assert page.templates[0].name == "cases/choose_instansi.html"
    body = page.content.decode()
    assert first_by_name.name in body and instansi.name in body
    assert 'name="find"' not in body

    # A post without a choice opens nothing in either instansi.
    refused = client.post(reverse("cases:open"), {"employee": org.staff.pk, **FORM})
    assert refused.status_code == 200 and not Case.objects.exists()

    url = reverse("cases:open") + f"?instansi={instansi.code}"
    form = client.get(url)
    assert form.status_code == 200 and 'name="find"' in form.content.decode()
    assert instansi.name in form.content.decode()
    opened = client.post(url, {"employee": org.staff.pk, **FORM})
    assert opened.status_code == 302
    assert Case.objects.get().instansi == instansi


def test_an_instansi_that_is_not_the_users_answers_404(org, staff, verified_client, first_by_name):
    client = verified_client(staff.examiner)
    url = reverse("cases:open") + f"?instansi={first_by_name.code}"
    assert client.get(url).status_code == 404
    assert client.post(url, {"employee": org.staff.pk, **FORM}).status_code == 404
    assert not Case.objects.exists()


def test_a_user_of_one_instansi_sees_the_form_at_once(org, staff, verified_client):
    page = verified_client(staff.examiner).get(reverse("cases:open"))
    assert page.status_code == 200 and 'name="find"' in page.content.decode()


def test_opening_from_a_report_asks_too_and_the_report_names_its_instansi(
    staff, verified_client, instansi, first_by_name
):
    RoleAssignment.objects.create(
        user=staff.intake, role=Role.INTAKE_OFFICER, instansi=first_by_name
    )
    client = verified_client(staff.intake)
    page = client.get(reverse("cases:open_from_report"))
    assert page.templates[0].name == "cases/choose_instansi.html"
    chosen = client.get(reverse("cases:open_from_report") + f"?instansi={instansi.code}")
    assert chosen.status_code == 200 and chosen.templates[0].name == "cases/open.html"
