"""Opening a case from a report (seed walk, critical): the form opens from exactly the report in
the address, refuses with the reason (and opens nothing) a report that cannot be used, and never
dates the superior's knowledge or the opening before the report existed (reading C27)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.cases import services
from tegak.cases.models import Case
from tegak.core.errors import InputError
from tegak.intake.services import (
    report_create_from_media,
    report_link_employee,
    report_merge,
    report_reject,
    report_verify,
)

pytestmark = pytest.mark.django_db

ALLEGATION = {"provision": "pp-94-2021:3:f", "impact": "instansi"}


def _typed(report, org, **extra):
    return {
        "report": report.pk,
        "accused": [org.staff.pk],
        "provision": "pp-94-2021:3:f",
        "impact": "instansi",
        "do": "open",
        **extra,
    }


def _url(report_id):
    return f"{reverse('cases:open_from_report')}?report={report_id}"


def test_a_report_already_in_a_case_is_refused_and_no_other_report_is_used(
    verified_report, org, staff, verified_client, today
):
    other = verified_report(org.staff)  # a verified report the form used to fall back on
    taken = verified_report(org.staff)
    first = services.case_open_from_reports(
        actor=staff.intake, reports=[taken], allegations=[{"employee": org.staff, **ALLEGATION}]
    )
    client = verified_client(staff.intake)
    page = client.get(_url(taken.pk))
    assert page.status_code == 409
    body = page.content.decode()
    assert f"sudah dalam kasus {first.register_number}" in body
    assert "Tidak ada kasus yang dibuka" in body
    assert 'name="report"' not in body and f"#{other.pk} —" not in body
    # Posting the old form (the other report in it, dates of 2021) opens nothing.
    sent = client.post(
        _url(taken.pk),
        _typed(other, org, known_to_superior_on="2021-08-04", opened_on="2021-08-05"),
    )
    assert sent.status_code == 409
    assert Case.objects.count() == 1


@pytest.mark.parametrize("how", ["merged", "rejected", "unverified", "missing"])
def test_a_report_that_cannot_be_taken_into_a_case_is_refused_with_the_reason(
    how, verified_report, org, staff, verified_client, today
):
    target = verified_report(org.staff)
    report = verified_report(org.staff, verify=False)
    expected, status, report_id = "", 409, report.pk
    if how == "merged":
        report_merge(actor=staff.intake, report=report, into=target)
        expected = f"digabungkan ke laporan {target.reference}"
    elif how == "rejected":
        report_reject(actor=staff.intake, report=report, reason="Bukan wewenang instansi.")
        expected = "ditolak"
    elif how == "unverified":
        expected = "belum diverifikasi"
    else:
        expected, status, report_id = "tidak ditemukan", 404, 999999
    page = verified_client(staff.intake).get(_url(report_id))
    assert page.status_code == status
    body = page.content.decode()
    assert expected in body and 'data-testid="report-refused"' in body
    assert 'name="report"' not in body
    assert Case.objects.count() == 0


def test_the_form_offers_only_the_report_in_the_address(
    verified_report, org, staff, verified_client, today
):
    other = verified_report(org.staff)
    report = verified_report(org.staff)
    client = verified_client(staff.intake)
    form = client.get(_url(report.pk)).context["form"]
    assert [value for value, _label in form.fields["report"].choices] == [str(report.pk)]
    refused = client.post(_url(report.pk), _typed(other, org))
    assert refused.status_code == 400 and Case.objects.count() == 0
    # Without a report in the address nothing is chosen for the user.
    form = client.get(reverse("cases:open_from_report")).context["form"]
    assert form.fields["report"].choices[0][0] == ""
    assert client.post(reverse("cases:open_from_report"), _typed(report, org) | {"report": ""})
    assert Case.objects.count() == 0
    opened = client.post(_url(report.pk), _typed(report, org))
    assert opened.status_code == 302
    assert Case.objects.get().source_reports.get().report == report


def test_the_superior_cannot_have_learned_of_it_before_the_report_was_received(
    verified_report, org, staff, verified_client, today
):
    report = verified_report(org.staff)  # received 5 October 2026
    client = verified_client(staff.intake)
    page = client.post(
        _url(report.pk),
        _typed(report, org, known_to_superior_on="2026-10-04", opened_on="2026-10-04"),
    )
    assert page.status_code == 400
    errors = page.context["form"].errors
    assert "5 Oktober 2026" in str(errors["known_to_superior_on"])
    assert "sebelum laporan" in page.content.decode()
    late = client.post(
        _url(report.pk), _typed(report, org, known_to_superior_on="", opened_on="2026-10-04")
    )
    assert late.status_code == 400
    assert "5 Oktober 2026" in str(late.context["form"].errors["opened_on"])
    assert Case.objects.count() == 0
    opened = client.post(
        _url(report.pk),
        _typed(report, org, known_to_superior_on="2026-10-05", opened_on="2026-10-06"),
    )
    assert opened.status_code == 302
    case = Case.objects.get()
    assert (case.known_to_superior_on, case.opened_on) == (date(2026, 10, 5), date(2026, 10, 6))


def test_a_case_from_a_news_report_is_not_dated_before_the_agency_learned_of_it(
    org, staff, instansi, today, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    report = report_create_from_media(
        actor=staff.intake,
        instansi=instansi,
        source_url="https://berita.test/karaoke-setwan",
        outlet="Berita Uji",
        published_on=date(2026, 10, 3),
        seen_on=date(2026, 10, 5),
        text="Pegawai Sekretariat DPRD berkaraoke pada jam kerja, Jumat 2 Oktober 2026.",
        occurred_on=date(2026, 10, 2),
    )
    report_link_employee(actor=staff.intake, report=report, employee=org.staff)
    report_verify(actor=staff.intake, report=report, on=date(2026, 10, 6))
    report.refresh_from_db()
    for field, typed in (
        ("known_to_superior_on", {"known_to_superior_on": date(2026, 10, 3)}),
        ("opened_on", {"opened_on": date(2026, 10, 4)}),
    ):
        with pytest.raises(InputError) as refused:
            services.case_open_from_reports(
                actor=staff.intake,
                reports=[report],
                allegations=[{"employee": org.staff, **ALLEGATION}],
                **typed,
            )
        assert refused.value.field == field
        assert "5 Oktober 2026" in str(refused.value.message)
    assert Case.objects.count() == 0
