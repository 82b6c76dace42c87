"""The registry pages as staff use them: scoped to their instansi, 404 for anything else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.people.models import Employee, OrgUnit

from .conftest import csv_bytes


@pytest.mark.django_db
def test_org_chart_shows_units_and_heads(tree, person, examiner, verified_client):
    kabid = person("Kabid Terlihat", tree["kabid"])
    response = verified_client(examiner).get(reverse("people:units"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Seksi Uji" in html
    assert kabid.full_name in html


@pytest.mark.django_db
def test_pages_need_login(client, tree):
    for url in (reverse("people:units"), reverse("people:employees")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_other_instansi_units_and_employees_answer_404(tree, person, outsider, verified_client):
    staf = person("Staf Rahasia", tree["staf"])
    client = verified_client(outsider)
    assert client.get(reverse("people:unit", args=[tree["seksi"].pk])).status_code == 404
    assert client.get(reverse("people:employee", args=[staf.pk])).status_code == 404
    response = client.post(reverse("people:employees"), {"query": "Rahasia"})
    assert "Staf Rahasia" not in response.content.decode()


@pytest.mark.django_db
def test_employee_list_search_and_filters_by_post(tree, person, examiner, verified_client):
    person("Ayu Pencarian", tree["staf"])
    person("Bima Lainnya", tree["analis"], status="PPPK")
    client = verified_client(examiner)
    html = client.post(reverse("people:employees"), {"query": "pencarian"}).content.decode()
    assert "Ayu Pencarian" in html and "Bima Lainnya" not in html
    html = client.post(reverse("people:employees"), {"unit": tree["seksi"].pk}).content.decode()
    assert "Ayu Pencarian" in html and "Bima Lainnya" not in html
    html = client.post(reverse("people:employees"), {"status": "PPPK"}).content.decode()
    assert "Bima Lainnya" in html and "Ayu Pencarian" not in html
    # HTMX asks for the results only.
    partial = client.post(reverse("people:employees"), {"query": "ayu"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()
    assert "Ayu Pencarian" in partial.content.decode()


@pytest.mark.django_db
def test_employee_list_pages_by_fifty(instansi, tree, person, examiner, verified_client):
    for number in range(55):
        person(f"Pegawai {number:02d}", tree["staf"])
    client = verified_client(examiner)
    first = client.post(reverse("people:employees"), {}).content.decode()
    assert "Pegawai 00" in first and "Pegawai 50" not in first
    second = client.post(reverse("people:employees"), {"page": 2}).content.decode()
    assert "Pegawai 50" in second and "Pegawai 00" not in second


@pytest.mark.django_db
def test_employee_page_shows_history_and_chain(tree, person, examiner, verified_client):
    kabid = person("Kabid Atasan", tree["kabid"])
    kasi = person("Kasi Atasan", tree["kasi"])
    staf = person("Staf Dilihat", tree["staf"])
    html = verified_client(examiner).get(reverse("people:employee", args=[staf.pk])).content
    html = html.decode()
    assert html.index(kasi.full_name) < html.index(kabid.full_name)
    assert "Pengadministrasi Umum" in html


@pytest.mark.django_db
def test_import_page_is_for_administrators_only(examiner, verified_client):
    assert verified_client(examiner).get(reverse("people:import")).status_code == 404


@pytest.mark.django_db
def test_import_page_shows_row_errors_and_writes_nothing(instansi, administrator, verified_client):
    client = verified_client(administrator)
    events = AuditEvent.objects.count()
    data = csv_bytes([["code", "name", "parent_code"], ["A", "Unit A", ""], ["B", "", "ZZ"]])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("unit.csv", data, content_type="text/csv")
    response = client.post(
        reverse("people:import"), {"kind": "units", "instansi": instansi.pk, "file": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "ZZ" in html
    assert OrgUnit.objects.count() == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_import_page_imports_a_good_file(instansi, administrator, verified_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = verified_client(administrator)
    units = csv_bytes([["code", "name", "parent_code"], ["A", "Dinas A", ""]])
    client.post(
        reverse("people:import"),
        {"kind": "units", "instansi": instansi.pk, "file": SimpleUploadedFile("u.csv", units)},
    )
    people = csv_bytes(
        [
            ["nip", "name", "status", "position_kind", "position_name", "unit_code", "is_head"],
            ["199001012015032001", "Impor Web", "PNS", "pelaksana", "Staf", "A", "tidak"],
        ]
    )
    response = client.post(
        reverse("people:import"),
        {"kind": "employees", "instansi": instansi.pk, "file": SimpleUploadedFile("e.csv", people)},
    )
    assert response.status_code == 200
    assert Employee.objects.get().name == "Impor Web"
    event = AuditEvent.objects.filter(action="people.employees_imported").get()
    assert event.actor_id == administrator.pk


@pytest.mark.django_db
def test_unit_page_lists_posts_holders_and_vacancies(tree, person, examiner, verified_client):
    person("Staf Pertama", tree["staf"])
    person("Staf Kedua", tree["staf"])
    html = verified_client(examiner).get(reverse("people:unit", args=[tree["seksi"].pk]))
    html = html.content.decode()
    assert "Pengadministrasi Umum" in html
    assert "Staf Pertama" in html and "Staf Kedua" in html
    assert "Kepala Seksi" in html and "kosong" in html  # the head post has nobody
    assert "Bidang Uji" in html  # the unit above, in the breadcrumb
