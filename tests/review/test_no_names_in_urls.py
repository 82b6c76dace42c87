"""Search forms that may carry a name or NIP send it by POST, so it never lands in a URL."""

from __future__ import annotations

import re

from django.urls import reverse

from tegak.intake import services
from tegak.intake.services import ReportInput
from tegak.people.models import Employee

from .conftest import staff_client


def _report(instansi):
    report, _code = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            description="Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
            accused_text="Wiratmoko Hadiningrat, Bagian Umum",
            occurred_on=__import__("datetime").date(2026, 10, 2),
        ),
        client_key="url",
    )
    return report


def _get_forms(html: str) -> list[str]:
    return re.findall(r"<form[^>]*method=\"get\"[^>]*>.*?</form>", html, flags=re.S | re.I)


def test_the_employee_search_on_a_report_goes_by_post(instansi, intake_officer):
    report = _report(instansi)
    Employee.objects.create(
        instansi=instansi, nip="198001012005011009", name="Wiratmoko Hadiningrat", status="PNS"
    )
    client = staff_client(intake_officer)
    url = reverse("intake:detail", args=[report.pk])
    page = client.get(url).content.decode()
    assert 'name="q"' in page
    assert not [form for form in _get_forms(page) if 'name="q"' in form]
    found = client.post(url, {"q": "Wiratmoko"})
    assert found.status_code == 200
    assert "198001012005011009" in found.content.decode()
    # A name put into the URL by hand is not searched for.
    assert "198001012005011009" not in client.get(url, {"q": "Wiratmoko"}).content.decode()


def test_the_queue_search_goes_by_post(instansi, intake_officer):
    report = _report(instansi)
    other, _ = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            description="Pungutan liar di loket pelayanan, setiap hari Senin.",
            accused_text="Petugas loket",
            occurred_on=__import__("datetime").date(2026, 10, 2),
        ),
        client_key="url2",
    )
    client = staff_client(intake_officer)
    url = reverse("intake:queue")
    page = client.get(url).content.decode()
    assert 'name="search"' in page
    assert not [form for form in _get_forms(page) if 'name="search"' in form]
    found = client.post(url, {"search": "Wiratmoko"}).content.decode()
    assert report.reference in found and other.reference not in found
    assert other.reference in client.get(url, {"search": "Wiratmoko"}).content.decode()


def test_the_api_queue_search_travels_in_the_body(instansi, intake_officer):
    report = _report(instansi)
    client = staff_client(intake_officer)
    found = client.post(
        "/api/v1/intake/reports/search", {"search": "Wiratmoko"}, content_type="application/json"
    )
    assert found.status_code == 200
    assert [item["reference"] for item in found.json()] == [report.reference]
    assert (
        client.post(
            "/api/v1/intake/reports/search",
            {"search": "Tidak-ada"},
            content_type="application/json",
        ).json()
        == []
    )
    schema = client.get("/api/v1/openapi.json").json()
    parameters = schema["paths"]["/api/v1/intake/reports"]["get"].get("parameters", [])
    assert "search" not in {parameter["name"] for parameter in parameters}
